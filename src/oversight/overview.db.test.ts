// The oversight overview: the next review and visit with their warnings, each Notice or Direction with how its
// requirements stand, and the tallies of findings, hand-checked against records inserted here (Northfield's
// demo records are cleared first so the expectations are the test's own); a council with no intervention;
// and who may see it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, signedIn, type Agent } from '../test-support/http.js'
import { paths } from '../web/paths.js'
import { addDays, addMonths, daysBetween } from '../shared/calendar.js'
import { formatDate, todayIso } from '../shared/dates.js'

const P = paths.council
const N = 'northfield'
const B = 'bradford'

/** The part of the page inside the element marked data-qa="name" (to its closing tag's first match). */
function section(html: string, qa: string): string {
  const start = html.indexOf(`data-qa="${qa}"`)
  assert.ok(start >= 0, `no ${qa} on the page`)
  return html.slice(start, start + 3000)
}

for (const kind of testDatabaseKinds()) {
  describe(`the oversight overview on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let director: Agent
    let bradfordBoard: Agent
    let viewer: Agent
    let partner: Agent
    let northfieldId: number
    const today = todayIso()

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@northfield.example')
      director = await signedIn(app, 'director@northfield.example')
      bradfordBoard = await signedIn(app, 'board@bradford.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
      partner = await signedIn(app, 'partner@partner.example')
      const org = await database.db
        .selectFrom('organisation')
        .select('id')
        .where('slug', '=', N)
        .executeTakeFirstOrThrow()
      northfieldId = org.id
      await database.db.deleteFrom('oversight_event').where('organisation_id', '=', northfieldId).execute()
      await database.db.deleteFrom('intervention').where('organisation_id', '=', northfieldId).execute()
    })
    after(() => database.close())

    it('works for a council with no Notice or Direction', async () => {
      const page = await director.get(P.oversight(N))
      assert.equal(page.status, 200)
      assert.match(page.text, /No Notice or Direction is in force, so no DfE review or monitoring visit is scheduled/)
      assert.match(page.text, /No Improvement Notice or Statutory Direction is recorded/)
      assert.match(page.text, /No findings or recommendations recorded yet/)
      assert.doesNotMatch(page.text, /data-qa="due-warning"/)
      assert.doesNotMatch(page.text, /data-qa="add-intervention"/, 'a Director reads')
      const edit = await team.get(P.oversight(N))
      assert.ok(edit.text.includes(`href="${P.newIntervention(N)}"`), 'the team may add one')
      assert.ok(edit.text.includes(`href="${P.selfAssessments(N)}"`))
      assert.ok(edit.text.includes(`href="${P.timeline(N)}"`))
      assert.ok(edit.text.includes(`href="${P.board(N)}"`))
      assert.ok(edit.text.includes(`href="${P.risks(N)}"`))
      assert.ok(edit.text.includes(`href="${P.councilOversightAccess(N)}"`))
    })

    it('warns of a planned review due soon and an overdue visit, and counts requirements and findings', async () => {
      const notice = await database.db
        .insertInto('intervention')
        .values({
          organisation_id: northfieldId,
          kind: 'improvement-notice',
          title: 'Test Improvement Notice',
          issued_on: addDays(today, -400),
          issued_by: 'Department for Education',
          overseer_role: 'adviser',
          review_interval_months: 6,
          monitoring_interval_months: 3,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await database.db
        .insertInto('intervention')
        .values({
          organisation_id: northfieldId,
          kind: 'statutory-direction',
          title: 'Old test Direction',
          issued_on: '2015-01-01',
          issued_by: 'Secretary of State',
          overseer_role: 'commissioner',
          ended_on: '2016-01-01',
        })
        .execute()
      const lastReview = addDays(today, -100)
      const plannedReview = addDays(today, 20)
      // Three months after it is some 38 to 41 days ago: overdue, and still counted in days (under 60).
      const lastVisit = addDays(today, -130)
      const [, , visit] = await database.db
        .insertInto('oversight_event')
        .values([
          { organisation_id: northfieldId, kind: 'dfe-review', state: 'held', starts_on: lastReview },
          { organisation_id: northfieldId, kind: 'dfe-review', state: 'planned', starts_on: plannedReview },
          { organisation_id: northfieldId, kind: 'monitoring-visit', state: 'held', starts_on: lastVisit },
        ])
        .returning('id')
        .execute()
      assert.ok(visit)

      const objective = await database.db
        .selectFrom('objective as o')
        .innerJoin('strand as s', 's.id', 'o.strand_id')
        .innerJoin('plan as p', 'p.id', 's.plan_id')
        .select('o.id')
        .where('p.organisation_id', '=', northfieldId)
        .executeTakeFirstOrThrow()
      const requirements = await database.db
        .insertInto('intervention_requirement')
        .values([
          {
            intervention_id: notice.id,
            paragraph: '1',
            title: 'Met one',
            position: 1,
            closed_on: addDays(today, -10),
            closure_note: 'Done',
          },
          { intervention_id: notice.id, paragraph: '2', title: 'Late one', position: 2, due_on: addDays(today, -1) },
          { intervention_id: notice.id, paragraph: '3', title: 'Answered', position: 3, due_on: addDays(today, 30) },
        ])
        .returning('id')
        .execute()
      await database.db
        .insertInto('oversight_link')
        .values({ requirement_id: requirements[2]!.id, objective_id: objective.id })
        .execute()
      const findings = await database.db
        .insertInto('oversight_finding')
        .values([
          { event_id: visit.id, kind: 'strength', text: 'Good', position: 1 },
          { event_id: visit.id, kind: 'finding', text: 'Closed', position: 2, closed_on: addDays(today, -5) },
          { event_id: visit.id, kind: 'recommendation', text: 'Late', position: 3, due_on: addDays(today, -1) },
          { event_id: visit.id, kind: 'finding', text: 'Answered', position: 4 },
        ])
        .returning('id')
        .execute()
      await database.db
        .insertInto('oversight_link')
        .values({ finding_id: findings[3]!.id, objective_id: objective.id })
        .execute()

      const page = await director.get(P.oversight(N))
      assert.equal(page.status, 200)
      // The planned review, 20 days away, comes before six months after the last (about 80 days away).
      assert.match(page.text, /The next DfE progress review is due in 20 days: prepare the self-assessment\./)
      const review = section(page.text, 'due-dfe-review')
      assert.ok(review.includes(`<strong>${formatDate(plannedReview)}</strong>: due in 20 days`), review)
      assert.match(review, /Planned/)
      // The visit: three months after the last one, past.
      const visitDue = addMonths(lastVisit, 3)
      const late = daysBetween(visitDue, today)
      assert.ok(late > 0 && late <= 60)
      assert.match(page.text, new RegExp(`The next Ofsted monitoring visit is overdue by ${late} days: `))
      const visitRow = section(page.text, 'due-monitoring-visit')
      assert.ok(visitRow.includes(`<strong>${formatDate(visitDue)}</strong>: overdue by ${late} days`), visitRow)
      assert.ok(visitRow.includes(`3 months after the last visit or inspection on ${formatDate(lastVisit)}`))
      assert.ok(page.text.includes(`href="${P.selfAssessments(N)}">Self-assessments</a>`))

      const rows = section(page.text, 'interventions')
      const noticeRow = rows.slice(rows.indexOf('Test Improvement Notice'), rows.indexOf('Old test Direction'))
      assert.ok(noticeRow.includes('In force'))
      assert.deepEqual(
        [...noticeRow.matchAll(/govuk-table__cell--numeric">([^<]*)</g)].map((m) => m[1]),
        ['1 of 3', '1', '1'],
        'met, overdue, no evidence',
      )
      const oldRow = rows.slice(rows.indexOf('Old test Direction'))
      assert.ok(oldRow.includes('Ended 1 January 2016'))
      assert.ok(rows.includes(`href="${P.intervention(N, notice.id)}"`))

      const counts = section(page.text, 'finding-counts')
      const value = (key: string) =>
        new RegExp(`${key}\\s*</dt>\\s*<dd class="govuk-summary-list__value">\\s*(\\d+)`).exec(counts)?.[1]
      assert.equal(value('Open'), '2')
      assert.equal(value('Open with no linked action'), '1')
      assert.equal(value('Overdue'), '1')
      assert.equal(value('Closed'), '1')
    })

    it('is for those who read oversight, and shows each council only its own', async () => {
      assert.equal((await viewer.get(P.oversight(B))).status, 403)
      assert.equal((await partner.get(P.oversight(B))).status, 403)
      const board = await bradfordBoard.get(P.oversight(B))
      assert.equal(board.status, 200)
      assert.doesNotMatch(board.text, /data-qa="add-intervention"/)
      assert.doesNotMatch(board.text, /Test Improvement Notice/)
      assert.match(board.text, /data-qa="intervention-row"/, 'Bradford’s own Notice from the demo')
      assert.equal((await bradfordBoard.get(P.oversight(N))).status, 404)
    })
  })
}
