// The risk and issue register and the improvement resources over HTTP and in the report's section: an item
// added with its first score (audited), a duplicate reference refused with what was typed kept, re-assessed
// (score and trend), closed and reopened; a quarter's resources saved, a bad figure refused by name; the
// report's section read as at an earlier day; and who may read, change or even see them.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { organisationIdOf } from '../test-support/demo-ids.js'
import { buildTestApp, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { addDays, quarterOf } from '../shared/calendar.js'
import { formatDate, todayIso } from '../shared/dates.js'
import { paths } from '../web/paths.js'
import { loadRisksSection } from './risk-report.js'

const P = paths.council
const B = 'bradford'
const N = 'northfield'

for (const kind of testDatabaseKinds()) {
  describe(`The risk register and resources on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let board: Agent
    let viewer: Agent
    let partner: Agent
    let northfield: Agent
    let bradfordId: number
    let riskId: number
    const today = todayIso()
    const openedOn = addDays(today, -10)

    const riskRow = (id: number) =>
      database.db.selectFrom('risk').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const auditOf = (entityType: string, id: number | string) =>
      database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', entityType)
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()
    const demoRisk = async (reference: string) =>
      (
        await database.db
          .selectFrom('risk')
          .select('id')
          .where('organisation_id', '=', bradfordId)
          .where('reference', '=', reference)
          .executeTakeFirstOrThrow()
      ).id

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      board = await signedIn(app, 'board@bradford.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
      partner = await signedIn(app, 'partner@partner.example')
      northfield = await signedIn(app, 'admin@northfield.example')
      bradfordId = await organisationIdOf(database.db, B)
    })
    after(() => database.close())

    it('adds an issue with its first score (likelihood 5), audited; refuses a duplicate reference, keeping what was typed', async () => {
      const strand = await database.db
        .selectFrom('strand')
        .innerJoin('plan', 'plan.id', 'strand.plan_id')
        .select('strand.id')
        .where('plan.organisation_id', '=', bradfordId)
        .where('strand.code', '=', '8')
        .executeTakeFirstOrThrow()
      const form = await team.get(P.newRisk(B))
      assert.equal(form.status, 200)
      assert.match(form.text, new RegExp(`<option value="${strand.id}">8: Workforce</option>`))
      const fields = {
        kind: 'issue',
        reference: 'T1',
        title: 'Court work backlog',
        description: 'Care proceedings wait too long.',
        strandId: String(strand.id),
        owner: 'Head of Legal',
        mitigations: 'Extra counsel',
        ...dateFields('openedOn', openedOn),
        likelihood: '2', // an issue is already happening: 5 whatever is sent
        impact: '4',
        note: 'First look',
        escalated: 'yes',
        ...dateFields('escalatedOn', today),
      }
      const res = await postForm(team, P.newRisk(B), P.newRisk(B), fields)
      assert.equal(res.status, 302)
      riskId = Number(/\/risks\/(\d+)$/.exec(String(res.headers.location))?.[1])
      assert.ok(riskId > 0, `redirected to the item, not ${String(res.headers.location)}`)
      const risk = await riskRow(riskId)
      assert.equal(risk.organisation_id, bradfordId)
      assert.equal(risk.kind, 'issue')
      assert.equal(risk.strand_id, strand.id)
      assert.equal(risk.opened_on, openedOn)
      assert.equal(risk.escalated_on, today)
      const assessments = await database.db
        .selectFrom('risk_assessment')
        .selectAll()
        .where('risk_id', '=', riskId)
        .execute()
      assert.deepEqual(
        assessments.map((a) => [a.assessed_on, a.likelihood, a.impact, a.note]),
        [[openedOn, 5, 4, 'First look']],
      )
      const [created, ...more] = await auditOf('risk', riskId)
      assert.equal(more.length, 0)
      assert.equal(created?.action, 'create')
      assert.equal((created?.after as { reference: string }).reference, 'T1')
      assert.match(created?.summary ?? '', /5 x 4 = 20 \(extreme\)/)

      // The same reference, in other letters, is a field error, not a 500; what was typed stays.
      const clash = await postForm(team, P.newRisk(B), P.newRisk(B), {
        ...fields,
        reference: 't1',
        title: 'Kept title',
      })
      assert.equal(clash.status, 400)
      assert.match(clash.text, /There is a problem/)
      assert.match(clash.text, /href="#reference">Another risk or issue already has the reference t1/)
      assert.match(clash.text, /name="reference" type="text" spellcheck="false" value="t1"/)
      assert.match(clash.text, /value="Kept title"/)
      assert.match(clash.text, /Care proceedings wait too long\./)
      const missing = await postForm(team, P.newRisk(B), P.newRisk(B), {
        ...fields,
        kind: 'risk',
        reference: 'T2',
        likelihood: '',
        impact: '9',
      })
      assert.equal(missing.status, 400)
      assert.match(missing.text, /href="#likelihood">Choose the likelihood, from 1 to 5/)
      assert.match(missing.text, /href="#impact">Choose the impact, from 1 to 5/)
      const count = await database.db
        .selectFrom('risk')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organisation_id', '=', bradfordId)
        .where((eb) => eb(eb.fn('lower', ['reference']), 'in', ['t1', 't2']))
        .executeTakeFirstOrThrow()
      assert.equal(Number(count.n), 1)

      // On the register today, with its score, level in words, trend and escalation; and in the CSV.
      const register = await board.get(P.risks(B))
      assert.equal(register.status, 200)
      const row = [...register.text.matchAll(/data-qa="risk-row">[\s\S]*?<\/tr>/g)]
        .map((m) => m[0])
        .find((r) => r.includes('>T1<'))
      assert.ok(row, 'T1 is on the register')
      assert.match(row, /Court work backlog[\s\S]*Issue[\s\S]*8: Workforce[\s\S]*Head of Legal/)
      assert.match(row, /data-qa="rating">5 x 4</)
      assert.match(row, /govuk-tag--red" data-qa="risk-level">20 Extreme</)
      assert.match(row, new RegExp(`New \\(first assessed ${formatDate(openedOn)}\\)`))
      assert.match(row, /Escalated/)
      assert.match(register.text, /data-qa="cell-5-4" data-level="extreme"><span class="app-risk-cell__count">[1-9]/)
      assert.doesNotMatch(register.text, /data-qa="add-risk"/, 'a Board member reads, and does not add')
      const csv = await board.get(P.risksCsv(B))
      assert.equal(csv.status, 200)
      assert.match(csv.headers['content-type'] ?? '', /text\/csv/)
      assert.match(csv.text, /^reference,kind,title,/)
      assert.match(
        csv.text,
        new RegExp(`\\r\\nT1,issue,Court work backlog,.*,${openedOn},${today},,,open,${openedOn},5,4,20,extreme,new,`),
      )
      assert.match(csv.text, /\r\nR1,risk,Reliance on agency social workers,/, 'the demo’s items too')
    })

    it('re-assesses (score and trend change, audited), de-escalates, closes with a note and reopens', async () => {
      const refused = await postForm(team, P.risk(B, riskId), P.assessRisk(B, riskId), {
        ...dateFields('assessedOn', addDays(openedOn, -1)),
        impact: '2',
        note: '',
      })
      assert.equal(refused.status, 400)
      assert.match(refused.text, new RegExp(`must be on or after the day it was opened, ${formatDate(openedOn)}`))
      const res = await postForm(team, P.risk(B, riskId), P.assessRisk(B, riskId), {
        ...dateFields('assessedOn', today),
        likelihood: '1',
        impact: '2',
        note: 'Counsel found',
      })
      assert.equal(res.status, 302)
      const page = await board.get(P.risk(B, riskId))
      assert.match(
        page.text,
        /data-qa="current-score">5 x 2 = <strong class="govuk-tag govuk-tag--orange" data-qa="risk-level">10 High</,
      )
      assert.match(page.text, new RegExp(`data-qa="current-trend">Down from 20 \\(${formatDate(openedOn)}\\)`))
      assert.equal([...page.text.matchAll(/data-qa="assessment-row"/g)].length, 2)
      assert.doesNotMatch(page.text, /data-qa="assess-form"/, 'a Board member has no form')
      const [assessed] = await auditOf(
        'risk-assessment',
        (
          await database.db
            .selectFrom('risk_assessment')
            .select('id')
            .where('risk_id', '=', riskId)
            .orderBy('id', 'desc')
            .executeTakeFirstOrThrow()
        ).id,
      )
      assert.equal((assessed?.before as { impact: number }).impact, 4)
      assert.deepEqual(
        [(assessed?.after as { likelihood: number }).likelihood, (assessed?.after as { impact: number }).impact],
        [5, 2],
      )

      const edit = await team.get(P.editRisk(B, riskId))
      assert.match(edit.text, /name="escalated" type="checkbox" value="yes" checked/)
      const changed = await postForm(team, P.editRisk(B, riskId), P.editRisk(B, riskId), {
        reference: 'T1',
        title: 'Court work backlog',
        description: '',
        strandId: '',
        owner: 'Head of Legal Services',
        mitigations: '',
      })
      assert.equal(changed.status, 302)
      const edited = await riskRow(riskId)
      assert.equal(edited.escalated_on, null)
      assert.equal(edited.strand_id, null)
      const update = (await auditOf('risk', riskId)).at(-1)
      assert.equal(update?.action, 'update')
      assert.equal((update?.before as { escalated_on: string }).escalated_on, today)
      assert.equal((update?.after as { escalated_on: string | null }).escalated_on, null)

      const noNote = await postForm(team, P.closeRisk(B, riskId), P.closeRisk(B, riskId), {
        action: 'close',
        ...dateFields('closedOn', today),
        closedNote: ' ',
      })
      assert.equal(noNote.status, 400)
      assert.match(noNote.text, /Enter why it is closed/)
      const closed = await postForm(team, P.closeRisk(B, riskId), P.closeRisk(B, riskId), {
        action: 'close',
        ...dateFields('closedOn', today),
        closedNote: 'Backlog cleared',
      })
      assert.equal(closed.status, 302)
      assert.deepEqual(await riskRow(riskId).then((r) => [r.closed_on, r.closed_note]), [today, 'Backlog cleared'])
      assert.doesNotMatch((await team.get(P.risks(B))).text, />T1</, 'gone from the open register')
      assert.match((await team.get(`${P.risks(B)}?status=closed&kind=issue`)).text, />T1<[\s\S]*closed/)
      const reopened = await postForm(team, P.closeRisk(B, riskId), P.closeRisk(B, riskId), { action: 'reopen' })
      assert.equal(reopened.status, 302)
      assert.equal((await riskRow(riskId)).closed_on, null)
      assert.deepEqual(
        (await auditOf('risk', riskId)).map((e) => e.action),
        ['create', 'update', 'close', 'reopen'],
      )
    })

    it('saves a quarter’s resources, refusing a bad figure by name, and reads them back as numbers', async () => {
      const url = P.resourceQuarter(B, '2024-04-01')
      const bad = await postForm(team, url, url, {
        programmeBudget: '-5',
        programmeSpend: '12.345',
        agencySpend: 'lots',
        fteFunded: '4.25',
        fteInPost: '3',
        note: 'Kept note',
      })
      assert.equal(bad.status, 400)
      assert.match(bad.text, /href="#programmeBudget">Programme budget cannot be negative/)
      assert.match(bad.text, /Programme spend must be in pounds and pence, with no more than 2 decimal places/)
      assert.match(bad.text, /Agency spend must be a number, like 125000 or 125,000.50/)
      assert.match(bad.text, /Team FTE funded must have no more than 1 decimal place/)
      assert.match(bad.text, /name="agencySpend" type="text" spellcheck="false" value="lots"/)
      assert.match(bad.text, /Kept note/)
      const good = await postForm(team, url, url, {
        programmeBudget: '£400,000',
        programmeSpend: '300000.50',
        agencySpend: '0',
        fteFunded: '4.5',
        fteInPost: '3',
        note: '',
      })
      assert.equal(good.status, 302)
      assert.equal(good.headers.location, `${P.resources(B)}?year=2024`)
      const saved = await database.db
        .selectFrom('resource_quarter')
        .selectAll()
        .where('organisation_id', '=', bradfordId)
        .where('quarter_start', '=', '2024-04-01')
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        [saved.programme_budget, saved.programme_spend, saved.team_fte_funded].map(Number),
        [400_000, 300_000.5, 4.5],
      )
      const [created] = await auditOf('resource-quarter', saved.id)
      assert.equal(created?.action, 'create')
      assert.deepEqual(created?.after, {
        quarterStart: '2024-04-01',
        programmeBudget: 400_000,
        programmeSpend: 300_000.5,
        agencySpend: 0,
        fteFunded: 4.5,
        fteInPost: 3,
        note: '',
      })
      const page = await board.get(`${P.resources(B)}?year=2024`)
      assert.equal(page.status, 200)
      assert.match(
        page.text,
        /data-qa="quarter-2024-04-01">[\s\S]*?data-qa="budget">£400,000<[\s\S]*?data-qa="spend">£300,000.50<[\s\S]*?data-qa="share">75.0%<[\s\S]*?data-qa="vacancy">1.5</,
      )
      assert.doesNotMatch(page.text, /data-qa="edit-quarter"/)
      const latest = await board.get(P.resources(B))
      assert.match(latest.text, /data-qa="resources-2024"/, 'the latest year with figures, by default')
      assert.match(latest.text, /data-qa="other-years">[\s\S]*?\?year=2022">2022\/23</)
      const demoYear = await board.get(`${P.resources(B)}?year=2022`)
      assert.match(demoYear.text, /data-qa="year-to-date">[\s\S]*?£7,500,000[\s\S]*?£7,236,280/)
      assert.match(demoYear.text, /<svg[^>]*role="img"/)
      for (const bad of ['2024-05-01', '2024-04-02', 'next-year', '1999-04-01'])
        assert.equal((await team.get(P.resourceQuarter(B, bad))).status, 404, bad)
    })

    it('reads the report’s section as at a day, leaving out what was recorded later', async () => {
      const r8 = await demoRisk('R8')
      // A late entry: dated in August 2022 but recorded today.
      const late = await postForm(team, P.risk(B, r8), P.assessRisk(B, r8), {
        ...dateFields('assessedOn', '2022-08-01'),
        likelihood: '5',
        impact: '5',
        note: 'Recorded late',
      })
      assert.equal(late.status, 302)
      const q2 = await loadRisksSection(database.db, bradfordId, quarterOf('2022-07-01'), '2022-09-30')
      assert.ok(q2)
      const byRef = new Map(q2.items.map((i) => [i.reference, i]))
      assert.equal(byRef.get('R8')?.score, 12, 'the late entry was not recorded by then')
      assert.equal(byRef.get('R8')?.trend, 'new')
      assert.equal(byRef.get('R1')?.score, 20)
      assert.equal(byRef.get('R1')?.trendText, 'Up from 16 (1 April 2022)')
      assert.equal(byRef.get('R7')?.score, 12, 'opened on 1 July 2022')
      assert.ok(byRef.has('I2'), 'I2 was open until 27 October 2022')
      assert.ok(!byRef.has('T1'), 'recorded after the day read')
      assert.equal(q2.items[0]?.score, 20)
      assert.equal(q2.escalatedCount, 2, 'R1 and R4 by the end of September')
      assert.equal(q2.resources?.programmeBudget, 1_875_000)
      assert.deepEqual(q2.yearToDate, {
        label: 'Q1 to Q2 2022/23',
        programmeBudget: 3_375_000,
        programmeSpend: 2_818_650,
        agencySpend: 7_430_000,
      })
      assert.equal(q2.earlierQuarters.length, 1)
      // Read as at today, the late entry is history: R8's latest assessment is still in force.
      const now = await loadRisksSection(database.db, bradfordId, quarterOf(today), today)
      assert.equal(new Map(now!.items.map((i) => [i.reference, i])).get('R8')?.score, 9)
      assert.ok(!now!.items.some((i) => i.reference === 'I2'), 'closed')
    })

    it('lets the Board read but not change; shows nothing to partners and viewers; keeps councils apart', async () => {
      const r1 = await demoRisk('R1')
      for (const url of [P.risks(B), P.risk(B, r1), P.resources(B), P.risksCsv(B)])
        assert.equal((await board.get(url)).status, 200, url)
      for (const url of [
        P.newRisk(B),
        P.editRisk(B, r1),
        P.assessRisk(B, r1),
        P.closeRisk(B, r1),
        P.resourceQuarter(B, '2022-04-01'),
      ])
        assert.equal((await board.get(url)).status, 403, url)
      const posts: Array<[string, Record<string, string>]> = [
        [P.newRisk(B), { kind: 'risk', reference: 'X1', title: 'x', owner: 'x', likelihood: '1', impact: '1' }],
        [P.assessRisk(B, r1), { ...dateFields('assessedOn', today), likelihood: '1', impact: '1' }],
        [P.closeRisk(B, r1), { action: 'close', ...dateFields('closedOn', today), closedNote: 'x' }],
        [
          P.resourceQuarter(B, '2022-04-01'),
          { programmeBudget: '1', programmeSpend: '1', agencySpend: '1', fteFunded: '1', fteInPost: '1' },
        ],
      ]
      for (const [action, fields] of posts)
        assert.equal((await postForm(board, P.risk(B, r1), action, fields)).status, 403, action)
      assert.equal((await riskRow(r1)).closed_on, null)
      for (const agent of [viewer, partner])
        for (const url of [P.risks(B), P.risk(B, r1), P.risksCsv(B), P.resources(B)])
          assert.equal((await agent.get(url)).status, 403, url)

      for (const url of [P.risk(N, r1), P.editRisk(N, r1), P.closeRisk(N, r1)])
        assert.equal((await northfield.get(url)).status, 404, url)
      const post = await postForm(northfield, P.risks(N), P.assessRisk(N, r1), {
        ...dateFields('assessedOn', today),
        likelihood: '1',
        impact: '1',
      })
      assert.equal(post.status, 404)
      const theirs = await northfield.get(P.risks(N))
      assert.equal(theirs.status, 200)
      assert.doesNotMatch(theirs.text, /Reliance on agency social workers/)
      assert.match(theirs.text, />NR1</)
      assert.equal((await team.get(P.risk(B, 999_999))).status, 404)
      assert.equal((await team.get('/councils/bradford/risks/abc')).status, 404)
    })
  })
}
