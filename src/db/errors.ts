// Errors from the database that a page answers as a form error rather than a 500.
import { sql, type RawBuilder, type SqlBool } from 'kysely'

/**
 * A unique constraint refused a row (PostgreSQL error 23505; PGlite reports it the same way): two people
 * created the same code at once, or one differing only in case. `constraint` names the index when given.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (error === null || typeof error !== 'object') return false
  const e = error as { code?: unknown; constraint?: unknown }
  return e.code === '23505' && (constraint === undefined || e.constraint === constraint)
}

/** A record changed since the form that edits it was opened: the save is refused, keeping what was typed. */
export class EditConflictError extends Error {
  constructor() {
    super('The record changed since the form was opened')
  }
}

/**
 * The version an edit form carries for a row: its `updated_at` to the millisecond (every save sets it, so a
 * save by someone else since the form was opened changes it).
 */
export function versionOf(row: { updated_at: Date | string }): string {
  return new Date(row.updated_at).toISOString()
}

/**
 * A condition for an update: the row is still at the version the form was opened at. Undefined expected
 * (a request without the hidden field) adds no condition.
 */
export function stillAt(expected: string | undefined, column = 'updated_at'): RawBuilder<SqlBool> {
  if (expected === undefined) return sql<SqlBool>`true`
  return sql<SqlBool>`date_trunc('milliseconds', ${sql.ref(column)}) = ${expected}::timestamptz`
}
