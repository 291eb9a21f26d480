import type { Formula } from '../db/database.js'
// Derived measures (e.g. vacancy rate) are computed from their inputs whenever they are read, so the
// figure on the page, in a report and in a download always comes from the same function.

export type Series = Map<string, number> // period -> value

export class FormulaError extends Error {}

export function applyFormula(formula: Formula, a: Series, b: Series): Series {
  const out: Series = new Map()
  for (const [period, x] of a) {
    const y = b.get(period)
    if (y === undefined) continue
    let value: number | undefined
    if (formula.op === 'difference') value = x - y
    else if (formula.op === 'percent') value = y === 0 ? undefined : (100 * x) / y
    else value = x + y === 0 ? undefined : (100 * x) / (x + y)
    if (value !== undefined && Number.isFinite(value)) out.set(period, value)
  }
  return out
}

/**
 * Resolves every measure's series: recorded ones as given, derived ones from their formula, recursively.
 * A formula that names an unknown code or refers back to itself is an error.
 */
export function resolveSeries(
  measures: ReadonlyArray<{ code: string; formula: Formula | null }>,
  recorded: ReadonlyMap<string, Series>,
): Map<string, Series> {
  const byCode = new Map(measures.map((m) => [m.code, m]))
  const resolved = new Map<string, Series>()
  const visiting = new Set<string>()
  const resolve = (code: string): Series => {
    const done = resolved.get(code)
    if (done) return done
    const measure = byCode.get(code)
    if (!measure) throw new FormulaError(`A formula uses the measure code "${code}", which does not exist`)
    if (!measure.formula) {
      const series: Series = recorded.get(code) ?? new Map<string, number>()
      resolved.set(code, series)
      return series
    }
    if (visiting.has(code)) throw new FormulaError(`The formula for "${code}" refers back to itself`)
    visiting.add(code)
    const series = applyFormula(measure.formula, resolve(measure.formula.a), resolve(measure.formula.b))
    visiting.delete(code)
    resolved.set(code, series)
    return series
  }
  for (const m of measures) resolve(m.code)
  return resolved
}
