// The published release files Turnaround reads, each recognised by its columns, and how their rows become
// national figures. A suppressed figure (c, x, z, low, ...) keeps its marker and never becomes zero.
import type { AreaLevel } from '../db/database.js'
import type { TableRow } from '../shared/read-table.js'

export interface AreaRow {
  code: string
  level: AreaLevel
  name: string
  onsCode: string | null
  regionCode: string | null
  /** The year of the row the area was read from: the latest row's name and region win. */
  year: number
}

export interface FigureRow {
  indicator: string
  areaCode: string
  year: number
  value: number | null
  numerator: number | null
  denominator: number | null
  suppression: string | null
}

export interface RowProblem {
  row: number
  column: string
  reason: string
}

export interface Extracted {
  areas: AreaRow[]
  figures: FigureRow[]
  problems: RowProblem[]
}

export interface FigureDataset {
  kind: 'figures'
  id: string
  title: string
  file: string
  columns: string[]
  extract(rows: TableRow[]): Extracted
}

/** What DfE's markers mean, in words shown beside "not published". */
const SUPPRESSION_REASONS: Record<string, string> = {
  c: 'suppressed to protect confidentiality',
  x: 'not available',
  z: 'not applicable',
  u: 'low reliability',
  low: 'a small number that rounds to zero',
  k: 'a small number that rounds to zero',
  ':': 'not available',
}

export function suppressionText(code: string): string {
  return `not published (${SUPPRESSION_REASONS[code] ?? `marked "${code}"`})`
}

const NUMBER = /^-?\d+(\.\d+)?$/

export function parseFigure(text: string | undefined): { value: number | null; suppression: string | null } {
  const t = (text ?? '').trim()
  if (NUMBER.test(t)) return { value: Number(t), suppression: null }
  if (t === '') return { value: null, suppression: 'x' }
  return { value: null, suppression: t.toLowerCase() }
}

function numberOrNull(text: string | undefined): number | null {
  const t = (text ?? '').trim()
  return NUMBER.test(t) ? Number(t) : null
}

function sumOrNull(texts: Array<string | undefined>): number | null {
  const numbers = texts.map(numberOrNull)
  if (numbers.some((v) => v === null)) return null
  // Rounded to the published precision, so 1.1 + 2.2 is 3.3 and not 3.3000000000000003.
  return Math.round((numbers as number[]).reduce((a, b) => a + b, 0) * 1000) / 1000
}

const AREA_COLUMNS = [
  'time_period',
  'geographic_level',
  'country_code',
  'region_code',
  'region_name',
  'old_la_code',
  'la_name',
]

// Area names are shown to every council (benchmarks, banners, exports), so a file may only bring plain names:
// letters, digits, spaces and the punctuation real place names use, at most AREA_NAME_MAX characters.
const AREA_NAME_MAX = 100
const AREA_NAME = /^[\p{L}\p{M}\p{N} .,'’&()/-]+$/u

/** Why a name read from a release file cannot be an area's name, or undefined when it can. */
export function areaNameProblem(name: string): string | undefined {
  if (name.length > AREA_NAME_MAX) return `is ${name.length} characters long; an area name has at most ${AREA_NAME_MAX}`
  if (!AREA_NAME.test(name)) {
    return "has characters a place name does not (only letters, digits, spaces and . , ' ’ & ( ) / - are allowed)"
  }
  return undefined
}

/** The name in the named column, or a problem (and no name) when it is not a plain place name. */
function checkedName(row: TableRow, column: 'region_name' | 'la_name', problems: RowProblem[]): string | undefined {
  const name = row.cells[column]
  if (!name) return undefined
  const problem = areaNameProblem(name)
  if (!problem) return name
  problems.push({ row: row.rowNumber, column, reason: problem })
  return undefined
}

/** The area and year of a row, or a problem. Rows at other levels (e.g. local authority district) are skipped. */
function areaOf(row: TableRow, problems: RowProblem[]): AreaRow | null {
  const c = row.cells
  const yearText = c.time_period ?? ''
  // Financial-year periods such as 202425 mean the year ending in 2025.
  const year = /^\d{4}$/.test(yearText)
    ? Number(yearText)
    : /^\d{6}$/.test(yearText)
      ? Number(yearText.slice(0, 4)) + 1
      : NaN
  if (!Number.isInteger(year) || year < 1990 || year > 2100) {
    problems.push({ row: row.rowNumber, column: 'time_period', reason: `"${yearText}" is not a year such as 2025` })
    return null
  }
  const level = (c.geographic_level ?? '').toLowerCase()
  if (level === 'national') {
    return {
      code: c.country_code || 'E92000001',
      level: 'national',
      name: 'England',
      onsCode: c.country_code || null,
      regionCode: null,
      year,
    }
  }
  if (level === 'regional') {
    if (!c.region_code)
      problems.push({ row: row.rowNumber, column: 'region_code', reason: 'is empty for a regional row' })
    return c.region_code
      ? {
          code: c.region_code,
          level: 'regional',
          name: checkedName(row, 'region_name', problems) ?? c.region_code,
          onsCode: c.region_code,
          regionCode: null,
          year,
        }
      : null
  }
  if (level === 'local authority') {
    // Councils that report jointly appear as "314 / 318" (Kingston and Richmond) and keep that code.
    if (!/^\d{3}( \/ \d{3})*$/.test(c.old_la_code ?? '')) {
      problems.push({
        row: row.rowNumber,
        column: 'old_la_code',
        reason: `"${c.old_la_code ?? ''}" is not a 3-digit local authority code`,
      })
      return null
    }
    return {
      code: c.old_la_code!,
      level: 'local authority',
      name: checkedName(row, 'la_name', problems) ?? c.old_la_code!,
      onsCode: c.new_la_code || null,
      regionCode: c.region_code || null,
      year,
    }
  }
  return null
}

/** Reads one figure per row per indicator from named columns. */
function columnsDataset(
  id: string,
  title: string,
  file: string,
  specs: Array<{
    indicator: string
    value: string
    numerator?: string
    /** A column, or columns whose sum is the denominator (e.g. agency + in post). */
    denominator?: string | string[]
    filter?: Record<string, string>
  }>,
): FigureDataset {
  const extra = specs.flatMap((s) => [
    s.value,
    s.numerator,
    ...[s.denominator ?? []].flat(),
    ...Object.keys(s.filter ?? {}),
  ])
  return {
    kind: 'figures',
    id,
    title,
    file,
    columns: [...new Set([...AREA_COLUMNS, ...extra.filter((c): c is string => Boolean(c))])],
    extract(rows) {
      const problems: RowProblem[] = []
      const areas: AreaRow[] = []
      const figures: FigureRow[] = []
      for (const row of rows) {
        const area = areaOf(row, problems)
        if (!area) continue
        areas.push(area)
        for (const s of specs) {
          if (s.filter && !Object.entries(s.filter).every(([k, v]) => row.cells[k] === v)) continue
          figures.push({
            indicator: s.indicator,
            areaCode: area.code,
            year: area.year,
            ...parseFigure(row.cells[s.value]),
            numerator: s.numerator ? numberOrNull(row.cells[s.numerator]) : null,
            denominator: s.denominator ? sumOrNull([s.denominator].flat().map((c) => row.cells[c])) : null,
          })
        }
      }
      return { areas, figures, problems }
    },
  }
}

/**
 * Reads a percentage published as one row per breakdown: the figure's row gives the count and percentage,
 * the total row (same area, year and group) gives the denominator.
 */
function breakdownDataset(
  id: string,
  title: string,
  file: string,
  cols: { group: string; breakdown: string; count: string; percent: string; total: string },
  specs: Array<{ indicator: string; group: string; breakdown: string }>,
): FigureDataset {
  return {
    kind: 'figures',
    id,
    title,
    file,
    columns: [...AREA_COLUMNS, cols.group, cols.breakdown, cols.count, cols.percent],
    extract(rows) {
      const problems: RowProblem[] = []
      const areas: AreaRow[] = []
      const figures: FigureRow[] = []
      const totals = new Map<string, number | null>()
      const found: Array<{ spec: (typeof specs)[number]; area: AreaRow; row: TableRow }> = []
      for (const row of rows) {
        const area = areaOf(row, problems)
        if (!area) continue
        areas.push(area)
        const group = row.cells[cols.group]
        const breakdown = row.cells[cols.breakdown]
        if (breakdown === cols.total)
          totals.set(`${area.code}|${area.year}|${group}`, numberOrNull(row.cells[cols.count]))
        for (const spec of specs) {
          if (spec.group === group && spec.breakdown === breakdown) found.push({ spec, area, row })
        }
      }
      for (const { spec, area, row } of found) {
        figures.push({
          indicator: spec.indicator,
          areaCode: area.code,
          year: area.year,
          ...parseFigure(row.cells[cols.percent]),
          numerator: numberOrNull(row.cells[cols.count]),
          denominator: totals.get(`${area.code}|${area.year}|${spec.group}`) ?? null,
        })
      }
      return { areas, figures, problems }
    },
  }
}

export const FIGURE_DATASETS: FigureDataset[] = [
  columnsDataset(
    'c1-referrals',
    'Referrals and re-referrals (CIN census table C1)',
    'dfe/c1_children_in_need_referrals_and_rereferrals_2013_to_2025.csv',
    [
      {
        indicator: 'rereferrals',
        value: 'rereferral_percent',
        numerator: 'rereferral_count',
        denominator: 'referral_count',
      },
    ],
  ),
  columnsDataset(
    'b1-children-in-need',
    'Children in need (CIN census table B1)',
    'dfe/b1_children_in_need_2013_to_2025.csv',
    [{ indicator: 'cin-count', value: 'at31_episodes' }],
  ),
  columnsDataset(
    'd3-repeat-plans',
    'Repeat child protection plans (CIN census table D3)',
    'dfe/d3_cpps_subsequent_plan_2013_to_2025.csv',
    [
      {
        indicator: 'repeat-cpp',
        value: 'cpp_subsequent_percent',
        numerator: 'cpp_subsequent',
        denominator: 'cpp_start',
      },
    ],
  ),
  columnsDataset(
    'cla-numbers',
    'Children looked after: numbers and rates per 10,000',
    'dfe/cla_number_and_rate_per_10k_children.csv',
    [
      {
        indicator: 'cla-rate',
        value: 'rate_per_10000',
        numerator: 'children_count',
        denominator: 'population_estimate',
        filter: { population_type: 'Children looked after on 31 March each year' },
      },
      {
        indicator: 'child-population',
        value: 'population_estimate',
        filter: { population_type: 'Children looked after on 31 March each year' },
      },
    ],
  ),
  breakdownDataset(
    'cla-placement-stability',
    'Children looked after: placement stability',
    'dfe/la_cla_placement_stability.csv',
    {
      group: 'cla_group',
      breakdown: 'placement_stability',
      count: 'children_count',
      percent: 'children_percent',
      total: 'Total children',
    },
    [
      {
        indicator: 'placement-moves',
        group: 'CLA on 31 March',
        breakdown: 'With 3 or more placements during the year',
      },
      {
        indicator: 'placement-long-term',
        group: 'Children looked after continuously for at least 2.5 years on 31 March aged under 16 years',
        breakdown: 'Living with the same carer for at least 2 years',
      },
    ],
  ),
  breakdownDataset(
    'care-leavers-accommodation',
    'Care leavers: suitability of accommodation',
    'dfe/la_care_leavers_accommodation_suitability.csv',
    {
      group: 'care_leaver_age',
      breakdown: 'breakdown',
      count: 'care_leaver_count',
      percent: 'care_leaver_percent',
      total: 'Suitability total',
    },
    [
      {
        indicator: 'care-leavers-suitable-17-18',
        group: '17 to 18 years',
        breakdown: 'Accommodation considered suitable',
      },
      {
        indicator: 'care-leavers-suitable-19-21',
        group: '19 to 21 years',
        breakdown: 'Accommodation considered suitable',
      },
    ],
  ),
  columnsDataset('csww-workforce', "Children's social work workforce", 'dfe/csww_indicators_2017_to_2025.csv', [
    { indicator: 'sw-turnover', value: 'turnover_rate_fte', numerator: 'leavers_fte' },
    {
      indicator: 'sw-agency',
      value: 'agency_rate_fte',
      numerator: 'agency_fte',
      denominator: ['agency_fte', 'inpost_fte'],
    },
    {
      indicator: 'sw-vacancy',
      value: 'vacancy_rate_fte',
      numerator: 'vacancy_fte',
      denominator: ['vacancy_fte', 'inpost_fte'],
    },
    { indicator: 'sw-caseload', value: 'caseload_fte', numerator: 'cases', denominator: 'case_holders_fte' },
    { indicator: 'sw-absence', value: 'absence_rate_fte', numerator: 'working_days_lost_fte' },
  ]),
]

/** Statistical neighbours: DfE's 2025 model, ten per council by old LA code, with closeness. */
const SN_DATASET = {
  kind: 'neighbours' as const,
  id: 'sn-model',
  title: 'Statistical neighbours (DfE 2025 model)',
  file: 'dfe/sn_model_2025_wide.csv',
  columns: ['old_la_code', 'la_name', ...Array.from({ length: 10 }, (_, i) => [`sn_${i + 1}`, `sn_${i + 1}p`]).flat()],
}

const OFSTED_DATASETS = [
  {
    kind: 'ofsted' as const,
    id: 'ofsted-history',
    title: 'Ofsted inspections of children’s services (ILACS), 2018 to March 2025',
    file: 'ofsted/ofsted_ilacs_inspection_history_2018_2025.csv',
    columns: [
      'local_authority_area_code',
      'inspection_date',
      'publication_date',
      'inspection_type',
      'overall_effectiveness',
    ],
  },
  {
    kind: 'ofsted' as const,
    id: 'ofsted-in-year',
    title: 'Ofsted inspections and visits in 2024-25',
    file: 'ofsted/ofsted_la_in_year_inspections_2024_25.csv',
    columns: [
      'local_authority_area_code',
      'inspection/visit_date',
      'publication_date',
      'inspection/visit_type',
      'overall_effectiveness',
    ],
  },
  {
    kind: 'ofsted' as const,
    id: 'ofsted-ilacs-scrape',
    title: 'ILACS judgements from Ofsted reports to mid-2026 (data-to-insight)',
    file: 'ofsted/ilacs-history-2018-2026-d2i.csv',
    columns: [
      'la_code',
      'inspection_framework',
      'inspection_start_date',
      'publication_date',
      'overall_effectiveness_grade',
    ],
  },
]

export type AnyDataset = FigureDataset | typeof SN_DATASET | (typeof OFSTED_DATASETS)[number]

/** Every dataset in the order a first load needs: areas come from the DfE figures. */
export const ALL_DATASETS: AnyDataset[] = [...FIGURE_DATASETS, SN_DATASET, ...OFSTED_DATASETS]

export function datasetById(id: string): AnyDataset | undefined {
  return ALL_DATASETS.find((d) => d.id === id)
}

/** The dataset's columns the file lacks (column names compared as read: lower case, underscores). */
export function missingColumns(dataset: AnyDataset, columns: string[]): string[] {
  const have = new Set(columns)
  return dataset.columns.filter((c) => !have.has(c))
}
