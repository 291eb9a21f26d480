// Queries and changes for success measures. Lookups always filter by council.
import type { DbOrTx, Tx } from '../db/connect.js'
import { jsonb } from '../db/connect.js'
import { EditConflictError, stillAt } from '../db/errors.js'
import type { Measure } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { ownerColumns, ownerForAudit, ownerOf, type Owner } from '../accounts/owners.js'
import { assertOwnerInCouncil } from '../accounts/owner-repository.js'
import type { Unit } from '../shared/units.js'
import type { Polarity } from '../shared/polarity.js'
import type { Frequency } from '../shared/calendar.js'
import type { BenchmarkKind, Formula, VitalSign } from '../db/database.js'

export type MeasureRow = Omit<Measure, 'formula'> & { formula: Formula | null }

function asMeasure(row: Measure): MeasureRow {
  return { ...row, formula: row.formula ?? null }
}

export async function listMeasures(db: DbOrTx, organisationId: number): Promise<MeasureRow[]> {
  const rows = await db
    .selectFrom('measure')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('position')
    .orderBy('name')
    .execute()
  return rows.map(asMeasure)
}

export async function findMeasure(db: DbOrTx, organisationId: number, id: number): Promise<MeasureRow | undefined> {
  const row = await db
    .selectFrom('measure')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst()
  return row && asMeasure(row)
}

/** Every recorded value of the council's measures, in one query. */
export async function listValues(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('measure_value')
    .innerJoin('measure', 'measure.id', 'measure_value.measure_id')
    .select(['measure_value.measure_id', 'measure_value.period', 'measure_value.value', 'measure_value.note'])
    .where('measure.organisation_id', '=', organisationId)
    .orderBy('measure_value.period')
    .execute()
}

export async function listTargets(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('measure_target')
    .innerJoin('measure', 'measure.id', 'measure_target.measure_id')
    .leftJoin('app_user', 'app_user.id', 'measure_target.set_by')
    .selectAll('measure_target')
    .select('app_user.display_name as set_by_name')
    .where('measure.organisation_id', '=', organisationId)
    .orderBy('measure_target.set_at')
    .orderBy('measure_target.id')
    .execute()
}

export async function listBenchmarks(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('measure_benchmark')
    .innerJoin('measure', 'measure.id', 'measure_benchmark.measure_id')
    .selectAll('measure_benchmark')
    .where('measure.organisation_id', '=', organisationId)
    .orderBy('measure_benchmark.period')
    .execute()
}

export async function listRebaselines(db: DbOrTx, organisationId: number, measureIds?: number[]) {
  let q = db
    .selectFrom('measure_rebaseline')
    .innerJoin('measure', 'measure.id', 'measure_rebaseline.measure_id')
    .leftJoin('app_user', 'app_user.id', 'measure_rebaseline.created_by')
    .selectAll('measure_rebaseline')
    .select('app_user.display_name as created_by_name')
    .where('measure.organisation_id', '=', organisationId)
  if (measureIds) {
    if (measureIds.length === 0) return []
    q = q.where('measure_rebaseline.measure_id', 'in', measureIds)
  }
  return q.orderBy('measure_rebaseline.from_period').execute()
}

export async function listMeasureLinks(db: DbOrTx, organisationId: number) {
  const [strands, objectives] = await Promise.all([
    db
      .selectFrom('measure_strand')
      .innerJoin('measure', 'measure.id', 'measure_strand.measure_id')
      .select(['measure_strand.measure_id', 'measure_strand.strand_id'])
      .where('measure.organisation_id', '=', organisationId)
      .execute(),
    db
      .selectFrom('measure_objective')
      .innerJoin('measure', 'measure.id', 'measure_objective.measure_id')
      .select(['measure_objective.measure_id', 'measure_objective.objective_id'])
      .where('measure.organisation_id', '=', organisationId)
      .execute(),
  ])
  return { strands, objectives }
}

export interface MeasureInput {
  code: string
  name: string
  definition: string
  caveats: string
  comparability: string
  unit: Unit
  polarity: Polarity
  frequency: Frequency
  source: string
  /** The owner's job title or team: the role label beside the person. */
  owner: string
  ownedBy: Owner
  validMin: number | null
  validMax: number | null
  decimals: number
  vitalSign: VitalSign | null
  formula: Formula | null
  nationalIndicator?: string | null
  strandIds: number[]
  objectiveIds: number[]
}

function measureColumns(input: MeasureInput) {
  return {
    code: input.code,
    name: input.name,
    definition: input.definition,
    caveats: input.caveats,
    comparability: input.comparability,
    unit: input.unit,
    polarity: input.polarity,
    frequency: input.frequency,
    source: input.source,
    owner: input.owner,
    ...ownerColumns(input.ownedBy),
    valid_min: input.validMin,
    valid_max: input.validMax,
    decimals: input.decimals,
    vital_sign: input.vitalSign,
    formula: input.formula ? jsonb(input.formula) : null,
    national_indicator: input.nationalIndicator ?? null,
  }
}

async function setLinks(trx: Tx, measureId: number, input: MeasureInput) {
  await trx.deleteFrom('measure_strand').where('measure_id', '=', measureId).execute()
  await trx.deleteFrom('measure_objective').where('measure_id', '=', measureId).execute()
  if (input.strandIds.length) {
    await trx
      .insertInto('measure_strand')
      .values(input.strandIds.map((strand_id) => ({ measure_id: measureId, strand_id })))
      .execute()
  }
  if (input.objectiveIds.length) {
    await trx
      .insertInto('measure_objective')
      .values(input.objectiveIds.map((objective_id) => ({ measure_id: measureId, objective_id })))
      .execute()
  }
}

export async function createMeasure(trx: Tx, actor: Actor, input: MeasureInput, position = 0) {
  await assertOwnerInCouncil(trx, actor.organisationId, input.ownedBy)
  const created = await trx
    .insertInto('measure')
    .values({ organisation_id: actor.organisationId, position, ...measureColumns(input) })
    .returningAll()
    .executeTakeFirstOrThrow()
  await setLinks(trx, created.id, input)
  await recordAudit(trx, actor, {
    entityType: 'measure',
    entityId: created.id,
    action: 'create',
    summary: `Added measure ${created.name}`,
    after: { ...created, strandIds: input.strandIds, objectiveIds: input.objectiveIds },
  })
  return asMeasure(created)
}

/** `expected`: the version the edit form was opened at (EditConflictError when the measure changed since). */
export async function updateMeasure(trx: Tx, actor: Actor, before: MeasureRow, input: MeasureInput, expected?: string) {
  await assertOwnerInCouncil(trx, actor.organisationId, input.ownedBy)
  const links = await listMeasureLinks(trx, actor.organisationId)
  const beforeLinks = {
    strandIds: links.strands.filter((l) => l.measure_id === before.id).map((l) => l.strand_id),
    objectiveIds: links.objectives.filter((l) => l.measure_id === before.id).map((l) => l.objective_id),
  }
  const after = await trx
    .updateTable('measure')
    .set({ ...measureColumns(input), updated_at: new Date() })
    .where('id', '=', before.id)
    .where(stillAt(expected))
    .returningAll()
    .executeTakeFirst()
  if (!after) throw new EditConflictError()
  await setLinks(trx, before.id, input)
  await recordAudit(trx, actor, {
    entityType: 'measure',
    entityId: before.id,
    action: 'update',
    summary: `Edited measure ${after.name}`,
    before: { ...before, ...beforeLinks },
    after: { ...asMeasure(after), strandIds: input.strandIds, objectiveIds: input.objectiveIds },
  })
}

export async function addTarget(
  trx: Tx,
  actor: Actor,
  measure: MeasureRow,
  target: { value: number; targetDate: string | null; note: string },
) {
  const row = await trx
    .insertInto('measure_target')
    .values({
      measure_id: measure.id,
      value: target.value,
      target_date: target.targetDate,
      note: target.note,
      set_by: actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'measure_target',
    entityId: row.id,
    action: 'create',
    summary: `Set the target for ${measure.name} to ${target.value}`,
    after: row,
  })
}

export async function upsertBenchmark(
  trx: Tx,
  actor: Actor,
  measure: Pick<MeasureRow, 'id' | 'name'>,
  b: { kind: BenchmarkKind; comparator: string; period: string; value: number; source: string },
) {
  const before = await trx
    .selectFrom('measure_benchmark')
    .selectAll()
    .where('measure_id', '=', measure.id)
    .where('kind', '=', b.kind)
    .where('comparator', '=', b.comparator)
    .where('period', '=', b.period)
    .executeTakeFirst()
  const after = await trx
    .insertInto('measure_benchmark')
    .values({
      measure_id: measure.id,
      kind: b.kind,
      comparator: b.comparator,
      period: b.period,
      value: b.value,
      source: b.source,
    })
    .onConflict((oc) =>
      oc.columns(['measure_id', 'kind', 'comparator', 'period']).doUpdateSet({ value: b.value, source: b.source }),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'measure_benchmark',
    entityId: after.id,
    action: before ? 'update' : 'create',
    summary: `${before ? 'Updated' : 'Added'} a benchmark for ${measure.name}`,
    before,
    after,
  })
}

export async function addRebaseline(trx: Tx, actor: Actor, measure: MeasureRow, fromPeriod: string, reason: string) {
  const row = await trx
    .insertInto('measure_rebaseline')
    .values({ measure_id: measure.id, from_period: fromPeriod, reason, created_by: actor.userId })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'measure_rebaseline',
    entityId: row.id,
    action: 'create',
    summary: `Recalculated the limits of ${measure.name} from ${fromPeriod}`,
    after: row,
  })
}

export async function deleteRebaseline(trx: Tx, actor: Actor, measure: MeasureRow, rebaselineId: number) {
  const before = await trx
    .deleteFrom('measure_rebaseline')
    .where('id', '=', rebaselineId)
    .where('measure_id', '=', measure.id)
    .returningAll()
    .executeTakeFirst()
  if (!before) return false
  await recordAudit(trx, actor, {
    entityType: 'measure_rebaseline',
    entityId: before.id,
    action: 'delete',
    summary: `Removed the recalculation of ${measure.name}'s limits from ${before.from_period}`,
    before,
  })
  return true
}

/**
 * Gives a measure a new owner, keeping its role label. Refused unless the owner is of the council; audited
 * as an assignment with the owner before and after as they read (`texts`).
 */
export async function assignMeasureOwner(
  trx: Tx,
  actor: Actor,
  before: MeasureRow,
  owner: Owner,
  texts: { before: string; after: string },
) {
  await assertOwnerInCouncil(trx, actor.organisationId, owner)
  await trx
    .updateTable('measure')
    .set({ ...ownerColumns(owner), updated_at: new Date() })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'measure',
    entityId: before.id,
    action: 'assign',
    summary: `Assigned measure ${before.name} to ${texts.after}`,
    before: ownerForAudit(ownerOf(before), texts.before),
    after: ownerForAudit(owner, texts.after),
  })
}
