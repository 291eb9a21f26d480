// The demo council's workforce series, labelled point by point as NHSRplotthedots labels them. The expected
// labels were produced by an independent re-implementation of NHSRplotthedots' ptd_spc_standard and
// ptd_special_cause_type (written for this check, not this code), and are read from the rule order and
// directions: above or below a limit, a 7-point trend rising or falling, two of three beyond a 2-sigma
// line, a run of 7 on one side of the mean, or common cause (-).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { analyseSpc } from '../measures/spc.js'
import { readWorkforceCsv } from './demo-measures.js'

const CODES: Record<string, string> = {
  'beyond-limit:high': 'UCL',
  'beyond-limit:low': 'LCL',
  'trend:high': 'TrendUp',
  'trend:low': 'TrendDown',
  'two-of-three:high': '2in3Above',
  'two-of-three:low': '2in3Below',
  'run:high': 'RunAbove',
  'run:low': 'RunBelow',
}

function labels(values: number[]): string[] {
  const result = analyseSpc(
    values.map((value, i) => ({ period: `p${String(i).padStart(2, '0')}`, value })),
    { polarity: 'lower' },
  )
  return result.points.map((p) => (p.primary ? CODES[`${p.primary}:${p.directions[p.primary]}`]! : '-'))
}

const rows = readWorkforceCsv()

describe('the demo’s workforce series under the Making Data Count rules', () => {
  it('labels the average caseload (28 months from August 2019) as the reference does', () => {
    const caseload = rows.filter((r) => r.average_caseload).map((r) => Number(r.average_caseload))
    assert.equal(caseload.length, 28)
    // The fall through 2021 is a 7-point trend (an improvement where lower is better), not a concern.
    // prettier-ignore
    assert.deepEqual(labels(caseload), [
      'LCL', '-', '-', '-', '-', '-', '-', '-', '-', '-', '-',
      'RunAbove', '2in3Above', 'RunAbove', '2in3Above', 'RunAbove', 'RunAbove', 'RunAbove',
      'TrendDown', 'TrendDown', 'TrendDown', 'TrendDown', 'TrendDown', 'TrendDown',
      'LCL', 'LCL', 'LCL', '-',
    ])
  })

  it('labels the share of posts not filled by a permanent social worker (40 months) as the reference does', () => {
    const rate = rows.map((r) => {
      const posts = Number(r.social_work_posts_on_structure)
      return (100 * (posts - Number(r.social_work_employees))) / posts
    })
    assert.equal(rate.length, 40)
    // Its rise through 2019 and 2020 is a trend up and then points above the upper limit: a concern.
    // prettier-ignore
    assert.deepEqual(labels(rate), [
      ...Array<string>(12).fill('LCL'),
      'TrendUp', 'TrendUp', 'TrendDown', 'TrendUp', 'TrendUp', 'TrendUp', 'TrendUp', 'TrendUp',
      'UCL', 'UCL', '2in3Above', '2in3Above', 'UCL', 'UCL', 'UCL', 'UCL', 'RunAbove',
      ...Array<string>(11).fill('UCL'),
    ])
  })
})
