// The base of every page object, after ministryofjustice/hmpps-template-typescript's integration_tests/pages:
// each page class has a static verifyOnPage(page, ...) that checks the page's heading and fails at once on the
// wrong page. Elements are found by data-qa attributes, labels and roles, never by CSS classes.
import assert from 'node:assert/strict'
import type { Locator, Page } from 'playwright-core'

/** A page's h1: its exact text, or a pattern it matches. */
export type Heading = string | RegExp

/** Clicks something that submits a form or follows a link, and waits for the next page to load. */
export async function submit(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForEvent('framenavigated'), target.click()])
  await page.waitForLoadState('domcontentloaded')
}

/** A locator's text with its white space collapsed. */
export const textOf = async (locator: Locator): Promise<string> =>
  ((await locator.textContent()) ?? '').replace(/\s+/g, ' ').trim()

/**
 * Waits for the page's h1 (`data-qa="page-heading"`) and checks its text, failing with the heading and address
 * of the page the browser is really on.
 */
export async function verifyHeading(page: Page, expected: Heading): Promise<void> {
  const anyHeading = page.locator('h1').first()
  await anyHeading.waitFor({ state: 'attached', timeout: 5000 })
  const heading = page.locator('h1[data-qa="page-heading"]')
  const where = `${page.url()} (its h1 is "${await textOf(anyHeading)}")`
  assert.equal(await heading.count(), 1, `no h1 with data-qa="page-heading" on ${where}`)
  const actual = await textOf(heading)
  const message = `expected the page headed ${String(expected)}, but on ${where}`
  if (typeof expected === 'string') assert.equal(actual, expected, message)
  else assert.match(actual, expected, message)
}

export abstract class AbstractPage {
  /** The page's h1. */
  readonly heading: Locator
  /** "There is a problem", with a link to each field in error. */
  readonly errorSummary: Locator
  /** The green banner saying what was just done, e.g. "Milestone saved". */
  readonly flash: Locator
  readonly signOutButton: Locator

  protected constructor(readonly page: Page) {
    this.heading = page.locator('[data-qa="page-heading"]')
    this.errorSummary = page.locator('[data-qa="error-summary"]')
    this.flash = page.locator('[data-qa="flash"]')
    this.signOutButton = page.locator('[data-qa="sign-out"]')
  }

  /** A link anywhere on the page, by its accessible name. */
  link(name: string): Locator {
    return this.page.getByRole('link', { name, exact: true })
  }

  async headingText(): Promise<string> {
    return textOf(this.heading)
  }

  async errorSummaryText(): Promise<string> {
    return textOf(this.errorSummary)
  }

  async flashText(): Promise<string> {
    return textOf(this.flash)
  }

  /** Waits for the error summary: some forms are checked after a moment. */
  async waitForErrorSummary(): Promise<void> {
    await this.errorSummary.waitFor({ state: 'visible' })
  }

  async signOut(): Promise<void> {
    await submit(this.page, this.signOutButton)
  }
}
