// The units a figure can be in, and how a figure is written for people in its unit.
export const UNITS = ['count', 'percent', 'days', 'ratio', 'money'] as const
export type Unit = (typeof UNITS)[number]

export const UNIT_LABELS: Record<Unit, string> = {
  count: 'Count',
  percent: 'Percentage (%)',
  days: 'Days',
  ratio: 'Ratio',
  money: 'Pounds (£)',
}

/** Formats a value in its unit for people; a missing value reads "No data". */
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
