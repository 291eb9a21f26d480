// How a quarterly report judges progress: delivery and impact rated apart, then an overall status that is
// never Green without current evidence of impact. Pure functions, written up in
// docs/decisions/0014-delivery-and-impact-ratings.md and unit-tested with hand-checked cases.
//
// Delivery (milestones, as at the quarter's end, from the plan as recorded then):
//   Red   - a milestone overdue by more than 90 days, or an open milestone off track
//   Amber - otherwise, a milestone overdue, or an open milestone at risk
//   Green - otherwise, when there is at least one milestone; Not rated - no milestones
// Impact: improving, no change, worsening or no evidence of impact yet (src/impact/impact-rules.ts).
// Overall: the worse of delivery and impact, impact counting Improving as Green, No change and No evidence
// of impact yet as Amber, Worsening as Red.
import { completeBy, overdueAt, type MilestoneFact } from '../plan/milestone-status.js'
import { daysBetween } from '../shared/calendar.js'
import {
  countedReason,
  type ImpactLevel,
  type ImpactResult,
  type ItemRef,
  type Reason,
} from '../impact/impact-rules.js'

export type { ItemRef, Reason } from '../impact/impact-rules.js'

export type Rag = 'red' | 'amber' | 'green' | 'not-rated'

export const RAG_LABELS: Record<Rag, string> = {
  red: 'Red: off track',
  amber: 'Amber: some concerns',
  green: 'Green: on track',
  'not-rated': 'Not rated',
}

/** What each impact level counts as in the overall status: only Improving lets it be Green. */
export const IMPACT_RAG: Record<ImpactLevel, Rag> = {
  improving: 'green',
  'no-change': 'amber',
  worsening: 'red',
  none: 'amber',
}

const ORDER: Record<Rag, number> = { 'not-rated': 0, green: 1, amber: 2, red: 3 }
const RED_OVERDUE_DAYS = 90

export interface RagResult {
  rag: Rag
  reasons: Reason[]
}

/** A milestone as the delivery rule sees it, with the reference its reasons point at. */
export interface MilestoneItem extends MilestoneFact {
  ref: ItemRef
}

export function worst(rags: Rag[]): Rag {
  return rags.reduce<Rag>((a, b) => (ORDER[b] > ORDER[a] ? b : a), 'not-rated')
}

export function rateDelivery(milestones: MilestoneItem[], asAt: string): RagResult {
  if (milestones.length === 0) return { rag: 'not-rated', reasons: [{ text: 'No milestones', items: [] }] }
  const refs = (list: MilestoneItem[]) => list.map((m) => m.ref)
  const open = milestones.filter((m) => !completeBy(m, asAt))
  const overdue = milestones.filter((m) => overdueAt(m, asAt))
  const longOverdue = overdue.filter((m) => daysBetween(m.due_on, asAt) > RED_OVERDUE_DAYS)
  const offTrack = open.filter((m) => m.status === 'off-track')
  const atRisk = open.filter((m) => m.status === 'at-risk')
  const red: Reason[] = []
  const amber: Reason[] = []
  if (longOverdue.length)
    red.push(
      countedReason(refs(longOverdue), 'milestone', 'milestones', `overdue by more than ${RED_OVERDUE_DAYS} days`),
    )
  const shortOverdue = overdue.filter((m) => !longOverdue.includes(m))
  if (shortOverdue.length) amber.push(countedReason(refs(shortOverdue), 'milestone', 'milestones', 'overdue'))
  if (offTrack.length) red.push(countedReason(refs(offTrack), 'milestone', 'milestones', 'off track'))
  if (atRisk.length) amber.push(countedReason(refs(atRisk), 'milestone', 'milestones', 'at risk'))
  if (red.length) return { rag: 'red', reasons: [...red, ...amber] }
  if (amber.length) return { rag: 'amber', reasons: amber }
  return { rag: 'green', reasons: [{ text: 'Milestones on time', items: [] }] }
}

/**
 * The overall status: the worse of delivery and impact, so Green only with milestones on time (or none)
 * and current evidence of improvement. Its reasons are those of each part that is Amber or Red.
 */
export function rateOverall(delivery: RagResult, impact: ImpactResult): RagResult {
  const impactRag = IMPACT_RAG[impact.level]
  const rag = worst([delivery.rag, impactRag])
  if (rag === 'green') {
    const text =
      delivery.rag === 'green'
        ? 'Milestones on time and current evidence of improvement'
        : 'Current evidence of improvement; no milestones to judge delivery by'
    return { rag, reasons: [{ text, items: [] }] }
  }
  const concern = (r: Rag) => r === 'red' || r === 'amber'
  return {
    rag,
    reasons: [...(concern(delivery.rag) ? delivery.reasons : []), ...(concern(impactRag) ? impact.concerns : [])],
  }
}
