// The Kaplan-Meier estimate of how long something takes, counting the cases still waiting (censored)
// rather than leaving them out. Pure. The method, its confidence intervals and a worked example are in
// docs/decisions/0012-time-to-improve-kaplan-meier.md.

export interface Observation {
  /** Time from the start to the event, or to the end of observation when it has not happened (censored). */
  time: number
  /** True when the event happened at `time`; false when the case was still waiting then. */
  event: boolean
}

export interface SurvivalStep {
  time: number
  /** Cases still waiting just before `time`. */
  atRisk: number
  events: number
  censored: number
  /** Share still waiting after `time`. */
  survival: number
  /** 95% confidence interval of `survival` (Greenwood's variance, on the log scale, as R's survfit). */
  lower: number
  upper: number
}

export interface SurvivalEstimate {
  steps: SurvivalStep[]
  /** The time by which half have had the event; null when fewer than half have. */
  median: number | null
  /** 95% confidence interval of the median; a null bound is "not reached". */
  medianLower: number | null
  medianUpper: number | null
  total: number
  events: number
}

const Z95 = 1.959964

/** Kaplan-Meier estimate with Greenwood's variance and log-scale confidence intervals. */
export function kaplanMeier(observations: Observation[]): SurvivalEstimate {
  const times = [...new Set(observations.map((o) => o.time))].sort((a, b) => a - b)
  let atRisk = observations.length
  let survival = 1
  let greenwood = 0
  const steps: SurvivalStep[] = []
  for (const time of times) {
    const here = observations.filter((o) => o.time === time)
    const events = here.filter((o) => o.event).length
    const censored = here.length - events
    if (events > 0) {
      survival *= 1 - events / atRisk
      // Greenwood's sum; undefined (infinite) once everyone still at risk has had the event.
      greenwood = atRisk > events ? greenwood + events / (atRisk * (atRisk - events)) : Infinity
    }
    const spread = Z95 * Math.sqrt(greenwood)
    const lower = survival === 0 || !Number.isFinite(spread) ? 0 : survival * Math.exp(-spread)
    const upper = survival === 0 || !Number.isFinite(spread) ? survival : Math.min(1, survival * Math.exp(spread))
    steps.push({ time, atRisk, events, censored, survival, lower, upper })
    atRisk -= here.length
  }
  const eventSteps = steps.filter((s) => s.events > 0)
  return {
    steps,
    median: quantileTime(eventSteps, (s) => s.survival),
    medianLower: quantileTime(eventSteps, (s) => s.lower),
    medianUpper: quantileTime(eventSteps, (s) => s.upper),
    total: observations.length,
    events: observations.filter((o) => o.event).length,
  }
}

/**
 * The first time a curve falls to 0.5 or below; where it sits exactly at 0.5 until the next event, the
 * midpoint of the two times (as R's survfit reports the median).
 */
function quantileTime(steps: SurvivalStep[], curve: (s: SurvivalStep) => number): number | null {
  const EPSILON = 1e-9
  for (const [i, step] of steps.entries()) {
    const value = curve(step)
    if (Math.abs(value - 0.5) < EPSILON) {
      const next = steps[i + 1]
      return next ? (step.time + next.time) / 2 : step.time
    }
    if (value < 0.5) return step.time
  }
  return null
}

/** The share that has had the event by `time` (1 - survival), from the estimate's steps. */
export function shareByTime(estimate: SurvivalEstimate, time: number): number {
  const last = [...estimate.steps].reverse().find((s) => s.time <= time)
  return last ? 1 - last.survival : 0
}
