// The data behind a measure's chart and table, with every derived column, as CSV.
import { toCsv, type Cell } from '../shared/csv.js'
import { fileNumber, mixedChangeCells } from '../shared/units.js'
import type { MeasureSummary } from './measure-summary.js'
import { ASSURANCE_LABELS, VARIATION_LABELS, pointVariation, signalText } from './spc.js'

/**
 * One row per period: the value, the target and benchmarks, and every SPC figure behind the chart: the
 * moving range, mean, 2-sigma lines and limits, each rule the point is part of with its direction, the
 * rule that labels it, and its variation. Numbers are rounded to 4 decimals (no binary noise).
 */
export function measureCsv(summary: MeasureSummary): string {
  const benchmarkHeaders = summary.benchmarkSeries.map((b) => b.label)
  const header = [
    'period',
    'period_label',
    'value',
    'note',
    'target',
    ...benchmarkHeaders,
    'spc_moving_range',
    'spc_mean',
    'spc_lower_limit',
    'spc_lower_2_sigma',
    'spc_upper_2_sigma',
    'spc_upper_limit',
    'spc_rules_fired',
    'spc_primary_rule',
    'spc_variation',
  ]
  const rows: Cell[][] = summary.spc.points.map((p, i) => {
    const point = summary.points[i]!
    const rules = p.signals.map((rule) => signalText(rule, p.directions[rule]!))
    return [
      point.period,
      point.label,
      fileNumber(point.value),
      point.note,
      fileNumber(summary.target?.value),
      ...summary.benchmarkSeries.map((b) => fileNumber(b.points.find((x) => x.period === point.period)?.value)),
      fileNumber(p.movingRange),
      fileNumber(p.mean),
      fileNumber(p.lowerLimit),
      fileNumber(p.lowerTwoSigma),
      fileNumber(p.upperTwoSigma),
      fileNumber(p.upperLimit),
      rules.join('; '),
      p.primary ? signalText(p.primary, p.directions[p.primary]!) : '',
      point.value === null ? '' : VARIATION_LABELS[pointVariation(summary.spc.enoughData, p.specialCause)],
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
      'change_unit',
      'change_percent',
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
      fileNumber(s.latest?.value),
      s.previous?.period,
      fileNumber(s.previous?.value),
      ...mixedChangeCells(s.change, s.measure.unit),
      fileNumber(s.target?.value),
      s.benchmarks.map((b) => `${b.text}: ${fileNumber(b.value)}`).join('; '),
      VARIATION_LABELS[s.spc.variation],
      ASSURANCE_LABELS[s.spc.assurance],
    ]),
  )
}
