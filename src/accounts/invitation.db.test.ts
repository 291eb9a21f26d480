// Inviting a person over HTTP: the administrator adds them without a password, an invitation email with a
// single-use link is queued, the person chooses a password (a common one is refused) and is signed in; the
// link then no longer works. Also: a fresh invitation stops the old link, an expired link is refused, and
// someone who already has an account is told of their new access instead.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import request from 'supertest'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, postForm, signedIn, type Agent } from '../test-support/http.js'
import { paths } from '../web/paths.js'
import { formatDateTime } from '../shared/dates.js'
import { hashToken } from './account-tokens.js'

const P = paths.council
const B = 'bradford'
const GOOD_PASSWORD = 'harbour kettle violin'

for (const kind of testDatabaseKinds()) {
  describe(`invitations by email on ${kind.name}`, () => {
    let database: DatabaseHandle
    let app: ReturnType<typeof buildTestApp>
    let admin: Agent

    before(async () => {
      database = await kind.openDemo()
      app = buildTestApp(database.db)
      admin = await signedIn(app, 'admin@bradford.example')
    })
    after(() => database.close())

    const mailTo = (email: string) =>
      database.db.selectFrom('outbox_message').selectAll().where('to_email', '=', email).orderBy('id').execute()
    /** The path of the link in a message, checked to point at the configured public address. */
    const linkIn = (body: string) => {
      const match = /http:\/\/turnaround\.test(\/invitation\/[A-Za-z0-9_-]{43})\b/.exec(body)
      assert.ok(match, `no invitation link in:\n${body}`)
      return match[1]!
    }
    const userByEmail = (email: string) =>
      database.db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirstOrThrow()
    const choose = async (agent: Agent, link: string, password: string, confirmPassword = password) => {
      const page = await agent.get(link)
      assert.equal(page.status, 200, `GET ${link}`)
      return agent
        .post(link)
        .type('form')
        .send({ password, confirmPassword, _csrf: csrfFrom(page.text) })
    }
    const addPerson = (email: string, role = 'strand-lead', by = admin, council = B) =>
      postForm(by, P.newUser(council), P.newUser(council), { displayName: 'Priya Shah', email, role })

    it('invites a new person, who chooses a password from the link and is signed in; the link then fails', async () => {
      const added = await addPerson('Priya.Shah@Bradford.example')
      assert.equal(added.status, 302)
      const list = await admin.get(P.users(B))
      assert.match(list.text, /Invitation sent to priya.shah@bradford.example/)
      assert.match(list.text, /Priya Shah[\s\S]*?Invited, not yet signed in/)

      const person = await userByEmail('priya.shah@bradford.example')
      assert.equal(person.password_hash, '', 'no password until they choose one')
      const [mail, ...more] = await mailTo('priya.shah@bradford.example')
      assert.equal(more.length, 0)
      assert.ok(mail)
      assert.equal(mail.category, 'essential')
      assert.equal(mail.template, 'invitation')
      assert.equal(mail.to_user_id, person.id)
      assert.match(mail.subject, /City of Bradford Metropolitan District Council/)
      assert.match(mail.body, /Demo Administrator has invited you/)
      const link = linkIn(mail.body)
      // Only the token's hash is kept.
      const token = link.split('/').pop()!
      const stored = await database.db
        .selectFrom('account_token')
        .selectAll()
        .where('user_id', '=', person.id)
        .executeTakeFirstOrThrow()
      assert.equal(stored.token_hash, hashToken(token))
      assert.equal(stored.purpose, 'invitation')
      assert.ok(mail.body.includes(`only until ${formatDateTime(new Date(stored.expires_at))}.`), mail.body)
      const days = (new Date(stored.expires_at).getTime() - Date.now()) / 86_400_000
      assert.ok(days > 6.99 && days <= 7, `expires in ${days} days`)

      // Sign-in refuses an account with no password yet, with the usual message.
      const refused = request.agent(app)
      const signInPage = await refused.get(paths.signIn())
      const attempt = await refused
        .post(paths.signIn())
        .type('form')
        .send({ email: 'priya.shah@bradford.example', password: 'anything at all', _csrf: csrfFrom(signInPage.text) })
      assert.equal(attempt.status, 400)
      assert.match(attempt.text, /Enter a correct email address and password/)

      const invitee = request.agent(app)
      const page = await invitee.get(link)
      assert.equal(page.status, 200)
      assert.match(page.text, /Choose your password/)
      assert.match(page.text, /priya.shah@bradford.example/)

      const common = await choose(invitee, link, 'Password1234')
      assert.equal(common.status, 400)
      assert.match(common.text, /Choose a password that is harder to guess: this one is on a list of common passwords/)
      assert.doesNotMatch(common.text, /Password1234/, 'never echoes a password')
      assert.equal((await userByEmail('priya.shah@bradford.example')).password_hash, '')

      const mismatch = await choose(invitee, link, GOOD_PASSWORD, 'harbour kettle viola')
      assert.equal(mismatch.status, 400)
      assert.match(mismatch.text, /The passwords do not match/)

      const accepted = await choose(invitee, link, GOOD_PASSWORD)
      assert.equal(accepted.status, 302)
      assert.equal(accepted.headers.location, paths.home())
      const home = await invitee.get(paths.home())
      assert.equal(home.headers.location, P.home(B), 'signed in, to their one council')
      assert.equal((await invitee.get(P.plan(B))).status, 200)

      const after = await userByEmail('priya.shah@bradford.example')
      assert.match(after.password_hash, /^scrypt\$/)
      assert.ok(after.password_changed_at)
      const used = await database.db
        .selectFrom('account_token')
        .select('used_at')
        .where('id', '=', stored.id)
        .executeTakeFirstOrThrow()
      assert.ok(used.used_at)

      // The link works once.
      const again = await request.agent(app).get(link)
      assert.equal(again.status, 410)
      assert.match(again.text, /This invitation link has already been used/)
      assert.match(again.text, /ask your administrator for a new invitation/)
      const repost = await invitee
        .post(link)
        .type('form')
        .send({
          password: 'another harbour kettle',
          confirmPassword: 'another harbour kettle',
          _csrf: csrfFrom((await invitee.get(P.plan(B))).text),
        })
      assert.equal(repost.status, 410)
      assert.match((await userByEmail('priya.shah@bradford.example')).password_hash, /^scrypt\$/)

      await signedIn(app, 'priya.shah@bradford.example', GOOD_PASSWORD)
      assert.match((await admin.get(P.users(B))).text, /Priya Shah[\s\S]*?<td[^>]*data-qa="user-status">Active/)

      const audit = await database.db
        .selectFrom('audit_log')
        .select(['action', 'summary'])
        // The person's own trail: other records may share the number (an audited case, a month of figures).
        .where('entity_type', 'in', ['user', 'membership', 'session'])
        .where('entity_id', '=', String(person.id))
        .orderBy('id')
        .execute()
      assert.deepEqual(
        audit.map((a) => a.action),
        ['create', 'create', 'invite', 'update', 'sign-in', 'sign-in'],
      )
      assert.match(audit[2]!.summary, /^Invited priya.shah@bradford.example/)
    })

    it('a fresh invitation stops the old link working; an expired link is refused', async () => {
      await addPerson('tom.oduya@bradford.example', 'viewer')
      const person = await userByEmail('tom.oduya@bradford.example')
      const oldLink = linkIn((await mailTo(person.email))[0]!.body)

      const editPage = await admin.get(P.editUser(B, person.id))
      assert.match(editPage.text, /Send a new invitation/)
      const resent = await postForm(admin, P.editUser(B, person.id), P.inviteUser(B, person.id), {})
      assert.equal(resent.status, 302)
      const mails = await mailTo(person.email)
      assert.equal(mails.length, 2)
      const newLink = linkIn(mails[1]!.body)
      assert.notEqual(newLink, oldLink)

      const old = await request(app).get(oldLink)
      assert.equal(old.status, 410)
      assert.match(old.text, /This invitation link has expired/)
      assert.match(old.text, /Ask your administrator for a new invitation/)
      assert.equal((await request(app).get(newLink)).status, 200)

      // Seven days on, the new link has expired too.
      await database.db
        .updateTable('account_token')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('token_hash', '=', hashToken(newLink.split('/').pop()!))
        .execute()
      const expired = request.agent(app)
      assert.equal((await expired.get(newLink)).status, 410)
      const csrf = csrfFrom((await expired.get(paths.signIn())).text)
      const post = await expired
        .post(newLink)
        .type('form')
        .send({ password: GOOD_PASSWORD, confirmPassword: GOOD_PASSWORD, _csrf: csrf })
      assert.equal(post.status, 410)
      assert.equal((await userByEmail(person.email)).password_hash, '')
      assert.match((await admin.get(P.users(B))).text, /The invitation has expired/)

      const audit = await database.db
        .selectFrom('audit_log')
        .select('action')
        .where('entity_id', '=', String(person.id))
        .where('action', '=', 'invite')
        .execute()
      assert.equal(audit.length, 2)
    })

    it('refuses a new invitation for someone who already has a password; a made-up link is not found', async () => {
      const viewer = await userByEmail('councillor@bradford.example')
      const res = await postForm(admin, P.editUser(B, viewer.id), P.inviteUser(B, viewer.id), {})
      assert.equal(res.status, 400)
      assert.match(res.text, /has already chosen a password/)
      assert.deepEqual(await mailTo(viewer.email), [])
      const made = await request(app).get(paths.acceptInvitation('A'.repeat(43)))
      assert.equal(made.status, 404)
      assert.match(made.text, /This invitation link does not work/)
    })

    it('invites someone who already has an account to accept after signing in, with no password link', async () => {
      const northfieldAdmin = await signedIn(app, 'admin@northfield.example')
      const res = await addPerson('director@bradford.example', 'board-member', northfieldAdmin, 'northfield')
      assert.equal(res.status, 302)
      const [notice, ...more] = await mailTo('director@bradford.example')
      assert.equal(more.length, 0)
      assert.ok(notice)
      assert.equal(notice.template, 'council-invitation')
      assert.match(notice.body, /Northfield Administrator has invited you to join Northfield Borough Council/)
      assert.match(notice.body, /with the role: Improvement Board member/)
      assert.match(notice.body, /\/account\/invitations/)
      assert.doesNotMatch(notice.body, /invitation\/[A-Za-z0-9_-]{20,}/)
      const director = await userByEmail('director@bradford.example')
      const tokens = await database.db
        .selectFrom('account_token')
        .select('id')
        .where('user_id', '=', director.id)
        .execute()
      assert.deepEqual(tokens, [])
      // Their password is untouched.
      await signedIn(app, 'director@bradford.example')
    })
  })
}
