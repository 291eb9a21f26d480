// Bradford's outcome measures read from the shipped DfE files: values checked by hand against the CSV rows
// for old LA code 380, periods that pair with the right official year, and links that land on real objectives.
// No database.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { FIGURE_DATASETS } from '../national/datasets.js'
import { INDICATORS_BY_ID } from '../national/indicators.js'
import { latestYearBy, yearLabel } from '../national/present.js'
import { periodEnd, periodLabel } from '../shared/calendar.js'
import { projectRoot } from '../shared/project-root.js'
import { readTable } from '../shared/read-table.js'
import { bradfordPlan } from './bradford-plan.js'
import { BRADFORD_LA_CODE, EXISTING_MEASURE_OBJECTIVE_LINKS, bradfordOutcomeMeasures } from './bradford-outcomes.js'

const measures = bradfordOutcomeMeasures()

function valueAt(code: string, period: string): number | undefined {
  const m = measures.find((x) => x.code === code)
  assert.ok(m, `no measure ${code}`)
  return m.values.find((v) => v.period === period)?.value
}

describe('Bradford outcome measures from the shipped official statistics', () => {
  it('has one measure per national indicator, each with values', () => {
    assert.deepEqual(
      measures.map((m) => m.national),
      [
        'rereferrals',
        'repeat-cpp',
        'cla-rate',
        'placement-moves',
        'placement-long-term',
        'care-leavers-suitable-17-18',
        'care-leavers-suitable-19-21',
        'sw-turnover',
      ],
    )
    assert.equal(new Set(measures.map((m) => m.code)).size, measures.length)
    for (const m of measures) {
      assert.ok(m.code.startsWith('OUT-'), m.code)
      assert.ok(m.values.length >= 5, `${m.code} has ${m.values.length} values`)
      const indicator = INDICATORS_BY_ID.get(m.national)!
      assert.equal(m.unit, indicator.unit)
      assert.equal(m.polarity, indicator.polarity)
      assert.equal(m.decimals, indicator.decimals)
    }
  })

  it('matches figures checked by hand against the CSV rows for area 380', () => {
    // c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv:
    // 2023,Reporting year,Local authority,...,380,E08000032,Bradford,Referrals and Re-referrals,9193,2069,22.5,...
    assert.equal(valueAt('OUT-REREFERRALS', '2022-04-01'), 22.5)
    // 2013,...,380,...,Bradford,Referrals and Re-referrals,4609,858,18.6,... (the earliest year in the file)
    assert.equal(valueAt('OUT-REREFERRALS', '2012-04-01'), 18.6)
    // d3_cpps_subsequent_plan_2013_to_2025.csv:
    // 2022,Reporting year,Local authority,...,380,E08000032,Bradford,Child Protection Plans which are a second or subsequent plan,1099,248,22.6
    assert.equal(valueAt('OUT-REPEAT-CPP', '2021-04-01'), 22.6)
    // cla_number_and_rate_per_10k_children.csv:
    // 2023,Reporting year,Local authority,...,380,Bradford,E08000032,Children looked after on 31 March each year,140342,1584,113
    // (not the "starting" or "ceasing" rows of the same year: 42 and 33)
    assert.equal(valueAt('OUT-CLA-RATE', '2022-04-01'), 113)
    // la_cla_placement_stability.csv:
    // 2023,...,380,Bradford,E08000032,CLA on 31 March,With 3 or more placements during the year,116,7
    assert.equal(valueAt('OUT-PLACEMENT-MOVES', '2022-04-01'), 7)
    // 2022,...,380,Bradford,E08000032,Children looked after continuously for at least 2.5 years on 31 March aged under 16 years,Living with the same carer for at least 2 years,397,74
    assert.equal(valueAt('OUT-PLACEMENT-LONG-TERM', '2021-04-01'), 74)
    // la_care_leavers_accommodation_suitability.csv:
    // 2022,...,380,Bradford,E08000032,17 to 18 years,Accommodation considered suitable,140,95
    assert.equal(valueAt('OUT-CARE-LEAVERS-17-18', '2021-04-01'), 95)
    // 2023,...,380,Bradford,E08000032,19 to 21 years,Accommodation considered suitable,370,91
    assert.equal(valueAt('OUT-CARE-LEAVERS-19-21', '2022-04-01'), 91)
    // csww_indicators_2017_to_2025.csv (census of 30 September 2023, inside 2023/24):
    // 2023,Reporting year,Local authority,...,380,E08000032,Bradford,342.5,366,90.7,93,61,66,17.8,...
    assert.equal(valueAt('OUT-SW-TURNOVER', '2023-04-01'), 17.8)
    // 2022,...,380,E08000032,Bradford,311.3,336,41.5,44,69.6,73,22.4,...
    assert.equal(valueAt('OUT-SW-TURNOVER', '2022-04-01'), 22.4)
  })

  it('has no NaN, infinite or duplicate values, and periods are financial years in order', () => {
    for (const m of measures) {
      const periods = m.values.map((v) => v.period)
      assert.deepEqual(periods, [...new Set(periods)].sort(), `${m.code} periods unique and ascending`)
      for (const v of m.values) {
        assert.ok(Number.isFinite(v.value), `${m.code} ${v.period}: ${v.value}`)
        assert.match(v.period, /^\d{4}-04-01$/, `${m.code} ${v.period} is not the start of a financial year`)
        if (m.unit === 'percent') assert.ok(v.value >= 0 && v.value <= 100, `${m.code} ${v.period}: ${v.value}`)
      }
    }
  })

  it('labels the periods as the statistics name the years', () => {
    // DfE's 2023 (the year to 31 March 2023) is the financial year 2022/23.
    assert.equal(periodLabel('2022-04-01', 'annual'), '2022/23')
    assert.equal(yearLabel(2023, INDICATORS_BY_ID.get('rereferrals')), '2022-23')
    // The census of 30 September 2023 falls in 2023/24.
    assert.equal(yearLabel(2023, INDICATORS_BY_ID.get('sw-turnover')), 'Sept 2023')
    assert.equal(periodLabel('2023-04-01', 'annual'), '2023/24')
  })

  it('stores every published figure for area 380 at the period the comparison pairs with its year', async () => {
    // Read independently with readTable, as a load does; suppressed figures have no value and are left out.
    for (const m of measures) {
      const indicator = INDICATORS_BY_ID.get(m.national)!
      const dataset = FIGURE_DATASETS.find((d) => d.id === indicator.dataset)!
      const buffer = fs.readFileSync(path.join(projectRoot, 'national-data', dataset.file))
      const table = await readTable(buffer, dataset.file)
      const published = new Map<number, number>()
      for (const f of dataset.extract(table.rows).figures) {
        if (f.indicator === m.national && f.areaCode === BRADFORD_LA_CODE && f.value !== null)
          published.set(f.year, f.value)
      }
      const years = [...published.keys()].sort((a, b) => a - b)
      assert.equal(m.values.length, years.length, `${m.code}: one value per published year`)
      for (const v of m.values) {
        // The official year a report sets beside this period (never one ending after it) holds this value.
        const year = latestYearBy(years, periodEnd(v.period, 'annual'), indicator)
        assert.ok(year !== undefined, `${m.code} ${v.period} pairs with no year`)
        assert.equal(published.get(year), v.value, `${m.code} ${v.period} pairs with ${year}`)
      }
      // And each period is the one for its own year, not a neighbour's.
      assert.deepEqual(
        m.values.map((v) => Number(v.period.slice(0, 4))),
        years.map((y) => (indicator.reference.on === 'september' ? y : y - 1)),
        m.code,
      )
    }
  })

  it('links every measure to objectives that exist in the plan', () => {
    const objectivesIn = new Map(bradfordPlan.map((s) => [s.code, s.objectives.length]))
    const links = [
      ...measures.flatMap((m) => m.links.map((l) => ({ code: m.code, ...l }))),
      ...EXISTING_MEASURE_OBJECTIVE_LINKS,
    ]
    for (const l of links) {
      const count = objectivesIn.get(l.strand)
      assert.ok(count !== undefined, `${l.code}: no strand ${l.strand}`)
      assert.ok(
        Number.isInteger(l.objective) && l.objective >= 0 && l.objective < count,
        `${l.code}: ${l.strand}/${l.objective}`,
      )
    }
    for (const m of measures) assert.ok(m.links.length > 0, `${m.code} has no link`)
  })

  it('links only monthly measures that the demo seeds', () => {
    const source = fs.readFileSync(path.join(projectRoot, 'src/demo/demo-measures.ts'), 'utf8')
    for (const l of EXISTING_MEASURE_OBJECTIVE_LINKS) assert.ok(source.includes(`code: '${l.code}'`), l.code)
    const title = (strand: string, i: number) => bradfordPlan.find((s) => s.code === strand)!.objectives[i]!.title
    assert.equal(title('8', 2), 'Keeping staff and manageable caseloads')
    assert.equal(title('8', 1), 'Permanent recruitment and less agency reliance')
    assert.equal(title('1', 0), 'Conversation-led handling of contacts')
    assert.equal(title('5', 2), 'Safe homes for care leavers')
  })
})
