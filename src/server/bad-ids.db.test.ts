// Malformed and out-of-range ids, in every GET route's parameters and in the query values that name records:
// the answer is a 404 (a record that cannot exist) or a 400 / an ignored filter, never a 500.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, signedIn, type Agent } from '../test-support/http.js'
import { registeredRoutes } from '../test-support/route-walk.js'

const BAD_IDS = ['2147483648', '99999999999999999999', '-1', '1.5', 'abc', '0']
/** The query values of council pages that name a record by id. */
const QUERY_IDS = ['user', 'strand', 'decision', 'question', 'theme', 'national', 'from', 'to', 'baseline']

// On the first database kind only: the ids are refused before any query is made, and a value that did reach the
// database would fail alike on both (PGlite is PostgreSQL); walking every route twice cost CI a minute.
for (const kind of testDatabaseKinds().slice(0, 1)) {
  describe(`malformed and out-of-range ids on ${kind.name}`, () => {
    let database: DatabaseHandle
    let admin: Agent
    let service: Agent
    let app: ReturnType<typeof buildTestApp>
    const errors: unknown[] = []

    before(async () => {
      database = await kind.openDemo({ national: true })
      app = buildTestApp(database.db, (error) => errors.push(error))
      admin = await signedIn(app, 'admin@bradford.example')
      service = await signedIn(app, 'service@turnaround.example')
    })
    after(() => database.close())

    it('every GET route with an id parameter answers 404 (or 400), never a 500', async () => {
      const routes = registeredRoutes(app).filter((r) => r.method === 'GET' && /:(?!council\b)\w+/.test(r.pattern))
      assert.ok(routes.length > 50, `only ${routes.length} routes found`)
      const failures: string[] = []
      for (const route of routes) {
        for (const bad of BAD_IDS) {
          const url = route.pattern.replace(':council', 'bradford').replace(/:\w+/g, bad)
          const response = await (url.startsWith('/service/') ? service : admin).get(url)
          if (response.status !== 404 && response.status !== 400) failures.push(`${url}: ${response.status}`)
        }
      }
      assert.deepEqual(failures, [])
      assert.deepEqual(errors, [])
    })

    it('query values that name records (filters, choices) answer 200 or 400, never a 500', async () => {
      const round = await database.db.selectFrom('staff_survey_round').select('id').executeTakeFirstOrThrow()
      const routes = registeredRoutes(app)
        .filter((r) => r.method === 'GET' && r.pattern.startsWith('/councils/:council'))
        .filter((r) => !/:(?!council\b)\w+/.test(r.pattern) || r.pattern.endsWith('/rounds/:surveyRoundId/results'))
      const failures: string[] = []
      for (const route of routes) {
        for (const bad of BAD_IDS) {
          const query = QUERY_IDS.map((key) => `${key}=${encodeURIComponent(bad)}`).join('&')
          const url = `${route.pattern.replace(':council', 'bradford').replace(':surveyRoundId', String(round.id))}?${query}`
          const response = await admin.get(url)
          if (response.status >= 500) failures.push(`${url}: ${response.status}`)
        }
      }
      assert.deepEqual(failures, [])
      assert.deepEqual(errors, [])
    })

    it('the audit page refuses a person filter that is not an id with a 400 and a message', async () => {
      for (const bad of BAD_IDS) {
        const response = await admin.get(`/councils/bradford/audit?user=${bad}`)
        assert.equal(response.status, 400, bad)
        assert.match(response.text, /Choose a person from the list/)
      }
    })
  })
}
