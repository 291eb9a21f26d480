import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { baselineChoices, changeSinceBaseline } from './vital-signs.js'

const point = (period: string, value: number | null) => ({ period, label: period, value, note: '' })

describe('changeSinceBaseline', () => {
  const summary = {
    measure: { unit: 'count' as const },
    points: [
      point('2018-08-01', 3870),
      point('2018-09-01', 4063),
      point('2018-10-01', null),
      point('2021-11-01', 6150),
    ],
  }

  it('computes the change from the baseline month to the latest', () => {
    const c = changeSinceBaseline(summary, '2018-08-01')
    assert.equal(c.change?.difference, 2280) // 6150 - 3870
    assert.ok(Math.abs(c.change.relativePercent! - 58.9147) < 0.0001) // 2280 / 3870
  })

  it('uses the first value on or after a baseline that has no value', () => {
    const c = changeSinceBaseline(summary, '2018-10-01')
    assert.equal(c.baseline?.period, '2021-11-01')
    assert.equal(c.change, null, 'baseline and latest are the same point')
  })

  it('has no percentage from a zero baseline, and nothing without data', () => {
    assert.equal(
      changeSinceBaseline(
        { measure: summary.measure, points: [point('2020-01-01', 0), point('2020-02-01', 4)] },
        '2020-01-01',
      ).change?.relativePercent,
      null,
    )
    assert.deepEqual(changeSinceBaseline({ measure: summary.measure, points: [] }, '2020-01-01'), {
      baseline: null,
      latest: null,
      change: null,
    })
  })

  it("gives a rate's change in percentage points, with no relative change", () => {
    // An agency share from 30% to 44%: 14 points, not "46.7%".
    const rate = { measure: { unit: 'percent' as const }, points: [point('2019-01-01', 30), point('2021-11-01', 44)] }
    const c = changeSinceBaseline(rate, '2019-01-01').change!
    assert.equal(c.difference, 14)
    assert.equal(c.relativePercent, null)
  })

  it('offers every period with data as a baseline, once, in order', () => {
    const choices = baselineChoices([summary, { points: [point('2018-07-01', 1), point('2018-08-01', 2)] }])
    assert.deepEqual(
      choices.map((c) => c.period),
      ['2018-07-01', '2018-08-01', '2018-09-01', '2021-11-01'],
    )
  })
})
