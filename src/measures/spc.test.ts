// Worked examples, computed by hand (the arithmetic is in the comments), not by running the code twice.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { analyseSpc, type SpcInput } from './spc.js'

function months(values: Array<number | null>, start = 2020): SpcInput[] {
  return values.map((value, i) => ({
    period: `${start + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
    value,
  }))
}
const close = (actual: number | null | undefined, expected: number, label = '') =>
  assert.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) < 1e-6,
    `${label}: ${actual} != ${expected}`,
  )
const flagged = (result: ReturnType<typeof analyseSpc>) =>
  result.points.flatMap((p, i) => (p.signals.length ? [`${i}:${p.signals.join('+')}`] : []))

// 10 12 11 13 12 11 10 12 13 11 12 11: sum 138, mean 11.5
// moving ranges 2 1 2 1 1 1 2 1 2 1 1: sum 15, MR̄ = 15/11 = 1.363636
// limits 11.5 ± 2.66 × 1.363636 = 11.5 ± 3.627273 -> 7.872727 .. 15.127273
// 2 sigma 11.5 ± 1.773333 × 1.363636 = 11.5 ± 2.418182 -> 9.081818 .. 13.918182
const STEADY = [10, 12, 11, 13, 12, 11, 10, 12, 13, 11, 12, 11]

describe('XmR limits', () => {
  it('computes mean, moving ranges and limits for a steady series with no signals', () => {
    const r = analyseSpc(months(STEADY), { polarity: 'higher' })
    assert.equal(r.enoughData, true)
    const seg = r.segments[0]!
    close(seg.mean, 11.5, 'mean')
    close(seg.averageMovingRange, 15 / 11, 'MR̄')
    close(seg.upperLimit, 15.127273, 'upper')
    close(seg.lowerLimit, 7.872727, 'lower')
    close(r.points[0]!.upperTwoSigma, 13.918182, 'upper 2 sigma')
    assert.equal(r.points[0]!.movingRange, null)
    assert.equal(r.points[3]!.movingRange, 2)
    assert.deepEqual(flagged(r), [])
    assert.equal(r.variation, 'common-cause')
    assert.equal(r.assurance, 'no-target')
  })

  it('needs 12 values: 11 is not enough, 12 is', () => {
    const eleven = analyseSpc(months(STEADY.slice(0, 11)), { polarity: 'higher', target: 5 })
    assert.equal(eleven.enoughData, false)
    assert.equal(eleven.variation, 'not-enough-data')
    assert.equal(eleven.assurance, 'not-enough-data')
    assert.equal(eleven.points[0]!.mean, null)
    assert.match(eleven.summary, /11 of the 12 values needed/)
    assert.equal(analyseSpc(months(STEADY), { polarity: 'higher' }).enoughData, true)
  })

  it('handles a flat series without dividing by zero', () => {
    const r = analyseSpc(months(Array<number>(12).fill(5)), { polarity: 'lower', target: 6 })
    close(r.segments[0]!.mean, 5)
    assert.equal(r.segments[0]!.averageMovingRange, 0)
    assert.equal(r.segments[0]!.upperLimit, 5)
    assert.equal(r.segments[0]!.lowerLimit, 5)
    assert.deepEqual(flagged(r), [])
    assert.equal(r.variation, 'common-cause')
    assert.equal(r.assurance, 'consistently-passing', 'upper limit 5 < target 6, lower is better')
    assert.ok(r.points.every((p) => Number.isFinite(p.mean!)))
  })

  it('skips missing periods, which break the moving range', () => {
    // STEADY with a gap after the sixth value: 12 values, mean still 138 / 12 = 11.5.
    // Moving ranges 2 1 2 1 1 | (gap: none for 10) | 2 1 2 1 1: sum 14 over 10 -> MR̄ 1.4
    // upper limit 11.5 + 2.66 × 1.4 = 15.224
    const r = analyseSpc(months([10, 12, 11, 13, 12, 11, null, 10, 12, 13, 11, 12, 11]), { polarity: 'higher' })
    close(r.segments[0]!.mean, 11.5)
    close(r.segments[0]!.averageMovingRange, 1.4)
    close(r.segments[0]!.upperLimit, 15.224)
    assert.equal(r.points[6]!.value, null)
    assert.equal(r.points[7]!.movingRange, null, 'no moving range across the gap')
    assert.equal(r.latest?.period, '2021-01-01')
  })
})

describe('signals', () => {
  // STEADY but the last value 20: sum 147, mean 12.25; moving ranges as before for the first 11 (sum 14)
  // plus |20 - 12| = 8: MR̄ = 22 / 11 = 2; upper limit 12.25 + 5.32 = 17.57 < 20.
  const SPIKE = [10, 12, 11, 13, 12, 11, 10, 12, 13, 11, 12, 20]

  it('flags a point beyond a limit, as concern or improvement by polarity', () => {
    const lower = analyseSpc(months(SPIKE), { polarity: 'lower' })
    close(lower.segments[0]!.upperLimit, 17.57)
    assert.deepEqual(flagged(lower), ['11:beyond-limit'])
    assert.equal(lower.variation, 'special-cause-concern')
    assert.equal(analyseSpc(months(SPIKE), { polarity: 'higher' }).variation, 'special-cause-improvement')
    assert.equal(analyseSpc(months(SPIKE), { polarity: 'neutral' }).variation, 'special-cause-neither')
  })

  it('flags a run of 7 on one side of the mean, but not a run of 6', () => {
    // 1 3 1 3 1 3 1 | 3.5 4 3.5 4 3.5 4 3.5: sum 13 + 26 = 39, mean 2.785714: the last 7 are all above.
    // MR̄ = (6 × 2 + 2.5 + 6 × 0.5) / 13 = 17.5 / 13 = 1.346154; 2 sigma upper 5.172893, upper limit 6.366483.
    const seven = analyseSpc(months([1, 3, 1, 3, 1, 3, 1, 3.5, 4, 3.5, 4, 3.5, 4, 3.5]), { polarity: 'higher' })
    close(seven.segments[0]!.mean, 39 / 14)
    assert.deepEqual(flagged(seven), ['7:run', '8:run', '9:run', '10:run', '11:run', '12:run', '13:run'])
    assert.equal(seven.variation, 'special-cause-improvement')
    // Six above: 1 3 1 3 1 3 1 | 4 3.5 4 3.5 4 3.5: mean 35.5 / 13 = 2.730769, no signal.
    const six = analyseSpc(months([1, 3, 1, 3, 1, 3, 1, 4, 3.5, 4, 3.5, 4, 3.5]), { polarity: 'higher' })
    assert.deepEqual(flagged(six), [])
  })

  it('flags a trend of 6 rising points, not 5, and an equal value breaks it', () => {
    // 5 6 5 6 5 6 | 3 4 5 6 7 8: mean 66 / 12 = 5.5; MR̄ = (5 + 3 + 5) / 11 = 1.181818;
    // limits 2.356364 .. 8.643636, 2 sigma 3.404242 .. 7.595758 (8 and 3 are each alone beyond them).
    const six = analyseSpc(months([5, 6, 5, 6, 5, 6, 3, 4, 5, 6, 7, 8]), { polarity: 'higher' })
    assert.deepEqual(flagged(six), ['6:trend', '7:trend', '8:trend', '9:trend', '10:trend', '11:trend'])
    assert.equal(six.variation, 'special-cause-improvement')
    assert.equal(
      analyseSpc(months([5, 6, 5, 6, 5, 6, 3, 4, 5, 6, 7, 8]), { polarity: 'lower' }).variation,
      'special-cause-concern',
    )
    // 5 6 5 6 5 6 5 | 4 5 6 7 8: five rising points; mean 68 / 12, MR̄ 1: no signal.
    assert.deepEqual(flagged(analyseSpc(months([5, 6, 5, 6, 5, 6, 5, 4, 5, 6, 7, 8]), { polarity: 'higher' })), [])
    // 5 6 5 6 5 | 3 4 5 5 6 7 8: the repeated 5 splits the rise into 3 and 4 points: no signal.
    assert.deepEqual(flagged(analyseSpc(months([5, 6, 5, 6, 5, 3, 4, 5, 5, 6, 7, 8]), { polarity: 'higher' })), [])
  })

  it('flags 2 of 3 points beyond the same 2-sigma line', () => {
    // 10 11 10 11 10 11 10 11 10 11 13 13: sum 131, mean 10.916667; moving ranges nine 1s, 2, 0: MR̄ = 1.
    // 2 sigma upper 10.916667 + 1.773333 = 12.69; upper limit 13.576667: both 13s are between them.
    const r = analyseSpc(months([10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 13, 13]), { polarity: 'lower' })
    close(r.points[0]!.upperTwoSigma, 12.69)
    assert.deepEqual(flagged(r), ['10:two-of-three', '11:two-of-three'])
    assert.equal(r.variation, 'special-cause-concern')
  })
})

describe('target assurance', () => {
  // STEADY: limits 7.872727 .. 15.127273
  const cases: Array<[polarity: 'higher' | 'lower' | 'neutral', target: number | null, expected: string]> = [
    ['higher', 7, 'consistently-passing'],
    ['higher', 16, 'consistently-failing'],
    ['higher', 12, 'hit-and-miss'],
    ['lower', 16, 'consistently-passing'],
    ['lower', 7, 'consistently-failing'],
    ['lower', 11.5 + 2.66 * (15 / 11), 'hit-and-miss'], // a limit exactly on the target
    ['higher', null, 'no-target'],
    ['neutral', 12, 'no-target'],
  ]
  for (const [polarity, target, expected] of cases) {
    it(`${polarity} is better, target ${target}: ${expected}`, () => {
      assert.equal(analyseSpc(months(STEADY), { polarity, target }).assurance, expected)
    })
  }
})

describe('re-baselining', () => {
  it('gives each segment its own mean and limits, with no moving range across the change', () => {
    // STEADY, then STEADY + 10: segment 1 mean 11.5, segment 2 mean 21.5, both MR̄ 15/11.
    const series = months([...STEADY, ...STEADY.map((v) => v + 10)])
    const without = analyseSpc(series, { polarity: 'higher' })
    assert.ok(flagged(without).length > 0, 'one set of limits sees the shift as special cause')
    const r = analyseSpc(series, {
      polarity: 'higher',
      rebaselines: [{ from: '2021-01-01', reason: 'New front door model' }],
    })
    assert.equal(r.segments.length, 2)
    close(r.segments[0]!.mean, 11.5)
    close(r.segments[1]!.mean, 21.5)
    close(r.segments[1]!.averageMovingRange, 15 / 11)
    close(r.segments[1]!.upperLimit, 25.127273)
    assert.equal(r.segments[1]!.reason, 'New front door model')
    assert.equal(r.segments[1]!.from, '2021-01-01')
    assert.equal(r.points[12]!.movingRange, null)
    assert.equal(r.points[12]!.segment, 1)
    assert.deepEqual(flagged(r), [])
  })

  it('ignores a re-baseline at or before the first period', () => {
    const r = analyseSpc(months(STEADY), { polarity: 'higher', rebaselines: [{ from: '2019-01-01', reason: 'x' }] })
    assert.equal(r.segments.length, 1)
  })
})
