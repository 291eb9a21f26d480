import type { Page } from 'playwright-core'
import { paths } from '../../../src/web/paths.js'
import { AbstractPage, submit, verifyHeading } from './abstract-page.js'

/** Giving a person access to the council. */
export class NewUserPage extends AbstractPage {
  private constructor(page: Page) {
    super(page)
  }

  static async verifyOnPage(page: Page): Promise<NewUserPage> {
    await verifyHeading(page, 'Add a person')
    return new NewUserPage(page)
  }

  static async open(page: Page, council: string): Promise<NewUserPage> {
    await page.goto(paths.council.newUser(council))
    return NewUserPage.verifyOnPage(page)
  }

  async save(): Promise<void> {
    await submit(this.page, this.page.locator('[data-qa="save-user"]'))
  }

  /** Adds a person with the role of that label; they are sent an invitation by email. */
  async add(displayName: string, email: string, roleLabel: string): Promise<void> {
    await this.page.getByLabel('Full name').fill(displayName)
    await this.page.getByLabel('Email address').fill(email)
    await this.page.getByLabel(roleLabel, { exact: true }).check()
    await this.save()
  }
}
