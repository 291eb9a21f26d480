// The live plan as CSV: one row per milestone, with its strand and objective and whether it is overdue.
import { toCsv } from '../shared/csv.js'
import { overdueAt, MILESTONE_STATUS_LABELS } from './milestone-status.js'
import type { PlanTree } from './plan-repository.js'

export function planCsv(tree: PlanTree, today: string): string {
  const rows = tree.strands.flatMap((s) =>
    s.objectives.flatMap((o) =>
      (o.milestones.length ? o.milestones : [null]).map((m) => [
        s.half,
        s.code,
        s.title,
        s.status,
        s.lead_title,
        o.title,
        o.status,
        m?.title ?? '',
        m?.owner ?? '',
        m?.due_on ?? '',
        m ? MILESTONE_STATUS_LABELS[m.status] : '',
        m?.completed_on ?? '',
        m ? (overdueAt(m, today) ? 'yes' : 'no') : '',
        m?.evidence ?? '',
      ]),
    ),
  )
  return toCsv(
    [
      'half',
      'strand_code',
      'strand',
      'strand_status',
      'strand_lead',
      'objective',
      'objective_status',
      'milestone',
      'owner',
      'due_on',
      'status',
      'completed_on',
      'overdue',
      'evidence',
    ],
    rows,
  )
}
