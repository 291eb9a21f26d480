// The seeded demo holds what the walk through intervention and scrutiny needs: Bradford's Notice and its
// paragraphs, the February 2020 visit's findings answered by the plan (one closed, one with nothing linked),
// the 2018 inspection matching Ofsted's national data, Northfield's review due soon, and no link crossing
// from one council to the other.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import type { DatabaseHandle } from '../db/connect.js'
import { loadLinks, subjectKey } from '../oversight/link-repository.js'
import { matchNational } from '../oversight/national-match.js'
import { nextDue } from '../oversight/schedule.js'
import { tracking } from '../oversight/tracking-rules.js'
import { daysBetween } from '../shared/calendar.js'
import { todayIso } from '../shared/dates.js'
import { organisationIdOf } from '../test-support/demo-ids.js'
import { testDatabaseKinds } from '../test-support/databases.js'

for (const kind of testDatabaseKinds()) {
  describe(`the intervention and scrutiny demo on ${kind.name}`, () => {
    let database: DatabaseHandle
    let bradford: number
    let northfield: number
    const today = todayIso()

    before(async () => {
      database = await kind.openDemo({ national: true })
      bradford = await organisationIdOf(database.db, 'bradford')
      northfield = await organisationIdOf(database.db, 'northfield')
    })
    after(() => database.close())

    const eventOf = (organisationId: number, kindOf: string, startsOn: string) =>
      database.db
        .selectFrom('oversight_event')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('kind', '=', kindOf as 'inspection')
        .where('starts_on', '=', startsOn)
        .executeTakeFirstOrThrow()

    it('holds Bradford’s Improvement Notice with its paragraphs in order, and the Direction after it', async () => {
      const interventions = await database.db
        .selectFrom('intervention')
        .selectAll()
        .where('organisation_id', '=', bradford)
        .orderBy('issued_on')
        .execute()
      assert.deepEqual(
        interventions.map((i) => [i.kind, i.issued_on, i.ended_on]),
        [
          ['improvement-notice', '2018-12-04', '2021-07-26'],
          ['statutory-direction', '2021-07-26', null],
        ],
      )
      const notice = interventions[0]!
      assert.equal(notice.overseer_role, 'adviser')
      assert.equal(notice.review_interval_months, 6)
      assert.equal(notice.monitoring_interval_months, 4)
      const requirements = await database.db
        .selectFrom('intervention_requirement')
        .selectAll()
        .where('intervention_id', '=', notice.id)
        .orderBy('position')
        .execute()
      assert.deepEqual(
        requirements.map((r) => r.paragraph),
        ['3', '4', '5a', '5b', '5c', '5d', '5e', '9', '10', '11'],
      )
      const eleven = requirements.find((r) => r.paragraph === '11')!
      assert.equal(eleven.due_on, '2020-04-30')
      assert.equal(eleven.closed_on, null)
      const links = await loadLinks(
        database.db,
        bradford,
        requirements.map((r) => ({ type: 'requirement' as const, id: r.id })),
      )
      const state = (paragraph: string) => {
        const r = requirements.find((x) => x.paragraph === paragraph)!
        const linked = links.get(subjectKey({ type: 'requirement', id: r.id }))!
        return tracking({ kind: 'requirement', dueOn: r.due_on, closedOn: r.closed_on }, linked, today).state
      }
      assert.equal(state('11'), 'overdue')
      assert.equal(state('5b'), 'closed')
      assert.equal(state('9'), 'no-action', 'nothing in the demo evidences access for reviewers')
      const board = requirements.find((r) => r.paragraph === '5b')!
      const boardLinks = links.get(subjectKey({ type: 'requirement', id: board.id }))!
      assert.ok(boardLinks.some((l) => l.type === 'report') && boardLinks.some((l) => l.type === 'meeting'))
    })

    it('records the February 2020 visit with findings answered by Bradford’s plan, one closed and one with nothing linked', async () => {
      const visit = await eventOf(bradford, 'monitoring-visit', '2020-02-25')
      assert.equal(visit.published_on, '2020-03-19')
      assert.ok(visit.intervention_id !== null)
      const findings = await database.db
        .selectFrom('oversight_finding')
        .selectAll()
        .where('event_id', '=', visit.id)
        .orderBy('position')
        .execute()
      const links = await loadLinks(
        database.db,
        bradford,
        findings.map((f) => ({ type: 'finding' as const, id: f.id })),
      )
      const states = findings.map((f) => ({
        f,
        linked: links.get(subjectKey({ type: 'finding', id: f.id }))!,
        state: tracking({ kind: f.kind, dueOn: f.due_on, closedOn: f.closed_on }, links.get(`finding:${f.id}`)!, today)
          .state,
      }))
      assert.equal(states.filter((s) => s.state === 'noted').length, 4, 'four strengths')
      assert.ok(states.some((s) => s.state === 'closed' && s.f.closed_by !== null && s.f.closure_note !== ''))
      assert.ok(states.some((s) => s.state === 'no-action'))
      assert.ok(states.some((s) => s.state === 'in-progress' || s.state === 'ready-to-close'))
      const objectives = states.flatMap((s) => s.linked.filter((l) => l.type === 'objective'))
      assert.ok(
        objectives.some((l) => l.label.includes('Timely permanence')),
        'permanence answers the visit',
      )
    })

    it('dates the 2018 inspection so that it is the national data’s Bradford inspection', async () => {
      const inspection = await eventOf(bradford, 'inspection', '2018-09-17')
      assert.equal(inspection.inspection_type, 'standard')
      assert.equal(inspection.national_inspection_id, null)
      assert.deepEqual(inspection.judgements, {})
      const national = await database.db
        .selectFrom('ofsted_inspection')
        .selectAll()
        .where('area_code', '=', '380')
        .execute()
      const match = matchNational(inspection, national)
      assert.ok(match, 'matched to the national record')
      assert.equal(match.overall, 'inadequate')
    })

    it('gives Northfield a DfE review planned within six weeks, a draft self-assessment for it, and an overdue requirement', async () => {
      const intervention = await database.db
        .selectFrom('intervention')
        .selectAll()
        .where('organisation_id', '=', northfield)
        .executeTakeFirstOrThrow()
      const events = await database.db
        .selectFrom('oversight_event')
        .selectAll()
        .where('organisation_id', '=', northfield)
        .execute()
      const planned = events.filter((e) => e.state === 'planned')
      assert.equal(planned.length, 1)
      assert.equal(planned[0]!.kind, 'dfe-review')
      const days = daysBetween(today, planned[0]!.starts_on)
      assert.ok(days > 0 && days <= 42, `${days} days`)
      const due = nextDue(
        intervention,
        events.map((e) => ({ kind: e.kind, state: e.state, startsOn: e.starts_on })),
        today,
      )
      assert.equal(due.find((d) => d.kind === 'dfe-review')?.warning, 'soon')
      const draft = await database.db
        .selectFrom('self_assessment')
        .selectAll()
        .where('organisation_id', '=', northfield)
        .executeTakeFirstOrThrow()
      assert.equal(draft.status, 'draft')
      assert.equal(draft.snapshot, null)
      assert.equal(draft.review_event_id, planned[0]!.id)
      assert.ok(draft.narrative.overview && draft.narrative.next)
      const inspection = events.find((e) => e.kind === 'inspection')!
      assert.equal(inspection.judgements.overall, 'inadequate')
      const requirements = await database.db
        .selectFrom('intervention_requirement')
        .selectAll()
        .where('intervention_id', '=', intervention.id)
        .execute()
      assert.ok(requirements.some((r) => r.closed_on === null && r.due_on !== null && r.due_on < today))
      assert.ok(requirements.some((r) => r.closed_on !== null))
    })

    it('links each council’s requirements and findings only to that council’s own records', async () => {
      const crossing = await sql<{ id: number; subject: number; target: number }>`
        select l.id, coalesce(i.organisation_id, e.organisation_id) as subject,
          coalesce(op.organisation_id, mp.organisation_id, r.organisation_id, b.organisation_id, ep.organisation_id) as target
        from oversight_link l
        left join intervention_requirement q on q.id = l.requirement_id
        left join intervention i on i.id = q.intervention_id
        left join oversight_finding f on f.id = l.finding_id
        left join oversight_event e on e.id = f.event_id
        left join objective o on o.id = l.objective_id
        left join strand os on os.id = o.strand_id
        left join plan op on op.id = os.plan_id
        left join milestone m on m.id = l.milestone_id
        left join objective mo on mo.id = m.objective_id
        left join strand ms on ms.id = mo.strand_id
        left join plan mp on mp.id = ms.plan_id
        left join report r on r.id = l.report_id
        left join board_meeting b on b.id = l.meeting_id
        left join evidence_entry ev on ev.id = l.evidence_id
        left join objective eo on eo.id = ev.objective_id
        left join strand es on es.id = eo.strand_id
        left join plan ep on ep.id = es.plan_id`.execute(database.db)
      const rows = crossing.rows
      assert.ok(rows.filter((r) => r.subject === bradford).length >= 30, 'Bradford has its links')
      assert.ok(rows.filter((r) => r.subject === northfield).length >= 10, 'Northfield has its links')
      assert.deepEqual(
        rows.filter((r) => r.subject !== r.target),
        [],
      )
      const meetings = await database.db
        .selectFrom('board_meeting')
        .leftJoin('report', 'report.id', 'board_meeting.report_id')
        .select([
          'board_meeting.organisation_id as meeting',
          'report.organisation_id as report',
          'board_meeting.held_on',
        ])
        .execute()
      for (const m of meetings) if (m.report !== null) assert.equal(m.report, m.meeting, m.held_on)
      assert.deepEqual(
        meetings
          .filter((m) => m.meeting === bradford)
          .map((m) => m.held_on)
          .sort(),
        ['2022-11-17', '2023-02-16'],
      )
    })
  })
}
