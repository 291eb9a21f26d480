// Staff surveys over HTTP and in the report and impact evidence: a round added (audited) and refused when
// the responses exceed those invited; one question's counts entered by form and corrected; a results file
// previewed with every problem named by row and column and nothing written, then a good file confirmed all
// at once (a new question added to the bank), and once only; questions linked to objectives (audited), never
// another council's; reference group notes; the demo's trend and evidence; and the report's section.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { organisationIdOf } from '../test-support/demo-ids.js'
import { buildTestApp, csrfFrom, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { addDays, addMonths, quarterOf } from '../shared/calendar.js'
import { todayIso } from '../shared/dates.js'
import { paths } from '../web/paths.js'
import { loadStaffSurveyEvidence } from './survey-evidence.js'
import { loadStaffSurveySection } from './survey-report.js'

const P = paths.council
const B = 'bradford'
const N = 'northfield'

for (const kind of testDatabaseKinds()) {
  describe(`Staff surveys on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let board: Agent
    let northfieldTeam: Agent
    let bradfordId: number
    let northfieldId: number
    let roundId: number
    const today = todayIso()

    const auditOf = (entityType: string, id: number | string) =>
      database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', entityType)
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()
    const resultsOf = (round: number) =>
      database.db.selectFrom('staff_survey_result').selectAll().where('round_id', '=', round).execute()
    const questionCount = async (organisationId: number) =>
      Number(
        (
          await database.db
            .selectFrom('staff_survey_question')
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('organisation_id', '=', organisationId)
            .executeTakeFirstOrThrow()
        ).n,
      )

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      board = await signedIn(app, 'board@bradford.example')
      northfieldTeam = await signedIn(app, 'improvement@northfield.example')
      bradfordId = await organisationIdOf(database.db, B)
      northfieldId = await organisationIdOf(database.db, N)
    })
    after(() => database.close())

    it('shows the demo trend: a significant fall is worsening, with the test and its z on the question page', async () => {
      const page = await northfieldTeam.get(P.staffSurveys(N))
      assert.equal(page.status, 200)
      assert.equal((page.text.match(/data-qa="survey-round-row"/g) ?? []).length, 3)
      const s6 = await database.db
        .selectFrom('staff_survey_question')
        .selectAll()
        .where('organisation_id', '=', northfieldId)
        .where('code', '=', 'S6')
        .executeTakeFirstOrThrow()
      const question = await northfieldTeam.get(P.staffSurveyQuestion(N, s6.id))
      assert.equal(question.status, 200)
      assert.match(question.text, /<svg[^>]+role="img"/)
      assert.equal((question.text.match(/data-qa="trend-row"/g) ?? []).length, 3)
      assert.match(question.text, /Worsening<\/strong> 28% favourable in [A-Z][a-z]+ \d{4}, down 11 points from 39%/)
      assert.match(question.text, /Significant at 95% \(z = -[\d.]+\)/)
    })

    it('adds a round, audited; refuses more responses than invited, keeping what was typed', async () => {
      const closedOn = addDays(today, -3)
      const bad = await postForm(team, P.newStaffSurveyRound(B), P.newStaffSurveyRound(B), {
        ...dateFields('closedOn', closedOn),
        audience: 'Team managers',
        invited: '40',
        responded: '52',
        note: '',
      })
      assert.equal(bad.status, 400)
      assert.match(bad.text, /The responses received cannot be more than the 40 staff invited/)
      assert.match(bad.text, /value="Team managers"/)
      const res = await postForm(team, P.newStaffSurveyRound(B), P.newStaffSurveyRound(B), {
        ...dateFields('closedOn', closedOn),
        audience: 'Team managers',
        invited: '40',
        responded: '32',
        note: 'A short pulse survey.',
      })
      assert.equal(res.status, 302)
      roundId = Number(/rounds\/(\d+)$/.exec(res.headers.location!)![1])
      const round = await database.db
        .selectFrom('staff_survey_round')
        .selectAll()
        .where('id', '=', roundId)
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        [round.organisation_id, round.closed_on, round.invited, round.responded],
        [bradfordId, closedOn, 40, 32],
      )
      const audit = await auditOf('staff_survey_round', roundId)
      assert.equal(audit.length, 1)
      assert.equal(audit[0]!.action, 'create')
      const page = await team.get(P.staffSurveyRound(B, roundId))
      assert.match(page.text, /80(\.0)?%/) // 32 of 40
      // The same audience on the same day is refused.
      const again = await postForm(team, P.newStaffSurveyRound(B), P.newStaffSurveyRound(B), {
        ...dateFields('closedOn', closedOn),
        audience: 'Team managers',
        invited: '40',
        responded: '30',
      })
      assert.equal(again.status, 400)
      assert.match(again.text, /already recorded/)
    })

    it('enters a new question’s counts by form, audited; refuses more answers than responses; corrects them', async () => {
      const form = P.staffSurveyResult(B, roundId)
      const counts = { strongly_agree: '6', agree: '14', neither: '5', disagree: '4', strongly_disagree: '1' }
      const tooMany = await postForm(team, form, form, {
        questionId: 'new',
        newText: 'I have time to reflect on my practice',
        newCode: 'TM1',
        ...counts,
        agree: '30',
      })
      assert.equal(tooMany.status, 400)
      assert.match(tooMany.text, /The counts add up to 46, more than the 32 responses received in this round/)
      assert.match(tooMany.text, /value="I have time to reflect on my practice"/)
      const res = await postForm(team, form, form, {
        questionId: 'new',
        newText: 'I have time to reflect on my practice',
        newCode: 'TM1',
        ...counts,
      })
      assert.equal(res.status, 302)
      const [result] = await resultsOf(roundId)
      assert.ok(result)
      assert.deepEqual(
        [result.strongly_agree, result.agree, result.neither, result.disagree, result.strongly_disagree],
        [6, 14, 5, 4, 1],
      )
      const page = await team.get(P.staffSurveyRound(B, roundId))
      assert.match(page.text, /67%/) // 20 favourable of 30 answering
      const corrected = await postForm(team, `${form}?question=${result.question_id}`, form, {
        questionId: String(result.question_id),
        ...counts,
        agree: '12',
        neither: '7',
      })
      assert.equal(corrected.status, 302)
      const [after] = await resultsOf(roundId)
      assert.equal(after!.agree, 12)
      const audit = await auditOf('staff_survey_result', `${roundId}-${result.question_id}`)
      assert.deepEqual(
        audit.map((a) => a.action),
        ['create', 'update'],
      )
      // The new question is in the bank once, and offered by the form for correction.
      const again = await postForm(team, form, form, {
        questionId: 'new',
        newText: 'i have time to reflect on my practice',
        ...counts,
      })
      assert.equal(again.status, 400)
      assert.match(again.text, /already in the question bank/)
    })

    async function upload(agent: Agent, round: number, filename: string, content: string) {
      const page = await agent.get(P.importStaffSurvey(B, round))
      return agent
        .post(P.importStaffSurvey(B, round))
        .field('_csrf', csrfFrom(page.text))
        .attach('file', Buffer.from(content), filename)
    }

    it('previews a bad file naming each row and field, and confirming it writes nothing', async () => {
      const questionsBefore = await questionCount(bradfordId)
      const resultsBefore = (await resultsOf(roundId)).length
      const csv = [
        'question_code,question,strongly_agree,agree,neither,disagree,strongly_disagree',
        'TM2,My workload lets me see children as often as they need,3,10,5,4,2',
        'TM3,I am proud to work here,3,lots,5,4,2',
        ',,1,1,1,1,1',
        'TM4,Leaders listen to staff,10,10,10,10,10',
        'TM2,My workload lets me see children as often as they need,1,1,1,1,1',
      ].join('\n')
      const res = await upload(team, roundId, 'bad.csv', csv)
      assert.equal(res.status, 302)
      const preview = await team.get(res.headers.location!)
      assert.equal(preview.status, 200)
      assert.match(preview.text, /4 problems found: nothing has been imported/)
      const problems = [
        ...preview.text.matchAll(/data-qa="problem">\s*<td[^>]*>(\d+)<\/td>\s*<td[^>]*>([^<]+)<\/td>/g),
      ].map((m) => `${m[1]} ${m[2]}`)
      assert.deepEqual(problems, ['3 agree', '4 question', '5 strongly_agree', '6 question'])
      assert.match(preview.text, /&quot;lots&quot; is not a whole number of people/)
      assert.match(preview.text, /The counts add up to 50, more than the 32 responses received in this round/)
      assert.match(preview.text, /A duplicate of row 2/)
      const batchId = Number(/imports\/(\d+)$/.exec(res.headers.location!)![1])
      const confirm = await postForm(team, P.staffSurveyImport(B, batchId), P.confirmStaffSurveyImport(B, batchId), {})
      assert.equal(confirm.status, 302)
      assert.equal(await questionCount(bradfordId), questionsBefore)
      assert.equal((await resultsOf(roundId)).length, resultsBefore)
      const batch = await database.db
        .selectFrom('staff_survey_import')
        .select('status')
        .where('id', '=', batchId)
        .executeTakeFirstOrThrow()
      assert.equal(batch.status, 'pending')
    })

    it('confirms a good file all at once: new results, a changed one and a new question; once only', async () => {
      const csv = [
        'question_code,question,strongly_agree,agree,neither,disagree,strongly_disagree',
        'TM1,,8,12,5,4,1',
        'TM2,My workload lets me see children as often as they need,3,10,5,4,2',
      ].join('\n')
      const res = await upload(team, roundId, 'good.csv', csv)
      const preview = await team.get(res.headers.location!)
      assert.match(
        preview.text,
        /2 rows checked with no problems: 1 new results, 1 changed, 0 already recorded; 1 new question/,
      )
      assert.match(preview.text, /New question/)
      const batchId = Number(/imports\/(\d+)$/.exec(res.headers.location!)![1])
      // Only editors may confirm it.
      const refused = await board
        .post(P.confirmStaffSurveyImport(B, batchId))
        .type('form')
        .send({
          _csrf: csrfFrom((await board.get(P.staffSurveys(B))).text),
        })
      assert.equal(refused.status, 403)
      const confirm = await postForm(team, P.staffSurveyImport(B, batchId), P.confirmStaffSurveyImport(B, batchId), {})
      assert.equal(confirm.status, 302)
      const results = await resultsOf(roundId)
      assert.equal(results.length, 2)
      const tm2 = await database.db
        .selectFrom('staff_survey_question')
        .selectAll()
        .where('organisation_id', '=', bradfordId)
        .where('code', '=', 'TM2')
        .executeTakeFirstOrThrow()
      assert.equal(results.find((r) => r.question_id === tm2.id)!.agree, 10)
      assert.equal(results.find((r) => r.question_id !== tm2.id)!.strongly_agree, 8)
      const audit = await auditOf('staff_survey_import', batchId)
      assert.match(audit[audit.length - 1]!.summary, /1 results added, 1 changed and 0 unchanged; 1 new questions/)
      // A second confirmation changes nothing.
      const twice = await postForm(team, P.staffSurveyImport(B, batchId), P.confirmStaffSurveyImport(B, batchId), {})
      assert.equal(twice.status, 302)
      assert.equal((await auditOf('staff_survey_import', batchId)).length, audit.length)
      // The template lists the bank's questions.
      const template = await team.get(P.staffSurveyTemplate(B))
      assert.equal(template.status, 200)
      assert.match(template.text, /^question_code,question,strongly_agree,agree,neither,disagree,strongly_disagree/)
      assert.match(template.text, /TM2,My workload lets me see children as often as they need/)
    })

    it('reads an XLSX file the same way: counts already recorded are shown as unchanged', async () => {
      const workbook = new ExcelJS.Workbook()
      const sheet = workbook.addWorksheet('Results')
      sheet.addRow(['question_code', 'question', 'strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree'])
      sheet.addRow(['TM1', '', 8, 12, 5, 4, 1])
      const buffer = Buffer.from(await workbook.xlsx.writeBuffer())
      const page = await team.get(P.importStaffSurvey(B, roundId))
      const res = await team
        .post(P.importStaffSurvey(B, roundId))
        .field('_csrf', csrfFrom(page.text))
        .attach('file', buffer, 'results.xlsx')
      assert.equal(res.status, 302)
      const preview = await team.get(res.headers.location!)
      assert.match(preview.text, /1 rows checked with no problems: 0 new results, 0 changed, 1 already recorded/)
      const batchId = Number(/imports\/(\d+)$/.exec(res.headers.location!)![1])
      const discard = await postForm(team, P.staffSurveyImport(B, batchId), P.discardStaffSurveyImport(B, batchId), {})
      assert.equal(discard.status, 302)
      const batch = await database.db
        .selectFrom('staff_survey_import')
        .select('status')
        .where('id', '=', batchId)
        .executeTakeFirstOrThrow()
      assert.equal(batch.status, 'discarded')
      // A file that is not CSV or XLSX is refused on the upload page.
      const wrong = await upload(team, roundId, 'notes.txt', 'hello')
      assert.equal(wrong.status, 400)
      assert.match(wrong.text, /The selected file must be a CSV or XLSX file/)
    })

    it('lists the first 50 problems of a file with many bad rows and counts the rest; upload and discard are audited', async () => {
      const lines = ['question_code,question,strongly_agree,agree,neither,disagree,strongly_disagree']
      for (let i = 0; i < 120; i++) lines.push(`TM1,,1,many${i},1,1,1`)
      const res = await upload(team, roundId, 'many-bad.csv', lines.join('\n'))
      assert.equal(res.status, 302)
      const preview = await team.get(res.headers.location!)
      assert.match(preview.text, /\d+ problems found: nothing has been imported/)
      const total = Number(/([\d,]+) problems found/.exec(preview.text)![1]!.replace(/,/g, ''))
      assert.ok(total >= 120)
      assert.equal([...preview.text.matchAll(/data-qa="problem"/g)].length, 50)
      assert.match(preview.text, new RegExp(`data-qa="more-problems">And ${total - 50} more problems<`))
      const batchId = Number(/imports\/(\d+)$/.exec(res.headers.location!)![1])
      const discard = await postForm(team, P.staffSurveyImport(B, batchId), P.discardStaffSurveyImport(B, batchId), {})
      assert.equal(discard.status, 302)
      assert.deepEqual(
        (await auditOf('staff_survey_import', batchId)).map((a) => [
          a.action,
          a.summary.replace(/ closed on .*\(/, ' ('),
        ]),
        [
          ['create', 'Uploaded many-bad.csv to check before importing into the staff survey round (120 rows)'],
          ['update', 'Cancelled the import of many-bad.csv: nothing was changed'],
        ],
      )
    })

    it('links a question to objectives of the current plan, audited; never to another council’s', async () => {
      const question = await database.db
        .selectFrom('staff_survey_question')
        .selectAll()
        .where('organisation_id', '=', bradfordId)
        .where('code', '=', 'TM1')
        .executeTakeFirstOrThrow()
      const formUrl = P.staffSurveyQuestionObjectives(B, question.id)
      const form = await team.get(formUrl)
      assert.equal(form.status, 200)
      const ids = [...form.text.matchAll(/name="objectiveIds" type="checkbox" value="(\d+)"/g)].map((m) => m[1]!)
      assert.ok(ids.length >= 2)
      const northfieldObjective = await database.db
        .selectFrom('objective')
        .innerJoin('strand', 'strand.id', 'objective.strand_id')
        .innerJoin('plan', 'plan.id', 'strand.plan_id')
        .select('objective.id')
        .where('plan.organisation_id', '=', northfieldId)
        .executeTakeFirstOrThrow()
      const send = async (values: string[]) =>
        team
          .post(formUrl)
          .type('form')
          .send(
            [...values.map((v) => `objectiveIds=${v}`), `_csrf=${encodeURIComponent(csrfFrom(form.text))}`].join('&'),
          )
      const foreign = await send([ids[0]!, String(northfieldObjective.id)])
      assert.equal(foreign.status, 400)
      assert.match(foreign.text, /Choose objectives from the list of the current plan/)
      assert.equal((await auditOf('staff_survey_question', question.id)).filter((a) => a.action === 'link').length, 0)
      const ok = await send([ids[0]!, ids[1]!])
      assert.equal(ok.status, 302)
      const links = await database.db
        .selectFrom('staff_survey_question_objective')
        .selectAll()
        .where('question_id', '=', question.id)
        .execute()
      assert.deepEqual(links.map((l) => String(l.objective_id)).sort(), [ids[0]!, ids[1]!].sort())
      assert.ok(links.every((l) => l.organisation_id === bradfordId))
      const unlinked = await send([ids[1]!])
      assert.equal(unlinked.status, 302)
      const audit = await auditOf('staff_survey_question', question.id)
      assert.deepEqual(
        audit.filter((a) => a.action !== 'create').map((a) => a.action),
        ['link', 'link', 'unlink'],
      )
      // One round only: evidence, but no change yet.
      const evidence = await loadStaffSurveyEvidence(database.db, bradfordId, today)
      const own = evidence.filter((e) => e.anchor === `survey-question-${question.id}`)
      assert.equal(own.length, 1)
      assert.equal(own[0]!.objectiveId, Number(ids[1]))
      assert.equal(own[0]!.direction, 'no-change')
      assert.equal(own[0]!.current, true)
      // Another council's page for the question is not found.
      assert.equal((await northfieldTeam.get(P.staffSurveyQuestion(N, question.id))).status, 404)
      assert.equal((await northfieldTeam.get(P.staffSurveyRound(N, roundId))).status, 404)
    })

    it('adds and changes a reference group note with its themes; refuses one without a summary', async () => {
      const form = P.newStaffReferenceNote(B)
      const bad = await postForm(team, form, form, {
        ...dateFields('heldOn', addDays(today, -2)),
        themes: 'Caseloads, IT',
        summary: '',
      })
      assert.equal(bad.status, 400)
      assert.match(bad.text, /Enter a summary of what was raised/)
      assert.match(bad.text, /value="Caseloads, IT"/)
      const res = await postForm(team, form, form, {
        ...dateFields('heldOn', addDays(today, -2)),
        themes: 'Caseloads, IT, caseloads',
        summary: 'Laptops are slow to start.',
        response: 'New laptops by spring.',
      })
      assert.equal(res.status, 302)
      const note = await database.db
        .selectFrom('staff_reference_note')
        .selectAll()
        .where('organisation_id', '=', bradfordId)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      assert.deepEqual(note.themes, ['Caseloads', 'IT'])
      const edit = P.editStaffReferenceNote(B, note.id)
      const changed = await postForm(team, edit, edit, {
        ...dateFields('heldOn', addDays(today, -2)),
        themes: 'IT',
        summary: 'Laptops are slow to start.',
        response: 'New laptops by March.',
      })
      assert.equal(changed.status, 302)
      assert.deepEqual(
        (await auditOf('staff_reference_note', note.id)).map((a) => a.action),
        ['create', 'update'],
      )
      const list = await board.get(P.staffReferenceNotes(B))
      assert.equal(list.status, 200)
      assert.match(list.text, /New laptops by March\./)
      assert.doesNotMatch(list.text, /Add a note/) // the Board reads, but cannot change
    })

    it('gives Northfield’s evidence per linked objective as at a day, and its report section', async () => {
      const evidence = await loadStaffSurveyEvidence(database.db, northfieldId, today)
      assert.ok(evidence.every((e) => e.kind === 'staff-survey' && e.current))
      const s6 = evidence.find((e) => e.label.endsWith('time to spend with the children and families I work with'))
      assert.equal(s6?.direction, 'worsening')
      assert.ok(evidence.some((e) => e.direction === 'improving'))
      // Before the latest round closed, the same question compared the first two rounds: a rise, not significant.
      const earlier = await loadStaffSurveyEvidence(database.db, northfieldId, addDays(today, -30))
      const s6Earlier = earlier.find((e) => e.anchor === s6.anchor)!
      assert.equal(s6Earlier.direction, 'no-change')
      assert.match(s6Earlier.detail, /up 5 points from 34%/)
      // None of Bradford's questions appear in Northfield's evidence.
      const bradfordQuestions = await database.db
        .selectFrom('staff_survey_question')
        .select('id')
        .where('organisation_id', '=', bradfordId)
        .execute()
      assert.ok(!evidence.some((e) => bradfordQuestions.some((q) => e.anchor === `survey-question-${q.id}`)))

      const section = (await loadStaffSurveySection(database.db, northfieldId, quarterOf(today), today))!
      assert.equal(section.round?.responded, 301)
      assert.equal(section.questions.length, 8)
      assert.ok(section.questions.some((q) => q.direction === 'worsening'))
      // A year and more ago, before the first round closed and before the group met: nothing to report.
      assert.equal(
        await loadStaffSurveySection(
          database.db,
          northfieldId,
          quarterOf(addMonths(today, -14)),
          addMonths(today, -14),
        ),
        null,
      )
    })
  })
}
