import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { validateBenchmarkImport, validateValueImport, validRange, type ImportMeasure } from './validate-import.js'
import type { Table } from '../../shared/read-table.js'

const measure = (over: Partial<ImportMeasure>): ImportMeasure => ({
  id: 1,
  code: 'VS-CASELOAD',
  name: 'Average caseload',
  unit: 'count',
  frequency: 'monthly',
  valid_min: null,
  valid_max: 100,
  formula: null,
  ...over,
})
const measures = new Map<string, ImportMeasure>([
  ['vs-caseload', measure({})],
  ['vs-rate', measure({ id: 2, code: 'VS-RATE', name: 'Vacancy rate', unit: 'percent', valid_max: null })],
  [
    'vs-derived',
    measure({ id: 3, code: 'VS-DERIVED', name: 'Vacancies', formula: { op: 'difference', a: 'X', b: 'Y' } }),
  ],
  [
    'q-measure',
    measure({ id: 4, code: 'Q-MEASURE', name: 'Quarterly thing', frequency: 'quarterly', valid_max: null }),
  ],
])

const table = (rows: Array<Record<string, string>>, columns = ['measure_code', 'period', 'value', 'note']): Table => ({
  columns,
  rows: rows.map((cells, i) => ({ rowNumber: i + 2, cells })),
})

describe('validateValueImport', () => {
  it('accepts good rows and normalises them', () => {
    const { rows, problems } = validateValueImport(
      table([
        { measure_code: 'vs-caseload', period: 'Aug 2019', value: '18.4', note: 'first month recorded' },
        { measure_code: 'VS-RATE', period: '2019-08', value: '20.1%', note: '' },
        { measure_code: 'Q-MEASURE', period: '2022/23 Q3', value: '1,234', note: '' },
      ]),
      measures,
    )
    assert.deepEqual(problems, [])
    assert.deepEqual(
      rows.map((r) => [r.row, r.measureId, r.period, r.value]),
      [
        [2, 1, '2019-08-01', 18.4],
        [3, 2, '2019-08-01', 20.1],
        [4, 4, '2022-10-01', 1234],
      ],
    )
  })

  it('names every problem by row, column and reason, and keeps no bad row', () => {
    const { rows, problems } = validateValueImport(
      table([
        { measure_code: 'NOPE', period: '2019-08', value: '1' },
        { measure_code: 'VS-CASELOAD', period: '2019-13', value: '1' },
        { measure_code: 'VS-CASELOAD', period: '2019-09', value: 'twelve' },
        { measure_code: 'VS-CASELOAD', period: '2019-10', value: '250' },
        { measure_code: 'VS-RATE', period: '2019-10', value: '-3' },
        { measure_code: 'VS-CASELOAD', period: '2019-11', value: '19' },
        { measure_code: 'VS-CASELOAD', period: 'Nov 2019', value: '20' },
        { measure_code: 'VS-DERIVED', period: '2019-11', value: '20' },
        { measure_code: '', period: '2019-11', value: '' },
        { measure_code: 'Q-MEASURE', period: '2022-11', value: '3' },
      ]),
      measures,
    )
    assert.deepEqual(problems, [
      { row: 2, column: 'measure_code', reason: 'there is no measure with the code "NOPE"' },
      { row: 3, column: 'period', reason: '"2019-13" is not a real month' },
      { row: 4, column: 'value', reason: '"twelve" is not a number' },
      { row: 5, column: 'value', reason: '250 is outside the valid range for "Average caseload" (between 0 and 100)' },
      { row: 6, column: 'value', reason: '-3 is outside the valid range for "Vacancy rate" (between 0 and 100)' },
      { row: 8, column: 'period', reason: 'a duplicate of row 7: the same measure and period appear twice' },
      {
        row: 9,
        column: 'measure_code',
        reason: '"Vacancies" is calculated from other measures, so its values cannot be imported',
      },
      { row: 10, column: 'measure_code', reason: 'the measure code is empty' },
      { row: 10, column: 'value', reason: 'the value is empty' },
      {
        row: 11,
        column: 'period',
        reason: '"2022-11" does not start a quarter: quarters start in April, July, October or January',
      },
    ])
    assert.deepEqual(
      rows.map((r) => r.row),
      [7],
    )
  })

  it('reports missing columns on the header row and reads nothing else', () => {
    const { rows, problems } = validateValueImport(
      table([{ measure_code: 'VS-CASELOAD' }], ['measure_code', 'month']),
      measures,
    )
    assert.deepEqual(problems, [
      { row: 1, column: 'period', reason: 'the column "period" is missing from the header row' },
      { row: 1, column: 'value', reason: 'the column "value" is missing from the header row' },
    ])
    assert.deepEqual(rows, [])
  })
})

describe('validateBenchmarkImport', () => {
  it('reads the benchmark names people use, and comparators by name', () => {
    const { rows, problems } = validateBenchmarkImport(
      table(
        [
          { measure_code: 'VS-RATE', period: '2021-09', benchmark: 'England', value: '16.7', source: 'DfE' },
          { measure_code: 'VS-RATE', period: '2021-09', benchmark: 'Statistical neighbours', value: '18.2' },
          { measure_code: 'VS-RATE', period: '2021-09', benchmark: 'region', value: '15.7' },
          { measure_code: 'VS-RATE', period: '2021-09', benchmark: 'Leeds', value: '9.9' },
          { measure_code: 'VS-RATE', period: '2021-09', benchmark: 'england', value: '16.8' },
          { measure_code: 'VS-RATE', period: '2021-09', benchmark: '', value: '1' },
        ],
        ['measure_code', 'period', 'benchmark', 'value', 'source'],
      ),
      measures,
    )
    assert.deepEqual(
      rows.map((r) => [r.kind, r.comparator, r.value]),
      [
        ['england', '', 16.7],
        ['statistical-neighbours', '', 18.2],
        ['region', '', 15.7],
        ['comparator', 'Leeds', 9.9],
      ],
    )
    assert.deepEqual(
      problems.map((p) => [p.row, p.column]),
      [
        [6, 'period'],
        [7, 'benchmark'],
      ],
    )
  })
})

describe('ranges', () => {
  it('defaults percentages to 0-100 and counts to 0 or more, unless the measure says otherwise', () => {
    assert.deepEqual(validRange({ unit: 'percent', valid_min: null, valid_max: null }), { min: 0, max: 100 })
    assert.deepEqual(validRange({ unit: 'count', valid_min: null, valid_max: null }), { min: 0, max: null })
    assert.deepEqual(validRange({ unit: 'money', valid_min: null, valid_max: null }), { min: null, max: null })
    assert.deepEqual(validRange({ unit: 'percent', valid_min: 10, valid_max: 200 }), { min: 10, max: 200 })
  })
})
