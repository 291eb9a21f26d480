// Practice standards and their monthly compliance. Every query filters by the council; every change is made
// in the caller's transaction and audited. Saving a month also writes the month's percentage seen within the
// local standard to the standard's success measure (made on first use) through the measures' own value writer.
import type { DbOrTx, Tx } from '../db/connect.js'
import type { IntervalUnit, PracticeStandard, PracticeStandardMonth } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { NO_OWNER } from '../accounts/owners.js'
import { createMeasure } from '../measures/measure-repository.js'
import { applyValueChanges, planValueChanges } from '../measures/value-repository.js'
import { compliancePercent, measureNameOf, monthLabel, roundPercent } from './practice-standard-rules.js'

export interface StandardInput {
  title: string
  appliesTo: string
  localEvery: number
  localUnit: IntervalUnit
  statutoryEvery: number | null
  statutoryUnit: IntervalUnit | null
  statutorySource: string
  note: string
}

export interface MonthInput {
  caseload: number
  due: number
  seenLocal: number
  seenStatutory: number | null
  note: string
}

export type MonthRow = PracticeStandardMonth & { recorded_by_name: string | null }

export async function listStandards(db: DbOrTx, organisationId: number): Promise<PracticeStandard[]> {
  return db
    .selectFrom('practice_standard')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('title')
    .orderBy('id')
    .execute()
}

export async function findStandard(
  db: DbOrTx,
  organisationId: number,
  id: number,
): Promise<PracticeStandard | undefined> {
  return db
    .selectFrom('practice_standard')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The council's recorded months, oldest first: of one standard, or of all. */
export async function listMonths(db: DbOrTx, organisationId: number, standardId?: number): Promise<MonthRow[]> {
  let q = db
    .selectFrom('practice_standard_month as m')
    .innerJoin('practice_standard as s', 's.id', 'm.standard_id')
    .leftJoin('app_user as u', 'u.id', 'm.recorded_by')
    .selectAll('m')
    .select('u.display_name as recorded_by_name')
    .where('s.organisation_id', '=', organisationId)
  if (standardId !== undefined) q = q.where('m.standard_id', '=', standardId)
  return q.orderBy('m.month').orderBy('m.standard_id').execute()
}

export async function findMonth(
  db: DbOrTx,
  organisationId: number,
  standardId: number,
  month: string,
): Promise<MonthRow | undefined> {
  return db
    .selectFrom('practice_standard_month as m')
    .innerJoin('practice_standard as s', 's.id', 'm.standard_id')
    .leftJoin('app_user as u', 'u.id', 'm.recorded_by')
    .selectAll('m')
    .select('u.display_name as recorded_by_name')
    .where('s.organisation_id', '=', organisationId)
    .where('m.standard_id', '=', standardId)
    .where('m.month', '=', month)
    .executeTakeFirst()
}

/** The measure a standard's compliance feeds, if it has one (and it is still the council's). */
export async function findStandardMeasure(db: DbOrTx, organisationId: number, standard: PracticeStandard) {
  if (standard.measure_id === null) return undefined
  return db
    .selectFrom('measure')
    .select(['id', 'name'])
    .where('id', '=', standard.measure_id)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst()
}

/** Whether another of the council's standards has this title. */
export async function titleTaken(db: DbOrTx, organisationId: number, title: string, exceptId?: number) {
  let q = db
    .selectFrom('practice_standard')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb(eb.fn('lower', ['title']), '=', title.toLowerCase()))
  if (exceptId !== undefined) q = q.where('id', '<>', exceptId)
  return (await q.executeTakeFirst()) !== undefined
}

function columns(input: StandardInput) {
  return {
    title: input.title,
    applies_to: input.appliesTo,
    local_every: input.localEvery,
    local_unit: input.localUnit,
    statutory_every: input.statutoryEvery,
    statutory_unit: input.statutoryUnit,
    statutory_source: input.statutorySource,
    note: input.note,
  }
}

export async function createStandard(trx: Tx, actor: Actor, input: StandardInput): Promise<PracticeStandard> {
  const created = await trx
    .insertInto('practice_standard')
    .values({ organisation_id: actor.organisationId, created_by: actor.userId, ...columns(input) })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'practice_standard',
    entityId: created.id,
    action: 'create',
    summary: `Added the practice standard ${created.title}`,
    after: created,
  })
  return created
}

/** Changes a standard; a new title renames the measure its compliance feeds, so the two stay matched. */
export async function updateStandard(trx: Tx, actor: Actor, before: PracticeStandard, input: StandardInput) {
  const after = await trx
    .updateTable('practice_standard')
    .set({ ...columns(input), updated_at: new Date() })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'practice_standard',
    entityId: before.id,
    action: 'update',
    summary: `Changed the practice standard ${after.title}`,
    before,
    after,
  })
  if (before.title !== after.title && after.measure_id !== null) {
    const measure = await trx
      .updateTable('measure')
      .set({ name: measureNameOf(after.title), updated_at: new Date() })
      .where('id', '=', after.measure_id)
      .where('organisation_id', '=', actor.organisationId)
      .returning(['id', 'name'])
      .executeTakeFirst()
    if (measure)
      await recordAudit(trx, actor, {
        entityType: 'measure',
        entityId: measure.id,
        action: 'update',
        summary: `Renamed measure ${measure.name} with its practice standard`,
        before: { name: measureNameOf(before.title) },
        after: { name: measure.name },
      })
  }
  return after
}

/**
 * The measure a standard's compliance feeds: the one it already has (if it still exists in the council), or
 * a new one: "<standard>: percentage seen within the local standard", a percentage, higher is better, monthly.
 */
export async function ensureMeasure(trx: Tx, actor: Actor, standard: PracticeStandard) {
  if (standard.measure_id !== null) {
    const existing = await trx
      .selectFrom('measure')
      .select(['id', 'name'])
      .where('id', '=', standard.measure_id)
      .where('organisation_id', '=', actor.organisationId)
      .executeTakeFirst()
    if (existing) return existing
  }
  const taken = new Set(
    (
      await trx
        .selectFrom('measure')
        .select('code')
        .where('organisation_id', '=', actor.organisationId)
        .where('code', 'like', 'PS-%')
        .execute()
    ).map((m) => m.code),
  )
  let code = `PS-${standard.id}`
  for (let n = 2; taken.has(code); n++) code = `PS-${standard.id}-${n}`
  const last = await trx
    .selectFrom('measure')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('organisation_id', '=', actor.organisationId)
    .executeTakeFirst()
  const position = Number(last?.position ?? 0) + 1
  const measure = await createMeasure(
    trx,
    actor,
    {
      code,
      name: measureNameOf(standard.title),
      definition:
        'Of the children (or cases) due a visit in the month, the percentage seen within the local standard. ' +
        'Recorded month by month on the practice standard’s page.',
      caveats: 'Counts what the standard covers each month; a month with no one due has no value.',
      comparability: 'A local standard: councils set their own, so it is not comparable between councils.',
      unit: 'percent',
      polarity: 'higher',
      frequency: 'monthly',
      source: 'Practice standards (monthly compliance)',
      owner: '',
      ownedBy: NO_OWNER,
      validMin: 0,
      validMax: 100,
      decimals: 1,
      vitalSign: null,
      formula: null,
      strandIds: [],
      objectiveIds: [],
    },
    position,
  )
  await trx.updateTable('practice_standard').set({ measure_id: measure.id }).where('id', '=', standard.id).execute()
  await recordAudit(trx, actor, {
    entityType: 'practice_standard',
    entityId: standard.id,
    action: 'link',
    summary: `Linked the practice standard ${standard.title} to its measure ${measure.name}`,
    before: { measure_id: standard.measure_id },
    after: { measure_id: measure.id },
  })
  return { id: measure.id, name: measure.name }
}

const monthFigures = (
  m: Pick<PracticeStandardMonth, 'caseload' | 'due' | 'seen_local' | 'seen_statutory' | 'note'>,
) => ({
  caseload: m.caseload,
  due: m.due,
  seenLocal: m.seen_local,
  seenStatutory: m.seen_statutory,
  note: m.note,
})

/**
 * Saves one month's compliance (creating the month or changing it), and writes its percentage seen within the
 * local standard to the standard's measure, for that month. `recordedAt` backdates the record (the demo).
 */
export async function saveMonth(
  trx: Tx,
  actor: Actor,
  standard: PracticeStandard,
  month: string,
  input: MonthInput,
  recordedAt?: Date,
): Promise<{ measureId: number }> {
  const before = await findMonth(trx, actor.organisationId, standard.id, month)
  const values = {
    caseload: input.caseload,
    due: input.due,
    seen_local: input.seenLocal,
    seen_statutory: input.seenStatutory,
    note: input.note,
    recorded_by: actor.userId,
  }
  const saved = before
    ? await trx
        .updateTable('practice_standard_month')
        .set({ ...values, updated_at: new Date() })
        .where('id', '=', before.id)
        .returning('id')
        .executeTakeFirstOrThrow()
    : await trx
        .insertInto('practice_standard_month')
        .values({
          standard_id: standard.id,
          month,
          ...values,
          ...(recordedAt ? { created_at: recordedAt, updated_at: recordedAt } : {}),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'practice_standard_month',
    entityId: saved.id,
    action: before ? 'update' : 'create',
    summary: `${before ? 'Changed' : 'Recorded'} ${monthLabel(month)} for the practice standard ${standard.title}`,
    before: before ? { month, ...monthFigures(before) } : undefined,
    after: { month, ...input },
  })
  const measure = await ensureMeasure(trx, actor, standard)
  const percent = compliancePercent(input.seenLocal, input.due)
  if (percent !== null) {
    const changes = await planValueChanges(trx, [
      { measureId: measure.id, period: month, value: roundPercent(percent), note: '' },
    ])
    await applyValueChanges(trx, actor, changes, () => measure.name, 'from the practice standard’s monthly compliance')
  }
  return { measureId: measure.id }
}
