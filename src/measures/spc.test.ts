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

  it('flags a trend of 7 points, each higher than the one before, but not one of 6', () => {
    // 4 8 4 8 4 | 3 4 5 6 7 8 9: sum 28 + 42 = 70, mean 5.833333; moving ranges 4 4 4 4 1 1 1 1 1 1 1:
    // MR̄ = 23 / 11 = 2.090909; limits 0.271515 .. 11.395152, 2 sigma 2.125455 .. 9.541212 (9 is inside).
    // Sides - + - + - - - - + + + +: no run of 7. The seven points from 3 to 9 rise six times.
    const seven = analyseSpc(months([4, 8, 4, 8, 4, 3, 4, 5, 6, 7, 8, 9]), { polarity: 'higher' })
    close(seven.points[0]!.upperTwoSigma, 9.541212)
    assert.deepEqual(flagged(seven), ['5:trend', '6:trend', '7:trend', '8:trend', '9:trend', '10:trend', '11:trend'])
    assert.ok(seven.points.slice(5).every((p) => p.directions.trend === 'high' && p.specialCause === 'improvement'))
    assert.equal(seven.variation, 'special-cause-improvement')
    assert.equal(
      analyseSpc(months([4, 8, 4, 8, 4, 3, 4, 5, 6, 7, 8, 9]), { polarity: 'lower' }).variation,
      'special-cause-concern',
    )
    // 4 8 4 8 4 8 | 4 5 6 7 8 9: the rise starts after the last 8, so it is six points (five rises).
    // Mean 75 / 12 = 6.25, MR̄ 29 / 11, limits -0.762727 .. 13.262727, 2 sigma 1.574848 .. 10.925152;
    // sides - + - + - + - - - + + +: nothing. (Before this rule change, six points made a trend.)
    assert.deepEqual(flagged(analyseSpc(months([4, 8, 4, 8, 4, 8, 4, 5, 6, 7, 8, 9]), { polarity: 'higher' })), [])
  })

  it('an equal value inside a rise breaks the trend', () => {
    // 4 8 4 8 4 | 3 4 5 5 6 7 8: 3 4 5 rises twice, then 5 5 is level, then 5 6 7 8 three times: no trend.
    // Mean 66 / 12 = 5.5, MR̄ 22 / 11 = 2, limits 0.18 .. 10.82, 2 sigma 1.953333 .. 9.046667;
    // sides - + - + - - - - - + + +: the longest run is five below.
    assert.deepEqual(flagged(analyseSpc(months([4, 8, 4, 8, 4, 3, 4, 5, 5, 6, 7, 8]), { polarity: 'higher' })), [])
  })

  it('labels each point once, beyond a limit first, then trend; a trend keeps its direction across the mean', () => {
    // 14 13 14 13 14 13 14 13 14 | 9 10 11 12 13 14 15: sum 122 + 84 = 206, mean 12.875;
    // moving ranges eight 1s, 5, six 1s: MR̄ = 19 / 15 = 1.266667; limits 9.505667 .. 16.244333;
    // 2 sigma 10.628778 .. 15.121222.
    // - The nine points of the base are all above the mean: a run longer than 7, every point flagged.
    // - 9 is below the lower limit and also the first point of a 7-point rising trend: the limit labels it.
    // - 10, 11, 12 are below the mean but rising in the trend: they take the trend's direction.
    // - 10 is beyond the lower 2-sigma line but no other point of its three is (9 is beyond the limit).
    const r = analyseSpc(months([14, 13, 14, 13, 14, 13, 14, 13, 14, 9, 10, 11, 12, 13, 14, 15]), {
      polarity: 'higher',
    })
    close(r.segments[0]!.mean, 12.875)
    close(r.segments[0]!.lowerLimit, 9.505667)
    assert.deepEqual(flagged(r), [
      ...[0, 1, 2, 3, 4, 5, 6, 7, 8].map((i) => `${i}:run`),
      '9:beyond-limit+trend',
      ...[10, 11, 12, 13, 14, 15].map((i) => `${i}:trend`),
    ])
    const p9 = r.points[9]!
    assert.equal(p9.primary, 'beyond-limit')
    assert.deepEqual(p9.directions, { 'beyond-limit': 'low', trend: 'high' })
    assert.equal(p9.specialCause, 'concern', 'below the lower limit, where higher is better')
    assert.equal(r.points[10]!.specialCause, 'improvement', 'below the mean but rising in the trend')
    assert.equal(r.points[0]!.specialCause, 'improvement', 'the run above the mean')
    assert.equal(r.variation, 'special-cause-improvement')
  })

  it('prefers a trend to two of three, and two of three to a run', () => {
    // 11 9 9 11 10 11 9 11 | 7 8 9 10 12 13 14: sum 81 + 73 = 154, mean 10.266667; moving ranges
    // 2 0 2 1 1 2 2 4 1 1 1 2 1 1: MR̄ = 21 / 14 = 1.5; limits 6.276667 .. 14.256667; 2 sigma ± 2.66:
    // 7.606667 .. 12.926667. 13 and 14 are both beyond the upper 2-sigma line with 12 above the mean:
    // two of three, but both are in the rising trend from 7 to 14, which labels them.
    const r = analyseSpc(months([11, 9, 9, 11, 10, 11, 9, 11, 7, 8, 9, 10, 12, 13, 14]), { polarity: 'lower' })
    close(r.segments[0]!.upperLimit, 14.256667)
    assert.deepEqual(r.points[13]!.signals, ['trend', 'two-of-three'])
    assert.equal(r.points[13]!.primary, 'trend')
    assert.deepEqual(flagged(r).slice(-2), ['13:trend+two-of-three', '14:trend+two-of-three'])
    assert.equal(r.variation, 'special-cause-concern', 'a rising trend where lower is better')

    // 10 11 10 11 10 11 10 11 | 12 13 14 15 16 17: sum 84 + 87 = 171, mean 12.214286; every moving range
    // is 1; 2 sigma 10.440952 .. 13.987619, limits 9.554286 .. 14.874286. The first eight are below the
    // mean (a run); the 10s are also beyond the lower 2-sigma line, in threes all below the mean (two of
    // three), which labels them; the 11s stay in the run.
    const s = analyseSpc(months([10, 11, 10, 11, 10, 11, 10, 11, 12, 13, 14, 15, 16, 17]), { polarity: 'higher' })
    assert.equal(s.points[0]!.primary, 'two-of-three')
    assert.deepEqual(s.points[0]!.signals, ['two-of-three', 'run'])
    assert.equal(s.points[1]!.primary, 'run')
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
