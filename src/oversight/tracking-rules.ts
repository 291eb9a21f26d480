// How a Notice requirement, or a finding or recommendation from an inspection, visit or review, stands:
// one set of rules behind the compliance view, the findings lists, the CSVs, the overview's warnings, the
// self-assessment and the timeline. Pure: given the item, what is linked to it and today, it says.
//
// - A strength needs no action: it is "noted", never warned about.
// - Closed (met) is closed, whatever else is true.
// - Open with no linked action is a warning: for a finding or recommendation, no objective or milestone
//   answers it; for a requirement, nothing is offered as evidence at all.
// - Open past its due date is overdue.
// - Open with a linked milestone past its due date and not complete: the action answering it is late.
// - Open with every linked milestone complete: ready to close (the evidence still has to be written).
// - Closing needs evidence: a note saying what shows it is met, and at least one link (for a finding, an
//   objective or milestone that answered it).
import type { FindingKind } from '../db/database.js'

export const LINK_TARGET_TYPES = ['objective', 'milestone', 'report', 'meeting', 'evidence'] as const
export type LinkTargetType = (typeof LINK_TARGET_TYPES)[number]

/** What a requirement may be linked to (all of them) and what a finding may be (the actions answering it, and evidence). */
export const REQUIREMENT_TARGETS: readonly LinkTargetType[] = LINK_TARGET_TYPES
export const FINDING_TARGETS: readonly LinkTargetType[] = ['objective', 'milestone', 'evidence']
/** The targets that count as an action answering a finding. */
const ACTIONS: readonly LinkTargetType[] = ['objective', 'milestone']

export type TrackedKind = 'requirement' | FindingKind

export interface TrackedItem {
  kind: TrackedKind
  dueOn: string | null
  closedOn: string | null
}

export interface LinkedTarget {
  type: LinkTargetType
  /** For a milestone: its due date and completion; absent for the other types. */
  milestone?: { dueOn: string; completedOn: string | null }
}

export type TrackingState =
  'noted' | 'closed' | 'overdue' | 'no-action' | 'action-late' | 'ready-to-close' | 'in-progress'

export interface Tracking {
  /** The one state shown, most urgent first: closed, overdue, no linked action, action late, ready, in progress. */
  state: TrackingState
  /** Each warning that applies (an item can be both overdue and without a linked action). */
  overdue: boolean
  noAction: boolean
  actionLate: boolean
}

export const TRACKING_LABELS: Record<TrackingState, string> = {
  noted: 'Strength noted',
  closed: 'Closed',
  overdue: 'Overdue',
  'no-action': 'No linked action',
  'action-late': 'Linked action late',
  'ready-to-close': 'Ready to close',
  'in-progress': 'In progress',
}

/** GOV.UK tag colour classes for each state. */
export const TRACKING_TAGS: Record<TrackingState, string> = {
  noted: 'govuk-tag--grey',
  closed: 'govuk-tag--green',
  overdue: 'govuk-tag--red',
  'no-action': 'govuk-tag--orange',
  'action-late': 'govuk-tag--red',
  'ready-to-close': 'govuk-tag--turquoise',
  'in-progress': 'govuk-tag--blue',
}

/** A requirement is "Met" when closed, where a finding is "Closed". */
export function trackingLabel(kind: TrackedKind, state: TrackingState): string {
  if (kind === 'requirement' && state === 'closed') return 'Met'
  if (kind === 'requirement' && state === 'no-action') return 'No evidence linked'
  return TRACKING_LABELS[state]
}

function answers(kind: TrackedKind, link: LinkedTarget): boolean {
  return kind === 'requirement' || ACTIONS.includes(link.type)
}

export function tracking(item: TrackedItem, links: readonly LinkedTarget[], today: string): Tracking {
  if (item.kind === 'strength') return { state: 'noted', overdue: false, noAction: false, actionLate: false }
  if (item.closedOn !== null) return { state: 'closed', overdue: false, noAction: false, actionLate: false }
  const overdue = item.dueOn !== null && item.dueOn < today
  const noAction = !links.some((l) => answers(item.kind, l))
  const milestones = links.flatMap((l) => (l.milestone ? [l.milestone] : []))
  const actionLate = milestones.some((m) => m.completedOn === null && m.dueOn < today)
  const allDone = milestones.length > 0 && milestones.every((m) => m.completedOn !== null)
  const state: TrackingState = overdue
    ? 'overdue'
    : noAction
      ? 'no-action'
      : actionLate
        ? 'action-late'
        : allDone
          ? 'ready-to-close'
          : 'in-progress'
  return { state, overdue, noAction, actionLate }
}

/**
 * Why the item cannot be closed (met) as things stand: empty when it can. `note` is the evidence the
 * closer writes; `closedOn` the day it was met, which cannot be in the future.
 */
export function closeProblems(
  item: Pick<TrackedItem, 'kind'>,
  links: readonly LinkedTarget[],
  note: string,
  closedOn: string,
  today: string,
): string[] {
  const problems: string[] = []
  if (item.kind === 'strength') problems.push('A strength needs no action, so it is not closed')
  if (note.trim() === '') problems.push('Say what shows it is met: the evidence, in a sentence or two')
  if (!links.some((l) => answers(item.kind, l)))
    problems.push(
      item.kind === 'requirement'
        ? 'Link the evidence first: a plan item, report, Board meeting or evidence entry'
        : 'Link the objective or milestone that answered it first',
    )
  if (closedOn > today) problems.push('The day it was met cannot be in the future')
  return problems
}

/** Counts by state, for the overview and the self-assessment. */
export function trackingCounts(states: readonly TrackingState[]): Record<TrackingState, number> {
  const counts = Object.fromEntries(Object.keys(TRACKING_LABELS).map((k) => [k, 0])) as Record<TrackingState, number>
  for (const s of states) counts[s]++
  return counts
}
