// What the oversight overview reads beyond events and findings: the council's Notices and Directions and
// the tracking facts of their requirements. Scoped to the council.
import type { DbOrTx } from '../db/connect.js'

/** The council's Notices and Directions, newest first. */
export async function listInterventions(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('intervention')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('issued_on', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** Every requirement of the council's interventions, with what the tracking rules need. */
export async function listRequirementFacts(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('intervention_requirement as q')
    .innerJoin('intervention as i', 'i.id', 'q.intervention_id')
    .select(['q.id', 'q.intervention_id', 'q.due_on', 'q.closed_on'])
    .where('i.organisation_id', '=', organisationId)
    .orderBy('q.intervention_id')
    .orderBy('q.position')
    .execute()
}
