// The register's rules, checked by hand: scores and levels on the 5x5 matrix, the assessment in force on a
// day and its trend, open items and their matrix, and the resource figures of a financial year.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  assessmentBefore,
  assessmentInForce,
  financialYearOf,
  formatPounds,
  formatShare,
  isOpenOn,
  isQuarterStart,
  matrixRows,
  previousFinancialYear,
  readFigure,
  riskLevel,
  riskMatrix,
  riskScore,
  riskTrend,
  scoreOn,
  spendShare,
  vacancy,
  vacancyText,
  yearToDate,
  type ResourceFigures,
} from './risk-rules.js'

describe('risk scores and levels', () => {
  it('multiplies likelihood by impact', () => {
    assert.equal(riskScore(1, 1), 1)
    assert.equal(riskScore(3, 4), 12)
    assert.equal(riskScore(5, 5), 25)
    assert.equal(riskScore(2, 5), 10)
  })

  it('refuses ratings that are not whole numbers from 1 to 5', () => {
    for (const [l, i] of [
      [0, 3],
      [6, 3],
      [3, 0],
      [3, 6],
      [2.5, 2],
      [2, Number.NaN],
      [-1, 5],
    ] as const)
      assert.throws(() => riskScore(l, i), RangeError, `${l} x ${i}`)
  })

  it('bands scores: 1-3 low, 4-6 moderate, 8-12 high, 15-25 extreme', () => {
    const bands: Array<[number, string]> = [
      [1, 'low'],
      [2, 'low'],
      [3, 'low'],
      [4, 'moderate'],
      [5, 'moderate'],
      [6, 'moderate'],
      [8, 'high'],
      [9, 'high'],
      [10, 'high'],
      [12, 'high'],
      [15, 'extreme'],
      [16, 'extreme'],
      [20, 'extreme'],
      [25, 'extreme'],
    ]
    for (const [score, level] of bands) assert.equal(riskLevel(score), level, `score ${score}`)
  })

  it('refuses numbers that no likelihood and impact multiply to', () => {
    for (const score of [0, 7, 11, 13, 14, 17, 18, 19, 21, 24, 26, 2.5, -4]) assert.throws(() => riskLevel(score))
  })
})

const a = (id: number, assessed_on: string, likelihood: number, impact: number) => ({
  id,
  assessed_on,
  likelihood,
  impact,
})

describe('the assessment in force and its trend', () => {
  const history = [
    a(3, '2026-03-02', 3, 3),
    a(1, '2026-01-10', 2, 3),
    a(4, '2026-03-02', 4, 4),
    a(7, '2026-05-01', 2, 2),
  ]

  it('is the latest assessed on or before the day, a tie going to the later record', () => {
    assert.equal(assessmentInForce(history, '2026-01-09'), undefined, 'nothing before the first')
    assert.equal(assessmentInForce(history, '2026-01-10')?.id, 1, 'on its own day')
    assert.equal(assessmentInForce(history, '2026-03-01')?.id, 1)
    assert.equal(assessmentInForce(history, '2026-03-02')?.id, 4, 'two the same day: the higher id')
    assert.equal(assessmentInForce(history, '2026-04-30')?.id, 4)
    assert.equal(assessmentInForce(history, '2027-01-01')?.id, 7)
  })

  it('finds the assessment recorded before one, by date then id', () => {
    assert.equal(assessmentBefore(history, history[3]!)?.id, 4)
    assert.equal(assessmentBefore(history, history[2]!)?.id, 3, 'the same day, the lower id')
    assert.equal(assessmentBefore(history, history[0]!)?.id, 1)
    assert.equal(assessmentBefore(history, history[1]!), undefined)
  })

  it('says what the trend compares with', () => {
    assert.deepEqual(riskTrend(a(2, '2026-04-01', 3, 4), a(1, '2026-03-02', 3, 3)), {
      trend: 'up',
      trendText: 'Up from 9 (2 March 2026)',
    })
    assert.deepEqual(riskTrend(a(2, '2026-04-01', 2, 2), a(1, '2026-03-02', 3, 3)), {
      trend: 'down',
      trendText: 'Down from 9 (2 March 2026)',
    })
    // 2 x 6 is not possible; 3 x 4 and 4 x 3 are the same score: no change, though the parts moved.
    assert.deepEqual(riskTrend(a(2, '2026-04-01', 4, 3), a(1, '2026-03-02', 3, 4)), {
      trend: 'same',
      trendText: 'No change from 12 (2 March 2026)',
    })
    assert.deepEqual(riskTrend(a(1, '2026-03-02', 3, 3), undefined), {
      trend: 'new',
      trendText: 'New (first assessed 2 March 2026)',
    })
  })

  it('scores an item on a day: the assessment in force, its level and trend', () => {
    const on = scoreOn(history, '2026-04-01')
    assert.equal(on?.current.id, 4)
    assert.equal(on?.previous?.id, 3)
    assert.equal(on?.score, 16)
    assert.equal(on?.level, 'extreme')
    assert.equal(on?.trendText, 'Up from 9 (2 March 2026)')
    const later = scoreOn(history, '2026-05-01')
    assert.equal(later?.score, 4)
    assert.equal(later?.level, 'moderate')
    assert.equal(later?.trend, 'down')
    assert.equal(later?.trendText, 'Down from 16 (2 March 2026)')
    assert.equal(scoreOn(history, '2025-12-31'), undefined)
    assert.equal(scoreOn([], '2026-01-01'), undefined)
  })
})

describe('open items and the matrix', () => {
  it('is open from the day opened until the day closed', () => {
    const item = { opened_on: '2026-01-10', closed_on: '2026-03-31' }
    assert.equal(isOpenOn(item, '2026-01-09'), false)
    assert.equal(isOpenOn(item, '2026-01-10'), true)
    assert.equal(isOpenOn(item, '2026-03-30'), true)
    assert.equal(isOpenOn(item, '2026-03-31'), false, 'closed on the day')
    assert.equal(isOpenOn({ opened_on: '2026-01-10', closed_on: null }, '2030-01-01'), true)
  })

  it('counts items by likelihood (rows 5 down to 1) and impact (columns 1 to 5)', () => {
    const matrix = riskMatrix([
      { likelihood: 5, impact: 1 },
      { likelihood: 5, impact: 1 },
      { likelihood: 1, impact: 5 },
      { likelihood: 3, impact: 4 },
    ])
    assert.deepEqual(matrix, [
      [2, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 1],
    ])
    assert.deepEqual(riskMatrix([]).flat(), new Array(25).fill(0))
    assert.throws(() => riskMatrix([{ likelihood: 6, impact: 1 }]))
  })

  it('gives each cell of the matrix its score and level', () => {
    const rows = matrixRows(riskMatrix([{ likelihood: 3, impact: 4 }]))
    assert.deepEqual(
      rows.map((r) => r.likelihood),
      [5, 4, 3, 2, 1],
    )
    assert.deepEqual(rows[0]!.cells[4], { likelihood: 5, impact: 5, score: 25, level: 'extreme', count: 0 })
    assert.deepEqual(rows[2]!.cells[3], { likelihood: 3, impact: 4, score: 12, level: 'high', count: 1 })
    assert.deepEqual(rows[4]!.cells[0], { likelihood: 1, impact: 1, score: 1, level: 'low', count: 0 })
    assert.deepEqual(
      rows[3]!.cells.map((c) => c.level),
      ['low', 'moderate', 'moderate', 'high', 'high'],
      'likelihood 2: scores 2, 4, 6, 8, 10',
    )
  })
})

describe('resources', () => {
  const q = (quarterStart: string, budget: number, spend: number, agency: number): ResourceFigures => ({
    quarterStart,
    programmeBudget: budget,
    programmeSpend: spend,
    agencySpend: agency,
    fteFunded: 10,
    fteInPost: 8,
    note: '',
  })

  it('knows a quarter’s first day and the financial year, April to March', () => {
    for (const ok of ['2022-04-01', '2022-07-01', '2022-10-01', '2023-01-01']) assert.ok(isQuarterStart(ok), ok)
    for (const bad of ['2022-05-01', '2022-04-02', '2022-4-01', '1999-04-01', '2022-13-01', 'x', '2022-04-01x'])
      assert.ok(!isQuarterStart(bad), bad)
    assert.deepEqual(financialYearOf('2023-02-14'), {
      start: '2022-04-01',
      end: '2023-03-31',
      label: '2022/23',
      quarters: ['2022-04-01', '2022-07-01', '2022-10-01', '2023-01-01'],
    })
    assert.equal(financialYearOf('2023-04-01').label, '2023/24')
    assert.equal(previousFinancialYear('2023-04-01').label, '2022/23')
    assert.equal(previousFinancialYear('2023-03-31').label, '2021/22')
  })

  it('totals the financial year from April to the quarter, over the quarters recorded', () => {
    const rows = [
      q('2022-01-01', 999, 999, 999), // the year before: left out
      q('2022-04-01', 100_000, 80_000.5, 20_000),
      q('2022-07-01', 150_000, 160_000.25, 30_000.1),
      q('2022-10-01', 150_000, 120_000, 10_000),
      q('2023-01-01', 200_000, 1, 1),
    ]
    assert.deepEqual(yearToDate(rows, '2022-10-01'), {
      label: 'Q1 to Q3 2022/23',
      quartersRecorded: 3,
      quartersElapsed: 3,
      programmeBudget: 400_000,
      programmeSpend: 360_000.75,
      agencySpend: 60_000.1,
    })
    assert.equal(yearToDate(rows, '2022-04-01')?.label, 'Q1 2022/23')
    assert.equal(yearToDate(rows, '2022-04-01')?.programmeSpend, 80_000.5)
    const gap = yearToDate([rows[1]!, rows[3]!], '2022-10-01')
    assert.equal(gap?.quartersRecorded, 2, 'a quarter not recorded is not counted')
    assert.equal(gap?.quartersElapsed, 3)
    assert.equal(gap?.programmeBudget, 250_000)
    assert.equal(yearToDate(rows, '2023-04-01'), null, 'nothing yet in 2023/24')
    // Pennies add up exactly: 0.1 + 0.2 is 0.3.
    assert.equal(
      yearToDate([q('2022-04-01', 0.1, 0, 0), q('2022-07-01', 0.2, 0, 0)], '2022-07-01')?.programmeBudget,
      0.3,
    )
  })

  it('gives spend as a share of budget and the vacancy in FTE', () => {
    assert.equal(spendShare(360_000.75, 400_000), 90)
    assert.equal(spendShare(1, 3), 33.3)
    assert.equal(spendShare(200, 100), 200)
    assert.equal(spendShare(5, 0), null)
    assert.equal(formatShare(spendShare(1, 3)), '33.3%')
    assert.equal(formatShare(null), 'No budget')
    assert.equal(vacancy(12.5, 10.3), 2.2)
    assert.equal(vacancy(8, 8), 0)
    assert.equal(vacancy(8, 9.5), -1.5)
    assert.equal(vacancyText(2.2), '2.2')
    assert.equal(vacancyText(0), 'None')
    assert.equal(vacancyText(-1.5), 'None (1.5 over)')
    assert.equal(formatPounds(1_250_000), '£1,250,000')
    assert.equal(formatPounds(1_250.5), '£1,250.50')
    assert.equal(formatPounds(0), '£0')
  })

  it('reads figures typed in pounds (2 places) and FTE (1 place), refusing negatives and saying why', () => {
    assert.deepEqual(readFigure(' £125,000.50 ', 'programme budget', 'pounds'), { ok: true, value: 125_000.5 })
    assert.deepEqual(readFigure('0', 'agency spend', 'pounds'), { ok: true, value: 0 })
    assert.deepEqual(readFigure('12.5', 'team FTE funded', 'fte'), { ok: true, value: 12.5 })
    assert.deepEqual(readFigure('-5', 'programme spend', 'pounds'), {
      ok: false,
      message: 'Programme spend cannot be negative',
    })
    assert.deepEqual(readFigure('', 'programme spend', 'pounds'), {
      ok: false,
      message: 'Enter the programme spend, or 0 if there is none',
    })
    assert.deepEqual(readFigure('12.345', 'programme budget', 'pounds'), {
      ok: false,
      message: 'Programme budget must be in pounds and pence, with no more than 2 decimal places',
    })
    assert.deepEqual(readFigure('12.25', 'team FTE in post', 'fte'), {
      ok: false,
      message: 'Team FTE in post must have no more than 1 decimal place, like 12 or 12.5',
    })
    for (const bad of ['ten', '1,2,3', '1e5', '12%'])
      assert.deepEqual(readFigure(bad, 'agency spend', 'pounds'), {
        ok: false,
        message: 'Agency spend must be a number, like 125000 or 125,000.50',
      })
    assert.equal(readFigure('£12', 'team FTE funded', 'fte').ok, false)
    assert.equal(readFigure('100000', 'team FTE funded', 'fte').ok, false, 'beyond the column')
    assert.equal(readFigure('1000000000000', 'programme budget', 'pounds').ok, false)
  })
})
