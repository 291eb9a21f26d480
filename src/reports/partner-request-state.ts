// The state of a request to a partner, and the other rules about requests, as plain functions (no database):
// what the improvement team's list, a partner's own pages, the partners' counts and the report all say.
import { addDays, quarterOf } from '../shared/calendar.js'
import { formatDate } from '../shared/dates.js'
import { isRoundLocked, type RoundLockFacts } from '../plan/period-lock.js'

export const REQUEST_STATES = ['not-yet-due', 'overdue', 'answered-on-time', 'answered-late', 'received'] as const
export type RequestState = (typeof REQUEST_STATES)[number]

export const REQUEST_STATE_LABELS: Record<RequestState, string> = {
  'not-yet-due': 'Not yet due',
  overdue: 'Overdue',
  'answered-on-time': 'Answered on time',
  'answered-late': 'Answered late',
  received: 'Marked received',
}

export const REQUEST_STATE_TAGS: Record<RequestState, string> = {
  'not-yet-due': 'govuk-tag--blue',
  overdue: 'govuk-tag--red',
  'answered-on-time': 'govuk-tag--green',
  'answered-late': 'govuk-tag--orange',
  received: 'govuk-tag--grey',
}

/** What the state needs of a request (a row of partner_request). */
export interface RequestFacts {
  due_on: string
  received_on: string | null
  /** Set when the partner answered it (the team marking it received leaves it null). */
  responded_at: Date | null
}

/**
 * A request still awaited is "not yet due" up to and including its due date, then "overdue". One the partner
 * answered is "answered on time" when it was received by its due date, else "answered late". One the
 * improvement team marked as received without an answer here is "marked received".
 */
export function requestState(r: RequestFacts, today: string): RequestState {
  if (r.received_on === null) return r.due_on < today ? 'overdue' : 'not-yet-due'
  if (r.responded_at === null) return 'received'
  return r.received_on <= r.due_on ? 'answered-on-time' : 'answered-late'
}

export interface RequestCounts {
  /** Still awaited (not received). */
  open: number
  /** Awaited past their due date (also counted in open). */
  overdue: number
  /** Received: answered by the partner or marked received by the team. */
  answered: number
}

export function requestCounts(requests: RequestFacts[], today: string): RequestCounts {
  const counts: RequestCounts = { open: 0, overdue: 0, answered: 0 }
  for (const r of requests) {
    const state = requestState(r, today)
    if (state === 'not-yet-due' || state === 'overdue') counts.open += 1
    if (state === 'overdue') counts.overdue += 1
    if (state !== 'not-yet-due' && state !== 'overdue') counts.answered += 1
  }
  return counts
}

/** Who commissioned a request: "Board, 12 January 2026" for a Board meeting, else the improvement team. */
export function commissionedByLabel(meeting: { held_on: string } | null | undefined): string {
  return meeting ? `Board, ${formatDate(meeting.held_on)}` : 'The improvement team'
}

/** The last day an answer received on `receivedOn` can change: the end of the quarter after its own. */
export function answerChangeableUntil(receivedOn: string): string {
  return quarterOf(addDays(quarterOf(receivedOn).end, 1)).end
}

/**
 * Whether the partner may still change their answer: only an answer the partner gave (not a request the team
 * marked received), and only until the quarter it was answered in is locked: by that quarter's reporting
 * round, or by the round of any later quarter (rounds lock in order, so a later lock closes it too). A
 * council that does not run rounds gets the same in time: an answer closes at the end of the quarter after
 * its own at the latest, by when a round would have locked it.
 */
export function mayChangeAnswer(
  r: RequestFacts,
  rounds: Array<Pick<RoundLockFacts, 'quarter_start' | 'locks_on' | 'locked_at' | 'unlocked_at'>>,
  today: string,
): boolean {
  if (r.received_on === null || r.responded_at === null) return false
  if (today > answerChangeableUntil(r.received_on)) return false
  const answeredIn = quarterOf(r.received_on).start
  return !rounds.some((round) => round.quarter_start >= answeredIn && isRoundLocked(round, today))
}
