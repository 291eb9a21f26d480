// The audit trail: who changed what, when, with the values before and after. Every change to plan,
// measure, report or user data calls recordAudit with the transaction that makes the change, so the
// entry commits with the change or not at all (the type allows nothing but a transaction).
import type { AuditAction } from '../db/database.js'
import { jsonb, type DbOrTx, type Tx } from '../db/connect.js'
import { addDays } from '../shared/calendar.js'

/** A person making a change in one council. */
export interface Actor {
  userId: number
  organisationId: number
}

/** Who a change is recorded against: a person in a council, or the system (nulls) at start-up. */
export interface AuditActor {
  userId: number | null
  organisationId: number | null
}

export interface AuditChange {
  entityType: string
  entityId: string | number
  action: AuditAction
  summary: string
  before?: unknown
  after?: unknown
}

/**
 * Records one change, or many (an import), in the same transaction as the change itself. Many are
 * written in chunks to keep each statement a sensible size.
 */
export async function recordAudit(trx: Tx, actor: AuditActor, changes: AuditChange | AuditChange[]): Promise<void> {
  const list = Array.isArray(changes) ? changes : [changes]
  for (let i = 0; i < list.length; i += 1000) {
    await trx
      .insertInto('audit_log')
      .values(
        list.slice(i, i + 1000).map((change) => ({
          organisation_id: actor.organisationId,
          user_id: actor.userId,
          entity_type: change.entityType,
          entity_id: String(change.entityId),
          action: change.action,
          summary: change.summary,
          before: change.before === undefined ? null : jsonb(stripTimestamps(change.before)),
          after: change.after === undefined ? null : jsonb(stripTimestamps(change.after)),
        })),
      )
      .execute()
  }
}

/**
 * updated_at changes on every save and says nothing the audit entry's own time does not. A value without one is
 * passed as it is: copying an import's before and after (a thousand periods each) would cost more than writing them.
 */
function stripTimestamps(value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value
  if (Object.getPrototypeOf(value) === Object.prototype && !Object.hasOwn(value, 'updated_at')) return value
  const { updated_at: _updated, ...rest } = value as Record<string, unknown>
  return rest
}

/**
 * Changes made at service level that concern every council (a national release loaded by the service
 * administrator): recorded once with no council, and shown in every council's trail.
 */
export const SERVICE_WIDE_ENTITY_TYPES = ['national release'] as const

export interface AuditFilter {
  /** A council, or null for entries at service level (no council). */
  organisationId: number | null
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
    .where((eb) =>
      filter.organisationId === null
        ? eb('audit_log.organisation_id', 'is', null)
        : eb.or([
            eb('audit_log.organisation_id', '=', filter.organisationId),
            eb.and([
              eb('audit_log.organisation_id', 'is', null),
              eb('audit_log.entity_type', 'in', SERVICE_WIDE_ENTITY_TYPES),
            ]),
          ]),
    )
  if (filter.entityType) query = query.where('audit_log.entity_type', '=', filter.entityType)
  if (filter.action) query = query.where('audit_log.action', '=', filter.action)
  if (filter.userId) query = query.where('audit_log.user_id', '=', filter.userId)
  if (filter.from) query = query.where('audit_log.at', '>=', new Date(`${filter.from}T00:00:00Z`))
  if (filter.to) query = query.where('audit_log.at', '<', new Date(`${addDays(filter.to, 1)}T00:00:00Z`))

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
    .where((eb) =>
      eb.or([
        eb('organisation_id', '=', organisationId),
        eb.and([eb('organisation_id', 'is', null), eb('entity_type', 'in', SERVICE_WIDE_ENTITY_TYPES)]),
      ]),
    )
    .orderBy('entity_type')
    .execute()
  return rows.map((r) => r.entity_type)
}

/** The people who have changed something in the council, for the "who" filter. */
export async function listAuditUsers(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('app_user')
    .select(['app_user.id', 'app_user.display_name'])
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('audit_log')
          .select('audit_log.id')
          .whereRef('audit_log.user_id', '=', 'app_user.id')
          .where('audit_log.organisation_id', '=', organisationId),
      ),
    )
    .orderBy('app_user.display_name')
    .execute()
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
