// Charts drawn lately, kept by what they were drawn from. A chart is a pure function of its parameters, so the
// same parameters always draw the same SVG: a page or report drawn again with unchanged figures (a draft reread,
// a measure's page reopened) reuses its charts instead of drawing each again (a key costs about a tenth of a
// drawing), and a changed figure is a different key, so an old chart is never shown for it. The parameters are
// JSON's kinds of data (strings, finite numbers, null, arrays and objects of them), so JSON is the key: NaN and
// the infinities, which it would write as null, are never given to a chart (it could not place them).

/** Characters kept, keys and charts together (about 400 of the largest charts); the oldest go first. */
const MAX_CHARS = 8 * 1024 * 1024

// A Map keeps the order of insertion, so the first entry is the oldest.
const kept = new Map<string, string>()
let keptChars = 0

/** The chart `draw` makes from `params`: kept from an earlier call with the same kind and parameters, or drawn. */
export function drawnOnce<P>(kind: string, params: P, draw: (params: P) => string): string {
  const key = `${kind}:${JSON.stringify(params)}`
  const found = kept.get(key)
  if (found !== undefined) {
    // Used again: now the most recent.
    kept.delete(key)
    kept.set(key, found)
    return found
  }
  const svg = draw(params)
  kept.set(key, svg)
  keptChars += key.length + svg.length
  for (const [oldest, chart] of kept) {
    if (keptChars <= MAX_CHARS) break
    kept.delete(oldest)
    keptChars -= oldest.length + chart.length
  }
  return svg
}

/** Forgets the charts kept (for benchmarks that time the drawing). */
export function forgetDrawnCharts(): void {
  kept.clear()
  keptChars = 0
}
