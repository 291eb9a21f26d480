import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { REPORT_SCHEMA_VERSION, SnapshotError, readReportSnapshot } from './report-snapshot.js'

/** A report's content as stored before snapshots carried a version (the demo's Q2 2022/23 shape). */
const unversioned = {
  councilName: 'City of Bradford',
  planTitle: 'Improvement plan',
  quarter: { start: '2022-07-01', end: '2022-09-30', label: 'Q2 2022/23' },
  narrative: { summary: 'S', recommendations: 'R', decisions: 'D' },
  strands: [
    {
      id: 1,
      code: '1',
      half: 'A',
      title: 'Front door',
      lead: 'Head of service',
      status: { rag: 'green', derived: { rag: 'green', reasons: ['All objectives green'] }, override: null },
      commentary: '',
      impact: '',
      objectives: [],
      measures: [],
    },
  ],
  significantChanges: [],
  slowToProgress: {
    overdueMilestones: [],
    objectivesWithoutUpdate: [],
    measuresOfConcern: [],
    contributionsToStrengthen: [],
  },
}

describe('reading a stored report snapshot', () => {
  it('upgrades a snapshot stored before versions to the current version', () => {
    const content = readReportSnapshot(unversioned)
    assert.equal(content.schemaVersion, REPORT_SCHEMA_VERSION)
    assert.equal(content.quarter.label, 'Q2 2022/23')
    assert.equal(content.strands[0]!.status.rag, 'green')
  })

  it('upgrades a version 1 snapshot: its measures gain an empty note on how they differ from benchmarks', () => {
    const measure = {
      id: 5,
      code: 'VS-CASELOAD',
      name: 'Average caseload',
      latest: '19.4',
      latestPeriod: 'Nov 2021',
      previous: '19.0 (Oct 2021)',
      target: '18.0',
      england: '16.3 (Sept 2021, official)',
      statisticalNeighbours: 'Not available',
      variation: 'Common cause variation',
      assurance: 'Consistently failing the target',
      variationKey: 'common-cause',
      assuranceKey: 'consistently-failing',
      unit: 'count',
      chart: '<svg></svg>',
      data: [{ period: '2021-11-01', label: 'Nov 2021', value: 19.4, target: 18 }],
    }
    const v1 = { ...unversioned, schemaVersion: 1, strands: [{ ...unversioned.strands[0], measures: [measure] }] }
    const content = readReportSnapshot(v1)
    assert.equal(content.schemaVersion, REPORT_SCHEMA_VERSION)
    assert.deepEqual(content.strands[0]!.measures[0], {
      ...measure,
      comparability: '',
      anchor: 'measure-1-5',
      current: null,
      currencyNote: '',
      direction: null,
      englandValue: null,
      neighboursValue: null,
      data: [{ ...measure.data[0], mean: null, lowerLimit: null, upperLimit: null, signal: '' }],
    })
  })

  it('upgrades a version 3 snapshot to a board paper without a cover, and says changes were not recorded', () => {
    const content = readReportSnapshot({ ...unversioned, schemaVersion: 2 })
    assert.equal(content.cover, null)
    assert.deepEqual(content.changesSinceLast, { kind: 'not-recorded' })
    assert.equal(content.dataAsAt, content.quarter.end)
    assert.equal(content.narrative.decisionsFollowUp, '')
    assert.deepEqual(content.sensitive, [])
  })

  it('upgrades a version 2 snapshot without guessing what it never checked', () => {
    const v2 = { ...unversioned, schemaVersion: 2 }
    const content = readReportSnapshot(v2)
    const strand = content.strands[0]!
    assert.deepEqual(strand.status, {
      rag: 'green',
      derived: { rag: 'green', reasons: [{ text: 'All objectives green', items: [] }] },
      override: null,
      delivery: null,
      impact: null,
    })
    assert.equal(content.notCurrent, null, 'an older report never checked whether figures were current')
    assert.deepEqual(strand.slippage, { replans: 0, daysSlipped: 0 })
    assert.equal(strand.draftCommentary, '')
  })

  it('reads a current snapshot as it is', () => {
    const current = { ...readReportSnapshot(unversioned), sources: 'DfE' }
    assert.deepEqual(readReportSnapshot(current), current)
  })

  it('refuses, naming the field, a snapshot that is not a report', () => {
    assert.throws(() => readReportSnapshot(null), SnapshotError)
    assert.throws(() => readReportSnapshot([]), SnapshotError)
    assert.throws(
      () => readReportSnapshot({ ...unversioned, strands: [{ ...unversioned.strands[0], half: 'C' }] }),
      (error: unknown) => error instanceof SnapshotError && /strands\.0\.half/.test(error.message),
    )
    assert.throws(
      () => readReportSnapshot({ ...unversioned, schemaVersion: REPORT_SCHEMA_VERSION + 1 }),
      SnapshotError,
      'a snapshot from a newer version is not guessed at',
    )
  })
})
