// The Board and its partners in a real browser, in the demo's Northfield (its plan is live, dated from today):
// the improvement team reads the Board page and the action log, closes an open action as done; the draft report
// for this quarter then shows the Board's decisions with what became of them, that action done, and the risk
// register and resources filling its risks and resources section. The Northfield health partner answers the
// request addressed to their organisation, attaching a file, and the answer appears in the report. The service
// administrator changes the DfE adviser's post; the council's administrator sees it and cannot change it.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { browserJourneys, expectNoAxeViolations, testDatabaseKinds } from './support.js'
import { paths } from '../../src/web/paths.js'
import { submit, textOf, verifyHeading } from './pages/abstract-page.js'
import { BOARD_JOURNEY_TEST } from './accessibility-pages.js'
import { todayIso } from '../../src/shared/dates.js'

const P = paths.council
const N = 'northfield'
const TEAM = 'improvement@northfield.example'
const PARTNER = 'partner@northfield-health.example'
/** The smallest PDF the evidence checks accept: its signature and an end-of-file marker. */
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n')

for (const kind of testDatabaseKinds()) {
  describe(`the Board and its partners in the browser on ${kind.name}`, () => {
    const journeys = browserJourneys(kind)

    it(BOARD_JOURNEY_TEST, async () => {
      const db = journeys.app.database.db
      const northfield = await db
        .selectFrom('organisation')
        .select('id')
        .where('slug', '=', N)
        .executeTakeFirstOrThrow()
      const today = todayIso()
      // An action still open and not yet due: the team closes it as done.
      const open = await db
        .selectFrom('board_action')
        .select(['id', 'text'])
        .where('organisation_id', '=', northfield.id)
        .where('outcome', 'is', null)
        .where('due_on', '>=', today)
        .orderBy('id')
        .executeTakeFirstOrThrow()
      const draft = await db
        .selectFrom('report')
        .select('id')
        .where('organisation_id', '=', northfield.id)
        .where('status', '=', 'draft')
        .orderBy('quarter_start', 'desc')
        .executeTakeFirstOrThrow()

      const team = await journeys.newPage(TEAM)
      await team.goto(P.home(N))
      await submit(team, team.getByRole('link', { name: 'Board', exact: true }).first())
      await expectNoAxeViolations(team, 'the Board page')
      assert.match(await textOf(team.locator('[data-qa="members"]')), /Chair/, 'the chair is among the members')

      await team.goto(P.boardActions(N))
      await verifyHeading(team, 'Board action log')
      assert.match(await team.locator('main').innerText(), /Overdue/, 'the log flags an overdue action')

      await team.goto(P.editBoardAction(N, open.id))
      await verifyHeading(team, 'Change this action')
      await team.getByLabel('Done', { exact: true }).check()
      await submit(team, team.getByRole('button', { name: 'Close action' }))
      const closed = await db
        .selectFrom('board_action')
        .select(['outcome', 'closed_on'])
        .where('id', '=', open.id)
        .executeTakeFirstOrThrow()
      assert.deepEqual(closed, { outcome: 'done', closed_on: today })

      // The draft report for this quarter: the Board's decisions with what became of them, and the action done.
      await team.goto(P.report(N, draft.id))
      const decisions = await textOf(team.locator('[data-qa="board-decisions"]'))
      assert.match(decisions, /Q\d \d{4}\/\d{2} report/, 'a decision names the report it was taken on')
      const actions = team.locator('[data-qa="board-actions"] tr', { hasText: open.text })
      assert.match(await textOf(actions), /Done/, 'the action closed today is done in the report')
      // The risk register and resources fill the risks and resources section.
      const risks = await textOf(team.locator('#risks ~ *').first())
      assert.doesNotMatch(risks, /No risk register/)
      assert.ok((await team.locator('[data-qa="report-risk-row"]').count()) > 0, 'open risks are listed')
      assert.ok((await team.locator('[data-qa="report-resources-row"]').count()) > 0, 'resources are listed')
      await expectNoAxeViolations(team, 'the draft report with its Board, risks and partners sections')

      // The partner answers the request addressed to their organisation, with a file.
      const partner = await journeys.newPage(PARTNER)
      await partner.goto(P.contributions(N))
      await verifyHeading(partner, 'Requests to answer')
      await submit(partner, partner.locator('[data-qa="open-requests"] a').first())
      await expectNoAxeViolations(partner, 'a request to answer')
      const answer = 'Health assessments are now booked within ten working days of a child coming into care.'
      await partner.getByLabel('Answer', { exact: true }).fill(answer)
      await partner.locator('input[type="file"]').setInputFiles({
        name: 'assessments.pdf',
        mimeType: 'application/pdf',
        buffer: PDF,
      })
      await submit(partner, partner.getByRole('button', { name: 'Send answer' }))
      await verifyHeading(partner, 'Requests to answer')
      assert.match(await textOf(partner.locator('[data-qa="answered-requests"]')), /Answered/)

      await team.goto(P.report(N, draft.id))
      const received = await textOf(team.locator('[data-qa="contributions-received"]'))
      assert.ok(received.includes(answer), 'the answer appears in the report')
      assert.match(received, /assessments\.pdf/)

      // Oversight access: the service administrator makes the adviser Northfield's Commissioner.
      const service = await journeys.newPage('service@turnaround.example')
      await verifyHeading(service, 'Service administration')
      await service.goto(paths.oversightAccess())
      await expectNoAxeViolations(service, 'oversight access')
      await submit(
        service,
        service
          .locator(`[data-qa="oversight-${N}"] [data-qa="holding"]`, { hasText: 'Demo DfE Adviser' })
          .locator('[data-qa="change-access"]'),
      )
      await service.getByLabel('Commissioner', { exact: true }).check()
      await submit(service, service.getByRole('button', { name: 'Save' }))
      await verifyHeading(service, 'Oversight access')

      // The council's administrator sees who holds access, and has no way to change it.
      const admin = await journeys.newPage('admin@northfield.example')
      await admin.goto(P.councilOversightAccess(N))
      assert.match(await textOf(admin.locator('[data-qa="holding"]', { hasText: 'Demo DfE Adviser' })), /Commissioner/)
      await admin.goto(P.users(N))
      const adviserRow = admin.locator('tr', { hasText: 'adviser@dfe.example' })
      assert.match(await textOf(adviserRow), /Managed by the service administrator/)
      assert.equal(await adviserRow.locator('a', { hasText: 'Change' }).count(), 0, 'no change link for the council')
    })
  })
}
