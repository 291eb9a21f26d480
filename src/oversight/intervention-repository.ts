// Notices and Directions and their numbered requirements: read within the council (another council's id is
// simply not found) and changed with an audit entry in the same transaction.
import { sql } from 'kysely'
import type { DbOrTx, Tx } from '../db/connect.js'
import type { Intervention, InterventionKind, InterventionRequirement, OverseerRole } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'

export interface InterventionInput {
  kind: InterventionKind
  title: string
  issued_on: string
  issued_by: string
  overseer_role: OverseerRole
  review_interval_months: number
  monitoring_interval_months: number | null
  summary: string
  ended_on: string | null
  ended_note: string
}

export interface RequirementInput {
  paragraph: string
  title: string
  due_on: string | null
}

export async function findIntervention(
  db: DbOrTx,
  organisationId: number,
  interventionId: number,
): Promise<Intervention | undefined> {
  return db
    .selectFrom('intervention')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', interventionId)
    .executeTakeFirst()
}

export async function createIntervention(trx: Tx, actor: Actor, input: InterventionInput): Promise<Intervention> {
  const row = await trx
    .insertInto('intervention')
    .values({ organisation_id: actor.organisationId, created_by: actor.userId, ...input })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'intervention',
    entityId: row.id,
    action: 'create',
    summary: `Recorded ${row.title}`,
    after: row,
  })
  return row
}

export async function updateIntervention(
  trx: Tx,
  actor: Actor,
  before: Intervention,
  input: InterventionInput,
): Promise<Intervention> {
  const after = await trx
    .updateTable('intervention')
    .set({ ...input, updated_at: new Date() })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'intervention',
    entityId: before.id,
    action: 'update',
    summary: `Changed ${after.title}`,
    before,
    after,
  })
  return after
}

/** The intervention's requirements in the order the Notice lists them. */
export async function listRequirements(db: DbOrTx, interventionId: number): Promise<InterventionRequirement[]> {
  return db
    .selectFrom('intervention_requirement')
    .selectAll()
    .where('intervention_id', '=', interventionId)
    .orderBy('position')
    .orderBy('id')
    .execute()
}

/** A requirement with what its pages show of its intervention and who marked it met; within the council. */
export async function findRequirement(db: DbOrTx, organisationId: number, requirementId: number) {
  return db
    .selectFrom('intervention_requirement as q')
    .innerJoin('intervention as i', 'i.id', 'q.intervention_id')
    .leftJoin('app_user as u', 'u.id', 'q.closed_by')
    .selectAll('q')
    .select([
      'i.title as intervention_title',
      'i.kind as intervention_kind',
      'i.organisation_id',
      'u.display_name as closed_by_name',
    ])
    .where('i.organisation_id', '=', organisationId)
    .where('q.id', '=', requirementId)
    .executeTakeFirst()
}

export type RequirementWithIntervention = NonNullable<Awaited<ReturnType<typeof findRequirement>>>

/** The requirement's own columns, without what findRequirement adds: what the audit trail records. */
export function requirementRow(r: RequirementWithIntervention | InterventionRequirement): InterventionRequirement {
  return {
    id: r.id,
    intervention_id: r.intervention_id,
    paragraph: r.paragraph,
    title: r.title,
    due_on: r.due_on,
    position: r.position,
    closed_on: r.closed_on,
    closure_note: r.closure_note,
    closed_by: r.closed_by,
    created_at: r.created_at,
    updated_at: r.updated_at,
  }
}

/** Whether another requirement of the intervention has this paragraph number (ignoring case: "5B" is "5b"). */
export async function paragraphTaken(db: DbOrTx, interventionId: number, paragraph: string, exceptId?: number) {
  let q = db
    .selectFrom('intervention_requirement')
    .select('id')
    .where('intervention_id', '=', interventionId)
    .where(sql<string>`lower(paragraph)`, '=', paragraph.toLowerCase())
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId)
  return (await q.executeTakeFirst()) !== undefined
}

export async function createRequirement(
  trx: Tx,
  actor: Actor,
  intervention: Intervention,
  input: RequirementInput,
): Promise<InterventionRequirement> {
  const last = await trx
    .selectFrom('intervention_requirement')
    .select(sql<number>`coalesce(max(position), 0)`.as('position'))
    .where('intervention_id', '=', intervention.id)
    .executeTakeFirstOrThrow()
  const row = await trx
    .insertInto('intervention_requirement')
    .values({ intervention_id: intervention.id, position: Number(last.position) + 1, ...input })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'requirement',
    entityId: row.id,
    action: 'create',
    summary: `Added paragraph ${row.paragraph} to ${intervention.title}: ${row.title}`,
    after: row,
  })
  return row
}

export async function updateRequirement(
  trx: Tx,
  actor: Actor,
  current: RequirementWithIntervention | InterventionRequirement,
  input: RequirementInput,
): Promise<InterventionRequirement> {
  const before = requirementRow(current)
  const after = await trx
    .updateTable('intervention_requirement')
    .set({ ...input, updated_at: new Date() })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'requirement',
    entityId: before.id,
    action: 'update',
    summary: `Changed paragraph ${after.paragraph}: ${after.title}`,
    before,
    after,
  })
  return after
}

/** The inspections, visits and reviews recorded against the intervention, latest first. */
export async function listInterventionEvents(db: DbOrTx, organisationId: number, interventionId: number) {
  return db
    .selectFrom('oversight_event')
    .select(['id', 'kind', 'title', 'state', 'starts_on', 'ends_on'])
    .where('organisation_id', '=', organisationId)
    .where('intervention_id', '=', interventionId)
    .orderBy('starts_on', 'desc')
    .orderBy('id', 'desc')
    .execute()
}
