// The benchmarks, inspections and national-data pages over HTTP, on the demo with the shipped data loaded.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, signedIn, type Agent } from '../test-support/http.js'
import { demoIds } from '../test-support/demo-ids.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'
const OGL = /Open Government Licence v3\.0/
const C1_HEADER =
  'time_period,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,referral_count,rereferral_count,rereferral_percent'

for (const kind of testDatabaseKinds()) {
  describe(`national pages on ${kind.name}`, () => {
    let database: DatabaseHandle
    let admin: Agent
    let viewer: Agent
    let northfield: Agent
    let service: Agent
    let ids: Awaited<ReturnType<typeof demoIds>>

    before(async () => {
      database = await kind.openDemo({ national: true })
      const app = buildTestApp(database.db)
      admin = await signedIn(app, 'admin@bradford.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
      northfield = await signedIn(app, 'admin@northfield.example')
      service = await signedIn(app, 'service@turnaround.example')
      ids = await demoIds(database.db)
    })
    after(() => database.close())

    it('shows Bradford against England, Yorkshire and the Humber and its neighbours, with the licence', async () => {
      const res = await viewer.get(P.benchmarks(B)).expect(200)
      assert.match(res.text, /Blackburn with Darwen, Birmingham, Oldham/)
      const row = /data-qa="indicator-rereferrals">([\s\S]*?)<\/tr>/.exec(res.text)![1]!
      const cells = [...row.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) =>
        m[1]!.replace(/<[^>]+>/g, '').trim(),
      )
      assert.deepEqual(cells.slice(1, 6), ['2024-25', '22.9%', '22.6%', '21.7%', '20.3%'])
      assert.match(cells[6]!, /3rd quarter; ranked 111 of 153/)
      assert.match(res.text, OGL)
      assert.match(res.text, /Show the data for Re-referrals within 12 months/)
    })

    it('compares the council with each neighbour for a chosen year', async () => {
      const res = await viewer.get(`${P.benchmarkIndicator(B, 'rereferrals')}?year=2020`).expect(200)
      assert.match(res.text, /Bradford and its statistical neighbours, 2019-20/)
      assert.match(
        res.text,
        /<th scope="row" class="govuk-table__header"><strong>Bradford<\/strong><\/th>\s*<td class="govuk-table__cell">This council<\/td>\s*<td class="govuk-table__cell govuk-table__cell--numeric">22\.9%/,
      )
      assert.match(res.text, /1: Very close/)
      assert.match(res.text, OGL)
      await viewer.get(P.benchmarkIndicator(B, 'no-such-indicator')).expect(404)
    })

    it('says a council without a local authority code has no figures', async () => {
      const res = await northfield.get(P.benchmarks('northfield')).expect(200)
      assert.match(res.text, /not linked to a local authority/)
    })

    it('shows Bradford’s inspections and every council’s, with how long inadequate councils take', async () => {
      const own = await viewer.get(P.inspections(B)).expect(200)
      assert.match(own.text, /Monitoring visit: Achieving permanence/)
      assert.equal((own.text.match(/<strong>Inadequate<\/strong>/g) ?? []).length, 2)
      const all = await viewer.get(P.allInspections(B)).expect(200)
      // The Kaplan-Meier median, counting councils still inadequate as still waiting, within its interval.
      const answer =
        /were judged better within <strong>(\d+(?:\.5)?) months<\/strong> \(95% confidence interval (\d+(?:\.5)?) to (\d+(?:\.5)?|not reached)/.exec(
          all.text,
        )
      assert.ok(answer, 'the median with its interval')
      const [median, lower, upper] = [Number(answer[1]), Number(answer[2]), answer[3]]
      assert.ok(lower <= median && (upper === 'not reached' || median <= Number(upper)), answer[0])
      const within = [24, 36, 48].map((m) => Number(new RegExp(`data-qa="within-${m}">(\\d+)%`).exec(all.text)?.[1]))
      assert.ok(
        within.every((w, i) => Number.isFinite(w) && (i === 0 || w >= within[i - 1]!)),
        within.join(', '),
      )
      assert.match(all.text, /still judged inadequate, counted as still waiting on/)
      const steps = await viewer.get(P.timeToImproveCsv(B)).expect(200)
      const rows = steps.text.trim().split('\r\n')
      assert.equal(
        rows[0],
        'months,still_waiting_before,judged_better,still_inadequate_at_data_date,share_still_inadequate,share_judged_better,share_judged_better_95ci_lower,share_judged_better_95ci_upper',
      )
      // At the median the share still inadequate has fallen to one half or below, and not before.
      const shares = rows.slice(1).map((r) => r.split(',').map(Number))
      const first = shares.find((r) => r[4]! <= 0.5)
      assert.equal(first?.[0], median)
      const counts = [...all.text.matchAll(/data-qa="count-[a-z-]+">(\d+)</g)].map((m) => Number(m[1]))
      assert.equal(
        counts.reduce((a, b) => a + b, 0),
        153,
        'every current council once',
      )
      assert.match(all.text, OGL)
      const other = await viewer.get(P.areaInspections(B, '201')).expect(200)
      assert.match(other.text, /Ofsted inspections: City of London/)
      await viewer.get(P.areaInspections(B, 'E92000001')).expect(404)
    })

    it('downloads every national table as CSV, with the figures as numbers and their reference dates', async () => {
      const benchmarks = await viewer.get(P.benchmarksCsv(B)).expect(200)
      assert.match(String(benchmarks.headers['content-type']), /text\/csv/)
      const [header, ...rows] = benchmarks.text.trim().split('\r\n')
      assert.equal(
        header,
        'indicator,indicator_title,unit,year,reference_date,council,council_suppression,england,region,neighbour_average,neighbours_published,rank,of_councils,quarter,change_3_years,change_5_years',
      )
      // Re-referrals: Bradford 22.9% in the year to 31 March 2025, 3 points lower than 2021-22.
      assert.ok(
        rows.some((r) => r.startsWith('rereferrals,Re-referrals within 12 months,percent,2024-25,2025-03-31,22.9,,')),
      )
      assert.ok(
        rows.some((r) => /^sw-caseload,.*,Sept 2025,2025-09-30,/.test(r)),
        'the workforce census date',
      )
      assert.ok(
        rows.every((r) => !/\d\.\d{5,}/.test(r)),
        'no binary noise',
      )

      const indicator = await viewer.get(`${P.benchmarkIndicatorCsv(B, 'rereferrals')}?year=2025`).expect(200)
      const lines = indicator.text.trim().split('\r\n')
      assert.equal(lines.length, 1 + 1 + 10 + 1 + 1 + 1, 'header, council, ten neighbours, average, region, England')
      assert.match(lines[1]!, /^rereferrals,2024-25,2025-03-31,Bradford,council,,22\.9,,\d+,153,[1-4]$/)
      assert.match(
        lines[12]!,
        /^rereferrals,2024-25,2025-03-31,Statistical neighbours \(average\),neighbour average,\d+ of 10 published,/,
      )
      assert.match(lines[14]!, /^rereferrals,2024-25,2025-03-31,England,england,,\d+(\.\d+)?,/)

      const inspections = await viewer.get(P.inspectionsCsv(B)).expect(200)
      assert.match(inspections.text, /^la_code,council,kind,started_on,published_on,overall_effectiveness/)
      const overall = inspections.text
        .trim()
        .split('\r\n')
        .slice(1)
        .map((r) => r.split(',')[5])
      assert.equal(overall.filter((o) => o === 'inadequate').length, 2, 'Bradford’s two inadequate judgements')
      const latest = await viewer.get(P.allInspectionsCsv(B)).expect(200)
      assert.equal(latest.text.trim().split('\r\n').length, 1 + 153, 'every current council once')
      const journeys = await viewer.get(P.improvementJourneysCsv(B)).expect(200)
      assert.match(journeys.text, /^la_code,council,inadequate_published,better_published,judged,months,status/)
      assert.match(journeys.text, /still inadequate at \d{4}-\d{2}-\d{2}/)
      await viewer.get(P.areaInspectionsCsv(B, '201')).expect(200)
      await viewer.get(P.areaInspectionsCsv(B, 'E92000001')).expect(404)
    })

    it('shows the official figures on a linked measure and in the report’s measure table', async () => {
      const measures = await database.db
        .selectFrom('measure')
        .select(['id', 'code'])
        .where('national_indicator', '=', 'sw-caseload')
        .execute()
      assert.equal(measures.length, 1)
      const page = await admin.get(P.measure(B, measures[0]!.id)).expect(200)
      assert.match(page.text, /Official figures: Average social worker caseload/)
      assert.match(page.text, /data-qa="national-figures"[\s\S]*Sept 2025[\s\S]*14\.3/)
      assert.match(page.text, OGL)
      assert.match(page.text, /These are the official figures on 30 September each year/)
      // The Q3 2022/23 report sets the council's latest caseload (November 2021) against the census of
      // September 2021, the latest that does not postdate it: never September 2022.
      const report = await admin.get(P.report(B, ids.draftReport)).expect(200)
      assert.match(report.text, /19\.4 \(Nov 2021\)<br><strong [^>]*data-qa="not-current-tag">Not current<\/strong>/)
      const row = new RegExp(`id="measure-\\d+-${measures[0]!.id}">([\\s\\S]*?)</tr>`).exec(report.text)![1]!
      assert.match(row, /\(Sept 2021, official\)/)
      assert.doesNotMatch(row, /\(Sept 2022, official\)/)
      assert.match(
        report.text,
        /data-qa="comparability">Not like for like: Average social worker caseload\. DfE’s average caseload/,
      )
      assert.match(
        report.text,
        /Figures marked “official”: Contains public sector information licensed under the Open Government Licence/,
      )
    })

    it('lets the service administrator load a newer release, recorded once and shown in every council’s trail', async () => {
      const page = await service.get(paths.serviceNationalData()).expect(200)
      const wrong = await service
        .post(paths.serviceNationalData())
        .field('_csrf', csrfFrom(page.text))
        .field('dataset', 'c1-referrals')
        .attach('file', Buffer.from('time_period,geographic_level\n2026,National\n'), 'c1.csv')
      assert.equal(wrong.status, 400)
      assert.match(wrong.text, /it has no .*rereferral_percent/)
      const ok = await service
        .post(paths.serviceNationalData())
        .field('_csrf', csrfFrom(page.text))
        .field('dataset', 'c1-referrals')
        .attach(
          'file',
          Buffer.from(`${C1_HEADER}\n2026,National,E92000001,England,,,,,,600000,130000,21.7\n`),
          'c1-2026.csv',
        )
      assert.equal(ok.status, 302)
      const after = await service.get(paths.serviceNationalData()).expect(200)
      assert.match(after.text, /Referrals and re-referrals \(CIN census table C1\) loaded/)
      assert.match(after.text, /c1-2026\.csv/)
      const audit = await database.db
        .selectFrom('audit_log')
        .select(['summary', 'organisation_id'])
        .where('entity_type', '=', 'national release')
        .execute()
      assert.equal(audit.length, 1)
      assert.equal(audit[0]!.organisation_id, null, 'recorded at service level')
      assert.match(audit[0]!.summary, /1 added, 0 changed, 0 unchanged/)
      for (const [agent, council] of [
        [admin, B],
        [northfield, 'northfield'],
      ] as const) {
        const trail = await agent.get(`${P.audit(council)}?entity=national+release`).expect(200)
        assert.match(trail.text, /Loaded c1-2026\.csv/, `${council}'s trail shows the load`)
        assert.match((await agent.get(P.nationalData(council)).expect(200)).text, /c1-2026\.csv/)
      }
    })

    it('refuses a release whose area names are not plain place names, naming the row and column', async () => {
      const page = await service.get(paths.serviceNationalData()).expect(200)
      const res = await service
        .post(paths.serviceNationalData())
        .field('_csrf', csrfFrom(page.text))
        .field('dataset', 'c1-referrals')
        .attach(
          'file',
          Buffer.from(
            `${C1_HEADER}\n2026,Local authority,E92000001,England,E12000003,Yorkshire and The Humber,380,E08000032,"Bradford<meta http-equiv=refresh content=0;url=//evil.example>",9000,2000,22.2\n`,
          ),
          'c1-bad.csv',
        )
      assert.equal(res.status, 400)
      assert.match(res.text, /Row 2, column la_name: has characters a place name does not/)
      assert.doesNotMatch(res.text, /<meta http-equiv=refresh/)
      const area = await database.db
        .selectFrom('national_area')
        .select('name')
        .where('code', '=', '380')
        .executeTakeFirst()
      assert.equal(area?.name, 'Bradford', 'nothing was loaded')
    })

    it('lets the service administrator link a council to its local authority, in that council’s trail', async () => {
      const page = await service.get(paths.serviceNationalData()).expect(200)
      assert.match(
        (await northfield.get(P.nationalData('northfield')).expect(200)).text,
        /is not linked to a local authority yet/,
      )
      const none = await service
        .post(paths.serviceLinkCouncil())
        .type('form')
        .send({ _csrf: csrfFrom(page.text), council: 'northfield', laCode: '' })
      assert.equal(none.status, 400)
      assert.match(none.text, /Select the local authority this council is/)
      const unknown = await service
        .post(paths.serviceLinkCouncil())
        .type('form')
        .send({ _csrf: csrfFrom(page.text), council: 'northfield', laCode: 'E92000001' })
      assert.equal(unknown.status, 400, 'England is an area but not a council')
      assert.match(unknown.text, /Select a local authority from the list/)
      const noCouncil = await service
        .post(paths.serviceLinkCouncil())
        .type('form')
        .send({ _csrf: csrfFrom(page.text), council: 'nowhere', laCode: '805' })
      assert.equal(noCouncil.status, 400)
      assert.match(noCouncil.text, /Select the council to link/)
      assert.equal((await northfield.get(P.benchmarks('northfield')).expect(200)).text.match(/not linked/)?.length, 1)

      const linked = await service
        .post(paths.serviceLinkCouncil())
        .type('form')
        .send({ _csrf: csrfFrom(page.text), council: 'northfield', laCode: '805' })
      assert.equal(linked.status, 302)
      const after = await northfield.get(P.nationalData('northfield')).expect(200)
      assert.match(after.text, /<strong>Hartlepool<\/strong> \(local authority code 805\)/)
      const benchmarks = await northfield.get(P.benchmarks('northfield')).expect(200)
      assert.doesNotMatch(benchmarks.text, /not linked/)
      assert.match(benchmarks.text, /Hartlepool’s official statistics against England, North East/)
      const audit = await database.db
        .selectFrom('audit_log')
        .innerJoin('organisation', 'organisation.id', 'audit_log.organisation_id')
        .select(['summary', 'before', 'after', 'organisation.slug'])
        .where('entity_type', '=', 'council')
        .execute()
      assert.equal(audit.length, 1)
      assert.equal(audit[0]!.slug, 'northfield')
      assert.match(audit[0]!.summary, /Linked Northfield.* to Hartlepool \(805\)/)
      assert.deepEqual(audit[0]!.before, { la_code: null })
      assert.deepEqual(audit[0]!.after, { la_code: '805' })
      // Bradford's link is untouched by Northfield's change.
      assert.match((await admin.get(P.nationalData(B)).expect(200)).text, /<strong>Bradford<\/strong>/)
    })

    it('shows a council administrator the national data read-only, and nobody else in a council', async () => {
      const page = await admin.get(P.nationalData(B)).expect(200)
      assert.doesNotMatch(page.text, /<form[^>]+method="post"[^>]+national-data/)
      assert.match(page.text, /the Turnaround service administrator loads new releases/)
      await viewer.get(P.nationalData(B)).expect(403)
    })
  })
}
