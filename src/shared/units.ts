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

/**
 * A number in British style with a fixed number of decimal places. One Intl formatter per number of
 * places, made once: `toLocaleString` with options builds a new one on every call, which dominated the
 * time to draft a large report.
 */
const FORMATTERS = new Map<number, Intl.NumberFormat>()
export function formatNumber(value: number, places: number): string {
  let formatter = FORMATTERS.get(places)
  if (!formatter) {
    formatter = new Intl.NumberFormat('en-GB', { minimumFractionDigits: places, maximumFractionDigits: places })
    FORMATTERS.set(places, formatter)
  }
  return formatter.format(value)
}

/** Formats a value in its unit for people; a missing value reads "No data". */
export function formatValue(value: number | null | undefined, unit: Unit, decimals = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return 'No data'
  const places = unit === 'count' && Number.isInteger(value) ? 0 : decimals
  const n = formatNumber(value, places)
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

/** Units whose change can also be read as a share of where it started (counts, amounts, durations). */
const RELATIVE_UNITS: ReadonlySet<Unit> = new Set<Unit>(['count', 'money', 'days'])

export interface Change {
  unit: Unit
  /** to - from, in the unit (for a percentage: percentage points). */
  difference: number
  /** The difference as a percentage of `from`: counts, amounts and durations only, and never from 0. */
  relativePercent: number | null
}

/**
 * The change from one value to another. A rate or percentage moves in percentage points and has no
 * relative change (a rise from 10% to 12% is 2 points, not 20%); a count, amount or duration has both.
 */
export function changeBetween(from: number, to: number, unit: Unit): Change {
  const difference = to - from
  const relativePercent = RELATIVE_UNITS.has(unit) && from !== 0 ? (difference / Math.abs(from)) * 100 : null
  return { unit, difference, relativePercent }
}

/** The size of a change in its unit, without a sign: "2.1 percentage points", "12", "£1,200", "3 days". */
export function changeSize(change: Change, decimals = 1): string {
  const size = Math.abs(change.difference)
  if (change.unit === 'percent') {
    const n = formatNumber(size, decimals)
    return `${n} percentage ${n === '1' || n === '1.0' ? 'point' : 'points'}`
  }
  return formatValue(size, change.unit, decimals)
}

/** A change in words for pages and reports: "Up 2.1 percentage points", "Down 12 (4.5%)", "No change". */
export function changeWords(change: Change | null, decimals = 1): string {
  if (!change) return 'No earlier value'
  if (roundedZero(change.difference, decimals)) return 'No change'
  const relative = change.relativePercent === null ? '' : ` (${Math.abs(change.relativePercent).toFixed(1)}%)`
  return `${change.difference > 0 ? 'Up' : 'Down'} ${changeSize(change, decimals)}${relative}`
}

/** A change in a narrow table cell: "+2.1 pts", "-12 (-4.5%)", "+£1,200 (+3.0%)", "0". */
export function changeShort(change: Change | null, decimals = 1): string {
  if (!change) return ''
  if (roundedZero(change.difference, decimals)) return '0'
  const sign = change.difference > 0 ? '+' : '-'
  const size =
    change.unit === 'percent'
      ? `${formatNumber(Math.abs(change.difference), decimals)} pts`
      : formatValue(Math.abs(change.difference), change.unit, decimals).replace(/ days$/, 'd')
  const relative = change.relativePercent === null ? '' : ` (${sign}${Math.abs(change.relativePercent).toFixed(1)}%)`
  return `${sign}${size}${relative}`
}

/** The CSV columns a change of this unit is written in, so a header never calls points a percentage. */
export function changeColumns(unit: Unit): string[] {
  if (RELATIVE_UNITS.has(unit)) return ['change', 'change_percent']
  return [unit === 'percent' ? 'change_percentage_points' : 'change']
}

/** What a change is counted in, for a table that mixes units: "percentage points", "count", ... */
export function changeUnitName(unit: Unit): string {
  return { count: 'count', percent: 'percentage points', days: 'days', ratio: 'ratio', money: 'pounds' }[unit]
}

/** A change as three cells for a table that mixes units: difference, what it is counted in, relative %. */
export function mixedChangeCells(change: Change | null, unit: Unit, places = 4): Array<string | number | null> {
  const [difference = null, relative = null] = changeCells(change, unit, places)
  return [difference, change ? changeUnitName(unit) : null, RELATIVE_UNITS.has(unit) ? relative : null]
}

/** The cells for changeColumns(unit): the difference to `places` decimals, the relative change to 1. */
export function changeCells(change: Change | null, unit: Unit, places = 4): Array<number | null> {
  const relative = RELATIVE_UNITS.has(unit)
  if (!change) return relative ? [null, null] : [null]
  const difference = roundTo(change.difference, places)
  if (!relative) return [difference]
  return [difference, change.relativePercent === null ? null : roundTo(change.relativePercent, 1)]
}

function roundedZero(value: number, decimals: number): boolean {
  return Math.abs(value) < 0.5 * 10 ** -decimals
}

/** A number for a file (CSV, spreadsheet): rounded with roundTo; a missing one stays empty. */
export function fileNumber(value: number | null | undefined, places = 4): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : roundTo(value, places)
}

/**
 * A number for a CSV or spreadsheet: rounded to `places` decimals so binary noise
 * (11.949685534591195) never appears; null stays null.
 */
export function roundTo(value: number, places = 4): number {
  const factor = 10 ** places
  const rounded = Math.round(value * factor) / factor
  return Object.is(rounded, -0) ? 0 : rounded
}
