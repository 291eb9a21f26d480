// The calendar every figure and report uses: ISO dates (yyyy-mm-dd) as strings, the English financial
// year (1 April to 31 March) and its quarters, and periods of a frequency. The one home of this
// arithmetic: pages, reports, exports and imports all call these.
//
// A period is stored as the ISO date of its first day. Monthly: any month. Quarterly: financial
// quarters starting April, July, October and January. Annual: financial years starting 1 April (so
// "2024/25" and DfE's "2025", the year ending 31 March 2025, are the same period, 2024-04-01).

export const FREQUENCIES = ['monthly', 'quarterly', 'annual'] as const
export type Frequency = (typeof FREQUENCIES)[number]

export const FREQUENCY_LABELS: Record<Frequency, string> = {
  monthly: 'Monthly',
  quarterly: 'Quarterly',
  annual: 'Annual',
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
const DAY_MS = 86_400_000

/** The first day of a month as an ISO date. */
export function monthStart(year: number, month: number): string {
  return `${year}-${String(month).padStart(2, '0')}-01`
}

function utc(date: string): number {
  return Date.parse(`${date.slice(0, 10)}T00:00:00Z`)
}

/** Whole days from one date to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((utc(to) - utc(from)) / DAY_MS)
}

/** The date `days` days after (or before, when negative) `date`. */
export function addDays(date: string, days: number): string {
  return new Date(utc(date) + days * DAY_MS).toISOString().slice(0, 10)
}

/** The same day `months` months later (earlier when negative), or the month's last day when it has fewer days. */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const index = y * 12 + (m - 1) + months
  const year = Math.floor(index / 12)
  const month = (index % 12) + 1
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate()
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`
}

/** Whole months from one date to another: a month is counted once its day of the month is reached. */
export function monthsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number]
  return (ty - fy) * 12 + (tm - fm) - (td < fd ? 1 : 0)
}

/** The financial year that starts on 1 April of `startYear`, as people write it: "2022/23". */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`
}

export interface Quarter {
  start: string
  end: string
  /** "Q3 2022/23" */
  label: string
}

/** The financial quarter that contains `date` (any day of it). */
export function quarterOf(date: string): Quarter {
  const year = Number(date.slice(0, 4))
  const month = Number(date.slice(5, 7))
  const startMonth = month - ((month - 1) % 3)
  const endMonth = startMonth + 2
  const lastDay = new Date(Date.UTC(year, endMonth, 0)).getUTCDate()
  const number = startMonth >= 4 ? (startMonth - 4) / 3 + 1 : 4
  const financialYear = startMonth >= 4 ? year : year - 1
  return {
    start: monthStart(year, startMonth),
    end: `${year}-${String(endMonth).padStart(2, '0')}-${String(lastDay).padStart(2, '0')}`,
    label: `Q${number} ${financialYearLabel(financialYear)}`,
  }
}

export function inQuarter(date: string, q: Quarter): boolean {
  return date >= q.start && date <= q.end
}

/** Every financial quarter from the one containing `from` to the one containing `to`, newest first. */
export function quartersBetween(from: string, to: string): Quarter[] {
  const out: Quarter[] = []
  for (let q = quarterOf(from); q.start <= to && out.length < 400; q = quarterOf(nextPeriod(q.start, 'quarterly'))) {
    out.push(q)
  }
  return out.reverse()
}

/** A period (its first day) as people read it: "Aug 2018", "Q3 2022/23", "2024/25". */
export function periodLabel(period: string, frequency: Frequency): string {
  const year = Number(period.slice(0, 4))
  const month = Number(period.slice(5, 7))
  if (frequency === 'annual') return financialYearLabel(year)
  if (frequency === 'quarterly') return quarterOf(period).label
  return `${MONTH_NAMES[month - 1]} ${year}`
}

/** The period after this one. */
export function nextPeriod(period: string, frequency: Frequency): string {
  const step = frequency === 'monthly' ? 1 : frequency === 'quarterly' ? 3 : 12
  const year = Number(period.slice(0, 4))
  const month = Number(period.slice(5, 7)) - 1 + step
  return monthStart(year + Math.floor(month / 12), (month % 12) + 1)
}

/** The last day of a period (its first day is the period itself). */
export function periodEnd(period: string, frequency: Frequency): string {
  return addDays(nextPeriod(period, frequency), -1)
}

/** Every period from first to last inclusive, so missing ones show as gaps. */
export function periodRange(first: string, last: string, frequency: Frequency): string[] {
  const out: string[] = []
  for (let p = first; p <= last && out.length < 2000; p = nextPeriod(p, frequency)) out.push(p)
  return out
}
