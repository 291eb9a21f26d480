// The pages with charts, under the app's real Content-Security-Policy, in a 375-pixel-wide window (a small phone):
// no CSP violation or console error (the CSP blocks a chart's style attribute), and no sideways page scroll
// (charts scale to the page; wide tables scroll in a region of their own).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { launchBrowser, startApp, testDatabaseKinds, type RunningApp } from './support.js'
import { demoIds } from '../../src/test-support/demo-ids.js'
import { link } from '../../src/test-support/route-walk.js'
import { paths } from '../../src/web/paths.js'
import { ACCESSIBILITY_PAGES, type PageCheck } from './accessibility-pages.js'
import { SignInPage } from './pages/sign-in-page.js'
import { verifyHeading } from './pages/abstract-page.js'

const P = paths.council
const PHONE = { width: 375, height: 812 }

/** One page of each route that draws a chart: the first the accessibility walk opens. */
const CHART_ROUTES: unknown[] = [
  P.measure,
  P.vitalSigns,
  P.report,
  P.benchmarks,
  P.allInspections,
  P.practiceStandard,
  P.leadership,
]
const CHART_PAGES: PageCheck[] = CHART_ROUTES.map((route) => {
  const check = ACCESSIBILITY_PAGES.find((c) => c.route === route)
  assert.ok(check, 'each chart route is in the accessibility walk')
  return check
})

const kind = testDatabaseKinds()[0]!
describe(`pages with charts on a phone, under the CSP, on ${kind.name}`, () => {
  let app: RunningApp
  let browser: Browser
  let ids: Awaited<ReturnType<typeof demoIds>>
  const contexts = new Map<string, { context: BrowserContext; page: Page; problems: string[] }>()

  before(async () => {
    app = await startApp(kind, { national: true })
    browser = await launchBrowser()
    ids = await demoIds(app.database.db)
  })
  after(async () => {
    for (const { context } of contexts.values()) await context.close()
    await browser?.close()
    await app?.stop()
  })

  /** A phone-sized window signed in as the person, reporting console errors and CSP violations. */
  async function phoneAs(email: string) {
    let open = contexts.get(email)
    if (!open) {
      const context = await browser.newContext({ baseURL: app.baseUrl, viewport: PHONE })
      const problems: string[] = []
      // Reported by the page itself as well as by the console, with the blocked directive and what it blocked.
      await context.addInitScript(() =>
        document.addEventListener('securitypolicyviolation', (e) =>
          console.error(`securitypolicyviolation: ${e.violatedDirective} blocked ${e.blockedURI} (${e.sample})`),
        ),
      )
      const page = await context.newPage()
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(m.text())
      })
      page.on('pageerror', (e) => problems.push(e.message))
      await SignInPage.signInAs(page, email)
      open = { context, page, problems }
      contexts.set(email, open)
    }
    return open
  }

  for (const check of CHART_PAGES) {
    it(`${String(check.heading)}: no CSP violation, charts drawn, no sideways scroll`, async () => {
      const { page, problems } = await phoneAs(check.as!)
      problems.length = 0
      const url = link(check.route, check.args(ids)) + (check.query ?? '')
      const response = await page.goto(url)
      assert.equal(response?.status(), 200, `${url} returned ${response?.status()}`)
      await verifyHeading(page, check.heading)
      const charts = page.locator('svg[role="img"]')
      assert.ok((await charts.count()) > 0, `${url} draws a chart`)
      assert.deepEqual(problems, [], `${url} logged errors`)
      const widths = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth,
        widestChart: Math.max(
          ...Array.from(document.querySelectorAll('svg[role="img"]')).map((s) => s.getBoundingClientRect().width),
        ),
      }))
      assert.ok(widths.page <= PHONE.width, `${url} scrolls sideways: ${widths.page} pixels wide`)
      assert.ok(widths.widestChart <= PHONE.width, `${url} has a chart ${widths.widestChart} pixels wide`)
    })
  }
})
