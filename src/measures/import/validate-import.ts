// Checks every row of an import and names each problem by row, column and reason. Pure: the measures
// it checks against are passed in. Nothing is written unless there are no problems at all.
import { parsePeriod } from '../periods.js'
import type { Table } from '../../shared/read-table.js'
import type { Unit } from '../../shared/units.js'
import type { Frequency } from '../../shared/calendar.js'
import { BENCHMARK_KINDS, type BenchmarkKind, type Formula } from '../../db/database.js'
import { readNumber } from '../../shared/numbers.js'

export interface ImportProblem {
  row: number
  column: string
  reason: string
}

export interface ImportMeasure {
  id: number
  code: string
  name: string
  unit: Unit
  frequency: Frequency
  valid_min: number | null
  valid_max: number | null
  formula: Formula | null
}

export interface ValueImportRow {
  row: number
  measureId: number
  code: string
  period: string
  value: number
  note: string
}

export interface BenchmarkImportRow {
  row: number
  measureId: number
  code: string
  period: string
  kind: BenchmarkKind
  comparator: string
  value: number
  source: string
}

export const VALUE_COLUMNS = { required: ['measure_code', 'period', 'value'], optional: ['note'] }
export const BENCHMARK_COLUMNS = { required: ['measure_code', 'period', 'benchmark', 'value'], optional: ['source'] }

function missingColumns(table: Table, required: string[]): ImportProblem[] {
  return required
    .filter((c) => !table.columns.includes(c))
    .map((c) => ({ row: 1, column: c, reason: `the column "${c}" is missing from the header row` }))
}

const DEFAULT_RANGES: Record<Unit, [number | null, number | null]> = {
  count: [0, null],
  percent: [0, 100],
  days: [0, null],
  ratio: [0, null],
  money: [null, null],
}

/** The range a value must fall in: the measure's own, or a sensible default for its unit. */
export function validRange(measure: Pick<ImportMeasure, 'unit' | 'valid_min' | 'valid_max'>): {
  min: number | null
  max: number | null
} {
  const [min, max] = DEFAULT_RANGES[measure.unit]
  return { min: measure.valid_min ?? min, max: measure.valid_max ?? max }
}

function checkMeasure(
  code: string,
  row: number,
  measures: ReadonlyMap<string, ImportMeasure>,
  problems: ImportProblem[],
): ImportMeasure | undefined {
  if (!code) {
    problems.push({ row, column: 'measure_code', reason: 'the measure code is empty' })
    return undefined
  }
  const measure = measures.get(code.toLowerCase())
  if (!measure) {
    problems.push({ row, column: 'measure_code', reason: `there is no measure with the code "${code}"` })
    return undefined
  }
  if (measure.formula) {
    problems.push({
      row,
      column: 'measure_code',
      reason: `"${measure.name}" is calculated from other measures, so its values cannot be imported`,
    })
    return undefined
  }
  return measure
}

function checkValue(
  raw: string,
  row: number,
  measure: ImportMeasure | undefined,
  problems: ImportProblem[],
): number | undefined {
  if (!raw.trim()) {
    problems.push({ row, column: 'value', reason: 'the value is empty' })
    return undefined
  }
  const read = readNumber(raw)
  if (!read.ok) {
    problems.push({ row, column: 'value', reason: read.reason })
    return undefined
  }
  const value = read.value
  if (measure) {
    const { min, max } = validRange(measure)
    if ((min !== null && value < min) || (max !== null && value > max)) {
      const range =
        min !== null && max !== null ? `between ${min} and ${max}` : min !== null ? `at least ${min}` : `at most ${max}`
      problems.push({
        row,
        column: 'value',
        reason: `${value} is outside the valid range for "${measure.name}" (${range})`,
      })
      return undefined
    }
  }
  return value
}

export function validateValueImport(
  table: Table,
  measures: ReadonlyMap<string, ImportMeasure>,
): { rows: ValueImportRow[]; problems: ImportProblem[] } {
  const problems = missingColumns(table, VALUE_COLUMNS.required)
  if (problems.length) return { rows: [], problems }
  const rows: ValueImportRow[] = []
  // The first row of each period, by measure: a map per measure keeps a 100,000-row file quick to check.
  const seen = new Map<number, Map<string, number>>()
  for (const { rowNumber: row, cells } of table.rows) {
    const before = problems.length
    const code = (cells.measure_code ?? '').trim()
    const measure = checkMeasure(code, row, measures, problems)
    let period: string | undefined
    if (measure) {
      const parsed = parsePeriod(cells.period, measure.frequency)
      if (parsed.ok) period = parsed.period
      else problems.push({ row, column: 'period', reason: parsed.reason })
    }
    const value = checkValue(cells.value ?? '', row, measure, problems)
    if (measure && period) {
      let periods = seen.get(measure.id)
      if (!periods) seen.set(measure.id, (periods = new Map<string, number>()))
      const first = periods.get(period)
      if (first !== undefined) {
        problems.push({
          row,
          column: 'period',
          reason: `a duplicate of row ${first}: the same measure and period appear twice`,
        })
      } else periods.set(period, row)
    }
    if (problems.length === before && measure && period && value !== undefined) {
      rows.push({
        row,
        measureId: measure.id,
        code: measure.code,
        period,
        value,
        note: (cells.note ?? '').trim().slice(0, 500),
      })
    }
  }
  return { rows, problems }
}

function readBenchmarkKind(raw: string): { kind: BenchmarkKind; comparator: string } | undefined {
  const text = raw.trim()
  const lower = text.toLowerCase().replace(/[\s_-]+/g, ' ')
  if (!text) return undefined
  if (lower === 'england' || lower === 'national') return { kind: 'england', comparator: '' }
  if (lower === 'statistical neighbours' || lower === 'statistical neighbour average' || lower === 'sn') {
    return { kind: 'statistical-neighbours', comparator: '' }
  }
  if (lower === 'region' || lower === 'regional') return { kind: 'region', comparator: '' }
  if (BENCHMARK_KINDS.includes(lower as BenchmarkKind)) return { kind: lower as BenchmarkKind, comparator: '' }
  return { kind: 'comparator', comparator: text.slice(0, 100) }
}

export function validateBenchmarkImport(
  table: Table,
  measures: ReadonlyMap<string, ImportMeasure>,
): { rows: BenchmarkImportRow[]; problems: ImportProblem[] } {
  const problems = missingColumns(table, BENCHMARK_COLUMNS.required)
  if (problems.length) return { rows: [], problems }
  const rows: BenchmarkImportRow[] = []
  const seen = new Map<string, number>()
  for (const { rowNumber: row, cells } of table.rows) {
    const before = problems.length
    const code = (cells.measure_code ?? '').trim()
    const measure = measures.get(code.toLowerCase())
    if (!code) problems.push({ row, column: 'measure_code', reason: 'the measure code is empty' })
    else if (!measure)
      problems.push({ row, column: 'measure_code', reason: `there is no measure with the code "${code}"` })
    let period: string | undefined
    if (measure) {
      const parsed = parsePeriod(cells.period, measure.frequency)
      if (parsed.ok) period = parsed.period
      else problems.push({ row, column: 'period', reason: parsed.reason })
    }
    const benchmark = readBenchmarkKind(cells.benchmark ?? '')
    if (!benchmark) {
      problems.push({
        row,
        column: 'benchmark',
        reason: 'say which benchmark: England, statistical neighbours, region, or a comparator name',
      })
    }
    const value = checkValue(cells.value ?? '', row, measure, problems)
    if (measure && period && benchmark) {
      const key = `${measure.id}|${period}|${benchmark.kind}|${benchmark.comparator.toLowerCase()}`
      const first = seen.get(key)
      if (first !== undefined) problems.push({ row, column: 'period', reason: `a duplicate of row ${first}` })
      else seen.set(key, row)
    }
    if (problems.length === before && measure && period && benchmark && value !== undefined) {
      rows.push({
        row,
        measureId: measure.id,
        code: measure.code,
        period,
        ...benchmark,
        value,
        source: (cells.source ?? '').trim().slice(0, 200),
      })
    }
  }
  return { rows, problems }
}
