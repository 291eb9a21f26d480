// Bad input at the door: a NUL character in a form field or a query value is refused with a clear message
// (400), where PostgreSQL would otherwise fail on it with a 500; nothing is saved.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { buildTestApp, postForm, signedIn, type Agent } from '../test-support/http.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { paths } from '../web/paths.js'
import { holdsNul } from './middleware/nul-bytes.js'

const P = paths.council
const B = 'bradford'

describe('holdsNul', () => {
  it('finds a NUL character in a value, an array, an object or a key', () => {
    assert.equal(holdsNul('a\u0000b'), true)
    assert.equal(holdsNul(['x', 'y\u0000']), true)
    assert.equal(holdsNul({ a: { b: '\u0000' } }), true)
    assert.equal(holdsNul({ 'k\u0000': 'v' }), true)
    assert.equal(holdsNul({ a: 'plain', b: ['text', 3] }), false)
  })
})

for (const kind of testDatabaseKinds()) {
  describe(`a NUL character in what is sent, on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent

    before(async () => {
      database = await kind.openDemo()
      team = await signedIn(buildTestApp(database.db), 'improvement@bradford.example')
    })
    after(() => database.close())

    it('is refused in a form field with a clear message, and nothing is saved', async () => {
      const res = await postForm(team, P.newContact(B), P.newContact(B), {
        name: 'Zebedee\u0000 Quill',
        employer: 'Police',
        role: 'Detective Inspector',
        email: '',
      })
      assert.equal(res.status, 400)
      assert.match(res.text, /a NUL character/)
      const saved = await database.db.selectFrom('contact').select('id').where('name', 'like', 'Zebedee%').execute()
      assert.deepEqual(saved, [])
    })

    it('is refused in a query value', async () => {
      const res = await team.get(`${P.audit(B)}?q=%00`)
      assert.equal(res.status, 400)
      assert.match(res.text, /a NUL character/)
    })
  })
}
