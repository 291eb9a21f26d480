import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { CouncilMeasures } from '../measures/measure-service.js'
import type { MeasureRow } from '../measures/measure-repository.js'
import { summariseMeasure } from '../measures/measure-summary.js'
import { SnapshotError } from '../reports/report-snapshot.js'
import {
  SA_TODAY,
  saEvent,
  saEvidence,
  saFinding,
  saInput,
  saLink,
  saNotice,
} from '../test-support/self-assessment-fixture.js'
import {
  buildSelfAssessment,
  evidenceSince,
  evidenceWindowText,
  noneRecordedText,
  previousEvents,
  readSelfAssessmentSnapshot,
  statusText,
} from './self-assessment-content.js'

// Inputs come from the shared fixture (src/test-support/self-assessment-fixture.ts); each test overrides the
// parts it checks by hand. Its tree: strand 1 "Front door" with objective 10 red, 11 green and 12 retired.

describe('which reviews come before', () => {
  const events = [
    saEvent(1, 'dfe-review', 'held', '2026-03-10', '2026-03-12'),
    saEvent(2, 'monitoring-visit', 'held', '2026-09-15', '2026-09-16'),
    saEvent(3, 'dfe-review', 'planned', '2026-12-20'), // planned, not held: never the previous one
    saEvent(9, 'dfe-review', 'planned', '2027-01-20'),
    saEvent(4, 'dfe-review', 'held', '2025-09-01'),
  ]

  it('takes the latest held event before the review prepared for, and the latest held DfE review', () => {
    const { previousEvent, previousDfeReview } = previousEvents(events, events[3]!, SA_TODAY)
    assert.equal(previousEvent?.id, 2)
    assert.equal(previousDfeReview?.id, 1)
  })

  it('never takes the review prepared for itself, nor one held after it', () => {
    const target = events[1]! // preparing for the (held) monitoring visit
    const { previousEvent, previousDfeReview } = previousEvents(events, target, SA_TODAY)
    assert.equal(previousEvent?.id, 1)
    assert.equal(previousDfeReview?.id, 1)
  })

  it('without a review linked, looks back from the data-as-at day', () => {
    assert.equal(previousEvents(events, null, '2026-06-01').previousEvent?.id, 1)
    assert.equal(previousEvents(events, null, '2026-03-01').previousEvent?.id, 4)
    assert.deepEqual(previousEvents([], null, SA_TODAY), { previousEvent: null, previousDfeReview: null })
  })

  it('shows evidence from the end of the previous DfE review, else from six months back', () => {
    assert.equal(evidenceSince(events[0]!, SA_TODAY), '2026-03-12')
    assert.equal(evidenceSince(events[4]!, SA_TODAY), '2025-09-01') // no end day: its start
    assert.equal(evidenceSince(null, SA_TODAY), '2026-06-07')
  })
})

describe('self-assessment content', () => {
  it('carries the delivery and impact ratings of each strand and active objective, with their words and reasons', () => {
    const content = buildSelfAssessment(
      saInput({ evidence: [saEvidence(1, 11, '2026-11-01', 'audit', 'Plans name a date')] }),
    )
    const [strand] = content.strands
    assert.ok(strand)
    assert.deepEqual(
      strand.objectives.map((o) => [o.title, o.rating.delivery.rag, o.rating.impact.level]),
      [
        ['Timely decisions', 'red', 'none'],
        ['Better audits', 'green', 'improving'],
      ],
      'the retired objective is left out',
    )
    const timely = strand.objectives[0]!.rating
    assert.equal(timely.delivery.label, 'Red: off track')
    assert.equal(timely.delivery.reasons, '1 milestone overdue by more than 90 days: Milestone 100')
    assert.equal(timely.impact.label, 'No evidence of impact yet')
    assert.match(strand.objectives[1]!.rating.impact.reasons, /improving/i)
    assert.equal(strand.rating.delivery.rag, 'red')
    assert.equal(strand.rating.impact.level, 'improving')
  })

  it('says plainly there is no plan rather than rating nothing', () => {
    const content = buildSelfAssessment(saInput({ plan: null, tree: { strands: [] } }))
    assert.equal(content.planTitle, null)
    assert.deepEqual(content.strands, [])
    assert.deepEqual(content.measures, [])
  })

  it('lists the evidence observed since the previous DfE review, newest first, and no later than the data-as-at day', () => {
    const content = buildSelfAssessment(
      saInput({
        previousDfeReview: saEvent(1, 'dfe-review', 'held', '2026-03-10', '2026-03-12'),
        evidence: [
          saEvidence(1, 10, '2026-03-12', 'visit', 'On the review’s last day: before it, left out'),
          saEvidence(2, 10, '2026-03-13', 'staff', 'Caseloads feel lower', 'no-change'),
          saEvidence(3, 11, '2026-10-01', 'audit', 'Most plans name a date'),
          saEvidence(4, 11, '2026-12-08', 'children', 'After the data-as-at day'),
        ],
      }),
    )
    assert.equal(content.evidence.since, '2026-03-12')
    assert.equal(content.evidence.basis, 'previous-review')
    assert.deepEqual(
      content.evidence.entries.map((e) => [e.id, e.objective, e.kindLabel, e.directionLabel]),
      [
        [3, '1: Better audits', 'Case audit finding', 'Shows improvement'],
        [2, '1: Timely decisions', 'Feedback from staff', 'Shows no change'],
      ],
    )
    assert.match(
      evidenceWindowText(content.evidence),
      /since the last DfE review: DfE progress review, March 2026 \(10 March 2026 to 12 March 2026\)/,
    )
  })

  it('falls back to the last six months when no DfE review was held before', () => {
    const content = buildSelfAssessment(
      saInput({
        previousDfeReview: null,
        evidence: [
          saEvidence(1, 10, '2026-06-07', 'visit', 'Six months back to the day: left out'),
          saEvidence(2, 10, '2026-06-08', 'visit', 'A day later'),
        ],
      }),
    )
    assert.equal(content.evidence.basis, 'six-months')
    assert.equal(content.evidence.previousReview, null)
    assert.deepEqual(
      content.evidence.entries.map((e) => e.id),
      [2],
    )
    assert.match(evidenceWindowText(content.evidence), /6 months since 7 June 2026/)
  })

  it('sorts practice evidence into audits, children’s voice and staff voice, empty ones saying none recorded', () => {
    const content = buildSelfAssessment(
      saInput({
        evidence: [
          saEvidence(1, 10, '2026-11-01', 'audit', 'Plans name a date'),
          saEvidence(2, 10, '2026-11-02', 'document', 'New guidance'),
        ],
      }),
    )
    assert.deepEqual(
      content.practice.map((p) => [p.kind, p.entries.map((e) => e.id)]),
      [
        ['audit', [1]],
        ['children', []],
        ['staff', []],
      ],
    )
    // The window starts at the end of the fixture's previous DfE review (10 to 12 March 2026).
    assert.equal(noneRecordedText(content.evidence.since), 'None recorded since 12 March 2026.')
  })

  it('follows up the previous review’s findings and recommendations with their tracking state and what answers them', () => {
    const previousEvent = saEvent(2, 'monitoring-visit', 'held', '2026-09-15', '2026-09-16')
    const findings = [
      saFinding(1, 'strength', '', 'Good leadership'),
      saFinding(2, 'finding', 'F1', 'Slow decisions', { closed_on: '2026-11-01', closure_note: 'Audit shows it' }),
      saFinding(3, 'recommendation', 'R1', 'Train managers', { due_on: '2027-03-01' }),
      saFinding(4, 'finding', 'F2', 'Weak plans', { due_on: '2026-11-30' }),
      saFinding(5, 'recommendation', 'R2', 'Evidence only'),
    ]
    const links = new Map([
      ['finding:2', [saLink(1, '1: Timely decisions')]],
      ['finding:3', [saLink(2, '1: Better audits')]],
      ['finding:4', [saLink(3, '1: Timely decisions')]],
      ['finding:5', [saLink(4, '1 November 2026: Entry', 'evidence')]], // evidence is not an action
    ])
    const content = buildSelfAssessment(saInput({ previousEvent: { event: previousEvent, findings }, links }))
    const last = content.sinceLastReview
    assert.ok(last)
    assert.equal(last.event.kindLabel, 'Monitoring visit')
    assert.deepEqual(
      last.items.map((i) => [i.reference, i.stateLabel, i.answeredBy]),
      [
        ['F1', 'Closed', ['1: Timely decisions']],
        ['R1', 'In progress', ['1: Better audits']],
        ['F2', 'Overdue', ['1: Timely decisions']],
        ['R2', 'No linked action', ['1 November 2026: Entry']],
      ],
      'the strength is noted elsewhere, not followed up',
    )
    assert.equal(last.items[0]!.closureNote, 'Audit shows it')
    assert.deepEqual(last.counts, { total: 4, closed: 1, inProgress: 2, noAction: 1, overdue: 1 })
  })

  it('counts the requirements of each Notice in force: met, overdue and without evidence', () => {
    const content = buildSelfAssessment(
      saInput({
        interventions: [
          saNotice([
            { id: 1, due_on: null, closed_on: '2026-10-01' },
            { id: 2, due_on: '2026-11-01', closed_on: null }, // overdue, with evidence linked
            { id: 3, due_on: '2026-11-01', closed_on: null }, // overdue and nothing linked
            { id: 4, due_on: null, closed_on: null }, // nothing linked
          ]),
        ],
        links: new Map([
          ['requirement:1', [saLink(1, 'x', 'report')]],
          ['requirement:2', [saLink(2, 'y', 'meeting')]],
        ]),
      }),
    )
    assert.deepEqual(content.requirements, [
      {
        title: 'Improvement Notice 2026',
        kindLabel: 'Improvement Notice',
        issuedOn: '2026-02-01',
        total: 4,
        met: 1,
        overdue: 2,
        noEvidence: 2,
      },
    ])
  })

  it('carries the narrative and says where it stands', () => {
    const draft = buildSelfAssessment(
      saInput({ narrative: { overview: 'Much better', next: 'Keep going', stray: 'x' } }),
    )
    assert.deepEqual(draft.narrative, { overview: 'Much better', strengths: '', weaknesses: '', next: 'Keep going' })
    assert.match(statusText(draft), /^Draft, with figures as they stand on 7 December 2026/)
    const submitted = buildSelfAssessment(
      saInput({ status: 'submitted', submitted: { on: SA_TODAY, by: 'Iris Team' } }),
    )
    assert.equal(
      statusText(submitted),
      'Submitted on 7 December 2026 by Iris Team. The content is frozen as it stood that day.',
    )
    assert.equal(submitted.review?.title, 'DfE progress review, January 2027')
  })
})

describe('key measures', () => {
  const measure = (id: number, withTarget: boolean) => {
    const row = {
      id,
      code: `M${id}`,
      name: `Measure ${id}`,
      unit: 'percent',
      polarity: 'lower',
      frequency: 'monthly',
      decimals: 1,
      formula: null,
      comparability: '',
      national_indicator: null,
    } as unknown as MeasureRow
    const values = new Map(
      [30, 31, 29, 30, 32, 30, 31, 29, 30, 31, 30, 10].map((value, i) => [
        new Date(Date.UTC(2025, i, 1)).toISOString().slice(0, 10),
        { value, note: '' },
      ]),
    )
    const targets = withTarget
      ? [{ id, value: 25, target_date: null, note: '', set_at: new Date('2025-01-01T12:00:00Z') }]
      : []
    return { row, summary: summariseMeasure(row, values, targets, [], []) }
  }
  const all = [measure(1, false), measure(2, true), measure(3, false), measure(4, true)]
  const measures: CouncilMeasures = {
    measures: all.map((m) => m.row),
    summaries: new Map(all.map((m) => [m.row.id, m.summary])),
    strandLinks: new Map([[1, [1]]]),
    // Measure 3 is linked only to the retired objective: not a key measure.
    objectiveLinks: new Map([
      [2, [10]],
      [3, [12]],
      [4, [11]],
    ]),
  }

  it('chooses as the Director’s home page does: linked to active items, those with a target first', () => {
    assert.deepEqual(
      buildSelfAssessment(saInput({ measures })).measures.map((m) => m.id),
      [2, 4, 1],
    )
  })

  it('gives each key measure its latest value, target, SPC verdicts and signal in words, and its chart', () => {
    const content = buildSelfAssessment(saInput({ measures }))
    const m = content.measures.find((x) => x.id === 2)
    assert.ok(m)
    assert.equal(m.latest, '10.0%')
    assert.equal(m.latestPeriod, 'Dec 2025')
    assert.equal(m.target, '25.0%')
    assert.equal(m.variation, 'Special cause improvement') // lower is better, and 10 is far below the limit
    assert.equal(m.assurance, 'Hit and miss against the target')
    assert.equal(m.signal, 'Below the lower limit')
    assert.match(m.chart, /^<svg/)
    assert.match(m.chart, /<desc/)
    assert.equal(content.measures.find((x) => x.id === 1)?.target, 'None')
  })
})

describe('stored snapshots', () => {
  it('reads back what was stored, and refuses what no longer fits', () => {
    const content = buildSelfAssessment(saInput({ narrative: { overview: 'Frozen words' } }))
    const stored: unknown = JSON.parse(JSON.stringify(content))
    assert.deepEqual(readSelfAssessmentSnapshot(stored), content)
    assert.throws(() => readSelfAssessmentSnapshot({ ...content, strands: 'broken' }), SnapshotError)
    assert.throws(() => readSelfAssessmentSnapshot(null), SnapshotError)
  })
})
