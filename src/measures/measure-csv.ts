// The data behind a measure's chart and table, with every derived column, as CSV.
import { toCsv, type Cell } from '../shared/csv.js'
import type { MeasureSummary } from './measure-summary.js'
import { ASSURANCE_LABELS, SIGNAL_LABELS, VARIATION_LABELS } from './spc.js'

export function measureCsv(summary: MeasureSummary): string {
  const benchmarkHeaders = summary.benchmarkSeries.map((b) => b.label)
  const header = [
    'period',
    'period_label',
    'value',
    'note',
    'target',
    ...benchmarkHeaders,
    'spc_mean',
    'spc_lower_limit',
    'spc_upper_limit',
    'spc_rules_fired',
    'spc_variation',
  ]
  const rows: Cell[][] = summary.spc.points.map((p, i) => {
    const point = summary.points[i]!
    const special = p.specialCause
    return [
      point.period,
      point.label,
      point.value,
      point.note,
      summary.target?.value ?? null,
      ...summary.benchmarkSeries.map((b) => b.points.find((x) => x.period === point.period)?.value ?? null),
      p.mean,
      p.lowerLimit,
      p.upperLimit,
      p.signals.map((s) => SIGNAL_LABELS[s]).join('; '),
      point.value === null
        ? ''
        : !summary.spc.enoughData
          ? VARIATION_LABELS['not-enough-data']
          : special === null
            ? VARIATION_LABELS['common-cause']
            : VARIATION_LABELS[`special-cause-${special}`],
    ]
  })
  return toCsv(header, rows)
}

/** The measures list as CSV: one row per measure with the same summary the page shows. */
export function measuresSummaryCsv(summaries: MeasureSummary[]): string {
  return toCsv(
    [
      'measure_code',
      'measure',
      'unit',
      'polarity',
      'latest_period',
      'latest_value',
      'previous_period',
      'previous_value',
      'change',
      'target',
      'benchmarks',
      'variation',
      'assurance',
    ],
    summaries.map((s) => [
      s.measure.code,
      s.measure.name,
      s.measure.unit,
      s.measure.polarity,
      s.latest?.period,
      s.latest?.value,
      s.previous?.period,
      s.previous?.value,
      s.change,
      s.target?.value,
      s.benchmarks.map((b) => `${b.text}: ${b.value}`).join('; '),
      VARIATION_LABELS[s.spc.variation],
      ASSURANCE_LABELS[s.spc.assurance],
    ]),
  )
}
