// What editing the plan does: changes are saved, audited, validated with the user's input kept, and
// strand leads are held to their own strands.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parse } from 'csv-parse/sync'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, postForm, signedIn, type Agent } from '../test-support/http.js'
import { demoIds } from '../test-support/demo-ids.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'

for (const kind of testDatabaseKinds()) {
  describe(`editing the plan on ${kind.name}`, () => {
    let database: DatabaseHandle
    let ids: Awaited<ReturnType<typeof demoIds>>
    let team: Agent
    let lead: Agent

    before(async () => {
      database = await kind.openDemo()
      ids = await demoIds(database.db)
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      lead = await signedIn(app, 'strand-lead@bradford.example')
    })
    after(() => database.close())

    const auditFor = (entityType: string, entityId: number) =>
      database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', entityType)
        .where('entity_id', '=', String(entityId))
        .orderBy('id', 'desc')
        .execute()

    it('updates a milestone and records before and after in the audit trail', async () => {
      const res = await postForm(lead, P.editMilestone(B, ids.ownMilestone), P.editMilestone(B, ids.ownMilestone), {
        title: 'Agree the new contact model',
        owner: 'Head of Service',
        'dueOn-day': '30',
        'dueOn-month': '6',
        'dueOn-year': '2022',
        status: 'at-risk',
        'completedOn-day': '',
        'completedOn-month': '',
        'completedOn-year': '',
        evidence: 'Minutes of 2 February',
      })
      assert.equal(res.status, 302)
      const saved = await database.db
        .selectFrom('milestone')
        .selectAll()
        .where('id', '=', ids.ownMilestone)
        .executeTakeFirstOrThrow()
      assert.equal(saved.status, 'at-risk')
      assert.equal(saved.completed_on, null)
      assert.equal(saved.due_on, '2022-06-30')
      assert.equal(saved.evidence, 'Minutes of 2 February')
      const [entry] = await auditFor('milestone', ids.ownMilestone)
      assert.ok(entry)
      assert.equal(entry.action, 'update')
      assert.equal((entry.before as { status: string }).status, 'complete')
      assert.equal((entry.after as { status: string }).status, 'at-risk')
      const who = await database.db
        .selectFrom('app_user')
        .select('email')
        .where('id', '=', entry.user_id!)
        .executeTakeFirstOrThrow()
      assert.equal(who.email, 'strand-lead@bradford.example')
    })

    it('rejects a bad milestone form with GOV.UK errors, keeps what was typed and saves nothing', async () => {
      const before = await database.db
        .selectFrom('milestone')
        .selectAll()
        .where('id', '=', ids.ownMilestone)
        .executeTakeFirstOrThrow()
      const res = await postForm(lead, P.editMilestone(B, ids.ownMilestone), P.editMilestone(B, ids.ownMilestone), {
        title: 'A title the user typed',
        owner: '',
        'dueOn-day': '31',
        'dueOn-month': '2',
        'dueOn-year': '2023',
        status: 'complete',
        'completedOn-day': '',
        'completedOn-month': '',
        'completedOn-year': '',
        evidence: 'Evidence the user typed',
      })
      assert.equal(res.status, 400)
      assert.match(res.text, /<title>Error: /)
      assert.match(res.text, /There is a problem/)
      assert.match(res.text, /Enter who owns the milestone/)
      assert.match(res.text, /The due date must be a real date/)
      assert.match(res.text, /href="#dueOn-day"/)
      assert.match(res.text, /value="A title the user typed"/)
      assert.match(res.text, /Evidence the user typed/)
      assert.match(res.text, /<input[^>]*name="dueOn-day"[^>]*value="31"/, 'the day typed is kept')
      const after = await database.db
        .selectFrom('milestone')
        .selectAll()
        .where('id', '=', ids.ownMilestone)
        .executeTakeFirstOrThrow()
      assert.deepEqual(after, before)
    })

    it('refuses a completion date in the future and one given for an unfinished milestone', async () => {
      const base = { title: 'T', owner: 'O', 'dueOn-day': '1', 'dueOn-month': '1', 'dueOn-year': '2023', evidence: '' }
      const future = await postForm(
        team,
        P.editMilestone(B, ids.otherMilestone),
        P.editMilestone(B, ids.otherMilestone),
        {
          ...base,
          status: 'complete',
          'completedOn-day': '1',
          'completedOn-month': '1',
          'completedOn-year': '2099',
        },
      )
      assert.equal(future.status, 400)
      assert.match(future.text, /The completion date must be today or in the past/)
      const unfinished = await postForm(
        team,
        P.editMilestone(B, ids.otherMilestone),
        P.editMilestone(B, ids.otherMilestone),
        {
          ...base,
          status: 'on-track',
          'completedOn-day': '1',
          'completedOn-month': '1',
          'completedOn-year': '2023',
        },
      )
      assert.equal(unfinished.status, 400)
      assert.match(unfinished.text, /Remove the completion date, or set the status to complete/)
      const missing = await postForm(
        team,
        P.editMilestone(B, ids.otherMilestone),
        P.editMilestone(B, ids.otherMilestone),
        {
          ...base,
          status: 'complete',
          'completedOn-day': '',
          'completedOn-month': '',
          'completedOn-year': '',
        },
      )
      assert.equal(missing.status, 400)
      assert.match(missing.text, /Enter the date the milestone was completed/)
    })

    it('lets the improvement team add a strand, and refuses a duplicate code', async () => {
      const created = await postForm(team, P.newStrand(B), P.newStrand(B), {
        code: '13',
        half: 'B',
        title: 'Commissioning and sufficiency',
        leadTitle: 'Head of Commissioning',
        lead: `user:${ids.strandLeadUser}`,
      })
      assert.equal(created.status, 302)
      const strand = await database.db
        .selectFrom('strand')
        .selectAll()
        .where('code', '=', '13')
        .executeTakeFirstOrThrow()
      assert.equal(strand.lead_user_id, ids.strandLeadUser)
      assert.equal(created.headers.location, P.strand(B, strand.id))
      assert.equal((await auditFor('strand', strand.id))[0]?.action, 'create')

      const duplicate = await postForm(team, P.newStrand(B), P.newStrand(B), {
        code: '3A',
        half: 'A',
        title: 'Again',
        leadTitle: '',
      })
      assert.equal(duplicate.status, 400)
      assert.match(duplicate.text, /Another strand already has this code/)
      assert.match(duplicate.text, /value="Again"/)
    })

    it('retires and reinstates a strand, listing retired strands apart', async () => {
      const res = await postForm(team, P.strand(B, ids.otherStrand), P.strandStatus(B, ids.otherStrand), {
        status: 'retired',
      })
      assert.equal(res.status, 302)
      const retired = await database.db
        .selectFrom('strand')
        .selectAll()
        .where('id', '=', ids.otherStrand)
        .executeTakeFirstOrThrow()
      assert.equal(retired.status, 'retired')
      assert.ok(retired.retired_on)
      const plan = await team.get(P.plan(B))
      assert.match(plan.text, /Retired strands/)
      await postForm(team, P.strand(B, ids.otherStrand), P.strandStatus(B, ids.otherStrand), { status: 'active' })
      const back = await database.db
        .selectFrom('strand')
        .selectAll()
        .where('id', '=', ids.otherStrand)
        .executeTakeFirstOrThrow()
      assert.equal(back.status, 'active')
      assert.equal(back.retired_on, null)
    })

    it('reorders strands within their half, and does nothing past the end', async () => {
      const order = async () =>
        (
          await database.db
            .selectFrom('strand')
            .innerJoin('plan', 'plan.id', 'strand.plan_id')
            .innerJoin('organisation', 'organisation.id', 'plan.organisation_id')
            .select('strand.code')
            .where('organisation.slug', '=', B)
            .where('strand.half', '=', 'A')
            .orderBy('strand.position')
            .execute()
        ).map((s) => s.code)
      assert.deepEqual(await order(), ['1', '2', '3a', '3b', '4', '5'])
      await postForm(team, P.plan(B), P.moveStrand(B, ids.ownStrand), { direction: 'down' })
      assert.deepEqual(await order(), ['2', '1', '3a', '3b', '4', '5'])
      await postForm(team, P.plan(B), P.moveStrand(B, ids.ownStrand), { direction: 'up' })
      await postForm(team, P.plan(B), P.moveStrand(B, ids.ownStrand), { direction: 'up' })
      assert.deepEqual(await order(), ['1', '2', '3a', '3b', '4', '5'])
    })

    it('lets a strand lead add an objective, a milestone and a dated update in their own strand', async () => {
      const form = P.newObjective(B, ids.ownStrand)
      const noImpact = await postForm(lead, form, form, {
        title: 'Fewer repeat referrals',
        intendedImpact: '',
        description: 'Audit re-referrals and act on what they show.',
      })
      assert.equal(noImpact.status, 400, 'every objective says what will be different for children')
      assert.match(noImpact.text, /Enter what will be different for children and families/)
      assert.match(noImpact.text, /Audit re-referrals and act on what they show\./, 'what was typed stays')
      const objective = await postForm(lead, form, form, {
        title: 'Fewer repeat referrals',
        intendedImpact: 'Children are not referred again within a year.',
        description: 'Audit re-referrals and act on what they show.',
      })
      assert.equal(objective.status, 302)
      const created = await database.db
        .selectFrom('objective')
        .selectAll()
        .where('title', '=', 'Fewer repeat referrals')
        .executeTakeFirstOrThrow()
      const milestone = await postForm(lead, P.newMilestone(B, created.id), P.newMilestone(B, created.id), {
        title: 'Audit 50 re-referrals',
        owner: 'Front door team manager',
        'dueOn-day': '31',
        'dueOn-month': '3',
        'dueOn-year': '2023',
        status: 'not-started',
        evidence: '',
      })
      assert.equal(milestone.status, 302)
      const update = await postForm(lead, P.objective(B, created.id), P.objectiveUpdates(B, created.id), {
        body: 'Audit started; first findings in March.',
      })
      assert.equal(update.status, 302)
      const page = await lead.get(P.objective(B, created.id))
      assert.match(page.text, /Audit 50 re-referrals/)
      assert.match(page.text, /Audit started; first findings in March\./)
      assert.match(page.text, /by Demo Strand Lead/)
      assert.equal(
        (
          await auditFor(
            'objective_update',
            (
              await database.db
                .selectFrom('objective_update')
                .select('id')
                .where('objective_id', '=', created.id)
                .executeTakeFirstOrThrow()
            ).id,
          )
        )[0]?.action,
        'create',
      )
    })

    it('keeps an empty progress update out, with an error, and the strand lead cannot edit another strand', async () => {
      const empty = await postForm(lead, P.objective(B, ids.ownObjective), P.objectiveUpdates(B, ids.ownObjective), {
        body: '   ',
      })
      assert.equal(empty.status, 400)
      assert.match(empty.text, /Enter the progress update/)
      const other = await postForm(lead, P.objective(B, ids.ownObjective), P.editMilestone(B, ids.otherMilestone), {
        status: 'complete',
      })
      assert.equal(other.status, 403)
      const page = await lead.get(P.objective(B, ids.otherObjective))
      assert.doesNotMatch(page.text, /data-qa="update-milestone"/)
    })

    it('downloads the plan as CSV, one row per milestone', async () => {
      const res = await team.get(P.planCsv(B))
      assert.equal(res.status, 200)
      assert.match(String(res.headers['content-disposition']), /improvement-plan\.csv/)
      const lines = res.text.trim().split('\r\n')
      assert.equal(
        lines[0],
        'half,strand_code,strand,strand_status,strand_lead,objective,objective_status,milestone,owner,due_on,status,completed_on,overdue,evidence,strand_led_by,objective_owned_by,milestone_owned_by',
      )
      const milestones = await database.db
        .selectFrom('milestone')
        .innerJoin('objective', 'objective.id', 'milestone.objective_id')
        .innerJoin('strand', 'strand.id', 'objective.strand_id')
        .innerJoin('plan', 'plan.id', 'strand.plan_id')
        .innerJoin('organisation', 'organisation.id', 'plan.organisation_id')
        .select('milestone.id')
        .where('organisation.slug', '=', B)
        .execute()
      const rows: string[][] = parse(res.text)
      assert.equal(rows.slice(1).filter((r) => r[7] !== '').length, milestones.length)
      assert.ok(lines.some((l) => l.startsWith('A,1,Front door,active,')))
    })

    it('deletes a milestone after confirmation, keeping it in the audit trail', async () => {
      const target = ids.otherMilestone
      const res = await postForm(team, P.deleteMilestone(B, target), P.deleteMilestone(B, target), {})
      assert.equal(res.status, 302)
      assert.equal(
        await database.db.selectFrom('milestone').select('id').where('id', '=', target).executeTakeFirst(),
        undefined,
      )
      const [entry] = await auditFor('milestone', target)
      assert.equal(entry?.action, 'delete')
      assert.ok((entry?.before as { title: string }).title)
      assert.equal((await team.get(P.editMilestone(B, target))).status, 404)
    })
  })
}
