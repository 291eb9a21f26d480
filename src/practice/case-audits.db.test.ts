// Case-file audits over HTTP and in the database: a round added (a month taken twice refused); a case refused
// for a name or a date of birth with what was typed kept, then added and changed (audited); closing the round
// creates and feeds the council's measure, and a later change updates it; the demo's Northfield measure with
// its six values linked to objective 4.1; the report section read as at a day; and one council never sees
// another's rounds, cases or measure.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { organisationIdOf } from '../test-support/demo-ids.js'
import { buildTestApp, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { quarterOf } from '../shared/calendar.js'
import { todayIso } from '../shared/dates.js'
import { paths } from '../web/paths.js'
import { CASE_AUDIT_MEASURE_CODE } from './case-audit-repository.js'
import { loadCaseAuditSection } from './case-audit-report.js'

const P = paths.council
const B = 'bradford'
const N = 'northfield'

const goodCase = {
  reference: 'BD-100001',
  serviceArea: 'child-protection',
  gradeVoice: 'good',
  gradeAssessment: 'requires-improvement',
  gradePlanning: 'good',
  gradeOversight: 'inadequate',
  gradeOverall: 'good',
  moderation: 'agreed',
  moderatedOverall: '',
}

for (const kind of testDatabaseKinds()) {
  describe(`Case-file audits on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let viewer: Agent
    let northfieldTeam: Agent
    let bradfordId: number
    let northfieldId: number
    let roundId: number
    const today = todayIso()

    const measureOf = (organisationId: number) =>
      database.db
        .selectFrom('measure')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('code', '=', CASE_AUDIT_MEASURE_CODE)
        .executeTakeFirst()
    const valuesOf = (measureId: number) =>
      database.db
        .selectFrom('measure_value')
        .select(['period', 'value', 'note'])
        .where('measure_id', '=', measureId)
        .orderBy('period')
        .execute()
    const auditOf = (entityType: string) =>
      database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', entityType)
        .where('organisation_id', '=', bradfordId)
        .orderBy('id')
        .execute()

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
      northfieldTeam = await signedIn(app, 'improvement@northfield.example')
      bradfordId = await organisationIdOf(database.db, B)
      northfieldId = await organisationIdOf(database.db, N)
    })
    after(() => database.close())

    it('gives Northfield’s demo six closed rounds feeding its measure, linked to objective 4.1', async () => {
      const measure = await measureOf(northfieldId)
      assert.ok(measure)
      assert.equal(measure.name, 'Case-file audits: percentage good or better')
      assert.deepEqual([measure.unit, measure.polarity, measure.frequency], ['percent', 'higher', 'monthly'])
      // Six earlier months from before Turnaround, then the rounds: 4/10, 5/12, 5/11, 7/13, 7/12, 9/14 to one
      // place, the last for the month before the demo's day.
      const values = await valuesOf(measure.id)
      assert.deepEqual(
        values.map((v) => v.value),
        [36.4, 41.7, 38.5, 33.3, 40, 37.5, 40, 41.7, 45.5, 53.8, 58.3, 64.3],
      )
      const lastMonth = new Date(`${today.slice(0, 7)}-01T00:00:00Z`)
      lastMonth.setUTCMonth(lastMonth.getUTCMonth() - 1)
      assert.equal(values.at(-1)!.period, lastMonth.toISOString().slice(0, 10))
      assert.match(values.at(-1)!.note, /^9 of 14 cases good or better/)
      const linked = await database.db
        .selectFrom('measure_objective')
        .innerJoin('objective', 'objective.id', 'measure_objective.objective_id')
        .select('objective.title')
        .where('measure_objective.measure_id', '=', measure.id)
        .execute()
      assert.deepEqual(
        linked.map((l) => l.title),
        ['Give leaders an accurate view of practice'],
      )
      const page = await northfieldTeam.get(P.caseAudits(N))
      assert.equal(page.status, 200)
      assert.match(
        page.text,
        new RegExp(`href="${P.measure(N, measure.id)}">Case-file audits: percentage good or better</a>`),
      )
      assert.match(page.text, /Up 6.0 percentage points from /)
      const measurePage = await northfieldTeam.get(P.measure(N, measure.id))
      assert.equal(measurePage.status, 200)
      assert.doesNotMatch(measurePage.text, /Not enough data for statistical process control/)
      assert.match(measurePage.text, /Give leaders an accurate view of practice/)
    })

    it('adds a round, refusing a month that already has one and keeping what was typed', async () => {
      const fields = { title: 'May audit', 'auditMonth-month': '5', 'auditMonth-year': '2024', theme: 'Neglect' }
      const res = await postForm(team, P.newCaseAuditRound(B), P.newCaseAuditRound(B), fields)
      assert.equal(res.status, 302)
      roundId = Number(/\/practice\/audits\/(\d+)$/.exec(String(res.headers.location))?.[1])
      assert.ok(roundId > 0)
      const round = await database.db
        .selectFrom('case_audit_round')
        .selectAll()
        .where('id', '=', roundId)
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        [round.organisation_id, round.audit_month, round.status, round.theme],
        [bradfordId, '2024-05-01', 'open', 'Neglect'],
      )
      assert.equal((await auditOf('case_audit_round')).at(-1)?.action, 'create')
      const again = await postForm(team, P.newCaseAuditRound(B), P.newCaseAuditRound(B), { ...fields, title: 'Kept' })
      assert.equal(again.status, 400)
      assert.match(again.text, /href="#auditMonth-month">There is already a round for that month/)
      assert.match(again.text, /value="Kept"/)
      const bad = await postForm(team, P.newCaseAuditRound(B), P.newCaseAuditRound(B), {
        title: '',
        'auditMonth-month': '13',
        'auditMonth-year': '2024',
      })
      assert.equal(bad.status, 400)
      assert.match(bad.text, /href="#title">Enter a title for the round/)
      assert.match(bad.text, /The month audited must be a real month/)
    })

    it('refuses a name or a date of birth as the case reference, with what was typed kept', async () => {
      const url = P.newAuditedCase(B, roundId)
      const name = await postForm(team, url, url, { ...goodCase, reference: 'Jane Smith' })
      assert.equal(name.status, 400)
      assert.match(name.text, /href="#reference">The case reference looks like a person’s name/)
      assert.match(name.text, /case number from the case recording system/)
      assert.match(name.text, /value="Jane Smith"/)
      assert.match(name.text, /<option value="child-protection" selected>Child protection<\/option>/)
      assert.match(name.text, /name="gradeOversight" type="radio" value="inadequate" checked/)
      const dob = await postForm(team, url, url, { ...goodCase, reference: 'NF-12.03.15' })
      assert.equal(dob.status, 400)
      assert.match(dob.text, /href="#reference">The case reference looks like it contains a date of birth/)
      const raised = await postForm(team, url, url, {
        ...goodCase,
        moderation: 'raised',
        moderatedOverall: 'inadequate',
      })
      assert.equal(raised.status, 400)
      assert.match(raised.text, /href="#moderatedOverall">The grade after moderation must be better/)
      const count = await database.db
        .selectFrom('case_audit_case')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('round_id', '=', roundId)
        .executeTakeFirstOrThrow()
      assert.equal(Number(count.n), 0)
    })

    it('adds and changes cases, closes the round (creating and feeding the measure) and follows later changes', async () => {
      const url = P.newAuditedCase(B, roundId)
      for (const c of [
        goodCase,
        { ...goodCase, reference: 'BD-100002', gradeOverall: 'requires-improvement', moderation: 'not-moderated' },
        {
          ...goodCase,
          reference: 'BD-100003',
          gradeOverall: 'good',
          moderation: 'lowered',
          moderatedOverall: 'inadequate',
        },
        { ...goodCase, reference: 'BD-100004', gradeOverall: 'outstanding', moderation: 'agreed' },
      ])
        assert.equal((await postForm(team, url, url, c)).status, 302, c.reference)
      const dup = await postForm(team, url, url, { ...goodCase, reference: 'bd-100001' })
      assert.equal(dup.status, 400)
      assert.match(dup.text, /That case is already in this round/)
      // Good or better after moderation: BD-100001 good, BD-100004 outstanding = 2 of 4 = 50.0%.
      const page = await team.get(P.caseAuditRound(B, roundId))
      assert.equal(page.status, 200)
      assert.match(page.text, /50.0% \(2 of 4 cases, overall grade after moderation\)/)
      assert.match(page.text, /Management oversight<\/th>\s*<td[^>]*>0 of 4<\/td>/)
      assert.equal(await measureOf(bradfordId), undefined, 'no measure until a round is closed')

      const closeUrl = P.closeCaseAuditRound(B, roundId)
      const early = await postForm(team, closeUrl, closeUrl, { ...dateFields('closedOn', '2024-04-30') })
      assert.equal(early.status, 400)
      assert.match(early.text, /must be on or after the start of the month audited/)
      const closed = await postForm(team, closeUrl, closeUrl, {
        ...dateFields('closedOn', today),
        closedNote: 'Moderated by QA',
      })
      assert.equal(closed.status, 302)
      const measure = await measureOf(bradfordId)
      assert.ok(measure)
      assert.deepEqual([measure.unit, measure.polarity, measure.frequency], ['percent', 'higher', 'monthly'])
      assert.deepEqual(
        (await valuesOf(measure.id)).map((v) => [v.period, v.value]),
        [['2024-05-01', 50]],
      )
      const round = await database.db
        .selectFrom('case_audit_round')
        .selectAll()
        .where('id', '=', roundId)
        .executeTakeFirstOrThrow()
      assert.deepEqual([round.status, round.closed_on, round.closed_note], ['closed', today, 'Moderated by QA'])
      assert.equal((await auditOf('case_audit_round')).at(-1)?.action, 'close')
      const valueAudits = await database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', 'measure_value')
        .where('entity_id', '=', String(measure.id))
        .orderBy('id')
        .execute()
      assert.equal(valueAudits.length, 1)
      assert.deepEqual(valueAudits[0]!.after, {
        '2024-05-01': '50 (2 of 4 cases good or better in the case-file audit round May audit)',
      })

      // Raising BD-100002 to good makes 3 of 4 = 75.0%: the measure follows, audited as a change.
      const c2 = await database.db
        .selectFrom('case_audit_case')
        .selectAll()
        .where('round_id', '=', roundId)
        .where('reference', '=', 'BD-100002')
        .executeTakeFirstOrThrow()
      const editUrl = P.editAuditedCase(B, c2.id)
      const form = await team.get(editUrl)
      assert.equal(form.status, 200)
      assert.match(form.text, /value="BD-100002"/)
      const changed = await postForm(team, editUrl, editUrl, {
        ...goodCase,
        reference: 'BD-100002',
        gradeOverall: 'requires-improvement',
        moderation: 'raised',
        moderatedOverall: 'good',
      })
      assert.equal(changed.status, 302)
      assert.deepEqual(
        (await valuesOf(measure.id)).map((v) => v.value),
        [75],
      )
      const caseAudits = await auditOf('case_audit_case')
      assert.equal(caseAudits.at(-1)?.action, 'update')
      assert.equal((caseAudits.at(-1)?.before as { moderation: string }).moderation, 'not-moderated')
      const valueAudit = await database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', 'measure_value')
        .where('entity_id', '=', String(measure.id))
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      assert.equal(valueAudit.action, 'update')
      assert.deepEqual(valueAudit.before, {
        '2024-05-01': '50 (2 of 4 cases good or better in the case-file audit round May audit)',
      })

      // The CSV has every case with its grade after moderation.
      const csv = await team.get(P.caseAuditRoundCsv(B, roundId))
      assert.equal(csv.status, 200)
      assert.match(csv.text, /May audit,2024-05-01,BD-100003,Child protection,.*,Grade lowered,Inadequate,no\r\n/)
    })

    it('reads the report section as at a day: nothing before the round closed, the round from then', async () => {
      assert.equal(await loadCaseAuditSection(database.db, bradfordId, quarterOf('2024-04-01'), '2024-06-30'), null)
      const s = await loadCaseAuditSection(database.db, bradfordId, quarterOf(today), today)
      assert.ok(s)
      assert.deepEqual(
        s.rounds.map((r) => [r.title, r.cases, r.figure.text]),
        [['May audit', 4, '75.0%']],
      )
      const nf = await loadCaseAuditSection(database.db, northfieldId, quarterOf(today), today)
      assert.equal(nf?.rounds.length, 6)
      assert.match(nf?.change?.text ?? '', /^Up 6.0 percentage points/)
    })

    it('keeps councils apart, and lets only editors change', async () => {
      const nfRound = await database.db
        .selectFrom('case_audit_round')
        .select('id')
        .where('organisation_id', '=', northfieldId)
        .executeTakeFirstOrThrow()
      assert.equal((await team.get(P.caseAuditRound(B, nfRound.id))).status, 404)
      const nfPost = await postForm(team, P.caseAuditRound(B, roundId), P.newAuditedCase(B, nfRound.id), goodCase)
      assert.equal(nfPost.status, 404)
      const list = await team.get(P.caseAudits(B))
      assert.doesNotMatch(list.text, /Monthly audit, /)
      assert.match(list.text, /May audit/)
      const nfList = await northfieldTeam.get(P.caseAudits(N))
      assert.doesNotMatch(nfList.text, /May audit/)
      assert.notEqual((await measureOf(bradfordId))?.id, (await measureOf(northfieldId))?.id)
      assert.equal((await viewer.get(P.caseAudits(B))).status, 403)
      const board = await signedIn(buildTestApp(database.db), 'board@bradford.example')
      const read = await board.get(P.caseAuditRound(B, roundId))
      assert.equal(read.status, 200)
      assert.doesNotMatch(read.text, /Add an audited case/)
      assert.equal((await board.get(P.newAuditedCase(B, roundId))).status, 403)
    })

    it('imports cases from CSV text: problems by row and nothing saved, then a preview, then all saved at once', async () => {
      const url = P.importAuditedCases(B, roundId)
      assert.equal((await team.get(url)).status, 200)
      const header =
        'case_reference,service_area,childs_voice,assessment,planning,management_oversight,overall_by_auditor,moderation'
      const count = async () =>
        Number(
          (
            await database.db
              .selectFrom('case_audit_case')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('round_id', '=', roundId)
              .executeTakeFirstOrThrow()
          ).n,
        )
      const bad = [
        header,
        'BD-200001,Front door,Good,Good,Good,Good,Good,Agreed',
        'John Brown,Front door,Good,Good,Good,Good,Good,',
      ].join('\n')
      const refused = await postForm(team, url, url, { step: 'confirm', csv: bad })
      assert.equal(refused.status, 400)
      assert.match(
        refused.text,
        /<td class="govuk-table__cell govuk-table__cell--numeric">3<\/td>\s*<td class="govuk-table__cell"><code>case_reference<\/code><\/td>\s*<td class="govuk-table__cell">The case reference looks like a person’s name/,
      )
      assert.match(refused.text, /BD-200001,Front door/, 'the text is kept')
      assert.equal(await count(), 4, 'nothing saved when a row is wrong')

      const good = [
        header,
        'BD-200001,Front door,Good,Good,Good,Good,Good,Agreed',
        'BD-200002,Early help,Inadequate,Inadequate,Inadequate,Inadequate,Inadequate,',
      ].join('\n')
      const preview = await postForm(team, url, url, { step: 'preview', csv: good })
      assert.equal(preview.status, 200)
      assert.match(preview.text, /2 cases are ready to import. Nothing has been saved yet./)
      assert.equal(await count(), 4)
      const confirmed = await postForm(team, url, url, { step: 'confirm', csv: good })
      assert.equal(confirmed.status, 302)
      assert.equal(await count(), 6)
      // The closed round now has 3 + 1 = 4 good or better of 6 = 66.7%, in the measure.
      const measure = (await measureOf(bradfordId))!
      assert.deepEqual(
        (await valuesOf(measure.id)).map((v) => v.value),
        [66.7],
      )
      const imported = (await auditOf('case_audit_case')).filter((a) => a.summary.startsWith('Imported case'))
      assert.equal(imported.length, 2)
    })
  })
}
