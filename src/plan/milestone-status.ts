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

/** A milestone is overdue when its due date has passed and it is not complete. */
export function isOverdue(milestone: { status: MilestoneStatus; due_on: string }, today: string): boolean {
  return milestone.status !== 'complete' && milestone.due_on < today
}

export interface MilestoneSummary {
  total: number
  complete: number
  overdue: number
}

export function summariseMilestones(
  milestones: ReadonlyArray<{ status: MilestoneStatus; due_on: string }>,
  today: string,
): MilestoneSummary {
  return {
    total: milestones.length,
    complete: milestones.filter((m) => m.status === 'complete').length,
    overdue: milestones.filter((m) => isOverdue(m, today)).length,
  }
}
