// Page objects: what a person can see and do on each page, found by data-qa attributes, labels and roles
// rather than CSS classes.
import type { Locator, Page } from 'playwright-core'

/** Clicks something that submits a form or follows a link, and waits for the next page to load. */
export async function submit(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated'), target.click()])
  await page.waitForLoadState('domcontentloaded')
}

export class CouncilPages {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
    readonly council = 'bradford',
  ) {}

  url(path = '') {
    return `${this.baseUrl}/councils/${this.council}${path}`
  }

  async open(path = '') {
    return this.page.goto(this.url(path))
  }

  heading(): Locator {
    return this.page.locator('h1')
  }

  errorSummary(): Locator {
    return this.page.locator('.govuk-error-summary')
  }

  banner(): Locator {
    return this.page.locator('.govuk-notification-banner')
  }

  async signOut() {
    await submit(this.page, this.page.locator('[data-qa="sign-out"]'))
  }
}

export class PlanPage extends CouncilPages {
  async openStrand(code: string) {
    await this.open('/plan')
    await submit(this.page, this.page.getByRole('link', { name: new RegExp(`^${code}\\. `) }))
  }

  async openFirstObjective() {
    await submit(this.page, this.page.locator('table a[href*="/plan/objectives/"]').first())
  }

  milestoneRows(): Locator {
    return this.page.locator('[data-qa="milestone-row"]')
  }

  updateLinks(): Locator {
    return this.page.locator('[data-qa="update-milestone"]')
  }
}

export class MilestoneForm {
  constructor(readonly page: Page) {}

  async setStatus(label: string) {
    await this.page.getByLabel(label, { exact: true }).check()
  }

  async setDate(prefix: 'completedOn' | 'dueOn', day: string, month: string, year: string) {
    await this.page.locator(`#${prefix}-day`).fill(day)
    await this.page.locator(`#${prefix}-month`).fill(month)
    await this.page.locator(`#${prefix}-year`).fill(year)
  }

  async setEvidence(text: string) {
    await this.page.locator('#evidence').fill(text)
  }

  async save() {
    await submit(this.page, this.page.locator('[data-qa="save-milestone"]'))
  }
}

export class VersionsPage extends CouncilPages {
  async publish(notes: string) {
    await this.open('/plan/versions')
    await this.page.locator('#notes').fill(notes)
    await submit(this.page, this.page.locator('[data-qa="publish-version"]'))
  }

  async compare(from: string, to: string) {
    await this.open('/plan/versions/compare')
    await this.page.locator('#from').selectOption(from)
    await this.page.locator('#to').selectOption(to)
    await submit(this.page, this.page.locator('[data-qa="compare"]'))
  }

  changes(): Locator {
    return this.page.locator('[data-qa="changes"]')
  }
}

export class ImportPage extends CouncilPages {
  async upload(filename: string, content: string) {
    await this.open('/measures/import')
    await this.page
      .locator('#file')
      .setInputFiles({ name: filename, mimeType: 'text/csv', buffer: Buffer.from(content) })
    await submit(this.page, this.page.locator('[data-qa="upload"]'))
  }

  problems(): Locator {
    return this.page.locator('[data-qa="problem"]')
  }
}
