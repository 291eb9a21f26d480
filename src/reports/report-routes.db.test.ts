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
    let director: Agent
    let draftId: number
    let publishedId: number

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      lead = await signedIn(app, 'strand-lead@bradford.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
      director = await signedIn(app, 'director@bradford.example')
      const reports = await database.db
        .selectFrom('report')
        .innerJoin('organisation', 'organisation.id', 'report.organisation_id')
        .selectAll('report')
        .where('organisation.slug', '=', B)
        .orderBy('quarter_start')
        .execute()
      publishedId = reports.find((r) => r.status === 'published')!.id
      draftId = reports.find((r) => r.status === 'draft')!.id
    })
    after(() => database.close())

    /** Each strand's row in the status table: overall status, impact, and the reasons in words. */
    function statusRows(html: string) {
      const table = /data-qa="strand-statuses">[\s\S]*?<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(html)![1]!
      return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)].map((row) => {
        const cells = [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!)
        const text = (cell: string) =>
          cell
            .replace(/<[^>]+>/g, ' ')
            .replace(/\s+/g, ' ')
            .trim()
        return {
          code: /strand-\d+">([^.]+)\./.exec(cells[0]!)![1]!,
          overall: text(cells[1]!),
          impact: text(cells[2]!),
          why: text(cells[3]!),
          links: [...cells[3]!.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!),
        }
      })
    }

    it('drafts Q3 2022/23 with delivery and impact apart: no strand Green without evidence of impact', async () => {
      const res = await team.get(P.report(B, draftId))
      assert.equal(res.status, 200)
      assert.match(res.text, /Q3 2022\/23 progress report/)
      const rows = statusRows(res.text)
      assert.equal(rows.length, 12)
      for (const row of rows) {
        if (row.impact === 'No evidence of impact yet') assert.notEqual(row.overall, 'Green: on track', row.code)
      }
      // Strand 10 (partnerships): delivery red from a milestone off track, and no current evidence of impact.
      const ten = rows.find((r) => r.code === '10')!
      assert.equal(ten.overall, 'Red: off track')
      assert.equal(ten.impact, 'No evidence of impact yet')
      assert.match(ten.why, /^1 milestone off track: /)
      // Strands 6 and 7 have no linked measure or evidence entry; their only sources are evidence from practice.
      // Strand 6: what children said on a theme linked to it, in January 2022, more than six months before.
      assert.equal(
        rows.find((r) => r.code === '6')!.why,
        'No evidence of impact yet 1 source not current, so not counted: Children and young people: Having a say',
      )
      // Strand 7: leadership stability, whose share of posts held permanently had not moved in the year.
      assert.equal(
        rows.find((r) => r.code === '7')!.why,
        '1 source of evidence showing no change: Leadership stability: senior posts held permanently',
      )
      // Every reason that names items links to them, and the report lists each one.
      const links = rows.flatMap((r) => r.links)
      assert.ok(links.some((l) => l.startsWith('milestone-')))
      for (const anchor of links) assert.match(res.text, new RegExp(`id="${anchor}"`), anchor)
      // The workforce figures stop at November 2021: flagged in the table and listed apart.
      const notCurrent = /data-qa="not-current">([\s\S]*?)<\/ul>/.exec(res.text)![1]!
      assert.match(
        notCurrent,
        /Agency share of the social work workforce<\/a> \(strand 8: Workforce\): Latest figure is for Nov 2021; a newer one was due by 31 January 2022/,
      )
      assert.match(res.text, /data-qa="not-current-tag">Not current<\/strong>/)
      assert.match(res.text, /West Yorkshire Police: Monthly figures on domestic abuse notifications/)
      assert.doesNotMatch(res.text, /Health partners: Attendance/, 'received, so not listed')
      assert.doesNotMatch(res.text, /Demo text|\(demo\)/)
      // Every id once: the contents and the reasons link to them (the summary field once shared one).
      const ids = [...res.text.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!)
      assert.deepEqual(
        ids.filter((id, i) => ids.indexOf(id) !== i),
        [],
      )
      assert.match(res.text, /<svg[^>]*role="img"/)
    })

    it('counts as overdue only what was due before the quarter end and not complete by it', async () => {
      const res = await postForm(team, P.reports(B), P.reports(B), { quarter: '2023-01-01' })
      assert.equal(res.status, 302)
      const q4 = Number(res.headers.location!.split('/').pop())
      const page = await team.get(P.report(B, q4))
      const overdue = await database.db
        .selectFrom('milestone')
        .innerJoin('objective', 'objective.id', 'milestone.objective_id')
        .innerJoin('strand', 'strand.id', 'objective.strand_id')
        .innerJoin('plan', 'plan.id', 'strand.plan_id')
        .innerJoin('organisation', 'organisation.id', 'plan.organisation_id')
        .where('organisation.slug', '=', B)
        .where('strand.status', '=', 'active')
        .where('objective.status', '=', 'active')
        .where('milestone.due_on', '<', '2023-03-31')
        .where((eb) =>
          eb.or([eb('milestone.completed_on', 'is', null), eb('milestone.completed_on', '>', '2023-03-31')]),
        )
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      assert.ok(Number(overdue.n) > 0, 'the demo has overdue milestones in Q4 2022/23')
      assert.match(page.text, new RegExp(`Overdue milestones \\(${Number(overdue.n)}\\)`))
      const days = [.../data-qa="slow-overdue">([\s\S]*?)<\/table>/.exec(page.text)![1]!.matchAll(/--numeric">(\d+)</g)]
      assert.ok(days.length > 0 && days.every((d) => Number(d[1]) > 0), 'never "0 days overdue"')
      await database.db.deleteFrom('report').where('id', '=', q4).execute()
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
      assert.equal((await postForm(team, P.report(B, draftId), P.submitReport(B, draftId), {})).status, 302)
      assert.equal((await postForm(director, P.report(B, draftId), P.approveReport(B, draftId), {})).status, 302)
      const res = await postForm(team, P.publishReport(B, draftId), P.publishReport(B, draftId), {})
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
