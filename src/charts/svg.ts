// Small helpers for hand-written SVG. Charts are standalone (presentation attributes such as fill, stroke and
// font-size, no external references) so the same string works in a page, a Word document and a PDF. They carry
// no style attribute, which the Content-Security-Policy blocks: the page's stylesheet scales them by their class.
import { plainText } from '../shared/text.js'

export function esc(text: unknown): string {
  return plainText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

/** Rounds to 2 decimal places for coordinates, keeping the SVG small. */
export function n(value: number): string {
  return String(Math.round(value * 100) / 100)
}

/** "Nice" ticks covering min..max: steps of 1, 2 or 5 times a power of ten. */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return [0, 1]
  if (min === max) {
    const pad = Math.abs(min) * 0.1 || 1
    min -= pad
    max += pad
  }
  const rough = (max - min) / count
  const power = 10 ** Math.floor(Math.log10(rough))
  const step = [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power
  const first = Math.floor(min / step) * step
  const ticks: number[] = []
  for (let t = first; t <= max + step * 1e-9; t += step) ticks.push(Math.round(t / step) * step)
  if (ticks[ticks.length - 1]! < max) ticks.push(ticks[ticks.length - 1]! + step)
  return ticks.map((t) => Number(t.toPrecision(12)))
}

export const FONT = 'font-family="\'GDS Transport\', arial, sans-serif"'

/** The class that scales a chart to its container (public/stylesheets/app.css): full width at most, height kept in proportion. */
export const CHART_CLASS = 'app-chart-svg'

/**
 * The opening tag of a chart: its drawing size (used as is by the Word images, src/exports/svg-to-png.ts), a
 * viewBox so a page can scale it, and a class, never a style attribute.
 */
export function svgOpen(width: number, height: number, labelledBy: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${labelledBy}" ${FONT} class="${CHART_CLASS}">`
}
/** GOV.UK colours, all at least 3:1 against white for graphics, 4.5:1 for text. */
export const COLOURS = {
  text: '#0b0c0c',
  secondaryText: '#484949',
  grid: '#cecece',
  axis: '#0b0c0c',
  data: '#0b0c0c',
  mean: '#484949',
  limit: '#484949',
  target: '#00703c',
  benchmark: '#4c2c92',
  improvement: '#1d70b8',
  concern: '#b54d00',
  neither: '#4c2c92',
  common: '#484949',
}

export interface Frame {
  width: number
  height: number
  left: number
  right: number
  top: number
  bottom: number
}

export function plotArea(f: Frame) {
  return { x0: f.left, x1: f.width - f.right, y0: f.top, y1: f.height - f.bottom }
}

/** Builds a path for a series, breaking the line at missing values. */
export function linePath(points: Array<{ x: number; y: number | null }>): string {
  let d = ''
  let pen = false
  for (const p of points) {
    if (p.y === null) {
      pen = false
      continue
    }
    d += `${pen ? 'L' : 'M'}${n(p.x)} ${n(p.y)}`
    pen = true
  }
  return d
}

/** Spreads right-hand labels so they never overlap: at least `gap` pixels apart, kept in order. */
export function spreadLabels<T extends { y: number }>(labels: T[], gap = 13, min = -Infinity, max = Infinity): T[] {
  const sorted = [...labels].sort((a, b) => a.y - b.y).map((l) => ({ ...l }))
  for (let i = 1; i < sorted.length; i++) sorted[i]!.y = Math.max(sorted[i]!.y, sorted[i - 1]!.y + gap)
  const overflow = sorted.length ? sorted[sorted.length - 1]!.y - max : 0
  if (overflow > 0) for (const l of sorted) l.y -= overflow
  for (let i = 0; i < sorted.length; i++) sorted[i]!.y = Math.max(sorted[i]!.y, min + i * gap)
  return sorted
}

/** Which x labels to print so they do not collide: about one every 70 pixels. */
export function labelEvery(count: number, plotWidth: number): number {
  return Math.max(1, Math.ceil(count / Math.max(1, Math.floor(plotWidth / 70))))
}

export interface Area {
  x0: number
  x1: number
  y0: number
  y1: number
}

export interface EdgeLabel {
  y: number
  text: string
  colour: string
}

/** Horizontal grid lines with value labels, both axes, and the y-axis title. */
export function gridAndAxes(
  ticks: number[],
  a: Area,
  y: (v: number) => number,
  fmt: (v: number) => string,
  yLabel: string,
) {
  const out: string[] = []
  for (const t of ticks) {
    out.push(
      `<line x1="${a.x0}" x2="${a.x1}" y1="${n(y(t))}" y2="${n(y(t))}" stroke="${COLOURS.grid}" stroke-width="1"/>`,
    )
    out.push(
      `<text x="${a.x0 - 8}" y="${n(y(t) + 4)}" text-anchor="end" font-size="12" fill="${COLOURS.text}">${esc(fmt(t))}</text>`,
    )
  }
  out.push(`<line x1="${a.x0}" x2="${a.x0}" y1="${a.y0}" y2="${a.y1}" stroke="${COLOURS.axis}"/>`)
  out.push(`<line x1="${a.x0}" x2="${a.x1}" y1="${a.y1}" y2="${a.y1}" stroke="${COLOURS.axis}"/>`)
  out.push(
    `<text transform="translate(16 ${n((a.y0 + a.y1) / 2)}) rotate(-90)" text-anchor="middle" font-size="13" fill="${COLOURS.text}">${esc(yLabel)}</text>`,
  )
  out.push(
    `<text x="${n((a.x0 + a.x1) / 2)}" y="${a.y1 + 40}" text-anchor="middle" font-size="13" fill="${COLOURS.text}">Period</text>`,
  )
  return out
}

/** Target and benchmark lines across the plot, each adding a label for the right-hand edge. */
export function referenceLines(
  target: number | null | undefined,
  benchmarks: Array<{ label: string; value: number }>,
  a: Area,
  y: (v: number) => number,
  fmt: (v: number) => string,
  labels: EdgeLabel[],
): string[] {
  const out: string[] = []
  const line = (v: number, colour: string, width: number, dash: string) =>
    `<line x1="${a.x0}" x2="${a.x1}" y1="${n(y(v))}" y2="${n(y(v))}" stroke="${colour}" stroke-width="${width}" stroke-dasharray="${dash}"/>`
  if (target !== null && target !== undefined) {
    out.push(line(target, COLOURS.target, 2, '10 4'))
    labels.push({ y: y(target), text: `Target ${fmt(target)}`, colour: COLOURS.target })
  }
  for (const b of benchmarks) {
    out.push(line(b.value, COLOURS.benchmark, 1.5, '2 3'))
    labels.push({ y: y(b.value), text: `${b.label} ${fmt(b.value)}`, colour: COLOURS.benchmark })
  }
  return out
}

/** The labels of horizontal lines, at the right-hand edge, spread so none overlap. */
export function edgeLabels(labels: EdgeLabel[], a: Area): string[] {
  return spreadLabels(labels, 14, a.y0 + 4, a.y1).map(
    (l) =>
      `<text x="${a.x1 + 8}" y="${n(l.y + 4)}" font-size="12" fill="${COLOURS.text}"><tspan fill="${l.colour}">■</tspan> ${esc(l.text)}</text>`,
  )
}
