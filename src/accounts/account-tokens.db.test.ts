import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { hashToken } from './account-tokens.js'
import { checkToken, consumeToken, expireUnusedTokens, issueToken } from './account-token-repository.js'

const NOW = new Date('2026-03-01T09:30:00Z')
const seconds = (n: number) => new Date(NOW.getTime() + n * 1000)
const HOUR = 60 * 60
const WEEK = 7 * 24 * HOUR

for (const kind of testDatabaseKinds()) {
  describe(`single-use, time-limited account tokens on ${kind.name}`, () => {
    let database: DatabaseHandle
    let userId: number
    let otherUserId: number

    before(async () => {
      database = await kind.openDemo()
      const user = async (email: string) =>
        (await database.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
      userId = await user('board@bradford.example')
      otherUserId = await user('director@bradford.example')
    })
    after(() => database.close())

    const issue = (purpose: 'invitation' | 'password-reset', id = userId, now = NOW) =>
      database.db.transaction().execute((trx) => issueToken(trx, { userId: id, purpose, createdBy: null, now }))
    const consume = (token: string, purpose: 'invitation' | 'password-reset', now: Date) =>
      database.db.transaction().execute((trx) => consumeToken(trx, token, purpose, now))

    it('stores only the hash, never the token', async () => {
      const { token, expiresAt } = await issue('invitation')
      assert.equal(expiresAt.toISOString(), seconds(WEEK).toISOString())
      const rows = await database.db.selectFrom('account_token').selectAll().where('user_id', '=', userId).execute()
      assert.ok(rows.some((r) => r.token_hash === hashToken(token)))
      assert.ok(rows.every((r) => r.token_hash !== token && !r.token_hash.includes(token)))
    })

    it('works once: the second use fails', async () => {
      const { token } = await issue('invitation')
      assert.deepEqual(await checkToken(database.db, token, 'invitation', seconds(60)), {
        state: 'valid',
        userId,
        expiresAt: seconds(WEEK),
      })
      assert.equal(await consume(token, 'invitation', seconds(60)), userId)
      assert.equal(await consume(token, 'invitation', seconds(61)), undefined)
      assert.deepEqual(await checkToken(database.db, token, 'invitation', seconds(62)), { state: 'used' })
    })

    it('of two uses at the same moment, exactly one succeeds', async () => {
      const { token } = await issue('password-reset')
      const results = await Promise.all([
        consume(token, 'password-reset', seconds(10)),
        consume(token, 'password-reset', seconds(10)),
      ])
      assert.deepEqual(
        results.filter((r) => r !== undefined),
        [userId],
      )
    })

    it('a reset link works until its hour is up, and fails one second after', async () => {
      const { token } = await issue('password-reset')
      assert.equal((await checkToken(database.db, token, 'password-reset', seconds(HOUR - 1))).state, 'valid')
      assert.equal((await checkToken(database.db, token, 'password-reset', seconds(HOUR))).state, 'expired')
      assert.equal(await consume(token, 'password-reset', seconds(HOUR + 1)), undefined)
      assert.equal(await consume(token, 'password-reset', seconds(HOUR - 1)), userId)
    })

    it('an invitation works for 7 days, and fails one second after', async () => {
      const { token } = await issue('invitation')
      assert.equal(await consume(token, 'invitation', seconds(WEEK + 1)), undefined)
      assert.equal((await checkToken(database.db, token, 'invitation', seconds(WEEK + 1))).state, 'expired')
      assert.equal(await consume(token, 'invitation', seconds(WEEK - 1)), userId)
    })

    it('a new token of the same kind stops the person’s earlier ones working, and no one else’s', async () => {
      const first = await issue('invitation')
      const reset = await issue('password-reset')
      const someoneElse = await issue('invitation', otherUserId)
      const second = await issue('invitation', userId, seconds(5))
      assert.equal((await checkToken(database.db, first.token, 'invitation', seconds(6))).state, 'expired')
      assert.equal(await consume(first.token, 'invitation', seconds(6)), undefined)
      assert.equal((await checkToken(database.db, reset.token, 'password-reset', seconds(6))).state, 'valid')
      assert.equal(await consume(someoneElse.token, 'invitation', seconds(6)), otherUserId)
      assert.equal(await consume(second.token, 'invitation', seconds(6)), userId)
    })

    it('is for one purpose only, and an unknown or malformed token is refused', async () => {
      const { token } = await issue('invitation')
      assert.equal(await consume(token, 'password-reset', seconds(1)), undefined)
      assert.equal((await checkToken(database.db, token, 'password-reset', seconds(1))).state, 'unknown')
      assert.equal((await checkToken(database.db, 'x'.repeat(43), 'invitation', seconds(1))).state, 'unknown')
      assert.equal((await checkToken(database.db, 'not a token', 'invitation', seconds(1))).state, 'unknown')
      assert.equal(await consume('not a token', 'invitation', seconds(1)), undefined)
      assert.equal(await consume(token, 'invitation', seconds(1)), userId)
    })

    it('can stop all of a person’s unused links at once', async () => {
      const invitation = await issue('invitation')
      const reset = await issue('password-reset')
      await database.db.transaction().execute((trx) => expireUnusedTokens(trx, userId, seconds(2)))
      assert.equal(await consume(invitation.token, 'invitation', seconds(3)), undefined)
      assert.equal(await consume(reset.token, 'password-reset', seconds(3)), undefined)
    })
  })
}
