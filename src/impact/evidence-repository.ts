// Evidence entries: dated findings for an objective (an audit, a visit, feedback from children or staff, a
// document), each pointing one way, with an optional attachment kept in the database. An entry is never
// changed or deleted: it is withdrawn with a reason, so a report for an earlier quarter still shows it.
import type { DbOrTx, Tx } from '../db/connect.js'
import type { EvidenceDirection, EvidenceKind } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'

/** What lists and reports need: everything but the attachment's bytes. */
const LISTED = [
  'evidence_entry.id',
  'evidence_entry.objective_id',
  'evidence_entry.observed_on',
  'evidence_entry.kind',
  'evidence_entry.summary',
  'evidence_entry.direction',
  'evidence_entry.attachment_name',
  'evidence_entry.attachment_type',
  'evidence_entry.created_at',
  'evidence_entry.withdrawn_at',
  'evidence_entry.withdrawn_reason',
] as const

export type EvidenceEntry = Awaited<ReturnType<typeof listObjectiveEvidence>>[number]

/** An objective's entries, newest observation first, withdrawn ones included (the page shows them as such). */
export async function listObjectiveEvidence(db: DbOrTx, objectiveId: number) {
  return db
    .selectFrom('evidence_entry')
    .leftJoin('app_user as author', 'author.id', 'evidence_entry.created_by')
    .leftJoin('app_user as withdrawer', 'withdrawer.id', 'evidence_entry.withdrawn_by')
    .select(LISTED)
    .select(['author.display_name as created_by_name', 'withdrawer.display_name as withdrawn_by_name'])
    .where('evidence_entry.objective_id', '=', objectiveId)
    .orderBy('evidence_entry.observed_on', 'desc')
    .orderBy('evidence_entry.id', 'desc')
    .execute()
}

/**
 * Every entry for the plan's objectives that was recorded by `asAt` and not withdrawn by then: the
 * evidence as it stood at that moment.
 */
export async function listPlanEvidence(db: DbOrTx, planId: number, asAt: Date) {
  return db
    .selectFrom('evidence_entry')
    .innerJoin('objective', 'objective.id', 'evidence_entry.objective_id')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .select(LISTED)
    .where('strand.plan_id', '=', planId)
    .where('evidence_entry.created_at', '<=', asAt)
    .where((eb) => eb.or([eb('evidence_entry.withdrawn_at', 'is', null), eb('evidence_entry.withdrawn_at', '>', asAt)]))
    .orderBy('evidence_entry.observed_on', 'desc')
    .orderBy('evidence_entry.id', 'desc')
    .execute()
}

/** One entry of the council's (or undefined: another council's entries do not exist for it). */
export async function findEvidence(db: DbOrTx, organisationId: number, evidenceId: number) {
  return db
    .selectFrom('evidence_entry')
    .innerJoin('objective', 'objective.id', 'evidence_entry.objective_id')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .innerJoin('plan', 'plan.id', 'strand.plan_id')
    .select(LISTED)
    .select(['objective.title as objective_title', 'strand.lead_user_id'])
    .where('plan.organisation_id', '=', organisationId)
    .where('evidence_entry.id', '=', evidenceId)
    .executeTakeFirst()
}

export async function readAttachment(db: DbOrTx, evidenceId: number) {
  return db
    .selectFrom('evidence_entry')
    .select(['attachment_name', 'attachment_type', 'attachment'])
    .where('id', '=', evidenceId)
    .executeTakeFirst()
}

export interface EvidenceInput {
  observedOn: string
  kind: EvidenceKind
  direction: EvidenceDirection
  summary: string
  attachment: { name: string; type: string; bytes: Buffer } | null
}

export async function addEvidence(trx: Tx, actor: Actor, objectiveId: number, input: EvidenceInput) {
  const entry = await trx
    .insertInto('evidence_entry')
    .values({
      objective_id: objectiveId,
      observed_on: input.observedOn,
      kind: input.kind,
      direction: input.direction,
      summary: input.summary,
      attachment_name: input.attachment?.name ?? null,
      attachment_type: input.attachment?.type ?? null,
      attachment: input.attachment?.bytes ?? null,
      created_by: actor.userId,
    })
    .returning(LISTED)
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'evidence_entry',
    entityId: entry.id,
    action: 'create',
    summary: `Added evidence of impact to objective ${objectiveId}`,
    after: {
      ...entry,
      attachment: input.attachment ? `${input.attachment.name} (${input.attachment.bytes.length} bytes)` : null,
    },
  })
  return entry
}

export async function withdrawEvidence(trx: Tx, actor: Actor, evidenceId: number, reason: string) {
  const entry = await trx
    .updateTable('evidence_entry')
    .set({ withdrawn_at: new Date(), withdrawn_by: actor.userId, withdrawn_reason: reason })
    .where('id', '=', evidenceId)
    .where('withdrawn_at', 'is', null)
    .returning(LISTED)
    .executeTakeFirst()
  if (!entry) return undefined
  await recordAudit(trx, actor, {
    entityType: 'evidence_entry',
    entityId: evidenceId,
    action: 'update',
    summary: `Withdrew evidence entry ${evidenceId}: ${reason}`,
    after: entry,
  })
  return entry
}
