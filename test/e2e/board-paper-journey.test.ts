// A board paper's journey in a real browser: the improvement team submits the Q3 2022/23 report, the
// Director approves it, the team confirms and publishes it, corrects it, and publishes its public edition,
// which someone not signed in reads (axe on each new page). Runs on every database kind.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { browserJourneys, expectNoAxeViolations, testDatabaseKinds } from './support.js'
import { paths } from '../../src/web/paths.js'
import { textOf, verifyHeading } from './pages/abstract-page.js'
import { ReportPage } from './pages/report-page.js'
import { BOARD_PAPER_TEST } from './accessibility-pages.js'

const B = 'bradford'
const Q3 = 'Q3 2022/23 progress report'

for (const kind of testDatabaseKinds()) {
  describe(`board papers in the browser on ${kind.name}`, () => {
    const { newPage } = browserJourneys(kind)

    /** The demo's Q3 2022/23 draft, from the reports list. */
    async function openQ3(page: Page): Promise<ReportPage> {
      await page.goto(paths.council.reports(B))
      await page.getByRole('link', { name: 'Q3 2022/23', exact: true }).click()
      return ReportPage.verifyOnPage(page, Q3)
    }

    it(BOARD_PAPER_TEST, async () => {
      const team = await newPage('improvement@bradford.example')
      const submitted = await (await openQ3(team)).step('submit-report')
      assert.match(await submitted.flashText(), /submitted for approval/i)

      const director = await newPage('director@bradford.example')
      const approved = await (await openQ3(director)).step('approve-report')
      assert.match(await approved.flashText(), /approved/i)

      const report = await openQ3(team)
      await report.openPublish()
      await expectNoAxeViolations(team, 'publish confirmation')
      const published = await report.confirmPublish()
      assert.match(await textOf(published.page.locator('[data-qa="frozen"]')), /^Published/)
      assert.match(
        await textOf(published.page.locator('[data-qa="cover"]')),
        /Approved\s*\d+ \w+ \d{4} by Demo Director/,
      )
      const publishedUrl = team.url()

      // The public edition of revision 1, read by someone not signed in.
      await published.publishPublicEdition()
      const publicLink = team.locator('[data-qa="public-edition"] a')
      const publicUrl = await publicLink.getAttribute('href')
      assert.ok(publicUrl)
      const reader = await newPage()
      await reader.goto(publicUrl)
      await verifyHeading(reader, 'Q3 2022/23 progress report')
      await expectNoAxeViolations(reader, 'public edition')
      assert.doesNotMatch(await textOf(reader.locator('main')), /West Yorkshire Police/)
      const pdf = await reader.request.get((await reader.locator('[data-qa="public-pdf"]').getAttribute('href')) ?? '')
      assert.equal(pdf.status(), 200)
      assert.equal(pdf.headers()['content-type'], 'application/pdf')
      assert.equal((await pdf.body()).subarray(0, 4).toString(), '%PDF')

      // A correction: a new draft carrying the text, the old revision readable and in force until it is published.
      await team.goto(publishedUrl)
      const correction = await (
        await ReportPage.verifyOnPage(team, Q3)
      ).startCorrection('The December agency figure was misread')
      assert.match(await correction.flashText(), /revision 2/)
      assert.match(await textOf(team.locator('[data-qa="revisions"]')), /Revision 1: published, in force/)
      await expectNoAxeViolations(team, 'correction draft')
    })
  })
}
