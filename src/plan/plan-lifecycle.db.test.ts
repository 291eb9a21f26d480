// A plan's life over HTTP: closing it (no more overdue items), then starting the next plan with open objectives
// carried over, their history with them, while the closed plan's record stays as it was.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { paths } from '../web/paths.js'
import { todayIso } from '../shared/dates.js'
import { addDays } from '../shared/calendar.js'
import { loadRecordedPlan } from './plan-history-repository.js'
import { findPlanInForce, listOpenObjectives } from './plan-lifecycle-repository.js'

const P = paths.council
const N = 'northfield'

for (const kind of testDatabaseKinds()) {
  describe(`closing a plan and starting the next on ${kind.name}`, () => {
    let database: DatabaseHandle
    let admin: Agent
    let organisationId: number

    before(async () => {
      database = await kind.openDemo()
      admin = await signedIn(buildTestApp(database.db), 'admin@northfield.example')
      organisationId = (
        await database.db.selectFrom('organisation').select('id').where('slug', '=', N).executeTakeFirstOrThrow()
      ).id
    })
    after(() => database.close())

    const currentPlan = () =>
      database.db
        .selectFrom('plan')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .orderBy('starts_on', 'desc')
        .executeTakeFirstOrThrow()

    it('closes the live plan, after which nothing is chased as overdue', async () => {
      const home = await admin.get(P.home(N))
      assert.match(home.text, /data-qa="overdue"/, 'the live plan has overdue milestones before it closes')

      const form = P.closePlan(N)
      const future = await postForm(admin, form, form, {
        ...dateFields('closedOn', addDays(todayIso(), 1)),
        note: 'Board agreed a new plan',
      })
      assert.equal(future.status, 400)
      assert.match(future.text, /The closing date must be today or in the past/)
      assert.match(future.text, /Board agreed a new plan/, 'what was typed stays')
      const noNote = await postForm(admin, form, form, { ...dateFields('closedOn', todayIso()), note: ' ' })
      assert.equal(noNote.status, 400)
      assert.match(noNote.text, /Enter why the plan is closing/)
      assert.equal((await currentPlan()).closed_on, null, 'nothing saved')

      const ok = await postForm(admin, form, form, {
        ...dateFields('closedOn', todayIso()),
        note: 'Board agreed a new plan',
      })
      assert.equal(ok.status, 302)
      const plan = await currentPlan()
      assert.equal(plan.closed_on, todayIso())
      const audit = await database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', 'plan')
        .where('entity_id', '=', String(plan.id))
        .execute()
      assert.equal(audit.length, 1)
      assert.match(audit[0]!.summary, /^Closed the plan Northfield Improvement Plan/)

      const closedHome = await admin.get(P.home(N))
      assert.match(closedHome.text, /data-qa="plan-closed"/)
      assert.doesNotMatch(closedHome.text, /data-qa="overdue"/)
      const again = await postForm(admin, form, form, { ...dateFields('closedOn', todayIso()), note: 'again' })
      assert.equal(again.status, 400, 'a closed plan cannot be closed again')
    })

    it('starts the next plan, carrying the open objectives chosen with their history', async () => {
      const previous = await currentPlan()
      const open = await listOpenObjectives(database.db, previous.id)
      assert.ok(open.length >= 2)
      const [carried, left] = open as [(typeof open)[0], (typeof open)[0]]
      const form = P.nextPlan(N)
      const wrong = await postForm(admin, form, form, {
        title: 'Northfield Improvement Plan, second phase',
        ...dateFields('startsOn', previous.starts_on),
        carry: String(carried.id),
      })
      assert.equal(wrong.status, 400)
      assert.match(wrong.text, /The new plan must start after the current plan began/)

      const before = new Date()
      const recordedBefore = await loadRecordedPlan(database.db, previous.id, before)
      const objectivesOf = (tree: typeof recordedBefore.tree) =>
        tree.strands.flatMap((s) => s.objectives.map((o) => o.id))
      assert.ok(objectivesOf(recordedBefore.tree).includes(carried.id))

      const ok = await postForm(admin, form, form, {
        title: 'Northfield Improvement Plan, second phase',
        ...dateFields('startsOn', todayIso()),
        carry: String(carried.id),
      })
      assert.equal(ok.status, 302)
      const next = await currentPlan()
      assert.equal(next.title, 'Northfield Improvement Plan, second phase')
      assert.equal(next.follows_plan_id, previous.id)

      // The carried objective moved, same id, with its milestones; the other stayed in the closed plan.
      const moved = await database.db
        .selectFrom('objective')
        .innerJoin('strand', 'strand.id', 'objective.strand_id')
        .select(['strand.plan_id', 'strand.code', 'objective.carried_from_plan_id'])
        .where('objective.id', '=', carried.id)
        .executeTakeFirstOrThrow()
      assert.deepEqual(moved, { plan_id: next.id, code: carried.strandCode, carried_from_plan_id: previous.id })
      const stayed = await database.db
        .selectFrom('objective')
        .innerJoin('strand', 'strand.id', 'objective.strand_id')
        .select('strand.plan_id')
        .where('objective.id', '=', left.id)
        .executeTakeFirstOrThrow()
      assert.equal(stayed.plan_id, previous.id)

      // The closed plan as recorded before the carry still holds it; as recorded now it does not.
      assert.deepEqual(
        objectivesOf((await loadRecordedPlan(database.db, previous.id, before)).tree),
        objectivesOf(recordedBefore.tree),
      )
      const now = new Date(Date.now() + 1000)
      assert.ok(!objectivesOf((await loadRecordedPlan(database.db, previous.id, now)).tree).includes(carried.id))
      const nextRecorded = await loadRecordedPlan(database.db, next.id, now)
      assert.deepEqual(objectivesOf(nextRecorded.tree), [carried.id])
      // Its milestones' earlier due dates came with it.
      const milestoneIds = nextRecorded.tree.strands.flatMap((s) => s.objectives.flatMap((o) => o.milestones))
      for (const m of milestoneIds) {
        const earlier = recordedBefore.slippage.get(m.id)
        if (earlier) assert.equal(nextRecorded.slippage.get(m.id)?.originallyDue, earlier.originallyDue)
      }

      // A quarter before the new plan began is still reported from the plan then in force.
      const inForce = await findPlanInForce(database.db, organisationId, addDays(todayIso(), -1))
      assert.equal(inForce?.id, previous.id)
      assert.equal((await findPlanInForce(database.db, organisationId, todayIso()))?.id, next.id)

      const page = await admin.get(P.objective(N, carried.id))
      assert.match(page.text, /data-qa="carried-over"/)
      const planPage = await admin.get(P.plan(N))
      assert.match(planPage.text, /Northfield Improvement Plan, second phase/)
    })
  })
}
