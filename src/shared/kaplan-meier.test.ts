// A worked example, computed by hand (as R's survfit(Surv(time, event) ~ 1) reports it).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { kaplanMeier, shareByTime } from './kaplan-meier.js'

const close = (actual: number | null, expected: number, label: string) =>
  assert.ok(actual !== null && Math.abs(actual - expected) < 5e-4, `${label}: ${actual} != ${expected}`)

describe('Kaplan-Meier', () => {
  // Five councils: improved after 6, 18 and 24 months; still inadequate after 12 and 30 (censored).
  //   6: 5 at risk, 1 event: S = 4/5 = 0.8;           Greenwood 1/(5*4) = 0.05
  //  12: censored, 4 -> 3 at risk
  //  18: 3 at risk, 1 event: S = 0.8 * 2/3 = 0.5333;  Greenwood + 1/(3*2) = 0.216667
  //  24: 2 at risk, 1 event: S = 0.5333 * 1/2 = 0.2667; Greenwood + 1/(2*1) = 0.716667
  //  30: censored
  // Log-scale 95% CI: S * exp(±1.96 * sqrt(Greenwood)):
  //   6: 0.8 * exp(-0.438269) = 0.516105 .. 1 (capped)
  //  18: 0.5333 * exp(-0.912313) = 0.214290 .. 1
  //  24: 0.2667 * exp(-1.659246) = 0.050733 .. 1
  // Median: S first at or below 0.5 at 24. Its interval: the lower curve first at or below 0.5 at 18;
  // the upper curve never is: not reached.
  const estimate = kaplanMeier([
    { time: 6, event: true },
    { time: 12, event: false },
    { time: 18, event: true },
    { time: 24, event: true },
    { time: 30, event: false },
  ])

  it('counts councils still waiting as censored, not as failures or successes', () => {
    assert.deepEqual(
      estimate.steps.map((s) => [s.time, s.atRisk, s.events, s.censored]),
      [
        [6, 5, 1, 0],
        [12, 4, 0, 1],
        [18, 3, 1, 0],
        [24, 2, 1, 0],
        [30, 1, 0, 1],
      ],
    )
    close(estimate.steps[2]!.survival, 0.533333, 'S(18)')
    close(estimate.steps[3]!.survival, 0.266667, 'S(24)')
    close(estimate.steps[0]!.lower, 0.516105, 'lower(6)')
    close(estimate.steps[2]!.lower, 0.21429, 'lower(18)')
    close(estimate.steps[3]!.lower, 0.050733, 'lower(24)')
    assert.equal(estimate.steps[3]!.upper, 1)
  })

  it('gives the median with its 95% interval, and the share improved by a time', () => {
    assert.equal(estimate.median, 24)
    assert.equal(estimate.medianLower, 18)
    assert.equal(estimate.medianUpper, null, 'not reached')
    close(shareByTime(estimate, 12), 0.2, 'by 12 months')
    close(shareByTime(estimate, 24), 0.733333, 'by 24 months')
    assert.equal(shareByTime(estimate, 3), 0)
    // Counting only the three that improved would give a median of 18: too low.
  })

  it('takes the midpoint where the curve sits exactly at one half, and has no median before half improve', () => {
    // 4 councils, events at 10 and 20, then 30 and 40: S = 0.75, 0.5, 0.25, 0: median (20 + 30) / 2 = 25.
    const even = kaplanMeier([10, 20, 30, 40].map((time) => ({ time, event: true })))
    assert.equal(even.median, 25)
    const few = kaplanMeier([
      { time: 10, event: true },
      { time: 20, event: false },
      { time: 30, event: false },
    ])
    assert.equal(few.median, null)
  })
})
