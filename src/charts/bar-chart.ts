// A horizontal bar chart as accessible SVG: one bar per area (a council and its statistical neighbours),
// with reference lines (England, the neighbour average). The highlighted bar is marked in words and by a
// hatched pattern as well as colour.
import { COLOURS, esc, n, niceTicks, svgOpen } from './svg.js'

export interface BarChartParams {
  id: string
  title: string
  bars: Array<{ label: string; value: number | null; highlight?: boolean; note?: string }>
  references?: Array<{ label: string; value: number }>
  format: (v: number) => string
  width?: number
}

export function renderBarChart(p: BarChartParams): string {
  const width = p.width ?? 760
  const rowHeight = 26
  const left = 230
  const right = 110
  const top = 16
  const legendHeight = 22 * (p.references?.length ?? 0)
  const bottom = 40 + legendHeight
  const height = top + bottom + rowHeight * p.bars.length
  const values = [...p.bars.map((b) => b.value), ...(p.references ?? []).map((r) => r.value)].filter(
    (v): v is number => v !== null,
  )
  const ticks = niceTicks(Math.min(0, ...values), values.length ? Math.max(...values) : 1)
  const lo = ticks[0]!
  const hi = ticks[ticks.length - 1]!
  const x0 = left
  const x1 = width - right
  const x = (v: number) => x0 + ((v - lo) / (hi - lo || 1)) * (x1 - x0)
  const yEnd = top + rowHeight * p.bars.length
  const titleId = `${p.id}-title`
  const descId = `${p.id}-desc`
  const out: string[] = []
  out.push(
    `<defs><pattern id="${p.id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="${COLOURS.improvement}"/><line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>`,
  )
  for (const t of ticks) {
    out.push(
      `<line x1="${n(x(t))}" x2="${n(x(t))}" y1="${top}" y2="${yEnd}" stroke="${COLOURS.grid}" stroke-width="1"/>`,
    )
    out.push(
      `<text x="${n(x(t))}" y="${yEnd + 16}" text-anchor="middle" font-size="12" fill="${COLOURS.text}">${esc(p.format(t))}</text>`,
    )
  }
  p.bars.forEach((b, i) => {
    const y = top + i * rowHeight
    const label = b.highlight ? `${b.label} (this council)` : b.label
    out.push(
      `<text x="${left - 8}" y="${y + 17}" text-anchor="end" font-size="12" fill="${COLOURS.text}"${b.highlight ? ' font-weight="bold"' : ''}>${esc(label)}</text>`,
    )
    if (b.value === null) {
      out.push(
        `<text x="${x0 + 6}" y="${y + 17}" font-size="12" fill="${COLOURS.secondaryText}">${esc(b.note ?? 'Not published')}</text>`,
      )
      return
    }
    const fill = b.highlight ? `url(#${p.id}-hatch)` : COLOURS.common
    const start = x(Math.min(0, b.value))
    out.push(
      `<rect x="${n(start)}" y="${y + 5}" width="${n(Math.max(1, Math.abs(x(b.value) - x(0))))}" height="${rowHeight - 10}" fill="${fill}" stroke="${COLOURS.data}" stroke-width="${b.highlight ? 1.5 : 0}"><title>${esc(`${label}: ${p.format(b.value)}`)}</title></rect>`,
    )
    out.push(
      `<text x="${n(x(b.value) + 6)}" y="${y + 17}" font-size="12" fill="${COLOURS.text}">${esc(p.format(b.value))}</text>`,
    )
  })
  const dashes = ['6 4', '2 3', '10 3 2 3']
  ;(p.references ?? []).forEach((r, k) => {
    const dash = dashes[k % dashes.length]
    out.push(
      `<line x1="${n(x(r.value))}" x2="${n(x(r.value))}" y1="${top - 4}" y2="${yEnd}" stroke="${COLOURS.benchmark}" stroke-width="2" stroke-dasharray="${dash}"/>`,
    )
    const ly = yEnd + 38 + 22 * k
    out.push(
      `<line x1="${x0}" x2="${x0 + 30}" y1="${ly - 4}" y2="${ly - 4}" stroke="${COLOURS.benchmark}" stroke-width="2" stroke-dasharray="${dash}"/><text x="${x0 + 38}" y="${ly}" font-size="12" fill="${COLOURS.text}">${esc(`${r.label}: ${p.format(r.value)}`)}</text>`,
    )
  })
  const shown = p.bars.filter((b) => b.value !== null)
  const desc = [
    `Bar chart of ${p.title}.`,
    ...p.bars.map(
      (b) =>
        `${b.highlight ? `${b.label} (this council)` : b.label}: ${b.value === null ? (b.note ?? 'not published') : p.format(b.value)}.`,
    ),
    ...(p.references ?? []).map((r) => `${r.label}: ${p.format(r.value)}.`),
    `${shown.length} of ${p.bars.length} areas have a published figure.`,
  ].join(' ')
  return [
    svgOpen(width, height, `${titleId} ${descId}`),
    `<title id="${titleId}">${esc(p.title)}</title>`,
    `<desc id="${descId}">${esc(desc)}</desc>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...out,
    '</svg>',
  ].join('\n')
}
