import assert from 'node:assert/strict'
import type { Locator, Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { DEMO_PASSWORD } from '../../../src/demo/seed-demo.js'
import { AbstractPage, submit, verifyHeading } from './abstract-page.js'

export class SignInPage extends AbstractPage {
  readonly email: Locator
  readonly password: Locator
  readonly signInButton: Locator

  private constructor(page: Page) {
    super(page)
    this.email = page.locator('[data-qa="email"]')
    this.password = page.locator('[data-qa="password"]')
    this.signInButton = page.locator('[data-qa="sign-in"]')
  }

  static async verifyOnPage(page: Page): Promise<SignInPage> {
    await verifyHeading(page, 'Sign in to Turnaround')
    return new SignInPage(page)
  }

  static async open(page: Page): Promise<SignInPage> {
    await page.goto(paths.signIn())
    return SignInPage.verifyOnPage(page)
  }

  /** Signs in through the sign-in page, as a person would, and checks it let them in. */
  static async signInAs(page: Page, email: string): Promise<void> {
    await (await SignInPage.open(page)).signIn(email)
    assert.ok(
      !new URL(page.url()).pathname.startsWith(paths.signIn()),
      `signing in as ${email} did not leave the sign-in page`,
    )
  }

  async signIn(email: string, password = DEMO_PASSWORD): Promise<void> {
    await this.email.fill(email)
    await this.password.fill(password)
    await submit(this.page, this.signInButton)
  }
}
