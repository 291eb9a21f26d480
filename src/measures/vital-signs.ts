// Vital Signs: workforce and demand measures, each with its change since a chosen baseline period.
import { changeBetween, type Change, type Unit } from '../shared/units.js'
import type { MeasureSummary, SeriesPoint } from './measure-summary.js'

export interface BaselineChange {
  baseline: SeriesPoint | null
  latest: SeriesPoint | null
  /** From the baseline to the latest value (percentage points for a rate); null without two values. */
  change: Change | null
}

/** Change from the value at the baseline period (or the first value after it) to the latest value. */
export function changeSinceBaseline(
  summary: { points: SeriesPoint[]; measure: { unit: Unit } },
  baselinePeriod: string,
): BaselineChange {
  const present = summary.points.filter((p) => p.value !== null)
  const baseline = present.find((p) => p.period >= baselinePeriod) ?? null
  const latest = present[present.length - 1] ?? null
  if (!baseline || !latest || baseline === latest) return { baseline, latest, change: null }
  return { baseline, latest, change: changeBetween(baseline.value!, latest.value!, summary.measure.unit) }
}

/** Every period any vital sign has a value for, oldest first, to choose a baseline from. */
export function baselineChoices(summaries: Array<Pick<MeasureSummary, 'points'>>): SeriesPoint[] {
  const seen = new Map<string, SeriesPoint>()
  for (const s of summaries)
    for (const p of s.points) if (p.value !== null && !seen.has(p.period)) seen.set(p.period, p)
  return [...seen.values()].sort((a, b) => a.period.localeCompare(b.period))
}
