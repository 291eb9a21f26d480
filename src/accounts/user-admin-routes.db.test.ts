import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import request from 'supertest'
import { DEMO_PASSWORD } from '../demo/seed-demo.js'
import {
  acceptCouncilInvitations,
  buildTestApp,
  csrfFrom,
  postForm,
  signedIn,
  type Agent,
} from '../test-support/http.js'
import { demoIds } from '../test-support/demo-ids.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'

for (const kind of testDatabaseKinds()) {
  describe(`managing users on ${kind.name}`, () => {
    let database: DatabaseHandle
    let app: ReturnType<typeof buildTestApp>
    let admin: Agent
    let ids: Awaited<ReturnType<typeof demoIds>>

    before(async () => {
      database = await kind.openDemo()
      ids = await demoIds(database.db)
      app = buildTestApp(database.db)
      admin = await signedIn(app, 'admin@bradford.example')
    })
    after(() => database.close())

    it('adds a person without a password, invites them, and they sign in with the role given; audited', async () => {
      const res = await postForm(admin, P.newUser(B), P.newUser(B), {
        displayName: 'New Strand Lead',
        email: 'New.Lead@Bradford.example',
        role: 'strand-lead',
      })
      assert.equal(res.status, 302)
      const user = await database.db
        .selectFrom('app_user')
        .selectAll()
        .where('email', '=', 'new.lead@bradford.example')
        .executeTakeFirstOrThrow()
      assert.equal(user.password_hash, '')
      const mail = await database.db
        .selectFrom('outbox_message')
        .select('body')
        .where('to_user_id', '=', user.id)
        .where('template', '=', 'invitation')
        .executeTakeFirstOrThrow()
      const link = /http:\/\/turnaround\.test(\/invitation\/[\w-]{43})/.exec(mail.body)?.[1]
      assert.ok(link, mail.body)
      const invitee = request.agent(app)
      const page = await invitee.get(link)
      const accepted = await invitee
        .post(link)
        .type('form')
        .send({
          password: 'a-long-first-password',
          confirmPassword: 'a-long-first-password',
          _csrf: csrfFrom(page.text),
        })
      assert.equal(accepted.status, 302)
      const agent = await signedIn(app, 'new.lead@bradford.example', 'a-long-first-password')
      assert.equal((await agent.get(P.plan(B))).status, 200)
      assert.equal((await agent.get(P.users(B))).status, 403)
      const audit = await database.db
        .selectFrom('audit_log')
        .select('summary')
        .where('entity_type', 'in', ['user', 'membership'])
        .execute()
      assert.ok(audit.some((a) => a.summary === 'Created account new.lead@bradford.example'))
      assert.ok(audit.some((a) => a.summary === 'Gave new.lead@bradford.example the role strand-lead'))
      assert.ok(audit.some((a) => a.summary.startsWith('Invited new.lead@bradford.example')))
    })

    it('explains each problem with a new person and keeps what was typed', async () => {
      const form = await admin.get(P.newUser(B))
      assert.doesNotMatch(form.text, /type="password"/, 'an administrator never chooses a password')
      const res = await postForm(admin, P.newUser(B), P.newUser(B), {
        displayName: 'Kept Name',
        email: 'not-an-email',
      })
      assert.equal(res.status, 400)
      assert.match(res.text, /Enter an email address in the correct format/)
      assert.match(res.text, /Select a role/)
      assert.match(res.text, /value="Kept Name"/)
      assert.match(res.text, /value="not-an-email"/)
      const duplicate = await postForm(admin, P.newUser(B), P.newUser(B), {
        displayName: 'X',
        email: 'director@bradford.example',
        role: 'viewer',
      })
      assert.equal(duplicate.status, 400)
      assert.match(duplicate.text, /already has access to this council/)
    })

    it('changes a role and removes access to this council only', async () => {
      const changed = await postForm(admin, P.editUser(B, ids.viewerUser), P.editUser(B, ids.viewerUser), {
        role: 'board-member',
        access: 'keep',
      })
      assert.equal(changed.status, 302)
      const membership = await database.db
        .selectFrom('membership')
        .selectAll()
        .where('user_id', '=', ids.viewerUser)
        .executeTakeFirstOrThrow()
      assert.equal(membership.role, 'board-member')

      // The improvement officer, given access to Northfield by its administrator, loses only Bradford's.
      const northfieldAdmin = await signedIn(app, 'admin@northfield.example')
      const shared = await postForm(northfieldAdmin, P.newUser('northfield'), P.newUser('northfield'), {
        displayName: 'Ignored',
        email: 'improvement@bradford.example',
        role: 'viewer',
      })
      assert.equal(shared.status, 302)
      await acceptCouncilInvitations(app, 'improvement@bradford.example')
      const officer = await database.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', 'improvement@bradford.example')
        .executeTakeFirstOrThrow()
      const removed = await postForm(admin, P.editUser(B, officer.id), P.editUser(B, officer.id), {
        role: 'improvement-team',
        access: 'remove',
      })
      assert.equal(removed.status, 302)
      const left = await database.db
        .selectFrom('membership')
        .innerJoin('organisation', 'organisation.id', 'membership.organisation_id')
        .select('organisation.slug')
        .where('user_id', '=', officer.id)
        .execute()
      assert.deepEqual(
        left.map((r) => r.slug),
        ['northfield'],
      )
    })

    it('stops an administrator removing their own access', async () => {
      const me = await database.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', 'admin@bradford.example')
        .executeTakeFirstOrThrow()
      const res = await postForm(admin, P.editUser(B, me.id), P.editUser(B, me.id), { role: 'viewer', access: 'keep' })
      assert.equal(res.status, 400)
      assert.match(res.text, /You cannot remove your own administrator access/)
    })

    const idOf = async (email: string) =>
      (await database.db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
    const sessionsOf = async (userId: number) =>
      (await database.db.selectFrom('session').select('data').execute()).filter(
        (r) => (r.data as { userId?: number }).userId === userId,
      ).length
    const trySignIn = async (email: string, password = DEMO_PASSWORD) => {
      const agent = request.agent(app)
      const page = await agent.get(paths.signIn())
      return agent
        .post(paths.signIn())
        .type('form')
        .send({ email, password, _csrf: csrfFrom(page.text) })
    }

    it('deactivates an account: their session ends at once, sign-in is refused; reactivation undoes it', async () => {
      const board = await idOf('strand-lead@bradford.example')
      const member = await signedIn(app, 'strand-lead@bradford.example')
      assert.equal((await member.get(P.home(B))).status, 200)

      const confirm = await admin.get(P.deactivateUser(B, board))
      assert.equal(confirm.status, 200)
      assert.match(confirm.text, /Deactivate Demo Strand Lead’s account/)
      const res = await postForm(admin, P.deactivateUser(B, board), P.deactivateUser(B, board), {
        action: 'deactivate',
      })
      assert.equal(res.status, 302)
      assert.equal(await sessionsOf(board), 0)
      const next = await member.get(P.home(B))
      assert.equal(next.status, 302)
      assert.match(next.headers.location!, /^\/sign-in/)

      const refused = await trySignIn('strand-lead@bradford.example')
      assert.equal(refused.status, 403)
      assert.match(refused.text, /Your account has been deactivated/)
      // A wrong password learns nothing about the account.
      const wrong = await trySignIn('strand-lead@bradford.example', 'wrong password here')
      assert.equal(wrong.status, 400)
      assert.match(wrong.text, /Enter a correct email address and password/)
      assert.doesNotMatch(wrong.text, /deactivated/)
      assert.match((await admin.get(P.users(B))).text, /Demo Strand Lead[\s\S]*?data-qa="user-status">Deactivated/)

      const audit = await database.db
        .selectFrom('audit_log')
        .select(['summary', 'before', 'after'])
        .where('summary', '=', "Deactivated strand-lead@bradford.example's account")
        .executeTakeFirstOrThrow()
      assert.deepEqual(audit.after, { email: 'strand-lead@bradford.example', active: false })

      const back = await postForm(admin, P.deactivateUser(B, board), P.deactivateUser(B, board), {
        action: 'reactivate',
      })
      assert.equal(back.status, 302)
      assert.equal((await trySignIn('strand-lead@bradford.example')).status, 302)
    })

    it('refuses to deactivate someone who also works with another council, or yourself', async () => {
      // Northfield's administrator, given access to Bradford too.
      const added = await postForm(admin, P.newUser(B), P.newUser(B), {
        displayName: 'Ignored',
        email: 'admin@northfield.example',
        role: 'viewer',
      })
      assert.equal(added.status, 302)
      await acceptCouncilInvitations(app, 'admin@northfield.example')
      const multiCouncil = await idOf('admin@northfield.example')
      const page = await admin.get(P.deactivateUser(B, multiCouncil))
      assert.equal(page.status, 200)
      assert.match(page.text, /also has access to another council/)
      assert.doesNotMatch(page.text, /data-qa="deactivate-user"/)
      const res = await postForm(admin, P.deactivateUser(B, multiCouncil), P.deactivateUser(B, multiCouncil), {
        action: 'deactivate',
      })
      assert.equal(res.status, 400)
      assert.match(res.text, /remove their access to this council instead/)
      const still = await database.db
        .selectFrom('app_user')
        .select('active')
        .where('id', '=', multiCouncil)
        .executeTakeFirstOrThrow()
      assert.equal(still.active, true)

      const me = await idOf('admin@bradford.example')
      const self = await postForm(admin, P.deactivateUser(B, me), P.deactivateUser(B, me), { action: 'deactivate' })
      assert.equal(self.status, 400)
      assert.match(self.text, /You cannot deactivate or reactivate your own account/)
    })

    it('a person removed from every council is signed out and cannot sign in', async () => {
      const partner = await idOf('partner@partner.example')
      const agent = await signedIn(app, 'partner@partner.example')
      assert.equal((await agent.get(P.home(B))).status, 200)
      const res = await postForm(admin, P.editUser(B, partner), P.editUser(B, partner), {
        role: 'partner',
        access: 'remove',
      })
      assert.equal(res.status, 302)
      assert.equal(await sessionsOf(partner), 0)
      const next = await agent.get(paths.home())
      assert.equal(next.status, 302)
      assert.match(next.headers.location!, /^\/sign-in/)
      const refused = await trySignIn('partner@partner.example')
      assert.equal(refused.status, 403)
      assert.match(refused.text, /Your account no longer has access to any council/)
    })
  })
}
