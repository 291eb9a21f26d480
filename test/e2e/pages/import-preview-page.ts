import type { Locator, Page } from 'playwright-core'
import { AbstractPage, verifyHeading } from './abstract-page.js'

/** An uploaded file checked row by row: its problems, or what it will change and a button to confirm. */
export class ImportPreviewPage extends AbstractPage {
  readonly problems: Locator
  readonly confirmButton: Locator

  private constructor(page: Page) {
    super(page)
    this.problems = page.locator('[data-qa="problem"]')
    this.confirmButton = page.locator('[data-qa="confirm-import"]')
  }

  static async verifyOnPage(page: Page): Promise<ImportPreviewPage> {
    await verifyHeading(page, 'Check your import')
    return new ImportPreviewPage(page)
  }
}
