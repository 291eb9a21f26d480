// The live plan as CSV: one row per milestone, with its strand and objective, whether it is overdue, and who
// owns each (as the pages show it: "Name, role label", or "Unassigned (was: role label)").
import { toCsv } from '../shared/csv.js'
import { describeOwner, leadOf, ownerOf, type OwnerChoices } from '../accounts/owners.js'
import { overdueAt, MILESTONE_STATUS_LABELS } from './milestone-status.js'
import type { PlanTree } from './plan-repository.js'

export function planCsv(tree: PlanTree, today: string, choices: OwnerChoices): string {
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
        describeOwner(leadOf(s), s.lead_title, choices),
        describeOwner(ownerOf(o), o.owner, choices),
        m ? describeOwner(ownerOf(m), m.owner, choices) : '',
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
      'strand_led_by',
      'objective_owned_by',
      'milestone_owned_by',
    ],
    rows,
  )
}
