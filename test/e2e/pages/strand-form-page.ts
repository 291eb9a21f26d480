import type { Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, submit, verifyHeading, type Heading } from './abstract-page.js'

/** Adding a strand, or editing one ("Edit strand 5"). */
export class StrandFormPage extends AbstractPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, heading: Heading = 'Add a strand'): Promise<StrandFormPage> {
    await verifyHeading(page, heading)
    return new StrandFormPage(page)
  }

  static async openNew(page: Page, council: string): Promise<StrandFormPage> {
    await page.goto(paths.council.newStrand(council))
    return StrandFormPage.verifyOnPage(page)
  }

  async save(): Promise<void> {
    await submit(this.page, this.page.locator('[data-qa="save-strand"]'))
  }
}
