// The rules of the Board's action log, in one place and with no database: how an action stood on any day,
// which actions a meeting carries forward, what became of a decision from its actions, and when the Board
// should next meet. The pages, the CSV and the report's Board section all call these.
//
// An action is open until it is closed (done or dropped) on a day; on any day D it reads as it stood then:
// closed if it was closed on or before D, otherwise overdue if its due date is before D (so overdue starts the
// day after the due date), otherwise open. A report for a past quarter therefore shows what was true then.
import type { ActionOutcome } from '../db/database.js'
import { addDays, daysBetween } from '../shared/calendar.js'
import { formatDate } from '../shared/dates.js'
import type { ActionState, DecisionOutcome } from './report-sections.js'

export const ACTION_STATE_LABELS: Record<ActionState, string> = {
  open: 'Open',
  overdue: 'Overdue',
  done: 'Done',
  dropped: 'Dropped',
}

/** GOV.UK tag colours: always shown with the words above. */
export const ACTION_STATE_TAG_CLASSES: Record<ActionState, string> = {
  open: 'govuk-tag--blue',
  overdue: 'govuk-tag--red',
  done: 'govuk-tag--green',
  dropped: 'govuk-tag--grey',
}

export const DECISION_OUTCOME_LABELS: Record<DecisionOutcome, string> = {
  done: 'Done',
  'in-progress': 'In progress',
  overdue: 'Overdue',
  'no-action': 'No action recorded',
}

export const DECISION_OUTCOME_TAG_CLASSES: Record<DecisionOutcome, string> = {
  done: 'govuk-tag--green',
  'in-progress': 'govuk-tag--blue',
  overdue: 'govuk-tag--red',
  'no-action': 'govuk-tag--grey',
}

/** What an action's state depends on. */
export interface ActionDates {
  due_on: string
  outcome: ActionOutcome | null
  closed_on: string | null
}

/** How the action stood on `day`: closed on or before it, else overdue once its due date has passed, else open. */
export function actionStateOn(action: ActionDates, day: string): ActionState {
  if (action.outcome !== null && action.closed_on !== null && action.closed_on <= day) return action.outcome
  return action.due_on < day ? 'overdue' : 'open'
}

/** Open or overdue on `day`: not yet closed then. */
export function isOpenOn(action: ActionDates, day: string): boolean {
  const state = actionStateOn(action, day)
  return state === 'open' || state === 'overdue'
}

/** The state in words: "Done on 3 March 2026", "Dropped on ...", "Overdue by 12 days", "Open, due 1 May 2026". */
export function actionStateText(action: ActionDates, day: string): string {
  const state = actionStateOn(action, day)
  switch (state) {
    case 'done':
      return `Done on ${formatDate(action.closed_on)}`
    case 'dropped':
      return `Dropped on ${formatDate(action.closed_on)}`
    case 'overdue': {
      const days = daysBetween(action.due_on, day)
      return `Overdue by ${days} ${days === 1 ? 'day' : 'days'}`
    }
    case 'open':
      return `Open, due ${formatDate(action.due_on)}`
  }
}

/** An action with its state on `day` as the pages show it: the state, its label and tag colour, and in words. */
export function actionView<T extends ActionDates>(action: T, day: string) {
  const state = actionStateOn(action, day)
  return {
    ...action,
    state,
    stateLabel: ACTION_STATE_LABELS[state],
    stateText: actionStateText(action, day),
    /** What the tag leaves out: "by 12 days", "on 3 March 2026", or nothing while open. */
    stateDetail: state === 'open' ? '' : actionStateText(action, day).replace(/^(Overdue|Done|Dropped) /, ''),
    tagClass: ACTION_STATE_TAG_CLASSES[state],
  }
}

/** The action log's filters: open includes overdue (everything not yet closed). */
export const ACTION_FILTERS = ['open', 'overdue', 'closed', 'all'] as const
export type ActionFilter = (typeof ACTION_FILTERS)[number]

export const ACTION_FILTER_LABELS: Record<ActionFilter, string> = {
  open: 'Open (including overdue)',
  overdue: 'Overdue',
  closed: 'Closed (done or dropped)',
  all: 'All actions',
}

export function matchesFilter(state: ActionState, filter: ActionFilter): boolean {
  switch (filter) {
    case 'open':
      return state === 'open' || state === 'overdue'
    case 'overdue':
      return state === 'overdue'
    case 'closed':
      return state === 'done' || state === 'dropped'
    case 'all':
      return true
  }
}

/** An action with the day of the meeting that raised it. */
export interface RaisedAction extends ActionDates {
  raisedOn: string
}

export interface CarryForward<T> {
  /** The day the states are read on: the meeting's day, or today for a planned (future) meeting. */
  readOn: string
  /** Raised at an earlier meeting and not closed by the day read: open or overdue, oldest due first. */
  carried: T[]
  /** Raised at an earlier meeting and closed after the meeting before this one, up to the day read. */
  closedSince: T[]
}

/**
 * The actions a meeting carries forward: those raised at earlier meetings still open on its day, and those
 * closed since the meeting before (so the Board sees what became of them). For a planned meeting (dated after
 * today) the states are read today: these are the draft agenda's matters arising.
 */
export function carryForward<T extends RaisedAction>(
  actions: readonly T[],
  meeting: { heldOn: string; previousHeldOn: string | null },
  today: string,
): CarryForward<T> {
  const readOn = meeting.heldOn > today ? today : meeting.heldOn
  const earlier = actions.filter((a) => a.raisedOn < meeting.heldOn)
  const byDue = (a: T, b: T) => a.due_on.localeCompare(b.due_on)
  const carried = earlier.filter((a) => isOpenOn(a, readOn)).sort(byDue)
  const closedSince = earlier
    .filter(
      (a) =>
        a.closed_on !== null &&
        a.closed_on <= readOn &&
        (meeting.previousHeldOn === null || a.closed_on > meeting.previousHeldOn),
    )
    .sort((a, b) => (a.closed_on ?? '').localeCompare(b.closed_on ?? ''))
  return { readOn, carried, closedSince }
}

/**
 * What became of a decision, from the states of its actions on the day read: overdue if any is overdue; in
 * progress if any is still open; done if all are closed and at least one was done; otherwise (no actions, or
 * every one dropped) no action.
 */
export function decisionOutcome(states: readonly ActionState[]): DecisionOutcome {
  if (states.includes('overdue')) return 'overdue'
  if (states.includes('open')) return 'in-progress'
  if (states.includes('done')) return 'done'
  return 'no-action'
}

/**
 * The actions behind a decision's outcome, counted: "1 overdue, 1 done" (shown beside the outcome's own label,
 * so it does not repeat it).
 */
export function decisionOutcomeText(states: readonly ActionState[]): string {
  if (states.length === 0) return 'No action was set'
  const count = (s: ActionState) => states.filter((x) => x === s).length
  return (['overdue', 'open', 'done', 'dropped'] as const)
    .filter((s) => count(s) > 0)
    .map((s) => `${count(s)} ${s}`)
    .join(', ')
}

/** The day the next meeting is due: the last meeting held, plus the Board's cadence in weeks. */
export function nextMeetingDue(lastHeldOn: string | null, cadenceWeeks: number): string | null {
  return lastHeldOn === null ? null : addDays(lastHeldOn, cadenceWeeks * 7)
}

export interface MeetingSchedule {
  /** The latest meeting held on or before today. */
  lastHeldOn: string | null
  /** When the next meeting is due by the cadence, and whether that day has passed. */
  nextDueOn: string | null
  overdue: boolean
  /** How many days past due (0 when not overdue). */
  overdueDays: number
  /** The first planned meeting (dated after today), if any. */
  plannedOn: string | null
}

/** When the Board last met and should next meet, from its meetings' dates and cadence. */
export function meetingSchedule(meetingDates: readonly string[], cadenceWeeks: number, today: string): MeetingSchedule {
  const held = meetingDates.filter((d) => d <= today).sort()
  const planned = meetingDates.filter((d) => d > today).sort()
  const lastHeldOn = held.at(-1) ?? null
  const nextDueOn = nextMeetingDue(lastHeldOn, cadenceWeeks)
  const overdue = nextDueOn !== null && nextDueOn < today
  return {
    lastHeldOn,
    nextDueOn,
    overdue,
    overdueDays: overdue && nextDueOn !== null ? daysBetween(nextDueOn, today) : 0,
    plannedOn: planned[0] ?? null,
  }
}
