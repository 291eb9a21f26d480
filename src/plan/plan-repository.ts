// Queries and changes for the improvement plan. Every change records an audit entry in the same transaction.
// Lookups by id always join up to the plan's council, so another council's id is simply "not found".
import { sql, type Insertable, type Updateable } from 'kysely'
import type { DbOrTx, Tx } from '../db/connect.js'
import { EditConflictError, stillAt } from '../db/errors.js'
import type {
  ActiveStatus,
  Database,
  Milestone,
  MilestoneStatus,
  Objective,
  Strand,
  StrandHalf,
} from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { leadColumns, leadOf, ownerColumns, ownerForAudit, ownerOf, type Owner } from '../accounts/owners.js'
import { assertOwnerInCouncil } from '../accounts/owner-repository.js'
import { planIdOf, recordPlanItems } from './plan-history-repository.js'
import type { PlanTree } from './plan-tree.js'

export type { PlanTree, StrandWithLead } from './plan-tree.js'

export async function findCurrentPlan(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('plan')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('starts_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/**
 * The objectives evidence may be linked to: the active objectives of the active strands of the council's current
 * plan, in plan order, each with its strand.
 */
export async function listLinkableObjectives(db: DbOrTx, organisationId: number) {
  const plan = await findCurrentPlan(db, organisationId)
  if (!plan) return []
  return db
    .selectFrom('objective')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .select(['objective.id', 'objective.title', 'strand.code as strand_code', 'strand.title as strand_title'])
    .where('strand.plan_id', '=', plan.id)
    .where('strand.status', '=', 'active')
    .where('objective.status', '=', 'active')
    .orderBy('strand.half')
    .orderBy('strand.position')
    .orderBy('objective.position')
    .execute()
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
    .select(['app_user.display_name as lead_name', 'plan.closed_on as plan_closed_on'])
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
    .select([
      'strand.code as strand_code',
      'strand.title as strand_title',
      'strand.lead_user_id',
      'plan.closed_on as plan_closed_on',
      'plan.title as plan_title',
    ])
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

// ---------- changes: one create, one update and one move for strands, objectives and milestones ----------

export interface PlanItems {
  strand: Strand
  objective: Objective
  milestone: Milestone
}
export type PlanItem = keyof PlanItems

/** Each item's parent column (its siblings share it) and how the audit trail names it. */
const ITEMS: { [K in PlanItem]: { parent: keyof PlanItems[K] & string; name: (row: PlanItems[K]) => string } } = {
  strand: { parent: 'plan_id', name: (s) => `strand ${s.code} ${s.title}` },
  objective: { parent: 'strand_id', name: (o) => `objective ${o.title}` },
  milestone: { parent: 'objective_id', name: (m) => `milestone ${m.title}` },
}

async function nextPosition(trx: Tx, table: PlanItem, parentId: number): Promise<number> {
  const row = await sql<{ next: number }>`
    select coalesce(max(position), 0) + 1 as next from ${sql.table(table)}
    where ${sql.ref(ITEMS[table].parent)} = ${parentId}
  `.execute(trx)
  return Number(row.rows[0]?.next ?? 1)
}

/** Adds an item at the end of its siblings. */
async function createItem<K extends PlanItem>(
  trx: Tx,
  actor: Actor,
  table: K,
  values: Omit<Insertable<Database[K]>, 'position'>,
): Promise<PlanItems[K]> {
  const parentId = (values as Record<string, unknown>)[ITEMS[table].parent] as number
  const row = (await trx
    .insertInto(table)
    .values({ ...values, position: await nextPosition(trx, table, parentId) } as never)
    .returningAll()
    .executeTakeFirstOrThrow()) as unknown as PlanItems[K]
  await recordAudit(trx, actor, {
    entityType: table,
    entityId: row.id,
    action: 'create',
    summary: `Added ${ITEMS[table].name(row)}`,
    after: row,
  })
  await recordHistory(trx, actor, table, row)
  return row
}

/** Changes an item's fields; the audit entry keeps the fields before and after. */
async function updateItem<K extends PlanItem>(
  trx: Tx,
  actor: Actor,
  table: K,
  before: PlanItems[K],
  values: Updateable<Database[K]> | Updateable<Database['strand' | 'objective']>,
  verb: string,
  reason = '',
  expected?: string,
): Promise<PlanItems[K]> {
  // The three tables share id and updated_at; the builder is typed as one of them to filter by id.
  // With `expected` (the version an edit form was opened at), a row saved since then is not changed.
  const after = (await trx
    .updateTable(table as 'milestone')
    .set({ ...values, updated_at: new Date() } as never)
    .where('id', '=', before.id)
    .where(stillAt(expected))
    .returningAll()
    .executeTakeFirst()) as unknown as PlanItems[K] | undefined
  if (!after) throw new EditConflictError()
  await recordAudit(trx, actor, {
    entityType: table,
    entityId: before.id,
    action: 'update',
    summary: `${verb} ${ITEMS[table].name(after)}${reason ? `: ${reason}` : ''}`,
    before: fieldsOf(before, after),
    after,
  })
  await recordHistory(trx, actor, table, after, reason)
  return after
}

/** Adds the item's state now to the plan's history (see plan-history-repository.ts). */
async function recordHistory(trx: Tx, actor: Actor, table: PlanItem, row: { id: number }, reason = '') {
  const planId = await planIdOf(trx, table, row.id)
  await recordPlanItems(trx, planId, actor.userId, [{ itemType: table, itemId: row.id, state: row, reason }])
}

/** The fields of `before` that a row has, so joined extras (e.g. strand_code) do not enter the audit. */
function fieldsOf<T extends object>(before: T, shape: object): Partial<T> {
  return Object.fromEntries(Object.entries(before).filter(([k]) => k in shape)) as Partial<T>
}

// ---------- strands ----------

export interface StrandInput {
  code: string
  half: StrandHalf
  title: string
  /** The lead's job title: the role label beside the person. */
  leadTitle: string
  lead: Owner
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

const strandColumns = (input: StrandInput) => ({
  code: input.code,
  half: input.half,
  title: input.title,
  lead_title: input.leadTitle,
  ...leadColumns(input.lead),
})

export async function createStrand(trx: Tx, actor: Actor, planId: number, input: StrandInput) {
  await assertOwnerInCouncil(trx, actor.organisationId, input.lead)
  return createItem(trx, actor, 'strand', { plan_id: planId, ...strandColumns(input) })
}

/** `expected`: the version the edit form was opened at (EditConflictError when the strand changed since). */
export async function updateStrand(trx: Tx, actor: Actor, before: Strand, input: StrandInput, expected?: string) {
  await assertOwnerInCouncil(trx, actor.organisationId, input.lead)
  return updateItem(trx, actor, 'strand', before, strandColumns(input), 'Edited', '', expected)
}

// ---------- objectives ----------

export interface ObjectiveInput {
  title: string
  /** What will be different for children and families when it is met. */
  intendedImpact: string
  description: string
  /** The owner's job title or team: the role label beside the person. */
  owner: string
  ownedBy: Owner
}

const objectiveColumns = (input: ObjectiveInput) => ({
  title: input.title,
  intended_impact: input.intendedImpact,
  description: input.description,
  owner: input.owner,
  ...ownerColumns(input.ownedBy),
})

export async function createObjective(trx: Tx, actor: Actor, strandId: number, input: ObjectiveInput) {
  await assertOwnerInCouncil(trx, actor.organisationId, input.ownedBy)
  return createItem(trx, actor, 'objective', { strand_id: strandId, ...objectiveColumns(input) })
}

export async function updateObjective(
  trx: Tx,
  actor: Actor,
  before: Objective,
  input: ObjectiveInput,
  expected?: string,
) {
  await assertOwnerInCouncil(trx, actor.organisationId, input.ownedBy)
  return updateItem(trx, actor, 'objective', before, objectiveColumns(input), 'Edited', '', expected)
}

/** Retire or reinstate a strand or objective: retired items stay in the plan's history, out of the way. */
export function setActiveStatus<K extends 'strand' | 'objective'>(
  trx: Tx,
  actor: Actor,
  table: K,
  before: PlanItems[K],
  status: ActiveStatus,
  today: string,
) {
  const change = { status, retired_on: status === 'retired' ? today : null }
  return updateItem(trx, actor, table, before, change, status === 'retired' ? 'Retired' : 'Reinstated')
}

export async function addObjectiveUpdate(trx: Tx, actor: Actor, objectiveId: number, body: string) {
  const update = await trx
    .insertInto('objective_update')
    .values({ objective_id: objectiveId, body, author_user_id: actor.userId })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'objective_update',
    entityId: update.id,
    action: 'create',
    summary: `Progress update on objective ${objectiveId}`,
    after: update,
  })
  return update
}

/** Every progress update on the plan's objectives, oldest first, with its author's name. */
export async function listPlanUpdates(db: DbOrTx, planId: number) {
  return db
    .selectFrom('objective_update')
    .innerJoin('objective', 'objective.id', 'objective_update.objective_id')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .leftJoin('app_user', 'app_user.id', 'objective_update.author_user_id')
    .select([
      'objective_update.objective_id',
      'objective_update.created_at',
      'objective_update.body',
      'app_user.display_name as author_name',
    ])
    .where('strand.plan_id', '=', planId)
    .orderBy('objective_update.created_at')
    .execute()
}

// ---------- milestones ----------

export interface MilestoneInput {
  title: string
  /** The owner's job title or team: the role label beside the person. */
  owner: string
  ownedBy: Owner
  dueOn: string
  status: MilestoneStatus
  completedOn: string | null
  evidence: string
  /** Why the due date moved (required by the form when it does). */
  dueChangeReason?: string
}

const milestoneColumns = (input: MilestoneInput) => ({
  title: input.title,
  owner: input.owner,
  ...ownerColumns(input.ownedBy),
  due_on: input.dueOn,
  status: input.status,
  completed_on: input.completedOn,
  evidence: input.evidence,
})

export async function createMilestone(trx: Tx, actor: Actor, objectiveId: number, input: MilestoneInput) {
  await assertOwnerInCouncil(trx, actor.organisationId, input.ownedBy)
  return createItem(trx, actor, 'milestone', { objective_id: objectiveId, ...milestoneColumns(input) })
}

export async function updateMilestone(
  trx: Tx,
  actor: Actor,
  before: Milestone,
  input: MilestoneInput,
  expected?: string,
) {
  await assertOwnerInCouncil(trx, actor.organisationId, input.ownedBy)
  // A due date that moves carries its reason into the plan's history and the audit trail.
  const reason = input.dueOn !== before.due_on ? (input.dueChangeReason ?? '') : ''
  return updateItem(trx, actor, 'milestone', before, milestoneColumns(input), 'Updated', reason, expected)
}

export async function deleteMilestone(trx: Tx, actor: Actor, before: Milestone) {
  const planId = await planIdOf(trx, 'milestone', before.id)
  await trx.deleteFrom('milestone').where('id', '=', before.id).execute()
  await recordPlanItems(trx, planId, actor.userId, [{ itemType: 'milestone', itemId: before.id, state: null }])
  await recordAudit(trx, actor, {
    entityType: 'milestone',
    entityId: before.id,
    action: 'delete',
    summary: `Deleted ${ITEMS.milestone.name(before)}`,
    before: fieldsOf(before, before),
  })
}

// ---------- owners ----------

/** Who owns a strand (its lead), objective or milestone. */
export function planItemOwner<K extends PlanItem>(table: K, row: PlanItems[K]): Owner {
  return table === 'strand' ? leadOf(row as Strand) : ownerOf(row as Objective | Milestone)
}

/**
 * Gives a strand (its lead), objective or milestone a new owner, keeping its role label. Refused unless the
 * owner is of the council; audited as an assignment with the owner before and after as they read
 * (`texts`), and recorded in the plan's history.
 */
export async function assignPlanItemOwner<K extends PlanItem>(
  trx: Tx,
  actor: Actor,
  table: K,
  before: PlanItems[K],
  owner: Owner,
  texts: { before: string; after: string },
): Promise<PlanItems[K]> {
  await assertOwnerInCouncil(trx, actor.organisationId, owner)
  const columns = table === 'strand' ? leadColumns(owner) : ownerColumns(owner)
  const after = (await trx
    .updateTable(table as 'milestone')
    .set({ ...columns, updated_at: new Date() } as never)
    .where('id', '=', before.id)
    .returningAll()
    .executeTakeFirstOrThrow()) as unknown as PlanItems[K]
  await recordAudit(trx, actor, {
    entityType: table,
    entityId: before.id,
    action: 'assign',
    summary: `Assigned ${ITEMS[table].name(after)} to ${texts.after}`,
    before: ownerForAudit(planItemOwner(table, before), texts.before),
    after: ownerForAudit(owner, texts.after),
  })
  await recordHistory(trx, actor, table, after)
  return after
}

// ---------- ordering ----------

/**
 * Swap an item with its neighbour above or below among its siblings (strands: within the same half).
 * Returns false when it is already first or last.
 */
export async function move<K extends PlanItem>(
  trx: Tx,
  actor: Actor,
  table: K,
  item: PlanItems[K],
  direction: 'up' | 'down',
): Promise<boolean> {
  const parent = ITEMS[table].parent
  const row = item as unknown as Record<string, unknown>
  const siblings = await sql<{ id: number; position: number }>`
    select id, position from ${sql.table(table)}
    where ${sql.ref(parent)} = ${row[parent]}
    ${table === 'strand' ? sql`and half = ${row.half}` : sql``}
    order by position, id
  `.execute(trx)
  const list = siblings.rows
  const index = list.findIndex((s) => s.id === item.id)
  const neighbour = list[direction === 'up' ? index - 1 : index + 1]
  const current = list[index]
  if (index < 0 || !neighbour || !current) return false
  // Renumber the whole sibling list so equal or gapped positions can never stick.
  const reordered = [...list]
  reordered[index] = neighbour
  reordered[direction === 'up' ? index - 1 : index + 1] = current
  const moved: number[] = []
  for (const [i, s] of reordered.entries()) {
    if (s.position !== i + 1) {
      await sql`update ${sql.table(table)} set position = ${i + 1} where id = ${s.id}`.execute(trx)
      moved.push(s.id)
    }
  }
  // Every sibling whose position changed is recorded, so the history keeps a consistent order.
  if (!moved.length) return true
  const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)} where id = any(${moved})`.execute(
    trx,
  )
  await recordPlanItems(
    trx,
    await planIdOf(trx, table, item.id),
    actor.userId,
    rows.rows.map((state) => ({ itemType: table, itemId: Number(state.id), state })),
  )
  await recordAudit(trx, actor, {
    entityType: table,
    entityId: item.id,
    action: 'update',
    summary: `Moved ${table} ${item.title} ${direction}`,
    before: { position: index + 1 },
    after: { position: direction === 'up' ? index : index + 2 },
  })
  return true
}
