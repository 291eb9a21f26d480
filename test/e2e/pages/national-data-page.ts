import type { Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, submit, verifyHeading } from './abstract-page.js'

/** The service administrator's page: loading national statistics, and linking councils to their authorities. */
export class NationalDataPage extends AbstractPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<NationalDataPage> {
    await verifyHeading(page, 'National data')
    return new NationalDataPage(page)
  }

  static async open(page: Page): Promise<NationalDataPage> {
    await page.goto(paths.serviceNationalData())
    return NationalDataPage.verifyOnPage(page)
  }

  /** Submits the release form as it is. */
  async loadRelease(): Promise<void> {
    await submit(this.page, this.page.locator('[data-qa="load-release"]'))
  }

  /** Submits the link-the-council form as it is. */
  async linkCouncil(): Promise<void> {
    await submit(this.page, this.page.locator('[data-qa="link-council"]'))
  }
}
