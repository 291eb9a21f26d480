// The fictional council's live plan stays live whatever day the demo is loaded: its dates move with today,
// each milestone's history is in date order and ends as the milestone is, and each measure has its shape.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Milestone } from '../db/database.js'
import { analyseSpc } from '../measures/spc.js'
import { addDays, monthsBetween, nextPeriod, quarterOf } from '../shared/calendar.js'
import {
  dateOf,
  liveCalendar,
  milestoneRecords,
  northfieldMeasures,
  northfieldPlan,
  northfieldReports,
  type LiveMilestone,
} from './northfield-live.js'

// Mid-quarter; the first day of a quarter (where "this quarter" is just today); the last day of one; a leap day.
const TODAYS = ['2025-06-15', '2026-01-01', '2025-09-30', '2028-02-29']

function milestones(today: string): Array<LiveMilestone & { objective: string }> {
  return northfieldPlan(today).strands.flatMap((s) =>
    s.objectives.flatMap((o) => o.milestones.map((m) => ({ ...m, objective: o.key }))),
  )
}

const open = (m: LiveMilestone) => m.status !== 'complete'
const dueSoon = (m: LiveMilestone, today: string) => open(m) && m.due_on > today && m.due_on <= addDays(today, 14)
const overdue = (m: LiveMilestone, today: string) => open(m) && m.due_on < today
const moves = (m: LiveMilestone) => m.steps.filter((s, i) => i > 0 && s.due_on !== m.steps[i - 1]!.due_on)
const dayOf = (d: Date) => d.toISOString().slice(0, 10)

describe('the live plan’s calendar', () => {
  for (const today of TODAYS) {
    it(`starts the plan at the quarter 9 to 12 months before ${today}, for two years`, () => {
      const cal = liveCalendar(today)
      assert.equal(quarterOf(cal.planStart).start, cal.planStart)
      const months = monthsBetween(cal.planStart, today)
      assert.ok(months >= 9 && months < 12, `${months} months`)
      assert.equal(cal.planEnd, addDays(nextPeriod(nextPeriod(cal.planStart, 'annual'), 'annual'), -1))
      assert.equal(cal.quarterStart, quarterOf(today).start)
      assert.equal(nextPeriod(cal.previousQuarterStart, 'quarterly'), cal.quarterStart)
      assert.equal(nextPeriod(cal.lastMonth, 'monthly'), `${today.slice(0, 7)}-01`)
    })
  }

  it('keeps "this quarter" within the quarter and before today', () => {
    const cal = liveCalendar('2026-01-01')
    assert.equal(dateOf({ thisQuarter: 20 }, cal), '2026-01-01')
    assert.equal(dateOf({ thisQuarter: 20 }, liveCalendar('2026-02-15')), '2026-01-26')
    assert.equal(dateOf({ lastQuarter: 10 }, cal), '2025-12-22')
  })
})

describe('the live plan’s milestones', () => {
  it('has 3 or 4 strands of 2 objectives, each with 3 to 5 milestones', () => {
    const plan = northfieldPlan('2025-06-15')
    assert.ok(plan.strands.length >= 3 && plan.strands.length <= 4)
    for (const s of plan.strands) {
      assert.equal(s.objectives.length, 2)
      for (const o of s.objectives) {
        assert.ok(o.milestones.length >= 3 && o.milestones.length <= 5, o.key)
        assert.ok(o.intendedImpact.length > 0, o.key)
      }
    }
  })

  it('keeps each milestone in the same place relative to today, whatever today is', () => {
    const shape = (today: string) =>
      milestones(today).map((m) => ({
        title: m.title,
        dueSoon: dueSoon(m, today),
        overdue: overdue(m, today),
        status: m.status,
        moved: moves(m).length,
      }))
    const first = shape(TODAYS[0]!)
    for (const today of TODAYS.slice(1)) assert.deepEqual(shape(today), first, today)
  })

  for (const today of TODAYS) {
    it(`shows a live plan on ${today}`, () => {
      const cal = liveCalendar(today)
      const all = milestones(today)
      const soon = all.filter((m) => dueSoon(m, today))
      assert.ok(soon.length >= 2 && soon.length <= 3, `${soon.length} due in the next 14 days`)
      assert.ok(
        all.some((m) => overdue(m, today) && m.status === 'on-track'),
        'one overdue, last reported on track',
      )
      const doneBefore = all.filter((m) => m.completed_on !== null && m.completed_on < cal.quarterStart)
      const doneThisQuarter = all.filter((m) => m.completed_on !== null && m.completed_on >= cal.quarterStart)
      assert.ok(doneBefore.length >= 3, 'completed in past quarters')
      assert.ok(doneThisQuarter.length >= 1, 'completed this quarter')
      const troubled = all.filter((m) => m.status === 'at-risk' || m.status === 'off-track')
      assert.ok(troubled.length >= 1 && troubled.length <= 2)
      const slipping = all.filter((m) => moves(m).length > 0)
      assert.ok(slipping.length >= 2 && slipping.length <= 3)
      for (const m of slipping) {
        assert.ok(moves(m).length <= 2, m.title)
        for (const [i, step] of m.steps.entries()) {
          if (i === 0 || step.due_on === m.steps[i - 1]!.due_on) continue
          assert.ok(step.due_on > m.steps[i - 1]!.due_on, 'moved later')
          assert.ok(step.reason.length > 10, 'with a reason')
          assert.ok(dayOf(step.at) < today, 'at a past date')
        }
      }
      for (const m of all) {
        assert.ok(m.due_on > cal.planStart && m.due_on <= cal.planEnd, m.title)
        assert.equal(m.completed_on !== null, m.status === 'complete', m.title)
        if (m.completed_on) assert.ok(m.completed_on > cal.planStart && m.completed_on <= today, m.title)
      }
    })

    it(`records each milestone's history in date order, ending as the milestone is, on ${today}`, () => {
      const cal = liveCalendar(today)
      for (const [i, m] of milestones(today).entries()) {
        const first = m.steps[0]!
        assert.equal(dayOf(first.at), cal.planStart)
        assert.notEqual(first.status, 'complete')
        assert.equal(first.completed_on, null)
        const row: Milestone = {
          id: 100 + i,
          objective_id: 7,
          title: m.title,
          owner: m.owner,
          owner_user_id: null,
          owner_contact_id: null,
          due_on: m.due_on,
          status: m.status,
          completed_on: m.completed_on,
          evidence: m.evidence,
          position: 1,
          created_at: m.createdAt,
          updated_at: m.updatedAt,
        }
        const records = milestoneRecords(row, m.steps)
        assert.equal(records.length, m.steps.length)
        for (let k = 1; k < records.length; k++) {
          assert.ok(records[k]!.recordedAt! > records[k - 1]!.recordedAt!, `${m.title}: in date order`)
        }
        for (const r of records) assert.ok(dayOf(r.recordedAt!) <= today, `${m.title}: not after today`)
        assert.deepEqual(records[records.length - 1]!.state, row, m.title)
        assert.equal(m.updatedAt, records[records.length - 1]!.recordedAt)
        for (const r of records) assert.equal(r.itemId, row.id)
      }
    })

    it(`dates updates, evidence and reports sensibly on ${today}`, () => {
      const plan = northfieldPlan(today)
      const cal = plan.calendar
      for (const s of plan.strands) {
        const updates = s.objectives.flatMap((o) => o.updates)
        assert.ok(updates.length >= 2 && updates.length <= 3, `strand ${s.code}`)
        for (const u of updates) assert.ok(dayOf(u.at) >= cal.previousQuarterStart && dayOf(u.at) <= today)
      }
      const evidence = plan.strands.flatMap((s) => s.objectives.flatMap((o) => o.evidence))
      assert.ok(evidence.length >= 6 && evidence.length <= 10)
      for (const e of evidence) {
        assert.ok(e.observedOn > cal.planStart && e.observedOn < today)
        assert.equal(e.createdAt.toISOString(), `${e.observedOn}T17:00:00.000Z`)
      }
      assert.equal(evidence.filter((e) => monthsBetween(e.observedOn, today) >= 6).length, 1)
      assert.equal(evidence.filter((e) => e.direction === 'worsening').length, 1)

      const linked = new Set(northfieldMeasures(today).flatMap((m) => m.objectives))
      const bare = plan.strands
        .flatMap((s) => s.objectives)
        .filter((o) => o.evidence.length === 0 && !linked.has(o.key))
        .map((o) => o.key)
      assert.deepEqual(bare, ['4.2'])

      const reports = northfieldReports(today)
      assert.deepEqual(
        reports.map((r) => r.quarterStart),
        [cal.previousQuarterStart, cal.quarterStart],
      )
      for (const r of reports) {
        assert.ok(dayOf(r.createdAt) <= today && r.updatedAt >= r.createdAt)
        assert.ok(r.summary && r.recommendations && r.decisions)
      }
      assert.equal(reports[1]!.commentary.length, 1)
    })
  }
})

describe('the live plan’s measures', () => {
  const spcOf = (today: string, code: string) => {
    const m = northfieldMeasures(today).find((x) => x.code === code)!
    return { measure: m, spc: analyseSpc(m.values, { polarity: m.polarity }) }
  }

  for (const today of TODAYS) {
    it(`ends every series with the last complete month before ${today}`, () => {
      const cal = liveCalendar(today)
      const measures = northfieldMeasures(today)
      assert.ok(measures.length >= 4 && measures.length <= 5)
      for (const m of measures) {
        assert.ok(m.values.length >= 18 && m.values.length <= 24, m.code)
        assert.equal(m.values[m.values.length - 1]!.period, cal.lastMonth)
        for (let i = 1; i < m.values.length; i++)
          assert.equal(m.values[i]!.period, nextPeriod(m.values[i - 1]!.period, 'monthly'))
        assert.ok(m.objectives.length > 0 && m.strands.length > 0)
        assert.equal(m.target.targetDate, cal.planEnd)
      }
    })
  }

  it('shows a sustained improvement in re-referrals: the last 7 or more months below the mean', () => {
    const { spc } = spcOf('2025-06-15', 'NF-REREFERRALS')
    const mean = spc.segments[0]!.mean!
    const below = spc.points.slice(-8)
    assert.ok(below.every((p) => p.value! < mean))
    assert.ok(below.every((p) => p.specialCause === 'improvement'))
    assert.equal(spc.variation, 'special-cause-improvement')
  })

  it('shows a recent concern in agency use: the latest month alone above the upper limit', () => {
    const { spc } = spcOf('2025-06-15', 'NF-AGENCY')
    const latest = spc.points[spc.points.length - 1]!
    assert.equal(latest.primary, 'beyond-limit')
    assert.ok(latest.value! > latest.upperLimit!)
    assert.equal(spc.variation, 'special-cause-concern')
    assert.ok(spc.points.slice(0, -1).every((p) => p.primary === null))
  })

  it('keeps the other measures to common cause variation', () => {
    for (const code of ['NF-SEEN-ALONE', 'NF-CARE-LEAVERS', 'NF-CASELOAD']) {
      const { spc } = spcOf('2025-06-15', code)
      assert.equal(spc.variation, 'common-cause', code)
      assert.ok(
        spc.points.every((p) => p.primary === null),
        code,
      )
    }
  })
})
