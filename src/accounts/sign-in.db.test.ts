import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import request from 'supertest'
import type { DatabaseHandle } from '../db/connect.js'
import { DEMO_PASSWORD } from '../demo/seed-demo.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, signedIn } from '../test-support/http.js'
import { safeReturnTo } from './sign-in-routes.js'

for (const kind of testDatabaseKinds()) {
  describe(`signing in and out on ${kind.name}`, () => {
    let database: DatabaseHandle
    let app: ReturnType<typeof buildTestApp>

    before(async () => {
      database = await kind.openDemo()
      app = buildTestApp(database.db)
    })
    after(() => database.close())

    async function attempt(email: string, password: string, agent = request.agent(app)) {
      const page = await agent.get('/sign-in')
      return agent
        .post('/sign-in')
        .type('form')
        .send({ email, password, _csrf: csrfFrom(page.text), returnTo: '/' })
    }

    it('signs in with the right password, with a new session id and a safe cookie', async () => {
      const agent = request.agent(app)
      const page = await agent.get('/sign-in')
      const before = String(page.headers['set-cookie'] ?? '')
      const res = await agent
        .post('/sign-in')
        .type('form')
        .send({
          email: 'Improvement@Bradford.example ',
          password: DEMO_PASSWORD,
          _csrf: csrfFrom(page.text),
          returnTo: '/councils/bradford/plan',
        })
      assert.equal(res.status, 302)
      assert.equal(res.headers.location, '/councils/bradford/plan')
      const cookie = String(res.headers['set-cookie'])
      assert.match(cookie, /HttpOnly/)
      assert.match(cookie, /SameSite=Lax/)
      assert.notEqual(cookie.split(';')[0], before.split(';')[0], 'session id must change at sign-in')
      assert.equal((await agent.get('/councils/bradford/plan')).status, 200)
      const audit = await database.db.selectFrom('audit_log').selectAll().where('action', '=', 'sign-in').execute()
      assert.ok(audit.some((a) => a.summary === 'improvement@bradford.example signed in'))
    })

    it('gives the same message for a wrong password and an unknown email', async () => {
      for (const [email, password] of [
        ['improvement@bradford.example', 'wrong-password'],
        ['nobody@bradford.example', DEMO_PASSWORD],
      ] as const) {
        const res = await attempt(email, password)
        assert.equal(res.status, 400)
        assert.match(res.text, /Enter a correct email address and password/)
        assert.match(res.text, new RegExp(`value="${email}"`), 'keeps the email typed')
        assert.doesNotMatch(res.text, new RegExp(password), 'never echoes the password')
      }
    })

    it('validates an empty form', async () => {
      const res = await attempt('', '')
      assert.equal(res.status, 400)
      assert.match(res.text, /Enter your email address/)
      assert.match(res.text, /Enter your password/)
    })

    it('delays an email after 5 failures, even against the right password from the same address', async () => {
      // Time stands still, so the 1-second delay cannot run out between requests on a slow machine.
      const at = new Date()
      const frozen = buildTestApp(database.db, undefined, {}, { clock: () => at })
      for (let i = 0; i < 5; i++) await attempt('board@bradford.example', 'wrong', request.agent(frozen))
      const res = await attempt('board@bradford.example', DEMO_PASSWORD, request.agent(frozen))
      assert.equal(res.status, 429)
      assert.match(res.text, /Too many failed attempts to sign in. Wait 1 second, then try again/)
    })

    it('refuses a form without a valid CSRF token and signs nobody in', async () => {
      const agent = request.agent(app)
      await agent.get('/sign-in')
      const res = await agent
        .post('/sign-in')
        .type('form')
        .send({ email: 'admin@bradford.example', password: DEMO_PASSWORD, _csrf: 'forged' })
      assert.equal(res.status, 403)
      assert.match(res.text, /This form has expired/)
      assert.equal((await agent.get('/councils/bradford')).status, 302)
    })

    it('signs out: the old session no longer works', async () => {
      const agent = await signedIn(app, 'director@bradford.example')
      const page = await agent.get('/councils/bradford')
      assert.equal(page.status, 200)
      const res = await agent
        .post('/sign-out')
        .type('form')
        .send({ _csrf: csrfFrom(page.text) })
      assert.equal(res.status, 302)
      assert.equal(res.headers.location, '/sign-in')
      assert.equal((await agent.get('/councils/bradford')).status, 302)
    })

    it('sends a one-council user to their council, and a multi-council adviser to a list of them', async () => {
      const director = await signedIn(app, 'director@bradford.example')
      assert.equal((await director.get('/')).headers.location, '/councils/bradford')
      const adviser = await signedIn(app, 'adviser@dfe.example')
      const choice = await adviser.get('/')
      assert.equal(choice.status, 200)
      assert.match(choice.text, /Your councils/)
      assert.match(choice.text, /Northfield/)
      assert.match(choice.text, /Bradford/)
    })

    it('signs out a user whose access is removed mid-session', async () => {
      const agent = await signedIn(app, 'partner@partner.example')
      assert.equal((await agent.get('/councils/bradford')).status, 200)
      await database.db
        .updateTable('app_user')
        .set({ active: false })
        .where('email', '=', 'partner@partner.example')
        .execute()
      assert.equal((await agent.get('/councils/bradford')).status, 302)
    })
  })
}

describe('safeReturnTo', () => {
  it('keeps same-site paths and drops anything else', () => {
    assert.equal(safeReturnTo('/councils/bradford'), '/councils/bradford')
    assert.equal(safeReturnTo('//evil.example/x'), '/')
    assert.equal(safeReturnTo('https://evil.example'), '/')
    assert.equal(safeReturnTo('/\\evil.example'), '/')
    assert.equal(safeReturnTo(undefined), '/')
  })
})
