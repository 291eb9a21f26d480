// Publishing freezes the plan: a published version never changes when the live plan does.
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
  describe(`plan versions on ${kind.name}`, () => {
    let database: DatabaseHandle
    let ids: Awaited<ReturnType<typeof demoIds>>
    let team: Agent
    let viewer: Agent

    before(async () => {
      database = await kind.openDemo()
      ids = await demoIds(database.db)
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
    })
    after(() => database.close())

    it('publishes the next version, audited, and later edits do not change it', async () => {
      const published = await postForm(team, P.versions(B), P.publishVersion(B), { notes: 'After the March board' })
      assert.equal(published.status, 302)
      assert.equal(published.headers.location, P.version(B, 3))
      const audit = await database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'publish')
        .executeTakeFirstOrThrow()
      assert.equal(audit.summary, 'Published plan version 3')

      assert.match((await team.get(P.version(B, 3))).text, /Version 3 published/) // the one-off banner
      const frozen = (await team.get(P.version(B, 3))).text
      const milestone = await database.db
        .selectFrom('milestone')
        .selectAll()
        .where('id', '=', ids.ownMilestone)
        .executeTakeFirstOrThrow()
      assert.match(frozen, new RegExp(milestone.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))

      await database.db
        .updateTable('milestone')
        .set({ title: 'Renamed after publishing' })
        .where('id', '=', ids.ownMilestone)
        .execute()
      const later = (await team.get(P.version(B, 3))).text
      assert.doesNotMatch(later, /Renamed after publishing/)
      assert.equal(
        later.replace(/nonce="[^"]+"|name="_csrf" value="[^"]+"/g, ''),
        frozen.replace(/nonce="[^"]+"|name="_csrf" value="[^"]+"/g, ''),
      )
    })

    it('shows what changed between a version and the draft', async () => {
      const res = await team.get(`${P.compareVersions(B)}?from=3&to=draft`)
      assert.equal(res.status, 200)
      assert.match(res.text, /Changes from version 3 to the current draft/)
      assert.match(res.text, /Renamed after publishing/)
      assert.match(res.text, /Changed/)
    })

    it('shows strand 3b as added between versions 1 and 2 of the demo', async () => {
      const res = await viewer.get(`${P.compareVersions(B)}?from=1&to=2`)
      assert.equal(res.status, 200)
      assert.match(res.text, /Added/)
      assert.match(res.text, /Strand 3b/)
    })

    it('never shows the draft to a viewer, even if asked for it', async () => {
      const res = await viewer.get(`${P.compareVersions(B)}?from=1&to=draft`)
      assert.equal(res.status, 200)
      assert.doesNotMatch(res.text, /Renamed after publishing/)
      assert.doesNotMatch(res.text, /Current draft/)
      assert.match(res.text, /Choose two versions to compare/)
    })

    it('404s for a version that does not exist', async () => {
      assert.equal((await team.get(P.version(B, 99))).status, 404)
      assert.equal((await team.get(`${P.versions(B)}/abc`)).status, 404)
    })

    it('rejects over-long notes, keeping them, and publishes nothing', async () => {
      const count = async () => (await database.db.selectFrom('plan_version').select('id').execute()).length
      const before = await count()
      const res = await postForm(team, P.versions(B), P.publishVersion(B), { notes: 'n'.repeat(2001) })
      assert.equal(res.status, 400)
      assert.match(res.text, /Notes must be 2000 characters or fewer/)
      assert.match(res.text, /n{2001}/)
      assert.equal(await count(), before)
    })
  })
}
