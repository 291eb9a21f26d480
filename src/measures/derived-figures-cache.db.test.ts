// Derived figures are computed once per change of their inputs (migration 0023, src/db/derived-stamps.ts): a
// council's measure summaries and charts, and its national benchmarks, are reused until a write to one of their
// tables raises the stamp, whatever wrote it. Nothing a transaction has not committed is ever kept.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { organisationIdOf } from '../test-support/demo-ids.js'
import { councilMeasuresCache, loadCouncilMeasures } from './measure-service.js'
import { measureChart } from './measure-chart.js'
import { benchmarksCache, councilBenchmarks } from '../national/benchmarks.js'
import { BENCHMARK_INDICATORS } from '../national/indicators.js'
import { councilLaCode } from '../national/national-repository.js'

for (const kind of testDatabaseKinds()) {
  describe(`derived figures kept until their inputs change, on ${kind.name}`, () => {
    let database: DatabaseHandle
    let org: number

    before(async () => {
      database = await kind.openDemo({ national: true })
      org = await organisationIdOf(database.db, 'bradford')
    })
    after(() => database.close())

    /** A measure of the council with values, and its latest value as the summary gives it. */
    async function aMeasureWithValues() {
      const { measures, summaries } = await loadCouncilMeasures(database.db, org)
      const measure = measures.find((m) => !m.formula && summaries.get(m.id)!.latest)!
      return { measure, latest: summaries.get(measure.id)!.latest! }
    }

    it('computes the measures once, and again only after a value changes', async () => {
      const first = await loadCouncilMeasures(database.db, org)
      const computed = councilMeasuresCache.computations
      const second = await loadCouncilMeasures(database.db, org)
      assert.equal(second, first, 'the same figures are used again')
      assert.equal(councilMeasuresCache.computations, computed)
      const { measure, latest } = await aMeasureWithValues()
      const chartBefore = measureChart(first.summaries.get(measure.id)!)
      assert.equal(measureChart(first.summaries.get(measure.id)!), chartBefore, 'the chart is drawn once')

      // A write by any path (here plain SQL, as a restore or a second process would) raises the stamp.
      await sql`update measure_value set value = value + 1000 where measure_id = ${measure.id} and period = ${latest.period}`.execute(
        database.db,
      )
      const third = await loadCouncilMeasures(database.db, org)
      assert.notEqual(third, first)
      assert.equal(councilMeasuresCache.computations, computed + 1)
      assert.equal(third.summaries.get(measure.id)!.latest!.value, latest.value! + 1000)
      assert.notEqual(measureChart(third.summaries.get(measure.id)!), chartBefore, 'the chart is drawn afresh')
    })

    it('refreshes for a new target and for a figure as it stood (asAt) alike', async () => {
      const { measure } = await aMeasureWithValues()
      const asAt = '2020-03-31'
      const before = await loadCouncilMeasures(database.db, org, asAt)
      assert.equal(await loadCouncilMeasures(database.db, org, asAt), before)
      await sql`insert into measure_target (measure_id, value, target_date, note, set_at) values (${measure.id}, 42, null, '', '2019-01-01T00:00:00Z')`.execute(
        database.db,
      )
      const after = await loadCouncilMeasures(database.db, org, asAt)
      assert.notEqual(after, before)
      assert.ok(after.summaries.get(measure.id)!.targets.some((t) => t.value === 42))
    })

    it('never keeps what a transaction has not committed', async () => {
      const { measure, latest } = await aMeasureWithValues()
      await assert.rejects(
        database.db.transaction().execute(async (trx) => {
          await sql`update measure_value set value = -5 where measure_id = ${measure.id} and period = ${latest.period}`.execute(
            trx,
          )
          const inside = await loadCouncilMeasures(trx, org)
          assert.equal(inside.summaries.get(measure.id)!.latest!.value, -5, 'the transaction sees its own change')
          throw new Error('roll back')
        }),
        /roll back/,
      )
      const outside = await loadCouncilMeasures(database.db, org)
      assert.equal(outside.summaries.get(measure.id)!.latest!.value, latest.value)
    })

    it('computes the national benchmarks once per load of national data', async () => {
      const laCode = (await councilLaCode(database.db, org))!
      const first = (await councilBenchmarks(database.db, laCode, BENCHMARK_INDICATORS))!
      const computed = benchmarksCache.computations
      assert.equal(await councilBenchmarks(database.db, laCode, BENCHMARK_INDICATORS), first)
      assert.equal(benchmarksCache.computations, computed)
      // A plan or measure edit is not national data: the benchmarks stay as computed.
      await sql`update measure set name = name || ' ' where organisation_id = ${org}`.execute(database.db)
      assert.equal(await councilBenchmarks(database.db, laCode, BENCHMARK_INDICATORS), first)

      const comparison = first.comparisons.find((c) => c.year !== null && c.council.get(c.year)?.value != null)!
      const year = comparison.year!
      const was = comparison.council.get(year)!.value!
      await sql`update national_value set value = ${was + 3} where indicator = ${comparison.indicator.id} and area_code = ${laCode} and year = ${year}`.execute(
        database.db,
      )
      const second = (await councilBenchmarks(database.db, laCode, BENCHMARK_INDICATORS))!
      assert.notEqual(second, first)
      assert.equal(benchmarksCache.computations, computed + 1)
      const again = second.comparisons.find((c) => c.indicator.id === comparison.indicator.id)!
      assert.equal(again.council.get(year)!.value, was + 3)
    })
  })
}
