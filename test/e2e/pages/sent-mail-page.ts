import type { Locator, Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, submit, verifyHeading, type Heading } from './abstract-page.js'

/** A council's Sent mail: every message queued for its people, newest first, with a status filter. */
export class SentMailPage extends AbstractPage {
  readonly messages: Locator

  private constructor(page: Page) {
    super(page)
    this.messages = page.locator('[data-qa="sent-mail"]')
  }

  static async verifyOnPage(page: Page): Promise<SentMailPage> {
    await verifyHeading(page, 'Sent mail')
    return new SentMailPage(page)
  }

  /** Opens the page, filtered as the filter form would send it. */
  static async open(page: Page, council: string, filters: Record<string, string> = {}): Promise<SentMailPage> {
    const query = new URLSearchParams(filters).toString()
    await page.goto(paths.council.sentMail(council) + (query ? `?${query}` : ''))
    return SentMailPage.verifyOnPage(page)
  }

  /** Opens a message by its subject. */
  async openMessage(subject: string): Promise<SentMessagePage> {
    await submit(this.page, this.messages.getByRole('link', { name: subject, exact: true }))
    return SentMessagePage.verifyOnPage(this.page, subject)
  }
}

/** One message on the Sent mail page: its details and body. */
export class SentMessagePage extends AbstractPage {
  readonly body: Locator

  private constructor(page: Page) {
    super(page)
    this.body = page.locator('[data-qa="message-body"]')
  }

  static async verifyOnPage(page: Page, subject: Heading): Promise<SentMessagePage> {
    await verifyHeading(page, subject)
    return new SentMessagePage(page)
  }
}
