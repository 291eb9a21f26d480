// The demo's intervention and scrutiny records, as data: Bradford's follow its history and the sources' own
// numbering; Northfield's stay consistent whatever day the demo is loaded.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { nextDue, SCHEDULE_WARNING_DAYS } from '../oversight/schedule.js'
import { addDays, daysBetween, monthsBetween } from '../shared/calendar.js'
import {
  bradfordOversight,
  northfieldOversight,
  NORTHFIELD_NEXT_REVIEW_DAYS,
  type DemoEvent,
  type DemoOversight,
} from './oversight-demo.js'

function checkShape(data: DemoOversight): void {
  const keys = data.events.map((e) => e.key)
  assert.equal(new Set(keys).size, keys.length, 'event keys are unique')
  const days = data.events.map((e) => `${e.kind}|${e.startsOn}`)
  assert.equal(new Set(days).size, days.length, 'no two events of a kind start the same day')
  const meetings = data.meetings.map((m) => m.heldOn)
  assert.equal(new Set(meetings).size, meetings.length, 'one Board meeting a day')
  for (const m of data.meetings) assert.ok(m.decisions.length >= 1 && m.decisions.length <= 3, m.heldOn)
  for (const i of data.interventions) {
    const paragraphs = i.requirements.map((r) => r.paragraph)
    assert.equal(new Set(paragraphs).size, paragraphs.length, `${i.title}: paragraphs are unique`)
    for (const r of i.requirements) {
      if (r.closed)
        assert.ok(r.closed.note.trim() && r.evidence.length, `${r.paragraph} is met with a note and evidence`)
      if (r.closed) assert.ok(r.closed.on >= i.issuedOn, `${r.paragraph} is met after the notice`)
    }
  }
  for (const e of data.events) {
    if (e.endsOn) assert.ok(e.endsOn >= e.startsOn, e.key)
    if (e.publishedOn) assert.ok(e.publishedOn >= e.startsOn, e.key)
    assert.equal(e.inspectionType !== undefined, e.kind === 'inspection', `${e.key}: only an inspection has a type`)
    const intervention = data.interventions.find((i) => i.key === e.intervention)
    if (e.intervention) assert.ok(intervention, `${e.key} names an intervention that exists`)
    if (intervention) {
      assert.ok(e.startsOn >= intervention.issuedOn, `${e.key} starts after ${intervention.title} was issued`)
      if (intervention.ended) assert.ok(e.startsOn < intervention.ended.on, `${e.key} starts before it ended`)
    }
    for (const f of e.findings) {
      if (f.kind === 'strength') assert.ok(!f.closed && f.answers.length === 0, `a strength is only noted: ${f.text}`)
      if (f.closed) {
        assert.ok(f.closed.on >= e.startsOn, `closed after it was found: ${f.text}`)
        assert.ok(f.closed.note.trim() && f.answers.length, `closed with a note and an action: ${f.text}`)
      }
    }
  }
  if (data.selfAssessment) assert.ok(keys.includes(data.selfAssessment.review))
}

const event = (data: DemoOversight, kind: DemoEvent['kind'], startsOn: string) => {
  const found = data.events.find((e) => e.kind === kind && e.startsOn === startsOn)
  assert.ok(found, `${kind} on ${startsOn}`)
  return found
}

describe('Bradford’s oversight history', () => {
  const data = bradfordOversight()

  it('is consistent', () => checkShape(data))

  it('holds the Notice’s paragraphs in order, with a due date only where the Notice sets one', () => {
    const notice = data.interventions.find((i) => i.kind === 'improvement-notice')!
    assert.equal(notice.issuedOn, '2018-12-04')
    assert.equal(notice.ended?.on, '2021-07-26')
    assert.deepEqual(
      notice.requirements.map((r) => r.paragraph),
      ['3', '4', '5a', '5b', '5c', '5d', '5e', '9', '10', '11'],
    )
    assert.deepEqual(
      notice.requirements.filter((r) => r.dueOn).map((r) => [r.paragraph, r.dueOn]),
      [['11', '2020-04-30']],
    )
    const eleven = notice.requirements.find((r) => r.paragraph === '11')!
    assert.equal(eleven.closed, undefined, 'the April 2020 deadline was not met')
    assert.ok(notice.requirements.find((r) => r.paragraph === '5b')?.closed, 'the Board was in place')
  })

  it('follows the Notice with the Direction, whose report to the minister was due and made on 14 January 2022', () => {
    const direction = data.interventions.find((i) => i.kind === 'statutory-direction')!
    assert.equal(direction.issuedOn, '2021-07-26')
    assert.equal(direction.ended, undefined)
    const report = direction.requirements.find((r) => r.paragraph === '4')!
    assert.equal(report.dueOn, '2022-01-14')
    assert.equal(report.closed?.on, '2022-01-14')
  })

  it('dates the 2018 inspection as the national data does, leaving its judgements to that data', () => {
    const inspection = event(data, 'inspection', '2018-09-17')
    assert.equal(inspection.inspectionType, 'standard')
    assert.equal(inspection.endsOn, '2018-09-28')
    assert.equal(inspection.publishedOn, '2018-10-29')
    assert.equal(inspection.judgements, undefined)
    assert.equal(inspection.intervention, undefined, 'it came before the Notice')
  })

  it('records the February 2020 visit’s strengths, findings and recommendations, some closed, one unanswered', () => {
    const visit = event(data, 'monitoring-visit', '2020-02-25')
    assert.equal(visit.endsOn, '2020-02-26')
    assert.equal(visit.publishedOn, '2020-03-19')
    assert.equal(visit.themes.length, 2)
    const of = (kind: string) => visit.findings.filter((f) => f.kind === kind)
    assert.equal(of('strength').length, 4)
    assert.equal(of('finding').length, 3)
    assert.ok(of('recommendation').length >= 1)
    const tracked = visit.findings.filter((f) => f.kind !== 'strength')
    assert.ok(
      tracked.some((f) => f.closed),
      'one is closed',
    )
    assert.ok(
      tracked.some((f) => !f.closed && f.answers.length === 0),
      'one open has no linked action',
    )
    assert.ok(
      tracked.some((f) => !f.closed && f.answers.length > 0),
      'one open is being answered',
    )
  })

  it('holds every check the sources name, each under the intervention in force', () => {
    const starts = (kind: DemoEvent['kind']) => data.events.filter((e) => e.kind === kind).map((e) => e.startsOn)
    assert.deepEqual(
      starts('monitoring-visit').map((d) => d.slice(0, 7)),
      ['2019-03', '2019-06', '2019-10', '2020-02', '2021-04', '2021-09'],
    )
    assert.deepEqual(
      starts('dfe-review').map((d) => d.slice(0, 7)),
      ['2019-05', '2019-12', '2020-07', '2021-03'],
    )
    assert.deepEqual(
      starts('focused-visit').map((d) => d.slice(0, 7)),
      ['2020-12'],
    )
    assert.deepEqual(starts('jtai'), ['2017-02-27'])
    assert.equal(event(data, 'monitoring-visit', '2021-09-08').findings.length, 6, 'the six areas to improve')
    for (const e of data.events) {
      const within = data.interventions.find(
        (i) => e.startsOn >= i.issuedOn && (i.ended === undefined || e.startsOn < i.ended.on),
      )
      assert.equal(e.intervention, within?.key, `${e.key} is under the intervention in force`)
    }
  })

  it('says so where the source gives only the month', () => {
    for (const e of data.events.filter((e) => e.kind === 'dfe-review' || e.startsOn.startsWith('2019')))
      assert.match(e.summary, /gives only the month/, e.key)
  })

  it('has a Board meeting for each of Bradford’s reports', () => {
    assert.deepEqual(
      data.meetings.map((m) => [m.heldOn, m.report]),
      [
        ['2022-11-17', '2022-07-01'],
        ['2023-02-16', '2022-10-01'],
      ],
    )
  })
})

describe('Northfield’s live oversight', () => {
  // Mid-quarter; a quarter's first day; its last day; early in a quarter (before its Board meets); a leap day.
  for (const today of ['2025-06-15', '2026-01-01', '2025-09-30', '2026-04-10', '2028-02-29']) {
    const data = northfieldOversight(today)

    it(`is consistent and in the past, the next review apart, on ${today}`, () => {
      checkShape(data)
      for (const e of data.events) {
        if (e.state === 'held') assert.ok((e.endsOn ?? e.startsOn) <= today && (e.publishedOn ?? today) <= today, e.key)
        else assert.ok(e.startsOn > today, e.key)
        for (const f of e.findings) if (f.closed) assert.ok(f.closed.on <= today, f.text)
      }
      for (const m of data.meetings) assert.ok(m.heldOn < today, m.heldOn)
      for (const r of data.interventions.flatMap((i) => i.requirements)) if (r.closed) assert.ok(r.closed.on <= today)
    })

    it(`has its Notice about 15 months before ${today}, after the inspection was published`, () => {
      const [notice] = data.interventions
      assert.equal(data.interventions.length, 1)
      assert.equal(monthsBetween(notice!.issuedOn, today), 15)
      const inspection = data.events.find((e) => e.kind === 'inspection')!
      assert.equal(monthsBetween(inspection.startsOn, today), 17)
      assert.ok(inspection.publishedOn! < notice!.issuedOn)
      assert.equal(inspection.judgements?.overall, 'inadequate')
      const requirements = notice!.requirements
      assert.ok(requirements.length >= 5 && requirements.length <= 6)
      assert.equal(requirements.filter((r) => r.closed).length, 1, 'one met')
      assert.equal(requirements.filter((r) => !r.closed && r.dueOn && r.dueOn < today).length, 1, 'one overdue')
    })

    it(`warns on ${today} that the planned DfE review is due soon, with a draft self-assessment for it`, () => {
      const planned = data.events.filter((e) => e.state === 'planned')
      assert.deepEqual(
        planned.map((e) => [e.kind, e.startsOn]),
        [['dfe-review', addDays(today, NORTHFIELD_NEXT_REVIEW_DAYS)]],
      )
      assert.ok(daysBetween(today, planned[0]!.startsOn) <= SCHEDULE_WARNING_DAYS)
      const schedule = nextDue(
        {
          issued_on: data.interventions[0]!.issuedOn,
          ended_on: null,
          review_interval_months: 6,
          monitoring_interval_months: 4,
        },
        data.events.map((e) => ({ kind: e.kind, state: e.state, startsOn: e.startsOn })),
        today,
      )
      const review = schedule.find((d) => d.kind === 'dfe-review')!
      assert.equal(review.basis, 'planned')
      assert.equal(review.warning, 'soon')
      assert.equal(data.selfAssessment?.review, planned[0]!.key)
      assert.ok(data.selfAssessment?.narrative.overview && data.selfAssessment.narrative.next)
    })

    it(`has a recent monitoring visit with findings, one closed and one unanswered, on ${today}`, () => {
      const visit = data.events.filter((e) => e.kind === 'monitoring-visit').at(-1)!
      assert.equal(daysBetween(visit.startsOn, today), 90)
      const tracked = visit.findings.filter((f) => f.kind !== 'strength')
      assert.ok(visit.findings.length >= 4 && visit.findings.length <= 5)
      assert.equal(tracked.filter((f) => f.closed).length, 1)
      assert.equal(tracked.filter((f) => f.answers.length === 0).length, 1)
    })

    it(`has two or three Board meetings, the one after last quarter considering its report, on ${today}`, () => {
      assert.ok(data.meetings.length >= 2 && data.meetings.length <= 3)
      for (const m of data.meetings.filter((m) => m.report)) assert.ok(m.heldOn > m.report!)
    })
  }
})
