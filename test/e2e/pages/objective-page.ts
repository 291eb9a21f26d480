import type { Locator, Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, submit, textOf, verifyHeading, type Heading } from './abstract-page.js'
import { MilestoneFormPage } from './milestone-form-page.js'

/** An objective, headed with its title: its milestones and progress updates. */
export class ObjectivePage extends AbstractPage {
  readonly milestoneRows: Locator
  /** The Update link of each milestone the person may edit. */
  readonly updateLinks: Locator
  readonly progressUpdate: Locator
  readonly updates: Locator

  private constructor(page: Page) {
    super(page)
    this.milestoneRows = page.locator('[data-qa="milestone-row"]')
    this.updateLinks = page.locator('[data-qa="update-milestone"]')
    this.progressUpdate = page.getByLabel('Add a progress update')
    this.updates = page.locator('[data-qa="update"]')
  }

  static async verifyOnPage(page: Page, title: Heading): Promise<ObjectivePage> {
    await verifyHeading(page, title)
    return new ObjectivePage(page)
  }

  static async open(page: Page, council: string, objectiveId: number, title: Heading): Promise<ObjectivePage> {
    await page.goto(paths.council.objective(council, objectiveId))
    return ObjectivePage.verifyOnPage(page, title)
  }

  async milestoneTitle(row: Locator): Promise<string> {
    return textOf(row.locator('[data-qa="milestone-title"]'))
  }

  milestoneRow(title: string): Locator {
    return this.milestoneRows.filter({ has: this.page.locator('[data-qa="milestone-title"]', { hasText: title }) })
  }

  async updateMilestone(row: Locator): Promise<MilestoneFormPage> {
    await submit(this.page, row.locator('[data-qa="update-milestone"]'))
    return MilestoneFormPage.verifyOnPage(this.page)
  }

  /** Adds a progress update (an empty one shows an error). */
  async addUpdate(text: string): Promise<void> {
    await this.progressUpdate.fill(text)
    await submit(this.page, this.page.locator('[data-qa="add-update"]'))
  }
}
