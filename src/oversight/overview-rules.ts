// The words and counts of the oversight overview: why a review or visit is due when it is, the warning to
// show as one comes close, and the tallies of requirements and findings. Pure.
import { formatDate } from '../shared/dates.js'
import { dueText, type DueItem } from './schedule.js'
import type { Tracking, TrackedKind } from './tracking-rules.js'

const months = (n: number) => `${n} month${n === 1 ? '' : 's'}`

/** Why it is due then: "Planned", "6 months after the review on 14 May 2019", "... after the Notice was issued on ...". */
export function dueBasis(
  item: Pick<DueItem, 'kind' | 'basis' | 'lastHeldOn' | 'intervalMonths'>,
  intervention: { label: string; issuedOn: string },
): string {
  if (item.basis === 'planned') return 'Planned'
  const after = months(item.intervalMonths) + ' after'
  if (item.lastHeldOn === null)
    return `${after} the ${intervention.label} was issued on ${formatDate(intervention.issuedOn)}`
  const last = item.kind === 'dfe-review' ? 'the review' : 'the last visit or inspection'
  return `${after} ${last} on ${formatDate(item.lastHeldOn)}`
}

export interface DueWarning {
  text: string
  /** Where to act on it: the self-assessments before a review, the findings before a visit. */
  action: 'self-assessments' | 'findings'
  actionText: string
}

/** The warning to show for an item due soon or overdue, or null. */
export function dueWarning(
  item: Pick<DueItem, 'kind' | 'label' | 'daysLeft' | 'dueBy' | 'warning'>,
): DueWarning | null {
  if (item.warning === null) return null
  const when = dueText(item)
  const verb = when.startsWith('Overdue since') ? 'has been' : 'is'
  const lead = `The next ${item.label} ${verb} ${when.charAt(0).toLowerCase()}${when.slice(1)}`
  return item.kind === 'dfe-review'
    ? { text: `${lead}: prepare the self-assessment`, action: 'self-assessments', actionText: 'Self-assessments' }
    : {
        text: `${lead}: check each finding from the last visit has a linked action`,
        action: 'findings',
        actionText: 'Inspections, visits and reviews',
      }
}

export interface FindingCounts {
  open: number
  noAction: number
  overdue: number
  closed: number
}

/** Tallies of findings and recommendations (strengths need no action and are not counted). */
export function findingCounts(items: ReadonlyArray<{ kind: TrackedKind; tracking: Tracking }>): FindingCounts {
  const counts: FindingCounts = { open: 0, noAction: 0, overdue: 0, closed: 0 }
  for (const { kind, tracking } of items) {
    if (kind === 'strength') continue
    if (tracking.state === 'closed') {
      counts.closed++
      continue
    }
    counts.open++
    if (tracking.noAction) counts.noAction++
    if (tracking.overdue) counts.overdue++
  }
  return counts
}

export interface RequirementCounts {
  total: number
  met: number
  overdue: number
  noEvidence: number
}

/** Tallies of an intervention's requirements: met, overdue, and open with no evidence linked. */
export function requirementCounts(trackings: readonly Tracking[]): RequirementCounts {
  return {
    total: trackings.length,
    met: trackings.filter((t) => t.state === 'closed').length,
    overdue: trackings.filter((t) => t.overdue).length,
    noEvidence: trackings.filter((t) => t.noAction).length,
  }
}
