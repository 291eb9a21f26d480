// A milestone's status: what its owner reported, and whether it is complete or overdue on a date. The one
// home of "overdue", used by the plan's pages, the CSV and every report.
import type { MilestoneStatus } from '../db/database.js'

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  'not-started': 'Not started',
  'on-track': 'On track',
  'at-risk': 'At risk',
  'off-track': 'Off track',
  complete: 'Complete',
}

/** GOV.UK tag colour for each status; the text is always shown with it. */
export const MILESTONE_STATUS_TAG_CLASSES: Record<MilestoneStatus, string> = {
  'not-started': 'govuk-tag--grey',
  'on-track': 'govuk-tag--green',
  'at-risk': 'govuk-tag--yellow',
  'off-track': 'govuk-tag--red',
  complete: 'govuk-tag--blue',
}

export interface MilestoneFact {
  status: MilestoneStatus
  due_on: string
  completed_on: string | null
}

/** Complete on a date: completed on or before it (a completion recorded later does not count). */
export function completeBy(m: Pick<MilestoneFact, 'completed_on'>, date: string): boolean {
  return m.completed_on !== null && m.completed_on <= date
}

/** Overdue on a date: due before it and not complete by then. Due on the day itself is not yet overdue. */
export function overdueAt(m: MilestoneFact, date: string): boolean {
  return !completeBy(m, date) && m.due_on < date
}

/**
 * The status to show on a date, in words: "Complete", "Overdue; last reported on track", or what the
 * owner last reported. An overdue milestone never reads as simply on track.
 */
export function statusText(m: MilestoneFact, date: string): string {
  if (completeBy(m, date)) return MILESTONE_STATUS_LABELS.complete
  const reported = MILESTONE_STATUS_LABELS[m.status === 'complete' ? 'on-track' : m.status]
  return overdueAt(m, date) ? `Overdue; last reported ${reported.toLowerCase()}` : reported
}

/**
 * The day a plan's milestones are judged on: `date`, or the day the plan closed if that was earlier. A closed
 * plan raises no new overdue items: what was overdue when it closed stays so, counted to the closing day.
 */
export function judgedOn(date: string, closedOn: string | null | undefined): string {
  return closedOn && closedOn < date ? closedOn : date
}

export interface MilestoneSummary {
  total: number
  complete: number
  overdue: number
}

export function summariseMilestones(milestones: ReadonlyArray<MilestoneFact>, today: string): MilestoneSummary {
  return {
    total: milestones.length,
    complete: milestones.filter((m) => completeBy(m, today)).length,
    overdue: milestones.filter((m) => overdueAt(m, today)).length,
  }
}
