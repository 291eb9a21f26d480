// Single-use, time-limited tokens for links sent by email (src/accounts/account-tokens.ts makes them).
import { sql } from 'kysely'
import type { DbOrTx, Tx } from '../db/connect.js'
import type { TokenPurpose } from '../db/database.js'
import { hashToken, isTokenShaped, newToken, tokenExpiry } from './account-tokens.js'

export interface IssuedToken {
  /** The token itself, for the link: it is not stored anywhere. */
  token: string
  expiresAt: Date
}

/**
 * Issue a token for a person. Their earlier unused links of the same kind stop working (they are marked
 * expired now), so only the newest email's link works.
 */
export async function issueToken(
  trx: Tx,
  input: { userId: number; purpose: TokenPurpose; createdBy: number | null; now?: Date },
): Promise<IssuedToken> {
  const now = input.now ?? new Date()
  await expireUnusedTokens(trx, input.userId, now, input.purpose)
  const token = newToken()
  const expiresAt = tokenExpiry(input.purpose, now)
  await trx
    .insertInto('account_token')
    .values({
      user_id: input.userId,
      purpose: input.purpose,
      token_hash: hashToken(token),
      expires_at: expiresAt,
      created_by: input.createdBy,
      created_at: now,
    })
    .execute()
  return { token, expiresAt }
}

/** A person's unused links stop working (of one kind, or of every kind). */
export async function expireUnusedTokens(trx: Tx, userId: number, now: Date, purpose?: TokenPurpose) {
  let query = trx
    .updateTable('account_token')
    .set({ expires_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
  if (purpose) query = query.where('purpose', '=', purpose)
  await query.execute()
}

export type TokenState = { state: 'valid'; userId: number; expiresAt: Date } | { state: 'used' | 'expired' | 'unknown' }

/** What a link's token is, without using it up: for showing the page the link opens. */
export async function checkToken(
  db: DbOrTx,
  token: unknown,
  purpose: TokenPurpose,
  now = new Date(),
): Promise<TokenState> {
  if (!isTokenShaped(token)) return { state: 'unknown' }
  const row = await db
    .selectFrom('account_token')
    .select(['user_id', 'expires_at', 'used_at'])
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .executeTakeFirst()
  if (!row) return { state: 'unknown' }
  if (row.used_at) return { state: 'used' }
  const expiresAt = new Date(row.expires_at)
  if (expiresAt <= now) return { state: 'expired' }
  return { state: 'valid', userId: row.user_id, expiresAt }
}

/**
 * Use a token up, in the transaction that acts on it (setting the password). Atomic: of two requests with
 * the same token, one gets the person's id and the other undefined. An expired or used token gives undefined.
 */
export async function consumeToken(
  trx: Tx,
  token: unknown,
  purpose: TokenPurpose,
  now = new Date(),
): Promise<number | undefined> {
  if (!isTokenShaped(token)) return undefined
  const row = await trx
    .updateTable('account_token')
    .set({ used_at: now })
    .where('token_hash', '=', hashToken(token))
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .returning('user_id')
    .executeTakeFirst()
  return row?.user_id
}

/** When each of these people's newest invitation link stops working (people never invited are absent). */
export async function latestInvitationExpiry(db: DbOrTx, userIds: number[]): Promise<Map<number, Date>> {
  if (userIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('account_token')
    .select(['user_id', sql<Date>`max(expires_at)`.as('expires_at')])
    .where('purpose', '=', 'invitation')
    .where('user_id', 'in', userIds)
    .groupBy('user_id')
    .execute()
  return new Map(rows.map((r) => [r.user_id, new Date(r.expires_at)]))
}
