import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { buildReportContent, type ReportInput } from './report-content.js'
import { quarterOf } from '../shared/calendar.js'
import type { PlanTree } from '../plan/plan-repository.js'

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
          status: 'active',
          retired_on: null,
          position: 1,
          created_at: at('2022-04-01'),
          updated_at: at('2022-04-01'),
          milestones: [
            milestone(100, 10, 'Train staff', '2022-11-30', 'complete', '2022-11-20'), // completed in Q3
            milestone(101, 10, 'Go live', '2022-12-31', 'on-track', null), // due on the last day, open: overdue 0 days
          ],
        },
        {
          id: 11,
          strand_id: 1,
          title: 'Thresholds',
          description: '',
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
      partner: 'Police',
      description: 'Data',
      strand_id: 1,
      requested_on: '2022-10-01',
      due_on: '2022-11-30',
      received_on: null,
    },
    {
      partner: 'Health',
      description: 'Attendance',
      strand_id: null,
      requested_on: '2022-10-01',
      due_on: '2022-11-30',
      received_on: '2022-12-01',
    },
    {
      partner: 'Schools',
      description: 'Late',
      strand_id: null,
      requested_on: '2022-10-01',
      due_on: '2022-11-30',
      received_on: '2023-01-10',
    },
    {
      partner: 'Probation',
      description: 'Not yet due',
      strand_id: null,
      requested_on: '2022-12-01',
      due_on: '2023-01-31',
      received_on: null,
    },
  ],
  narrative: { summary: '', recommendations: '', decisions: '' },
  commentary: new Map(),
  overrides: [],
  ...over,
})

describe('report content', () => {
  const content = buildReportContent(input())
  const strand = content.strands[0]!

  it('rates each objective by the rules as at the quarter end, and the strand as the worst', () => {
    const [conversations, thresholds] = strand.objectives
    assert.equal(conversations!.status.rag, 'amber') // "Go live" due 31 Dec, open: overdue by 0 days
    assert.deepEqual(conversations!.status.derived.reasons, ['1 milestone overdue'])
    assert.equal(thresholds!.status.rag, 'red') // due 1 Sep, not done by 31 Dec: 121 days
    assert.equal(strand.status.rag, 'red')
    assert.equal(strand.objectives.length, 2, 'retired objectives are left out')
  })

  it('lists what was completed and due in the quarter, and what was overdue', () => {
    const conversations = strand.objectives[0]!
    assert.deepEqual(
      conversations.completed.map((m) => m.title),
      ['Train staff'],
    )
    assert.deepEqual(
      conversations.dueInQuarter.map((m) => m.title),
      ['Train staff', 'Go live'],
    )
    assert.deepEqual(
      strand.objectives[1]!.overdue.map((m) => [m.title, m.completed_on, m.status]),
      [['Agree thresholds', null, 'Overdue']],
    )
  })

  it('builds the slow-to-progress lists by rule', () => {
    const slow = content.slowToProgress
    assert.deepEqual(
      slow.overdueMilestones.map((m) => [m.title, m.daysOverdue]),
      [
        ['Agree thresholds', 121],
        ['Go live', 0],
      ],
    )
    assert.deepEqual(slow.objectivesWithoutUpdate, [
      { strand: '1: Front door', objective: 'Thresholds', lastUpdate: '2022-09-15' },
    ])
    assert.deepEqual(
      slow.contributionsToStrengthen.map((c) => c.partner),
      ['Police', 'Schools'],
    )
    assert.equal(slow.contributionsToStrengthen[0]!.strand, '1: Front door')
    assert.deepEqual(slow.measuresOfConcern, [])
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
