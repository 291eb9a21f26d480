import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildReportContent, type ReportInput } from './report-content.js'
import { quarterOf } from '../shared/calendar.js'
import type { PlanTree } from '../plan/plan-repository.js'
import { summariseMeasure } from '../measures/measure-summary.js'
import type { MeasureRow } from '../measures/measure-repository.js'

const at = (d: string) => new Date(`${d}T12:00:00Z`)
const milestone = (
  id: number,
  objective_id: number,
  title: string,
  due_on: string,
  status: string,
  completed_on: string | null,
) =>
  ({
    id,
    objective_id,
    title,
    owner: 'Owner',
    // Each milestone is owned by the contact numbered as it is, so a test can make any of them a partner's.
    owner_user_id: null,
    owner_contact_id: id,
    due_on,
    status,
    completed_on,
    evidence: '',
    position: id,
    created_at: at('2022-04-01'),
    updated_at: at('2022-04-01'),
  }) as never

const tree: PlanTree = {
  strands: [
    {
      id: 1,
      plan_id: 1,
      code: '1',
      half: 'A',
      title: 'Front door',
      lead_title: 'Head of Service',
      lead_user_id: null,
      lead_contact_id: null,
      lead_name: null,
      status: 'active',
      retired_on: null,
      position: 1,
      created_at: at('2022-04-01'),
      updated_at: at('2022-04-01'),
      objectives: [
        {
          id: 10,
          strand_id: 1,
          title: 'Conversations',
          description: '',
          intended_impact: '',
          carried_from_plan_id: null,
          owner: '',
          owner_user_id: null,
          owner_contact_id: null,
          status: 'active',
          retired_on: null,
          position: 1,
          created_at: at('2022-04-01'),
          updated_at: at('2022-04-01'),
          milestones: [
            milestone(100, 10, 'Train staff', '2022-11-30', 'complete', '2022-11-20'), // completed in Q3
            milestone(101, 10, 'Go live', '2022-12-31', 'on-track', null), // due on the last day, open: not yet overdue
            milestone(102, 10, 'Review', '2023-03-31', 'at-risk', null), // at risk, due next quarter
          ],
        },
        {
          id: 11,
          strand_id: 1,
          title: 'Thresholds',
          description: '',
          intended_impact: '',
          carried_from_plan_id: null,
          owner: '',
          owner_user_id: null,
          owner_contact_id: null,
          status: 'active',
          retired_on: null,
          position: 2,
          created_at: at('2022-04-01'),
          updated_at: at('2022-04-01'),
          milestones: [milestone(110, 11, 'Agree thresholds', '2022-09-01', 'complete', '2023-02-01')], // done after the quarter: 121 days overdue at 31 Dec
        },
        {
          id: 12,
          strand_id: 1,
          title: 'Retired objective',
          description: '',
          intended_impact: '',
          carried_from_plan_id: null,
          owner: '',
          owner_user_id: null,
          owner_contact_id: null,
          status: 'retired',
          retired_on: '2022-06-01',
          position: 3,
          created_at: at('2022-04-01'),
          updated_at: at('2022-04-01'),
          milestones: [milestone(120, 12, 'Old', '2022-05-01', 'not-started', null)],
        },
      ],
    },
  ],
}

const input = (over: Partial<ReportInput> = {}): ReportInput => ({
  councilName: 'Test council',
  planTitle: 'Plan',
  quarter: quarterOf('2022-10-01'),
  tree,
  updates: [
    { objective_id: 10, created_at: at('2022-11-15'), body: 'In the quarter', author_name: 'Lead' },
    { objective_id: 11, created_at: at('2022-09-15'), body: 'Before the quarter', author_name: 'Lead' },
    { objective_id: 11, created_at: at('2023-01-15'), body: 'After the quarter', author_name: 'Lead' },
  ],
  measures: [],
  strandLinks: new Map(),
  objectiveLinks: new Map(),
  partnerRequests: [
    {
      id: 1,
      partner: 'Police',
      description: 'Data',
      strand_id: 1,
      requested_on: '2022-10-01',
      due_on: '2022-11-30',
      received_on: null,
      response: '',
      attachment_name: null,
    },
    {
      id: 2,
      partner: 'Health',
      description: 'Attendance',
      strand_id: null,
      requested_on: '2022-10-01',
      due_on: '2022-11-30',
      received_on: '2022-12-01',
      response: 'Figures for 2022-12-01',
      attachment_name: null,
    },
    {
      id: 3,
      partner: 'Schools',
      description: 'Late',
      strand_id: null,
      requested_on: '2022-10-01',
      due_on: '2022-11-30',
      received_on: '2023-01-10',
      response: 'Figures for 2023-01-10',
      attachment_name: null,
    },
    {
      id: 4,
      partner: 'Probation',
      description: 'Not yet due',
      strand_id: null,
      requested_on: '2022-12-01',
      due_on: '2023-01-31',
      received_on: null,
      response: '',
      attachment_name: null,
    },
  ],
  narrative: { summary: '', recommendations: '', decisions: '', decisionsFollowUp: '' },
  commentary: new Map(),
  overrides: [],
  ...over,
})

/** A monthly measure with twelve values from `first`, the last of them special cause improvement. */
function monthlyMeasure(id: number, first: string) {
  const measure = {
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
  } as MeasureRow
  const year = Number(first.slice(0, 4))
  const month = Number(first.slice(5, 7))
  const values = [30, 31, 29, 30, 32, 30, 31, 29, 30, 31, 30, 10]
  const series = new Map(
    values.map((value, i) => {
      const d = new Date(Date.UTC(year, month - 1 + i, 1)).toISOString().slice(0, 10)
      return [d, { value, note: '' }]
    }),
  )
  return summariseMeasure(measure, series, [], [], [])
}

describe('report content', () => {
  const content = buildReportContent(input())
  const strand = content.strands[0]!

  it('rates delivery from milestones as at the quarter end, and impact apart from it', () => {
    const [conversations, thresholds] = strand.objectives
    // "Go live" is due on 31 Dec, the quarter's last day: not yet overdue. "Review" is at risk.
    assert.equal(conversations!.status.delivery!.rag, 'amber')
    assert.deepEqual(
      conversations!.status.delivery!.reasons.map((r) => [r.text, r.items.map((i) => i.anchor)]),
      [['1 milestone at risk', ['milestone-102']]],
    )
    assert.equal(thresholds!.status.delivery!.rag, 'red') // due 1 Sep, not done by 31 Dec: 121 days
    assert.equal(conversations!.status.impact!.level, 'none')
    assert.equal(strand.status.rag, 'red')
    assert.equal(strand.objectives.length, 2, 'retired objectives are left out')
  })

  it('never rates an objective or strand Green without current evidence of impact', () => {
    const onTime = buildReportContent(
      input({
        tree: {
          strands: [{ ...tree.strands[0]!, objectives: [{ ...tree.strands[0]!.objectives[0]!, milestones: [] }] }],
        },
      }),
    )
    const s = onTime.strands[0]!
    assert.equal(s.objectives[0]!.status.rag, 'amber')
    assert.deepEqual(
      s.objectives[0]!.status.derived.reasons.map((r) => r.text),
      ['No evidence of impact yet: no linked measure, evidence entry or evidence from practice'],
    )
    assert.equal(s.status.rag, 'amber')
  })

  it('counts evidence entries recorded by the quarter end and observed in the six months to it', () => {
    const entry = (id: number, observed_on: string, created: string, direction: 'improving' | 'worsening') => ({
      id,
      objective_id: 10,
      observed_on,
      kind: 'audit' as const,
      summary: `Entry ${id}`,
      direction,
      attachment_name: null,
      created_at: at(created),
    })
    const withEvidence = buildReportContent(
      input({
        tree: {
          strands: [{ ...tree.strands[0]!, objectives: [{ ...tree.strands[0]!.objectives[0]!, milestones: [] }] }],
        },
        evidence: [
          entry(1, '2022-11-01', '2022-11-02', 'improving'),
          entry(2, '2022-03-01', '2022-03-02', 'worsening'), // observed more than six months before
          entry(3, '2022-12-20', '2023-01-05', 'worsening'), // recorded after the quarter
        ],
      }),
    )
    const o = withEvidence.strands[0]!.objectives[0]!
    assert.deepEqual(
      o.evidence.map((e) => [e.anchor, e.current]),
      [
        ['evidence-1', true],
        ['evidence-2', false],
      ],
    )
    assert.equal(o.status.impact!.level, 'improving')
    assert.equal(o.status.rag, 'green')
  })

  it('flags a measure whose latest figure is not current and lists it, and counts it as no evidence', () => {
    const stale = monthlyMeasure(7, '2020-12-01') // latest Nov 2021
    const fresh = monthlyMeasure(8, '2022-01-01') // latest Dec 2022
    const withMeasures = buildReportContent(
      input({
        measures: [stale, fresh],
        objectiveLinks: new Map([
          [7, [10]],
          [8, [11]],
        ]),
      }),
    )
    const s = withMeasures.strands[0]!
    const row = s.measures.find((m) => m.id === 7)!
    assert.equal(row.current, false)
    assert.equal(row.currencyNote, 'Latest figure is for Nov 2021; a newer one was due by 31 January 2022')
    assert.deepEqual(withMeasures.notCurrent, [
      {
        strand: '1: Front door',
        anchor: 'measure-1-7',
        name: 'Measure 7',
        latestPeriod: 'Nov 2021',
        note: row.currencyNote,
      },
    ])
    assert.equal(s.objectives[0]!.status.impact!.level, 'none')
    assert.equal(s.objectives[1]!.status.impact!.level, 'improving')
    assert.deepEqual(s.objectives[1]!.measures, [{ anchor: 'measure-1-8', label: 'Measure 8' }])
    assert.match(
      s.draftCommentary,
      /Measure 8: 10\.0% in Dec 2022, down 20\.0 percentage points on Nov 2022; special cause improvement\./,
    )
    assert.match(s.draftCommentary, /Not current: latest figure is for Nov 2021/)
  })

  it('lists what was completed and due in the quarter, what was overdue, and what needs attention', () => {
    const conversations = strand.objectives[0]!
    assert.deepEqual(
      conversations.completed.map((m) => m.title),
      ['Train staff'],
    )
    assert.deepEqual(
      conversations.dueInQuarter.map((m) => [m.title, m.status]),
      [
        ['Train staff', 'Complete'],
        ['Go live', 'On track'],
      ],
    )
    assert.deepEqual(
      strand.objectives[1]!.overdue.map((m) => [m.title, m.completed_on, m.status]),
      [['Agree thresholds', null, 'Overdue; last reported on track']],
    )
    assert.deepEqual(
      conversations.attention.map((m) => m.id),
      [102],
    )
  })

  it('judges a closed plan’s milestones on its closing day: nothing becomes overdue after it', () => {
    // Closed on 1 August: "Agree thresholds" (due 1 September) was not yet due, so it is not overdue at 31 December.
    const closed = buildReportContent(input({ planClosedOn: '2022-08-01' }))
    assert.deepEqual(closed.slowToProgress.overdueMilestones, [])
    assert.deepEqual(closed.strands[0]!.objectives[1]!.overdue, [])
    // Closed on 1 October: it was then 30 days overdue, and stays counted to that day.
    const later = buildReportContent(input({ planClosedOn: '2022-10-01' }))
    assert.deepEqual(
      later.slowToProgress.overdueMilestones.map((m) => [m.title, m.daysOverdue]),
      [['Agree thresholds', 30]],
    )
  })

  it('builds the slow-to-progress lists by rule', () => {
    const slow = content.slowToProgress
    assert.deepEqual(
      slow.overdueMilestones.map((m) => [m.title, m.daysOverdue]),
      [['Agree thresholds', 121]],
    )
    assert.deepEqual(slow.objectivesWithoutUpdate, [
      { strand: '1: Front door', objective: 'Thresholds', lastUpdate: '2022-09-15' },
    ])
    // Police and Schools had given nothing by the quarter's end; Health answered in the quarter, a day late.
    assert.deepEqual(
      slow.contributionsToStrengthen.map((c) => [c.partner, c.reason, c.detail]),
      [
        ['Police', 'missing', 'not received'],
        ['Schools', 'missing', 'not received'],
        ['Health', 'late', 'received 1 December 2022, 1 day late'],
      ],
    )
    assert.equal(slow.contributionsToStrengthen[0]!.strand, '1: Front door')
    assert.deepEqual(slow.measuresOfConcern, [])
  })

  it('lists partners’ answers received in the quarter, and milestones partners own that are off track or overdue', () => {
    const content = buildReportContent(
      input({
        // 110 is 121 days overdue at 31 December; 102 is only at risk; 100 is complete; 120's objective is retired.
        partnerOwners: {
          users: new Map(),
          contacts: new Map([
            [110, 'Police'],
            [102, 'Health'],
            [100, 'Schools'],
            [120, 'Probation'],
          ]),
        },
      }),
    )
    assert.deepEqual(
      content.contributionsReceived?.map((c) => [c.partner, c.receivedOn, c.response, c.late]),
      [['Health', '2022-12-01', 'Figures for 2022-12-01', true]],
    )
    const milestones = content.slowToProgress.contributionsToStrengthen.filter((c) => c.reason === 'milestone')
    assert.deepEqual(
      milestones.map((c) => [c.partner, c.description, c.detail]),
      [['Police', 'Agree thresholds', 'milestone overdue by 121 days']],
    )
    // Off track counts even before the due date.
    const offTrack = buildReportContent(
      input({
        // Owned by a partner's own account this time, not a contact.
        partnerOwners: { users: new Map([[7, 'Health']]), contacts: new Map() },
        tree: {
          strands: [
            {
              ...tree.strands[0]!,
              objectives: [
                {
                  ...tree.strands[0]!.objectives[0]!,
                  milestones: [
                    {
                      ...(milestone(102, 10, 'Review', '2023-03-31', 'off-track', null) as object),
                      owner_user_id: 7,
                      owner_contact_id: null,
                    } as never,
                  ],
                },
              ],
            },
          ],
        },
      }),
    )
    assert.deepEqual(
      offTrack.slowToProgress.contributionsToStrengthen
        .filter((c) => c.reason === 'milestone')
        .map((c) => [c.partner, c.detail]),
      [['Health', 'milestone off track']],
    )
    // With a reporting round recording until 15 January, Schools' answer of 10 January counts: received, late.
    const round = buildReportContent(input({ recordedUntil: '2023-01-15' }))
    assert.deepEqual(
      round.contributionsReceived?.map((c) => c.partner),
      ['Health', 'Schools'],
    )
    assert.deepEqual(
      round.slowToProgress.contributionsToStrengthen.map((c) => [c.partner, c.reason]),
      [
        ['Police', 'missing'],
        ['Health', 'late'],
        ['Schools', 'late'],
      ],
    )
  })

  it('counts re-planning per strand from the recorded moves of due dates', () => {
    const moved = buildReportContent(
      input({
        slippage: new Map([
          [
            101,
            {
              originallyDue: '2022-10-31',
              moves: [
                { from: '2022-10-31', to: '2022-11-30', recordedAt: at('2022-10-20'), reason: 'Staff' },
                { from: '2022-11-30', to: '2022-12-31', recordedAt: at('2022-11-20'), reason: 'IT' },
              ],
            },
          ],
        ]),
      }),
    )
    const s = moved.strands[0]!
    assert.deepEqual(s.slippage, { replans: 2, daysSlipped: 61 })
    const goLive = s.objectives[0]!.dueInQuarter.find((m) => m.id === 101)!
    assert.deepEqual([goLive.originallyDue, goLive.timesMoved], ['2022-10-31', 2])
    assert.match(s.draftCommentary, /due dates moved 2 times, 61 days in all/)
  })

  it('shows an override with its reason, keeping what the rule gives', () => {
    const overridden = buildReportContent(
      input({
        overrides: [
          { entity_type: 'strand', entity_id: 1, rag: 'amber', reason: 'Plan agreed', set_by_name: 'Officer' },
        ],
      }),
    )
    const s = overridden.strands[0]!
    assert.equal(s.status.rag, 'amber')
    assert.equal(s.status.derived.rag, 'red')
    assert.deepEqual(s.status.override, { rag: 'amber', reason: 'Plan agreed', by: 'Officer' })
  })

  it('includes only the updates written in the quarter', () => {
    assert.deepEqual(
      strand.objectives[0]!.updates.map((u) => u.body),
      ['In the quarter'],
    )
    assert.deepEqual(strand.objectives[1]!.updates, [])
  })
})
