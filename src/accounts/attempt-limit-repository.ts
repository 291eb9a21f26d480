// Failed attempts at limited things (src/accounts/attempt-limiter.ts), one row each, in the database so that every
// process sharing it counts the same attempts.
import type { Db, DbOrTx } from '../db/connect.js'

/** How many failures `key` has had since `since`. */
export async function countFailuresSince(db: DbOrTx, key: string, since: Date): Promise<number> {
  const row = await db
    .selectFrom('attempt_failure')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('key', '=', key)
    .where('failed_at', '>', since)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export async function insertFailure(db: DbOrTx, key: string, at: Date): Promise<void> {
  await db.insertInto('attempt_failure').values({ key, failed_at: at }).execute()
}

export async function deleteFailures(db: DbOrTx, key: string): Promise<void> {
  await db.deleteFrom('attempt_failure').where('key', '=', key).execute()
}

/** Forgets failures at or before `before`: run from the background jobs. Returns how many rows went. */
export async function pruneFailuresBefore(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('attempt_failure').where('failed_at', '<=', before).executeTakeFirst()
  return Number(result.numDeletedRows)
}
