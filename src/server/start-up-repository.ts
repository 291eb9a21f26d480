// The lock that lets one process at a time prepare a shared PostgreSQL database at start-up (migrations, the demo,
// the first load of the national statistics). Without it, processes started together on an empty database would
// each find it empty and each load the demo.
import { sql } from 'kysely'
import type { DatabaseHandle } from '../db/connect.js'

/**
 * Runs `prepare` while holding a PostgreSQL session advisory lock on one pooled connection: a second process
 * waits here until the first has finished, then finds the work done. The lock goes with the connection, so a
 * process that dies while preparing frees it. On PGlite (one process, its data folder locked) it just runs.
 */
export async function withStartUpLock<T>(database: DatabaseHandle, prepare: () => Promise<T>): Promise<T> {
  if (database.kind !== 'postgres') return prepare()
  return database.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(hashtext('turnaround start-up'))`.execute(connection)
    try {
      // The work runs on the pool's other connections; this one only holds the lock.
      return await prepare()
    } finally {
      await sql`select pg_advisory_unlock(hashtext('turnaround start-up'))`.execute(connection)
    }
  })
}
