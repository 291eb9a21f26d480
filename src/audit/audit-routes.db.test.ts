import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, postForm, signedIn, type Agent } from '../test-support/http.js'
import { demoIds } from '../test-support/demo-ids.js'
import { paths } from '../web/paths.js'
import { changedFields } from './audit-repository.js'

const P = paths.council
const B = 'bradford'

for (const kind of testDatabaseKinds()) {
  describe(`audit trail on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let northfield: Agent
    let ids: Awaited<ReturnType<typeof demoIds>>

    before(async () => {
      database = await kind.openDemo()
      ids = await demoIds(database.db)
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      northfield = await signedIn(app, 'admin@northfield.example')
      await postForm(team, P.objective(B, ids.ownObjective), P.objectiveUpdates(B, ids.ownObjective), {
        body: 'Audited update',
      })
      await postForm(team, P.editStrand(B, ids.otherStrand), P.editStrand(B, ids.otherStrand), {
        code: '5',
        half: 'A',
        title: 'Children in care and care leavers (renamed)',
        leadTitle: 'Assistant Director',
      })
    })
    after(() => database.close())

    it('lists changes newest first with who made them and the fields before and after', async () => {
      const res = await team.get(P.audit(B))
      assert.equal(res.status, 200)
      const strandEdit = res.text.indexOf('Edited strand 5 Children in care and care leavers (renamed)')
      const update = res.text.indexOf('Progress update on objective')
      assert.ok(strandEdit > 0 && update > 0 && strandEdit < update, 'newest first')
      assert.match(res.text, /Demo Improvement Officer/)
      assert.match(res.text, /Children in care and care leavers \(renamed\)/)
    })

    it('filters by what changed, by kind of change and by person', async () => {
      const strands = await team.get(`${P.audit(B)}?entity=strand`)
      assert.match(strands.text, /Edited strand 5/)
      assert.doesNotMatch(strands.text, /Progress update on objective/)
      const creates = await team.get(`${P.audit(B)}?action=create&entity=objective_update`)
      assert.match(creates.text, /Progress update on objective/)
      assert.match(creates.text, /data-qa="audit-total">1 entry</)
      const nobody = await team.get(`${P.audit(B)}?user=${ids.viewerUser}`)
      assert.match(nobody.text, /No entries match/)
    })

    it('filters by date and explains a bad date', async () => {
      const future = await team.get(`${P.audit(B)}?from=2099-01-01`)
      assert.match(future.text, /No entries match/)
      const bad = await team.get(`${P.audit(B)}?from=31/12/2023`)
      assert.equal(bad.status, 400)
      assert.match(bad.text, /Enter dates in the format 2023-03-31/)
      assert.match(bad.text, /value="31\/12\/2023"/)
    })

    it('never shows one council’s trail to another', async () => {
      const res = await northfield.get(P.audit('northfield'))
      assert.equal(res.status, 200)
      assert.doesNotMatch(res.text, /Edited strand 5|Progress update on objective/)
      assert.equal((await northfield.get(P.audit(B))).status, 404)
    })
  })
}

describe('changedFields', () => {
  it('lists only the fields that differ, showing empty for missing values', () => {
    assert.deepEqual(changedFields({ a: 1, b: 'x', c: null }, { a: 1, b: 'y', d: [1] }), [
      { field: 'b', before: 'x', after: 'y' },
      { field: 'd', before: '', after: '[1]' },
    ])
    assert.deepEqual(changedFields(null, { title: 'New' }), [{ field: 'title', before: '', after: 'New' }])
    assert.deepEqual(changedFields({ same: true }, { same: true }), [])
  })
})
