// The report's risks and resources section, built by hand from a small register: what is open and recorded
// as at the day read, scored then, highest first; the matrix; the escalated count; and the resources of the
// quarter, the year to date and the year's earlier quarters.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { quarterOf } from '../shared/calendar.js'
import { risksSectionSchema } from './report-sections.js'
import { buildRisksSection, type AssessmentRecord, type RiskRecord } from './risk-report.js'
import type { ResourceFigures } from './risk-rules.js'

const at = (day: string) => new Date(`${day}T10:00:00Z`)

const risk = (id: number, reference: string, over: Partial<RiskRecord> = {}): RiskRecord => ({
  id,
  kind: 'risk',
  reference,
  title: `Title ${reference}`,
  strand: '8: Workforce',
  owner: 'Head of service',
  mitigations: '',
  opened_on: '2022-04-01',
  escalated_on: null,
  closed_on: null,
  created_at: at('2022-04-01'),
  ...over,
})

const assessed = (
  id: number,
  risk_id: number,
  assessed_on: string,
  likelihood: number,
  impact: number,
  recorded = assessed_on,
): AssessmentRecord => ({ id, risk_id, assessed_on, likelihood, impact, created_at: at(recorded) })

const money = (quarterStart: string, budget: number, spend: number, agency: number): ResourceFigures => ({
  quarterStart,
  programmeBudget: budget,
  programmeSpend: spend,
  agencySpend: agency,
  fteFunded: 12,
  fteInPost: 9.5,
  note: '',
})

// Q3 2022/23, read as at its last day.
const quarter = quarterOf('2022-10-01')
const asAt = '2022-12-31'

const risks = [
  risk(1, 'R1', { escalated_on: '2022-09-01' }), // 4 x 4 = 16, up from 9
  risk(2, 'R2'), // 3 x 3 = 9 (re-assessed after the day: left out)
  risk(3, 'R10', { escalated_on: '2023-02-01' }), // 2 x 2 = 4; escalated after the day: not yet
  risk(4, 'R3', { closed_on: '2022-12-31' }), // closed on the day: not open
  risk(5, 'R4', { created_at: at('2023-01-05'), opened_on: '2022-12-01' }), // recorded after the day
  risk(6, 'I1', { kind: 'issue', opened_on: '2022-11-01', strand: '' }), // 5 x 3 = 15, new
  risk(7, 'R5', { opened_on: '2023-01-02', created_at: at('2022-12-20') }), // opened after the day
  risk(8, 'R6', { escalated_on: '2022-10-10' }), // 4 x 4 = 16, same as R1, escalated: ordered by reference
]

const assessments = [
  assessed(1, 1, '2022-04-01', 3, 3),
  assessed(2, 1, '2022-11-15', 4, 4),
  assessed(3, 2, '2022-04-01', 3, 3),
  assessed(4, 2, '2022-12-15', 5, 5, '2023-01-03'), // dated in the quarter, recorded after the day read
  assessed(5, 3, '2022-04-01', 2, 3),
  assessed(6, 3, '2022-08-01', 2, 2),
  assessed(7, 4, '2022-04-01', 5, 5),
  assessed(8, 5, '2022-12-01', 5, 5, '2023-01-05'),
  assessed(9, 6, '2022-11-01', 5, 3),
  assessed(10, 7, '2023-01-02', 1, 1, '2022-12-20'),
  assessed(11, 8, '2022-04-01', 4, 4),
  assessed(12, 8, '2022-10-10', 4, 4),
  assessed(13, 1, '2023-01-20', 1, 1), // after the day
]

const resources = [
  money('2022-01-01', 5, 5, 5), // 2021/22: not this year
  money('2022-04-01', 1_875_000, 1_402_310.5, 512_000),
  money('2022-07-01', 1_875_000, 1_655_000.25, 498_500),
  money('2022-10-01', 1_875_000, 1_910_400, 455_250.1),
  money('2023-01-01', 1_875_000, 2_100_000, 430_000), // after the quarter
]

describe('the report’s risks and resources section', () => {
  const section = buildRisksSection({ risks, assessments, resources, quarter, asAt })!

  it('passes the snapshot’s schema', () => {
    assert.ok(risksSectionSchema.safeParse(section).success)
  })

  it('lists the items open and recorded on the day, scored then, highest first, escalated first among equals', () => {
    assert.deepEqual(
      section.items.map((i) => [i.reference, i.likelihood, i.impact, i.score, i.level, i.trend, i.escalatedOn]),
      [
        ['R1', 4, 4, 16, 'extreme', 'up', '2022-09-01'],
        ['R6', 4, 4, 16, 'extreme', 'same', '2022-10-10'],
        ['I1', 5, 3, 15, 'extreme', 'new', null],
        ['R2', 3, 3, 9, 'high', 'new', null],
        ['R10', 2, 2, 4, 'moderate', 'down', null],
      ],
    )
    const [r1, r6, i1, r2, r10] = section.items
    assert.equal(r1?.trendText, 'Up from 9 (1 April 2022)')
    assert.equal(r6?.trendText, 'No change from 16 (1 April 2022)')
    assert.equal(i1?.trendText, 'New (first assessed 1 November 2022)')
    assert.equal(i1?.kind, 'issue')
    assert.equal(i1?.strand, '')
    assert.equal(r2?.trendText, 'New (first assessed 1 April 2022)', 'the later assessment was recorded after')
    assert.equal(r10?.trendText, 'Down from 6 (1 April 2022)')
    assert.equal(r10?.escalatedOn, null, 'escalated only after the day read')
    assert.equal(r1?.owner, 'Head of service')
  })

  it('counts the open items on the matrix and those escalated', () => {
    assert.deepEqual(section.matrix, [
      [0, 0, 1, 0, 0], // L5: I1 (5 x 3)
      [0, 0, 0, 2, 0], // L4: R1, R6 (4 x 4)
      [0, 0, 1, 0, 0], // L3: R2 (3 x 3)
      [0, 1, 0, 0, 0], // L2: R10 (2 x 2)
      [0, 0, 0, 0, 0],
    ])
    assert.equal(section.escalatedCount, 2)
  })

  it('gives the quarter’s resources, the year to date and the year’s earlier quarters', () => {
    assert.equal(section.resources?.quarterLabel, 'Q3 2022/23')
    assert.equal(section.resources?.programmeSpend, 1_910_400)
    assert.equal(section.resources?.fteInPost, 9.5)
    assert.deepEqual(section.yearToDate, {
      label: 'Q1 to Q3 2022/23',
      programmeBudget: 5_625_000,
      programmeSpend: 4_967_710.75,
      agencySpend: 1_465_750.1,
    })
    assert.deepEqual(
      section.earlierQuarters.map((q) => [q.quarterLabel, q.programmeSpend]),
      [
        ['Q1 2022/23', 1_402_310.5],
        ['Q2 2022/23', 1_655_000.25],
      ],
    )
  })

  it('reads an earlier day as it was then', () => {
    const earlier = buildRisksSection({
      risks,
      assessments,
      resources,
      quarter: quarterOf('2022-07-01'),
      asAt: '2022-09-30',
    })!
    assert.deepEqual(
      earlier.items.map((i) => [i.reference, i.score, i.trend]),
      [
        ['R3', 25, 'new'],
        ['R6', 16, 'new'],
        ['R1', 9, 'new'],
        ['R2', 9, 'new'],
        ['R10', 4, 'down'],
      ],
    )
    assert.equal(earlier.escalatedCount, 1, 'R1 escalated on 1 September')
    assert.deepEqual(earlier.yearToDate?.label, 'Q1 to Q2 2022/23')
    assert.equal(earlier.earlierQuarters.length, 1)
  })

  it('has resources but no quarter figures when the quarter is not recorded, and is null with nothing at all', () => {
    const onlyRisks = buildRisksSection({ risks, assessments, resources: [], quarter, asAt })!
    assert.equal(onlyRisks.resources, null)
    assert.equal(onlyRisks.yearToDate, null)
    assert.deepEqual(onlyRisks.earlierQuarters, [])
    const onlyMoney = buildRisksSection({ risks: [], assessments: [], resources, quarter, asAt })!
    assert.deepEqual(onlyMoney.items, [])
    assert.deepEqual(onlyMoney.matrix.flat(), new Array(25).fill(0))
    assert.equal(onlyMoney.escalatedCount, 0)
    assert.equal(buildRisksSection({ risks: [], assessments: [], resources: [], quarter, asAt }), null)
  })
})
