import type { Page } from 'playwright-core'
import { AbstractPage, verifyHeading } from './abstract-page.js'

/** The 404 page, also shown for another council's records. */
export class NotFoundPage extends AbstractPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<NotFoundPage> {
    await verifyHeading(page, /Page not found/)
    return new NotFoundPage(page)
  }
}
