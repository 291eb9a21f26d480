import type { Locator, Page } from 'playwright-core'
import { AbstractPage, verifyHeading, type Heading } from './abstract-page.js'

/** One published version of the plan ("Version 3"), frozen. */
export class VersionPage extends AbstractPage {
  readonly main: Locator

  private constructor(page: Page) {
    super(page)
    this.main = page.getByRole('main')
  }

  static async verifyOnPage(page: Page, heading: Heading): Promise<VersionPage> {
    await verifyHeading(page, heading)
    return new VersionPage(page)
  }
}
