// A plan's life: the plan in force for a date, closing a plan, and starting the next one with the open
// objectives carried over. A carried objective keeps its id, so its milestones, updates, evidence and
// recorded history go with it; the closed plan's reports still show it as it stood then.
import type { DbOrTx, Tx } from '../db/connect.js'
import type { Objective, Plan, Strand } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { recordPlanItems, type PlanItemRecord } from './plan-history-repository.js'

/** The plan in force on a date: the latest that had started by then, or else the council's first. */
export async function findPlanInForce(db: DbOrTx, organisationId: number, date: string): Promise<Plan | undefined> {
  const started = await db
    .selectFrom('plan')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('starts_on', '<=', date)
    .orderBy('starts_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  return (
    started ??
    db
      .selectFrom('plan')
      .selectAll()
      .where('organisation_id', '=', organisationId)
      .orderBy('starts_on')
      .orderBy('id')
      .executeTakeFirst()
  )
}

export interface ClosePlanInput {
  closedOn: string
  note: string
}

export async function closePlan(trx: Tx, actor: Actor, plan: Plan, input: ClosePlanInput): Promise<void> {
  await trx
    .updateTable('plan')
    .set({ closed_on: input.closedOn, closed_note: input.note })
    .where('id', '=', plan.id)
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'plan',
    entityId: plan.id,
    action: 'update',
    summary: `Closed the plan ${plan.title} on ${input.closedOn}: ${input.note}`,
    before: { closed_on: plan.closed_on, closed_note: plan.closed_note },
    after: { closed_on: input.closedOn, closed_note: input.note },
  })
}

/** An objective of the plan still open: active, with a milestone not complete (or none at all). */
export interface OpenObjective {
  id: number
  title: string
  strandCode: string
  strandTitle: string
  openMilestones: number
}

export async function listOpenObjectives(db: DbOrTx, planId: number): Promise<OpenObjective[]> {
  const rows = await db
    .selectFrom('objective')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .leftJoin('milestone', 'milestone.objective_id', 'objective.id')
    .select(['objective.id', 'objective.title', 'strand.code', 'strand.title as strand_title'])
    .select((eb) =>
      eb.fn.count<number>('milestone.id').filterWhere('milestone.status', '!=', 'complete').as('open_milestones'),
    )
    .select((eb) => eb.fn.count<number>('milestone.id').as('milestones'))
    .where('strand.plan_id', '=', planId)
    .where('strand.status', '=', 'active')
    .where('objective.status', '=', 'active')
    .groupBy(['objective.id', 'objective.title', 'strand.code', 'strand.title', 'strand.half', 'strand.position'])
    .orderBy('strand.half')
    .orderBy('strand.position')
    .orderBy('objective.position')
    .execute()
  return rows
    .filter((r) => Number(r.open_milestones) > 0 || Number(r.milestones) === 0)
    .map((r) => ({
      id: r.id,
      title: r.title,
      strandCode: r.code,
      strandTitle: r.strand_title,
      openMilestones: Number(r.open_milestones),
    }))
}

export interface NextPlanInput {
  title: string
  startsOn: string
  endsOn: string | null
  /** Objectives of the closed plan to carry over (each must be one of its open objectives). */
  carry: number[]
}

/**
 * Starts the council's next plan after `previous` (which must be closed). Each carried objective moves,
 * with its milestones, to a copy of its strand in the new plan (one copy per strand), and the strand's
 * measures are linked to the copy. The move is recorded in the new plan's history.
 */
export async function startNextPlan(trx: Tx, actor: Actor, previous: Plan, input: NextPlanInput): Promise<Plan> {
  const plan = await trx
    .insertInto('plan')
    .values({
      organisation_id: previous.organisation_id,
      title: input.title,
      starts_on: input.startsOn,
      ends_on: input.endsOn,
      follows_plan_id: previous.id,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  const objectives = input.carry.length
    ? await trx
        .selectFrom('objective')
        .innerJoin('strand', 'strand.id', 'objective.strand_id')
        .selectAll('objective')
        .where('strand.plan_id', '=', previous.id)
        .where('objective.id', 'in', input.carry)
        .execute()
    : []
  const copies = new Map<number, Strand>()
  const records: PlanItemRecord[] = []
  for (const objective of objectives) {
    let copy = copies.get(objective.strand_id)
    if (!copy) {
      const strand = await trx
        .selectFrom('strand')
        .selectAll()
        .where('id', '=', objective.strand_id)
        .executeTakeFirstOrThrow()
      copy = await trx
        .insertInto('strand')
        .values({
          plan_id: plan.id,
          code: strand.code,
          half: strand.half,
          title: strand.title,
          lead_title: strand.lead_title,
          lead_user_id: strand.lead_user_id,
          lead_contact_id: strand.lead_contact_id,
          position: copies.size + 1,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      copies.set(strand.id, copy)
      records.push({ itemType: 'strand', itemId: copy.id, state: copy })
      const measures = await trx
        .selectFrom('measure_strand')
        .select('measure_id')
        .where('strand_id', '=', strand.id)
        .execute()
      if (measures.length)
        await trx
          .insertInto('measure_strand')
          .values(measures.map((m) => ({ measure_id: m.measure_id, strand_id: copy!.id })))
          .execute()
    }
    const moved: Objective = await trx
      .updateTable('objective')
      .set({ strand_id: copy.id, carried_from_plan_id: previous.id, updated_at: new Date() })
      .where('id', '=', objective.id)
      .returningAll()
      .executeTakeFirstOrThrow()
    records.push({
      itemType: 'objective',
      itemId: moved.id,
      state: moved,
      reason: `Carried over from ${previous.title}`,
    })
    const milestones = await trx.selectFrom('milestone').selectAll().where('objective_id', '=', moved.id).execute()
    for (const m of milestones) records.push({ itemType: 'milestone', itemId: m.id, state: m })
  }
  await recordPlanItems(trx, plan.id, actor.userId, records)
  await recordAudit(trx, actor, {
    entityType: 'plan',
    entityId: plan.id,
    action: 'create',
    summary: `Started the plan ${plan.title}, carrying ${objectives.length} open ${
      objectives.length === 1 ? 'objective' : 'objectives'
    } over from ${previous.title}`,
    after: { ...plan, carried: objectives.map((o) => o.id) },
  })
  return plan
}
