// The shipped DfE files, read as Turnaround reads them: rates recomputed from the published numerators
// and denominators must match the published rates to their rounding, and suppressed cells stay missing.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { readTable, type TableRow } from '../shared/read-table.js'
import { FIGURE_DATASETS, missingColumns, parseFigure, suppressionText } from './datasets.js'
import { SHIPPED_DATA_DIR } from './load-national.js'

async function rows(file: string): Promise<TableRow[]> {
  return (await readTable(fs.readFileSync(path.join(SHIPPED_DATA_DIR, 'dfe', file)), file)).rows
}

/** Half the unit a published number was rounded to: counts for England and regions are rounded to 10. */
function halfUnit(text: string, level: string): number {
  const decimals = text.includes('.') ? text.split('.')[1]!.length : 0
  if (decimals === 0 && level !== 'Local authority' && Number(text) % 10 === 0) return 5
  // A whole number of FTE is still a figure rounded to one decimal place.
  return decimals === 0 ? 0.05 : 0.5 * 10 ** -decimals
}

interface RateCheck {
  file: string
  numerator: string
  denominators: string[]
  rate: string
  scale: number
  filter?: Record<string, string>
  /** Rows where DfE's own published rate and counts disagree; Turnaround shows the published rate. */
  knownExceptions?: string[]
}

/** Every row where all inputs are published: the published rate lies within what the rounded inputs allow. */
async function checkRates(c: RateCheck): Promise<{ checked: number; outside: string[] }> {
  let checked = 0
  const outside: string[] = []
  for (const row of await rows(c.file)) {
    const cells = row.cells
    if (c.filter && !Object.entries(c.filter).every(([k, v]) => cells[k] === v)) continue
    const texts = [cells[c.numerator]!, ...c.denominators.map((d) => cells[d]!), cells[c.rate]!]
    if (!texts.every((t) => /^-?\d+(\.\d+)?$/.test(t ?? ''))) continue
    const level = cells.geographic_level!
    const a = Number(cells[c.numerator])
    const ra = halfUnit(cells[c.numerator]!, level)
    const b = c.denominators.reduce((sum, d) => sum + Number(cells[d]), 0)
    const rb = c.denominators.reduce((sum, d) => sum + halfUnit(cells[d]!, level), 0)
    if (b - rb <= 0) continue
    const published = Number(cells[c.rate])
    const rateText = cells[c.rate]!
    const half = rateText.includes('.') ? 0.5 * 10 ** -rateText.split('.')[1]!.length : 0.5
    const low = ((a - ra) / (b + rb)) * c.scale - half
    const high = ((a + ra) / (b - rb)) * c.scale + half
    checked++
    if (published < low - 1e-9 || published > high + 1e-9) {
      outside.push(`${cells.time_period} ${cells.la_name || cells.region_name || cells.country_name}`)
    }
  }
  return { checked, outside }
}

describe('published rates recomputed from numerators and denominators', () => {
  const checks: Array<[string, RateCheck]> = [
    [
      're-referrals',
      {
        file: 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv',
        numerator: 'rereferral_count',
        denominators: ['referral_count'],
        rate: 'rereferral_percent',
        scale: 100,
      },
    ],
    [
      'repeat child protection plans',
      {
        file: 'd3_cpps_subsequent_plan_2013_to_2025.csv',
        numerator: 'cpp_subsequent',
        denominators: ['cpp_start'],
        rate: 'cpp_subsequent_percent',
        scale: 100,
        // 2022: 14,550 of 64,390 is 22.6%, published 22.7%; 1,660 of 7,490 is 22.2%, published 23.6%.
        knownExceptions: ['2022 England', '2022 Yorkshire and The Humber'],
      },
    ],
    [
      'children looked after per 10,000',
      {
        file: 'cla_number_and_rate_per_10k_children.csv',
        numerator: 'children_count',
        denominators: ['population_estimate'],
        rate: 'rate_per_10000',
        scale: 10000,
        filter: { population_type: 'Children looked after on 31 March each year' },
      },
    ],
    [
      'agency social worker rate',
      {
        file: 'csww_indicators_2017_to_2025.csv',
        numerator: 'agency_fte',
        denominators: ['agency_fte', 'inpost_fte'],
        rate: 'agency_rate_fte',
        scale: 100,
        // Every council's rate matches; these aggregate rates do not (2024 England: 6,520.7 agency and
        // 34,328.2 in post is 16.0%, published 16.2%), presumably computed on a different base.
        knownExceptions: ['2024 England', '2024 West Midlands', '2023 England', '2023 London', '2023 Outer London'],
      },
    ],
    [
      'vacancy rate',
      {
        file: 'csww_indicators_2017_to_2025.csv',
        numerator: 'vacancy_fte',
        denominators: ['vacancy_fte', 'inpost_fte'],
        rate: 'vacancy_rate_fte',
        scale: 100,
      },
    ],
    [
      'caseload',
      {
        file: 'csww_indicators_2017_to_2025.csv',
        numerator: 'cases',
        denominators: ['case_holders_fte'],
        rate: 'caseload_fte',
        scale: 1,
      },
    ],
  ]
  for (const [name, check] of checks) {
    it(`matches for ${name}`, async () => {
      const { checked, outside } = await checkRates(check)
      assert.ok(checked > 700, `only ${checked} rows had every figure published`)
      assert.deepEqual(outside, check.knownExceptions ?? [])
    })
  }

  it('would notice a wrong rate: the check fails when the rate is off by a tenth of a point', async () => {
    const file = 'c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv'
    const original = (await rows(file)).find((r) => r.cells.old_la_code === '380' && r.cells.time_period === '2025')!
    const a = Number(original.cells.rereferral_count)
    const b = Number(original.cells.referral_count)
    assert.equal(Math.round((a / b) * 1000) / 10, Number(original.cells.rereferral_percent)) // 1709 / 7450 = 22.9%
    assert.notEqual(Math.round((a / b) * 1000) / 10, Number(original.cells.rereferral_percent) + 0.1)
  })
})

describe('reading the DfE files', () => {
  it('reads Bradford’s 2025 re-referrals with numerator and denominator', async () => {
    const dataset = FIGURE_DATASETS.find((d) => d.id === 'c1-referrals')!
    const { figures, problems } = dataset.extract(
      await rows('c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv'),
    )
    assert.deepEqual(problems, [])
    const bradford = figures.filter((f) => f.areaCode === '380').map((f) => [f.year, f.value])
    assert.equal(bradford.length, 13, 'one figure a year, 2013 to 2025')
    assert.deepEqual(
      figures.find((f) => f.areaCode === '380' && f.year === 2025),
      {
        indicator: 'rereferrals',
        areaCode: '380',
        year: 2025,
        value: 22.9,
        suppression: null,
        numerator: 1709,
        denominator: 7450,
      },
    )
  })

  it('keeps a suppressed figure as missing with its reason, never zero', async () => {
    assert.deepEqual(parseFigure('c'), { value: null, suppression: 'c' })
    assert.deepEqual(parseFigure('low'), { value: null, suppression: 'low' })
    assert.deepEqual(parseFigure(''), { value: null, suppression: 'x' })
    assert.deepEqual(parseFigure('0'), { value: 0, suppression: null })
    assert.equal(suppressionText('c'), 'not published (suppressed to protect confidentiality)')
    const dataset = FIGURE_DATASETS.find((d) => d.id === 'care-leavers-accommodation')!
    const { figures } = dataset.extract(await rows('la_care_leavers_accommodation_suitability.csv'))
    // Blackburn with Darwen (889), care leavers aged 17 to 18, 2025: published as "c".
    const blackburn = figures.find(
      (f) => f.areaCode === '889' && f.year === 2025 && f.indicator === 'care-leavers-suitable-17-18',
    )
    assert.deepEqual(blackburn && { value: blackburn.value, suppression: blackburn.suppression }, {
      value: null,
      suppression: 'c',
    })
    const suppressed = figures.filter((f) => f.suppression !== null)
    assert.ok(suppressed.length > 100)
    assert.ok(suppressed.every((f) => f.value === null))
  })

  it('names the missing columns of a file in the wrong format', () => {
    const dataset = FIGURE_DATASETS.find((d) => d.id === 'c1-referrals')!
    assert.deepEqual(
      missingColumns(dataset, [
        'time_period',
        'geographic_level',
        'country_code',
        'region_code',
        'region_name',
        'old_la_code',
        'la_name',
        'referral_count',
      ]),
      ['rereferral_percent', 'rereferral_count'],
    )
  })

  it('reports a bad year with its row and column', () => {
    const dataset = FIGURE_DATASETS.find((d) => d.id === 'c1-referrals')!
    const { problems } = dataset.extract([
      {
        rowNumber: 7,
        cells: {
          time_period: '20x5',
          geographic_level: 'National',
          country_code: 'E92000001',
          rereferral_percent: '20',
        },
      },
    ])
    assert.deepEqual(problems, [{ row: 7, column: 'time_period', reason: '"20x5" is not a year such as 2025' }])
  })
})
