// The timeline of senior posts as accessible SVG: one row per post, a bar per holder period coloured by its
// status, with a key in words and a text alternative that says how many posts were held permanently at the
// end. The page shows the same figures in a table beside it.
import type { HolderStatus } from '../db/database.js'
import { COLOURS, esc, n, svgOpen } from '../charts/svg.js'
import { addDays, daysBetween } from '../shared/calendar.js'
import { formatDate } from '../shared/dates.js'
import { STATUS_FILLS, STATUS_LABELS, type TimelineSegment } from './leadership-rules.js'

export interface TimelineRow {
  title: string
  segments: TimelineSegment[]
}

export interface TimelineParams {
  id: string
  from: string
  /** Exclusive: the day after the last day drawn. */
  to: string
  rows: TimelineRow[]
  /** Sentences for the text alternative. */
  summary: string
}

const LABEL_WIDTH = 260
const ROW = 30
const BAR = 20

export function renderLeadershipTimeline(p: TimelineParams): string {
  const width = 860
  const x0 = LABEL_WIDTH
  const x1 = width - 20
  const top = 20
  const height = top + p.rows.length * ROW + 80
  const span = Math.max(1, daysBetween(p.from, p.to))
  const x = (day: string) => x0 + ((x1 - x0) * daysBetween(p.from, day)) / span
  const titleId = `${p.id}-title`
  const descId = `${p.id}-desc`
  const parts: string[] = [
    svgOpen(width, height, `${titleId} ${descId}`),
    `<title id="${titleId}">How each senior post was held, ${esc(formatDate(p.from))} to ${esc(formatDate(addDays(p.to, -1)))}</title>`,
    `<desc id="${descId}">${esc(p.summary)}</desc>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
  ]
  // Year lines, on each 1 January inside the chart.
  const firstYear = Number(p.from.slice(0, 4)) + 1
  const lastYear = Number(p.to.slice(0, 4))
  const axisY = top + p.rows.length * ROW + 4
  for (let year = firstYear; year <= lastYear; year++) {
    const day = `${year}-01-01`
    if (day >= p.to) break
    const xx = n(x(day))
    parts.push(
      `<line x1="${xx}" x2="${xx}" y1="${top - 6}" y2="${axisY}" stroke="${COLOURS.grid}" stroke-width="1"/>`,
      `<text x="${xx}" y="${axisY + 16}" font-size="14" text-anchor="middle" fill="${COLOURS.text}">${year}</text>`,
    )
  }
  p.rows.forEach((row, i) => {
    const y = top + i * ROW
    const label = row.title.length > 34 ? `${row.title.slice(0, 33)}…` : row.title
    parts.push(
      `<text x="${x0 - 8}" y="${n(y + BAR / 2 + 5)}" font-size="14" text-anchor="end" fill="${COLOURS.text}">${esc(label)}</text>`,
    )
    for (const s of row.segments) {
      const sx = x(s.from)
      const w = Math.max(1, x(s.to) - sx)
      parts.push(
        `<rect x="${n(sx)}" y="${y}" width="${n(w)}" height="${BAR}" fill="${STATUS_FILLS[s.status]}" stroke="${COLOURS.text}" stroke-width="1"><title>${esc(
          `${row.title}: ${STATUS_LABELS[s.status]} from ${formatDate(s.startedOn)}`,
        )}</title></rect>`,
      )
    }
  })
  // The key, in words.
  const keyY = axisY + 40
  let kx = x0
  for (const status of Object.keys(STATUS_LABELS) as HolderStatus[]) {
    parts.push(
      `<rect x="${kx}" y="${keyY - 12}" width="16" height="16" fill="${STATUS_FILLS[status]}" stroke="${COLOURS.text}" stroke-width="1"/>`,
      `<text x="${kx + 22}" y="${keyY + 1}" font-size="14" fill="${COLOURS.text}">${STATUS_LABELS[status]}</text>`,
    )
    kx += 130
  }
  parts.push('</svg>')
  return parts.join('')
}
