import type { Locator, Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, submit, verifyHeading } from './abstract-page.js'

/** The fieldsets of the form's two dates, by their legends. */
type DateField = 'Date completed' | 'Due date'

/** Updating a milestone (or adding one). */
export class MilestoneFormPage extends AbstractPage {
  readonly evidence: Locator
  readonly milestoneTitle: Locator

  private constructor(page: Page) {
    super(page)
    this.evidence = page.getByLabel('Evidence (optional)')
    this.milestoneTitle = page.getByLabel('Milestone', { exact: true })
  }

  static async verifyOnPage(
    page: Page,
    heading: 'Update milestone' | 'Add a milestone' = 'Update milestone',
  ): Promise<MilestoneFormPage> {
    await verifyHeading(page, heading)
    return new MilestoneFormPage(page)
  }

  static async openEdit(page: Page, council: string, milestoneId: number): Promise<MilestoneFormPage> {
    await page.goto(paths.council.editMilestone(council, milestoneId))
    return MilestoneFormPage.verifyOnPage(page)
  }

  async setStatus(label: string): Promise<void> {
    await this.page.getByRole('group', { name: 'Status' }).getByLabel(label, { exact: true }).check()
  }

  /** The day, month and year inputs of a date. */
  date(field: DateField): { day: Locator; month: Locator; year: Locator } {
    const group = this.page.getByRole('group', { name: field })
    return {
      day: group.getByLabel('Day', { exact: true }),
      month: group.getByLabel('Month', { exact: true }),
      year: group.getByLabel('Year', { exact: true }),
    }
  }

  async setDate(field: DateField, day: string, month: string, year: string): Promise<void> {
    const date = this.date(field)
    await date.day.fill(day)
    await date.month.fill(month)
    await date.year.fill(year)
  }

  async save(): Promise<void> {
    await submit(this.page, this.page.locator('[data-qa="save-milestone"]'))
  }
}
