// Reading the periods people type (in forms and import files) for a measure of a given frequency. How
// periods are stored, labelled and stepped through is the calendar's (src/shared/calendar.ts).
import { monthStart as iso, type Frequency } from '../shared/calendar.js'
import { plainText } from '../shared/text.js'

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']

export type PeriodResult = { ok: true; period: string } | { ok: false; reason: string }

const FIRST_YEAR = 1990
const LAST_YEAR = 2100

function yearOk(year: number) {
  return year >= FIRST_YEAR && year <= LAST_YEAR
}

/** Whether a day exists in a month (31/02 does not; 29/02 only in a leap year). */
function dayExists(year: number, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/**
 * Reads a year and month from the forms people type: 2018-08, 2018-08-31, 31/08/2018, Aug 2018,
 * August 2018. A date given with a day must exist: 31/02/2022 is refused, not read as February.
 */
function readYearMonth(text: string): { year: number; month: number; day?: number } | undefined {
  let m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(text)
  if (m) return { year: Number(m[1]), month: Number(m[2]), ...(m[3] ? { day: Number(m[3]) } : {}) }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text)
  if (m) return { year: Number(m[3]), month: Number(m[2]), day: Number(m[1]) }
  m = /^([a-z]{3})[a-z]*\.?\s+(\d{4})$/i.exec(text)
  if (m) {
    const month = MONTHS.indexOf(m[1]!.toLowerCase()) + 1
    if (month > 0) return { year: Number(m[2]), month }
  }
  return undefined
}

export function parsePeriod(raw: unknown, frequency: Frequency): PeriodResult {
  const text = plainText(raw).trim()
  if (!text) return { ok: false, reason: 'the period is empty' }
  if (frequency === 'annual') {
    let m = /^(\d{4})\/(\d{2})$/.exec(text)
    if (m) {
      const start = Number(m[1])
      if ((start + 1) % 100 !== Number(m[2]))
        return { ok: false, reason: `"${text}" is not a financial year like 2024/25` }
      return yearOk(start) ? { ok: true, period: iso(start, 4) } : { ok: false, reason: `"${text}" is out of range` }
    }
    m = /^(\d{4})$/.exec(text)
    if (m) {
      const ending = Number(m[1])
      return yearOk(ending)
        ? { ok: true, period: iso(ending - 1, 4) }
        : { ok: false, reason: `"${text}" is out of range` }
    }
    return { ok: false, reason: `"${text}" is not a year: use 2024/25, or 2025 for the year ending 31 March 2025` }
  }
  if (frequency === 'quarterly') {
    const q = /^(\d{4})\/(\d{2})\s*Q([1-4])$/i.exec(text)
    if (q) {
      const start = Number(q[1])
      if ((start + 1) % 100 !== Number(q[2]))
        return { ok: false, reason: `"${text}" is not a financial year and quarter like 2022/23 Q3` }
      if (!yearOk(start) || !yearOk(start + 1))
        return { ok: false, reason: `"${text}" is out of range: years from ${FIRST_YEAR} to ${LAST_YEAR - 1}` }
      const quarter = Number(q[3])
      const month = [4, 7, 10, 1][quarter - 1]!
      return { ok: true, period: iso(quarter === 4 ? start + 1 : start, month) }
    }
  }
  const ym = readYearMonth(text)
  if (!ym) {
    return {
      ok: false,
      reason:
        frequency === 'quarterly'
          ? `"${text}" is not a quarter: use 2022/23 Q3 or the quarter's first month, like 2022-10`
          : `"${text}" is not a month: use 2018-08 or Aug 2018`,
    }
  }
  if (ym.month < 1 || ym.month > 12) return { ok: false, reason: `"${text}" is not a real month` }
  if (!yearOk(ym.year))
    return { ok: false, reason: `"${text}" is out of range: years from ${FIRST_YEAR} to ${LAST_YEAR}` }
  if (ym.day !== undefined && !dayExists(ym.year, ym.month, ym.day))
    return { ok: false, reason: `"${text}" is not a real date` }
  if (frequency === 'quarterly') {
    if (![1, 4, 7, 10].includes(ym.month)) {
      return {
        ok: false,
        reason: `"${text}" does not start a quarter: quarters start in April, July, October or January`,
      }
    }
  }
  return { ok: true, period: iso(ym.year, ym.month) }
}
