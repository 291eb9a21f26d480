// A step chart as accessible SVG: a share that changes only at events (such as the share of councils
// judged better, month by month since an inadequate judgement), with its confidence band drawn as dashed
// steps. The text alternative says where the line reaches chosen points.
import { COLOURS, esc, n, niceTicks, svgOpen } from './svg.js'

export interface StepChartParams {
  id: string
  title: string
  xLabel: string
  yLabel: string
  /** Where the share changes, in order: from `x` on it is `y` (with its band, when there is one). */
  steps: Array<{ x: number; y: number; lower?: number; upper?: number }>
  /** The share before the first step. */
  start: number
  /** Sentences for the text alternative, after the chart's own summary. */
  summary: string
  formatX: (x: number) => string
  formatY: (y: number) => string
  width?: number
  height?: number
}

export function renderStepChart(p: StepChartParams): string {
  const width = p.width ?? 760
  const height = p.height ?? 340
  const x0 = 70
  const x1 = width - 30
  const y0 = 20
  const y1 = height - 70
  const maxX = Math.max(1, ...p.steps.map((s) => s.x))
  const xTicks = niceTicks(0, maxX)
  const xMax = xTicks[xTicks.length - 1]!
  const x = (v: number) => x0 + (v / (xMax || 1)) * (x1 - x0)
  const y = (v: number) => y1 - v * (y1 - y0)
  const out: string[] = []
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    out.push(`<line x1="${x0}" x2="${x1}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="${COLOURS.grid}"/>`)
    out.push(
      `<text x="${x0 - 8}" y="${n(y(t) + 4)}" text-anchor="end" font-size="12" fill="${COLOURS.text}">${esc(p.formatY(t))}</text>`,
    )
  }
  for (const t of xTicks) {
    out.push(`<line x1="${n(x(t))}" x2="${n(x(t))}" y1="${y1}" y2="${y1 + 5}" stroke="${COLOURS.axis}"/>`)
    out.push(
      `<text x="${n(x(t))}" y="${y1 + 19}" text-anchor="middle" font-size="12" fill="${COLOURS.text}">${esc(p.formatX(t))}</text>`,
    )
  }
  out.push(`<line x1="${x0}" x2="${x0}" y1="${y0}" y2="${y1}" stroke="${COLOURS.axis}"/>`)
  out.push(`<line x1="${x0}" x2="${x1}" y1="${y1}" y2="${y1}" stroke="${COLOURS.axis}"/>`)
  out.push(
    `<text x="${n((x0 + x1) / 2)}" y="${y1 + 42}" text-anchor="middle" font-size="13" fill="${COLOURS.text}">${esc(p.xLabel)}</text>`,
    `<text transform="translate(16 ${n((y0 + y1) / 2)}) rotate(-90)" text-anchor="middle" font-size="13" fill="${COLOURS.text}">${esc(p.yLabel)}</text>`,
  )
  const path = (value: (s: StepChartParams['steps'][number]) => number | undefined, start: number) => {
    let d = `M${n(x(0))} ${n(y(start))}`
    let last = start
    for (const s of p.steps) {
      const v = value(s) ?? last
      d += `H${n(x(s.x))}V${n(y(v))}`
      last = v
    }
    return `${d}H${n(x(maxX))}`
  }
  if (p.steps.some((s) => s.lower !== undefined)) {
    for (const bound of ['lower', 'upper'] as const) {
      out.push(
        `<path class="band" d="${path((s) => s[bound], p.start)}" fill="none" stroke="${COLOURS.limit}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
      )
    }
  }
  out.push(
    `<path class="steps" d="${path((s) => s.y, p.start)}" fill="none" stroke="${COLOURS.data}" stroke-width="2.5"/>`,
  )
  const ly = height - 12
  out.push(
    `<line x1="${x0}" x2="${x0 + 24}" y1="${ly - 4}" y2="${ly - 4}" stroke="${COLOURS.data}" stroke-width="2.5"/><text x="${x0 + 30}" y="${ly}" font-size="12" fill="${COLOURS.text}">Estimate</text>`,
  )
  if (p.steps.some((s) => s.lower !== undefined)) {
    out.push(
      `<line x1="${x0 + 120}" x2="${x0 + 144}" y1="${ly - 4}" y2="${ly - 4}" stroke="${COLOURS.limit}" stroke-width="1.5" stroke-dasharray="6 4"/><text x="${x0 + 150}" y="${ly}" font-size="12" fill="${COLOURS.text}">95% confidence interval</text>`,
    )
  }
  return [
    svgOpen(width, height, `${p.id}-title ${p.id}-desc`),
    `<title id="${p.id}-title">${esc(p.title)}</title>`,
    `<desc id="${p.id}-desc">${esc(`Step chart of ${p.yLabel.toLowerCase()} against ${p.xLabel.toLowerCase()}. ${p.summary}`)}</desc>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...out,
    '</svg>',
  ].join('\n')
}
