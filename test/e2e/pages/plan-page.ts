import type { Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, submit, textOf, verifyHeading, type Heading } from './abstract-page.js'
import { StrandPage } from './strand-page.js'

/** The live plan: every strand, by half. */
export class PlanPage extends AbstractPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, title: Heading = /Improvement Plan/): Promise<PlanPage> {
    await verifyHeading(page, title)
    return new PlanPage(page)
  }

  static async open(page: Page, council: string): Promise<PlanPage> {
    await page.goto(paths.council.plan(council))
    return PlanPage.verifyOnPage(page)
  }

  /** Follows the link to a strand by its code ("5"), checking the strand page has the title the link gave. */
  async openStrand(code: string): Promise<StrandPage> {
    const link = this.page.getByRole('link', { name: new RegExp(`^${code}\\. `) })
    const title = (await textOf(link)).replace(/^\S+\. /, '')
    await submit(this.page, link)
    return StrandPage.verifyOnPage(this.page, title)
  }
}
