import type { Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, submit, verifyHeading } from './abstract-page.js'

/** Uploading a CSV or XLSX file of measure values or benchmarks, to check before importing it. */
export class ImportPage extends AbstractPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<ImportPage> {
    await verifyHeading(page, 'Import data')
    return new ImportPage(page)
  }

  static async open(page: Page, council: string): Promise<ImportPage> {
    await page.goto(paths.council.importData(council))
    return ImportPage.verifyOnPage(page)
  }

  /** Uploads a CSV file: the browser then shows its preview, or this page with an error. */
  async upload(filename: string, content: string): Promise<void> {
    await this.page
      .getByLabel('Upload a file')
      .setInputFiles({ name: filename, mimeType: 'text/csv', buffer: Buffer.from(content) })
    await submit(this.page, this.page.locator('[data-qa="upload"]'))
  }
}
