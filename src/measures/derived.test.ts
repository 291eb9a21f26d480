import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { applyFormula, FormulaError, resolveSeries, type Series } from './derived.js'

const series = (entries: Array<[string, number]>): Series => new Map(entries)

describe('derived measures', () => {
  it('computes difference, percentage and share for periods both inputs have', () => {
    const posts = series([
      ['2018-08-01', 318],
      ['2018-09-01', 328],
      ['2018-10-01', 330],
    ])
    const employees = series([
      ['2018-08-01', 280],
      ['2018-09-01', 292],
    ])
    const vacancies = applyFormula({ op: 'difference', a: 'p', b: 'e' }, posts, employees)
    assert.deepEqual(
      [...vacancies],
      [
        ['2018-08-01', 38],
        ['2018-09-01', 36],
      ],
    )
    const rate = applyFormula({ op: 'percent', a: 'v', b: 'p' }, vacancies, posts)
    // 38 / 318 = 11.9497%, 36 / 328 = 10.9756%
    assert.ok(Math.abs(rate.get('2018-08-01')! - 11.9497) < 0.0001)
    assert.ok(Math.abs(rate.get('2018-09-01')! - 10.9756) < 0.0001)
    const agency = series([['2018-08-01', 47]])
    // 47 / (47 + 280) = 14.3731%
    const share = applyFormula({ op: 'share', a: 'a', b: 'e' }, agency, employees)
    assert.ok(Math.abs(share.get('2018-08-01')! - 14.3731) < 0.0001)
  })

  it('skips a period where the division would be by zero', () => {
    const rate = applyFormula(
      { op: 'percent', a: 'a', b: 'b' },
      series([['2020-01-01', 5]]),
      series([['2020-01-01', 0]]),
    )
    assert.equal(rate.size, 0)
  })

  it('resolves chains of derived measures and refuses loops and unknown codes', () => {
    const measures = [
      { code: 'POSTS', formula: null },
      { code: 'EMP', formula: null },
      { code: 'VAC', formula: { op: 'difference' as const, a: 'POSTS', b: 'EMP' } },
      { code: 'RATE', formula: { op: 'percent' as const, a: 'VAC', b: 'POSTS' } },
    ]
    const recorded = new Map([
      ['POSTS', series([['2021-11-01', 400]])],
      ['EMP', series([['2021-11-01', 300]])],
    ])
    assert.equal(resolveSeries(measures, recorded).get('RATE')!.get('2021-11-01'), 25)
    assert.throws(
      () =>
        resolveSeries(
          [
            { code: 'A', formula: { op: 'difference', a: 'B', b: 'A' } },
            { code: 'B', formula: null },
          ],
          new Map(),
        ),
      FormulaError,
    )
    assert.throws(
      () => resolveSeries([{ code: 'A', formula: { op: 'difference', a: 'X', b: 'Y' } }], new Map()),
      /"X", which does not exist/,
    )
  })
})
