// An XmR (statistical process control) chart as accessible SVG: data, mean, process limits, target and
// benchmark lines; special-cause points drawn as larger diamonds (shape as well as colour); a generated
// text alternative in <desc>.
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

/** What an XmR chart draws: each point with its limits and signal, each segment's mean and limits. */
export interface XmrView {
  points: Array<{
    /** The label under the point, e.g. "Aug 2018". */
    period: string
    value: number | null
    upperLimit: number | null
    lowerLimit: number | null
    specialCause: 'improvement' | 'concern' | 'neither' | null
    /** Which segment (limits recalculated from a period start a new one). */
    segment: number
  }>
  segments: Array<{ from: string; mean: number | null; upperLimit: number | null; lowerLimit: number | null }>
  /** The verdict in words, the text alternative's last sentence: "Special cause concern. Hit and miss ...". */
  verdict: string
}

export interface XmrChartParams {
  id: string
  title: string
  yLabel: string
  unit: Unit
  spc: XmrView
  target?: number | null
  benchmarks?: Array<{ label: string; value: number }>
  decimals?: number
  width?: number
  height?: number
}

const MARKER_COLOUR = { improvement: COLOURS.improvement, concern: COLOURS.concern, neither: COLOURS.neither }

/** The chart drawn from these parameters (kept from an earlier call with the same ones, src/charts/drawn.ts). */
export function renderXmrChart(p: XmrChartParams): string {
  return drawnOnce('xmr', p, drawXmrChart)
}

function drawXmrChart(p: XmrChartParams): string {
  const frame: Frame = { width: p.width ?? 760, height: p.height ?? 380, left: 70, right: 170, top: 20, bottom: 92 }
  const { x0, x1, y0, y1 } = plotArea(frame)
  const pts = p.spc.points
  const fmt = (v: number) => formatValue(v, p.unit, p.decimals ?? 1)
  const values = pts.flatMap((pt) => [pt.value, pt.upperLimit, pt.lowerLimit].filter((v): v is number => v !== null))
  const refs = [
    ...(p.target !== null && p.target !== undefined ? [p.target] : []),
    ...(p.benchmarks ?? []).map((b) => b.value),
  ]
  const ticks = niceTicks(Math.min(...values, ...refs), Math.max(...values, ...refs))
  const yMin = ticks[0]!
  const yMax = ticks[ticks.length - 1]!
  const y = (v: number) => y1 - ((v - yMin) / (yMax - yMin || 1)) * (y1 - y0)
  const x = (i: number) => (pts.length <= 1 ? (x0 + x1) / 2 : x0 + (i / (pts.length - 1)) * (x1 - x0))
  const titleId = `${p.id}-title`
  const descId = `${p.id}-desc`
  const out: string[] = []

  out.push(...gridAndAxes(ticks, { x0, x1, y0, y1 }, y, fmt, p.yLabel))
  // x labels
  const every = labelEvery(pts.length, x1 - x0)
  pts.forEach((pt, i) => {
    if (i % every !== 0) return
    out.push(`<line x1="${n(x(i))}" x2="${n(x(i))}" y1="${y1}" y2="${y1 + 5}" stroke="${COLOURS.axis}"/>`)
    out.push(
      `<text x="${n(x(i))}" y="${y1 + 19}" text-anchor="middle" font-size="12" fill="${COLOURS.text}">${esc(pt.period)}</text>`,
    )
  })

  // Mean and limits, per segment (re-baselining starts a new one)
  const labels: EdgeLabel[] = []
  p.spc.segments.forEach((seg, s) => {
    const idx = pts.map((pt, i) => (pt.segment === s ? i : -1)).filter((i) => i >= 0)
    if (!idx.length || seg.mean === null) return
    const xa = x(idx[0]!)
    const xb = x(idx[idx.length - 1]!)
    const last = s === p.spc.segments.length - 1
    const hline = (v: number, dash: string, colour: string, label: string) => {
      out.push(
        `<line x1="${n(xa)}" x2="${n(xb)}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="${colour}" stroke-width="1.5"${dash ? ` stroke-dasharray="${dash}"` : ''}/>`,
      )
      if (last) labels.push({ y: y(v), text: `${label} ${fmt(v)}`, colour })
    }
    hline(seg.mean, '', COLOURS.mean, 'Mean')
    if (seg.upperLimit !== null) hline(seg.upperLimit, '6 4', COLOURS.limit, 'Upper limit')
    if (seg.lowerLimit !== null) hline(seg.lowerLimit, '6 4', COLOURS.limit, 'Lower limit')
    if (s > 0) {
      out.push(
        `<line x1="${n(xa)}" x2="${n(xa)}" y1="${y0}" y2="${y1}" stroke="${COLOURS.secondaryText}" stroke-dasharray="2 3"/>`,
      )
      out.push(
        `<text x="${n(xa + 4)}" y="${y0 + 12}" font-size="11" fill="${COLOURS.secondaryText}">Limits recalculated</text>`,
      )
    }
  })
  out.push(...referenceLines(p.target, p.benchmarks ?? [], { x0, x1, y0, y1 }, y, fmt, labels))
  out.push(...edgeLabels(labels, { x0, x1, y0, y1 }))

  // Data line and markers
  out.push(
    `<path d="${linePath(pts.map((pt, i) => ({ x: x(i), y: pt.value === null ? null : y(pt.value) })))}" fill="none" stroke="${COLOURS.data}" stroke-width="2"/>`,
  )
  pts.forEach((pt, i) => {
    if (pt.value === null) return
    const cx = n(x(i))
    const cy = n(y(pt.value))
    if (pt.specialCause) {
      const r = 6.5
      const d = `M${cx} ${n(y(pt.value) - r)}L${n(x(i) + r)} ${cy}L${cx} ${n(y(pt.value) + r)}L${n(x(i) - r)} ${cy}Z`
      out.push(
        `<path class="signal" d="${d}" fill="${MARKER_COLOUR[pt.specialCause]}" stroke="${COLOURS.text}" stroke-width="1"><title>${esc(`${pt.period}: ${fmt(pt.value)}, special cause ${pt.specialCause}`)}</title></path>`,
      )
    } else {
      out.push(
        `<circle class="point" cx="${cx}" cy="${cy}" r="3.5" fill="${COLOURS.common}"><title>${esc(`${pt.period}: ${fmt(pt.value)}`)}</title></circle>`,
      )
    }
  })

  // Legend: shapes and words, so colour is never the only cue
  const ly = frame.height - 22
  out.push(
    `<circle cx="${x0 + 6}" cy="${ly - 4}" r="3.5" fill="${COLOURS.common}"/><text x="${x0 + 16}" y="${ly}" font-size="12" fill="${COLOURS.text}">Common cause</text>`,
  )
  const legend: Array<[string, string]> = [
    [COLOURS.concern, 'Special cause concern'],
    [COLOURS.improvement, 'Special cause improvement'],
  ]
  legend.forEach(([colour, text], i) => {
    const lx = x0 + 130 + i * 190
    out.push(
      `<path d="M${lx} ${ly - 10}L${lx + 6} ${ly - 4}L${lx} ${ly + 2}L${lx - 6} ${ly - 4}Z" fill="${colour}" stroke="${COLOURS.text}"/><text x="${lx + 12}" y="${ly}" font-size="12" fill="${COLOURS.text}">${text}</text>`,
    )
  })

  return [
    svgOpen(frame.width, frame.height, `${titleId} ${descId}`),
    `<title id="${titleId}">${esc(p.title)}</title>`,
    `<desc id="${descId}">${esc(describeXmr(p, fmt))}</desc>`,
    `<rect x="0" y="0" width="${frame.width}" height="${frame.height}" fill="#ffffff"/>`,
    ...out,
    '</svg>',
  ].join('\n')
}

/** The chart in words, for screen readers and anyone who cannot see it. */
function describeXmr(p: XmrChartParams, fmt: (v: number) => string): string {
  const present = p.spc.points.filter((pt) => pt.value !== null)
  const first = present[0]
  const last = present[present.length - 1]
  const seg = p.spc.segments[p.spc.segments.length - 1]
  const signals = p.spc.points.filter((pt) => pt.specialCause).length
  const parts = [
    `XmR chart of ${p.title}: ${present.length} values from ${first?.period ?? ''} to ${last?.period ?? ''}.`,
    last && last.value !== null ? `Latest ${fmt(last.value)} (${last.period}).` : '',
    seg && seg.mean !== null
      ? `Mean ${fmt(seg.mean)}, process limits ${fmt(seg.lowerLimit!)} to ${fmt(seg.upperLimit!)}${p.spc.segments.length > 1 ? ` (recalculated from ${seg.from})` : ''}.`
      : '',
    `${signals} ${signals === 1 ? 'point shows' : 'points show'} special cause variation.`,
    p.target !== null && p.target !== undefined ? `Target ${fmt(p.target)}.` : '',
    ...(p.benchmarks ?? []).map((b) => `${b.label} ${fmt(b.value)}.`),
    p.spc.verdict,
  ]
  return parts.filter(Boolean).join(' ')
}
