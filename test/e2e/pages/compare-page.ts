import type { Locator, Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, submit, verifyHeading } from './abstract-page.js'

/** Two versions of the plan compared. */
export class ComparePage extends AbstractPage {
  readonly changes: Locator

  private constructor(page: Page) {
    super(page)
    this.changes = page.locator('[data-qa="changes"]')
  }

  static async verifyOnPage(page: Page): Promise<ComparePage> {
    await verifyHeading(page, 'Compare versions of the plan')
    return new ComparePage(page)
  }

  static async open(page: Page, council: string): Promise<ComparePage> {
    await page.goto(paths.council.compareVersions(council))
    return ComparePage.verifyOnPage(page)
  }

  /** Chooses two versions by number ("2", "3") and compares them. */
  async compare(from: string, to: string): Promise<ComparePage> {
    await this.page.getByLabel('From', { exact: true }).selectOption(from)
    await this.page.getByLabel('To', { exact: true }).selectOption(to)
    await submit(this.page, this.page.locator('[data-qa="compare"]'))
    return ComparePage.verifyOnPage(this.page)
  }
}
