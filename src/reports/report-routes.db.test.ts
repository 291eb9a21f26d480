// Reports over HTTP: draft from live data, edit text without losing it, override with a reason,
// publish, and a published report that never changes when the data do.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { jsonb, type DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, postForm, signedIn, type Agent } from '../test-support/http.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'
const strip = (html: string) => html.replace(/nonce="[^"]+"|name="_csrf" value="[^"]+"/g, '')

for (const kind of testDatabaseKinds()) {
  describe(`progress reports on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let lead: Agent
    let viewer: Agent
    let draftId: number
    let publishedId: number

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      lead = await signedIn(app, 'strand-lead@bradford.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
      const reports = await database.db.selectFrom('report').selectAll().orderBy('quarter_start').execute()
      publishedId = reports.find((r) => r.status === 'published')!.id
      draftId = reports.find((r) => r.status === 'draft')!.id
    })
    after(() => database.close())

    it('drafts Q3 2022/23 from live data: strand statuses with reasons, slow progress by rule', async () => {
      const res = await team.get(P.report(B, draftId))
      assert.equal(res.status, 200)
      assert.match(res.text, /Q3 2022\/23 progress report/)
      assert.match(res.text, /data-qa="strand-statuses"/)
      // Each strand's row: its status by the rules, and why. In the demo, strand 8 (workforce) has measures
      // worsening and failing their targets; strand 10 an objective with a milestone off track; strand 1
      // nothing of concern.
      const statusOf = (code: string) => {
        const row = new RegExp(
          `>${code}\\. [^<]*</a></th>\\s*<td[^>]*>\\s*<strong[^>]*>([^<]*)</strong>[\\s\\S]*?<td[^>]*>([^<]*)</td>`,
        ).exec(res.text)
        assert.ok(row, `strand ${code} has a row in the status table`)
        return { status: row[1]!.trim(), why: row[2]!.trim() }
      }
      assert.deepEqual(statusOf('8').status, 'Red: off track')
      assert.match(statusOf('8').why, /^2 measures worsening and consistently failing the target/)
      assert.deepEqual(statusOf('10'), {
        status: 'Red: off track',
        why: 'Objective &quot;Joint working where it matters most&quot; is red',
      })
      assert.deepEqual(statusOf('1'), { status: 'Green: on track', why: 'All objectives green' })
      // Overdue at the quarter's end, counted here from the milestones themselves.
      const overdue = await database.db
        .selectFrom('milestone')
        .innerJoin('objective', 'objective.id', 'milestone.objective_id')
        .innerJoin('strand', 'strand.id', 'objective.strand_id')
        .innerJoin('plan', 'plan.id', 'strand.plan_id')
        .innerJoin('organisation', 'organisation.id', 'plan.organisation_id')
        .where('organisation.slug', '=', B)
        .where('strand.status', '=', 'active')
        .where('objective.status', '=', 'active')
        .where('milestone.due_on', '<=', '2022-12-31')
        .where((eb) =>
          eb.or([eb('milestone.completed_on', 'is', null), eb('milestone.completed_on', '>', '2022-12-31')]),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      assert.ok(Number(overdue.n) > 0, 'the demo has overdue milestones in Q3 2022/23')
      assert.match(res.text, new RegExp(`Overdue milestones \\(${Number(overdue.n)}\\)`))
      assert.match(
        res.text,
        /Police \(demo\): Monthly figures on domestic abuse notifications/,
        'contribution to strengthen',
      )
      assert.doesNotMatch(res.text, /Health partners \(demo\): Attendance/, 'received, so not listed')
      assert.match(res.text, /Posts not filled by a permanent social worker \(% of posts\)/)
      assert.match(res.text, /<svg[^>]*role="img"/)
    })

    it('saves the report text, and keeps what was typed when it is too long', async () => {
      const ok = await postForm(team, P.report(B, draftId), P.reportNarrative(B, draftId), {
        summary: 'Fewer children are referred twice.',
        recommendations: 'Note progress.',
        decisions: 'Agree targets.',
      })
      assert.equal(ok.status, 302)
      assert.match((await team.get(P.report(B, draftId))).text, /Fewer children are referred twice\./)
      const long = 'x'.repeat(10001)
      const bad = await postForm(team, P.report(B, draftId), P.reportNarrative(B, draftId), {
        summary: long,
        recommendations: 'kept words',
        decisions: '',
      })
      assert.equal(bad.status, 400)
      assert.match(bad.text, /The summary must be 10000 characters or fewer/)
      assert.ok(bad.text.includes(long))
      assert.match(bad.text, /kept words/)
    })

    it('requires a reason to set a status by hand, shows it as set by hand, and audits it', async () => {
      const strand = await database.db
        .selectFrom('strand')
        .select('id')
        .where('code', '=', '8')
        .executeTakeFirstOrThrow()
      const noReason = await postForm(team, P.report(B, draftId), P.reportOverride(B, draftId), {
        entity: `strand:${strand.id}`,
        rag: 'green',
        reason: '',
      })
      assert.equal(noReason.status, 400)
      assert.match(noReason.text, /Enter why the status is set by hand/)
      const ok = await postForm(team, P.report(B, draftId), P.reportOverride(B, draftId), {
        entity: `strand:${strand.id}`,
        rag: 'green',
        reason: 'Agency reduction plan agreed',
      })
      assert.equal(ok.status, 302)
      const page = await team.get(P.report(B, draftId))
      assert.match(page.text, /set by hand by Demo Improvement Officer: Agency reduction plan agreed; the rule gives/)
      const audit = await database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', 'report_override')
        .execute()
      assert.equal(audit.length, 1)
    })

    it('lets a strand lead write the commentary for their strand only', async () => {
      const own = await database.db.selectFrom('strand').select('id').where('code', '=', '1').executeTakeFirstOrThrow()
      const other = await database.db
        .selectFrom('strand')
        .select('id')
        .where('code', '=', '5')
        .executeTakeFirstOrThrow()
      const ok = await postForm(lead, P.report(B, draftId), P.reportCommentary(B, draftId, own.id), {
        commentary: 'Conversations model embedded.',
        impact: 'Families get advice the same day.',
      })
      assert.equal(ok.status, 302)
      assert.match((await team.get(P.report(B, draftId))).text, /Families get advice the same day\./)
      const denied = await postForm(lead, P.report(B, draftId), P.reportCommentary(B, draftId, other.id), {
        commentary: 'x',
        impact: '',
      })
      assert.equal(denied.status, 403)
    })

    it('publishes, after which the report stays exactly as it was when the data change', async () => {
      const res = await postForm(team, P.report(B, draftId), P.publishReport(B, draftId), {})
      assert.equal(res.status, 302)
      await team.get(P.report(B, draftId)) // clears the one-off banner
      const frozen = strip((await team.get(P.report(B, draftId))).text)
      assert.match(frozen, /This report is frozen/)
      // Change the data the report drew on: a milestone, a measure value, a strand title.
      await database.db
        .updateTable('strand')
        .set({ title: 'Renamed after publishing' })
        .where('code', '=', '8')
        .execute()
      await database.db
        .updateTable('milestone')
        .set({ status: 'off-track', completed_on: null })
        .where('due_on', '<=', '2022-12-31')
        .execute()
      await database.db.updateTable('measure_value').set({ value: 1 }).execute()
      const later = strip((await team.get(P.report(B, draftId))).text)
      assert.equal(later, frozen)
      assert.doesNotMatch(later, /Renamed after publishing/)
      const again = await postForm(team, P.reports(B), P.reportNarrative(B, draftId), {
        summary: 'changed',
        recommendations: '',
        decisions: '',
      })
      assert.equal(again.status, 400, 'a published report cannot change')
    })

    it('shows viewers published reports only, and compares a new draft with the last published one', async () => {
      const list = await viewer.get(P.reports(B))
      assert.match(list.text, /Q2 2022\/23/)
      assert.equal((await viewer.get(P.report(B, publishedId))).status, 200)
      const res = await postForm(team, P.reports(B), P.reports(B), { quarter: '2023-01-01' })
      assert.equal(res.status, 302)
      const newDraft = Number(res.headers.location!.split('/').pop())
      assert.equal((await viewer.get(P.report(B, newDraft))).status, 404, 'a viewer never sees a draft')
      const compare = await team.get(P.compareReport(B, newDraft))
      assert.equal(compare.status, 200)
      assert.match(compare.text, /Changes since the last published report/)
      // Q4 2022/23 against Q2: strand 3b joined the plan in January 2023, so it is new in this report.
      assert.match(compare.text, /data-qa="report-changes"/)
      assert.match(compare.text, /Strand 3b: [^<]*<\/t[hd]>\s*<td[^>]*>Not in the report<\/td>/)
    })

    it('prints the report on its own page', async () => {
      const res = await team.get(P.reportPrint(B, publishedId))
      assert.equal(res.status, 200)
      assert.match(res.text, /Q2 2022\/23 progress report/)
      assert.doesNotMatch(res.text, /govuk-service-navigation/)
    })

    it('records partner requests and marks them received', async () => {
      const bad = await postForm(team, P.partnerRequests(B), P.partnerRequests(B), { partner: '', description: 'x' })
      assert.equal(bad.status, 400)
      assert.match(bad.text, /Enter the partner/)
      const ok = await postForm(team, P.partnerRequests(B), P.partnerRequests(B), {
        partner: 'Schools forum',
        description: 'Attendance data',
        'requestedOn-day': '1',
        'requestedOn-month': '1',
        'requestedOn-year': '2023',
        'dueOn-day': '1',
        'dueOn-month': '2',
        'dueOn-year': '2023',
      })
      assert.equal(ok.status, 302)
      const row = await database.db
        .selectFrom('partner_request')
        .selectAll()
        .where('partner', '=', 'Schools forum')
        .executeTakeFirstOrThrow()
      const received = await postForm(team, P.partnerRequests(B), P.partnerRequestReceived(B, row.id), {})
      assert.equal(received.status, 302)
      assert.ok(
        (
          await database.db
            .selectFrom('partner_request')
            .select('received_on')
            .where('id', '=', row.id)
            .executeTakeFirstOrThrow()
        ).received_on,
      )
    })

    it('offers the Word, spreadsheet and printable versions when the PDF printer is missing', async () => {
      const noChromium = buildTestApp(database.db, () => {}, { chromiumPath: '/nowhere/chromium' })
      const agent = await signedIn(noChromium, 'board@bradford.example')
      const res = await agent.get(P.reportExport(B, publishedId, 'pdf'))
      assert.equal(res.status, 503)
      assert.match(res.text, /The PDF cannot be made at the moment/)
      assert.match(res.text, new RegExp(`href="${P.reportExport(B, publishedId, 'docx')}"`))
      assert.match(res.text, new RegExp(`href="${P.reportPrint(B, publishedId)}"`))
    })

    it('says a published report cannot be shown when its stored copy is unreadable, and changes nothing', async () => {
      const broken = await database.db
        .insertInto('report')
        .values({
          organisation_id: (
            await database.db.selectFrom('organisation').select('id').where('slug', '=', B).executeTakeFirstOrThrow()
          ).id,
          quarter_start: '2022-04-01',
          status: 'published',
          snapshot: jsonb({ schemaVersion: 1, councilName: 'Bradford' }),
          published_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const res = await team.get(P.report(B, broken.id))
      assert.equal(res.status, 500)
      assert.match(res.text, /This published report cannot be shown/)
      await database.db.deleteFrom('report').where('id', '=', broken.id).execute()
    })
  })
}
