// Labels and descriptions for the kinds of measure data. The value sets themselves are the database's
// (src/db/database.ts); units, polarity and frequencies are shared with the national statistics.
import type { BenchmarkKind, Formula } from '../db/database.js'

export const BENCHMARK_LABELS: Record<BenchmarkKind, string> = {
  england: 'England',
  'statistical-neighbours': 'Statistical neighbours',
  region: 'Region',
  comparator: 'Comparator',
}

export const FORMULA_DESCRIPTIONS: Record<Formula['op'], (a: string, b: string) => string> = {
  difference: (a, b) => `${a} minus ${b}`,
  percent: (a, b) => `${a} as a percentage of ${b}`,
  share: (a, b) => `${a} as a percentage of ${a} plus ${b}`,
}
