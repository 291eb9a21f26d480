// How a quarterly report judges progress. Pure functions, documented in
// docs/decisions/0006-report-status-rules.md and unit-tested with hand-checked cases.
//
// A milestone, as at the end of the quarter:
//   complete  - completed on or before the quarter end
//   overdue   - due on or before the quarter end and not complete by then
//   (its at-risk / off-track flag is the one recorded now: the plan keeps no history of those flags)
// An objective (or a strand, over its own measures and all its active objectives) is:
//   Red   - any milestone overdue by more than 90 days, or any open milestone off track, or any linked
//           measure whose latest variation is special cause concern AND consistently failing its target
//   Amber - otherwise, any milestone overdue, or any open milestone at risk, or any linked measure with
//           special cause concern or consistently failing its target
//   Green - otherwise, when there is at least one milestone or measure to judge by
//   Not rated - nothing to judge by
// A strand is the worst of its objectives and its own linked measures.
import type { Assurance, Variation } from '../measures/spc.js'
import type { MilestoneStatus } from '../db/database.js'
import { daysBetween } from '../shared/calendar.js'

export type Rag = 'red' | 'amber' | 'green' | 'not-rated'

export const RAG_LABELS: Record<Rag, string> = {
  red: 'Red: off track',
  amber: 'Amber: some concerns',
  green: 'Green: on track',
  'not-rated': 'Not rated',
}

const ORDER: Record<Rag, number> = { 'not-rated': 0, green: 1, amber: 2, red: 3 }
const RED_OVERDUE_DAYS = 90

export interface MilestoneFact {
  status: MilestoneStatus
  due_on: string
  completed_on: string | null
}

export interface MeasureFact {
  variation: Variation
  assurance: Assurance
}

export interface RagResult {
  rag: Rag
  /** Why, in words: every reason that applied. */
  reasons: string[]
}

export function completeBy(m: MilestoneFact, asAt: string): boolean {
  return m.completed_on !== null && m.completed_on <= asAt
}

export function overdueAt(m: MilestoneFact, asAt: string): boolean {
  return !completeBy(m, asAt) && m.due_on <= asAt
}

export function worst(rags: Rag[]): Rag {
  return rags.reduce<Rag>((a, b) => (ORDER[b] > ORDER[a] ? b : a), 'not-rated')
}

export function rateProgress(milestones: MilestoneFact[], measures: MeasureFact[], asAt: string): RagResult {
  if (milestones.length === 0 && measures.length === 0)
    return { rag: 'not-rated', reasons: ['No milestones or measures'] }
  const red: string[] = []
  const amber: string[] = []
  const open = milestones.filter((m) => !completeBy(m, asAt))
  const overdue = milestones.filter((m) => overdueAt(m, asAt))
  const longOverdue = overdue.filter((m) => daysBetween(m.due_on, asAt) > RED_OVERDUE_DAYS)
  if (longOverdue.length)
    red.push(
      `${longOverdue.length} ${plural(longOverdue.length, 'milestone')} overdue by more than ${RED_OVERDUE_DAYS} days`,
    )
  else if (overdue.length) amber.push(`${overdue.length} ${plural(overdue.length, 'milestone')} overdue`)
  const offTrack = open.filter((m) => m.status === 'off-track').length
  if (offTrack) red.push(`${offTrack} ${plural(offTrack, 'milestone')} off track`)
  const atRisk = open.filter((m) => m.status === 'at-risk').length
  if (atRisk) amber.push(`${atRisk} ${plural(atRisk, 'milestone')} at risk`)
  const concernAndFailing = measures.filter(
    (m) => m.variation === 'special-cause-concern' && m.assurance === 'consistently-failing',
  ).length
  if (concernAndFailing)
    red.push(
      `${concernAndFailing} ${plural(concernAndFailing, 'measure')} worsening and consistently failing the target`,
    )
  const concern = measures.filter((m) => m.variation === 'special-cause-concern').length - concernAndFailing
  if (concern > 0) amber.push(`${concern} ${plural(concern, 'measure')} showing special cause concern`)
  const failing = measures.filter(
    (m) => m.assurance === 'consistently-failing' && m.variation !== 'special-cause-concern',
  ).length
  if (failing) amber.push(`${failing} ${plural(failing, 'measure')} consistently failing the target`)
  if (red.length) return { rag: 'red', reasons: [...red, ...amber] }
  if (amber.length) return { rag: 'amber', reasons: amber }
  return { rag: 'green', reasons: ['Milestones on time and no measure of concern'] }
}

/**
 * A strand: the worst of its objectives' statuses and of its own linked measures. The reasons name the
 * objectives at that status, and the strand's own measures when they decide it.
 */
export function rateStrand(
  objectives: Array<{ title: string; rag: Rag }>,
  ownMeasures: MeasureFact[],
  asAt: string,
): RagResult {
  const own = rateProgress([], ownMeasures, asAt)
  const rag = worst([own.rag, ...objectives.map((o) => o.rag)])
  const reasons = [
    ...objectives.filter((o) => o.rag === rag && rag !== 'green').map((o) => `Objective "${o.title}" is ${o.rag}`),
    ...(own.rag === rag && rag !== 'not-rated' && rag !== 'green' ? own.reasons : []),
  ]
  if (reasons.length) return { rag, reasons }
  return { rag, reasons: [rag === 'green' ? 'All objectives green' : 'Nothing to judge by'] }
}

function plural(n: number, word: string) {
  return n === 1 ? word : `${word}s`
}
