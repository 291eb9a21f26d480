import type { Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, submit, verifyHeading } from './abstract-page.js'

/** Contributions asked of partners, and the form to record a new request. */
export class PartnerRequestsPage extends AbstractPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<PartnerRequestsPage> {
    await verifyHeading(page, 'Contributions asked of partners')
    return new PartnerRequestsPage(page)
  }

  static async open(page: Page, council: string): Promise<PartnerRequestsPage> {
    await page.goto(paths.council.partnerRequests(council))
    return PartnerRequestsPage.verifyOnPage(page)
  }

  /** Saves the new-request form as it is. */
  async saveRequest(): Promise<void> {
    await submit(this.page, this.page.locator('[data-qa="save-partner-request"]'))
  }
}
