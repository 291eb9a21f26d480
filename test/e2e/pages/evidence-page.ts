import type { Locator, Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, submit, verifyHeading } from './abstract-page.js'

/** An objective's evidence of impact: its impact today, measures, evidence entries and the form to add one. */
export class EvidencePage extends AbstractPage {
  readonly impact: Locator
  readonly entries: Locator
  readonly summary: Locator
  readonly file: Locator

  private constructor(page: Page) {
    super(page)
    this.impact = page.locator('[data-qa="impact"]').first()
    this.entries = page.locator('[data-qa="evidence-row"]')
    this.summary = page.getByLabel('What it shows')
    this.file = page.getByLabel('Attachment')
  }

  static async verifyOnPage(page: Page): Promise<EvidencePage> {
    await verifyHeading(page, 'Evidence of impact')
    return new EvidencePage(page)
  }

  static async open(page: Page, council: string, objectiveId: number): Promise<EvidencePage> {
    await page.goto(paths.council.objectiveEvidence(council, objectiveId))
    return EvidencePage.verifyOnPage(page)
  }

  /** Fills the form (the date by its day, month and year) and submits it, with an optional file. */
  async add(entry: {
    day: string
    month: string
    year: string
    kind: string
    direction: string
    summary: string
    file?: { name: string; mimeType: string; buffer: Buffer }
  }): Promise<void> {
    const date = this.page.getByRole('group', { name: 'Date of the finding' })
    await date.getByLabel('Day').fill(entry.day)
    await date.getByLabel('Month').fill(entry.month)
    await date.getByLabel('Year').fill(entry.year)
    await this.page.getByLabel('Kind of evidence').selectOption({ label: entry.kind })
    await this.summary.fill(entry.summary)
    await this.page.getByRole('radio', { name: entry.direction, exact: true }).check()
    if (entry.file) await this.file.setInputFiles(entry.file)
    await submit(this.page, this.page.locator('[data-qa="add-evidence"]'))
  }
}
