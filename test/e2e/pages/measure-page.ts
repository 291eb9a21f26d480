import type { Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, submit, verifyHeading, type Heading } from './abstract-page.js'

/** A success measure, headed with its name: its chart, data and the forms to update it. */
export class MeasurePage extends AbstractPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, name: Heading): Promise<MeasurePage> {
    await verifyHeading(page, name)
    return new MeasurePage(page)
  }

  static async open(page: Page, council: string, measureId: number, name: Heading): Promise<MeasurePage> {
    await page.goto(paths.council.measure(council, measureId))
    return MeasurePage.verifyOnPage(page, name)
  }

  /** Saves the "Add or correct a value" form as it is. */
  async saveValue(): Promise<void> {
    await submit(this.page, this.page.locator('[data-qa="save-value"]'))
  }
}
