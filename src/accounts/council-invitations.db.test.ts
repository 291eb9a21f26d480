// Adding a person whose email already has an account elsewhere: an invitation that reveals nothing about the
// account, and a membership only once its owner accepts.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, postForm, signedIn, type Agent } from '../test-support/http.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'
const OUTSIDER = 'director@northfield.example' // Ruth Okonjo, Northfield's Director

for (const kind of testDatabaseKinds()) {
  describe(`inviting an account from another council on ${kind.name}`, () => {
    let database: DatabaseHandle
    let app: ReturnType<typeof buildTestApp>
    let admin: Agent

    before(async () => {
      database = await kind.openDemo()
      app = buildTestApp(database.db)
      admin = await signedIn(app, 'admin@bradford.example')
    })
    after(() => database.close())

    const membership = async (email: string, slug: string) =>
      database.db
        .selectFrom('membership')
        .innerJoin('app_user', 'app_user.id', 'membership.user_id')
        .innerJoin('organisation', 'organisation.id', 'membership.organisation_id')
        .select('membership.role')
        .where('app_user.email', '=', email)
        .where('organisation.slug', '=', slug)
        .executeTakeFirst()

    it('invites without attaching the account or showing anything of it, like a new person', async () => {
      const typed = { displayName: 'R Okonjo (typed)', email: OUTSIDER, role: 'viewer' }
      const res = await postForm(admin, P.newUser(B), P.newUser(B), typed)
      assert.equal(res.status, 302)
      const users = await admin.get(P.users(B)).expect(200)
      assert.match(users.text, /Invitation sent to director@northfield\.example/)
      assert.match(users.text, /R Okonjo \(typed\) can accept it using the link in the email until/)
      assert.doesNotMatch(users.text, /Ruth Okonjo|Northfield Borough Council/)
      assert.match(users.text, /R Okonjo \(typed\)[\s\S]*?Invited, not yet signed in/)
      assert.equal(await membership(OUTSIDER, B), undefined, 'not a member until accepted')

      // A brand-new email gets the same words.
      const fresh = await postForm(admin, P.newUser(B), P.newUser(B), {
        displayName: 'Newcomer',
        email: 'newcomer@bradford.example',
        role: 'viewer',
      })
      assert.equal(fresh.status, 302)
      const after = await admin.get(P.users(B)).expect(200)
      assert.match(after.text, /Invitation sent to newcomer@bradford\.example/)
      assert.match(after.text, /Newcomer can accept it using the link in the email until/)

      const mail = await database.db
        .selectFrom('outbox_message')
        .select(['body', 'subject'])
        .where('template', '=', 'council-invitation')
        .executeTakeFirstOrThrow()
      assert.match(mail.subject, /invited to join City of Bradford/)
      assert.doesNotMatch(mail.body, /Ruth|Okonjo/)
      const audit = await database.db
        .selectFrom('audit_log')
        .innerJoin('organisation', 'organisation.id', 'audit_log.organisation_id')
        .select(['summary', 'organisation.slug'])
        .where('entity_type', '=', 'council invitation')
        .execute()
      assert.deepEqual(audit, [{ summary: 'Invited director@northfield.example as viewer', slug: B }])

      const again = await postForm(admin, P.newUser(B), P.newUser(B), typed)
      assert.equal(again.status, 400)
      assert.match(again.text, /An invitation to this email address is already waiting/)
    })

    it('lets only the invited person accept, and then they are a member', async () => {
      const invitation = await database.db
        .selectFrom('council_invitation')
        .select('id')
        .where('display_name', '=', 'R Okonjo (typed)')
        .executeTakeFirstOrThrow()
      const someoneElse = await signedIn(app, 'admin@northfield.example')
      const theirPage = await someoneElse.get(paths.councilInvitations()).expect(200)
      assert.match(theirPage.text, /You have no invitations waiting/)
      await someoneElse
        .post(paths.answerCouncilInvitation(invitation.id))
        .type('form')
        .send({ _csrf: csrfFrom(theirPage.text), answer: 'accept' })
        .expect(404)
      assert.equal(await membership('admin@northfield.example', B), undefined)

      const invited = await signedIn(app, OUTSIDER)
      await invited.get(P.home(B)).expect(404)
      const page = await invited.get(paths.councilInvitations()).expect(200)
      assert.match(page.text, /has invited you to join City of Bradford[^<]* as: <strong>Viewer/)
      const accepted = await invited
        .post(paths.answerCouncilInvitation(invitation.id))
        .type('form')
        .send({ _csrf: csrfFrom(page.text), answer: 'accept' })
      assert.equal(accepted.status, 302)
      assert.equal(accepted.headers.location, P.home(B))
      assert.deepEqual(await membership(OUTSIDER, B), { role: 'viewer' })
      await invited.get(P.home(B)).expect(200)
      // Answered: it cannot be answered again.
      await invited
        .post(paths.answerCouncilInvitation(invitation.id))
        .type('form')
        .send({ _csrf: csrfFrom(page.text), answer: 'decline' })
        .expect(404)
      const trail = await admin.get(P.audit(B)).expect(200)
      assert.match(trail.text, /director@northfield\.example accepted the invitation and has the role viewer/)
    })
  })
}
