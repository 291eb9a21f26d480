// express-session store kept in the database, so sessions survive restarts and work across instances.
import session from 'express-session'
import type { Db } from '../db/connect.js'
import { jsonb } from '../db/connect.js'

const DEFAULT_TTL_MS = 8 * 60 * 60 * 1000

export class DatabaseSessionStore extends session.Store {
  readonly #db: Db

  constructor(db: Db) {
    super()
    this.#db = db
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    this.#db
      .selectFrom('session')
      .select('data')
      .where('sid', '=', sid)
      .where('expires_at', '>', new Date())
      .executeTakeFirst()
      .then((row) => callback(null, (row?.data as session.SessionData | undefined) ?? null), callback)
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    const expiresAt = expiry(data)
    this.#db
      .insertInto('session')
      .values({ sid, data: jsonb(data), expires_at: expiresAt })
      .onConflict((oc) => oc.column('sid').doUpdateSet({ data: jsonb(data), expires_at: expiresAt }))
      .execute()
      .then(() => callback?.(), callback)
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    this.#db
      .deleteFrom('session')
      .where('sid', '=', sid)
      .execute()
      .then(() => callback?.(), callback)
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    this.#db
      .updateTable('session')
      .set({ expires_at: expiry(data) })
      .where('sid', '=', sid)
      .execute()
      .then(
        () => callback?.(),
        () => callback?.(),
      )
  }

  /** Remove expired sessions; called periodically. */
  async prune(): Promise<void> {
    await this.#db.deleteFrom('session').where('expires_at', '<=', new Date()).execute()
  }
}

function expiry(data: session.SessionData): Date {
  const cookieExpiry = data.cookie?.expires
  return cookieExpiry ? new Date(cookieExpiry) : new Date(Date.now() + DEFAULT_TTL_MS)
}
