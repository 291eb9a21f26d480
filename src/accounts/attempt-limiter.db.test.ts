// Attempt limits for changing a password and asking for reset mail, kept in the database: counted the same by
// every process (two apps on one database here), forgotten as they age, cleared by a success, pruned.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { DEMO_PASSWORD } from '../demo/seed-demo.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, postForm, signedIn } from '../test-support/http.js'
import { paths } from '../web/paths.js'
import { ATTEMPT_WINDOW_MS, AttemptLimiter, attemptLimitPruneJob } from './attempt-limiter.js'

const START = Date.parse('2026-12-07T10:00:00Z')

for (const kind of testDatabaseKinds()) {
  describe(`attempt limits on ${kind.name}`, () => {
    let database: DatabaseHandle
    before(async () => {
      database = await kind.openDemo()
    })
    after(() => database.close())

    it('locks after 5 failures in 15 minutes, and unlocks as they age', async () => {
      let time = START
      const limiter = new AttemptLimiter(database.db, () => new Date(time))
      for (let i = 0; i < 4; i++) await limiter.recordFailure('a@b')
      assert.equal(await limiter.isLocked('a@b'), false)
      time += 60_000
      await limiter.recordFailure('a@b')
      assert.equal(await limiter.isLocked('a@b'), true)
      assert.equal(await limiter.isLocked('other@b'), false)
      // The first four are older than the window now; the fifth is not.
      time = START + ATTEMPT_WINDOW_MS + 1
      assert.equal(await limiter.isLocked('a@b'), false)
      await limiter.recordFailure('c@d')
      await limiter.reset('c@d')
      assert.equal(await limiter.isLocked('c@d'), false)
    })

    it('counts the failures of every limiter on the database together (another process)', async () => {
      const clock = () => new Date(START)
      const one = new AttemptLimiter(database.db, clock)
      const other = new AttemptLimiter(database.db, clock)
      for (let i = 0; i < 3; i++) await one.recordFailure('shared@b')
      for (let i = 0; i < 2; i++) await other.recordFailure('shared@b')
      assert.equal(await one.isLocked('shared@b'), true)
      assert.equal(await other.isLocked('shared@b'), true)
      await other.reset('shared@b')
      assert.equal(await one.isLocked('shared@b'), false)
    })

    it('prunes failures older than the window', async () => {
      let time = START
      const limiter = new AttemptLimiter(database.db, () => new Date(time))
      await limiter.recordFailure('old@b')
      time += ATTEMPT_WINDOW_MS
      await limiter.recordFailure('new@b')
      await attemptLimitPruneJob(database.db).run(new Date(time))
      const keys = await database.db
        .selectFrom('attempt_failure')
        .select('key')
        .where('key', 'in', ['old@b', 'new@b'])
        .execute()
      assert.deepEqual(
        keys.map((k) => k.key),
        ['new@b'],
      )
    })

    it('refuses a sixth wrong current password made through another app on the same database', async () => {
      const email = 'councillor@bradford.example'
      const first = await signedIn(buildTestApp(database.db), email)
      const second = await signedIn(buildTestApp(database.db), email)
      const change = (agent: typeof first, currentPassword: string) =>
        postForm(agent, paths.changePassword(), paths.changePassword(), {
          currentPassword,
          password: 'a-new-long-password-2026',
          confirmPassword: 'a-new-long-password-2026',
        })
      for (let i = 0; i < 5; i++) assert.equal((await change(first, `wrong-${i}`)).status, 400)
      const refused = await change(second, DEMO_PASSWORD)
      assert.equal(refused.status, 429)
      assert.match(refused.text, /Too many wrong passwords/)
    })
  })
}
