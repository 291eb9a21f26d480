// Loading the shipped national data, comparing a council with its neighbours, and loading a newer release.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { after, before, describe, it, type TestContext } from 'node:test'
import type { DatabaseHandle, Db } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { councilBenchmarks, standingAmong } from './benchmarks.js'
import { datasetById } from './datasets.js'
import { INDICATORS_BY_ID } from './indicators.js'
import { BadRowsError, SHIPPED_DATA_DIR, WrongFormatError, loadReleaseFile, loadShippedData } from './load-national.js'

const rereferrals = INDICATORS_BY_ID.get('rereferrals')!
const careLeavers = INDICATORS_BY_ID.get('care-leavers-suitable-17-18')!

/** A newer C1 release for Bradford: a new year (2026), a changed figure (2025) and an unchanged one (2024). */
const newerReferralsRelease = [
  'time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,category,referral_count,rereferral_count,rereferral_percent',
  '2026,Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and The Humber,380,E08000032,Bradford,Referrals and Re-referrals,7000,1400,20',
  '2025,Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and The Humber,380,E08000032,Bradford,Referrals and Re-referrals,7450,1716,23',
  '2024,Reporting year,Local authority,E92000001,England,E12000003,Yorkshire and The Humber,380,E08000032,Bradford,Referrals and Re-referrals,8910,2030,22.8',
].join('\n')

for (const kind of testDatabaseKinds()) {
  describe(`national data on ${kind.name}`, () => {
    // Shared by the tests that change nothing. A test that loads data does it in a copy of its own, so that every
    // test passes alone and in any order.
    let database: DatabaseHandle
    before(async () => {
      database = await kind.openDemo({ national: true })
    })
    after(async () => {
      await database?.close()
    })

    /** A private copy of the database for one test, closed when the test ends. */
    async function ownCopy(t: TestContext): Promise<Db> {
      const own = await kind.openDemo({ national: true })
      t.after(() => own.close())
      return own.db
    }

    it('gives Bradford its ten statistical neighbours and their average, computed here by hand', async () => {
      const data = (await councilBenchmarks(database.db, '380', [rereferrals], 2025))!
      assert.equal(data.area.name, 'Bradford')
      assert.equal(data.region?.name, 'Yorkshire and The Humber')
      assert.deepEqual(
        data.neighbours.map((n) => n.name),
        [
          'Blackburn with Darwen',
          'Birmingham',
          'Oldham',
          'Sheffield',
          'Derby',
          'Rochdale',
          'Bolton',
          'Walsall',
          'Sandwell',
          'Kirklees',
        ],
      )
      const c = data.comparisons[0]!
      // Re-referrals 2024-25 as published for each neighbour, in the order above.
      const byHand = (21.5 + 20.7 + 21.1 + 16.5 + 23.1 + 17.2 + 20.5 + 19.7 + 22.7 + 19.7) / 10
      assert.equal(byHand.toFixed(2), '20.27')
      assert.equal(c.neighbourAverage.get(2025)!.value!.toFixed(2), '20.27')
      assert.equal(c.neighbourAverage.get(2025)!.counted, 10)
      assert.equal(c.council.get(2025)!.value, 22.9)
      assert.equal(c.england.get(2025)!.value, 22.6)
      assert.equal(c.region.get(2025)!.value, 21.7)
      assert.deepEqual(
        [...c.council.keys()],
        [2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025],
      )
      // 2022 25.9% to 2025 22.9%: fewer re-referrals is better.
      assert.deepEqual(c.trends[0], {
        years: 3,
        fromYear: 2022,
        change: { unit: 'percent', difference: -3, relativePercent: null },
        direction: 'improving',
      })
    })

    it('leaves suppressed neighbours out of the average and the ranking, never counting them as zero', async () => {
      const c = (await councilBenchmarks(database.db, '380', [careLeavers], 2025))!.comparisons[0]!
      const blackburn = c.neighbours.find((n) => n.neighbour.name === 'Blackburn with Darwen')!.figures.get(2025)!
      assert.deepEqual(
        { value: blackburn.value, suppression: blackburn.suppression },
        { value: null, suppression: 'c' },
      )
      // Published: Bolton 91, Rochdale 90, Sheffield 90, Kirklees 92, Derby 93, Birmingham 94, Sandwell 96,
      // Walsall 80; Blackburn with Darwen and Oldham suppressed.
      const byHand = (91 + 90 + 90 + 92 + 93 + 94 + 96 + 80) / 8
      assert.deepEqual(c.neighbourAverage.get(2025), { value: byHand, counted: 8 })
      const published = await database.db
        .selectFrom('national_value as v')
        .innerJoin('national_area as a', 'a.code', 'v.area_code')
        .select('v.value')
        .where('v.indicator', '=', careLeavers.id)
        .where('v.year', '=', 2025)
        .where('a.level', '=', 'local authority')
        .where('v.value', 'is not', null)
        .execute()
      assert.equal(c.standing?.of, published.length)
      const zeros = await database.db
        .selectFrom('national_value')
        .select('indicator')
        .where('suppression', 'is not', null)
        .where('value', 'is not', null)
        .execute()
      assert.deepEqual(zeros, [])
    })

    it('ranks and puts into quarters by which way is better', () => {
      assert.deepEqual(standingAmong([10, 20, 30, 40], 10, 'lower'), { rank: 1, of: 4, quartile: 1 })
      assert.deepEqual(standingAmong([10, 20, 30, 40], 10, 'higher'), { rank: 4, of: 4, quartile: 4 })
      assert.deepEqual(standingAmong([10, 20, 20, 40], 20, 'lower'), { rank: 2, of: 4, quartile: 2 })
      assert.deepEqual(standingAmong([5, 6, 7, 8, 9, 10, 11, 12], 11, 'lower'), { rank: 7, of: 8, quartile: 4 })
    })

    it('has Bradford’s Ofsted history: inadequate in 2018 and 2022, then requires improvement in 2026', async () => {
      const rows = await database.db
        .selectFrom('ofsted_inspection')
        .select(['started_on', 'kind', 'overall', 'leaders'])
        .where('area_code', '=', '380')
        .orderBy('started_on')
        .execute()
      assert.deepEqual(
        rows.filter((r) => r.overall).map((r) => [r.started_on, r.overall]),
        [
          ['2018-09-17', 'inadequate'],
          ['2022-11-21', 'inadequate'],
          ['2026-01-12', 'requires improvement'],
        ],
      )
      assert.equal(rows.filter((r) => r.kind === 'monitoring visit').length, 2)
    })

    it('loads a newer release: adds the new year, records a changed figure, keeps everything else', async (t) => {
      const db = await ownCopy(t)
      const dataset = datasetById('c1-referrals')!
      const before = await db
        .selectFrom('national_value')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      const summary = await loadReleaseFile(db, dataset, Buffer.from(newerReferralsRelease), 'c1-2026.csv')
      assert.deepEqual([summary.added, summary.changed, summary.unchanged], [1, 1, 1])
      const after = await db
        .selectFrom('national_value')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      assert.equal(Number(after.n), Number(before.n) + 1, 'nothing lost, one figure added')
      const change = await db
        .selectFrom('national_value_change')
        .select(['old_value', 'new_value', 'year'])
        .where('area_code', '=', '380')
        .where('indicator', '=', 'rereferrals')
        .execute()
      assert.deepEqual(change, [{ old_value: 22.9, new_value: 23, year: 2025 }])
      const c = (await councilBenchmarks(db, '380', [rereferrals]))!.comparisons[0]!
      assert.equal(c.year, 2026)
      assert.equal(c.council.get(2026)!.value, 20)
    })

    it('refuses a file in the wrong format, naming the missing columns, and loads nothing', async () => {
      const dataset = datasetById('d3-repeat-plans')!
      const releasesBefore = await database.db.selectFrom('national_release').select('id').execute()
      await assert.rejects(
        loadReleaseFile(
          database.db,
          dataset,
          Buffer.from('time_period,geographic_level,cpp_start\n2025,National,1\n'),
          'd3.csv',
        ),
        (error: unknown) => {
          assert.ok(error instanceof WrongFormatError)
          assert.ok(error.missing.includes('cpp_subsequent_percent'))
          assert.match(error.message, /has no .*“cpp_subsequent”.*columns/)
          return true
        },
      )
      const releasesAfter = await database.db.selectFrom('national_release').select('id').execute()
      assert.equal(releasesAfter.length, releasesBefore.length)
    })

    it('loads nothing from a file with a bad row, naming the row', async () => {
      const dataset = datasetById('d3-repeat-plans')!
      const file = fs.readFileSync(path.join(SHIPPED_DATA_DIR, dataset.file), 'utf8').split('\n')
      file[3] = file[3]!.replace(/^2025/, 'soon')
      const before = await database.db.selectFrom('national_release').select('id').execute()
      await assert.rejects(
        loadReleaseFile(database.db, dataset, Buffer.from(file.join('\n')), 'd3.csv'),
        (error: unknown) => {
          assert.ok(error instanceof BadRowsError)
          assert.deepEqual(error.problems, [
            { row: 4, column: 'time_period', reason: '"soon" is not a year such as 2025' },
          ])
          return true
        },
      )
      assert.equal((await database.db.selectFrom('national_release').select('id').execute()).length, before.length)
    })

    it('reloading the shipped files changes nothing that is already there', async (t) => {
      const db = await ownCopy(t)
      await loadReleaseFile(db, datasetById('c1-referrals')!, Buffer.from(newerReferralsRelease), 'c1-2026.csv')
      const summaries = await loadShippedData(db)
      const figures = summaries.filter((s) => !s.dataset.startsWith('ofsted') && s.dataset !== 'sn-model')
      // The newer release's 2026 figure stays; the shipped 2025 figure is restored, and the change recorded.
      assert.equal(
        figures.reduce((a, s) => a + s.added, 0),
        0,
      )
      assert.equal(summaries.find((s) => s.dataset === 'c1-referrals')!.changed, 1)
      const c = (await councilBenchmarks(db, '380', [rereferrals]))!.comparisons[0]!
      assert.deepEqual([c.council.get(2026)!.value, c.council.get(2025)!.value], [20, 22.9])
    })
  })
}
