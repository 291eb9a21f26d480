// Queries and changes for the risk and issue register. A risk's score lives in its dated assessments, never
// on the risk itself; every change is audited with the values before and after, in the caller's transaction.
import type { DbOrTx, Tx } from '../db/connect.js'
import type { RiskKind } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { findCurrentPlan } from '../plan/plan-repository.js'
import { riskLevel, riskScore } from './risk-rules.js'
import { EditConflictError, stillAt } from '../db/errors.js'

/** "1a: Leadership", or '' for none. */
export function strandLabel(code: string | null, title: string | null): string {
  return code === null || title === null ? '' : `${code}: ${title}`
}

/** Every risk and issue of the council, with its strand's code and title. */
export async function listRisks(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('risk')
    .leftJoin('strand', 'strand.id', 'risk.strand_id')
    .selectAll('risk')
    .select(['strand.code as strand_code', 'strand.title as strand_title'])
    .where('risk.organisation_id', '=', organisationId)
    .orderBy('risk.reference')
    .orderBy('risk.id')
    .execute()
}

export type RiskListRow = Awaited<ReturnType<typeof listRisks>>[number]

export async function findRisk(db: DbOrTx, organisationId: number, riskId: number) {
  return db
    .selectFrom('risk')
    .leftJoin('strand', 'strand.id', 'risk.strand_id')
    .selectAll('risk')
    .select(['strand.code as strand_code', 'strand.title as strand_title'])
    .where('risk.organisation_id', '=', organisationId)
    .where('risk.id', '=', riskId)
    .executeTakeFirst()
}

export type Risk = NonNullable<Awaited<ReturnType<typeof findRisk>>>

/** The assessments of the council's risks (or of one risk), oldest first, with who recorded each. */
export async function listAssessments(db: DbOrTx, organisationId: number, riskId?: number) {
  let query = db
    .selectFrom('risk_assessment as a')
    .innerJoin('risk', 'risk.id', 'a.risk_id')
    .leftJoin('app_user', 'app_user.id', 'a.created_by')
    .selectAll('a')
    .select('app_user.display_name as author_name')
    .where('risk.organisation_id', '=', organisationId)
  if (riskId !== undefined) query = query.where('a.risk_id', '=', riskId)
  return query.orderBy('a.assessed_on').orderBy('a.id').execute()
}

export type AssessmentRow = Awaited<ReturnType<typeof listAssessments>>[number]

/** True when another item of the council already has this reference, compared case-insensitively. */
export async function referenceTaken(db: DbOrTx, organisationId: number, reference: string, exceptId?: number) {
  let query = db
    .selectFrom('risk')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb(eb.fn('lower', ['reference']), '=', reference.toLowerCase()))
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId)
  return (await query.executeTakeFirst()) !== undefined
}

/** The strands a risk may be linked to: the current plan's, in plan order. */
export async function strandChoices(db: DbOrTx, organisationId: number) {
  const plan = await findCurrentPlan(db, organisationId)
  if (!plan) return []
  return db
    .selectFrom('strand')
    .select(['id', 'code', 'title', 'status'])
    .where('plan_id', '=', plan.id)
    .orderBy('half')
    .orderBy('position')
    .execute()
}

/** A strand of one of the council's plans, or undefined. */
export async function findCouncilStrand(db: DbOrTx, organisationId: number, strandId: number) {
  return db
    .selectFrom('strand')
    .innerJoin('plan', 'plan.id', 'strand.plan_id')
    .select(['strand.id', 'strand.code', 'strand.title'])
    .where('plan.organisation_id', '=', organisationId)
    .where('strand.id', '=', strandId)
    .executeTakeFirst()
}

export interface RiskDetails {
  reference: string
  title: string
  description: string
  strand_id: number | null
  owner: string
  mitigations: string
  escalated_on: string | null
}

export interface NewRisk extends RiskDetails {
  kind: RiskKind
  opened_on: string
}

export interface AssessmentInput {
  assessed_on: string
  likelihood: number
  impact: number
  note: string
}

/** The fields of the risk table, without the strand joined in, for the audit trail. */
function auditable(risk: Risk | (Omit<Risk, 'strand_code' | 'strand_title'> & Partial<Risk>)) {
  const { strand_code: _code, strand_title: _title, ...rest } = risk
  return rest
}

function describe(a: AssessmentInput): string {
  const score = riskScore(a.likelihood, a.impact)
  return `${a.likelihood} x ${a.impact} = ${score} (${riskLevel(score)})`
}

/** Records a new risk or issue with its first assessment, dated the day it was opened. */
export async function createRisk(trx: Tx, actor: Actor, input: NewRisk, first: AssessmentInput) {
  const risk = await trx
    .insertInto('risk')
    .values({ organisation_id: actor.organisationId, created_by: actor.userId, ...input })
    .returningAll()
    .executeTakeFirstOrThrow()
  const assessment = await trx
    .insertInto('risk_assessment')
    .values({ risk_id: risk.id, created_by: actor.userId, ...first })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'risk',
    entityId: risk.id,
    action: 'create',
    summary: `Added the ${risk.kind} ${risk.reference} “${risk.title}”, scored ${describe(first)}`,
    after: { ...risk, assessment },
  })
  return risk
}

/** `expected`: the version the edit form was opened at (EditConflictError when the risk changed since). */
export async function updateRisk(trx: Tx, actor: Actor, before: Risk, input: RiskDetails, expected?: string) {
  const after = await trx
    .updateTable('risk')
    .set({ ...input, updated_at: new Date() })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .where(stillAt(expected))
    .returningAll()
    .executeTakeFirst()
  if (!after) throw new EditConflictError()
  const escalation =
    before.escalated_on === after.escalated_on
      ? ''
      : after.escalated_on === null
        ? ' (no longer escalated to the Board)'
        : ` (escalated to the Board on ${after.escalated_on})`
  await recordAudit(trx, actor, {
    entityType: 'risk',
    entityId: before.id,
    action: 'update',
    summary: `Changed the ${after.kind} ${after.reference} “${after.title}”${escalation}`,
    before: auditable(before),
    after,
  })
  return after
}

/** A new assessment; the audit keeps the one it replaces as the score in force. */
export async function addAssessment(
  trx: Tx,
  actor: Actor,
  risk: Risk,
  input: AssessmentInput,
  replaces: AssessmentRow | undefined,
) {
  const assessment = await trx
    .insertInto('risk_assessment')
    .values({ risk_id: risk.id, created_by: actor.userId, ...input })
    .returningAll()
    .executeTakeFirstOrThrow()
  await trx.updateTable('risk').set({ updated_at: new Date() }).where('id', '=', risk.id).execute()
  const { author_name: _author, ...previous } = replaces ?? { author_name: null }
  await recordAudit(trx, actor, {
    entityType: 'risk-assessment',
    entityId: assessment.id,
    action: 'create',
    summary: `Re-assessed ${risk.reference} “${risk.title}” on ${input.assessed_on}: ${describe(input)}`,
    before: replaces ? previous : undefined,
    after: assessment,
  })
  return assessment
}

export async function closeRisk(trx: Tx, actor: Actor, before: Risk, closedOn: string, note: string) {
  const after = await trx
    .updateTable('risk')
    .set({ closed_on: closedOn, closed_note: note, updated_at: new Date() })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'risk',
    entityId: before.id,
    action: 'close',
    summary: `Closed the ${after.kind} ${after.reference} “${after.title}” on ${closedOn}`,
    before: auditable(before),
    after,
  })
  return after
}

export async function reopenRisk(trx: Tx, actor: Actor, before: Risk) {
  const after = await trx
    .updateTable('risk')
    .set({ closed_on: null, closed_note: '', updated_at: new Date() })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'risk',
    entityId: before.id,
    action: 'reopen',
    summary: `Reopened the ${after.kind} ${after.reference} “${after.title}”`,
    before: auditable(before),
    after,
  })
  return after
}
