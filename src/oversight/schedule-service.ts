// What is due next under each Notice or Direction in force, with the words to show: the one source of the
// oversight overview's "What is due" and of the warnings on the home pages.
import type { DbOrTx } from '../db/connect.js'
import type { Intervention } from '../db/database.js'
import { INTERVENTION_KIND_LABELS } from './event-kinds.js'
import { listEvents } from './event-repository.js'
import { dueBasis, dueWarning, type DueWarning } from './overview-rules.js'
import { listInterventions } from './overview-repository.js'
import { dueAfterDate, dueText, inForce, nextDue, type DueItem } from './schedule.js'

export interface ScheduledItem extends DueItem {
  dueText: string
  /** Said after the date: "due in 20 days". */
  afterDate: string
  basisText: string
  warningText: DueWarning | null
}

export interface InterventionSchedule {
  intervention: Intervention
  items: ScheduledItem[]
}

/** Each intervention in force with its next DfE review and monitoring visit. */
export async function councilSchedule(
  db: DbOrTx,
  organisationId: number,
  today: string,
): Promise<InterventionSchedule[]> {
  const [interventions, events] = await Promise.all([
    listInterventions(db, organisationId),
    listEvents(db, organisationId),
  ])
  const scheduleEvents = events.map((e) => ({ kind: e.kind, state: e.state, startsOn: e.starts_on }))
  return interventions
    .filter((i) => inForce(i, today))
    .map((intervention) => {
      const label = INTERVENTION_KIND_LABELS[intervention.kind]
      return {
        intervention,
        items: nextDue(intervention, scheduleEvents, today).map((item) => ({
          ...item,
          dueText: dueText(item),
          afterDate: dueAfterDate(item),
          basisText: dueBasis(item, { label, issuedOn: intervention.issued_on }),
          warningText: dueWarning(item),
        })),
      }
    })
}

/** Only what warns (due within six weeks, or overdue), soonest first: for the home pages. */
export async function dueWarnings(db: DbOrTx, organisationId: number, today: string): Promise<ScheduledItem[]> {
  return (await councilSchedule(db, organisationId, today))
    .flatMap((s) => s.items)
    .filter((item) => item.warning !== null)
    .sort((a, b) => a.daysLeft - b.daysLeft)
}
