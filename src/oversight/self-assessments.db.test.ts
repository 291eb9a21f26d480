// Self-assessments before a review: started and written by the improvement team (audited, what was typed kept
// on an error), live while a draft, frozen on submission against later changes to the plan, evidence and
// narrative (page, Word and PDF alike), read-only for the Board, hidden from viewers and other councils.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import JSZip from 'jszip'
import type { DatabaseHandle } from '../db/connect.js'
import { closeSharedBrowser } from '../exports/chromium.js'
import { loadConfig } from '../server/config.js'
import { addEvidence } from '../impact/evidence-repository.js'
import { findCurrentPlan, loadPlanTree } from '../plan/plan-repository.js'
import { addDays, addMonths } from '../shared/calendar.js'
import { formatDate, todayIso } from '../shared/dates.js'
import { organisationIdOf, userIdOf } from '../test-support/demo-ids.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, postForm, signedIn, type Agent } from '../test-support/http.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'
/** The Chromium the app prints PDFs with, from its configuration. */
const CHROMIUM = loadConfig().chromiumPath
const PDFTOTEXT = '/usr/bin/pdftotext'

/** The text of a downloaded body (supertest leaves binary bodies as buffers only when asked). */
const binary = (agent: Agent, url: string) =>
  agent
    .get(url)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => done(null, Buffer.concat(chunks)))
    })

for (const kind of testDatabaseKinds()) {
  describe(`self-assessments on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let board: Agent
    let viewer: Agent
    let partner: Agent
    let northfieldTeam: Agent
    let bradford: number
    let teamUser: number
    let objective: { id: number; title: string }
    let target: number
    let visitTitle: string
    let northfieldEvent: number
    let assessmentId: number
    const today = todayIso()
    // Relative to today, so the test reads the same whenever it runs.
    const previousReviewEnd = addMonths(today, -4)
    const visitOn = addDays(today, -20)
    const reviewOn = addDays(today, 45)

    const auditOf = (id: number) =>
      database.db
        .selectFrom('audit_log')
        .select(['action', 'user_id'])
        .where('entity_type', '=', 'self-assessment')
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()
    const row = (id: number) =>
      database.db.selectFrom('self_assessment').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const event = async (values: {
      organisation_id: number
      kind: 'dfe-review' | 'monitoring-visit'
      title: string
      state: 'planned' | 'held'
      starts_on: string
      ends_on?: string
    }) => (await database.db.insertInto('oversight_event').values(values).returning('id').executeTakeFirstOrThrow()).id
    const addEntry = (summary: string, kindOf: 'audit' | 'staff', observedOn: string) =>
      database.db.transaction().execute((trx) =>
        addEvidence(trx, { userId: teamUser, organisationId: bradford }, objective.id, {
          observedOn,
          kind: kindOf,
          direction: 'improving',
          summary,
          attachment: null,
        }),
      )

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db, () => {}, { chromiumPath: CHROMIUM })
      team = await signedIn(app, 'improvement@bradford.example')
      board = await signedIn(app, 'board@bradford.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
      partner = await signedIn(app, 'partner@partner.example')
      northfieldTeam = await signedIn(app, 'improvement@northfield.example')
      bradford = await organisationIdOf(database.db, B)
      teamUser = await userIdOf(database.db, 'improvement@bradford.example')
      const plan = await findCurrentPlan(database.db, bradford)
      assert.ok(plan)
      const strand = (await loadPlanTree(database.db, plan.id)).strands.find((s) => s.status === 'active')!
      objective = strand.objectives.find((o) => o.status === 'active')!

      await event({
        organisation_id: bradford,
        kind: 'dfe-review',
        title: 'Test DfE review before',
        state: 'held',
        starts_on: addDays(previousReviewEnd, -1),
        ends_on: previousReviewEnd,
      })
      visitTitle = 'Test monitoring visit'
      const visit = await event({
        organisation_id: bradford,
        kind: 'monitoring-visit',
        title: visitTitle,
        state: 'held',
        starts_on: visitOn,
      })
      target = await event({
        organisation_id: bradford,
        kind: 'dfe-review',
        title: 'Test DfE review ahead',
        state: 'planned',
        starts_on: reviewOn,
      })
      const [answered, unanswered] = await database.db
        .insertInto('oversight_finding')
        .values([
          { event_id: visit, kind: 'finding', reference: 'T1', text: 'Managers’ oversight is thin', position: 1 },
          {
            event_id: visit,
            kind: 'recommendation',
            reference: 'T2',
            text: 'Hear more from care leavers',
            position: 2,
          },
        ])
        .returning('id')
        .execute()
      await database.db
        .insertInto('oversight_link')
        .values({ finding_id: answered!.id, objective_id: objective.id })
        .execute()
      assert.ok(unanswered)
      northfieldEvent = (
        await database.db
          .selectFrom('oversight_event')
          .select('id')
          .where('organisation_id', '=', await organisationIdOf(database.db, 'northfield'))
          .executeTakeFirstOrThrow()
      ).id
    })
    after(async () => {
      await closeSharedBrowser()
      await database.close()
    })

    it('offers the next planned DfE review on the new form, and names the assessment after it', async () => {
      const next = await database.db
        .selectFrom('oversight_event')
        .select(['id', 'starts_on'])
        .where('organisation_id', '=', bradford)
        .where('kind', '=', 'dfe-review')
        .where('state', '=', 'planned')
        .where('starts_on', '>=', today)
        .orderBy('starts_on')
        .executeTakeFirstOrThrow()
      const page = await team.get(P.newSelfAssessment(B)).expect(200)
      assert.ok(
        page.text.includes(`value="Self-assessment before the DfE review on ${formatDate(next.starts_on)}"`),
        'the default title',
      )
      assert.match(page.text, new RegExp(`<option value="${next.id}" selected>`))
      assert.match(page.text, /Test monitoring visit \(held, /)
      assert.doesNotMatch(
        page.text,
        new RegExp(`<option value="${northfieldEvent}"`),
        'another council’s events are not offered',
      )
    })

    it('refuses a title too long, or a review of another council, keeping what was typed', async () => {
      const long = 'T'.repeat(201)
      const res = await postForm(team, P.newSelfAssessment(B), P.newSelfAssessment(B), { title: long, review: '' })
      assert.equal(res.status, 400)
      assert.match(res.text, /There is a problem/)
      assert.match(res.text, /The title must be 200 characters or fewer/)
      assert.ok(res.text.includes(`value="${long}"`))
      const other = await postForm(team, P.newSelfAssessment(B), P.newSelfAssessment(B), {
        title: 'Kept title',
        review: String(northfieldEvent),
      })
      assert.equal(other.status, 400)
      assert.match(other.text, /Choose a planned or recent review from the list, or none/)
      assert.ok(other.text.includes('value="Kept title"'))
      assert.equal(
        (await database.db.selectFrom('self_assessment').select('id').where('organisation_id', '=', bradford).execute())
          .length,
        0,
      )
    })

    it('starts one for the review chosen, audited', async () => {
      const res = await postForm(team, P.newSelfAssessment(B), P.newSelfAssessment(B), {
        title: '',
        review: String(target),
      })
      assert.equal(res.status, 302)
      const created = await database.db
        .selectFrom('self_assessment')
        .selectAll()
        .where('organisation_id', '=', bradford)
        .executeTakeFirstOrThrow()
      assessmentId = created.id
      assert.equal(res.headers.location, P.selfAssessment(B, assessmentId))
      assert.equal(created.title, `Self-assessment before the DfE review on ${formatDate(reviewOn)}`)
      assert.equal(created.review_event_id, target)
      assert.equal(created.status, 'draft')
      assert.deepEqual(await auditOf(assessmentId), [{ action: 'create', user_id: teamUser }])
      const list = await board.get(P.selfAssessments(B)).expect(200)
      assert.ok(list.text.includes(created.title))
      assert.match(list.text, /Test DfE review ahead/)
      assert.doesNotMatch(list.text, /Start a self-assessment/, 'the Board does not start them')
      assert.match((await team.get(P.selfAssessments(B)).expect(200)).text, /Start a self-assessment/)
    })

    it('shows the live data in a draft, and changes as they change', async () => {
      const before = await team.get(P.selfAssessment(B, assessmentId)).expect(200)
      assert.match(before.text, /data-qa="narrative-form"/)
      assert.match(before.text, /Test DfE review ahead \(DfE progress review, /)
      assert.ok(before.text.includes(`Entries observed since the last DfE review: Test DfE review before`))
      assert.ok(
        before.text.includes(`data-qa="practice-audit-none">None recorded since ${formatDate(previousReviewEnd)}.`),
      )
      // The visit's findings, with their tracking state and what answers them.
      assert.ok(before.text.includes(`The findings and recommendations of the ${visitTitle}`))
      assert.match(before.text, /Managers’ oversight is thin/)
      assert.match(before.text, />In progress</)
      assert.match(before.text, />No linked action</)
      assert.ok(before.text.includes(objective.title))
      assert.match(before.text, /<li>1 with no linked action<\/li>/)
      // The plan's ratings, words beside each colour.
      assert.match(before.text, new RegExp(`data-qa="objective-${objective.id}"`))
      assert.match(before.text, /data-qa="delivery">(Red: off track|Amber: some concerns|Green: on track|Not rated)</)

      await addEntry('Audit found most plans reviewed on time', 'audit', addDays(today, -5))
      await addEntry('Too old to count here', 'staff', addDays(previousReviewEnd, -3))
      const after = await team.get(P.selfAssessment(B, assessmentId)).expect(200)
      assert.match(after.text, /data-qa="practice-audit"/)
      assert.match(after.text, /Audit found most plans reviewed on time/)
      assert.doesNotMatch(after.text, /Too old to count here/, 'observed before the last DfE review ended')
    })

    it('saves the narrative, audited, and refuses text too long keeping what was typed', async () => {
      const long = 'a'.repeat(5001)
      const refused = await postForm(
        team,
        P.selfAssessment(B, assessmentId),
        P.selfAssessmentNarrative(B, assessmentId),
        {
          overview: 'Kept while the other is too long',
          strengths: long,
          weaknesses: '',
          next: '',
        },
      )
      assert.equal(refused.status, 400)
      assert.match(refused.text, /What is working for children must be 5000 characters or fewer/)
      assert.ok(refused.text.includes(long))
      assert.ok(refused.text.includes('Kept while the other is too long'))
      assert.deepEqual((await row(assessmentId)).narrative, {})

      const saved = await postForm(
        team,
        P.selfAssessment(B, assessmentId),
        P.selfAssessmentNarrative(B, assessmentId),
        {
          overview: 'Our view before submission: <better> than last year',
          strengths: 'Children are seen alone more often',
          weaknesses: 'Agency use is still high',
          next: 'Recruit permanent managers',
        },
      )
      assert.equal(saved.status, 302)
      assert.equal(saved.headers.location, `${P.selfAssessment(B, assessmentId)}#assessment`)
      assert.equal((await row(assessmentId)).narrative.overview, 'Our view before submission: <better> than last year')
      assert.deepEqual(
        (await auditOf(assessmentId)).map((a) => a.action),
        ['create', 'update'],
      )
      const page = await team.get(P.selfAssessment(B, assessmentId)).expect(200)
      assert.ok(page.text.includes('Our view before submission: &lt;better&gt; than last year'), 'escaped')
    })

    it('lets the Board read but not change it, and shows nothing to viewers, partners or another council', async () => {
      const page = await board.get(P.selfAssessment(B, assessmentId)).expect(200)
      assert.doesNotMatch(page.text, /data-qa="narrative-form"/)
      assert.doesNotMatch(page.text, /data-qa="submit-self-assessment"/)
      assert.match(page.text, /data-qa="narrative-overview">Our view before submission/)
      await board.get(P.newSelfAssessment(B)).expect(403)
      await board.get(P.submitSelfAssessment(B, assessmentId)).expect(403)
      const post = await board
        .post(P.selfAssessmentNarrative(B, assessmentId))
        .type('form')
        .send({ overview: 'Board wrote this', _csrf: csrfFrom(page.text) })
      assert.equal(post.status, 403)
      assert.equal((await row(assessmentId)).narrative.overview, 'Our view before submission: <better> than last year')

      await viewer.get(P.selfAssessments(B)).expect(403)
      await viewer.get(P.selfAssessment(B, assessmentId)).expect(403)
      await viewer.get(P.selfAssessmentExport(B, assessmentId, 'docx')).expect(403)
      const partnerList = await partner.get(P.selfAssessments(B))
      assert.ok([403, 404].includes(partnerList.status), `partner got ${partnerList.status}`)
      // Another council's record is not found, under either council.
      await northfieldTeam.get(P.selfAssessment('northfield', assessmentId)).expect(404)
      await northfieldTeam.get(P.selfAssessment(B, assessmentId)).expect(404)
      const northfieldDraft = await database.db
        .selectFrom('self_assessment')
        .select('id')
        .where('organisation_id', '!=', bradford)
        .executeTakeFirstOrThrow()
      await team.get(P.selfAssessment(B, northfieldDraft.id)).expect(404)
      await team.get(P.selfAssessmentPrint(B, northfieldDraft.id)).expect(404)
    })

    it('submits: frozen against later changes to the plan, the evidence and the narrative', async () => {
      const confirm = await team.get(P.submitSelfAssessment(B, assessmentId)).expect(200)
      assert.match(confirm.text, /Once submitted it cannot be changed/)
      const res = await postForm(
        team,
        P.submitSelfAssessment(B, assessmentId),
        P.submitSelfAssessment(B, assessmentId),
        {},
      )
      assert.equal(res.status, 302)
      const submitted = await row(assessmentId)
      assert.equal(submitted.status, 'submitted')
      assert.equal(submitted.submitted_by, teamUser)
      const snapshot = submitted.snapshot as { dataAsAt: string; narrative: { overview: string }; status: string }
      assert.equal(snapshot.status, 'submitted')
      assert.equal(snapshot.dataAsAt, today)
      assert.equal(snapshot.narrative.overview, 'Our view before submission: <better> than last year')
      assert.deepEqual(
        (await auditOf(assessmentId)).map((a) => a.action),
        ['create', 'update', 'submit'],
      )

      // The live data change afterwards...
      await addEntry('Entry added after submission', 'audit', today)
      await database.db
        .updateTable('objective')
        .set({ title: 'Renamed after submission' })
        .where('id', '=', objective.id)
        .execute()
      // ...and attempts to change it are refused.
      const page = await team.get(P.selfAssessment(B, assessmentId)).expect(200)
      const edit = await team
        .post(P.selfAssessmentNarrative(B, assessmentId))
        .type('form')
        .send({
          overview: 'Changed after submission',
          strengths: '',
          weaknesses: '',
          next: '',
          _csrf: csrfFrom(page.text),
        })
      assert.equal(edit.status, 409)
      assert.match(edit.text, /was submitted on .* and is frozen, so it cannot be changed\. Nothing was saved\./)
      const again = await team
        .post(P.submitSelfAssessment(B, assessmentId))
        .type('form')
        .send({ _csrf: csrfFrom(page.text) })
      assert.equal(again.status, 409)
      await team.get(P.submitSelfAssessment(B, assessmentId)).expect(409)
      const after = await row(assessmentId)
      assert.deepEqual(after.snapshot, submitted.snapshot)
      assert.deepEqual(after.narrative, submitted.narrative)
      assert.equal(after.submitted_at?.getTime(), submitted.submitted_at?.getTime())

      // The page shows what was submitted.
      const frozen = await team.get(P.selfAssessment(B, assessmentId)).expect(200)
      assert.doesNotMatch(frozen.text, /data-qa="narrative-form"/)
      assert.doesNotMatch(frozen.text, /data-qa="submit-self-assessment"/)
      assert.match(frozen.text, /data-qa="frozen-notice"/)
      assert.match(
        frozen.text,
        /data-qa="narrative-overview">Our view before submission: &lt;better&gt; than last year/,
      )
      assert.match(frozen.text, /Audit found most plans reviewed on time/)
      assert.ok(frozen.text.includes(objective.title))
      assert.doesNotMatch(frozen.text, /Entry added after submission/)
      assert.doesNotMatch(frozen.text, /Renamed after submission/)
      assert.doesNotMatch(frozen.text, /Changed after submission/)
      const print = await board.get(P.selfAssessmentPrint(B, assessmentId)).expect(200)
      assert.match(print.text, /Our view before submission/)
      assert.doesNotMatch(print.text, /Entry added after submission/)
    })

    it('exports the submitted content to Word, named after the council and the day', async () => {
      const res = await binary(board, P.selfAssessmentExport(B, assessmentId, 'docx')).expect(200)
      assert.match(String(res.headers['content-disposition']), new RegExp(`bradford-self-assessment-${today}\\.docx`))
      const zip = await JSZip.loadAsync(res.body as Buffer)
      const xml = await zip.file('word/document.xml')!.async('string')
      assert.ok(xml.includes('Our view before submission: &lt;better&gt; than last year'))
      assert.ok(xml.includes('Recruit permanent managers'))
      assert.match(xml, /Audit found most plans reviewed on time/)
      assert.doesNotMatch(xml, /Entry added after submission/)
      assert.doesNotMatch(xml, /Renamed after submission/)
      await board.get(P.selfAssessmentExport(B, assessmentId, 'xlsx')).expect(404)
    })

    // Needs Debian's chromium and poppler-utils (.ci/run installs both): it fails, never skips, without them.
    it('exports the submitted content to a tagged PDF', async () => {
      assert.ok(fs.existsSync(CHROMIUM) && fs.existsSync(PDFTOTEXT), 'Chromium and pdftotext are installed')
      const res = await binary(board, P.selfAssessmentExport(B, assessmentId, 'pdf')).expect(200)
      const body = res.body as Buffer
      assert.equal(body.subarray(0, 5).toString(), '%PDF-')
      assert.match(String(res.headers['content-disposition']), new RegExp(`bradford-self-assessment-${today}\\.pdf`))
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'self-assessment-')), 'sa.pdf')
      fs.writeFileSync(file, body)
      const text = execFileSync(PDFTOTEXT, [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')
      assert.ok(text.includes('Our view before submission: <better> than last year'), 'the narrative')
      assert.ok(text.includes('Audit found most plans reviewed on time'))
      assert.ok(!text.includes('Entry added after submission'))
      assert.ok(!text.includes('Renamed after submission'))
      const info = execFileSync('/usr/bin/pdfinfo', [file], { encoding: 'utf8' })
      assert.match(info, /Tagged:\s+yes/)
    })

    it('says what still works when the PDF cannot be printed', async () => {
      const noChromium = buildTestApp(database.db, () => {}, { chromiumPath: '/nowhere/chromium' })
      const agent = await signedIn(noChromium, 'board@bradford.example')
      const res = await agent.get(P.selfAssessmentExport(B, assessmentId, 'pdf'))
      assert.equal(res.status, 503)
      assert.ok(res.text.includes(`href="${P.selfAssessmentExport(B, assessmentId, 'docx')}"`))
      assert.ok(res.text.includes(`href="${P.selfAssessmentPrint(B, assessmentId)}"`))
    })

    it('renders the demo’s Northfield draft from its live data, with its narrative in the form', async () => {
      const draft = await database.db
        .selectFrom('self_assessment')
        .selectAll()
        .where('organisation_id', '!=', bradford)
        .executeTakeFirstOrThrow()
      const page = await northfieldTeam.get(P.selfAssessment('northfield', draft.id)).expect(200)
      assert.match(page.text, /data-qa="narrative-form"/)
      assert.ok(page.text.includes((draft.narrative.overview ?? '').slice(0, 40)))
      assert.match(page.text, /data-qa="self-assessment-chart"/)
      const docx = await binary(northfieldTeam, P.selfAssessmentExport('northfield', draft.id, 'docx')).expect(200)
      assert.match(
        String(docx.headers['content-disposition']),
        new RegExp(`northfield-self-assessment-${today}-draft\\.docx`),
      )
    })
  })
}
