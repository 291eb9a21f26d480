// Queries and changes for the improvement plan. Every change records an audit entry in the same transaction.
// Lookups by id always join up to the plan's council, so another council's id is simply "not found".
import { sql } from 'kysely'
import type { DbOrTx } from '../db/connect.js'
import type { ActiveStatus, Milestone, Objective, Strand, StrandHalf } from '../db/database.js'
import { recordAudit } from '../audit/audit-repository.js'
import type { MilestoneStatus } from './milestone-status.js'

export interface Actor {
  userId: number
  organisationId: number
}

export async function findCurrentPlan(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('plan')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('starts_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

export interface StrandWithLead extends Strand {
  lead_name: string | null
}

export interface PlanTree {
  strands: Array<StrandWithLead & { objectives: Array<Objective & { milestones: Milestone[] }> }>
}

/** The whole plan in display order, in three queries however large it is. */
export async function loadPlanTree(db: DbOrTx, planId: number): Promise<PlanTree> {
  const [strands, objectives, milestones] = await Promise.all([
    db
      .selectFrom('strand')
      .leftJoin('app_user', 'app_user.id', 'strand.lead_user_id')
      .selectAll('strand')
      .select('app_user.display_name as lead_name')
      .where('strand.plan_id', '=', planId)
      .orderBy('strand.half')
      .orderBy('strand.position')
      .execute(),
    db
      .selectFrom('objective')
      .innerJoin('strand', 'strand.id', 'objective.strand_id')
      .selectAll('objective')
      .where('strand.plan_id', '=', planId)
      .orderBy('objective.position')
      .execute(),
    db
      .selectFrom('milestone')
      .innerJoin('objective', 'objective.id', 'milestone.objective_id')
      .innerJoin('strand', 'strand.id', 'objective.strand_id')
      .selectAll('milestone')
      .where('strand.plan_id', '=', planId)
      .orderBy('milestone.position')
      .execute(),
  ])
  const milestonesByObjective = groupBy(milestones, (m) => m.objective_id)
  const objectivesByStrand = groupBy(
    objectives.map((o) => ({ ...o, milestones: milestonesByObjective.get(o.id) ?? [] })),
    (o) => o.strand_id,
  )
  return { strands: strands.map((s) => ({ ...s, objectives: objectivesByStrand.get(s.id) ?? [] })) }
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const map = new Map<K, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = map.get(k)
    if (list) list.push(item)
    else map.set(k, [item])
  }
  return map
}

export async function listMilestones(db: DbOrTx, objectiveId: number) {
  return db.selectFrom('milestone').selectAll().where('objective_id', '=', objectiveId).orderBy('position').execute()
}

/** A strand's objectives, each with its milestones. */
export async function listStrandObjectives(db: DbOrTx, strandId: number) {
  const [objectives, milestones] = await Promise.all([
    db.selectFrom('objective').selectAll().where('strand_id', '=', strandId).orderBy('position').execute(),
    db
      .selectFrom('milestone')
      .innerJoin('objective', 'objective.id', 'milestone.objective_id')
      .selectAll('milestone')
      .where('objective.strand_id', '=', strandId)
      .orderBy('milestone.position')
      .execute(),
  ])
  const byObjective = groupBy(milestones, (m) => m.objective_id)
  return objectives.map((o) => ({ ...o, milestones: byObjective.get(o.id) ?? [] }))
}

export async function findStrand(db: DbOrTx, organisationId: number, strandId: number) {
  return db
    .selectFrom('strand')
    .innerJoin('plan', 'plan.id', 'strand.plan_id')
    .leftJoin('app_user', 'app_user.id', 'strand.lead_user_id')
    .selectAll('strand')
    .select('app_user.display_name as lead_name')
    .where('plan.organisation_id', '=', organisationId)
    .where('strand.id', '=', strandId)
    .executeTakeFirst()
}

export async function findObjective(db: DbOrTx, organisationId: number, objectiveId: number) {
  return db
    .selectFrom('objective')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .innerJoin('plan', 'plan.id', 'strand.plan_id')
    .selectAll('objective')
    .select(['strand.code as strand_code', 'strand.title as strand_title', 'strand.lead_user_id'])
    .where('plan.organisation_id', '=', organisationId)
    .where('objective.id', '=', objectiveId)
    .executeTakeFirst()
}

export async function findMilestone(db: DbOrTx, organisationId: number, milestoneId: number) {
  return db
    .selectFrom('milestone')
    .innerJoin('objective', 'objective.id', 'milestone.objective_id')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .innerJoin('plan', 'plan.id', 'strand.plan_id')
    .selectAll('milestone')
    .select([
      'objective.title as objective_title',
      'strand.id as strand_id',
      'strand.code as strand_code',
      'strand.title as strand_title',
      'strand.lead_user_id',
    ])
    .where('plan.organisation_id', '=', organisationId)
    .where('milestone.id', '=', milestoneId)
    .executeTakeFirst()
}

export async function listObjectiveUpdates(db: DbOrTx, objectiveId: number) {
  return db
    .selectFrom('objective_update')
    .leftJoin('app_user', 'app_user.id', 'objective_update.author_user_id')
    .selectAll('objective_update')
    .select('app_user.display_name as author_name')
    .where('objective_update.objective_id', '=', objectiveId)
    .orderBy('objective_update.created_at', 'desc')
    .orderBy('objective_update.id', 'desc')
    .execute()
}

/** People in the council who can be named as a strand's lead. */
export async function listPossibleLeads(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select(['app_user.id', 'app_user.display_name', 'membership.role'])
    .where('membership.organisation_id', '=', organisationId)
    .where('membership.role', 'in', ['strand-lead', 'improvement-team', 'leader', 'admin'])
    .where('app_user.active', '=', true)
    .orderBy('app_user.display_name')
    .execute()
}

async function nextPosition(db: DbOrTx, table: 'strand' | 'objective' | 'milestone', parent: string, parentId: number) {
  const row = await sql<{ next: number }>`
    select coalesce(max(position), 0) + 1 as next from ${sql.table(table)} where ${sql.ref(parent)} = ${parentId}
  `.execute(db)
  return Number(row.rows[0]?.next ?? 1)
}

// ---------- strands ----------

export interface StrandInput {
  code: string
  half: StrandHalf
  title: string
  leadTitle: string
  leadUserId: number | null
}

export async function strandCodeTaken(db: DbOrTx, planId: number, code: string, exceptId?: number) {
  let q = db
    .selectFrom('strand')
    .select('id')
    .where('plan_id', '=', planId)
    .where(sql`lower(code)`, '=', code.toLowerCase())
  if (exceptId) q = q.where('id', '!=', exceptId)
  return (await q.executeTakeFirst()) !== undefined
}

export async function createStrand(db: DbOrTx, actor: Actor, planId: number, input: StrandInput) {
  const strand = await db
    .insertInto('strand')
    .values({
      plan_id: planId,
      code: input.code,
      half: input.half,
      title: input.title,
      lead_title: input.leadTitle,
      lead_user_id: input.leadUserId,
      position: await nextPosition(db, 'strand', 'plan_id', planId),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    db,
    actor,
    'strand',
    strand.id,
    'create',
    `Added strand ${strand.code} ${strand.title}`,
    undefined,
    strand,
  )
  return strand
}

export async function updateStrand(db: DbOrTx, actor: Actor, before: Strand, input: StrandInput) {
  const after = await db
    .updateTable('strand')
    .set({
      code: input.code,
      half: input.half,
      title: input.title,
      lead_title: input.leadTitle,
      lead_user_id: input.leadUserId,
      updated_at: new Date(),
    })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    db,
    actor,
    'strand',
    before.id,
    'update',
    `Edited strand ${after.code} ${after.title}`,
    pick(before, after),
    after,
  )
  return after
}

export function setStrandStatus(db: DbOrTx, actor: Actor, before: Strand, status: ActiveStatus, today: string) {
  return setActiveStatus(db, actor, 'strand', before, status, today, `strand ${before.code} ${before.title}`)
}

// ---------- objectives ----------

export interface ObjectiveInput {
  title: string
  description: string
}

export async function createObjective(db: DbOrTx, actor: Actor, strandId: number, input: ObjectiveInput) {
  const objective = await db
    .insertInto('objective')
    .values({
      strand_id: strandId,
      title: input.title,
      description: input.description,
      position: await nextPosition(db, 'objective', 'strand_id', strandId),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    db,
    actor,
    'objective',
    objective.id,
    'create',
    `Added objective ${objective.title}`,
    undefined,
    objective,
  )
  return objective
}

export async function updateObjective(db: DbOrTx, actor: Actor, before: Objective, input: ObjectiveInput) {
  const after = await db
    .updateTable('objective')
    .set({ title: input.title, description: input.description, updated_at: new Date() })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    db,
    actor,
    'objective',
    before.id,
    'update',
    `Edited objective ${after.title}`,
    pick(before, after),
    after,
  )
  return after
}

export function setObjectiveStatus(db: DbOrTx, actor: Actor, before: Objective, status: ActiveStatus, today: string) {
  return setActiveStatus(db, actor, 'objective', before, status, today, `objective ${before.title}`)
}

/** Retire or reinstate a strand or objective: retired items stay in the plan's history, out of the way. */
async function setActiveStatus<T extends Strand | Objective>(
  db: DbOrTx,
  actor: Actor,
  table: 'strand' | 'objective',
  before: T,
  status: ActiveStatus,
  today: string,
  label: string,
): Promise<T> {
  const after = (await db
    .updateTable(table)
    .set({ status, retired_on: status === 'retired' ? today : null, updated_at: new Date() })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow()) as T
  const verb = status === 'retired' ? 'Retired' : 'Reinstated'
  await audit(db, actor, table, before.id, 'update', `${verb} ${label}`, pick(before, after), after)
  return after
}

export async function addObjectiveUpdate(db: DbOrTx, actor: Actor, objectiveId: number, body: string) {
  const update = await db
    .insertInto('objective_update')
    .values({ objective_id: objectiveId, body, author_user_id: actor.userId })
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    db,
    actor,
    'objective_update',
    update.id,
    'create',
    `Progress update on objective ${objectiveId}`,
    undefined,
    update,
  )
  return update
}

// ---------- milestones ----------

export interface MilestoneInput {
  title: string
  owner: string
  dueOn: string
  status: MilestoneStatus
  completedOn: string | null
  evidence: string
}

export async function createMilestone(db: DbOrTx, actor: Actor, objectiveId: number, input: MilestoneInput) {
  const milestone = await db
    .insertInto('milestone')
    .values({
      objective_id: objectiveId,
      title: input.title,
      owner: input.owner,
      due_on: input.dueOn,
      status: input.status,
      completed_on: input.completedOn,
      evidence: input.evidence,
      position: await nextPosition(db, 'milestone', 'objective_id', objectiveId),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    db,
    actor,
    'milestone',
    milestone.id,
    'create',
    `Added milestone ${milestone.title}`,
    undefined,
    milestone,
  )
  return milestone
}

export async function updateMilestone(db: DbOrTx, actor: Actor, before: Milestone, input: MilestoneInput) {
  const after = await db
    .updateTable('milestone')
    .set({
      title: input.title,
      owner: input.owner,
      due_on: input.dueOn,
      status: input.status,
      completed_on: input.completedOn,
      evidence: input.evidence,
      updated_at: new Date(),
    })
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow()
  await audit(
    db,
    actor,
    'milestone',
    before.id,
    'update',
    `Updated milestone ${after.title}`,
    pick(before, after),
    after,
  )
  return after
}

export async function deleteMilestone(db: DbOrTx, actor: Actor, before: Milestone) {
  await db.deleteFrom('milestone').where('id', '=', before.id).execute()
  await audit(
    db,
    actor,
    'milestone',
    before.id,
    'delete',
    `Deleted milestone ${before.title}`,
    pick(before, before),
    undefined,
  )
}

// ---------- ordering ----------

const SIBLINGS = {
  strand: { parent: 'plan_id', alsoMatch: 'half' },
  objective: { parent: 'strand_id', alsoMatch: undefined },
  milestone: { parent: 'objective_id', alsoMatch: undefined },
} as const

/**
 * Swap an item with its neighbour above or below among its siblings (strands: within the same half).
 * Returns false when it is already first or last.
 */
export async function move(
  db: DbOrTx,
  actor: Actor,
  table: keyof typeof SIBLINGS,
  item: { id: number; position: number; title: string } & Record<string, unknown>,
  direction: 'up' | 'down',
): Promise<boolean> {
  const { parent, alsoMatch } = SIBLINGS[table]
  const siblings = await sql<{ id: number; position: number }>`
    select id, position from ${sql.table(table)}
    where ${sql.ref(parent)} = ${item[parent] as number}
    ${alsoMatch ? sql`and ${sql.ref(alsoMatch)} = ${item[alsoMatch] as string}` : sql``}
    order by position, id
  `.execute(db)
  const list = siblings.rows
  const index = list.findIndex((s) => s.id === item.id)
  const neighbour = list[direction === 'up' ? index - 1 : index + 1]
  const current = list[index]
  if (index < 0 || !neighbour || !current) return false
  // Renumber the whole sibling list so equal or gapped positions can never stick.
  const reordered = [...list]
  reordered[index] = neighbour
  reordered[direction === 'up' ? index - 1 : index + 1] = current
  for (const [i, s] of reordered.entries()) {
    if (s.position !== i + 1) {
      await sql`update ${sql.table(table)} set position = ${i + 1} where id = ${s.id}`.execute(db)
    }
  }
  await audit(
    db,
    actor,
    table,
    item.id,
    'update',
    `Moved ${table} ${item.title} ${direction}`,
    { position: index + 1 },
    {
      position: direction === 'up' ? index : index + 2,
    },
  )
  return true
}

// ---------- helpers ----------

function audit(
  db: DbOrTx,
  actor: Actor,
  entityType: string,
  entityId: number,
  action: 'create' | 'update' | 'delete',
  summary: string,
  before: unknown,
  after: unknown,
) {
  return recordAudit(db, {
    organisationId: actor.organisationId,
    userId: actor.userId,
    entityType,
    entityId,
    action,
    summary,
    before,
    after,
  })
}

/** The fields of `before` that a row has, so joined extras (e.g. strand_code) do not enter the audit. */
function pick<T extends object>(before: T, shape: object): Partial<T> {
  return Object.fromEntries(Object.entries(before).filter(([k]) => k in shape)) as Partial<T>
}
