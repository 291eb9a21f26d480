// Impact first, in a real browser: the fictional council's live plan shows the quarter running today and
// its draft report; a strand lead's evidence, with an attachment, is added on the objective's evidence
// page; and the report's reasons link to the items behind them. Runs on every database kind.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { browserJourneys, testDatabaseKinds } from './support.js'
import { quarterOf } from '../../src/shared/calendar.js'
import { todayIso } from '../../src/shared/dates.js'
import { submit, textOf } from './pages/abstract-page.js'
import { CouncilHomePage } from './pages/council-home-page.js'
import { EvidencePage } from './pages/evidence-page.js'
import { PlanPage } from './pages/plan-page.js'
import { ReportPage } from './pages/report-page.js'

const N = 'northfield'

for (const kind of testDatabaseKinds()) {
  describe(`impact in the browser on ${kind.name}`, () => {
    const { newPage } = browserJourneys(kind)
    const as = (email: string) => newPage(email)

    it('shows Northfield’s live plan for the quarter running today, with its draft report', async () => {
      const page = await as('admin@northfield.example')
      const home = await CouncilHomePage.open(page, N, /Northfield/)
      const quarter = quarterOf(todayIso())
      const thisQuarter = home.page.locator('[data-qa="this-quarter"]')
      assert.match(await textOf(thisQuarter), new RegExp(`This quarter: ${quarter.label}`))
      assert.ok((await home.page.locator('[data-qa="overdue"]').count()) === 1, 'a live plan has something overdue')
      await submit(page, thisQuarter.getByRole('link', { name: `${quarter.label} progress report (draft)` }))
      const report = await ReportPage.verifyOnPage(page, `${quarter.label} progress report`)
      // Each reason that names items links to them, and each one is in the report.
      const links = report.page.locator('[data-qa="strand-statuses"] [data-qa="reasons"] a')
      assert.ok((await links.count()) > 0)
      for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')!))) {
        assert.equal(await report.page.locator(href).count(), 1, `${href} is in the report`)
      }
    })

    it('lets a lead add evidence with an attachment, and lists it with the file to download', async () => {
      const page = await as('admin@northfield.example')
      const objective = await (await (await PlanPage.open(page, N)).openStrand('1')).openFirstObjective()
      await submit(page, objective.link('Evidence of impact: measures and evidence entries'))
      const evidence = await EvidencePage.verifyOnPage(page)
      const before = await evidence.entries.count()
      const [year, month, day] = todayIso().split('-') as [string, string, string]
      await evidence.add({
        day,
        month,
        year,
        kind: 'Feedback from children and families',
        direction: 'Shows improvement',
        summary: 'Young people at the participation event said their worker now visits when promised',
        file: {
          name: 'participation notes.pdf',
          mimeType: 'application/pdf',
          buffer: Buffer.from('%PDF-1.4\n%%EOF\n'),
        },
      })
      const saved = await EvidencePage.verifyOnPage(page)
      assert.match(await saved.flashText(), /Evidence added/)
      assert.equal(await saved.entries.count(), before + 1)
      const entry = saved.entries.filter({ hasText: 'participation event' })
      assert.match(await textOf(entry), /Download participation notes\.pdf/)
    })
  })
}
