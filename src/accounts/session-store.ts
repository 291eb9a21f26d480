// express-session's store, over the session table (src/accounts/session-repository.ts).
// A session ends after SESSION_IDLE_MS without a request (the cookie rolls forward on each one), and in any
// case SESSION_ABSOLUTE_MS after signing in: the row's expiry is the earlier of the two, expired rows are
// never read, and a background job deletes them (sessionPruneJob).
import session from 'express-session'
import type { Db } from '../db/connect.js'
import { deleteExpiredSessions, deleteSession, extendSession, findSession, saveSession } from './session-repository.js'

export const SESSION_IDLE_MS = 2 * 60 * 60 * 1000
export const SESSION_ABSOLUTE_MS = 12 * 60 * 60 * 1000
const SESSION_PRUNE_EVERY_MS = 15 * 60 * 1000
const TOUCH_AT_MOST_EVERY_MS = 60 * 1000

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
    void saveSession(this.#db, sid, data, sessionExpiry(data)).then(() => callback?.(), callback)
  }

  override destroy(sid: string, callback?: (err?: unknown) => void): void {
    void deleteSession(this.#db, sid).then(() => callback?.(), callback)
  }

  // Rolling the idle expiry forward is a write; a busy person makes many requests a minute. Write it at most once
  // a minute per session (per process): the row may then expire up to a minute before the cookie says.
  readonly #touchedAt = new Map<string, number>()

  override touch(sid: string, data: session.SessionData, callback?: () => void): void {
    const now = Date.now()
    const last = this.#touchedAt.get(sid)
    if (last !== undefined && now - last < TOUCH_AT_MOST_EVERY_MS) return void callback?.()
    if (this.#touchedAt.size >= 10_000) {
      for (const [key, at] of this.#touchedAt) if (now - at >= TOUCH_AT_MOST_EVERY_MS) this.#touchedAt.delete(key)
    }
    this.#touchedAt.set(sid, now)
    extendSession(this.#db, sid, sessionExpiry(data)).then(
      () => callback?.(),
      () => callback?.(),
    )
  }
}

/** When a session's row stops being valid: its idle expiry, but never later than the absolute limit. */
export function sessionExpiry(data: Partial<session.SessionData>, now: Date = new Date()): Date {
  const cookieExpiry = data.cookie?.expires
  const idle = cookieExpiry ? new Date(cookieExpiry) : new Date(now.getTime() + SESSION_IDLE_MS)
  if (data.signedInAt === undefined) return idle
  const absolute = new Date(data.signedInAt + SESSION_ABSOLUTE_MS)
  return absolute < idle ? absolute : idle
}

/** True once a signed-in session has passed its absolute limit (checked on every request as well). */
export function pastAbsoluteLimit(signedInAt: number | undefined, now: Date = new Date()): boolean {
  return signedInAt !== undefined && now.getTime() >= signedInAt + SESSION_ABSOLUTE_MS
}

/** The background job that deletes expired session rows. */
export function sessionPruneJob(db: Db) {
  return {
    name: 'expired sessions',
    everyMs: SESSION_PRUNE_EVERY_MS,
    run: async (now: Date) => void (await deleteExpiredSessions(db, now)),
  }
}
