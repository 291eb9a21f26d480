import type { APIResponse, Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, submit, verifyHeading, type Heading } from './abstract-page.js'

export type ReportFormat = 'pdf' | 'docx' | 'xlsx'

/** A quarterly progress report ("Q2 2022/23 progress report"): its content, its forms and its downloads. */
export class ReportPage extends AbstractPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, heading: Heading = /progress report$/): Promise<ReportPage> {
    await verifyHeading(page, heading)
    return new ReportPage(page)
  }

  static async open(page: Page, council: string, reportId: number, heading?: Heading): Promise<ReportPage> {
    await page.goto(paths.council.report(council, reportId))
    return ReportPage.verifyOnPage(page, heading)
  }

  /** Chooses a status under "Set a status by hand" and saves it, with whatever reason is filled in. */
  async setStatusByHand(label: string): Promise<void> {
    await this.page.getByRole('group', { name: 'Status' }).getByLabel(label, { exact: true }).check()
    await submit(this.page, this.page.locator('[data-qa="save-override"]'))
  }

  /** Follows the report's download link for a format, with the browser's cookies, and returns the response. */
  async download(format: ReportFormat): Promise<APIResponse> {
    const href = await this.page.locator(`[data-qa="${format}-link"]`).getAttribute('href')
    if (!href) throw new Error(`the report has no ${format} link`)
    return this.page.request.get(href)
  }
}
