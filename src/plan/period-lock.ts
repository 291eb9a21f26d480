// The lock of a reporting round: from its lock date a quarter's data (measure values for periods that end by
// the quarter's end, and that quarter's report commentary and statuses set by hand) is read-only, except to
// the improvement team when they reopen it with a reason. This is the ONE rule, pure: measures and reports
// check it here (the lowest area that needs it, reading the rounds with period-lock-repository.ts), and
// src/rounds/round-rules.ts re-exports it.
import type { Role } from '../db/database.js'
import { can } from '../web/roles.js'
import { quarterOf } from '../shared/calendar.js'
import { formatDate, todayIso } from '../shared/dates.js'

/** What the lock needs of a round (a row of reporting_round). */
export interface RoundLockFacts {
  id: number
  quarter_start: string
  locks_on: string
  locked_at: Date | null
  unlocked_at: Date | null
  unlock_reason: string
}

export type LockState = 'open' | 'locked' | 'reopened'

/**
 * Locked when it was locked (locked_at) or its lock date has come, and the improvement team has not reopened
 * it: a reopened round stays open after its lock date until it is locked again.
 */
export function isRoundLocked(round: Pick<RoundLockFacts, 'locks_on' | 'locked_at' | 'unlocked_at'>, today: string) {
  if (round.unlocked_at !== null) return false
  return round.locked_at !== null || today >= round.locks_on
}

export function lockState(
  round: Pick<RoundLockFacts, 'locks_on' | 'locked_at' | 'unlocked_at'>,
  today: string,
): LockState {
  if (round.unlocked_at !== null) return 'reopened'
  return isRoundLocked(round, today) ? 'locked' : 'open'
}

/**
 * Whether someone in this role may change the round's period data today (the route's own checks, such as
 * "leads this strand", still apply): anyone who could before while it is open; nobody while it is locked;
 * only the improvement team and administrators (rounds:manage) while it is reopened.
 */
export function mayEditPeriod(
  role: Role,
  round: Pick<RoundLockFacts, 'locks_on' | 'locked_at' | 'unlocked_at'> | undefined,
  today: string,
): boolean {
  if (!round) return true
  const state = lockState(round, today)
  return state === 'open' || (state === 'reopened' && can(role, 'rounds:manage'))
}

/** The day the lock took effect: when it was locked, or its lock date while the scheduler has not yet run. */
export function lockedOn(round: Pick<RoundLockFacts, 'locks_on' | 'locked_at'>): string {
  return round.locked_at ? todayIso(round.locked_at) : round.locks_on
}

/** The moment a UK day begins (midnight in London, 23:00 UTC the day before in summer time). */
export function startOfUkDay(date: string): Date {
  const utcMidnight = Date.parse(`${date}T00:00:00Z`)
  const londonHour = Number(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', hour: '2-digit', hourCycle: 'h23' }).format(
      new Date(utcMidnight),
    ),
  )
  return new Date(utcMidnight - londonHour * 3_600_000)
}

/** When the lock took effect: locked_at, or the start of the lock date if the scheduler has not yet set it. */
export function lockTookEffectAt(round: Pick<RoundLockFacts, 'locks_on' | 'locked_at'>): Date {
  return round.locked_at ?? startOfUkDay(round.locks_on)
}

/** "Q2 2026/27 was locked on 21 October 2026: ..." */
export function lockedMessage(round: Pick<RoundLockFacts, 'quarter_start' | 'locks_on' | 'locked_at'>): string {
  return (
    `${quarterOf(round.quarter_start).label} was locked on ${formatDate(lockedOn(round))}: its data can no longer ` +
    'be changed. The improvement team can reopen it with a reason.'
  )
}

export function reopenedMessage(round: Pick<RoundLockFacts, 'quarter_start'>): string {
  return (
    `${quarterOf(round.quarter_start).label} is locked. The improvement team has reopened it to correct it: ` +
    'only they can change its data.'
  )
}

/**
 * The rounds whose lock covers a period ending on `periodEnd`: its own quarter's and every later quarter's
 * (locking Q2 locks everything that ended by the end of Q2). Any of them locked locks the period; otherwise
 * any reopened reopens it. The earliest such round is the one named.
 */
export function periodLockFor(
  rounds: readonly RoundLockFacts[],
  periodEnd: string,
  today: string,
): { state: 'open' } | { state: 'locked' | 'reopened'; round: RoundLockFacts } {
  const covering = rounds
    .filter((r) => quarterOf(r.quarter_start).end >= periodEnd)
    .sort((a, b) => a.quarter_start.localeCompare(b.quarter_start))
  const locked = covering.find((r) => lockState(r, today) === 'locked')
  if (locked) return { state: 'locked', round: locked }
  const reopened = covering.find((r) => lockState(r, today) === 'reopened')
  if (reopened) return { state: 'reopened', round: reopened }
  return { state: 'open' }
}

export type PeriodEditDecision =
  | {
      allowed: true
      /** Set when the change falls in a reopened round: the audit entry carries its reason. */ auditNote: string
    }
  | { allowed: false; message: string }

/** Whether someone in this role may change data for periods ending on these days. Pure. */
export function decidePeriodEdit(
  role: Role,
  rounds: readonly RoundLockFacts[],
  periodEnds: readonly string[],
  today: string,
): PeriodEditDecision {
  const found = [...new Set(periodEnds)].map((end) => periodLockFor(rounds, end, today))
  for (const f of found) if (f.state === 'locked') return { allowed: false, message: lockedMessage(f.round) }
  const reopened = new Map<number, RoundLockFacts>()
  for (const f of found) if (f.state === 'reopened') reopened.set(f.round.id, f.round)
  if (reopened.size === 0) return { allowed: true, auditNote: '' }
  const first = [...reopened.values()][0]!
  if (!mayEditPeriod(role, first, today)) return { allowed: false, message: reopenedMessage(first) }
  const notes = [...reopened.values()].map(
    (r) => `${quarterOf(r.quarter_start).label} reopened: ${r.unlock_reason || 'no reason recorded'}`,
  )
  return { allowed: true, auditNote: notes.join('; ') }
}
