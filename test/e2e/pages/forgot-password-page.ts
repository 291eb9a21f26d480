import type { Locator, Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, submit, verifyHeading } from './abstract-page.js'

/** "Forgotten your password?": asking for a link to reset it. */
export class ForgotPasswordPage extends AbstractPage {
  readonly email: Locator
  readonly sendButton: Locator

  private constructor(page: Page) {
    super(page)
    this.email = page.locator('[data-qa="email"]')
    this.sendButton = page.locator('[data-qa="send-reset-link"]')
  }

  static async verifyOnPage(page: Page): Promise<ForgotPasswordPage> {
    await verifyHeading(page, 'Reset your password')
    return new ForgotPasswordPage(page)
  }

  static async open(page: Page): Promise<ForgotPasswordPage> {
    await page.goto(paths.forgotPassword())
    return ForgotPasswordPage.verifyOnPage(page)
  }

  async ask(email: string): Promise<void> {
    await this.email.fill(email)
    await submit(this.page, this.sendButton)
  }
}
