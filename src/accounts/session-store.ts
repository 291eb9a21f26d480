// express-session's store, over the session table (src/accounts/session-repository.ts).
import session from 'express-session'
import type { Db } from '../db/connect.js'
import { deleteExpiredSessions, deleteSession, extendSession, findSession, saveSession } from './session-repository.js'

const DEFAULT_TTL_MS = 8 * 60 * 60 * 1000

export class DatabaseSessionStore extends session.Store {
  readonly #db: Db

  constructor(db: Db) {
    super()
    this.#db = db
  }

  override get(sid: string, callback: (err: unknown, session?: session.SessionData | null) => void): void {
    findSession(this.#db, sid, new Date()).then(
      (data) => callback(null, (data as session.SessionData | undefined) ?? null),
      callback,
    )
  }

  override set(sid: string, data: session.SessionData, callback?: (err?: unknown) => void): void {
    void saveSession(this.#db, sid, data, expiry(data)).then(() => callback?.(), callback)
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    void deleteSession(this.#db, sid).then(() => callback?.(), callback)
  }

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    extendSession(this.#db, sid, expiry(data)).then(
      () => callback?.(),
      () => callback?.(),
    )
  }

  /** Remove expired sessions; called periodically. */
  async prune(): Promise<void> {
    await deleteExpiredSessions(this.#db, new Date())
  }
}

function expiry(data: session.SessionData): Date {
  const cookieExpiry = data.cookie?.expires
  return cookieExpiry ? new Date(cookieExpiry) : new Date(Date.now() + DEFAULT_TTL_MS)
}
