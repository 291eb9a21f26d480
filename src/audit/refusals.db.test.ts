// Refused requests reach the audit trail: in the council's trail inside a council, at service level otherwise,
// and no more than ten a minute from one address.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import request from 'supertest'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, signedIn } from '../test-support/http.js'
import { paths } from '../web/paths.js'
import { refusalRecorder } from './refusals.js'

for (const kind of testDatabaseKinds()) {
  describe(`refusals in the audit trail on ${kind.name}`, () => {
    let database: DatabaseHandle
    before(async () => {
      database = await kind.openDemo()
    })
    after(() => database.close())

    const refusals = () =>
      database.db
        .selectFrom('audit_log')
        .leftJoin('organisation', 'organisation.id', 'audit_log.organisation_id')
        .leftJoin('app_user', 'app_user.id', 'audit_log.user_id')
        .select(['audit_log.summary', 'organisation.slug', 'app_user.email'])
        .where('audit_log.action', '=', 'refused')
        .orderBy('audit_log.id')
        .execute()

    it('records a role refused a page in its council, and a form without its token at service level', async () => {
      const app = buildTestApp(database.db)
      const viewer = await signedIn(app, 'councillor@bradford.example')
      await viewer.get(paths.council.audit('bradford')).expect(403)
      await request(app).post(paths.signIn()).type('form').send({ email: 'x@y.example', password: 'p' }).expect(403)
      assert.deepEqual(await refusals(), [
        {
          summary: 'Refused GET /councils/bradford/audit: a page or action the role does not allow',
          slug: 'bradford',
          email: 'councillor@bradford.example',
        },
        { summary: 'Refused POST /sign-in: a form without a valid security token', slug: null, email: null },
      ])
    })

    it('writes at most ten a minute for one address, and says how many it left out', async () => {
      let clock = Date.parse('2026-12-07T10:00:00Z')
      const record = refusalRecorder(database.db, () => clock)
      const refusal = {
        kind: 'csrf' as const,
        method: 'POST',
        path: '/flood',
        address: '203.0.113.9',
        userId: null,
        organisationId: null,
      }
      for (let i = 0; i < 25; i++) await record(refusal)
      clock += 60_000
      await record(refusal)
      const flood = (await refusals()).filter((r) => r.summary.startsWith('Refused POST /flood'))
      assert.equal(flood.length, 11)
      assert.match(flood[10]!.summary, /\(15 earlier refusals from this address not recorded\)$/)
    })
  })
}
