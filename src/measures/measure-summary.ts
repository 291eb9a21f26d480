// Everything shown about a measure, computed once from its data: the full series (gaps included),
// latest and previous values, the target in force, each benchmark compared with the council, and SPC.
// Pages, reports and downloads all use this one function.
import { analyseSpc, type SpcResult } from './spc.js'
import { BENCHMARK_LABELS } from './measure-types.js'
import type { MeasureRow } from './measure-repository.js'
import type { BenchmarkKind } from '../db/database.js'
import { isBetter, type Polarity } from '../shared/polarity.js'
import { periodLabel, periodRange, type Frequency } from '../shared/calendar.js'
import { changeBetween, type Change } from '../shared/units.js'

export interface SeriesPoint {
  period: string
  label: string
  value: number | null
  note: string
}

export interface TargetRecord {
  id: number
  value: number
  target_date: string | null
  note: string
  set_at: Date
  set_by_name?: string | null
}

export interface BenchmarkRecord {
  kind: BenchmarkKind
  comparator: string
  period: string
  value: number
  source: string
}

export type Comparison = 'better' | 'worse' | 'same' | 'higher' | 'lower'

export interface BenchmarkComparison {
  key: string
  label: string
  period: string
  periodLabel: string
  value: number
  councilValue: number | null
  comparison: Comparison | null
  /** e.g. "Better than England (Mar 2021)" */
  text: string
}

export interface MeasureSummary {
  measure: MeasureRow
  points: SeriesPoint[]
  latest: SeriesPoint | null
  previous: SeriesPoint | null
  /** From the previous value to the latest (percentage points for a rate). */
  change: Change | null
  target: TargetRecord | null
  targets: TargetRecord[]
  benchmarkSeries: Array<{ key: string; label: string; points: BenchmarkRecord[] }>
  benchmarks: BenchmarkComparison[]
  spc: SpcResult
}

function benchmarkKey(b: Pick<BenchmarkRecord, 'kind' | 'comparator'>): string {
  return b.kind === 'comparator' ? `comparator:${b.comparator}` : b.kind
}

function benchmarkLabel(b: Pick<BenchmarkRecord, 'kind' | 'comparator'>): string {
  return b.kind === 'comparator' ? b.comparator : BENCHMARK_LABELS[b.kind]
}

/** Compares a council value with a benchmark in the measure's own terms. */
export function compare(council: number, benchmark: number, polarity: Polarity): Comparison {
  if (council === benchmark) return 'same'
  if (polarity === 'neutral') return council > benchmark ? 'higher' : 'lower'
  return isBetter(council, benchmark, polarity) ? 'better' : 'worse'
}

const COMPARISON_WORDS: Record<Comparison, string> = {
  better: 'Better than',
  worse: 'Worse than',
  same: 'The same as',
  higher: 'Higher than',
  lower: 'Lower than',
}

export function summariseMeasure(
  measure: MeasureRow,
  values: ReadonlyMap<string, { value: number; note: string }>,
  targets: TargetRecord[],
  benchmarks: BenchmarkRecord[],
  rebaselines: Array<{ from_period: string; reason: string }>,
): MeasureSummary {
  const frequency: Frequency = measure.frequency
  const periods = [...values.keys()].sort()
  const points: SeriesPoint[] =
    periods.length === 0
      ? []
      : periodRange(periods[0]!, periods[periods.length - 1]!, frequency).map((period) => {
          const v = values.get(period)
          return { period, label: periodLabel(period, frequency), value: v?.value ?? null, note: v?.note ?? '' }
        })
  const present = points.filter((p) => p.value !== null)
  const latest = present[present.length - 1] ?? null
  const previous = present[present.length - 2] ?? null
  const target = targets.length ? targets[targets.length - 1]! : null

  const byKey = new Map<string, BenchmarkRecord[]>()
  for (const b of [...benchmarks].sort((x, y) => x.period.localeCompare(y.period))) {
    const key = benchmarkKey(b)
    byKey.set(key, [...(byKey.get(key) ?? []), b])
  }
  const order = (key: string) => ['england', 'statistical-neighbours', 'region'].indexOf(key) + 1 || 9
  const benchmarkSeries = [...byKey.entries()]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([key, list]) => ({ key, label: benchmarkLabel(list[0]!), points: list }))

  const comparisons: BenchmarkComparison[] = benchmarkSeries.map(({ key, label, points: list }) => {
    const newest = list[list.length - 1]!
    // Compare like with like: the council's value for the benchmark's period when there is one.
    const councilValue = values.get(newest.period)?.value ?? null
    const comparison = councilValue === null ? null : compare(councilValue, newest.value, measure.polarity)
    const when = periodLabel(newest.period, frequency)
    const text =
      comparison === null
        ? `No ${measure.name.toLowerCase()} value for ${when} to compare with ${label}`
        : `${COMPARISON_WORDS[comparison]} ${label} (${when})`
    return { key, label, period: newest.period, periodLabel: when, value: newest.value, councilValue, comparison, text }
  })

  const spc = analyseSpc(
    points.map((p) => ({ period: p.period, value: p.value })),
    {
      polarity: measure.polarity,
      target: target?.value ?? null,
      rebaselines: rebaselines.map((r) => ({ from: r.from_period, reason: r.reason })),
    },
  )

  return {
    measure,
    points,
    latest,
    previous,
    change: latest && previous ? changeBetween(previous.value!, latest.value!, measure.unit) : null,
    target,
    targets,
    benchmarkSeries,
    benchmarks: comparisons,
    spc,
  }
}
