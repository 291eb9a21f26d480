import type { Locator, Page } from 'playwright-core'
import { AbstractPage, submit, verifyHeading, type Heading } from './abstract-page.js'

/** Choosing a password from a link sent by email: an invitation, or a password reset. */
export class ChoosePasswordPage extends AbstractPage {
  readonly password: Locator
  readonly confirmPassword: Locator
  readonly saveButton: Locator

  private constructor(page: Page) {
    super(page)
    this.password = page.locator('[data-qa="password"]')
    this.confirmPassword = page.locator('[data-qa="confirm-password"]')
    this.saveButton = page.locator('[data-qa="save-password"]')
  }

  static async verifyOnPage(
    page: Page,
    heading: Heading = /^Choose (your|a new) password$/,
  ): Promise<ChoosePasswordPage> {
    await verifyHeading(page, heading)
    return new ChoosePasswordPage(page)
  }

  /** Opens the link from the email (its path). */
  static async open(page: Page, link: string): Promise<ChoosePasswordPage> {
    await page.goto(link)
    return ChoosePasswordPage.verifyOnPage(page)
  }

  async choose(password: string, confirmPassword = password): Promise<void> {
    await this.password.fill(password)
    await this.confirmPassword.fill(confirmPassword)
    await submit(this.page, this.saveButton)
  }
}
