import type { Locator, Page } from 'playwright-core'
import { AbstractPage, submit, textOf, verifyHeading, type Heading } from './abstract-page.js'
import { ObjectivePage } from './objective-page.js'

/** A strand, headed with its title, and its objectives. */
export class StrandPage extends AbstractPage {
  readonly objectiveLinks: Locator

  private constructor(page: Page) {
    super(page)
    this.objectiveLinks = page.locator('[data-qa="objective-link"]')
  }

  static async verifyOnPage(page: Page, title: Heading): Promise<StrandPage> {
    await verifyHeading(page, title)
    return new StrandPage(page)
  }

  async openFirstObjective(): Promise<ObjectivePage> {
    const link = this.objectiveLinks.first()
    const title = await textOf(link)
    await submit(this.page, link)
    return ObjectivePage.verifyOnPage(this.page, title)
  }
}
