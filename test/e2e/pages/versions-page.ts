import type { Locator, Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, submit, verifyHeading } from './abstract-page.js'

/** The published versions of the plan, and (for those who may) publishing a new one. */
export class VersionsPage extends AbstractPage {
  readonly versionRows: Locator

  private constructor(page: Page) {
    super(page)
    this.versionRows = page.locator('[data-qa="version-row"]')
  }

  static async verifyOnPage(page: Page): Promise<VersionsPage> {
    await verifyHeading(page, 'Published versions of the plan')
    return new VersionsPage(page)
  }

  static async open(page: Page, council: string): Promise<VersionsPage> {
    await page.goto(paths.council.versions(council))
    return VersionsPage.verifyOnPage(page)
  }

  /** Publishes the plan as it is now; the browser then shows the new version. */
  async publish(notes: string): Promise<void> {
    await this.page.getByLabel('What has changed in this version (optional)').fill(notes)
    await submit(this.page, this.page.locator('[data-qa="publish-version"]'))
  }
}
