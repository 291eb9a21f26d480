import type { Locator, Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, verifyHeading } from './abstract-page.js'

/** The audit trail: every change, newest first, with filters. */
export class AuditPage extends AbstractPage {
  readonly entries: Locator

  private constructor(page: Page) {
    super(page)
    this.entries = page.locator('[data-qa="audit-entries"]')
  }

  static async verifyOnPage(page: Page): Promise<AuditPage> {
    await verifyHeading(page, 'Audit trail')
    return new AuditPage(page)
  }

  /** Opens the trail, filtered by the given fields (as the filter form would send them). */
  static async open(page: Page, council: string, filters: Record<string, string> = {}): Promise<AuditPage> {
    const query = new URLSearchParams(filters).toString()
    await page.goto(paths.council.audit(council) + (query ? `?${query}` : ''))
    return AuditPage.verifyOnPage(page)
  }
}
