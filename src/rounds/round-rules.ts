// The rules of a reporting round, as plain functions: its default dates, what makes its dates valid, its
// state on a day, who may change the quarter's data, and which reminders and digests are due on a day.
// No database and no HTTP: tested with hand-checked cases in round-rules.test.ts.
import type { ReportingRound } from '../db/database.js'
import { addDays, daysBetween, quarterOf, type Quarter } from '../shared/calendar.js'
import { formatDate } from '../shared/dates.js'
import { lockState } from '../plan/period-lock.js'

// The lock is one rule, kept where measures and reports can read it too (they sit below rounds).
export {
  decidePeriodEdit,
  isRoundLocked,
  lockedMessage,
  lockedOn,
  lockState,
  mayEditPeriod,
  periodLockFor,
} from '../plan/period-lock.js'

/** The dates of a round, as the form and the table hold them (ISO dates). */
export interface RoundDates {
  data_cutoff_on: string
  updates_due_on: string
  commentary_due_on: string
  locks_on: string
}

export type RoundRow = Pick<
  ReportingRound,
  | 'id'
  | 'quarter_start'
  | 'data_cutoff_on'
  | 'updates_due_on'
  | 'commentary_due_on'
  | 'locks_on'
  | 'reminder_days'
  | 'locked_at'
  | 'unlocked_at'
  | 'unlock_reason'
>

/** Working days after the cut-off for owners' updates; then for commentary; then to the lock. */
export const DEFAULT_WORKING_DAYS = { updates: 10, commentary: 5, lock: 3 } as const
export const DEFAULT_REMINDER_DAYS = 3
/** How late the data cut-off may be: this many days after the quarter's end. */
export const CUTOFF_DAYS_AFTER_QUARTER = 10

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay()
  return day === 0 || day === 6
}

/** The working day `days` working days after `date` (weekends skipped; bank holidays are not known here). */
export function addWorkingDays(date: string, days: number): string {
  let out = date
  for (let left = days; left > 0;) {
    out = addDays(out, 1)
    if (!isWeekend(out)) left -= 1
  }
  return out
}

/**
 * Default dates for a quarter's round: the cut-off at the quarter's end; owners' updates 10 working days
 * after it (or 10 working days after today, when a round is opened so late that that day has passed); commentary
 * 5 working days after that; the lock 3 working days after that.
 */
export function defaultRoundDates(quarterStart: string, today: string): RoundDates {
  const cutoff = quarterOf(quarterStart).end
  const usual = addWorkingDays(cutoff, DEFAULT_WORKING_DAYS.updates)
  const updates = usual >= today ? usual : addWorkingDays(today, DEFAULT_WORKING_DAYS.updates)
  const commentary = addWorkingDays(updates, DEFAULT_WORKING_DAYS.commentary)
  return {
    data_cutoff_on: cutoff,
    updates_due_on: updates,
    commentary_due_on: commentary,
    locks_on: addWorkingDays(commentary, DEFAULT_WORKING_DAYS.lock),
  }
}

/** The quarters a round can be opened for today: the one just ended, and the one running. */
export function quartersToOpen(today: string): Quarter[] {
  const current = quarterOf(today)
  return [quarterOf(addDays(current.start, -1)), current]
}

/** The earliest and latest data cut-off for a quarter: its last month, to 10 days after its end. */
export function cutoffRange(quarterStart: string): { earliest: string; latest: string } {
  const q = quarterOf(quarterStart)
  return { earliest: `${q.end.slice(0, 7)}-01`, latest: addDays(q.end, CUTOFF_DAYS_AFTER_QUARTER) }
}

export type RoundDateField = 'dataCutoffOn' | 'updatesDueOn' | 'commentaryDueOn' | 'locksOn'

/**
 * What is wrong with a round's dates, field by field (empty when they are valid). The lock date cannot be in
 * the past: to lock at once, the improvement team locks it now.
 */
export function roundDateProblems(
  quarterStart: string,
  dates: RoundDates,
  today: string,
): Array<{ field: RoundDateField; message: string }> {
  const problems: Array<{ field: RoundDateField; message: string }> = []
  const { earliest, latest } = cutoffRange(quarterStart)
  const label = quarterOf(quarterStart).label
  if (dates.data_cutoff_on < earliest || dates.data_cutoff_on > latest)
    problems.push({
      field: 'dataCutoffOn',
      message: `The data cut-off for ${label} must be between ${formatDate(earliest)} and ${formatDate(latest)}`,
    })
  if (dates.updates_due_on < dates.data_cutoff_on)
    problems.push({
      field: 'updatesDueOn',
      message: 'The deadline for owners’ updates must be the same as or after the data cut-off',
    })
  if (dates.commentary_due_on <= dates.updates_due_on)
    problems.push({
      field: 'commentaryDueOn',
      message: 'The deadline for strand leads’ commentary must be after the deadline for owners’ updates',
    })
  if (dates.locks_on < dates.commentary_due_on)
    problems.push({
      field: 'locksOn',
      message: 'The lock date must be the same as or after the deadline for commentary',
    })
  else if (dates.locks_on < today)
    problems.push({ field: 'locksOn', message: 'The lock date must be today or in the future' })
  return problems
}

export type RoundState = 'open' | 'updates-overdue' | 'commentary-overdue' | 'locked' | 'reopened'

export const ROUND_STATE_LABELS: Record<RoundState, string> = {
  open: 'Open',
  'updates-overdue': 'Updates deadline passed',
  'commentary-overdue': 'Commentary deadline passed',
  locked: 'Locked',
  reopened: 'Reopened',
}

/** GOV.UK tag colours, always beside the words above. */
export const ROUND_STATE_TAGS: Record<RoundState, string> = {
  open: 'govuk-tag--blue',
  'updates-overdue': 'govuk-tag--yellow',
  'commentary-overdue': 'govuk-tag--orange',
  locked: 'govuk-tag--grey',
  reopened: 'govuk-tag--purple',
}

/** Where a round stands on a day: a deadline is passed the day after it. */
export function roundState(
  round: Pick<RoundRow, keyof RoundDates | 'locked_at' | 'unlocked_at'>,
  today: string,
): RoundState {
  const lock = lockState(round, today)
  if (lock !== 'open') return lock
  if (today > round.commentary_due_on) return 'commentary-overdue'
  if (today > round.updates_due_on) return 'updates-overdue'
  return 'open'
}

/** The dates can change until the round locks (a reopened round keeps its dates: they have passed). */
export function mayChangeDates(round: Pick<RoundRow, 'locks_on' | 'locked_at' | 'unlocked_at'>, today: string) {
  return lockState(round, today) === 'open'
}

export type Deadline = 'updates' | 'commentary'

export const DEADLINE_LABELS: Record<Deadline, string> = {
  updates: 'owners’ updates',
  commentary: 'strand leads’ commentary',
}

export type DueMail =
  | { kind: 'reminder'; deadline: Deadline; dueOn: string; when: 'before'; days: number }
  | { kind: 'reminder'; deadline: Deadline; dueOn: string; when: 'on-the-day' }
  | { kind: 'digest'; deadline: Deadline; dueOn: string }

/**
 * The reminders and digests due today for an open round (none once it locks or is reopened). For each
 * deadline: a reminder from `reminder_days` days before it until the day before (so a day the scheduler
 * missed is made up; the outbox sends each once), a reminder on the day, and a digest to the improvement
 * team on any day after it. The caller's dedupe keys make each go once.
 */
export function reminderDue(
  round: Pick<RoundRow, keyof RoundDates | 'reminder_days' | 'locked_at' | 'unlocked_at'>,
  today: string,
): DueMail[] {
  if (lockState(round, today) !== 'open') return []
  const out: DueMail[] = []
  const deadlines: Array<[Deadline, string]> = [
    ['updates', round.updates_due_on],
    ['commentary', round.commentary_due_on],
  ]
  for (const [deadline, dueOn] of deadlines) {
    const daysLeft = daysBetween(today, dueOn)
    if (round.reminder_days > 0 && daysLeft > 0 && daysLeft <= round.reminder_days)
      out.push({ kind: 'reminder', deadline, dueOn, when: 'before', days: round.reminder_days })
    if (daysLeft === 0) out.push({ kind: 'reminder', deadline, dueOn, when: 'on-the-day' })
    if (daysLeft < 0) out.push({ kind: 'digest', deadline, dueOn })
  }
  return out
}

/** The deadline an owed item falls under, by its due date: the round's two deadlines, or neither. */
export function deadlineOf(
  round: Pick<RoundRow, 'updates_due_on' | 'commentary_due_on'>,
  dueOn: string,
): Deadline | null {
  if (dueOn === round.updates_due_on) return 'updates'
  if (dueOn === round.commentary_due_on) return 'commentary'
  return null
}
