// A report's way to the Board and the public over HTTP: the cover, submitted, approved by a leader,
// published after a confirmation page; corrected by a new revision that supersedes it; compared with the
// report before it in the right order; and a public edition readable without signing in, which never shows
// a draft, a sensitive part, a partner's shortfall or another council's report.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import request from 'supertest'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'
const SECRET = 'Budget pressures discussed in confidence with the Lead Member'

for (const kind of testDatabaseKinds()) {
  describe(`board papers: approval, correction and the public edition on ${kind.name}`, () => {
    let database: DatabaseHandle
    let app: ReturnType<typeof buildTestApp>
    let team: Agent
    let director: Agent
    let q2: number
    let q3: number

    before(async () => {
      database = await kind.openDemo()
      app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      director = await signedIn(app, 'director@bradford.example')
      const reports = await database.db
        .selectFrom('report')
        .innerJoin('organisation', 'organisation.id', 'report.organisation_id')
        .select(['report.id', 'report.quarter_start'])
        .where('organisation.slug', '=', B)
        .execute()
      q2 = reports.find((r) => r.quarter_start === '2022-07-01')!.id
      q3 = reports.find((r) => r.quarter_start === '2022-10-01')!.id
    })
    after(() => database.close())

    const statusOf = async (id: number) =>
      (await database.db.selectFrom('report').select('status').where('id', '=', id).executeTakeFirstOrThrow()).status
    const auditOf = async (id: number) =>
      (
        await database.db
          .selectFrom('audit_log')
          .select('action')
          .where('entity_type', '=', 'report')
          .where('entity_id', '=', String(id))
          .orderBy('id')
          .execute()
      ).map((a) => a.action)

    it('compares each report with the one published for an earlier quarter, then before now', async () => {
      const q3Compare = await team.get(P.compareReport(B, q3))
      assert.match(q3Compare.text, /Then \(Q2 2022\/23\)/)
      assert.match(q3Compare.text, /Now \(Q3 2022\/23\)/)
      const q2Compare = await team.get(P.compareReport(B, q2))
      assert.match(q2Compare.text, /No report has been published for a quarter before Q2 2022\/23/)
      // The pack itself carries the changes since Q2.
      const page = await team.get(P.report(B, q3))
      assert.match(
        page.text,
        /data-qa="changes-previous">Compared with the Q2 2022\/23 report, published 10 November 2022/,
      )
    })

    it('saves the cover, and marks a part sensitive', async () => {
      const form = P.report(B, q3)
      const bad = await postForm(team, form, P.reportCover(B, q3), {
        boardName: '',
        ...dateFields('meetingOn', '2023-02-16'),
        authorRole: 'Head of Improvement',
        accountableRole: 'Strategic Director',
        purpose: 'decision',
        marking: 'OFFICIAL',
      })
      assert.equal(bad.status, 400)
      assert.match(bad.text, /Enter the name of the Board the report goes to/)
      assert.match(bad.text, /value="Head of Improvement"/, 'what was typed stays')
      const narrative = await postForm(team, form, P.reportNarrative(B, q3), {
        summary: SECRET,
        recommendations: 'Note the progress at the front door.',
        decisions: 'Agree the workforce targets.',
        decisionsFollowUp: 'The revised workforce targets were agreed in November.',
      })
      assert.equal(narrative.status, 302)
      const ok = await team
        .post(P.reportCover(B, q3))
        .type('form')
        .send(
          new URLSearchParams([
            ['_csrf', csrf((await team.get(form)).text)],
            ['boardName', 'Children’s Services Improvement Board'],
            ...Object.entries(dateFields('meetingOn', '2023-02-16')),
            ['authorRole', 'Head of Improvement'],
            ['accountableRole', 'Strategic Director, Children’s Services'],
            ['purpose', 'decision'],
            ['marking', 'OFFICIAL-SENSITIVE'],
            ['sensitive', 'summary'],
          ]).toString(),
        )
      assert.equal(ok.status, 302)
      const page = await team.get(form)
      assert.match(page.text, /data-qa="marking">OFFICIAL-SENSITIVE</)
      assert.match(page.text, /For decision/)
    })

    it('goes from draft to submitted to approved by a leader, each step recorded, then published after confirming', async () => {
      assert.equal((await postForm(team, P.report(B, q3), P.approveReport(B, q3), {})).status, 403, 'not the team')
      assert.equal((await postForm(team, P.report(B, q3), P.submitReport(B, q3), {})).status, 302)
      assert.equal(await statusOf(q3), 'submitted')
      const locked = await postForm(team, P.report(B, q3), P.reportNarrative(B, q3), {
        summary: 'x',
        recommendations: '',
        decisions: '',
        decisionsFollowUp: '',
      })
      assert.equal(locked.status, 400, 'a submitted report cannot be edited')
      // Sent back with a reason, then submitted again.
      const noReason = await postForm(director, P.report(B, q3), P.returnReport(B, q3), { reason: '' })
      assert.equal(noReason.status, 400)
      assert.equal(
        (await postForm(director, P.report(B, q3), P.returnReport(B, q3), { reason: 'Add the Q3 audit' })).status,
        302,
      )
      assert.equal(await statusOf(q3), 'draft')
      await postForm(team, P.report(B, q3), P.submitReport(B, q3), {})
      const early = await postForm(team, P.report(B, q3), P.publishReport(B, q3), {})
      assert.equal(early.status, 400, 'not published before approval')
      assert.equal((await postForm(director, P.report(B, q3), P.approveReport(B, q3), {})).status, 302)
      assert.equal(await statusOf(q3), 'approved')
      const confirm = await team.get(P.publishReport(B, q3))
      assert.equal(confirm.status, 200)
      assert.match(confirm.text, /Publish the Q3 2022\/23 progress report/)
      assert.match(confirm.text, /It cannot be undone/)
      assert.equal((await postForm(team, P.publishReport(B, q3), P.publishReport(B, q3), {})).status, 302)
      assert.equal(await statusOf(q3), 'published')
      assert.deepEqual(await auditOf(q3), ['update', 'update', 'submit', 'return', 'submit', 'approve', 'publish'])
      const page = await team.get(P.report(B, q3))
      assert.match(page.text, /Approved<\/dt><dd class="govuk-summary-list__value">\d+ \w+ \d{4} by Demo Director/)
    })

    it('reopens a published quarter only as a correction that carries the published text, and supersedes it', async () => {
      const reopen = await postForm(team, P.reports(B), P.reports(B), { quarter: '2022-10-01' })
      assert.equal(reopen.status, 302)
      assert.equal(reopen.headers.location, P.correctReport(B, q3))
      const noReason = await postForm(team, P.correctReport(B, q3), P.correctReport(B, q3), { reason: ' ' })
      assert.equal(noReason.status, 400)
      const started = await postForm(team, P.correctReport(B, q3), P.correctReport(B, q3), {
        reason: 'The agency share for December was misread',
      })
      assert.equal(started.status, 302)
      const correction = Number(started.headers.location!.split('/').pop())
      assert.notEqual(correction, q3)
      const draft = await team.get(P.report(B, correction))
      assert.ok(draft.text.includes(SECRET), 'the published text is carried over')
      assert.match(draft.text, /Revision 1<\/a>: published, in force/)
      for (const [agent, step] of [
        [team, P.submitReport(B, correction)],
        [director, P.approveReport(B, correction)],
        [team, P.publishReport(B, correction)],
      ] as const)
        assert.equal((await postForm(agent, P.report(B, correction), step, {})).status, 302, step)
      assert.equal(await statusOf(q3), 'superseded')
      assert.equal(await statusOf(correction), 'published')
      const old = await team.get(P.report(B, q3))
      assert.equal(old.status, 200, 'the old revision stays readable')
      assert.match(old.text, /data-qa="superseded"/)
      const councillor = await signedIn(app, 'councillor@bradford.example')
      assert.equal((await councillor.get(P.report(B, q3))).status, 200, 'by those who read published reports too')
      assert.match((await councillor.get(P.reports(B))).text, /Superseded<\/strong> revision 1/)
      assert.equal((await councillor.get(P.report(B, correction))).status, 200)
      const newer = await team.get(P.report(B, correction))
      assert.match(newer.text, /2: corrects revision 1 \(The agency share for December was misread\)/)
      q3 = correction
    })

    it('serves the public edition without sign-in, without sensitive parts, partner shortfalls, drafts or other councils', async () => {
      const anyone = request(app)
      // Nothing else of the council answers without signing in.
      assert.equal((await anyone.get(P.report(B, q2))).status, 302)
      const list = await anyone.get(paths.publicReports(B))
      assert.equal(list.status, 200)
      assert.match(list.text, /Q2 2022\/23 progress report/)
      assert.doesNotMatch(list.text, /Q3 2022\/23/, 'not yet published for the public')
      assert.equal((await anyone.get(paths.publicReport(B, q3))).status, 404)

      assert.equal(
        (await postForm(team, P.report(B, q3), P.reportPublicEdition(B, q3), { publish: 'yes' })).status,
        302,
      )
      const page = await anyone.get(paths.publicReport(B, q3))
      assert.equal(page.status, 200)
      assert.ok(!page.text.includes(SECRET), 'the sensitive summary is left out')
      assert.match(page.text, /Not in the public edition: this part is marked OFFICIAL-SENSITIVE/)
      assert.match(page.text, /Agree the workforce targets\./, 'what is not sensitive is there')
      assert.doesNotMatch(page.text, /West Yorkshire Police/, 'partner contributions are left out')
      assert.doesNotMatch(page.text, /Demo Director|Demo Improvement Officer/, 'no names')
      assert.doesNotMatch(page.text, /name="_csrf"|sign-out/)

      // A draft, a superseded revision, a withdrawn edition and another council's report: not found.
      const draft = await postForm(team, P.reports(B), P.reports(B), { quarter: '2023-01-01' })
      const draftId = Number(draft.headers.location!.split('/').pop())
      const superseded = (
        await database.db.selectFrom('report').select('id').where('status', '=', 'superseded').executeTakeFirstOrThrow()
      ).id
      await database.db
        .updateTable('report')
        .set({ public_at: new Date() })
        .where('id', 'in', [draftId, superseded])
        .execute()
      const northfield = await database.db
        .selectFrom('report')
        .innerJoin('organisation', 'organisation.id', 'report.organisation_id')
        .select('report.id')
        .where('organisation.slug', '=', 'northfield')
        .executeTakeFirstOrThrow()
      for (const url of [
        paths.publicReport(B, draftId),
        paths.publicReport(B, superseded),
        paths.publicReport(B, northfield.id),
        paths.publicReport('northfield', q3),
        paths.publicReport('nowhere', q3),
        paths.publicReports('nowhere'),
      ])
        assert.equal((await anyone.get(url)).status, 404, url)
      await postForm(team, P.report(B, q3), P.reportPublicEdition(B, q3), { publish: 'no' })
      assert.equal((await anyone.get(paths.publicReport(B, q3))).status, 404, 'withdrawn')
    })
  })
}

function csrf(html: string): string {
  return /name="_csrf" value="([^"]+)"/.exec(html)![1]!
}
