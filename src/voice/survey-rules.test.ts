// The staff survey figures, checked against numbers worked out by hand (each written in its comment).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  changeText,
  directionOf,
  favourable,
  isCurrentRound,
  parseThemes,
  questionEvidence,
  respondents,
  responseRate,
  shareFavourable,
  significanceText,
  trendOf,
  twoProportionTest,
  type Counts,
} from './survey-rules.js'

const counts = (sa: number, a: number, n: number, d: number, sd: number): Counts => ({
  strongly_agree: sa,
  agree: a,
  neither: n,
  disagree: d,
  strongly_disagree: sd,
})

describe('staff survey figures', () => {
  it('response rate: 250 of 400 invited is 62.5%; none invited has no rate', () => {
    assert.equal(responseRate(400, 250), 62.5)
    assert.equal(responseRate(0, 0), null)
  })

  it('respondents and share favourable: 20 + 40 favourable of 100 answering is 60%', () => {
    const c = counts(20, 40, 15, 15, 10)
    assert.equal(respondents(c), 100)
    assert.equal(favourable(c), 60)
    assert.equal(shareFavourable(c), 60)
    // 7 + 14 = 21 of 7 + 14 + 10 + 4 + 0 = 35: 60% too; 1 of 3 is 33.33...%
    assert.equal(shareFavourable(counts(7, 14, 10, 4, 0)), 60)
    assert.ok(Math.abs(shareFavourable(counts(1, 0, 1, 1, 0))! - 33.3333) < 0.001)
    assert.equal(shareFavourable(counts(0, 0, 0, 0, 0)), null)
  })

  it('60/100 then 45/100: pooled p 0.525, SE 0.07062, z -2.124: a significant fall of 15 points', () => {
    // pooled p = 105/200 = 0.525; SE = sqrt(0.525 * 0.475 * (2/100)) = sqrt(0.0049875) = 0.070622
    // z = (0.45 - 0.60) / 0.070622 = -2.124
    const t = twoProportionTest({ favourable: 60, n: 100 }, { favourable: 45, n: 100 })!
    assert.equal(t.outcome, 'tested')
    assert.equal(t.pooled, 0.525)
    assert.ok(Math.abs(t.standardError! - 0.07062) < 0.00001)
    assert.ok(Math.abs(t.z! - -2.124) < 0.001)
    assert.ok(Math.abs(t.changePoints - -15) < 1e-9)
    assert.equal(t.significant, true)
    assert.equal(directionOf(t), 'worsening')
    assert.equal(significanceText(t), 'significant at 95%')
  })

  it('50/100 then 55/100: z 0.708, not significant, so no change', () => {
    // pooled p = 105/200 = 0.525, SE 0.070622 as above; z = 0.05 / 0.070622 = 0.708
    const t = twoProportionTest({ favourable: 50, n: 100 }, { favourable: 55, n: 100 })!
    assert.ok(Math.abs(t.z! - 0.708) < 0.001)
    assert.equal(t.significant, false)
    assert.equal(directionOf(t), 'no-change')
    assert.equal(significanceText(t), 'not significant at 95%')
  })

  it('a rise of 9 points can fall short: 110/200 (55%) then 141/220 (64.1%) gives z 1.897', () => {
    // pooled p = 251/420 = 0.597619; SE = sqrt(0.597619 * 0.402381 * (1/200 + 1/220)) = 0.047910
    // z = (0.640909 - 0.55) / 0.047910 = 1.897 < 1.96
    const t = twoProportionTest({ favourable: 110, n: 200 }, { favourable: 141, n: 220 })!
    assert.ok(Math.abs(t.z! - 1.897) < 0.001)
    assert.equal(t.significant, false)
    // The same rise on larger rounds is significant: 220/400 then 282/440, pooled 502/840 = 0.597619,
    // SE = sqrt(0.597619 * 0.402381 * (1/400 + 1/440)) = 0.033877, z = 0.090909 / 0.033877 = 2.683
    const big = twoProportionTest({ favourable: 220, n: 400 }, { favourable: 282, n: 440 })!
    assert.ok(Math.abs(big.z! - 2.683) < 0.001)
    assert.equal(directionOf(big), 'improving')
  })

  it('too few responses to test when n*p or n*(1-p) is below 5 for the pooled p in either round', () => {
    // 2/10 then 1/10: pooled p = 3/20 = 0.15, and 10 * 0.15 = 1.5 < 5
    const t = twoProportionTest({ favourable: 2, n: 10 }, { favourable: 1, n: 10 })!
    assert.equal(t.outcome, 'too-few')
    assert.equal(t.z, null)
    assert.equal(directionOf(t), 'no-change')
    assert.equal(significanceText(t), 'too few responses to test')
    // 5/20 then 5/20: pooled 0.25, 20 * 0.25 = 5 and 20 * 0.75 = 15, just enough: tested, z = 0
    const edge = twoProportionTest({ favourable: 5, n: 20 }, { favourable: 5, n: 20 })!
    assert.equal(edge.outcome, 'tested')
    assert.equal(edge.z, 0)
    assert.equal(twoProportionTest({ favourable: 0, n: 0 }, { favourable: 1, n: 2 }), null)
    assert.equal(directionOf(null), 'no-change')
  })

  it('a round is current for 12 months after it closed, and not before it closed', () => {
    assert.equal(isCurrentRound('2025-12-07', '2026-12-07'), true) // exactly 12 months before
    assert.equal(isCurrentRound('2025-12-06', '2026-12-07'), false)
    assert.equal(isCurrentRound('2026-12-08', '2026-12-07'), false)
  })

  it('words for a change: rounded to whole points', () => {
    assert.equal(changeText(9.09), 'up 9 points')
    assert.equal(changeText(-1.2), 'down 1 point')
    assert.equal(changeText(0.3), 'no change')
  })

  it('the trend compares each round with the one before it that has answers', () => {
    const trend = trendOf([
      { roundId: 3, closedOn: '2026-03-31', counts: counts(10, 35, 5, 0, 0) },
      { roundId: 1, closedOn: '2025-03-31', counts: counts(20, 40, 15, 15, 10) },
      { roundId: 2, closedOn: '2025-09-30', counts: counts(0, 0, 0, 0, 0) },
    ])
    assert.deepEqual(
      trend.map((t) => [t.roundId, t.n, t.share, t.previousClosedOn]),
      [
        [1, 100, 60, null],
        [3, 50, 90, '2025-03-31'],
      ],
    )
  })

  it('evidence from the latest two rounds on or before the day: direction, currency and a sentence', () => {
    const results = [
      { roundId: 1, closedOn: '2025-09-30', counts: counts(20, 40, 15, 15, 10) }, // 60 of 100
      { roundId: 2, closedOn: '2026-03-31', counts: counts(15, 30, 25, 20, 10) }, // 45 of 100
    ]
    const e = questionEvidence(results, '2026-06-30')!
    assert.equal(e.direction, 'worsening')
    assert.equal(e.current, true)
    assert.equal(
      e.detail,
      '45% favourable in March 2026, down 15 points from 60% in September 2025 (significant at 95%, two-proportion z-test)',
    )
    // As at a day before the second round closed: only the first counts, so no change.
    const earlier = questionEvidence(results, '2026-01-31')!
    assert.equal(earlier.direction, 'no-change')
    assert.equal(earlier.detail, '60% favourable in September 2025, the first round with this question')
    // More than 12 months after the latest round: no longer current.
    assert.equal(questionEvidence(results, '2027-04-01')!.current, false)
    assert.equal(questionEvidence(results, '2025-01-01'), null)
    // A significant rise reads as improving.
    const rise = questionEvidence(
      [
        { roundId: 1, closedOn: '2025-09-30', counts: counts(15, 30, 25, 20, 10) },
        { roundId: 2, closedOn: '2026-03-31', counts: counts(20, 40, 15, 15, 10) },
      ],
      '2026-04-01',
    )!
    assert.equal(rise.direction, 'improving')
    assert.match(rise.detail, /up 15 points from 45% in September 2025 \(significant at 95%/)
  })

  it('theme tags: split on commas, trimmed, each once', () => {
    assert.deepEqual(parseThemes(' Caseloads, supervision ,, caseloads,  IT  kit '), [
      'Caseloads',
      'supervision',
      'IT kit',
    ])
  })
})
