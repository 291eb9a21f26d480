// Every page of the app, checked with axe-core (WCAG 2.0-2.2, A and AA) in Debian's Chromium, including
// pages showing validation errors. Runs on every database kind.
import assert from 'node:assert/strict'
import { after, afterEach, before, describe, it } from 'node:test'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import {
  expectNoAxeViolations,
  launchBrowser,
  signIn,
  startApp,
  testDatabaseKinds,
  type RunningApp,
} from './support.js'
import { demoIds } from '../../src/test-support/demo-ids.js'
import { submit } from './pages/pages.js'
import { paths } from '../../src/web/paths.js'

const P = paths.council
const B = 'bradford'

for (const kind of testDatabaseKinds()) {
  describe(`accessibility of every page on ${kind.name}`, () => {
    let app: RunningApp
    let browser: Browser
    let ids: Awaited<ReturnType<typeof demoIds>>

    before(async () => {
      app = await startApp(kind, { national: true })
      browser = await launchBrowser()
      ids = await demoIds(app.database.db)
    })
    after(async () => {
      await browser?.close()
      await app?.stop()
    })

    const contexts: BrowserContext[] = []
    afterEach(async () => {
      for (const c of contexts.splice(0)) await c.close()
    })

    async function newPage(email?: string): Promise<Page> {
      const context = await browser.newContext()
      contexts.push(context)
      const page = await context.newPage()
      if (email) await signIn(page, app.baseUrl, email)
      return page
    }

    async function check(page: Page, path: string, expectStatus = 200) {
      const response = await page.goto(`${app.baseUrl}${path}`)
      assert.equal(response?.status(), expectStatus, `${path} returned ${response?.status()}`)
      await expectNoAxeViolations(page, path)
    }

    it('sign-in page, with and without errors', async () => {
      const page = await newPage()
      await check(page, paths.signIn())
      await submit(page, page.locator('[data-qa="sign-in"]'))
      assert.ok(await page.locator('.govuk-error-summary').isVisible())
      await expectNoAxeViolations(page, 'sign-in with errors')
    })

    it('choosing a council (an adviser with two councils)', async () => {
      await check(await newPage('adviser@dfe.example'), '/')
    })

    it('plan pages for the improvement team', async () => {
      const page = await newPage('improvement@bradford.example')
      for (const path of [
        P.home(B),
        P.plan(B),
        P.strand(B, ids.otherStrand),
        P.editStrand(B, ids.otherStrand),
        P.newStrand(B),
        P.newObjective(B, ids.otherStrand),
        P.objective(B, ids.otherObjective),
        P.editObjective(B, ids.otherObjective),
        P.newMilestone(B, ids.otherObjective),
        P.editMilestone(B, ids.otherMilestone),
        P.deleteMilestone(B, ids.otherMilestone),
      ]) {
        await check(page, path)
      }
    })

    it('forms showing errors', async () => {
      const page = await newPage('improvement@bradford.example')
      const form = await page.goto(`${app.baseUrl}${P.editMilestone(B, ids.otherMilestone)}`)
      assert.equal(
        form?.status(),
        200,
        `milestone form returned ${form?.status()}: ${(await page.locator('h1').textContent()) ?? ''}`,
      )
      await page.locator('#title').fill('')
      await page.locator('#dueOn-day').fill('40')
      await submit(page, page.locator('[data-qa="save-milestone"]'))
      assert.ok(await page.locator('.govuk-error-summary').isVisible())
      await expectNoAxeViolations(page, 'milestone form with errors')

      await page.goto(`${app.baseUrl}${P.objective(B, ids.otherObjective)}`)
      await submit(page, page.locator('[data-qa="add-update"]'))
      assert.ok(await page.locator('.govuk-error-summary').isVisible())
      await expectNoAxeViolations(page, 'objective page with an error')

      await page.goto(`${app.baseUrl}${P.newStrand(B)}`)
      await submit(page, page.locator('[data-qa="save-strand"]'))
      await expectNoAxeViolations(page, 'new strand with errors')

      await page.goto(`${app.baseUrl}${P.measure(B, ids.recordedMeasure)}`)
      await submit(page, page.locator('[data-qa="save-value"]'))
      assert.ok(await page.locator('.govuk-error-summary').isVisible())
      await expectNoAxeViolations(page, 'measure page with an error')
    })

    it('published versions, a version and the comparison', async () => {
      const page = await newPage('board@bradford.example')
      for (const path of [
        P.versions(B),
        P.version(B, 2),
        `${P.compareVersions(B)}?from=1&to=2`,
        `${P.compareVersions(B)}?from=2&to=draft`,
      ]) {
        await check(page, path)
      }
    })

    it('measures, a measure, Vital Signs, and the measure form', async () => {
      const page = await newPage('improvement@bradford.example')
      for (const path of [
        P.measures(B),
        P.measure(B, ids.derivedMeasure),
        P.measure(B, ids.recordedMeasure),
        P.vitalSigns(B),
        `${P.vitalSigns(B)}?baseline=2019-09`,
        P.newMeasure(B),
        P.editMeasure(B, ids.recordedMeasure),
        P.importData(B),
      ]) {
        await check(page, path)
      }
    })

    it('an import preview with problems, and one ready to confirm', async () => {
      const page = await newPage('improvement@bradford.example')
      const upload = async (content: string) => {
        await page.goto(`${app.baseUrl}${P.importData(B)}`)
        await page
          .locator('#file')
          .setInputFiles({ name: 'values.csv', mimeType: 'text/csv', buffer: Buffer.from(content) })
        await submit(page, page.locator('[data-qa="upload"]'))
      }
      await upload('measure_code,period,value\nNOPE,2021-12,1\nVS-CASELOAD,2021-13,x\n')
      assert.equal(await page.locator('[data-qa="problem"]').count(), 3)
      await expectNoAxeViolations(page, 'import preview with problems')
      await upload('measure_code,period,value\nVS-CASELOAD,2021-12,17\n')
      assert.ok(await page.locator('[data-qa="confirm-import"]').isVisible())
      await expectNoAxeViolations(page, 'import preview ready to confirm')
      await upload('')
      assert.ok(await page.locator('.govuk-error-summary').isVisible())
      await expectNoAxeViolations(page, 'upload error')
    })

    it('progress reports: list, draft with its forms, published, printable, comparison, partner requests', async () => {
      const page = await newPage('improvement@bradford.example')
      for (const path of [
        P.reports(B),
        P.report(B, ids.draftReport),
        P.report(B, ids.publishedReport),
        P.reportPrint(B, ids.publishedReport),
        P.compareReport(B, ids.draftReport),
        P.partnerRequests(B),
      ]) {
        await check(page, path)
      }
      await page.goto(`${app.baseUrl}${P.report(B, ids.draftReport)}`)
      await page.getByLabel('Red: off track').check() // with no reason given
      await submit(page, page.locator('[data-qa="save-override"]'))
      await page.locator('.govuk-error-summary').waitFor({ state: 'visible' })
      await expectNoAxeViolations(page, 'report with an error')
      await page.goto(`${app.baseUrl}${P.partnerRequests(B)}`)
      await submit(page, page.locator('[data-qa="save-partner-request"]'))
      await page.locator('.govuk-error-summary').waitFor({ state: 'visible' })
      await expectNoAxeViolations(page, 'partner requests with errors')
    })

    it('national benchmarks, an indicator against the neighbours, inspections, loading national data and linking a council', async () => {
      const page = await newPage('admin@bradford.example')
      for (const path of [
        P.benchmarks(B),
        P.benchmarkIndicator(B, 'rereferrals'),
        `${P.benchmarkIndicator(B, 'care-leavers-suitable-17-18')}?year=2025`,
        P.inspections(B),
        P.allInspections(B),
        P.areaInspections(B, '380'),
        P.nationalData(B),
      ]) {
        await check(page, path)
      }
      await submit(page, page.locator('[data-qa="load-release"]'))
      await page.locator('.govuk-error-summary').waitFor({ state: 'visible' })
      await expectNoAxeViolations(page, 'national data with an error')

      const unlinked = await newPage('admin@northfield.example')
      await check(unlinked, P.benchmarks('northfield'))
      await check(unlinked, P.nationalData('northfield'))
      await submit(unlinked, unlinked.locator('[data-qa="link-council"]'))
      await unlinked.locator('.govuk-error-summary').waitFor({ state: 'visible' })
      await expectNoAxeViolations(unlinked, 'linking a council with nothing chosen')
    })

    it('the audit trail, with and without filters and with a bad date', async () => {
      const page = await newPage('admin@bradford.example')
      await check(page, P.audit(B))
      await check(page, `${P.audit(B)}?entity=milestone&action=update`)
      await page.goto(`${app.baseUrl}${P.audit(B)}?from=yesterday`)
      await page.locator('.govuk-error-summary').waitFor({ state: 'visible' })
      await expectNoAxeViolations(page, 'audit trail with a bad date')
    })

    it('users, adding a person (with errors) and changing a role', async () => {
      const page = await newPage('admin@bradford.example')
      await check(page, P.users(B))
      await check(page, P.newUser(B))
      await submit(page, page.locator('[data-qa="save-user"]'))
      assert.ok(await page.locator('.govuk-error-summary').isVisible())
      await expectNoAxeViolations(page, 'add user with errors')
      await check(page, P.editUser(B, ids.viewerUser))
    })

    it('the overview for a viewer, and the 404 and 403 pages', async () => {
      const page = await newPage('councillor@bradford.example')
      await check(page, P.home(B))
      await check(page, P.plan(B), 403)
      await check(page, P.home('northfield'), 404)
      await check(page, '/no/such/page', 404)
    })
  })
}
