// Sessions: a row only for a visitor who has something to keep, idle and absolute expiry, pruning, and the
// signed double-submit CSRF token that stands in for the session's token before there is a session.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import request from 'supertest'
import { sql } from 'kysely'
import type { DatabaseHandle } from '../db/connect.js'
import { DEMO_PASSWORD } from '../demo/seed-demo.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, signedIn } from '../test-support/http.js'
import { signedCsrfToken } from '../web/csrf-token.js'
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, sessionExpiry, sessionPruneJob } from './session-store.js'

for (const kind of testDatabaseKinds()) {
  describe(`sessions on ${kind.name}`, () => {
    let database: DatabaseHandle
    let app: ReturnType<typeof buildTestApp>

    before(async () => {
      database = await kind.openDemo()
      app = buildTestApp(database.db)
    })
    after(() => database.close())

    const sessionRows = async () =>
      Number(
        (
          await database.db
            .selectFrom('session')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )

    it('stores no session for requests without a cookie, wherever they go', async () => {
      const rowsBefore = await sessionRows()
      for (let i = 0; i < 10; i++) {
        await request(app).get('/sign-in').expect(200)
        await request(app).get('/no-such-page').expect(404)
        await request(app).get('/councils/bradford/plan').expect(302)
        await request(app)
          .get('/forgot-password')
          .expect((res) => assert.ok(res.status < 500))
        await request(app).post('/sign-in').type('form').send({ email: 'x@y.example', password: 'p' }).expect(403)
      }
      // A wrong password, with a valid token, keeps nothing either.
      const agent = request.agent(app)
      const page = await agent.get('/sign-in').expect(200)
      await agent
        .post('/sign-in')
        .type('form')
        .send({ email: 'improvement@bradford.example', password: 'not-the-password', _csrf: csrfFrom(page.text) })
        .expect(400)
      assert.equal(await sessionRows(), rowsBefore)
    })

    it('signs in with the pre-session token, and only then stores a session', async () => {
      const rowsBefore = await sessionRows()
      const agent = request.agent(app)
      const page = await agent.get('/sign-in').expect(200)
      assert.match(String(page.headers['set-cookie']), /turnaround\.csrf=[^;]+; Path=\/; HttpOnly; SameSite=Lax/)
      assert.equal(await sessionRows(), rowsBefore)
      const res = await agent
        .post('/sign-in')
        .type('form')
        .send({ email: 'improvement@bradford.example', password: DEMO_PASSWORD, _csrf: csrfFrom(page.text) })
      assert.equal(res.status, 302)
      assert.equal(await sessionRows(), rowsBefore + 1)
      // Signed in, forms carry the session's own token, which works.
      const plan = await agent.get('/councils/bradford/plan').expect(200)
      assert.notEqual(csrfFrom(plan.text), csrfFrom(page.text))
    })

    it('refuses a pre-session token that does not belong to the cookie, or is signed with another secret', async () => {
      const one = request.agent(app)
      const other = request.agent(app)
      const otherToken = csrfFrom((await other.get('/sign-in')).text)
      await one.get('/sign-in')
      const send = (agent: typeof one, token: string) =>
        agent
          .post('/sign-in')
          .type('form')
          .send({ email: 'improvement@bradford.example', password: DEMO_PASSWORD, _csrf: token })
      assert.equal((await send(one, otherToken)).status, 403)
      const cookieValue = /turnaround\.csrf=([^;]+)/.exec(
        String((await request(app).get('/sign-in')).headers['set-cookie']),
      )?.[1]
      assert.ok(cookieValue)
      const forged = signedCsrfToken('some-other-secret-some-other-secret', cookieValue)
      const res = await request(app)
        .post('/sign-in')
        .set('Cookie', `turnaround.csrf=${cookieValue}`)
        .type('form')
        .send({ email: 'improvement@bradford.example', password: DEMO_PASSWORD, _csrf: forged })
      assert.equal(res.status, 403)
      const genuine = signedCsrfToken('test-secret-test-secret-test-secret-000', cookieValue)
      const accepted = await request(app)
        .post('/sign-in')
        .set('Cookie', `turnaround.csrf=${cookieValue}`)
        .type('form')
        .send({ email: 'improvement@bradford.example', password: DEMO_PASSWORD, _csrf: genuine })
      assert.equal(accepted.status, 302)
    })

    it('ends a busy session at its absolute limit', async () => {
      const agent = await signedIn(app, 'director@bradford.example')
      await agent.get('/councils/bradford/plan').expect(200)
      const longAgo = Date.now() - SESSION_ABSOLUTE_MS - 60_000
      await sql`update session set data = jsonb_set(data, '{signedInAt}', to_jsonb(${longAgo}::bigint))
        where data->>'userId' = (select id::text from app_user where email = 'director@bradford.example')`.execute(
        database.db,
      )
      const res = await agent.get('/councils/bradford/plan')
      assert.equal(res.status, 302)
      assert.match(String(res.headers.location), /^\/sign-in/)
    })

    it('prunes expired sessions and keeps live ones', async () => {
      const now = new Date()
      await database.db
        .insertInto('session')
        .values([
          { sid: 'expired-one', data: sql`'{}'::jsonb`, expires_at: new Date(now.getTime() - 1000) },
          { sid: 'live-one', data: sql`'{}'::jsonb`, expires_at: new Date(now.getTime() + 60_000) },
        ])
        .execute()
      await sessionPruneJob(database.db).run(now)
      const left = await database.db
        .selectFrom('session')
        .select('sid')
        .where('sid', 'in', ['expired-one', 'live-one'])
        .execute()
      assert.deepEqual(
        left.map((r) => r.sid),
        ['live-one'],
      )
    })
  })
}

describe('session expiry', () => {
  const now = new Date('2026-12-07T09:00:00Z')
  it('is the idle expiry for a session nobody signed in to', () => {
    assert.equal(sessionExpiry({}, now).getTime(), now.getTime() + SESSION_IDLE_MS)
  })
  it('never passes the absolute limit after signing in', () => {
    const signedInAt = now.getTime() - SESSION_ABSOLUTE_MS + 30 * 60_000
    const expiry = sessionExpiry(
      { signedInAt, cookie: { expires: new Date(now.getTime() + SESSION_IDLE_MS) } as never },
      now,
    )
    assert.equal(expiry.getTime(), signedInAt + SESSION_ABSOLUTE_MS)
  })
})
