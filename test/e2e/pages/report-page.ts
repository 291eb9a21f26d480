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

  /** Presses one of the approval buttons (submit, approve) and waits for the report again. */
  async step(qa: 'submit-report' | 'approve-report'): Promise<ReportPage> {
    await submit(this.page, this.page.locator(`[data-qa="${qa}"]`))
    return ReportPage.verifyOnPage(this.page)
  }

  /** Follows "Publish the report" to its confirmation page, checking its heading. */
  async openPublish(): Promise<void> {
    await submit(this.page, this.page.locator('[data-qa="publish-link"]'))
    await verifyHeading(this.page, /^Publish the .* progress report$/)
  }

  /** On the confirmation page: publishes, and waits for the published report. */
  async confirmPublish(): Promise<ReportPage> {
    await submit(this.page, this.page.locator('[data-qa="publish-report"]'))
    return ReportPage.verifyOnPage(this.page)
  }

  /** Starts a correction with a reason, and waits for the new draft. */
  async startCorrection(reason: string): Promise<ReportPage> {
    await submit(this.page, this.page.locator('[data-qa="correct-link"]'))
    await verifyHeading(this.page, /^Correct the .* progress report$/)
    await this.page.getByLabel('Why the report needs correcting').fill(reason)
    await submit(this.page, this.page.locator('[data-qa="start-correction"]'))
    return ReportPage.verifyOnPage(this.page)
  }

  async publishPublicEdition(): Promise<ReportPage> {
    await submit(this.page, this.page.locator('[data-qa="publish-public"]'))
    return ReportPage.verifyOnPage(this.page)
  }
}
