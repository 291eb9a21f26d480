// "Forgotten your password?" over HTTP: the same answer for every address, a link by email only to an
// account that may sign in, a reset that ends the person's other sessions, and a link that works once.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import request from 'supertest'
import type { DatabaseHandle } from '../db/connect.js'
import { DEMO_PASSWORD } from '../demo/seed-demo.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, postForm, signedIn, type Agent } from '../test-support/http.js'
import { paths } from '../web/paths.js'
import { hashToken } from './account-tokens.js'

const P = paths.council
const B = 'bradford'
const NEW_PASSWORD = 'lantern orchard pebble'

for (const kind of testDatabaseKinds()) {
  describe(`resetting a forgotten password on ${kind.name}`, () => {
    let database: DatabaseHandle
    let app: ReturnType<typeof buildTestApp>

    before(async () => {
      database = await kind.openDemo()
      app = buildTestApp(database.db)
    })
    after(() => database.close())

    const mailTo = (email: string) =>
      database.db
        .selectFrom('outbox_message')
        .selectAll()
        .where('to_email', '=', email)
        .where('template', '=', 'password-reset')
        .orderBy('id')
        .execute()
    const linkIn = (body: string) => {
      const match = /http:\/\/turnaround\.test(\/reset-password\/[A-Za-z0-9_-]{43})\b/.exec(body)
      assert.ok(match, `no reset link in:\n${body}`)
      return match[1]!
    }
    const ask = (email: string, agent: Agent = request.agent(app)) =>
      postForm(agent, paths.forgotPassword(), paths.forgotPassword(), { email })
    const sessionsOf = async (email: string) => {
      const user = await database.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', email)
        .executeTakeFirstOrThrow()
      const rows = await database.db.selectFrom('session').select('data').execute()
      return rows.filter((r) => (r.data as { userId?: number }).userId === user.id).length
    }

    it('is linked from the sign-in page', async () => {
      const page = await request(app).get(paths.signIn())
      assert.match(page.text, new RegExp(`href="${paths.forgotPassword()}"[^>]*>Forgotten your password\\?`))
      assert.match((await request(app).get(paths.forgotPassword())).text, /Reset your password/)
    })

    it('gives the same answer for an unknown address, and sends nothing', async () => {
      const unknown = await ask('nobody@bradford.example')
      const known = await ask('board@bradford.example')
      assert.equal(unknown.status, 200)
      assert.equal(known.status, 200)
      // The pages differ only in the address typed (and the per-request token and nonce).
      const same = (html: string, email: string) =>
        html
          .replaceAll(email, 'EMAIL')
          .replace(/name="_csrf" value="[^"]+"/g, '')
          .replace(/nonce="[^"]+"/g, '')
      assert.equal(same(unknown.text, 'nobody@bradford.example'), same(known.text, 'board@bradford.example'))
      assert.match(
        unknown.text,
        /If nobody@bradford.example is the email address of a Turnaround account, we have sent a link/,
      )
      assert.deepEqual(await mailTo('nobody@bradford.example'), [])
      assert.equal((await mailTo('board@bradford.example')).length, 1)
      const outbox = await database.db.selectFrom('outbox_message').select('to_email').execute()
      assert.ok(!outbox.some((m) => m.to_email === 'nobody@bradford.example'))
    })

    it('checks the address is filled in and well formed', async () => {
      const empty = await ask('')
      assert.equal(empty.status, 400)
      assert.match(empty.text, /Enter your email address/)
      const bad = await ask('not-an-email')
      assert.equal(bad.status, 400)
      assert.match(bad.text, /Enter an email address in the correct format/)
      assert.match(bad.text, /value="not-an-email"/)
    })

    it('resets the password from the link, ends the person’s other sessions, and the link then fails', async () => {
      const before = await signedIn(app, 'strand-lead@bradford.example')
      assert.equal((await before.get(P.plan(B))).status, 200)
      assert.equal(await sessionsOf('strand-lead@bradford.example'), 1)

      await ask('Strand-Lead@Bradford.example ')
      const [mail] = await mailTo('strand-lead@bradford.example')
      assert.ok(mail)
      assert.equal(mail.category, 'essential')
      assert.match(mail.body, /Dear Demo Strand Lead/)
      const link = linkIn(mail.body)
      const stored = await database.db
        .selectFrom('account_token')
        .selectAll()
        .where('token_hash', '=', hashToken(link.split('/').pop()!))
        .executeTakeFirstOrThrow()
      const minutes = (new Date(stored.expires_at).getTime() - Date.now()) / 60_000
      assert.ok(minutes > 59 && minutes <= 60, `expires in ${minutes} minutes`)

      const resetter = request.agent(app)
      const page = await resetter.get(link)
      assert.equal(page.status, 200)
      assert.match(page.text, /Choose a new password/)
      const weak = await resetter
        .post(link)
        .type('form')
        .send({ password: 'short', confirmPassword: 'short', _csrf: csrfFrom(page.text) })
      assert.equal(weak.status, 400)
      assert.match(weak.text, /Your password must be at least 12 characters/)
      const done = await resetter
        .post(link)
        .type('form')
        .send({ password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD, _csrf: csrfFrom(page.text) })
      assert.equal(done.status, 302)
      assert.equal(done.headers.location, paths.signIn())
      assert.match((await resetter.get(paths.signIn())).text, /Your password has been reset/)

      // The session signed in with the old password no longer works.
      assert.equal(await sessionsOf('strand-lead@bradford.example'), 0)
      const stale = await before.get(P.plan(B))
      assert.equal(stale.status, 302)
      assert.match(stale.headers.location!, /^\/sign-in/)

      const again = await request(app).get(link)
      assert.equal(again.status, 410)
      assert.match(again.text, /This link has already been used/)

      const old = request.agent(app)
      const signInPage = await old.get(paths.signIn())
      const oldPassword = await old
        .post(paths.signIn())
        .type('form')
        .send({ email: 'strand-lead@bradford.example', password: DEMO_PASSWORD, _csrf: csrfFrom(signInPage.text) })
      assert.equal(oldPassword.status, 400)
      const agent = await signedIn(app, 'strand-lead@bradford.example', NEW_PASSWORD)
      assert.equal((await agent.get(P.plan(B))).status, 200)

      const audit = await database.db
        .selectFrom('audit_log')
        .select('summary')
        .where('summary', '=', 'strand-lead@bradford.example reset their password using a link sent by email')
        .execute()
      assert.equal(audit.length, 1)
    })

    it('a reset link past its hour is refused, and points to asking for a new one', async () => {
      await ask('director@bradford.example')
      const link = linkIn((await mailTo('director@bradford.example'))[0]!.body)
      await database.db
        .updateTable('account_token')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('token_hash', '=', hashToken(link.split('/').pop()!))
        .execute()
      const res = await request(app).get(link)
      assert.equal(res.status, 410)
      assert.match(res.text, /This link has expired/)
      assert.match(res.text, new RegExp(`href="${paths.forgotPassword()}"`))
    })

    it('sends nothing to a deactivated account or one with no council', async () => {
      await database.db
        .updateTable('app_user')
        .set({ active: false })
        .where('email', '=', 'partner@partner.example')
        .execute()
      const res = await ask('partner@partner.example')
      assert.equal(res.status, 200)
      assert.match(res.text, /Check your email/)
      assert.deepEqual(await mailTo('partner@partner.example'), [])

      const councillor = await database.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', 'councillor@bradford.example')
        .executeTakeFirstOrThrow()
      await database.db.deleteFrom('membership').where('user_id', '=', councillor.id).execute()
      await ask('councillor@bradford.example')
      assert.deepEqual(await mailTo('councillor@bradford.example'), [])
    })

    it('limits requests for one address to 5 in 15 minutes', async () => {
      for (let i = 0; i < 5; i++) assert.equal((await ask('nobody.else@bradford.example')).status, 200)
      const res = await ask('nobody.else@bradford.example')
      assert.equal(res.status, 429)
      assert.match(res.text, /Too many requests for this email address/)
    })
  })
}
