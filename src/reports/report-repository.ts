import { jsonb, type DbOrTx, type Tx } from '../db/connect.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import type { ReportContent } from './report-snapshot.js'

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

/** The draft for a quarter, created if there is none. */
export async function draftFor(trx: Tx, actor: Actor, quarterStart: string) {
  const existing = await trx
    .selectFrom('report')
    .selectAll()
    .where('organisation_id', '=', actor.organisationId)
    .where('quarter_start', '=', quarterStart)
    .where('status', '=', 'draft')
    .executeTakeFirst()
  if (existing) return existing
  const created = await trx
    .insertInto('report')
    .values({ organisation_id: actor.organisationId, quarter_start: quarterStart, created_by: actor.userId })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'report',
    entityId: created.id,
    action: 'create',
    summary: `Started the report for ${quarterStart}`,
  })
  return created
}

export async function lastPublished(db: DbOrTx, organisationId: number, before?: { quarterStart: string }) {
  let q = db
    .selectFrom('report')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('status', '=', 'published')
  if (before) q = q.where('quarter_start', '<=', before.quarterStart)
  return q.orderBy('quarter_start', 'desc').orderBy('published_at', 'desc').executeTakeFirst()
}

export async function saveNarrative(
  trx: Tx,
  actor: Actor,
  report: ReportRow,
  narrative: { summary: string; recommendations: string; decisions: string },
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
    before: { summary: report.summary, recommendations: report.recommendations, decisions: report.decisions },
    after: narrative,
  })
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
    summary: `Edited the strand commentary in report ${reportId}`,
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
      o.rag === 'derived'
        ? `Removed a status override in report ${reportId}`
        : `Set ${o.entityType} status to ${o.rag} by hand in report ${reportId}`,
    before,
    after: o.rag === 'derived' ? undefined : { rag: o.rag, reason: o.reason },
  })
}

/** Freezes a draft: its content as it is now is stored, and it can never change again. */
export async function publishReport(trx: Tx, actor: Actor, report: ReportRow, content: ReportContent) {
  const published = await trx
    .updateTable('report')
    .set({
      status: 'published',
      snapshot: jsonb(content),
      published_by: actor.userId,
      published_at: new Date(),
      updated_at: new Date(),
    })
    .where('id', '=', report.id)
    .where('status', '=', 'draft')
    .returning('id')
    .executeTakeFirst()
  if (!published) return false
  await recordAudit(trx, actor, {
    entityType: 'report',
    entityId: report.id,
    action: 'publish',
    summary: `Published the ${content.quarter.label} progress report`,
  })
  return true
}
