import type { Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, verifyHeading, type Heading } from './abstract-page.js'

/** A council's overview, headed with the council's name. */
export class CouncilHomePage extends AbstractPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page, councilName: Heading): Promise<CouncilHomePage> {
    await verifyHeading(page, councilName)
    return new CouncilHomePage(page)
  }

  static async open(page: Page, council: string, councilName: Heading): Promise<CouncilHomePage> {
    await page.goto(paths.council.home(council))
    return CouncilHomePage.verifyOnPage(page, councilName)
  }
}
