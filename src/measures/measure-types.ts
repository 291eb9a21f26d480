export const UNITS = ['count', 'percent', 'days', 'ratio', 'money'] as const
export type Unit = (typeof UNITS)[number]
export const POLARITIES = ['higher', 'lower', 'neutral'] as const
export type MeasurePolarity = (typeof POLARITIES)[number]
export const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const
export type Frequency = (typeof FREQUENCIES)[number]
export const BENCHMARK_KINDS = ['england', 'statistical-neighbours', 'region', 'comparator'] as const
export type BenchmarkKind = (typeof BENCHMARK_KINDS)[number]
export type VitalSign = 'workforce' | 'demand'

export const UNIT_LABELS: Record<Unit, string> = {
  count: 'Count',
  percent: 'Percentage (%)',
  days: 'Days',
  ratio: 'Ratio',
  money: 'Pounds (£)',
}
export const POLARITY_LABELS: Record<MeasurePolarity, string> = {
  higher: 'Higher is better',
  lower: 'Lower is better',
  neutral: 'Neither (context only)',
}
export const FREQUENCY_LABELS: Record<Frequency, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  annual: 'Annual',
}
export const BENCHMARK_LABELS: Record<BenchmarkKind, string> = {
  england: 'England',
  'statistical-neighbours': 'Statistical neighbours',
  region: 'Region',
  comparator: 'Comparator',
}

/**
 * A measure computed from others (never typed in): a - b, 100 * a / b, or 100 * a / (a + b).
 * a and b are measure codes of the same council; they may themselves be derived.
 */
export type Formula =
  | { op: 'difference'; a: string; b: string }
  | { op: 'percent'; a: string; b: string }
  | { op: 'share'; a: string; b: string }

export const FORMULA_DESCRIPTIONS: Record<Formula['op'], (a: string, b: string) => string> = {
  difference: (a, b) => `${a} minus ${b}`,
  percent: (a, b) => `${a} as a percentage of ${b}`,
  share: (a, b) => `${a} as a percentage of ${a} plus ${b}`,
}

/** Formats a value in its unit for people. */
export function formatValue(value: number | null | undefined, unit: Unit, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'No data'
  const places = unit === 'count' && Number.isInteger(value) ? 0 : decimals
  const n = value.toLocaleString('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places })
  switch (unit) {
    case 'percent':
      return `${n}%`
    case 'money':
      return `£${n}`
    case 'days':
      return `${n} days`
    default:
      return n
  }
}
