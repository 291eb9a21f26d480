import { sql } from 'kysely'
import { jsonb, type DbOrTx, type Tx } from '../db/connect.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { loadPlanTree } from '../plan/plan-repository.js'
import { snapshotPlan, type PlanSnapshot } from './plan-snapshot.js'

export async function listVersions(db: DbOrTx, planId: number) {
  return db
    .selectFrom('plan_version')
    .leftJoin('app_user', 'app_user.id', 'plan_version.published_by')
    .select([
      'plan_version.id',
      'plan_version.number',
      'plan_version.notes',
      'plan_version.published_at',
      'app_user.display_name as published_by_name',
    ])
    .where('plan_version.plan_id', '=', planId)
    .orderBy('plan_version.number', 'desc')
    .execute()
}

export async function findVersion(db: DbOrTx, planId: number, number: number) {
  const row = await db
    .selectFrom('plan_version')
    .leftJoin('app_user', 'app_user.id', 'plan_version.published_by')
    .selectAll('plan_version')
    .select('app_user.display_name as published_by_name')
    .where('plan_version.plan_id', '=', planId)
    .where('plan_version.number', '=', number)
    .executeTakeFirst()
  return row && { ...row, snapshot: row.snapshot as PlanSnapshot }
}

export async function currentDraftSnapshot(db: DbOrTx, plan: { id: number; title: string; starts_on: string }) {
  return snapshotPlan(plan, await loadPlanTree(db, plan.id))
}

/**
 * Freeze the live plan as the next version. Run in a transaction: the plan row is locked so two people
 * publishing at once get consecutive numbers rather than a clash.
 */
export async function publishVersion(
  trx: Tx,
  actor: Actor,
  plan: { id: number; title: string; starts_on: string },
  notes: string,
) {
  await sql`select id from plan where id = ${plan.id} for update`.execute(trx)
  const snapshot = await currentDraftSnapshot(trx, plan)
  const last = await trx
    .selectFrom('plan_version')
    .select((eb) => eb.fn.max('number').as('max'))
    .where('plan_id', '=', plan.id)
    .executeTakeFirst()
  const number = Number(last?.max ?? 0) + 1
  const version = await trx
    .insertInto('plan_version')
    .values({ plan_id: plan.id, number, notes, snapshot: jsonb(snapshot), published_by: actor.userId })
    .returning(['id', 'number', 'published_at'])
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'plan_version',
    entityId: version.id,
    action: 'publish',
    summary: `Published plan version ${number}`,
    after: { number, notes },
  })
  return version
}
