import { sql } from 'kysely'
import { jsonb, type DbOrTx, type Tx } from '../db/connect.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { readReportSnapshot, type ReportContent } from './report-snapshot.js'
import type { ReportMarking, ReportPurpose, ReportStatus } from '../db/database.js'
import { quarterOf } from '../shared/calendar.js'
import { todayIso } from '../shared/dates.js'
import { isRoundLocked, lockTookEffectAt } from '../plan/period-lock.js'

export async function listReports(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('report')
    .leftJoin('app_user', 'app_user.id', 'report.published_by')
    .select([
      'report.id',
      'report.quarter_start',
      'report.status',
      'report.published_at',
      'report.updated_at',
      'report.revision',
      'report.public_at',
      'app_user.display_name as published_by_name',
    ])
    .where('report.organisation_id', '=', organisationId)
    .orderBy('report.quarter_start', 'desc')
    .orderBy('report.id', 'desc')
    .execute()
}

export async function findReport(db: DbOrTx, organisationId: number, id: number) {
  return db
    .selectFrom('report')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export type ReportRow = NonNullable<Awaited<ReturnType<typeof findReport>>>

/** A council's report for a quarter in one of the given states (at most one: see the unique indexes). */
function reportInState(db: DbOrTx, organisationId: number, quarterStart: string, states: ReportStatus[]) {
  return db
    .selectFrom('report')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('quarter_start', '=', quarterStart)
    .where('status', 'in', states)
    .executeTakeFirst()
}

/** The report being prepared for a quarter (draft, submitted or approved), if any. */
export function openReportFor(db: DbOrTx, organisationId: number, quarterStart: string) {
  return reportInState(db, organisationId, quarterStart, ['draft', 'submitted', 'approved'])
}

/** The published report in force for a quarter, if any. */
export function publishedFor(db: DbOrTx, organisationId: number, quarterStart: string) {
  return reportInState(db, organisationId, quarterStart, ['published'])
}

/** Every revision of a quarter's report, newest first: what a reader of one revision can go to. */
export async function reportRevisions(db: DbOrTx, organisationId: number, quarterStart: string) {
  return db
    .selectFrom('report')
    .select(['id', 'status', 'revision', 'published_at', 'correction_reason'])
    .where('organisation_id', '=', organisationId)
    .where('quarter_start', '=', quarterStart)
    .orderBy('revision', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** The report being prepared for a quarter, created as a draft if there is none. */
export async function draftFor(trx: Tx, actor: Actor, quarterStart: string) {
  const existing = await openReportFor(trx, actor.organisationId, quarterStart)
  if (existing) return existing
  // Carry the cover from the council's latest report: the same Board, author and accountable officer.
  const last = await trx
    .selectFrom('report')
    .select(['board_name', 'author_role', 'accountable_role', 'purpose', 'marking'])
    .where('organisation_id', '=', actor.organisationId)
    .orderBy('quarter_start', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  const created = await trx
    .insertInto('report')
    .values({
      organisation_id: actor.organisationId,
      quarter_start: quarterStart,
      created_by: actor.userId,
      ...(last ?? {}),
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'report',
    entityId: created.id,
    action: 'create',
    summary: `Started the report for ${quarterOf(quarterStart).label}`,
  })
  return created
}

/**
 * The report in force for the latest quarter, or (with `before`) the latest published for a quarter before
 * the given one: what "changes since the last report" compares with. Superseded revisions never count.
 */
export async function lastPublished(db: DbOrTx, organisationId: number, options?: { before: string }) {
  let q = db
    .selectFrom('report')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'published')
  if (options) q = q.where('quarter_start', '<', options.before)
  return q.orderBy('quarter_start', 'desc').orderBy('published_at', 'desc').executeTakeFirst()
}

/** Published, or published and then superseded: its content is frozen and stored. */
export function isFrozen(report: Pick<ReportRow, 'status'>): boolean {
  return report.status === 'published' || report.status === 'superseded'
}

export async function saveNarrative(
  trx: Tx,
  actor: Actor,
  report: ReportRow,
  narrative: { summary: string; recommendations: string; decisions: string; decisions_follow_up: string },
) {
  await trx
    .updateTable('report')
    .set({ ...narrative, updated_at: new Date() })
    .where('id', '=', report.id)
    .where('status', '=', 'draft')
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'report',
    entityId: report.id,
    action: 'update',
    summary: 'Edited the report summary, recommendations and decisions',
    before: {
      summary: report.summary,
      recommendations: report.recommendations,
      decisions: report.decisions,
      decisions_follow_up: report.decisions_follow_up,
    },
    after: narrative,
  })
}

export interface CoverInput {
  board_name: string
  meeting_on: string | null
  author_role: string
  accountable_role: string
  purpose: ReportPurpose
  marking: ReportMarking
  sensitive: string[]
}

/** The cover and the parts marked sensitive, while the report is a draft. */
export async function saveCover(trx: Tx, actor: Actor, report: ReportRow, cover: CoverInput) {
  await trx
    .updateTable('report')
    .set({ ...cover, sensitive: JSON.stringify(cover.sensitive), updated_at: new Date() })
    .where('id', '=', report.id)
    .where('status', '=', 'draft')
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'report',
    entityId: report.id,
    action: 'update',
    summary: 'Edited the report cover and sensitive parts',
    before: {
      board_name: report.board_name,
      meeting_on: report.meeting_on,
      author_role: report.author_role,
      accountable_role: report.accountable_role,
      purpose: report.purpose,
      marking: report.marking,
      sensitive: report.sensitive,
    },
    after: cover,
  })
}

/** Each step of the way to publication: from which status, to which, and what the audit trail says. */
const STEPS = {
  submit: { from: 'draft', to: 'submitted', action: 'submit', words: 'Submitted for approval' },
  approve: { from: 'submitted', to: 'approved', action: 'approve', words: 'Approved' },
  return: { from: ['submitted', 'approved'], to: 'draft', action: 'return', words: 'Returned to draft' },
} as const

/**
 * Moves a report one step (submit, approve, or return to draft with a reason). False when the report
 * was no longer where the step starts (someone else moved it first): nothing changes then.
 */
export async function stepReport(
  trx: Tx,
  actor: Actor,
  report: ReportRow,
  step: keyof typeof STEPS,
  reason = '',
): Promise<boolean> {
  const s = STEPS[step]
  const from: readonly ReportStatus[] = typeof s.from === 'string' ? [s.from] : s.from
  const now = new Date()
  const stamps =
    step === 'submit'
      ? { submitted_by: actor.userId, submitted_at: now }
      : step === 'approve'
        ? { approved_by: actor.userId, approved_at: now }
        : { submitted_by: null, submitted_at: null, approved_by: null, approved_at: null }
  const moved = await trx
    .updateTable('report')
    .set({ status: s.to, ...stamps, updated_at: now })
    .where('id', '=', report.id)
    .where('status', 'in', from)
    .returning('id')
    .executeTakeFirst()
  if (!moved) return false
  await recordAudit(trx, actor, {
    entityType: 'report',
    entityId: report.id,
    action: s.action,
    summary: `${s.words}: the ${quarterOf(report.quarter_start).label} progress report${reason ? `: ${reason}` : ''}`,
    before: { status: report.status },
    after: { status: s.to, ...(reason ? { reason } : {}) },
  })
  return true
}

/**
 * A correction of a published report: a new draft carrying the published text, cover, commentary and
 * statuses set by hand, one revision on, with the reason. Publishing it supersedes the old one.
 */
export async function startCorrection(trx: Tx, actor: Actor, published: ReportRow, reason: string) {
  const open = await openReportFor(trx, published.organisation_id, published.quarter_start)
  if (open) return open
  const content = readReportSnapshot(published.snapshot)
  const created = await trx
    .insertInto('report')
    .values({
      organisation_id: published.organisation_id,
      quarter_start: published.quarter_start,
      created_by: actor.userId,
      // The text as published (an older report stored it only in its snapshot).
      summary: content.narrative.summary,
      recommendations: content.narrative.recommendations,
      decisions: content.narrative.decisions,
      decisions_follow_up: content.narrative.decisionsFollowUp,
      board_name: published.board_name,
      meeting_on: published.meeting_on,
      author_role: published.author_role,
      accountable_role: published.accountable_role,
      purpose: published.purpose,
      marking: published.marking,
      sensitive: JSON.stringify(published.sensitive),
      revision: published.revision + 1,
      corrects_report_id: published.id,
      correction_reason: reason,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  // The strand leads' commentary as published (rows of strands since deleted went with them).
  const notes = await trx.selectFrom('report_commentary').selectAll().where('report_id', '=', published.id).execute()
  if (notes.length)
    await trx
      .insertInto('report_commentary')
      .values(notes.map(({ report_id: _old, updated_at: _at, ...n }) => ({ ...n, report_id: created.id })))
      .execute()
  const overrides = await trx.selectFrom('report_override').selectAll().where('report_id', '=', published.id).execute()
  if (overrides.length)
    await trx
      .insertInto('report_override')
      .values(overrides.map(({ report_id: _old, ...o }) => ({ ...o, report_id: created.id })))
      .execute()
  await recordAudit(trx, actor, {
    entityType: 'report',
    entityId: created.id,
    action: 'create',
    summary: `Started revision ${created.revision} of the ${content.quarter.label} progress report: ${reason}`,
    after: { corrects_report_id: published.id, reason },
  })
  return created
}

/** Publishes or withdraws the public edition of a published report. */
export async function setPublicEdition(trx: Tx, actor: Actor, report: ReportRow, published: boolean) {
  const now = new Date()
  await trx
    .updateTable('report')
    .set(published ? { public_by: actor.userId, public_at: now } : { public_by: null, public_at: null })
    .where('id', '=', report.id)
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'report',
    entityId: report.id,
    action: published ? 'publish' : 'update',
    summary: `${published ? 'Published' : 'Withdrew'} the public edition of the ${quarterOf(report.quarter_start).label} progress report`,
    before: { public_at: report.public_at },
    after: { public_at: published ? now : null },
  })
}

/** Public editions of a council's reports in force (never a superseded revision), newest first. */
export async function listPublicReports(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('report')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'published')
    .where('public_at', 'is not', null)
    .orderBy('quarter_start', 'desc')
    .execute()
}

export async function listCommentary(db: DbOrTx, reportId: number) {
  return db.selectFrom('report_commentary').selectAll().where('report_id', '=', reportId).execute()
}

export async function saveCommentary(
  trx: Tx,
  actor: Actor,
  reportId: number,
  strandId: number,
  note: { commentary: string; impact: string },
  /** Set when the quarter's reporting round is reopened: why, for the audit trail. */
  auditNote = '',
) {
  const before = await trx
    .selectFrom('report_commentary')
    .select(['commentary', 'impact'])
    .where('report_id', '=', reportId)
    .where('strand_id', '=', strandId)
    .executeTakeFirst()
  await trx
    .insertInto('report_commentary')
    .values({ report_id: reportId, strand_id: strandId, ...note, updated_by: actor.userId })
    .onConflict((oc) =>
      oc.columns(['report_id', 'strand_id']).doUpdateSet({ ...note, updated_by: actor.userId, updated_at: new Date() }),
    )
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'report_commentary',
    entityId: `${reportId}:${strandId}`,
    action: before ? 'update' : 'create',
    summary: `Edited the strand commentary in report ${reportId}${auditNote ? `; ${auditNote}` : ''}`,
    before,
    after: note,
  })
}

export async function listOverrides(db: DbOrTx, reportId: number) {
  return db
    .selectFrom('report_override')
    .leftJoin('app_user', 'app_user.id', 'report_override.set_by')
    .selectAll('report_override')
    .select('app_user.display_name as set_by_name')
    .where('report_override.report_id', '=', reportId)
    .execute()
}

export async function setOverride(
  trx: Tx,
  actor: Actor,
  reportId: number,
  o: {
    entityType: 'strand' | 'objective'
    entityId: number
    rag: 'red' | 'amber' | 'green' | 'derived'
    reason: string
  },
  /** Set when the quarter's reporting round is reopened: why, for the audit trail. */
  auditNote = '',
) {
  const before = await trx
    .selectFrom('report_override')
    .select(['rag', 'reason'])
    .where('report_id', '=', reportId)
    .where('entity_type', '=', o.entityType)
    .where('entity_id', '=', o.entityId)
    .executeTakeFirst()
  const rag = o.rag
  if (rag === 'derived') {
    await trx
      .deleteFrom('report_override')
      .where('report_id', '=', reportId)
      .where('entity_type', '=', o.entityType)
      .where('entity_id', '=', o.entityId)
      .execute()
  } else {
    await trx
      .insertInto('report_override')
      .values({
        report_id: reportId,
        entity_type: o.entityType,
        entity_id: o.entityId,
        rag,
        reason: o.reason,
        set_by: actor.userId,
      })
      .onConflict((oc) =>
        oc
          .columns(['report_id', 'entity_type', 'entity_id'])
          .doUpdateSet({ rag, reason: o.reason, set_by: actor.userId, set_at: new Date() }),
      )
      .execute()
  }
  await recordAudit(trx, actor, {
    entityType: 'report_override',
    entityId: `${reportId}:${o.entityType}:${o.entityId}`,
    action: o.rag === 'derived' ? 'delete' : before ? 'update' : 'create',
    summary:
      (o.rag === 'derived'
        ? `Removed a status override in report ${reportId}`
        : `Set ${o.entityType} status to ${o.rag} by hand in report ${reportId}`) + (auditNote ? `; ${auditNote}` : ''),
    before,
    after: o.rag === 'derived' ? undefined : { rag: o.rag, reason: o.reason },
  })
}

/**
 * Freezes an approved report: its content as it is now is stored, and it can never change again. A
 * correction's publication marks the revision it corrects as superseded.
 */
export async function publishReport(trx: Tx, actor: Actor, report: ReportRow, content: ReportContent) {
  // Still approved? (Someone may have returned it meanwhile.) Locked until the transaction ends.
  const current = await trx
    .selectFrom('report')
    .select('status')
    .where('id', '=', report.id)
    .forUpdate()
    .executeTakeFirst()
  if (current?.status !== 'approved') return false
  // The revision this corrects steps aside first: one report in force per quarter.
  if (report.corrects_report_id)
    await trx
      .updateTable('report')
      .set({ status: 'superseded', public_at: null, public_by: null })
      .where('id', '=', report.corrects_report_id)
      .where('status', '=', 'published')
      .execute()
  await trx
    .updateTable('report')
    .set({
      status: 'published',
      snapshot: jsonb(content),
      published_by: actor.userId,
      published_at: new Date(),
      updated_at: new Date(),
    })
    .where('id', '=', report.id)
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'report',
    entityId: report.id,
    action: 'publish',
    summary: `Published the ${content.quarter.label} progress report${
      report.revision > 1
        ? `, revision ${report.revision}, superseding the one before: ${report.correction_reason}`
        : ''
    }`,
  })
  return true
}

/** A council by its slug, for its public pages (which need no sign-in). */
export async function findCouncilBySlug(db: DbOrTx, slug: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'slug', 'name'])
    .where('slug', '=', slug)
    .where('kind', '=', 'council')
    .executeTakeFirst()
}

/** What a report's cover names beyond its own row: who approved it, and the revision it corrects. */
export async function coverFacts(
  db: DbOrTx,
  report: Pick<ReportRow, 'approved_by' | 'corrects_report_id'>,
): Promise<{ approvedBy: string | null; correctedRevision: number | null }> {
  const approver = report.approved_by
    ? await db.selectFrom('app_user').select('display_name').where('id', '=', report.approved_by).executeTakeFirst()
    : undefined
  const corrected = report.corrects_report_id
    ? await db.selectFrom('report').select('revision').where('id', '=', report.corrects_report_id).executeTakeFirst()
    : undefined
  return { approvedBy: approver?.display_name ?? null, correctedRevision: corrected?.revision ?? null }
}

/**
 * How a quarter's report reads the plan when the quarter has a reporting round: as at the moment the round
 * locked (the updates owners made during the round belong to the quarter; later edits do not), or as now while
 * the round is still collecting them. Undefined without a round: the report reads the plan at the quarter's end.
 * A reopened round keeps the moment it first locked (or was last locked again).
 */
export async function roundReading(
  db: DbOrTx,
  organisationId: number,
  quarterStart: string,
  now: Date,
): Promise<{ asAt: Date; basis: 'round-locked' | 'round-open' } | undefined> {
  const round = await db
    .selectFrom('reporting_round')
    .select(['locks_on', 'locked_at', 'unlocked_at'])
    .where('organisation_id', '=', organisationId)
    .where('quarter_start', '=', quarterStart)
    .executeTakeFirst()
  if (!round) return undefined
  if (isRoundLocked(round, todayIso(now)) || round.unlocked_at !== null)
    return { asAt: lockTookEffectAt(round), basis: 'round-locked' }
  return { asAt: now, basis: 'round-open' }
}

/** The council's edition (what members of the council download) or the public edition (report.pdf). */
export type ReportEdition = 'council' | 'public'

/** The formats a report is downloaded in. */
export type ReportFileFormat = 'pdf' | 'docx' | 'xlsx'

/**
 * The file kept for a published report's edition and format, if it was made from the content with this hash. Read
 * as base64 text: the embedded database hands bytea over as hex, decoded byte by byte in JavaScript (half a second
 * of the main thread for a 3 MB PDF), where base64 is decoded natively.
 */
export async function findKeptFile(
  db: DbOrTx,
  reportId: number,
  edition: ReportEdition,
  format: ReportFileFormat,
  contentHash: string,
): Promise<Buffer | undefined> {
  const kept = await db
    .selectFrom('report_file')
    .select(sql<string>`encode(body, 'base64')`.as('body'))
    .where('report_id', '=', reportId)
    .where('edition', '=', edition)
    .where('format', '=', format)
    .where('content_hash', '=', contentHash)
    .executeTakeFirst()
  return kept ? Buffer.from(kept.body, 'base64') : undefined
}

/** Keeps a published report's file, in place of one made from other content. */
export async function keepFile(
  db: DbOrTx,
  reportId: number,
  edition: ReportEdition,
  format: ReportFileFormat,
  contentHash: string,
  body: Buffer,
): Promise<void> {
  await db
    .insertInto('report_file')
    .values({ report_id: reportId, edition, format, content_hash: contentHash, body })
    .onConflict((oc) =>
      oc
        .columns(['report_id', 'edition', 'format'])
        .doUpdateSet({ content_hash: contentHash, body, created_at: new Date() }),
    )
    .execute()
}
