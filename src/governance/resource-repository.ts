// The improvement programme's resources by quarter. The drivers return numeric columns as strings: they
// become numbers here, once, so no page or report ever adds up text.
import type { DbOrTx, Tx } from '../db/connect.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import type { ResourceFigures } from './risk-rules.js'

export interface ResourceRow extends ResourceFigures {
  id: number
  updatedAt: Date
  updatedBy: string | null
}

const columns = [
  'r.id',
  'r.quarter_start',
  'r.programme_budget',
  'r.programme_spend',
  'r.agency_spend',
  'r.team_fte_funded',
  'r.team_fte_in_post',
  'r.note',
  'r.updated_at',
] as const

function toRow(r: {
  id: number
  quarter_start: string
  programme_budget: string
  programme_spend: string
  agency_spend: string
  team_fte_funded: string
  team_fte_in_post: string
  note: string
  updated_at: Date
  updated_by_name: string | null
}): ResourceRow {
  return {
    id: r.id,
    quarterStart: r.quarter_start,
    programmeBudget: Number(r.programme_budget),
    programmeSpend: Number(r.programme_spend),
    agencySpend: Number(r.agency_spend),
    fteFunded: Number(r.team_fte_funded),
    fteInPost: Number(r.team_fte_in_post),
    note: r.note,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by_name,
  }
}

/** Every quarter the council has recorded, oldest first. */
export async function listResources(db: DbOrTx, organisationId: number): Promise<ResourceRow[]> {
  const rows = await db
    .selectFrom('resource_quarter as r')
    .leftJoin('app_user', 'app_user.id', 'r.updated_by')
    .select([...columns, 'app_user.display_name as updated_by_name'])
    .where('r.organisation_id', '=', organisationId)
    .orderBy('r.quarter_start')
    .execute()
  return rows.map(toRow)
}

export async function findResourceQuarter(
  db: DbOrTx,
  organisationId: number,
  quarterStart: string,
): Promise<ResourceRow | undefined> {
  const row = await db
    .selectFrom('resource_quarter as r')
    .leftJoin('app_user', 'app_user.id', 'r.updated_by')
    .select([...columns, 'app_user.display_name as updated_by_name'])
    .where('r.organisation_id', '=', organisationId)
    .where('r.quarter_start', '=', quarterStart)
    .executeTakeFirst()
  return row ? toRow(row) : undefined
}

export type ResourceInput = Omit<ResourceFigures, 'quarterStart'>

const figures = (r: ResourceFigures) => ({
  quarterStart: r.quarterStart,
  programmeBudget: r.programmeBudget,
  programmeSpend: r.programmeSpend,
  agencySpend: r.agencySpend,
  fteFunded: r.fteFunded,
  fteInPost: r.fteInPost,
  note: r.note,
})

/** Saves one quarter's figures, creating the row when the quarter has none yet. */
export async function saveResourceQuarter(
  trx: Tx,
  actor: Actor,
  quarterStart: string,
  label: string,
  input: ResourceInput,
): Promise<void> {
  const before = await findResourceQuarter(trx, actor.organisationId, quarterStart)
  const values = {
    programme_budget: input.programmeBudget,
    programme_spend: input.programmeSpend,
    agency_spend: input.agencySpend,
    team_fte_funded: input.fteFunded,
    team_fte_in_post: input.fteInPost,
    note: input.note,
    updated_by: actor.userId,
  }
  const saved = before
    ? await trx
        .updateTable('resource_quarter')
        .set({ ...values, updated_at: new Date() })
        .where('id', '=', before.id)
        .returning('id')
        .executeTakeFirstOrThrow()
    : await trx
        .insertInto('resource_quarter')
        .values({ organisation_id: actor.organisationId, quarter_start: quarterStart, ...values })
        .returning('id')
        .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'resource-quarter',
    entityId: saved.id,
    action: before ? 'update' : 'create',
    summary: `${before ? 'Changed' : 'Recorded'} the improvement resources for ${label}`,
    before: before ? figures(before) : undefined,
    after: { quarterStart, ...input },
  })
}
