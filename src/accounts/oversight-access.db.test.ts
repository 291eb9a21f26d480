// Oversight access belongs to the overseer: a service administrator (no council of their own) grants, changes and
// withdraws the DfE adviser's, Commissioner's and Board chair's access, audited in the council's own trail; the
// council's administrator can do none of it, and the council sees who holds it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import request from 'supertest'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { organisationIdOf, userIdOf } from '../test-support/demo-ids.js'
import {
  acceptCouncilInvitations,
  buildTestApp,
  csrfFrom,
  postForm,
  signedIn,
  type Agent,
} from '../test-support/http.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'

for (const kind of testDatabaseKinds()) {
  describe(`oversight access on ${kind.name}`, () => {
    let database: DatabaseHandle
    let app: ReturnType<typeof buildTestApp>
    let service: Agent
    let admin: Agent
    let bradford: number
    let northfield: number
    let serviceId: number

    before(async () => {
      database = await kind.openDemo()
      app = buildTestApp(database.db)
      bradford = await organisationIdOf(database.db, 'bradford')
      northfield = await organisationIdOf(database.db, 'northfield')
      serviceId = await userIdOf(database.db, 'service@turnaround.example')
      service = await signedIn(app, 'service@turnaround.example')
      admin = await signedIn(app, 'admin@bradford.example')
    })
    after(() => database.close())

    const db = () => database.db
    const memberships = () =>
      db()
        .selectFrom('membership')
        .select(['id', 'user_id', 'organisation_id', 'role', 'oversight_post', 'granted_by'])
        .orderBy('id')
        .execute()
    const accounts = () => db().selectFrom('app_user').select(['id', 'email', 'active']).orderBy('id').execute()
    // Changes recorded in the trail; refusals (recorded too, src/audit/refusals.ts) change nothing.
    const auditCount = async () =>
      Number(
        (
          await db()
            .selectFrom('audit_log')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('action', '<>', 'refused')
            .executeTakeFirstOrThrow()
        ).n,
      )
    const membershipOf = (email: string, organisationId: number) =>
      db()
        .selectFrom('membership')
        .innerJoin('app_user', 'app_user.id', 'membership.user_id')
        .select(['membership.id', 'membership.role', 'membership.oversight_post', 'membership.granted_by'])
        .where('app_user.email', '=', email)
        .where('membership.organisation_id', '=', organisationId)
        .executeTakeFirst()
    const sessionsOf = async (userId: number) =>
      (await db().selectFrom('session').select('data').execute()).filter(
        (r) => (r.data as { userId?: number }).userId === userId,
      ).length
    /** POST with a CSRF token taken from a page the agent may open (for refusals of pages it may not). */
    const postWithToken = async (agent: Agent, tokenPage: string, action: string, fields: Record<string, string>) => {
      const page = await agent.get(tokenPage)
      assert.equal(page.status, 200)
      return agent
        .post(action)
        .type('form')
        .send({ ...fields, _csrf: csrfFrom(page.text) })
    }

    it('lets a service administrator sign in with no council, and no one else use the service pages', async () => {
      const home = await service.get(paths.home())
      assert.equal(home.status, 302)
      assert.equal(home.headers.location, paths.service())
      const landing = await service.get(paths.service())
      assert.equal(landing.status, 200)
      assert.match(landing.text, /<h1[^>]*>Service administration<\/h1>/)
      assert.match(landing.text, /data-qa="nav-service"/)
      assert.match(landing.text, /data-qa="council-bradford"[\s\S]*?City of Bradford[\s\S]*?>2<\/td>/)
      assert.match(landing.text, new RegExp(`href="${paths.oversightAccess()}"`))
      const account = await service.get(paths.account())
      assert.equal(account.status, 200)
      assert.match(account.text, /data-qa="account-service-admin"/)
      assert.match(account.text, /data-qa="account-no-councils"/)
      const list = await service.get(paths.oversightAccess())
      assert.equal(list.status, 200)
      const bradfordTable = /data-qa="oversight-bradford"[\s\S]*?<\/table>/.exec(list.text)?.[0] ?? ''
      assert.match(bradfordTable, /Demo Board Chair[\s\S]*?Improvement Board chair/)
      assert.match(bradfordTable, /Demo DfE Adviser[\s\S]*?adviser@dfe.example[\s\S]*?DfE adviser/)
      assert.match(list.text, /data-qa="oversight-northfield"[\s\S]*?Demo DfE Adviser[\s\S]*?Chris Hale/)
      // A council page is still "not found" for them: they have no council.
      assert.equal((await service.get(P.home(B))).status, 404)

      // Signed out: sent to sign in, and brought back.
      const anonymous = await request(app).get(paths.oversightAccess())
      assert.equal(anonymous.status, 302)
      assert.equal(
        anonymous.headers.location,
        `${paths.signIn()}?returnTo=${encodeURIComponent('/service/oversight-access')}`,
      )

      // Everyone else signed in: 403 on every page and every POST, and nothing written.
      const adviser = await signedIn(app, 'adviser@dfe.example')
      const holding = await membershipOf('adviser@dfe.example', bradford)
      assert.ok(holding)
      const before = [await memberships(), await accounts(), await auditCount()]
      for (const [agent, tokenPage] of [
        [admin, P.users(B)],
        [adviser, paths.account()],
      ] as const) {
        assert.doesNotMatch((await agent.get(paths.account())).text, /data-qa="nav-service"/)
        for (const url of [
          paths.service(),
          paths.oversightAccess(),
          paths.grantOversightAccess(),
          paths.editOversightAccess(holding.id),
          paths.withdrawOversightAccess(holding.id),
          paths.editOversightAccess(999999),
        ]) {
          const page = await agent.get(url)
          assert.equal(page.status, 403, url)
          assert.match(page.text, /You do not have permission/)
        }
        const posts: Array<[string, Record<string, string>]> = [
          [
            paths.grantOversightAccess(),
            { council: 'bradford', post: 'commissioner', email: 'someone@dfe.example', displayName: 'Someone' },
          ],
          [paths.editOversightAccess(holding.id), { post: 'commissioner' }],
          [paths.editOversightAccess(holding.id), { action: 'invite' }],
          [paths.withdrawOversightAccess(holding.id), { confirm: 'withdraw' }],
        ]
        for (const [url, fields] of posts) {
          assert.equal((await postWithToken(agent, tokenPage, url, fields)).status, 403, url)
        }
      }
      assert.deepEqual([await memberships(), await accounts(), await auditCount()], before)
    })

    it('grants a post to a new email, changes it and withdraws it, each audited in the council’s trail', async () => {
      const form = await service.get(`${paths.grantOversightAccess()}?council=bradford`)
      assert.equal(form.status, 200)
      assert.match(form.text, /<option value="bradford" selected>/)
      assert.match(form.text, /value="commissioner"/)
      assert.doesNotMatch(form.text, /value="dfe"/, 'only councils are offered')

      const empty = await postForm(service, paths.grantOversightAccess(), paths.grantOversightAccess(), {})
      assert.equal(empty.status, 400)
      for (const text of ['Select the council', 'Select the post', 'Enter their email address']) {
        assert.match(empty.text, new RegExp(`href="#\\w+">${text}`))
      }
      const grant = {
        council: 'bradford',
        post: 'adviser',
        email: ' New.Adviser@DfE.example ',
        displayName: '',
      }
      const noName = await postForm(service, paths.grantOversightAccess(), paths.grantOversightAccess(), grant)
      assert.equal(noName.status, 400)
      assert.match(noName.text, /href="#displayName">Enter their full name: no one has an account/)
      assert.match(noName.text, /value=" New.Adviser@DfE.example "/)
      assert.match(noName.text, /<option value="bradford" selected>/)
      assert.match(noName.text, /value="adviser" checked/)
      assert.equal(await membershipOf('new.adviser@dfe.example', bradford), undefined)

      const granted = await postForm(service, paths.grantOversightAccess(), paths.grantOversightAccess(), {
        ...grant,
        displayName: 'Nia Adviser',
      })
      assert.equal(granted.status, 302)
      assert.equal(granted.headers.location, paths.oversightAccess())
      const account = await db()
        .selectFrom('app_user')
        .innerJoin('organisation', 'organisation.id', 'app_user.employer_organisation_id')
        .select(['app_user.id', 'app_user.password_hash', 'app_user.display_name', 'organisation.kind'])
        .where('email', '=', 'new.adviser@dfe.example')
        .executeTakeFirstOrThrow()
      assert.deepEqual([account.password_hash, account.display_name, account.kind], ['', 'Nia Adviser', 'dfe'])
      const post = await membershipOf('new.adviser@dfe.example', bradford)
      assert.deepEqual(post && { ...post, id: 0 }, {
        id: 0,
        role: 'adviser',
        oversight_post: 'adviser',
        granted_by: serviceId,
      })
      const invitation = await db()
        .selectFrom('outbox_message')
        .select(['organisation_id', 'body'])
        .where('to_user_id', '=', account.id)
        .where('template', '=', 'invitation')
        .executeTakeFirstOrThrow()
      // Queued under no council: the council's sent-mail page never shows the overseer's invitation link.
      assert.equal(invitation.organisation_id, null)
      assert.match(invitation.body, /Demo Service Administrator has invited you[\s\S]*\/invitation\//)
      const trail = async (action: string) =>
        db()
          .selectFrom('audit_log')
          .select(['organisation_id', 'user_id', 'before', 'after', 'summary'])
          .where('entity_type', '=', 'membership')
          .where('entity_id', '=', String(account.id))
          .where('action', '=', action as 'grant')
          .execute()
      const [grantEntry, ...moreGrants] = await trail('grant')
      assert.equal(moreGrants.length, 0)
      assert.deepEqual(grantEntry, {
        organisation_id: bradford,
        user_id: serviceId,
        before: null,
        after: { email: 'new.adviser@dfe.example', role: 'adviser', oversight_post: 'adviser' },
        summary: 'Granted new.adviser@dfe.example oversight access as DfE adviser',
      })
      assert.ok(
        (await db().selectFrom('audit_log').select('summary').where('organisation_id', '=', bradford).execute()).some(
          (a) => a.summary === 'Created account new.adviser@dfe.example',
        ),
      )
      const listed = await service.get(paths.oversightAccess())
      assert.match(listed.text, /data-qa="flash"[\s\S]*?Nia Adviser is now DfE adviser for City of Bradford/)
      assert.match(
        listed.text,
        /Nia Adviser[\s\S]*?Invited, not yet signed in[\s\S]*?DfE adviser[\s\S]*?Demo Service Administrator/,
      )

      // A second grant at the same council is refused on the email field, whoever holds the access.
      const twice = await postForm(service, paths.grantOversightAccess(), paths.grantOversightAccess(), {
        council: 'bradford',
        post: 'commissioner',
        email: 'new.adviser@dfe.example',
        displayName: '',
      })
      assert.equal(twice.status, 400)
      assert.match(
        twice.text,
        /href="#email">This person already holds oversight access to City of Bradford[^<]*as DfE adviser: change their post instead/,
      )
      const member = await postForm(service, paths.grantOversightAccess(), paths.grantOversightAccess(), {
        council: 'bradford',
        post: 'board-chair',
        email: 'director@bradford.example',
        displayName: '',
      })
      assert.equal(member.status, 400)
      assert.match(
        member.text,
        /already has access to City of Bradford[^<]*as Senior leader: change their existing access instead/,
      )
      assert.equal((await memberships()).filter((m) => m.user_id === account.id).length, 1)

      // Change: adviser to Commissioner (same role), then to the Board chair (role follows the post).
      const edit = paths.editOversightAccess(post!.id)
      const editPage = await service.get(edit)
      assert.equal(editPage.status, 200)
      assert.match(editPage.text, /data-qa="invite-holder"/)
      const bad = await postForm(service, edit, edit, { post: 'governor' })
      assert.equal(bad.status, 400)
      assert.match(bad.text, /href="#post">Select the post/)
      assert.equal((await postForm(service, edit, edit, { post: 'commissioner' })).status, 302)
      assert.deepEqual(await membershipOf('new.adviser@dfe.example', bradford), {
        ...post,
        role: 'adviser',
        oversight_post: 'commissioner',
      })
      const [change] = await trail('update')
      assert.deepEqual(change && [change.organisation_id, change.user_id, change.before, change.after], [
        bradford,
        serviceId,
        { email: 'new.adviser@dfe.example', role: 'adviser', oversight_post: 'adviser' },
        { email: 'new.adviser@dfe.example', role: 'adviser', oversight_post: 'commissioner' },
      ])
      assert.equal((await postForm(service, edit, edit, { post: 'board-chair' })).status, 302)
      assert.equal((await membershipOf('new.adviser@dfe.example', bradford))?.role, 'board-member')
      // A fresh invitation from the same page.
      assert.equal((await postForm(service, edit, edit, { action: 'invite' })).status, 302)
      assert.equal(
        (
          await db()
            .selectFrom('outbox_message')
            .select('id')
            .where('to_user_id', '=', account.id)
            .where('template', '=', 'invitation')
            .execute()
        ).length,
        2,
      )

      // Withdraw: a confirmation page, then the membership goes; audited with what it was.
      const withdraw = paths.withdrawOversightAccess(post!.id)
      const confirm = await service.get(withdraw)
      assert.equal(confirm.status, 200)
      assert.match(confirm.text, /Withdraw Nia Adviser’s access to City of Bradford/)
      assert.equal((await postForm(service, withdraw, withdraw, {})).status, 400)
      assert.ok(await membershipOf('new.adviser@dfe.example', bradford))
      assert.equal((await postForm(service, withdraw, withdraw, { confirm: 'withdraw' })).status, 302)
      assert.equal(await membershipOf('new.adviser@dfe.example', bradford), undefined)
      const [withdrawn] = await trail('withdraw')
      assert.deepEqual(withdrawn && [withdrawn.organisation_id, withdrawn.user_id, withdrawn.before, withdrawn.after], [
        bradford,
        serviceId,
        { email: 'new.adviser@dfe.example', role: 'board-member', oversight_post: 'board-chair' },
        null,
      ])
      assert.equal((await service.get(withdraw)).status, 404)
      // Only oversight posts are reached here: an ordinary membership is not found.
      const directorMembership = await membershipOf('director@bradford.example', bradford)
      assert.equal((await service.get(paths.editOversightAccess(directorMembership!.id))).status, 404)

      // Withdrawing someone's last council signs them out at once; an existing account is told, not invited.
      const chair = await signedIn(app, 'board@northfield.example')
      const chairId = await userIdOf(db(), 'board@northfield.example')
      const chairPost = await membershipOf('board@northfield.example', northfield)
      const chairWithdraw = paths.withdrawOversightAccess(chairPost!.id)
      assert.equal((await postForm(service, chairWithdraw, chairWithdraw, { confirm: 'withdraw' })).status, 302)
      assert.equal(await sessionsOf(chairId), 0)
      assert.match((await chair.get(P.home('northfield'))).headers.location ?? '', /^\/sign-in/)
      const director = await postForm(service, paths.grantOversightAccess(), paths.grantOversightAccess(), {
        council: 'northfield',
        post: 'board-chair',
        email: 'director@bradford.example',
        displayName: 'Ignored',
      })
      assert.equal(director.status, 302)
      const directorId = await userIdOf(db(), 'director@bradford.example')
      assert.deepEqual(
        await db()
          .selectFrom('outbox_message')
          .select(['template', 'organisation_id'])
          .where('to_user_id', '=', directorId)
          .execute(),
        [{ template: 'access-added', organisation_id: northfield }],
      )
      assert.equal((await membershipOf('director@bradford.example', northfield))?.role, 'board-member')
      assert.equal(
        (await db().selectFrom('app_user').select('display_name').where('id', '=', directorId).executeTakeFirst())
          ?.display_name,
        'Demo Director',
      )
    })

    it('refuses a council administrator every change to oversight access, and shows who holds it', async () => {
      const adviserId = await userIdOf(db(), 'adviser@dfe.example')
      const chairId = await userIdOf(db(), 'board@bradford.example')
      const viewerId = await userIdOf(db(), 'councillor@bradford.example')
      const before = [await memberships(), await accounts(), await auditCount()]

      const form = await admin.get(P.newUser(B))
      assert.doesNotMatch(form.text, /value="adviser"/)
      assert.match(form.text, /value="board-member"/)
      const added = await postForm(admin, P.newUser(B), P.newUser(B), {
        displayName: 'Sneaky Adviser',
        email: 'sneaky@dfe.example',
        role: 'adviser',
      })
      assert.equal(added.status, 400)
      assert.match(added.text, /href="#role">Only the service administrator can give the DfE adviser/)
      assert.match(added.text, /value="sneaky@dfe.example"/)
      const promoted = await postForm(admin, P.editUser(B, viewerId), P.editUser(B, viewerId), {
        role: 'adviser',
        access: 'keep',
      })
      assert.equal(promoted.status, 400)
      assert.doesNotMatch((await admin.get(P.editUser(B, viewerId))).text, /value="adviser"/)

      for (const [id, post] of [
        [adviserId, 'DfE adviser'],
        [chairId, 'Improvement Board chair'],
      ] as const) {
        for (const url of [P.editUser(B, id), P.deactivateUser(B, id)]) {
          const page = await admin.get(url)
          assert.equal(page.status, 403, url)
          assert.match(page.text, new RegExp(`as ${post}\\. This access is held by the overseer`))
          assert.match(page.text, /only the Turnaround service administrator can change/)
        }
        const posts: Array<[string, Record<string, string>]> = [
          [P.editUser(B, id), { role: 'viewer', access: 'keep' }],
          [P.editUser(B, id), { role: 'board-member', access: 'remove' }],
          [P.inviteUser(B, id), {}],
          [P.deactivateUser(B, id), { action: 'deactivate' }],
        ]
        for (const [url, fields] of posts) {
          const res = await postWithToken(admin, P.users(B), url, fields)
          assert.equal(res.status, 403, url)
          assert.match(res.text, /Nothing has been changed/)
        }
      }
      assert.deepEqual([await memberships(), await accounts(), await auditCount()], before)

      // Making another member a Board member is theirs to do, and never gives the chair's post.
      const board = await postForm(admin, P.editUser(B, viewerId), P.editUser(B, viewerId), {
        role: 'board-member',
        access: 'keep',
      })
      assert.equal(board.status, 302)
      const viewerNow = await membershipOf('councillor@bradford.example', bradford)
      assert.deepEqual([viewerNow?.role, viewerNow?.oversight_post], ['board-member', null])

      // The users list: overseers with their post, managed elsewhere, no change link.
      const users = await admin.get(P.users(B))
      const rowOf = (name: string) =>
        users.text
          .split('data-qa="user-row"')
          .slice(1)
          .find((row) => row.includes(name)) ?? assert.fail(name)
      for (const [name, id, post] of [
        ['Demo DfE Adviser', adviserId, 'DfE adviser'],
        ['Demo Board Chair', chairId, 'Improvement Board chair'],
      ] as const) {
        const row = rowOf(name)
        assert.match(row, new RegExp(`data-qa="user-role">${post}<br><span[^>]*>Managed by the service administrator`))
        assert.ok(!row.includes(P.editUser(B, id)), name)
      }
      assert.ok(rowOf('Demo Scrutiny Councillor').includes(P.editUser(B, viewerId)))
      assert.match(users.text, new RegExp(`href="${P.councilOversightAccess(B)}"`))

      // The council's own page of who holds oversight access: its administrator and those who read oversight.
      for (const email of ['admin@bradford.example', 'board@bradford.example', 'strand-lead@bradford.example']) {
        const agent = email === 'admin@bradford.example' ? admin : await signedIn(app, email)
        const page = await agent.get(P.councilOversightAccess(B))
        assert.equal(page.status, 200, email)
        assert.match(
          page.text,
          /Demo DfE Adviser<br><span[^>]*>Department for Education<\/span><\/th>\s*<td[^>]*>DfE adviser/,
        )
        assert.match(page.text, /Demo Board Chair[\s\S]*?Improvement Board chair/)
        assert.match(page.text, /Only the Turnaround service administrator can grant, change or withdraw this access/)
        assert.doesNotMatch(page.text, /Nia Adviser/, 'withdrawn in the test before')
      }
      for (const email of ['partner@partner.example', 'councillor@bradford.example']) {
        // The councillor is a Board member now; make them a viewer again first.
        if (email === 'councillor@bradford.example') {
          await postForm(admin, P.editUser(B, viewerId), P.editUser(B, viewerId), { role: 'viewer', access: 'keep' })
        }
        const agent = await signedIn(app, email)
        assert.equal((await agent.get(P.councilOversightAccess(B))).status, 403, email)
      }

      // The service administrator given ordinary access to Bradford: shown among the councils on '/', never
      // deactivated by the council, and still signed in once that access is removed.
      const added2 = await postForm(admin, P.newUser(B), P.newUser(B), {
        displayName: 'Ignored',
        email: 'service@turnaround.example',
        role: 'viewer',
      })
      assert.equal(added2.status, 302)
      await acceptCouncilInvitations(app, 'service@turnaround.example')
      const choice = await service.get(paths.home())
      assert.equal(choice.status, 200)
      assert.match(choice.text, /data-qa="service-link"[\s\S]*?href="\/service"/)
      assert.match(choice.text, /data-qa="council-bradford"/)
      const deactivate = await postForm(admin, P.deactivateUser(B, serviceId), P.deactivateUser(B, serviceId), {
        action: 'deactivate',
      })
      assert.equal(deactivate.status, 400)
      assert.match(deactivate.text, /is a Turnaround service administrator/)
      const removed = await postForm(admin, P.editUser(B, serviceId), P.editUser(B, serviceId), {
        role: 'viewer',
        access: 'remove',
      })
      assert.equal(removed.status, 302)
      assert.ok((await sessionsOf(serviceId)) > 0)
      assert.equal((await service.get(paths.home())).headers.location, paths.service())
    })
  })
}
