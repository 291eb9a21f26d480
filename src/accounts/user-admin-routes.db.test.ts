import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, postForm, signedIn, type Agent } from '../test-support/http.js'
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

    it('adds a person who can then sign in with the role given, and audits it', async () => {
      const res = await postForm(admin, P.newUser(B), P.newUser(B), {
        displayName: 'New Strand Lead',
        email: 'New.Lead@Bradford.example',
        role: 'strand-lead',
        password: 'a-long-first-password',
      })
      assert.equal(res.status, 302)
      const user = await database.db
        .selectFrom('app_user')
        .selectAll()
        .where('email', '=', 'new.lead@bradford.example')
        .executeTakeFirstOrThrow()
      assert.match(user.password_hash, /^scrypt\$/)
      assert.doesNotMatch(user.password_hash, /a-long-first-password/)
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
    })

    it('explains each problem with a new person and never echoes the password', async () => {
      const res = await postForm(admin, P.newUser(B), P.newUser(B), {
        displayName: 'Kept Name',
        email: 'not-an-email',
        password: 'short',
      })
      assert.equal(res.status, 400)
      assert.match(res.text, /Enter an email address in the correct format/)
      assert.match(res.text, /Select a role/)
      assert.match(res.text, /at least 12 characters/)
      assert.match(res.text, /value="Kept Name"/)
      assert.doesNotMatch(res.text, /value="short"/)
      const duplicate = await postForm(admin, P.newUser(B), P.newUser(B), {
        displayName: 'X',
        email: 'director@bradford.example',
        role: 'viewer',
        password: 'another-long-password',
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

      const adviser = await database.db
        .selectFrom('app_user')
        .select('id')
        .where('email', '=', 'adviser@dfe.example')
        .executeTakeFirstOrThrow()
      const removed = await postForm(admin, P.editUser(B, adviser.id), P.editUser(B, adviser.id), {
        role: 'adviser',
        access: 'remove',
      })
      assert.equal(removed.status, 302)
      const left = await database.db
        .selectFrom('membership')
        .innerJoin('organisation', 'organisation.id', 'membership.organisation_id')
        .select('organisation.slug')
        .where('user_id', '=', adviser.id)
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
  })
}
