// A line chart as accessible SVG, for measures with too little data for SPC or for several series.
// Series differ by dash pattern and marker shape as well as colour.
import {
  COLOURS,
  edgeLabels,
  esc,
  gridAndAxes,
  labelEvery,
  linePath,
  n,
  niceTicks,
  plotArea,
  referenceLines,
  type EdgeLabel,
  type Frame,
  svgOpen,
} from './svg.js'
import { drawnOnce } from './drawn.js'
import { formatValue, type Unit } from '../shared/units.js'

export interface LineChartParams {
  id: string
  title: string
  yLabel: string
  unit: Unit
  series: Array<{ label: string; points: Array<{ period: string; value: number | null }> }>
  target?: number | null
  benchmarks?: Array<{ label: string; value: number }>
  decimals?: number
  /** Last sentence of the text alternative; by default, why there is no SPC. */
  footnote?: string
  width?: number
  height?: number
}

const SERIES_STYLES = [
  { colour: COLOURS.data, dash: '' },
  { colour: '#1d70b8', dash: '8 4' },
  { colour: '#b54d00', dash: '3 3' },
  { colour: '#4c2c92', dash: '12 3 3 3' },
]

/** The chart drawn from these parameters (kept from an earlier call with the same ones, src/charts/drawn.ts). */
export function renderLineChart(p: LineChartParams): string {
  return drawnOnce('line', p, drawLineChart)
}

function drawLineChart(p: LineChartParams): string {
  const frame: Frame = {
    width: p.width ?? 760,
    height: p.height ?? 360,
    left: 70,
    right: 170,
    top: 20,
    bottom: 70 + 18 * p.series.length,
  }
  const { x0, x1, y0, y1 } = plotArea(frame)
  const fmt = (v: number) => formatValue(v, p.unit, p.decimals ?? 1)
  const periods = [...new Set(p.series.flatMap((s) => s.points.map((pt) => pt.period)))]
  const values = p.series.flatMap((s) => s.points.map((pt) => pt.value).filter((v): v is number => v !== null))
  const refs = [
    ...(p.target !== null && p.target !== undefined ? [p.target] : []),
    ...(p.benchmarks ?? []).map((b) => b.value),
  ]
  const all = [...values, ...refs]
  const ticks = niceTicks(all.length ? Math.min(...all) : 0, all.length ? Math.max(...all) : 1)
  const yMin = ticks[0]!
  const yMax = ticks[ticks.length - 1]!
  const y = (v: number) => y1 - ((v - yMin) / (yMax - yMin || 1)) * (y1 - y0)
  const x = (i: number) => (periods.length <= 1 ? (x0 + x1) / 2 : x0 + (i / (periods.length - 1)) * (x1 - x0))
  const titleId = `${p.id}-title`
  const descId = `${p.id}-desc`
  const out: string[] = []

  out.push(...gridAndAxes(ticks, { x0, x1, y0, y1 }, y, fmt, p.yLabel))
  const every = labelEvery(periods.length, x1 - x0)
  periods.forEach((period, i) => {
    if (i % every !== 0) return
    out.push(
      `<text x="${n(x(i))}" y="${y1 + 19}" text-anchor="middle" font-size="12" fill="${COLOURS.text}">${esc(period)}</text>`,
    )
  })

  const labels: EdgeLabel[] = []
  out.push(...referenceLines(p.target, p.benchmarks ?? [], { x0, x1, y0, y1 }, y, fmt, labels))
  out.push(...edgeLabels(labels, { x0, x1, y0, y1 }))

  p.series.forEach((s, k) => {
    const style = SERIES_STYLES[k % SERIES_STYLES.length]!
    const byPeriod = new Map(s.points.map((pt) => [pt.period, pt.value]))
    const coords = periods.map((period, i) => {
      const v = byPeriod.get(period)
      return { x: x(i), y: v === null || v === undefined ? null : y(v), period, value: v ?? null }
    })
    out.push(
      `<path d="${linePath(coords)}" fill="none" stroke="${style.colour}" stroke-width="2"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/>`,
    )
    for (const c of coords) {
      if (c.y === null || c.value === null) continue
      out.push(
        `<circle class="point" cx="${n(c.x)}" cy="${n(c.y)}" r="3.5" fill="${style.colour}"><title>${esc(`${s.label}, ${c.period}: ${fmt(c.value)}`)}</title></circle>`,
      )
    }
    const ly = frame.height - 18 * (p.series.length - k) - 4
    out.push(
      `<line x1="${x0}" x2="${x0 + 30}" y1="${ly - 4}" y2="${ly - 4}" stroke="${style.colour}" stroke-width="2"${style.dash ? ` stroke-dasharray="${style.dash}"` : ''}/><text x="${x0 + 38}" y="${ly}" font-size="12" fill="${COLOURS.text}">${esc(s.label)}</text>`,
    )
  })

  return [
    svgOpen(frame.width, frame.height, `${titleId} ${descId}`),
    `<title id="${titleId}">${esc(p.title)}</title>`,
    `<desc id="${descId}">${esc(describeLines(p, periods, fmt))}</desc>`,
    `<rect x="0" y="0" width="${frame.width}" height="${frame.height}" fill="#ffffff"/>`,
    ...out,
    '</svg>',
  ].join('\n')
}

function describeLines(p: LineChartParams, periods: string[], fmt: (v: number) => string): string {
  const parts = [
    `Line chart of ${p.title}${periods.length ? `, ${periods[0]} to ${periods[periods.length - 1]}` : ', no data yet'}.`,
  ]
  for (const s of p.series) {
    const present = s.points.filter((pt) => pt.value !== null)
    const last = present[present.length - 1]
    parts.push(
      `${s.label}: ${present.length} ${present.length === 1 ? 'value' : 'values'}${last ? `, latest ${fmt(last.value!)} (${last.period})` : ''}.`,
    )
  }
  if (p.target !== null && p.target !== undefined) parts.push(`Target ${fmt(p.target)}.`)
  for (const b of p.benchmarks ?? []) parts.push(`${b.label} ${fmt(b.value)}.`)
  parts.push(p.footnote ?? 'Too few values for statistical process control.')
  return parts.join(' ')
}
