// A report's statuses and reasons in plain words, for the exports that cannot link (Word, Excel). The
// page and the print view render the same fields with links to the items.
import { RAG_LABELS } from './status-rules.js'
import { IMPACT_LABELS } from '../impact/impact-rules.js'
import type { MilestoneRow, Rated, ReportCover, ReportObjective } from './report-snapshot.js'

type Reasons = Rated['derived']['reasons']

/** "1 milestone at risk: Go live; 1 source of evidence worsening: Re-referrals". */
export function reasonsText(reasons: Reasons): string {
  return reasons
    .map((r) => (r.items.length ? `${r.text}: ${r.items.map((i) => i.label).join(', ')}` : r.text))
    .join('; ')
}

/** "Amber: some concerns (set by hand: ...)". */
export function overallText(status: Rated): string {
  return RAG_LABELS[status.rag] + (status.override ? ` (set by hand: ${status.override.reason})` : '')
}

/** "Delivery Green: on track; impact No evidence of impact yet", or empty for reports that did not rate them apart. */
export function partsText(status: Rated): string {
  const parts = [
    status.delivery ? `delivery ${RAG_LABELS[status.delivery.rag]}` : '',
    status.impact ? `impact ${IMPACT_LABELS[status.impact.level]}` : '',
  ].filter(Boolean)
  const text = parts.join('; ')
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/**
 * An objective's milestones as the report lists them, each milestone once: those behind the delivery
 * rating first (they carry the anchors reasons link to), then overdue, due in the quarter and completed,
 * each list without what an earlier one showed. Empty lists are left out.
 */
export function objectiveMilestoneLists(
  o: Pick<ReportObjective, 'attention' | 'overdue' | 'dueInQuarter' | 'completed'>,
): Array<{ key: string; caption: string; milestones: MilestoneRow[]; anchors: boolean }> {
  const shown = new Set<number>()
  const lists = [
    {
      key: 'attention',
      caption: 'Behind the delivery rating: open milestones overdue, off track or at risk',
      list: o.attention,
    },
    { key: 'overdue', caption: 'Overdue at the quarter end', list: o.overdue },
    { key: 'due', caption: 'Due in the quarter', list: o.dueInQuarter },
    { key: 'completed', caption: 'Completed in the quarter', list: o.completed },
  ]
  return lists
    .map(({ key, caption, list }) => {
      // A milestone from a report published before milestones had ids (id 0) is never taken for another.
      const milestones = list.filter((m) => m.id === 0 || !shown.has(m.id))
      for (const m of milestones) shown.add(m.id)
      return { key, caption, milestones, anchors: key === 'attention' }
    })
    .filter((l) => l.milestones.length > 0)
}

/** What a board paper is for, as its cover says it. */
export const PURPOSE_LABELS: Record<ReportCover['purpose'], string> = {
  decision: 'For decision',
  assurance: 'For assurance',
  information: 'For information',
}
