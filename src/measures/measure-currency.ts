// Whether a measure's latest figure is still current on a date. The one home of "not current", used by
// the measure pages, every report and the impact rating (a figure that is not current is not evidence).
//
// A figure is current until the next one is due: the end of the following period plus a reporting lag
// (one month for monthly figures, three for quarterly, eight for annual ones, since official annual
// statistics come out in the autumn after the year ends). Written up in docs/decisions/0014.
import { addDays, nextPeriod, periodLabel, type Frequency } from '../shared/calendar.js'
import { formatDate } from '../shared/dates.js'

export const REPORTING_LAG_MONTHS: Record<Frequency, number> = { monthly: 1, quarterly: 3, annual: 8 }

/** The last day a figure for `period` is the one to expect: after it a newer figure was due. */
export function currentUntil(period: string, frequency: Frequency): string {
  // The first day after the following period, moved on by the lag; the day before it is the last.
  let afterLag = nextPeriod(nextPeriod(period, frequency), frequency)
  for (let i = 0; i < REPORTING_LAG_MONTHS[frequency]; i++) afterLag = nextPeriod(afterLag, 'monthly')
  return addDays(afterLag, -1)
}

export interface Currency {
  /** The latest figure's period in words, or null when there is none. */
  latestLabel: string | null
  current: boolean
  /** Why it is not current, in words; empty when it is. */
  note: string
}

/** Is the latest figure (period, or null for no figures) current on `date`? */
export function currencyOn(latestPeriod: string | null, frequency: Frequency, date: string): Currency {
  if (latestPeriod === null) return { latestLabel: null, current: false, note: 'No figures recorded' }
  const latestLabel = periodLabel(latestPeriod, frequency)
  const until = currentUntil(latestPeriod, frequency)
  if (date <= until) return { latestLabel, current: true, note: '' }
  return {
    latestLabel,
    current: false,
    note: `Latest figure is for ${latestLabel}; a newer one was due by ${formatDate(until)}`,
  }
}
