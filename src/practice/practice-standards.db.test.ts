// Practice standards over HTTP: the demo's standards with the flag and the extra visits; adding a standard
// (errors keep what was typed, a duplicate title refused); recording a month (seen cannot exceed due, due
// cannot exceed the caseload, the month must have started, a month recorded twice refused), which makes the
// standard's measure on first use and writes the month's percentage to it, audited, and changes it in place
// when the month is changed; the CSVs; the report's section as at a day; and who may read, change or see them.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { organisationIdOf } from '../test-support/demo-ids.js'
import { buildTestApp, postForm, signedIn, type Agent } from '../test-support/http.js'
import { addMonths, quarterOf } from '../shared/calendar.js'
import { todayIso } from '../shared/dates.js'
import { paths } from '../web/paths.js'
import { loadPracticeStandardSection } from './practice-standard-report.js'

const P = paths.council
const B = 'bradford'
const N = 'northfield'

for (const kind of testDatabaseKinds()) {
  describe(`Practice standards on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let board: Agent
    let viewer: Agent
    let northfield: Agent
    let bradfordId: number
    let northfieldId: number
    const today = todayIso()
    const thisMonth = `${today.slice(0, 7)}-01`
    const lastMonth = addMonths(thisMonth, -1)

    const standardOf = (organisationId: number, title: string) =>
      database.db
        .selectFrom('practice_standard')
        .selectAll()
        .where('organisation_id', '=', organisationId)
        .where('title', '=', title)
        .executeTakeFirstOrThrow()
    const auditOf = (entityType: string, id: number | string) =>
      database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', entityType)
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      board = await signedIn(app, 'board@bradford.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
      northfield = await signedIn(app, 'improvement@northfield.example')
      bradfordId = await organisationIdOf(database.db, B)
      northfieldId = await organisationIdOf(database.db, N)
    })
    after(() => database.close())

    it('shows the demo’s standards, the flag and the extra visits at the latest caseload, fed to linked measures', async () => {
      const page = await northfield.get(P.practiceStandards(N))
      assert.equal(page.status, 200)
      assert.match(page.text, /data-qa="exceeding-count">2 of 3 standards are set above the statutory minimum/)
      const visits = await standardOf(northfieldId, 'Visits to children in care')
      // The demo's last month (i = 11): caseload 262 + 11 = 273 children.
      // 273 x (30.4375/28 - 30.4375/42) = 273 x 0.3623512 = 98.92 -> 98.9 extra visits a month.
      assert.match(page.text, new RegExp(`data-qa="standard-${visits.id}">[\\s\\S]*?data-qa="extra">98.9<`))
      const one = await northfield.get(P.practiceStandard(N, visits.id))
      assert.equal(one.status, 200)
      assert.match(
        one.text,
        /data-qa="extra-visits">At the caseload of [A-Z][a-z]+ \d{4} \(273\), that is about <strong>98.9 extra visits a month/,
      )
      assert.match(
        one.text,
        /Working: 273 on the caseload x \(30.4375 days in an average month ÷ 28 days − 30.4375 ÷ 42 days\)/,
      )
      assert.match(one.text, /data-qa="local">Every 4 weeks \(28 days\)/)
      assert.match(
        one.text,
        /data-qa="statutory">Every 6 weeks \(42 days\)<br><span class="govuk-body-s">Source: Care Planning, Placement and Case Review/,
      )
      assert.equal((one.text.match(/data-qa="month-\d{4}-\d{2}"/g) ?? []).length, 12)
      assert.match(one.text, /data-qa="compliance-chart"><svg[^>]*role="img"/)
      assert.ok(visits.measure_id)
      const measure = await database.db
        .selectFrom('measure')
        .selectAll()
        .where('id', '=', visits.measure_id)
        .executeTakeFirstOrThrow()
      assert.equal(measure.organisation_id, northfieldId)
      assert.equal(measure.name, 'Visits to children in care: percentage seen within the local standard')
      assert.deepEqual([measure.unit, measure.polarity, measure.frequency], ['percent', 'higher', 'monthly'])
      const values = await database.db
        .selectFrom('measure_value')
        .select(['period', 'value'])
        .where('measure_id', '=', measure.id)
        .orderBy('period')
        .execute()
      assert.equal(values.length, 12)
      assert.equal(values.at(-1)?.period, lastMonth)
      const latest = await database.db
        .selectFrom('practice_standard_month')
        .selectAll()
        .where('standard_id', '=', visits.id)
        .where('month', '=', lastMonth)
        .executeTakeFirstOrThrow()
      assert.equal(values.at(-1)?.value, Math.round((latest.seen_local / latest.due) * 1000) / 10)
      const linked = await database.db
        .selectFrom('measure_objective')
        .innerJoin('objective', 'objective.id', 'measure_objective.objective_id')
        .select('objective.title')
        .where('measure_objective.measure_id', '=', measure.id)
        .execute()
      assert.deepEqual(
        linked.map((l) => l.title),
        ['Hear children’s voices in visits and reviews'],
      )
      const supervision = await standardOf(northfieldId, 'Supervision of social workers')
      const sup = await northfield.get(P.practiceStandard(N, supervision.id))
      assert.match(sup.text, /data-qa="no-minimum"/)
      assert.doesNotMatch(sup.text, /data-qa="beyond-minimum"/)
      // Changing a standard with no minimum (no unit chosen for one) renames the measure it feeds, audited.
      const editUrl = P.editPracticeStandard(N, supervision.id)
      const renamed = await postForm(northfield, editUrl, editUrl, {
        title: 'Supervision of case-holding staff',
        appliesTo: supervision.applies_to,
        localEvery: '4',
        localUnit: 'weeks',
        hasStatutory: 'no',
        statutoryEvery: '',
        statutorySource: supervision.statutory_source,
        note: supervision.note,
      })
      assert.equal(renamed.status, 302)
      const supMeasure = await database.db
        .selectFrom('measure')
        .select('name')
        .where('id', '=', supervision.measure_id!)
        .executeTakeFirstOrThrow()
      assert.equal(supMeasure.name, 'Supervision of case-holding staff: percentage seen within the local standard')
      assert.equal((await auditOf('practice_standard', supervision.id)).at(-1)?.action, 'update')
    })

    it('adds a standard, keeping what was typed on an error and refusing a duplicate title; audited', async () => {
      const url = P.newPracticeStandard(B)
      const bad = await postForm(team, url, url, {
        title: '',
        appliesTo: 'Care leavers <aged 18 to 21>',
        localEvery: 'four',
        localUnit: 'weeks',
        hasStatutory: 'yes',
        statutoryEvery: '60',
        statutoryUnit: 'weeks',
        statutorySource: '',
      })
      assert.equal(bad.status, 400)
      assert.match(bad.text, /href="#title">Enter the standard’s title/)
      assert.match(bad.text, /href="#localEvery">The local interval must be a whole number, like 12/)
      assert.match(bad.text, /href="#statutorySource">Enter the source of the statutory minimum/)
      assert.match(bad.text, /href="#statutoryEvery">The statutory minimum interval in weeks must be from 1 to 52/)
      assert.match(bad.text, /Care leavers &lt;aged 18 to 21&gt;/)
      assert.match(bad.text, /name="localEvery" type="text"[^>]*value="four"/)
      const fields = {
        title: 'Visits to care leavers',
        appliesTo: 'Care leavers aged 18 to 21',
        localEvery: '6',
        localUnit: 'weeks',
        hasStatutory: 'yes',
        statutoryEvery: '8',
        statutoryUnit: 'weeks',
        statutorySource: 'Care Leavers (England) Regulations 2010',
        note: '',
      }
      const good = await postForm(team, url, url, fields)
      assert.equal(good.status, 302)
      const saved = await standardOf(bradfordId, 'Visits to care leavers')
      assert.equal(good.headers.location, P.practiceStandard(B, saved.id))
      assert.deepEqual(
        [saved.local_every, saved.local_unit, saved.statutory_every, saved.statutory_unit, saved.measure_id],
        [6, 'weeks', 8, 'weeks', null],
      )
      const [created] = await auditOf('practice_standard', saved.id)
      assert.equal(created?.action, 'create')
      assert.equal(created?.organisation_id, bradfordId)
      const again = await postForm(team, url, url, { ...fields, title: 'visits to care leavers' })
      assert.equal(again.status, 400)
      assert.match(again.text, /Another practice standard is called visits to care leavers/)
      // No statutory minimum: the interval fields are ignored and none is stored.
      const none = await postForm(team, url, url, {
        ...fields,
        title: 'Supervision',
        hasStatutory: 'no',
        statutoryEvery: '',
        statutorySource: '',
      })
      assert.equal(none.status, 302)
      const sup = await standardOf(bradfordId, 'Supervision')
      assert.deepEqual([sup.statutory_every, sup.statutory_unit], [null, null])
    })

    it('records a month: refuses seen over due and due over the caseload, makes the measure, writes and changes its value', async () => {
      const standard = await standardOf(bradfordId, 'Visits to children looked after')
      assert.equal(standard.measure_id, null, 'the demo records no Bradford months')
      const pageUrl = P.practiceStandard(B, standard.id)
      const newUrl = P.newPracticeStandardMonth(B, standard.id)
      const form = await team.get(newUrl)
      assert.equal(form.status, 200)
      const bad = await postForm(team, pageUrl, newUrl, {
        monthOfYear: '3',
        year: '2022',
        caseload: '120',
        due: '130',
        seenLocal: '140',
        seenStatutory: '',
        note: 'typed note',
      })
      assert.equal(bad.status, 400)
      assert.match(bad.text, /href="#due">The number due a visit cannot be more than the caseload \(120\)/)
      assert.match(
        bad.text,
        /href="#seenLocal">The number seen within the local standard cannot be more than the number due \(130\)/,
      )
      assert.match(bad.text, /name="seenLocal" type="text"[^>]*value="140"/)
      assert.match(bad.text, /typed note/)
      const lower = await postForm(team, pageUrl, newUrl, {
        monthOfYear: '3',
        year: '2022',
        caseload: '120',
        due: '120',
        seenLocal: '105',
        seenStatutory: '100',
      })
      assert.equal(lower.status, 400)
      assert.match(lower.text, /cannot be fewer than 105/)
      const future = addMonths(thisMonth, 1)
      const ahead = await postForm(team, pageUrl, newUrl, {
        monthOfYear: String(Number(future.slice(5, 7))),
        year: future.slice(0, 4),
        caseload: '1',
        due: '1',
        seenLocal: '1',
      })
      assert.equal(ahead.status, 400)
      assert.match(ahead.text, /The month must be this month or earlier/)

      // 105 of 120 seen within the local standard: 87.5%; 118 of 120 within the minimum: 98.3%.
      const good = await postForm(team, pageUrl, newUrl, {
        monthOfYear: '3',
        year: '2022',
        caseload: '120',
        due: '120',
        seenLocal: '105',
        seenStatutory: '118',
        note: '',
      })
      assert.equal(good.status, 302)
      assert.equal(good.headers.location, pageUrl)
      const after1 = await standardOf(bradfordId, 'Visits to children looked after')
      assert.ok(after1.measure_id, 'the measure is made on first use')
      const measure = await database.db
        .selectFrom('measure')
        .selectAll()
        .where('id', '=', after1.measure_id)
        .executeTakeFirstOrThrow()
      assert.equal(measure.organisation_id, bradfordId)
      assert.equal(measure.name, 'Visits to children looked after: percentage seen within the local standard')
      const value = () =>
        database.db
          .selectFrom('measure_value')
          .select(['period', 'value'])
          .where('measure_id', '=', measure.id)
          .execute()
      assert.deepEqual(await value(), [{ period: '2022-03-01', value: 87.5 }])
      assert.equal((await auditOf('measure', measure.id))[0]?.action, 'create')
      assert.equal((await auditOf('measure_value', measure.id))[0]?.action, 'create')
      const page = await board.get(pageUrl)
      assert.match(
        page.text,
        /data-qa="month-2022-03">[\s\S]*?data-qa="percent-local">87.5%<[\s\S]*?data-qa="percent-statutory">98.3%<[\s\S]*?data-qa="extra">43.5</,
      )
      assert.match(page.text, new RegExp(`href="${P.measure(B, measure.id)}"`))
      assert.doesNotMatch(page.text, /data-qa="edit-month"/, 'the Board reads but does not change')

      const twice = await postForm(team, pageUrl, newUrl, {
        monthOfYear: '3',
        year: '2022',
        caseload: '120',
        due: '120',
        seenLocal: '100',
      })
      assert.equal(twice.status, 400)
      assert.match(twice.text, /March 2022 is recorded already/)

      // Changing the month changes the value in place: 96 of 120 = 80%.
      const monthUrl = P.practiceStandardMonth(B, standard.id, '2022-03')
      const edit = await team.get(monthUrl)
      assert.match(edit.text, /name="seenLocal" type="text"[^>]*value="105"/)
      const changed = await postForm(team, monthUrl, monthUrl, { caseload: '120', due: '120', seenLocal: '96' })
      assert.equal(changed.status, 302)
      assert.deepEqual(await value(), [{ period: '2022-03-01', value: 80 }])
      const monthRow = await database.db
        .selectFrom('practice_standard_month')
        .selectAll()
        .where('standard_id', '=', standard.id)
        .executeTakeFirstOrThrow()
      const trail = await auditOf('practice_standard_month', monthRow.id)
      assert.deepEqual(
        trail.map((t) => t.action),
        ['create', 'update'],
      )
      assert.equal((await auditOf('measure_value', measure.id)).at(-1)?.action, 'update')

      const csv = await board.get(P.practiceStandardCsv(B, standard.id))
      assert.equal(csv.status, 200)
      assert.match(csv.headers['content-type'] ?? '', /text\/csv/)
      assert.match(
        csv.text,
        /Visits to children looked after,.*,Every 4 weeks,28,Every 6 weeks,42,.*,yes,2022-03,120,120,96,80,,,43.5,/,
      )
      const all = await board.get(P.practiceStandardsCsv(B))
      assert.match(all.text, /^standard,applies_to,local_standard/)
      assert.match(all.text, /2022-03,120,120,96,80/)
      assert.doesNotMatch(all.text, /Visits to children in care,/, 'Northfield’s standards are not in Bradford’s CSV')
    })

    it('reads the report’s section as at a day, leaving out months recorded later', async () => {
      assert.equal(
        await loadPracticeStandardSection(database.db, bradfordId, quarterOf('2021-10-01'), '2021-12-31'),
        null,
      )
      const then = await loadPracticeStandardSection(database.db, bradfordId, quarterOf('2022-01-01'), '2022-03-31')
      assert.ok(then)
      const standard = then.standards.find((s) => s.title === 'Visits to children looked after')
      assert.ok(standard)
      assert.equal(standard.latest, null, 'March 2022 was recorded today, after the day read')
      assert.equal(standard.exceeds, true)
      assert.equal(standard.extraVisits, null, 'no caseload was known then')
      assert.ok(!then.standards.some((s) => s.title === 'Visits to care leavers'), 'added today')
      const n = await loadPracticeStandardSection(database.db, northfieldId, quarterOf(lastMonth), today)
      assert.ok(n)
      assert.equal(n.standards.length, 3)
      assert.equal(n.exceedingCount, 2)
      assert.equal(n.standards.find((s) => s.title === 'Visits to children in care')?.latest?.month, lastMonth)
    })

    it('lets the Board read but not change; shows nothing to viewers; keeps councils apart', async () => {
      const standard = await standardOf(bradfordId, 'Visits to children looked after')
      const theirs = await standardOf(northfieldId, 'Visits to children in care')
      for (const url of [P.practiceStandards(B), P.practiceStandard(B, standard.id), P.practiceStandardsCsv(B)])
        assert.equal((await board.get(url)).status, 200, url)
      for (const url of [
        P.newPracticeStandard(B),
        P.editPracticeStandard(B, standard.id),
        P.newPracticeStandardMonth(B, standard.id),
        P.practiceStandardMonth(B, standard.id, '2022-04'),
      ])
        assert.equal((await board.get(url)).status, 403, url)
      const refused = await postForm(
        board,
        P.practiceStandard(B, standard.id),
        P.practiceStandardMonth(B, standard.id, '2022-04'),
        {
          caseload: '10',
          due: '10',
          seenLocal: '10',
        },
      )
      assert.equal(refused.status, 403)
      for (const url of [P.practiceStandards(B), P.practiceStandard(B, standard.id)])
        assert.equal((await viewer.get(url)).status, 403, url)
      // Another council's standard answers "not found", to reading and to changing alike.
      for (const url of [
        P.practiceStandard(B, theirs.id),
        P.editPracticeStandard(B, theirs.id),
        P.practiceStandardCsv(B, theirs.id),
        P.practiceStandardMonth(B, theirs.id, '2022-04'),
      ])
        assert.equal((await team.get(url)).status, 404, url)
      const post = await postForm(team, P.practiceStandards(B), P.practiceStandardMonth(B, theirs.id, '2022-04'), {
        caseload: '10',
        due: '10',
        seenLocal: '10',
      })
      assert.equal(post.status, 404)
      const list = await northfield.get(P.practiceStandards(N))
      assert.doesNotMatch(list.text, /Visits to children looked after/)
      assert.equal((await northfield.get(P.practiceStandard(N, standard.id))).status, 404)
      assert.equal((await team.get(P.practiceStandardMonth(B, standard.id, '1999-01'))).status, 404)
    })
  })
}
