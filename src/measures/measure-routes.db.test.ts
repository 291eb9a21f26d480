// Measures over HTTP: pages, values entered by hand, targets, benchmarks, re-baselining, CSV downloads.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, postForm, signedIn, type Agent } from '../test-support/http.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'

for (const kind of testDatabaseKinds()) {
  describe(`measures on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let board: Agent
    let northfield: Agent
    const id = async (code: string) =>
      (await database.db.selectFrom('measure').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      board = await signedIn(app, 'board@bradford.example')
      northfield = await signedIn(app, 'admin@northfield.example')
    })
    after(() => database.close())

    it('lists measures by strand with latest value, target, variation and assurance in words', async () => {
      const res = await board.get(P.measures(B))
      assert.equal(res.status, 200)
      assert.match(res.text, /Strand 8: Workforce/)
      assert.match(res.text, /Posts not filled by a permanent social worker \(% of posts\)/)
      assert.match(res.text, /Nov 2021/)
      // The vacancy rate row: 167 vacancies of 443 posts in November 2021, far above its 15% target and the
      // highest in the series.
      const row =
        /Posts not filled by a permanent social worker \(% of posts\)<\/a>[\s\S]*?<\/th>([\s\S]*?)<\/tr>/.exec(
          res.text,
        )?.[1] ?? ''
      // Its latest figure is from November 2021: flagged as not current today.
      assert.match(
        row,
        /37\.7%<br><span class="govuk-body-s">Nov 2021<\/span><br><strong [^>]*data-qa="not-current-tag"/,
      )
      assert.match(row, />15\.0%</)
      assert.match(row, /data-qa="variation">Special cause concern</)
      assert.match(row, /data-qa="assurance">Consistently failing the target</)
    })

    it('shows a measure page with its chart, data table and benchmark comparison', async () => {
      const res = await board.get(P.measure(B, await id('VS-VACANCY-RATE')))
      assert.equal(res.status, 200)
      assert.match(res.text, /<svg[^>]*role="img"/)
      assert.match(res.text, /<desc/)
      assert.match(res.text, /Worse than England \(Sep 2021\)/)
      assert.match(
        res.text,
        /Calculated by Turnaround: Posts not filled by a permanent social worker \(VS-VACANCIES\) as a percentage of Social work posts on the structure \(VS-POSTS\)\./,
      )
      assert.match(
        res.text,
        /data-qa="caveats"><strong>What this figure is and is not\.<\/strong> Posts include managers/,
      )
      assert.match(
        res.text,
        /data-qa="comparability">Not like for like: DfE’s vacancy rate counts vacant full-time-equivalent/,
      )
      assert.match(res.text, /Download this data \(CSV\)/)
      assert.match(
        res.text,
        /data-qa="currency-note">Latest figure is for Nov 2021; a newer one was due by 31 January 2022</,
      )
      assert.doesNotMatch(res.text, /data-qa="save-value"/, 'board members cannot edit')
    })

    it('downloads the data with derived columns as CSV', async () => {
      const res = await board.get(P.measureCsv(B, await id('VS-VACANCY-RATE')))
      assert.equal(res.status, 200)
      assert.match(String(res.headers['content-type']), /text\/csv/)
      const [header, first] = res.text.trim().split('\r\n')
      assert.equal(
        header,
        'period,period_label,value,note,target,England,Region,spc_moving_range,spc_mean,spc_lower_limit,spc_lower_2_sigma,spc_upper_2_sigma,spc_upper_limit,spc_rules_fired,spc_primary_rule,spc_variation',
      )
      // Aug 2018: posts 318, employees 280 -> 38 not filled -> 11.9497% (4 decimals, no binary noise); the
      // first point has no moving range; it is below the lower limit, an improvement where lower is better.
      const cells = first!.split(',')
      assert.deepEqual(cells.slice(0, 8), ['2018-08-01', 'Aug 2018', '11.9497', '', '15', '', '', ''])
      assert.ok(
        cells.slice(8, 13).every((c) => /^-?\d+(\.\d{1,4})?$/.test(c)),
        `mean, 2-sigma lines and limits: ${first}`,
      )
      assert.ok(Number(cells[2]) < Number(cells[9]!), 'the value is below the lower limit it is labelled against')
      // It is also the first of twelve below the mean: both rules are listed; the limit labels it.
      assert.deepEqual(cells.slice(13), [
        'Below the lower limit; Run of 7 points below the mean',
        'Below the lower limit',
        'Special cause improvement',
      ])
      assert.doesNotMatch(res.text, /\d\.\d{5,}/, 'no number with more than 4 decimals')
    })

    it('computes Vital Signs changes since the chosen baseline from the data', async () => {
      const res = await board.get(`${P.vitalSigns(B)}?baseline=2018-08`)
      assert.equal(res.status, 200)
      assert.match(res.text, /Workforce: change since Aug 2018/)
      assert.match(res.text, /Demand: change since Aug 2018/)
      // Open cases: 3,870 in Aug 2018 to 6,150 in Nov 2021: 2,280 more, 58.9% of 3,870.
      assert.match(res.text, /\+2,280 \(\+58\.9%\)/)
      // The share of posts not filled: 11.9497% to 37.6975%, 25.7 percentage points (never "+215%").
      assert.match(res.text, /\+25\.7 pts/)
      const csv = await board.get(`${P.vitalSignsCsv(B)}?baseline=2018-08`)
      assert.match(csv.text, /VS-OPEN-CASES,Open cases,demand,count,2018-08-01,3870,2021-11-01,6150,2280,count,58\.9,/)
      assert.match(
        csv.text,
        /VS-VACANCY-RATE,[^\r]*,percent,2018-08-01,11\.9497,2021-11-01,37\.6975,25\.7478,percentage points,,/,
      )
    })

    it('adds and corrects a value by hand, auditing the change, never duplicating', async () => {
      const measureId = await id('VS-OPEN-CASES')
      const url = P.measure(B, measureId)
      assert.equal(
        (await postForm(team, url, P.measureValues(B, measureId), { period: 'Dec 2021', value: '6,200', note: '' }))
          .status,
        302,
      )
      assert.equal(
        (
          await postForm(team, url, P.measureValues(B, measureId), {
            period: '2021-12',
            value: '6210',
            note: 'corrected',
          })
        ).status,
        302,
      )
      const values = await database.db
        .selectFrom('measure_value')
        .selectAll()
        .where('measure_id', '=', measureId)
        .where('period', '=', '2021-12-01')
        .execute()
      assert.equal(values.length, 1)
      assert.equal(values[0]!.value, 6210)
      const audit = await database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', 'measure_value')
        .where('entity_id', '=', String(measureId))
        .orderBy('id')
        .execute()
      assert.deepEqual(
        audit.map((a) => a.action),
        ['create', 'update'],
      )
      assert.deepEqual(audit[0]!.after, { '2021-12-01': '6200' })
      assert.deepEqual(audit[1]!.before, { '2021-12-01': '6200' })
      assert.deepEqual(audit[1]!.after, { '2021-12-01': '6210 (corrected)' })
    })

    it('keeps what was typed when a value is refused', async () => {
      const measureId = await id('VS-CASELOAD')
      const res = await postForm(team, P.measure(B, measureId), P.measureValues(B, measureId), {
        period: 'Smarch 2021',
        value: '250',
        note: 'typed note',
      })
      assert.equal(res.status, 400)
      assert.match(res.text, /Enter a valid period/)
      assert.match(res.text, /value="Smarch 2021"/)
      assert.match(res.text, /value="typed note"/)
      const range = await postForm(team, P.measure(B, measureId), P.measureValues(B, measureId), {
        period: '2021-12',
        value: '250',
        note: '',
      })
      assert.equal(range.status, 400)
      assert.match(range.text, /The value must be between 0 and 100/)
    })

    it('keeps the history of targets, the newest in force', async () => {
      const measureId = await id('VS-CASELOAD')
      const res = await postForm(team, P.measure(B, measureId), P.measureTargets(B, measureId), {
        targetValue: '16',
        'targetDate-day': '31',
        'targetDate-month': '3',
        'targetDate-year': '2024',
        targetNote: 'Refreshed plan',
      })
      assert.equal(res.status, 302)
      const targets = await database.db
        .selectFrom('measure_target')
        .selectAll()
        .where('measure_id', '=', measureId)
        .orderBy('set_at')
        .execute()
      assert.deepEqual(
        targets.map((t) => t.value),
        [18, 16],
      )
      const page = await board.get(P.measure(B, measureId))
      assert.match(page.text, /Target<\/dt><dd class="govuk-summary-list__value">16 by 31 March 2024/)
    })

    it('adds a named comparator benchmark and re-baselines with a reason', async () => {
      const measureId = await id('VS-AGENCY-SHARE')
      const url = P.measure(B, measureId)
      const bench = await postForm(team, url, P.measureBenchmarks(B, measureId), {
        kind: 'comparator',
        comparator: 'Leeds',
        benchmarkPeriod: '2021-09',
        benchmarkValue: '9.5',
        benchmarkSource: 'DfE',
      })
      assert.equal(bench.status, 302)
      assert.match((await board.get(url)).text, /Worse than Leeds \(Sep 2021\)/)
      const missingReason = await postForm(team, url, P.measureRebaselines(B, measureId), {
        fromPeriod: '2020-04',
        reason: '',
      })
      assert.equal(missingReason.status, 400)
      assert.match(missingReason.text, /Enter why the limits are recalculated/)
      const ok = await postForm(team, url, P.measureRebaselines(B, measureId), {
        fromPeriod: '2020-04',
        reason: 'New agency policy',
      })
      assert.equal(ok.status, 302)
      assert.match((await board.get(url)).text, /From Apr 2020: New agency policy/)
    })

    it('creates a measure and refuses a duplicate code', async () => {
      const res = await postForm(team, P.newMeasure(B), P.newMeasure(B), {
        name: 'Re-referrals within 12 months',
        code: 'REREF',
        definition: '',
        unit: 'percent',
        polarity: 'lower',
        frequency: 'quarterly',
        decimals: '1',
        strandIds: String(
          (await database.db.selectFrom('strand').select('id').where('code', '=', '1').executeTakeFirstOrThrow()).id,
        ),
      })
      assert.equal(res.status, 302)
      const dup = await postForm(team, P.newMeasure(B), P.newMeasure(B), {
        name: 'X',
        code: 'reref',
        unit: 'count',
        polarity: 'higher',
        frequency: 'monthly',
      })
      assert.equal(dup.status, 400)
      assert.match(dup.text, /Another measure already has this code/)
      assert.match(dup.text, /value="X"/)
    })

    it('shows a name in the success banner as text, never as HTML', async () => {
      const res = await postForm(team, P.newMeasure(B), P.newMeasure(B), {
        name: '<meta http-equiv="refresh" content="0"><b>Caseload</b>',
        code: 'HTML-NAME',
        unit: 'count',
        polarity: 'lower',
        frequency: 'monthly',
        decimals: '0',
      })
      assert.equal(res.status, 302)
      const page = await team.get(res.headers.location!)
      const banner = /govuk-notification-banner__heading">([^<]*)</.exec(page.text)?.[1]
      assert.equal(
        banner,
        'Measure added: &lt;meta http-equiv=&quot;refresh&quot; content=&quot;0&quot;&gt;&lt;b&gt;Caseload&lt;/b&gt;',
      )
      assert.doesNotMatch(page.text, /<meta http-equiv="refresh"/)
    })

    it('never shows one council’s measures to another', async () => {
      const measureId = await id('VS-VACANCY-RATE')
      assert.equal((await northfield.get(P.measure(B, measureId))).status, 404)
      assert.equal((await northfield.get(P.measure('northfield', measureId))).status, 404)
      assert.equal((await northfield.get(P.measureCsv('northfield', measureId))).status, 404)
      const list = await northfield.get(P.measures('northfield'))
      assert.doesNotMatch(list.text, /vacancy rate/i)
    })
  })
}
