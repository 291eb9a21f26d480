// Sessions kept in the database, so they survive restarts and work across several app processes.
import { sql } from 'kysely'
import type { Db, DbOrTx } from '../db/connect.js'
import { jsonb } from '../db/connect.js'

export async function findSession(db: Db, sid: string, now: Date) {
  const row = await db
    .selectFrom('session')
    .select('data')
    .where('sid', '=', sid)
    .where('expires_at', '>', now)
    .executeTakeFirst()
  return row?.data
}

export async function saveSession(db: Db, sid: string, data: unknown, expiresAt: Date) {
  await db
    .insertInto('session')
    .values({ sid, data: jsonb(data), expires_at: expiresAt })
    .onConflict((oc) => oc.column('sid').doUpdateSet({ data: jsonb(data), expires_at: expiresAt }))
    .execute()
}

export async function deleteSession(db: Db, sid: string) {
  await db.deleteFrom('session').where('sid', '=', sid).execute()
}

export async function extendSession(db: Db, sid: string, expiresAt: Date) {
  await db.updateTable('session').set({ expires_at: expiresAt }).where('sid', '=', sid).execute()
}

export async function deleteExpiredSessions(db: Db, now: Date) {
  await db.deleteFrom('session').where('expires_at', '<=', now).execute()
}

/**
 * Ends a person's sessions (every one, or all but the one they are using): they are signed out everywhere
 * at their next request. A session holds the person's id in its data as `userId`.
 */
export async function deleteUserSessions(db: DbOrTx, userId: number, exceptSid?: string) {
  let query = db.deleteFrom('session').where(sql<string>`data->>'userId'`, '=', String(userId))
  if (exceptSid) query = query.where('sid', '<>', exceptSid)
  const result = await query.executeTakeFirst()
  return Number(result.numDeletedRows)
}
