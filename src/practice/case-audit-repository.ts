// Queries and changes for case-file audits. Every query filters by the council; every change is audited in
// the caller's transaction. Closing a round (and changing a case in a closed round) writes the round's
// percentage good or better into the council's measure "Case-file audits: percentage good or better" for the
// month audited, creating the measure on first use, so the measure page shows it with SPC.
import type { DbOrTx, Tx } from '../db/connect.js'
import type { AuditGrade, ModerationOutcome, ServiceArea } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { createMeasure } from '../measures/measure-repository.js'
import { applyValueChanges, planValueChanges } from '../measures/value-repository.js'
import { finalOverall, measureValue, percentGoodOrBetter, roundName } from './case-audit-rules.js'

/** The measure's code in every council: how the audits find the measure they feed, whatever it is renamed. */
export const CASE_AUDIT_MEASURE_CODE = 'CASE-AUDIT-GOOD'
export const CASE_AUDIT_MEASURE_NAME = 'Case-file audits: percentage good or better'

export async function listRounds(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('case_audit_round')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('audit_month', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

export async function findRound(db: DbOrTx, organisationId: number, roundId: number) {
  return db
    .selectFrom('case_audit_round')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', roundId)
    .executeTakeFirst()
}

export type AuditRound = NonNullable<Awaited<ReturnType<typeof findRound>>>

/** The cases of the council's rounds (or of one round), by reference. */
export async function listCases(db: DbOrTx, organisationId: number, roundId?: number) {
  let query = db.selectFrom('case_audit_case').selectAll().where('organisation_id', '=', organisationId)
  if (roundId !== undefined) query = query.where('round_id', '=', roundId)
  return query.orderBy('reference').orderBy('id').execute()
}

export type AuditedCase = Awaited<ReturnType<typeof listCases>>[number]

/** The council's rounds closed on or before a day (for the report as at that day). */
export async function listRoundsClosedBy(db: DbOrTx, organisationId: number, day: string) {
  return db
    .selectFrom('case_audit_round')
    .select(['id', 'title', 'audit_month', 'closed_on'])
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'closed')
    .where('closed_on', '<=', day)
    .execute()
}

/** The cases of some of the council's rounds. */
export async function listCasesOfRounds(db: DbOrTx, organisationId: number, roundIds: number[]) {
  if (roundIds.length === 0) return []
  return db
    .selectFrom('case_audit_case')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('round_id', 'in', roundIds)
    .orderBy('reference')
    .execute()
}

export async function findCase(db: DbOrTx, organisationId: number, caseId: number) {
  return db
    .selectFrom('case_audit_case')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', caseId)
    .executeTakeFirst()
}

/** The council's case-audit measure, if it has been created. */
export async function findAuditMeasure(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('measure')
    .select(['id', 'name'])
    .where('organisation_id', '=', organisationId)
    .where('code', '=', CASE_AUDIT_MEASURE_CODE)
    .executeTakeFirst()
}

/** True when another round of the council already covers this month. */
export async function monthTaken(db: DbOrTx, organisationId: number, auditMonth: string) {
  const found = await db
    .selectFrom('case_audit_round')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('audit_month', '=', auditMonth)
    .executeTakeFirst()
  return found !== undefined
}

/** True when another case of the round has this reference, compared case-insensitively. */
export async function referenceTaken(db: DbOrTx, roundId: number, reference: string, exceptId?: number) {
  let query = db
    .selectFrom('case_audit_case')
    .select('id')
    .where('round_id', '=', roundId)
    .where((eb) => eb(eb.fn('lower', ['reference']), '=', reference.toLowerCase()))
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId)
  return (await query.executeTakeFirst()) !== undefined
}

export interface RoundInput {
  title: string
  audit_month: string
  theme: string
}

export async function createRound(trx: Tx, actor: Actor, input: RoundInput) {
  const created = await trx
    .insertInto('case_audit_round')
    .values({ organisation_id: actor.organisationId, ...input, created_by: actor.userId })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'case_audit_round',
    entityId: created.id,
    action: 'create',
    summary: `Added the case-file audit round ${created.title}`,
    after: created,
  })
  return created
}

export interface CaseInput {
  reference: string
  service_area: ServiceArea
  grade_voice: AuditGrade
  grade_assessment: AuditGrade
  grade_planning: AuditGrade
  grade_oversight: AuditGrade
  grade_overall: AuditGrade
  moderation: ModerationOutcome
  moderated_overall: AuditGrade | null
}

export async function addCase(trx: Tx, actor: Actor, round: AuditRound, input: CaseInput) {
  const created = await trx
    .insertInto('case_audit_case')
    .values({ round_id: round.id, organisation_id: actor.organisationId, ...input, created_by: actor.userId })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'case_audit_case',
    entityId: created.id,
    action: 'create',
    summary: `Added case ${created.reference} to the case-file audit round ${round.title}`,
    after: created,
  })
  if (round.status === 'closed') await feedMeasure(trx, actor, round)
  return created
}

/** Adds many cases at once (an import): each audited, the measure fed once if the round is closed. */
export async function addCases(trx: Tx, actor: Actor, round: AuditRound, inputs: CaseInput[]) {
  for (const input of inputs) {
    const created = await trx
      .insertInto('case_audit_case')
      .values({ round_id: round.id, organisation_id: actor.organisationId, ...input, created_by: actor.userId })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, actor, {
      entityType: 'case_audit_case',
      entityId: created.id,
      action: 'create',
      summary: `Imported case ${created.reference} into the case-file audit round ${round.title}`,
      after: created,
    })
  }
  if (round.status === 'closed') await feedMeasure(trx, actor, round)
}

export async function updateCase(trx: Tx, actor: Actor, round: AuditRound, before: AuditedCase, input: CaseInput) {
  const after = await trx
    .updateTable('case_audit_case')
    .set({ ...input, updated_at: new Date() })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'case_audit_case',
    entityId: after.id,
    action: 'update',
    summary: `Changed case ${after.reference} in the case-file audit round ${round.title}`,
    before,
    after,
  })
  if (round.status === 'closed') await feedMeasure(trx, actor, round)
  return after
}

/** Closes a round as moderated, and writes its percentage good or better into the measure. */
export async function closeRound(trx: Tx, actor: Actor, round: AuditRound, closedOn: string, note: string) {
  const after = await trx
    .updateTable('case_audit_round')
    .set({ status: 'closed', closed_on: closedOn, closed_note: note, updated_at: new Date() })
    .where('id', '=', round.id)
    .where('organisation_id', '=', actor.organisationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'case_audit_round',
    entityId: round.id,
    action: 'close',
    summary: `Closed the case-file audit round ${round.title} as moderated`,
    before: round,
    after,
  })
  return feedMeasure(trx, actor, after)
}

/** The council's case-audit measure, created on first use (percentage, higher is better, monthly). */
export async function ensureAuditMeasure(trx: Tx, actor: Actor): Promise<{ id: number; name: string }> {
  const found = await findAuditMeasure(trx, actor.organisationId)
  if (found) return found
  const created = await createMeasure(trx, actor, {
    code: CASE_AUDIT_MEASURE_CODE,
    name: CASE_AUDIT_MEASURE_NAME,
    definition:
      'Of the cases graded in a moderated case-file audit round, the percentage whose overall grade after moderation was outstanding or good. The value is for the month audited.',
    caveats:
      'Written by Turnaround when a case-file audit round is closed as moderated, and again when a case in a closed round changes. A round samples cases, so a small round moves the figure a lot.',
    comparability: '',
    unit: 'percent',
    polarity: 'higher',
    frequency: 'monthly',
    source: 'Case-file audits recorded in Turnaround',
    owner: 'Quality assurance',
    ownedBy: { kind: 'none' },
    validMin: 0,
    validMax: 100,
    decimals: 1,
    vitalSign: null,
    formula: null,
    strandIds: [],
    objectiveIds: [],
  })
  return { id: created.id, name: created.name }
}

/**
 * Writes a closed round's percentage good or better as the measure's value for the month audited (audited as
 * the measures' own value changes are). A round with no cases graded writes nothing. Returns the value.
 */
export async function feedMeasure(trx: Tx, actor: Actor, round: AuditRound): Promise<number | null> {
  const cases = await listCases(trx, actor.organisationId, round.id)
  const figure = percentGoodOrBetter(cases.map(finalOverall))
  const value = measureValue(figure)
  if (value === null) return null
  const measure = await ensureAuditMeasure(trx, actor)
  const changes = await planValueChanges(trx, [
    {
      measureId: measure.id,
      period: round.audit_month,
      value,
      note: `${figure.good} of ${figure.graded} cases good or better in the case-file audit round ${round.title}`,
    },
  ])
  await applyValueChanges(
    trx,
    actor,
    changes,
    () => measure.name,
    `case-file audit round ${roundName({ title: round.title, auditMonth: round.audit_month })}`,
  )
  return value
}
