import type { Page } from 'playwright-core'
import { AbstractPage, verifyHeading } from './abstract-page.js'

/** The 403 page: the person's role does not allow this. */
export class ForbiddenPage extends AbstractPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<ForbiddenPage> {
    await verifyHeading(page, /You do not have permission/)
    return new ForbiddenPage(page)
  }
}
