// Picks the chart for a measure: an XmR chart when there is enough data for SPC, a line chart otherwise.
// The same SVG string goes into pages and exports.
import { renderLineChart } from '../charts/line-chart.js'
import { renderXmrChart } from '../charts/xmr-chart.js'
import type { MeasureSummary } from './measure-summary.js'
import { UNIT_LABELS } from './measure-types.js'

/** The latest value of each benchmark, drawn as a reference line. */
function benchmarkLines(summary: MeasureSummary) {
  return summary.benchmarks.map((b) => ({ label: `${b.label} (${b.periodLabel})`, value: b.value }))
}

/** `id` must be unique on the page (the SVG's title and description are referenced by it). */
export function measureChart(summary: MeasureSummary, id = `chart-${summary.measure.id}`): string {
  const { measure } = summary
  const common = {
    id,
    title: measure.name,
    yLabel: UNIT_LABELS[measure.unit],
    unit: measure.unit,
    target: summary.target?.value ?? null,
    benchmarks: benchmarkLines(summary),
  }
  if (summary.spc.enoughData) {
    // The chart labels its x axis with each point's period: give it the readable label ("Aug 2018").
    const labelled = {
      ...summary.spc,
      points: summary.spc.points.map((p, i) => ({ ...p, period: summary.points[i]!.label })),
    }
    return renderXmrChart({ ...common, spc: labelled })
  }
  return renderLineChart({
    ...common,
    series: [{ label: measure.name, points: summary.points.map((p) => ({ period: p.label, value: p.value })) }],
  })
}
