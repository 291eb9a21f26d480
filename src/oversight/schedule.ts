// When the next DfE review and the next Ofsted monitoring visit are due, and whether to warn. Pure.
//
// A DfE review is due `review_interval_months` after the last one held (or after the intervention was
// issued, before the first). A monitoring visit is expected `monitoring_interval_months` after the last
// monitoring visit or inspection held (or after the intervention was issued). A review or visit already
// planned for a day before then is the date shown instead. Only interventions still in force are
// scheduled. The warning starts SCHEDULE_WARNING_DAYS before (the time a self-assessment takes), and an
// item whose due day has passed with nothing held since is overdue.
import type { Intervention, OversightEventKind, OversightEventState } from '../db/database.js'
import { addMonths, daysBetween } from '../shared/calendar.js'
import { formatDate } from '../shared/dates.js'

/** Six weeks: time to gather evidence and write the self-assessment before a review. */
export const SCHEDULE_WARNING_DAYS = 42

export type ScheduledKind = 'dfe-review' | 'monitoring-visit'

export const SCHEDULED_LABELS: Record<ScheduledKind, string> = {
  'dfe-review': 'DfE progress review',
  'monitoring-visit': 'Ofsted monitoring visit',
}

export interface ScheduleEvent {
  kind: OversightEventKind
  state: OversightEventState
  startsOn: string
}

export interface DueItem {
  kind: ScheduledKind
  label: string
  /** The day it is due by: the planned day, or the interval after the last one. */
  dueBy: string
  basis: 'planned' | 'interval'
  /** The last one held, or null when none has been since the intervention was issued. */
  lastHeldOn: string | null
  intervalMonths: number
  daysLeft: number
  warning: 'overdue' | 'soon' | null
}

type SchedulingIntervention = Pick<
  Intervention,
  'issued_on' | 'ended_on' | 'review_interval_months' | 'monitoring_interval_months'
>

export function inForce(intervention: Pick<Intervention, 'issued_on' | 'ended_on'>, today: string): boolean {
  return intervention.issued_on <= today && (intervention.ended_on === null || intervention.ended_on > today)
}

function due(
  kind: ScheduledKind,
  countsAsLast: readonly OversightEventKind[],
  intervalMonths: number,
  issuedOn: string,
  events: readonly ScheduleEvent[],
  today: string,
): DueItem {
  const held = events
    .filter((e) => e.state === 'held' && countsAsLast.includes(e.kind) && e.startsOn >= issuedOn && e.startsOn <= today)
    .map((e) => e.startsOn)
    .sort()
  const lastHeldOn = held.at(-1) ?? null
  const byInterval = addMonths(lastHeldOn ?? issuedOn, intervalMonths)
  const planned = events
    .filter((e) => e.state === 'planned' && e.kind === kind && e.startsOn >= today)
    .map((e) => e.startsOn)
    .sort()[0]
  const usePlanned = planned !== undefined && planned <= byInterval
  const dueBy = usePlanned ? planned : byInterval
  const daysLeft = daysBetween(today, dueBy)
  const warning = daysLeft < 0 ? 'overdue' : daysLeft <= SCHEDULE_WARNING_DAYS ? 'soon' : null
  return {
    kind,
    label: SCHEDULED_LABELS[kind],
    dueBy,
    basis: usePlanned ? 'planned' : 'interval',
    lastHeldOn,
    intervalMonths,
    daysLeft,
    warning,
  }
}

/** What is next due under an intervention in force (empty when it is not in force). */
export function nextDue(
  intervention: SchedulingIntervention,
  events: readonly ScheduleEvent[],
  today: string,
): DueItem[] {
  if (!inForce(intervention, today)) return []
  const items = [
    due('dfe-review', ['dfe-review'], intervention.review_interval_months, intervention.issued_on, events, today),
  ]
  if (intervention.monitoring_interval_months !== null) {
    items.push(
      due(
        'monitoring-visit',
        ['monitoring-visit', 'inspection', 'focused-visit'],
        intervention.monitoring_interval_months,
        intervention.issued_on,
        events,
        today,
      ),
    )
  }
  return items
}

/** How far off it is, after its date: "due in 12 days", "overdue by 3 days"; far off, "due in more than two months". */
export function dueAfterDate(item: Pick<DueItem, 'daysLeft'>): string {
  if (Math.abs(item.daysLeft) > DAYS_IN_WORDS)
    return item.daysLeft > 0 ? 'due in more than two months' : 'overdue by more than two months'
  const text = dueText({ daysLeft: item.daysLeft, dueBy: '' })
  return text.charAt(0).toLowerCase() + text.slice(1)
}

/** Beyond this many days a count of days reads worse than a date. */
const DAYS_IN_WORDS = 60

/** "Due in 12 days", "Due today", "Overdue by 3 days"; far off, "Due by 4 June 2027", "Overdue since 26 January 2022". */
export function dueText(item: Pick<DueItem, 'daysLeft' | 'dueBy'>): string {
  const n = Math.abs(item.daysLeft)
  const days = `${n} day${n === 1 ? '' : 's'}`
  if (item.daysLeft === 0) return 'Due today'
  if (n > DAYS_IN_WORDS)
    return item.daysLeft > 0 ? `Due by ${formatDate(item.dueBy)}` : `Overdue since ${formatDate(item.dueBy)}`
  return item.daysLeft > 0 ? `Due in ${days}` : `Overdue by ${days}`
}
