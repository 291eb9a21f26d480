// Slows password guessing without letting anyone lock a person out. Failed sign-ins are counted in the
// database (so every process sharing it sees the same counts) under two keys: the email typed (lower case,
// whether or not it has an account, so the answer never reveals that) and the client address. Once a key
// has THRESHOLD failures, its next attempt is not checked until a delay has passed since the last failure:
// 1 s, then doubling with each further failure, never more than MAX_DELAY_MS. A key with no failure for
// FORGET_AFTER_MS starts again from zero, and such rows are pruned by a background job.
import { sql } from 'kysely'
import type { DbOrTx } from '../db/connect.js'

export const ACCOUNT_THRESHOLD = 5
/** Higher than an account's: one office behind one address may have several people mistyping. */
export const ADDRESS_THRESHOLD = 20
export const FIRST_DELAY_MS = 1000
export const MAX_DELAY_MS = 15 * 60 * 1000
/** Longer than the longest delay, so a delay always runs out before its count is forgotten. */
export const FORGET_AFTER_MS = 60 * 60 * 1000

export type ThrottleKind = 'account' | 'address'

export const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`
export const addressKey = (address: string | undefined) => `address:${address ?? 'unknown'}`

/** How long a key must wait after its last failure, given how many failures it has had. */
export function delayAfter(failures: number, threshold: number): number {
  if (failures < threshold) return 0
  const doublings = Math.min(failures - threshold, 30) // the cap is reached long before 2 ** 30
  return Math.min(FIRST_DELAY_MS * 2 ** doublings, MAX_DELAY_MS)
}

export interface KeyState {
  /** Failures still remembered (0 once forgotten). */
  failures: number
  /** Milliseconds left before the key may try again (0 when it may try now). */
  waitMs: number
}

export interface ThrottleState {
  account: KeyState
  address: KeyState
}

const thresholdOf = (kind: ThrottleKind) => (kind === 'account' ? ACCOUNT_THRESHOLD : ADDRESS_THRESHOLD)

function stateOf(row: { failures: number; last_failure_at: Date } | undefined, kind: ThrottleKind, now: Date) {
  if (!row) return { failures: 0, waitMs: 0 }
  const since = now.getTime() - new Date(row.last_failure_at).getTime()
  if (since >= FORGET_AFTER_MS) return { failures: 0, waitMs: 0 }
  return { failures: row.failures, waitMs: Math.max(0, delayAfter(row.failures, thresholdOf(kind)) - since) }
}

/** Where an email and an address stand, read in one query. */
export async function throttleState(db: DbOrTx, email: string, address: string | undefined, now: Date) {
  const keys = { account: accountKey(email), address: addressKey(address) }
  const rows = await db
    .selectFrom('sign_in_throttle')
    .select(['key', 'failures', 'last_failure_at'])
    .where('key', 'in', [keys.account, keys.address])
    .execute()
  const row = (key: string) => rows.find((r) => r.key === key)
  return {
    account: stateOf(row(keys.account), 'account', now),
    address: stateOf(row(keys.address), 'address', now),
  } satisfies ThrottleState
}

/**
 * Whether this attempt must wait, and for how long. An address that is being delayed always waits. An account
 * that is being delayed waits too, unless the attempt comes from an address with no failures remembered:
 * otherwise anyone who knows an email could keep its owner out for good by failing once every few minutes,
 * whereas the owner signing in from their usual (clean) address is let through to have the password checked.
 * An attacker gains little from this: each new address has one such attempt, after which it has a failure
 * and waits like any other, and the address counts still limit guessing from any one place.
 */
export function mustWait(state: ThrottleState): number {
  if (state.address.waitMs > 0) return state.address.waitMs
  if (state.account.waitMs > 0 && state.address.failures > 0) return state.account.waitMs
  return 0
}

/**
 * Counts a failure against both keys, atomically (two processes failing at once both count). Returns which
 * keys have just reached their threshold: throttling engages for them now, which the caller audits.
 */
export async function recordFailure(
  db: DbOrTx,
  email: string,
  address: string | undefined,
  now: Date,
): Promise<ThrottleKind[]> {
  const forgetBefore = new Date(now.getTime() - FORGET_AFTER_MS)
  const engaged: ThrottleKind[] = []
  for (const kind of ['account', 'address'] as const) {
    const key = kind === 'account' ? accountKey(email) : addressKey(address)
    const row = await db
      .insertInto('sign_in_throttle')
      .values({ key, failures: 1, last_failure_at: now })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({
          failures: sql<number>`case when sign_in_throttle.last_failure_at <= ${forgetBefore} then 1
            else sign_in_throttle.failures + 1 end`,
          last_failure_at: now,
        }),
      )
      .returning('failures')
      .executeTakeFirstOrThrow()
    if (row.failures === thresholdOf(kind)) engaged.push(kind)
  }
  return engaged
}

/**
 * A successful sign-in clears the account's count. Not the address's: otherwise someone guessing other
 * people's passwords could wipe their own record by signing in to an account of their own now and then.
 */
export async function clearAccount(db: DbOrTx, email: string): Promise<void> {
  await db.deleteFrom('sign_in_throttle').where('key', '=', accountKey(email)).execute()
}

/** Forgets keys quiet for FORGET_AFTER_MS: run from the background jobs. Returns how many rows went. */
export async function pruneSignInThrottle(db: DbOrTx, now: Date): Promise<number> {
  const result = await db
    .deleteFrom('sign_in_throttle')
    .where('last_failure_at', '<=', new Date(now.getTime() - FORGET_AFTER_MS))
    .executeTakeFirst()
  return Number(result.numDeletedRows)
}

/** "2 minutes", "45 seconds": always rounded up, so the wait has passed when the person tries again. */
export function describeWait(ms: number): string {
  if (ms > 60_000) {
    const minutes = Math.ceil(ms / 60_000)
    return `${minutes} minutes`
  }
  const seconds = Math.max(1, Math.ceil(ms / 1000))
  return seconds === 60 ? '1 minute' : `${seconds} ${seconds === 1 ? 'second' : 'seconds'}`
}
