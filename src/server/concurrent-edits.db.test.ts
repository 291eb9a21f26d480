// Two people at once: creating the same code (in any case) gives one record and one form error, never a 500
// or two records; saving an edit form opened before someone else's save is refused, keeping what was typed.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, signedIn, type Agent } from '../test-support/http.js'
import { demoIds, organisationIdOf } from '../test-support/demo-ids.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'

/** An edit form as a browser holds it: its CSRF token and the version it was opened at. */
async function openForm(agent: Agent, url: string) {
  const page = await agent.get(url)
  assert.equal(page.status, 200, `GET ${url}`)
  const version = /name="expectedVersion" value="([^"]+)"/.exec(page.text)
  assert.ok(version, `${url} carries no expectedVersion`)
  return { _csrf: csrfFrom(page.text), expectedVersion: version[1]! }
}

const measureFields = (code: string, name: string) => ({
  code,
  name,
  unit: 'count',
  polarity: 'higher',
  frequency: 'monthly',
  decimals: '1',
})

for (const kind of testDatabaseKinds()) {
  describe(`concurrent creates and edits on ${kind.name}`, () => {
    let database: DatabaseHandle
    let ids: Awaited<ReturnType<typeof demoIds>>
    let team: Agent
    let admin: Agent
    const errors: unknown[] = []

    before(async () => {
      database = await kind.openDemo()
      ids = await demoIds(database.db)
      const app = buildTestApp(database.db, (error) => errors.push(error))
      team = await signedIn(app, 'improvement@bradford.example')
      admin = await signedIn(app, 'admin@bradford.example')
    })
    after(() => database.close())

    it('the database refuses codes and titles that differ only in case', async () => {
      const organisationId = await organisationIdOf(database.db, B)
      const insertMeasure = (code: string) =>
        database.db
          .insertInto('measure')
          .values({
            organisation_id: organisationId,
            code,
            name: code,
            unit: 'count',
            polarity: 'higher',
            frequency: 'monthly',
          })
          .execute()
      await insertMeasure('CASE1a')
      await assert.rejects(insertMeasure('case1A'), (e: { code?: string }) => e.code === '23505')
      const strand = await database.db
        .selectFrom('strand')
        .selectAll()
        .where('id', '=', ids.ownStrand)
        .executeTakeFirstOrThrow()
      await assert.rejects(
        database.db
          .insertInto('strand')
          .values({ plan_id: strand.plan_id, code: '77x', half: 'A', title: 'x', lead_title: '', position: 99 })
          .execute()
          .then(() =>
            database.db
              .insertInto('strand')
              .values({ plan_id: strand.plan_id, code: '77X', half: 'A', title: 'y', lead_title: '', position: 100 })
              .execute(),
          ),
        (e: { code?: string }) => e.code === '23505',
      )
    })

    for (const [first, second] of [
      ['97Z', '97Z'],
      ['98z', '98Z'],
    ] as const) {
      it(`two measures created at once with the codes ${first} and ${second}: one is added, the other is a form error`, async () => {
        const [a, b] = await Promise.all([csrfOf(team, P.newMeasure(B)), csrfOf(admin, P.newMeasure(B))])
        const responses = await Promise.all([
          team
            .post(P.newMeasure(B))
            .type('form')
            .send({ ...measureFields(first, 'First of two'), _csrf: a }),
          admin
            .post(P.newMeasure(B))
            .type('form')
            .send({ ...measureFields(second, 'Second of two'), _csrf: b }),
        ])
        assert.deepEqual(responses.map((r) => r.status).sort(), [302, 400])
        const refused = responses.find((r) => r.status === 400)!
        assert.match(refused.text, /Another measure already has this code/)
        assert.match(refused.text, /value="(First|Second) of two"/)
        const stored = await database.db
          .selectFrom('measure')
          .select('code')
          .where((eb) => eb(eb.fn('lower', ['code']), '=', first.toLowerCase()))
          .execute()
        assert.equal(stored.length, 1)
        assert.deepEqual(errors, [])
      })
    }

    it('two strands created at once with the codes 41a and 41A: one is added, the other is a form error', async () => {
      const [a, b] = await Promise.all([csrfOf(team, P.newStrand(B)), csrfOf(admin, P.newStrand(B))])
      const body = (code: string, title: string) => ({ code, half: 'A', title, leadTitle: '', lead: '' })
      const responses = await Promise.all([
        team
          .post(P.newStrand(B))
          .type('form')
          .send({ ...body('41a', 'One strand'), _csrf: a }),
        admin
          .post(P.newStrand(B))
          .type('form')
          .send({ ...body('41A', 'Other strand'), _csrf: b }),
      ])
      assert.deepEqual(responses.map((r) => r.status).sort(), [302, 400])
      assert.match(responses.find((r) => r.status === 400)!.text, /Another strand already has this code/)
      const stored = await database.db.selectFrom('strand').select('code').where('code', 'in', ['41a', '41A']).execute()
      assert.equal(stored.length, 1)
      assert.deepEqual(errors, [])
    })

    it('an objective edit form opened before someone else saved is refused, keeping what was typed; saved again, it succeeds', async () => {
      const url = P.editObjective(B, ids.ownObjective)
      const stale = await openForm(team, url)
      const other = await openForm(admin, url)
      const fields = (title: string) => ({
        title,
        intendedImpact: 'Children are seen sooner',
        description: '',
        owner: 'Head of Service',
        ownedBy: '',
      })
      assert.equal(
        (
          await admin
            .post(url)
            .type('form')
            .send({ ...fields('Saved first by the administrator'), ...other })
        ).status,
        302,
      )

      const refused = await team
        .post(url)
        .type('form')
        .send({ ...fields('Typed by the improvement officer'), ...stale })
      assert.equal(refused.status, 400)
      assert.match(refused.text, /This objective was changed by someone else since you opened it/)
      assert.match(refused.text, /govuk-error-summary/)
      assert.match(refused.text, /value="Typed by the improvement officer"/)
      const row = await database.db
        .selectFrom('objective')
        .select('title')
        .where('id', '=', ids.ownObjective)
        .executeTakeFirstOrThrow()
      assert.equal(row.title, 'Saved first by the administrator')

      // The form shown again carries the version now: sending it replaces the other save, knowingly.
      const again = {
        _csrf: csrfFrom(refused.text),
        expectedVersion: /name="expectedVersion" value="([^"]+)"/.exec(refused.text)![1]!,
      }
      assert.equal(
        (
          await team
            .post(url)
            .type('form')
            .send({ ...fields('Typed by the improvement officer'), ...again })
        ).status,
        302,
      )
      const saved = await database.db
        .selectFrom('objective')
        .select('title')
        .where('id', '=', ids.ownObjective)
        .executeTakeFirstOrThrow()
      assert.equal(saved.title, 'Typed by the improvement officer')
    })

    it('a strand edit form opened before someone else saved is refused', async () => {
      const url = P.editStrand(B, ids.otherStrand)
      const strand = await database.db
        .selectFrom('strand')
        .selectAll()
        .where('id', '=', ids.otherStrand)
        .executeTakeFirstOrThrow()
      const stale = await openForm(team, url)
      const other = await openForm(admin, url)
      const fields = (title: string) => ({
        code: strand.code,
        half: strand.half,
        title,
        leadTitle: strand.lead_title,
        lead: '',
      })
      assert.equal(
        (
          await admin
            .post(url)
            .type('form')
            .send({ ...fields('Strand saved first'), ...other })
        ).status,
        302,
      )
      const refused = await team
        .post(url)
        .type('form')
        .send({ ...fields('Strand typed second'), ...stale })
      assert.equal(refused.status, 400)
      assert.match(refused.text, /This strand was changed by someone else since you opened it/)
      assert.match(refused.text, /value="Strand typed second"/)
    })

    it('a milestone edit form opened before someone else saved is refused', async () => {
      const url = P.editMilestone(B, ids.ownMilestone)
      const m = await database.db
        .selectFrom('milestone')
        .selectAll()
        .where('id', '=', ids.ownMilestone)
        .executeTakeFirstOrThrow()
      const [year, month, day] = m.due_on.split('-')
      const fields = (title: string) => ({
        title,
        owner: 'Head of Service',
        ownedBy: '',
        'dueOn-day': String(Number(day)),
        'dueOn-month': String(Number(month)),
        'dueOn-year': year!,
        status: 'on-track',
        evidence: '',
      })
      const stale = await openForm(team, url)
      const other = await openForm(admin, url)
      assert.equal(
        (
          await admin
            .post(url)
            .type('form')
            .send({ ...fields('Milestone saved first'), ...other })
        ).status,
        302,
      )
      const refused = await team
        .post(url)
        .type('form')
        .send({ ...fields('Milestone typed second'), ...stale })
      assert.equal(refused.status, 400)
      assert.match(refused.text, /This milestone was changed by someone else since you opened it/)
      assert.match(refused.text, /value="Milestone typed second"/)
    })

    it('a measure edit form opened before someone else saved is refused', async () => {
      const measure = await database.db
        .selectFrom('measure')
        .selectAll()
        .where('code', '=', '97Z')
        .executeTakeFirstOrThrow()
      const url = P.editMeasure(B, measure.id)
      const stale = await openForm(team, url)
      const other = await openForm(admin, url)
      assert.equal(
        (
          await admin
            .post(url)
            .type('form')
            .send({ ...measureFields('97Z', 'Measure saved first'), ...other })
        ).status,
        302,
      )
      const refused = await team
        .post(url)
        .type('form')
        .send({ ...measureFields('97Z', 'Measure typed second'), ...stale })
      assert.equal(refused.status, 400)
      assert.match(refused.text, /This measure was changed by someone else since you opened it/)
      assert.match(refused.text, /value="Measure typed second"/)
      assert.deepEqual(errors, [])
    })
  })
}

/** A create form's CSRF token. */
async function csrfOf(agent: Agent, url: string): Promise<string> {
  const page = await agent.get(url)
  assert.equal(page.status, 200, `GET ${url}`)
  return csrfFrom(page.text)
}
