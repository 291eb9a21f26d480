// Labels and descriptions for the kinds of measure data. The value sets themselves are the database's
// (src/db/database.ts); units, polarity and frequencies are shared with the national statistics.
import type { BenchmarkKind, Formula } from '../db/database.js'

export const BENCHMARK_LABELS: Record<BenchmarkKind, string> = {
  england: 'England',
  'statistical-neighbours': 'Statistical neighbours',
  region: 'Region',
  comparator: 'Comparator',
}

/** A derived measure's formula in words, naming its inputs: "Posts (VS-POSTS) minus Employees (VS-EMPLOYEES)". */
export function describeFormula(formula: Formula, measures: ReadonlyArray<{ code: string; name: string }>): string {
  const named = (code: string) => {
    const input = measures.find((m) => m.code === code)
    return input ? `${input.name} (${code})` : code
  }
  return FORMULA_DESCRIPTIONS[formula.op](named(formula.a), named(formula.b))
}

export const FORMULA_DESCRIPTIONS: Record<Formula['op'], (a: string, b: string) => string> = {
  difference: (a, b) => `${a} minus ${b}`,
  percent: (a, b) => `${a} as a percentage of ${b}`,
  share: (a, b) => `${a} as a percentage of ${a} plus ${b}`,
}
