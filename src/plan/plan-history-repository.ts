// The plan as recorded, item by item: every create, change, move and delete of a strand, objective or
// milestone adds a record of the item's fields then. A report for a past quarter reads the plan from these
// records as they stood at the quarter's end, so a later edit cannot rewrite it.
import { sql } from 'kysely'
import type { DbOrTx, Tx } from '../db/connect.js'
import { jsonb } from '../db/connect.js'
import type { Milestone, Objective, PlanItemType, Strand } from '../db/database.js'
import type { PlanTree } from './plan-tree.js'

export interface PlanItemRecord {
  itemType: PlanItemType
  itemId: number
  /** The item's fields as they are now; null when it has just been deleted. */
  state: Record<string, unknown> | null
  reason?: string
  /** When it was recorded; now unless given (the demo records its history at past dates). */
  recordedAt?: Date
}

/** Adds records for items of one plan, in the caller's transaction (beside the audit entry). */
export async function recordPlanItems(
  trx: Tx,
  planId: number,
  recordedBy: number | null,
  records: PlanItemRecord[],
): Promise<void> {
  for (let i = 0; i < records.length; i += 500) {
    await trx
      .insertInto('plan_record')
      .values(
        records.slice(i, i + 500).map((r) => ({
          plan_id: planId,
          item_type: r.itemType,
          item_id: r.itemId,
          recorded_by: recordedBy,
          reason: r.reason ?? '',
          state: r.state === null ? null : jsonb(withoutUpdatedAt(r.state)),
          ...(r.recordedAt ? { recorded_at: r.recordedAt } : {}),
        })),
      )
      .execute()
  }
}

function withoutUpdatedAt(state: Record<string, unknown>): Record<string, unknown> {
  const { updated_at: _updated, ...rest } = state
  return rest
}

/** The plan an item belongs to. */
export async function planIdOf(db: DbOrTx, itemType: PlanItemType, itemId: number): Promise<number> {
  const query =
    itemType === 'strand'
      ? sql<{ plan_id: number }>`select plan_id from strand where id = ${itemId}`
      : itemType === 'objective'
        ? sql<{
            plan_id: number
          }>`select s.plan_id from objective o join strand s on s.id = o.strand_id where o.id = ${itemId}`
        : sql<{ plan_id: number }>`select s.plan_id from milestone m join objective o on o.id = m.objective_id
            join strand s on s.id = o.strand_id where m.id = ${itemId}`
  const row = (await query.execute(db)).rows[0]
  if (!row) throw new Error(`No plan for ${itemType} ${itemId}`)
  return Number(row.plan_id)
}

/** How a milestone's due date has moved, as recorded by a moment. */
export interface MilestoneSlippage {
  originallyDue: string
  /** Times the due date was moved (each with its reason). */
  moves: Array<{ from: string; to: string; recordedAt: Date; reason: string }>
}

export interface RecordedPlan {
  tree: PlanTree
  /** Only milestones whose due date has moved. */
  slippage: Map<number, MilestoneSlippage>
}

interface RecordRow {
  plan_id: number
  item_type: PlanItemType
  item_id: number
  recorded_at: Date
  reason: string
  state: Record<string, unknown> | null
}

/**
 * The plan as it was recorded at `asAt`: each item's latest record by then (items deleted by then, or
 * created after, are not in it). Ordered by today's positions, which history does not change.
 */
export async function loadRecordedPlan(db: DbOrTx, planId: number, asAt: Date): Promise<RecordedPlan> {
  // Every record of each item ever in this plan, whichever plan it was in: an objective carried over to
  // the next plan leaves this one at that moment, and brings its milestones' earlier due dates with it.
  const rows = (await db
    .selectFrom('plan_record')
    .select(['plan_id', 'item_type', 'item_id', 'recorded_at', 'reason', 'state'])
    .where(
      sql<boolean>`(item_type, item_id) in (select p.item_type, p.item_id from plan_record p where p.plan_id = ${planId})`,
    )
    .where('recorded_at', '<=', asAt)
    .orderBy('recorded_at')
    .orderBy('id')
    .execute()) as RecordRow[]
  const latest = new Map<string, RecordRow>()
  const milestoneRecords = new Map<number, RecordRow[]>()
  for (const r of rows) {
    latest.set(`${r.item_type}:${r.item_id}`, r)
    if (r.item_type === 'milestone') milestoneRecords.set(r.item_id, [...(milestoneRecords.get(r.item_id) ?? []), r])
  }
  const current = (type: PlanItemType) =>
    [...latest.values()]
      .filter((r) => r.item_type === type && r.state !== null && Number(r.plan_id) === planId)
      .map((r) => r.state!)
  const leadNames = new Map(
    (
      await db
        .selectFrom('app_user')
        .innerJoin('strand', 'strand.lead_user_id', 'app_user.id')
        .select(['app_user.id', 'app_user.display_name'])
        .where('strand.plan_id', '=', planId)
        .execute()
    ).map((u) => [u.id, u.display_name]),
  )
  const byPosition = <T extends { position: number; id: number }>(a: T, b: T) => a.position - b.position || a.id - b.id
  const milestones = current('milestone')
    .map((s) => asRow<Milestone>(s))
    .sort(byPosition)
  const objectives = current('objective')
    .map((s) => asRow<Objective>(s))
    .sort(byPosition)
  const strands = current('strand')
    .map((s) => asRow<Strand>(s))
    .sort((a, b) => a.half.localeCompare(b.half) || byPosition(a, b))
  const tree: PlanTree = {
    strands: strands.map((s) => ({
      ...s,
      lead_name: s.lead_user_id ? (leadNames.get(s.lead_user_id) ?? null) : null,
      objectives: objectives
        .filter((o) => o.strand_id === s.id)
        .map((o) => ({ ...o, milestones: milestones.filter((m) => m.objective_id === o.id) })),
    })),
  }
  const slippage = new Map<number, MilestoneSlippage>()
  for (const [id, records] of milestoneRecords) {
    const dues = records.filter((r) => r.state !== null).map((r) => ({ due: String(r.state!.due_on), r }))
    const moves: MilestoneSlippage['moves'] = []
    for (let i = 1; i < dues.length; i++) {
      if (dues[i]!.due !== dues[i - 1]!.due)
        moves.push({
          from: dues[i - 1]!.due,
          to: dues[i]!.due,
          recordedAt: dues[i]!.r.recorded_at,
          reason: dues[i]!.r.reason,
        })
    }
    if (moves.length && dues[0]) slippage.set(id, { originallyDue: dues[0].due, moves })
  }
  return { tree, slippage }
}

/** A record's JSON as a row: its timestamps back to dates. */
function asRow<T>(state: Record<string, unknown>): T {
  const row: Record<string, unknown> = { ...state }
  for (const key of ['created_at', 'updated_at']) {
    if (typeof row[key] === 'string') row[key] = new Date(row[key])
  }
  row.updated_at ??= row.created_at
  return row as T
}
