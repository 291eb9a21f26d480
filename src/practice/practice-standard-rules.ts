// Practice standards' figures, one function each, used by the pages, the CSV and the report alike: an
// interval in days, whether a local standard goes beyond the statutory minimum, the extra visits a month that
// implies at a caseload (with its working in words), and the percentage seen within a standard.
import type { IntervalUnit } from '../db/database.js'
import { formatNumber } from '../shared/units.js'

/** The average month: a year of 365.25 days over 12 months, 30.4375 days. */
export const AVERAGE_MONTH_DAYS = 365.25 / 12

export interface Interval {
  every: number
  unit: IntervalUnit
}

const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

/** An interval in days: a week is 7 days. */
export function intervalDays(interval: Interval): number {
  return interval.unit === 'weeks' ? interval.every * 7 : interval.every
}

/** "Every 4 weeks", "Every 14 days", "Every week"; no interval reads "None". */
export function intervalText(interval: Interval | null): string {
  if (!interval) return 'None'
  const unit = interval.unit === 'weeks' ? 'week' : 'day'
  return interval.every === 1 ? `Every ${unit}` : `Every ${interval.every} ${unit}s`
}

/** An interval's days, when they are not the same as its words: "(28 days)" for every 4 weeks. */
export function intervalDaysText(interval: Interval | null): string {
  if (!interval || interval.unit === 'days') return ''
  return `${intervalDays(interval)} days`
}

/**
 * Whether the local standard asks for more than the statutory minimum: its interval is shorter. With no
 * statutory minimum there is nothing to exceed, so it is never flagged (the page says there is none).
 */
export function exceedsMinimum(local: Interval, statutory: Interval | null): boolean {
  return statutory !== null && intervalDays(local) < intervalDays(statutory)
}

/** Visits (or sessions) an average month, for one child, at an interval: 30.4375 / interval days. */
export function visitsPerMonth(interval: Interval): number {
  return AVERAGE_MONTH_DAYS / intervalDays(interval)
}

/**
 * The extra visits a month the local standard asks for beyond the statutory minimum, at a caseload:
 * caseload x (30.4375 / local interval days - 30.4375 / statutory interval days). Null when the local
 * standard does not exceed the minimum (or there is none) or no caseload is known.
 * 120 children, every 4 weeks (28 days) against every 6 weeks (42 days): 120 x (1.08705 - 0.72470) = 43.48.
 */
export function extraVisitsPerMonth(
  caseload: number | null,
  local: Interval,
  statutory: Interval | null,
): number | null {
  if (caseload === null || statutory === null || !exceedsMinimum(local, statutory)) return null
  return caseload * (visitsPerMonth(local) - visitsPerMonth(statutory))
}

/** Extra visits, rounded as people read them: one decimal place below 100, whole numbers from 100. */
export function formatVisits(value: number): string {
  return value < 100 ? formatNumber(Math.round(value * 10) / 10, 1) : formatNumber(Math.round(value), 0)
}

/**
 * The working behind the extra visits, in words: "120 children x (30.4375 days ÷ 28 days - 30.4375 days ÷ 42
 * days) = 120 x (1.087 - 0.725) = 43.5 extra visits a month".
 */
export function extraVisitsWorking(caseload: number | null, local: Interval, statutory: Interval | null): string {
  const extra = extraVisitsPerMonth(caseload, local, statutory)
  if (extra === null || caseload === null || statutory === null) return ''
  const l = intervalDays(local)
  const s = intervalDays(statutory)
  const three = (n: number) => formatNumber(n, 3)
  return (
    `${formatNumber(caseload, 0)} on the caseload x (30.4375 days in an average month ÷ ${l} days − 30.4375 ÷ ${s} days)` +
    ` = ${formatNumber(caseload, 0)} x (${three(visitsPerMonth(local))} − ${three(visitsPerMonth(statutory))} a month each)` +
    ` = ${formatVisits(extra)} extra visits a month`
  )
}

/** The percentage seen within a standard: seen / due x 100; null when none were due. */
export function compliancePercent(seen: number | null, due: number): number | null {
  if (seen === null || due <= 0) return null
  return (seen / due) * 100
}

/** A percentage as the page and the measure hold it: one decimal place. */
export function roundPercent(value: number): number {
  return Math.round(value * 10) / 10
}

/** "87.5%", or "Not recorded". */
export function percentText(value: number | null): string {
  return value === null ? 'Not recorded' : `${formatNumber(roundPercent(value), 1)}%`
}

/** A month's first day as people read it: "August 2026". */
export function monthLabel(month: string): string {
  return `${MONTH_NAMES[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`
}

/** A month's first day in a URL: "2026-08". */
export function monthKey(month: string): string {
  return month.slice(0, 7)
}

/** "2026-08" as the month's first day, or undefined when it is not a month from 2000 to 2100. */
export function monthFromKey(key: string): string | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(key)
  if (!match) return undefined
  const year = Number(match[1])
  const month = Number(match[2])
  if (year < 2000 || year > 2100 || month < 1 || month > 12) return undefined
  return `${match[1]}-${match[2]}-01`
}

/** The measure a standard's compliance feeds is named after it. */
export function measureNameOf(title: string): string {
  return `${title}: percentage seen within the local standard`
}

/** What the pages, the CSV and the report need of a standard's columns. */
export interface StandardFields {
  local_every: number
  local_unit: IntervalUnit
  statutory_every: number | null
  statutory_unit: IntervalUnit | null
}

/** What they need of a month's columns. */
export interface MonthFields {
  month: string
  caseload: number
  due: number
  seen_local: number
  seen_statutory: number | null
}

export function localOf(s: StandardFields): Interval {
  return { every: s.local_every, unit: s.local_unit }
}

export function statutoryOf(s: StandardFields): Interval | null {
  return s.statutory_every !== null && s.statutory_unit !== null
    ? { every: s.statutory_every, unit: s.statutory_unit }
    : null
}

/** A month's figures as every page and export shows them. */
export function monthFigures(m: MonthFields) {
  const percentLocal = compliancePercent(m.seen_local, m.due)
  const percentStatutory = compliancePercent(m.seen_statutory, m.due)
  return {
    month: m.month,
    label: monthLabel(m.month),
    caseload: m.caseload,
    due: m.due,
    seenLocal: m.seen_local,
    seenStatutory: m.seen_statutory,
    percentLocal: percentLocal === null ? null : roundPercent(percentLocal),
    percentStatutory: percentStatutory === null ? null : roundPercent(percentStatutory),
    percentLocalText: percentText(percentLocal),
    percentStatutoryText: percentText(percentStatutory),
  }
}
export type MonthView = ReturnType<typeof monthFigures>

/**
 * A standard's summary: its intervals in words, the flag, and the extra visits at the caseload of its latest
 * recorded month (the "current caseload"), with the working. `months` are oldest first.
 */
export function standardSummary(s: StandardFields, months: MonthFields[]) {
  const local = localOf(s)
  const statutory = statutoryOf(s)
  const latest = months.at(-1)
  const caseload = latest ? latest.caseload : null
  const extra = extraVisitsPerMonth(caseload, local, statutory)
  return {
    localText: intervalText(local),
    localDays: intervalDays(local),
    localDaysText: intervalDaysText(local),
    statutoryText: intervalText(statutory),
    statutoryDays: statutory ? intervalDays(statutory) : null,
    statutoryDaysText: intervalDaysText(statutory),
    exceeds: exceedsMinimum(local, statutory),
    caseload,
    caseloadMonth: latest ? monthLabel(latest.month) : null,
    extraVisits: extra === null ? null : Math.round(extra * 10) / 10,
    extraVisitsText: extra === null ? '' : formatVisits(extra),
    working: extraVisitsWorking(caseload, local, statutory),
    latest: latest ? monthFigures(latest) : null,
  }
}
export type StandardSummary = ReturnType<typeof standardSummary>
