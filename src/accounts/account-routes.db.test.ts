// "Your account" and changing a password over HTTP.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import request from 'supertest'
import type { DatabaseHandle } from '../db/connect.js'
import { DEMO_PASSWORD } from '../demo/seed-demo.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, postForm, signedIn } from '../test-support/http.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'
const NEW_PASSWORD = 'copper meadow lantern'

for (const kind of testDatabaseKinds()) {
  describe(`your account on ${kind.name}`, () => {
    let database: DatabaseHandle
    let app: ReturnType<typeof buildTestApp>

    before(async () => {
      database = await kind.openDemo()
      app = buildTestApp(database.db)
    })
    after(() => database.close())

    it('shows the person’s name, email, councils and roles, with links to change password and mail', async () => {
      const adviser = await signedIn(app, 'adviser@dfe.example')
      const page = await adviser.get(paths.account())
      assert.equal(page.status, 200)
      assert.match(page.text, /Demo DfE Adviser/)
      assert.match(page.text, /adviser@dfe.example/)
      assert.match(page.text, /City of Bradford Metropolitan District Council<\/a><\/th>\s*<td[^>]*>DfE adviser/)
      assert.match(page.text, /Northfield Borough Council \(fictional\)<\/a><\/th>\s*<td[^>]*>DfE adviser/)
      for (const link of [paths.changePassword(), paths.mailPreferences(), paths.myMail()]) {
        assert.match(page.text, new RegExp(`href="${link}"`))
      }
      // Every signed-in page links to it.
      assert.match((await adviser.get(P.home(B))).text, new RegExp(`href="${paths.account()}"[^>]*>Your account`))
      const signedOut = await request(app).get(paths.account())
      assert.equal(signedOut.status, 302)
      assert.match(signedOut.headers.location!, /^\/sign-in/)
    })

    it('refuses a wrong current password and a weak new one, and keeps the old password', async () => {
      const agent = await signedIn(app, 'board@bradford.example')
      const wrong = await postForm(agent, paths.changePassword(), paths.changePassword(), {
        currentPassword: 'not my password',
        password: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      })
      assert.equal(wrong.status, 400)
      assert.match(wrong.text, /Your current password is not right/)
      const weak = await postForm(agent, paths.changePassword(), paths.changePassword(), {
        currentPassword: DEMO_PASSWORD,
        password: 'blahblahblah',
        confirmPassword: 'blahblahblah',
      })
      assert.equal(weak.status, 400)
      assert.match(weak.text, /this one is on a list of common passwords/)
      assert.doesNotMatch(weak.text, /blahblahblah/)
      const empty = await postForm(agent, paths.changePassword(), paths.changePassword(), {})
      assert.equal(empty.status, 400)
      assert.match(empty.text, /Enter your current password/)
      assert.match(empty.text, /Enter a new password/)
      await signedIn(app, 'board@bradford.example', DEMO_PASSWORD)
    })

    it('changes the password, keeps this session, ends the others, and audits it', async () => {
      const here = await signedIn(app, 'director@bradford.example')
      const elsewhere = await signedIn(app, 'director@bradford.example')
      const res = await postForm(here, paths.changePassword(), paths.changePassword(), {
        currentPassword: DEMO_PASSWORD,
        password: NEW_PASSWORD,
        confirmPassword: NEW_PASSWORD,
      })
      assert.equal(res.status, 302)
      assert.equal(res.headers.location, paths.account())
      const page = await here.get(paths.account())
      assert.equal(page.status, 200)
      assert.match(page.text, /Your password has been changed/)
      assert.match(page.text, /Last changed/)
      assert.equal((await here.get(P.plan(B))).status, 200, 'still signed in here')
      const other = await elsewhere.get(P.plan(B))
      assert.equal(other.status, 302, 'signed out elsewhere')
      assert.match(other.headers.location!, /^\/sign-in/)

      const old = request.agent(app)
      const signInPage = await old.get(paths.signIn())
      const attempt = await old
        .post(paths.signIn())
        .type('form')
        .send({ email: 'director@bradford.example', password: DEMO_PASSWORD, _csrf: csrfFrom(signInPage.text) })
      assert.equal(attempt.status, 400)
      await signedIn(app, 'director@bradford.example', NEW_PASSWORD)

      const audit = await database.db
        .selectFrom('audit_log')
        .select('summary')
        .where('summary', '=', 'director@bradford.example changed their password')
        .execute()
      assert.equal(audit.length, 1)
    })
  })
}
