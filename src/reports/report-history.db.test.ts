// Reports and plan versions as things stood: a report for a past quarter reads the plan as recorded at the
// quarter's end, so a due date moved or a milestone completed afterwards changes nothing in it; a plan version
// holds only what was recorded by the moment it was published.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import type { PlanSnapshot } from '../versions/plan-snapshot.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { paths } from '../web/paths.js'
import { todayIso } from '../shared/dates.js'

const P = paths.council
const B = 'bradford'
const Q4_END = '2023-03-31'
/** The report from its heading on, without the one-off banner before it or the forms' one-off tokens. */
const reportBody = (html: string) =>
  /<h1[\s\S]*<\/main>/.exec(html)![0].replace(/nonce="[^"]+"|name="_csrf" value="[^"]+"/g, '')

for (const kind of testDatabaseKinds()) {
  describe(`reports and versions as things stood on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent

    before(async () => {
      database = await kind.openDemo()
      team = await signedIn(buildTestApp(database.db), 'improvement@bradford.example')
    })
    after(() => database.close())

    /** Bradford's milestones overdue at the end of Q4 2022/23, from the tables. */
    const overdueAtQ4End = () =>
      database.db
        .selectFrom('milestone')
        .innerJoin('objective', 'objective.id', 'milestone.objective_id')
        .innerJoin('strand', 'strand.id', 'objective.strand_id')
        .innerJoin('plan', 'plan.id', 'strand.plan_id')
        .innerJoin('organisation', 'organisation.id', 'plan.organisation_id')
        .selectAll('milestone')
        .where('organisation.slug', '=', B)
        .where('milestone.due_on', '<', Q4_END)
        .where((eb) => eb.or([eb('milestone.completed_on', 'is', null), eb('milestone.completed_on', '>', Q4_END)]))
        .orderBy('milestone.id')
        .execute()

    it('keeps a past quarter’s report as it was after a due date is moved and a milestone completed', async () => {
      const created = await postForm(team, P.reports(B), P.reports(B), { quarter: '2023-01-01' })
      assert.equal(created.status, 302)
      const q4 = Number(created.headers.location!.split('/').pop())
      const before = reportBody((await team.get(P.report(B, q4))).text)
      const overdue = await overdueAtQ4End()
      const open = overdue.filter((m) => m.completed_on === null)
      assert.ok(open.length >= 2, 'the demo has two milestones overdue then and still open')
      const [moved, completed] = open as [(typeof open)[0], (typeof open)[0]]
      assert.match(before, new RegExp(`Overdue milestones \\(${overdue.length}\\)`))

      const form = (m: typeof moved, changes: Record<string, string>) => ({
        title: m.title,
        owner: m.owner,
        ...dateFields('dueOn', m.due_on),
        status: m.status,
        'completedOn-day': '',
        'completedOn-month': '',
        'completedOn-year': '',
        evidence: m.evidence,
        dueChangeReason: '',
        ...changes,
      })
      // Moving a due date needs a reason; without one, nothing is saved and what was typed stays.
      const page = P.editMilestone(B, moved.id)
      const noReason = await postForm(team, page, page, form(moved, dateFields('dueOn', '2027-06-30')))
      assert.equal(noReason.status, 400)
      assert.match(noReason.text, /Enter why the due date has moved/)
      assert.match(noReason.text, /name="dueOn-year"[^>]*value="2027"/)
      const move = await postForm(
        team,
        page,
        page,
        form(moved, { ...dateFields('dueOn', '2027-06-30'), dueChangeReason: 'Waiting for the new case system' }),
      )
      assert.equal(move.status, 302)
      const record = await database.db
        .selectFrom('plan_record')
        .selectAll()
        .where('item_type', '=', 'milestone')
        .where('item_id', '=', moved.id)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      assert.equal(record.reason, 'Waiting for the new case system')
      assert.ok(record.recorded_by)

      const done = P.editMilestone(B, completed.id)
      const complete = await postForm(
        team,
        done,
        done,
        form(completed, { status: 'complete', ...dateFields('completedOn', todayIso()) }),
      )
      assert.equal(complete.status, 302)

      const after = reportBody((await team.get(P.report(B, q4))).text)
      assert.equal(after, before)
      // The live tables did change: one milestone now due later, the other complete.
      const now = await database.db
        .selectFrom('milestone')
        .select(['id', 'due_on', 'status'])
        .where('id', 'in', [moved.id, completed.id])
        .orderBy('id')
        .execute()
      assert.deepEqual(
        now.map((m) => (m.id === moved.id ? m.due_on : m.status)),
        [moved, completed].sort((a, b) => a.id - b.id).map((m) => (m.id === moved.id ? '2027-06-30' : 'complete')),
      )
      await database.db.deleteFrom('report').where('id', '=', q4).execute()
    })

    it('holds in each published plan version nothing recorded after it was published', async () => {
      const versions = await database.db
        .selectFrom('plan_version')
        .innerJoin('plan', 'plan.id', 'plan_version.plan_id')
        .innerJoin('organisation', 'organisation.id', 'plan.organisation_id')
        .select(['plan_version.number', 'plan_version.snapshot', 'plan_version.published_at'])
        .where('organisation.slug', '=', B)
        .orderBy('plan_version.number')
        .execute()
      assert.equal(versions.length, 2)
      for (const v of versions) {
        const day = v.published_at.toISOString().slice(0, 10)
        const snapshot = v.snapshot as PlanSnapshot
        const milestones = snapshot.strands.flatMap((s) => s.objectives.flatMap((o) => o.milestones))
        assert.ok(milestones.length > 0)
        const later = milestones.filter((m) => m.completedOn !== null && m.completedOn > day)
        assert.deepEqual(later, [], `version ${v.number} (${day}) holds completions after it`)
        assert.ok(
          milestones.some((m) => m.status !== 'complete'),
          `version ${v.number} has open milestones`,
        )
      }
      const codes = (n: number) => (versions[n]!.snapshot as PlanSnapshot).strands.map((s) => s.code)
      assert.ok(!codes(0).includes('3b'), 'strand 3b joined in January 2023, after version 1')
      assert.ok(codes(1).includes('3b'))
    })
  })
}
