// Limits repeated attempts at one thing (changing the password from a signed-in session, asking for reset mail
// for one address): after 5 in 15 minutes, that key is refused until the oldest of them is 15 minutes old. The
// failures are kept in the database (attempt-limit-repository.ts), so every process sharing it counts them
// together, and a restart forgets nothing. Sign-in itself is throttled separately (sign-in-throttle-repository.ts).
import type { Db } from '../db/connect.js'
import { countFailuresSince, deleteFailures, insertFailure, pruneFailuresBefore } from './attempt-limit-repository.js'

export const ATTEMPT_WINDOW_MS = 15 * 60 * 1000
export const MAX_FAILURES = 5

export class AttemptLimiter {
  readonly #db: Db
  readonly #now: () => Date

  constructor(db: Db, now: () => Date = () => new Date()) {
    this.#db = db
    this.#now = now
  }

  async isLocked(key: string): Promise<boolean> {
    const since = new Date(this.#now().getTime() - ATTEMPT_WINDOW_MS)
    return (await countFailuresSince(this.#db, key, since)) >= MAX_FAILURES
  }

  async recordFailure(key: string): Promise<void> {
    await insertFailure(this.#db, key, this.#now())
  }

  async reset(key: string): Promise<void> {
    await deleteFailures(this.#db, key)
  }
}

/** The background job that forgets failures older than the window (they no longer count). */
export function attemptLimitPruneJob(db: Db) {
  return {
    name: 'attempt limits',
    everyMs: 60 * 60_000,
    run: async (now: Date) => void (await pruneFailuresBefore(db, new Date(now.getTime() - ATTEMPT_WINDOW_MS))),
  }
}
