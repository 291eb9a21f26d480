import type { AuditAction } from '../db/database.js'
import { jsonb, type DbOrTx } from '../db/connect.js'

export interface AuditEvent {
  organisationId: number | null
  userId: number | null
  entityType: string
  entityId: string | number
  action: AuditAction
  summary: string
  before?: unknown
  after?: unknown
}

/** Record a change. Call it with the same transaction handle as the change itself. */
export async function recordAudit(db: DbOrTx, event: AuditEvent): Promise<void> {
  await recordAuditMany(db, [event])
}

/** Record many changes at once (imports), in chunks to keep each statement a sensible size. */
export async function recordAuditMany(db: DbOrTx, events: AuditEvent[]): Promise<void> {
  for (let i = 0; i < events.length; i += 1000) {
    await db
      .insertInto('audit_log')
      .values(
        events.slice(i, i + 1000).map((event) => ({
          organisation_id: event.organisationId,
          user_id: event.userId,
          entity_type: event.entityType,
          entity_id: String(event.entityId),
          action: event.action,
          summary: event.summary,
          before: event.before === undefined ? null : jsonb(stripTimestamps(event.before)),
          after: event.after === undefined ? null : jsonb(stripTimestamps(event.after)),
        })),
      )
      .execute()
  }
}

/** updated_at changes on every save and says nothing the audit entry's own time does not. */
function stripTimestamps(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  const { updated_at: _updated, ...rest } = value as Record<string, unknown>
  return rest
}

export interface AuditFilter {
  organisationId: number
  entityType?: string | undefined
  action?: AuditAction | undefined
  userId?: number | undefined
  from?: string | undefined
  to?: string | undefined
  page: number
  pageSize: number
}

export async function listAudit(db: DbOrTx, filter: AuditFilter) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('app_user', 'app_user.id', 'audit_log.user_id')
    .where('audit_log.organisation_id', '=', filter.organisationId)
  if (filter.entityType) query = query.where('audit_log.entity_type', '=', filter.entityType)
  if (filter.action) query = query.where('audit_log.action', '=', filter.action)
  if (filter.userId) query = query.where('audit_log.user_id', '=', filter.userId)
  if (filter.from) query = query.where('audit_log.at', '>=', new Date(`${filter.from}T00:00:00Z`))
  if (filter.to)
    query = query.where('audit_log.at', '<', new Date(new Date(`${filter.to}T00:00:00Z`).getTime() + 86_400_000))

  const [rows, total] = await Promise.all([
    query
      .select([
        'audit_log.id',
        'audit_log.at',
        'audit_log.entity_type',
        'audit_log.entity_id',
        'audit_log.action',
        'audit_log.summary',
        'audit_log.before',
        'audit_log.after',
        'app_user.display_name as user_name',
        'app_user.email as user_email',
      ])
      .orderBy('audit_log.at', 'desc')
      .orderBy('audit_log.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.count) }
}

export async function auditEntityTypes(db: DbOrTx, organisationId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('entity_type')
    .distinct()
    .where('organisation_id', '=', organisationId)
    .orderBy('entity_type')
    .execute()
  return rows.map((r) => r.entity_type)
}

/** Field-by-field differences between an entry's before and after, for display. */
export function changedFields(
  before: unknown,
  after: unknown,
): Array<{ field: string; before: string; after: string }> {
  const b = (before ?? {}) as Record<string, unknown>
  const a = (after ?? {}) as Record<string, unknown>
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])]
  return fields
    .filter((f) => JSON.stringify(b[f] ?? null) !== JSON.stringify(a[f] ?? null))
    .map((field) => ({ field, before: display(b[field]), after: display(a[field]) }))
}

function display(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (typeof value === 'string') return value
  return JSON.stringify(value)
}
