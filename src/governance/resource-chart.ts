// A small bar chart of the improvement programme's budget against its spend, quarter by quarter, as
// accessible SVG: a title and a description that reads every figure, budget as solid bars and spend as
// hatched ones (told apart by pattern and the legend, not by colour alone). The table beside it is the data.
import { COLOURS, FONT, esc, n, niceTicks } from '../charts/svg.js'
import { formatPounds } from './risk-rules.js'

export interface BudgetBar {
  /** "Q1 2022/23" */
  label: string
  budget: number
  spend: number
}

/** "£1.9m", "£250k", "£900": short amounts for an axis. */
export function shortPounds(value: number): string {
  const size = Math.abs(value)
  if (size >= 1_000_000) return `£${Number((value / 1_000_000).toFixed(2))}m`
  if (size >= 1_000) return `£${Number((value / 1_000).toFixed(1))}k`
  return `£${Number(value.toFixed(0))}`
}

export function renderBudgetChart(p: { id: string; title: string; bars: BudgetBar[] }): string {
  const groupWidth = 92
  const left = 70
  const top = 16
  const plotHeight = 200
  const width = Math.max(360, left + groupWidth * p.bars.length + 20)
  const height = top + plotHeight + 70
  const max = Math.max(1, ...p.bars.flatMap((b) => [b.budget, b.spend]))
  const ticks = niceTicks(0, max)
  const hi = ticks[ticks.length - 1]!
  const yEnd = top + plotHeight
  const y = (v: number) => yEnd - (v / hi) * plotHeight
  const out: string[] = [
    `<defs><pattern id="${p.id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#ffffff"/><line x1="0" y1="0" x2="0" y2="6" stroke="${COLOURS.concern}" stroke-width="3"/></pattern></defs>`,
  ]
  for (const t of ticks) {
    out.push(
      `<line x1="${left}" x2="${width - 10}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="${COLOURS.grid}" stroke-width="1"/>`,
      `<text x="${left - 6}" y="${n(y(t) + 4)}" text-anchor="end" font-size="12" fill="${COLOURS.text}">${esc(shortPounds(t))}</text>`,
    )
  }
  p.bars.forEach((b, i) => {
    const x = left + i * groupWidth + 12
    const bar = (value: number, dx: number, fill: string, what: string) =>
      `<rect x="${x + dx}" y="${n(y(value))}" width="32" height="${n(Math.max(0, yEnd - y(value)))}" fill="${fill}" stroke="${COLOURS.data}" stroke-width="1"><title>${esc(`${b.label} ${what}: ${formatPounds(value)}`)}</title></rect>`
    out.push(
      bar(b.budget, 0, COLOURS.improvement, 'budget'),
      bar(b.spend, 34, `url(#${p.id}-hatch)`, 'spend'),
      `<text x="${x + 33}" y="${yEnd + 16}" text-anchor="middle" font-size="12" fill="${COLOURS.text}">${esc(b.label)}</text>`,
    )
  })
  out.push(
    `<line x1="${left}" x2="${width - 10}" y1="${yEnd}" y2="${yEnd}" stroke="${COLOURS.axis}" stroke-width="1"/>`,
  )
  const ly = yEnd + 44
  out.push(
    `<rect x="${left}" y="${ly - 11}" width="14" height="14" fill="${COLOURS.improvement}" stroke="${COLOURS.data}"/><text x="${left + 20}" y="${ly}" font-size="12" fill="${COLOURS.text}">Programme budget (solid)</text>`,
    `<rect x="${left + 200}" y="${ly - 11}" width="14" height="14" fill="url(#${p.id}-hatch)" stroke="${COLOURS.data}"/><text x="${left + 220}" y="${ly}" font-size="12" fill="${COLOURS.text}">Programme spend (hatched)</text>`,
  )
  const desc = [
    `Bar chart of ${p.title}.`,
    ...p.bars.map((b) => `${b.label}: budget ${formatPounds(b.budget)}, spend ${formatPounds(b.spend)}.`),
  ].join(' ')
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${p.id}-title ${p.id}-desc" ${FONT} class="app-budget-chart">`,
    `<title id="${p.id}-title">${esc(p.title)}</title>`,
    `<desc id="${p.id}-desc">${esc(desc)}</desc>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...out,
    '</svg>',
  ].join('\n')
}
