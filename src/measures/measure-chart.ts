// Picks the chart for a measure: an XmR chart when there is enough data for SPC, a line chart otherwise.
// The same SVG string goes into pages and exports.
import { renderLineChart } from '../charts/line-chart.js'
import { renderXmrChart, type XmrView } from '../charts/xmr-chart.js'
import { UNIT_LABELS } from '../shared/units.js'
import type { MeasureSummary } from './measure-summary.js'
import { ASSURANCE_LABELS, VARIATION_LABELS } from './spc.js'

/** The latest value of each benchmark, drawn as a reference line. */
function benchmarkLines(summary: MeasureSummary) {
  return summary.benchmarks.map((b) => ({ label: `${b.label} (${b.periodLabel})`, value: b.value }))
}

// Charts drawn for a summary, by the chart's id. Summaries are cached until their inputs change
// (loadCouncilMeasures), so a chart is drawn once per change of its measure's data and dropped with the summary.
const drawn = new WeakMap<MeasureSummary, Map<string, string>>()

/** `id` must be unique on the page (the SVG's title and description are referenced by it). */
export function measureChart(summary: MeasureSummary, id = `chart-${summary.measure.id}`): string {
  let charts = drawn.get(summary)
  if (!charts) drawn.set(summary, (charts = new Map<string, string>()))
  let svg = charts.get(id)
  if (svg === undefined) charts.set(id, (svg = drawMeasureChart(summary, id)))
  return svg
}

function drawMeasureChart(summary: MeasureSummary, id: string): string {
  const { measure } = summary
  const common = {
    id,
    title: measure.name,
    yLabel: UNIT_LABELS[measure.unit],
    unit: measure.unit,
    target: summary.target?.value ?? null,
    benchmarks: benchmarkLines(summary),
  }
  if (summary.spc.enoughData) return renderXmrChart({ ...common, spc: xmrView(summary) })
  return renderLineChart({
    ...common,
    series: [{ label: measure.name, points: summary.points.map((p) => ({ period: p.label, value: p.value })) }],
  })
}

/** The SPC result as the chart draws it: points labelled as people read periods, the verdict in words. */
export function xmrView(summary: MeasureSummary): XmrView {
  const { spc } = summary
  return {
    points: spc.points.map((p, i) => ({ ...p, period: summary.points[i]?.label ?? p.period })),
    segments: spc.segments,
    verdict: `${VARIATION_LABELS[spc.variation]}. ${ASSURANCE_LABELS[spc.assurance]}.`,
  }
}
