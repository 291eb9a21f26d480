// Dates are ISO strings (yyyy-mm-dd) in the database and in code; these format them for people.
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
})
const DATE_TIME_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
  timeZone: 'Europe/London',
})

export function formatDate(value: string | Date | null | undefined): string {
  if (!value) return ''
  const date = typeof value === 'string' ? new Date(`${value.slice(0, 10)}T00:00:00Z`) : value
  return Number.isNaN(date.getTime()) ? '' : DATE_FORMAT.format(date)
}

export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return ''
  const date = typeof value === 'string' ? new Date(value) : value
  return Number.isNaN(date.getTime()) ? '' : DATE_TIME_FORMAT.format(date).replace(' at ', ', ')
}

/** Today's date as yyyy-mm-dd in UK time. */
// Building an Intl formatter costs far more than using one: build it once.
const LONDON_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' })

export function todayIso(now: Date = new Date()): string {
  return LONDON_DAY.format(now)
}

/** Splits an ISO date into the three fields of a GOV.UK date input. */
export function dateParts(value: string | null | undefined): { day: string; month: string; year: string } {
  if (!value) return { day: '', month: '', year: '' }
  const [year = '', month = '', day = ''] = value.split('-')
  return { day: String(Number(day)), month: String(Number(month)), year }
}
