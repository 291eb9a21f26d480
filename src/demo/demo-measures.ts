// Demo success measures: Bradford's monthly Vital Signs, August 2018 to November 2021, from the tables in the
// Commissioner's 2022 review (shipped in data/workforce-monthly.csv), with derived vacancy figures, targets,
// and England and Yorkshire and the Humber benchmarks from DfE's children's social work workforce
// statistics (Open Government Licence v3.0), taken at 30 September each year.
import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import { projectRoot } from '../shared/project-root.js'
import type { DbOrTx } from '../db/connect.js'
import { jsonb } from '../db/connect.js'
import type { Unit } from '../shared/units.js'
import type { Polarity } from '../shared/polarity.js'
import type { Frequency } from '../shared/calendar.js'
import type { Formula, VitalSign } from '../db/database.js'

interface DemoMeasure {
  code: string
  name: string
  definition: string
  caveats?: string
  comparability?: string
  unit: Unit
  polarity: Polarity
  frequency: Frequency
  vitalSign: VitalSign
  column?: string
  formula?: Formula
  strands: string[]
  decimals?: number
  target?: { value: number; date: string; note: string }
  benchmarks?: Array<{ kind: 'england' | 'region'; period: string; value: number }>
  validMax?: number
  /** The national indicator whose official yearly figures benchmark this measure. */
  national?: string
}

const CSWW = "DfE children's social work workforce statistics, 30 September"

/** DfE CSWW figures at 30 September each year: [England, Yorkshire and The Humber]. */
const CSWW_SEPTEMBER: Record<'vacancy' | 'agency' | 'caseload', Record<string, [number, number]>> = {
  vacancy: {
    '2018-09-01': [16.5, 6.4],
    '2019-09-01': [16.4, 9.1],
    '2020-09-01': [16.1, 12.8],
    '2021-09-01': [16.7, 15.7],
  },
  agency: {
    '2018-09-01': [15.4, 8],
    '2019-09-01': [15.8, 10.2],
    '2020-09-01': [15.4, 11.1],
    '2021-09-01': [15.5, 12.8],
  },
  caseload: {
    '2018-09-01': [17.4, 17.9],
    '2019-09-01': [16.9, 18],
    '2020-09-01': [16.3, 16.9],
    '2021-09-01': [16.3, 16.9],
  },
}

function benchmarksFor(series: keyof typeof CSWW_SEPTEMBER): DemoMeasure['benchmarks'] {
  return Object.entries(CSWW_SEPTEMBER[series]).flatMap(([period, [england, region]]) => [
    { kind: 'england' as const, period, value: england },
    { kind: 'region' as const, period, value: region },
  ])
}

const DEMO_MEASURES: DemoMeasure[] = [
  {
    code: 'VS-POSTS',
    name: 'Social work posts on the structure',
    definition: 'Funded social work posts in the staffing structure at the end of the month.',
    unit: 'count',
    polarity: 'neutral',
    frequency: 'monthly',
    vitalSign: 'workforce',
    column: 'social_work_posts_on_structure',
    strands: ['8'],
  },
  {
    code: 'VS-EMPLOYEES',
    name: 'Permanent social workers in post',
    definition: 'Social workers employed by the council (not agency) at the end of the month.',
    unit: 'count',
    polarity: 'higher',
    frequency: 'monthly',
    vitalSign: 'workforce',
    column: 'social_work_employees',
    strands: ['8'],
  },
  {
    code: 'VS-AGENCY',
    name: 'Agency social workers (FTE)',
    definition: 'Full-time equivalent agency social workers at the end of the month.',
    unit: 'count',
    polarity: 'lower',
    frequency: 'monthly',
    vitalSign: 'workforce',
    column: 'agency_social_workers_fte',
    strands: ['8'],
  },
  {
    code: 'VS-VACANCIES',
    name: 'Posts not filled by a permanent social worker',
    definition: 'Social work posts on the structure minus permanent social workers in post, at the end of the month.',
    caveats:
      'Computed from two series in the Commissioner’s review, not the council’s recorded vacancies: the posts include managers and other roles, so it counts more than vacancies. On 19 December 2021 the council recorded 124 vacancies where this gives 167 for November.',
    unit: 'count',
    polarity: 'lower',
    frequency: 'monthly',
    vitalSign: 'workforce',
    formula: { op: 'difference', a: 'VS-POSTS', b: 'VS-EMPLOYEES' },
    strands: ['8'],
  },
  {
    code: 'VS-VACANCY-RATE',
    name: 'Posts not filled by a permanent social worker (% of posts)',
    definition: 'Posts not filled by a permanent social worker as a percentage of social work posts on the structure.',
    caveats:
      'Posts include managers and other roles, and a post filled by an agency worker counts as not filled, so this runs higher than a vacancy rate.',
    comparability:
      'DfE’s vacancy rate counts vacant full-time-equivalent social worker posts at 30 September as a share of vacancies and filled posts.',
    unit: 'percent',
    polarity: 'lower',
    frequency: 'monthly',
    vitalSign: 'workforce',
    formula: { op: 'percent', a: 'VS-VACANCIES', b: 'VS-POSTS' },
    strands: ['8'],
    target: { value: 15, date: '2023-03-31', note: 'Close to the England rate' },
    benchmarks: benchmarksFor('vacancy'),
    national: 'sw-vacancy',
  },
  {
    code: 'VS-AGENCY-SHARE',
    name: 'Agency share of the social work workforce',
    definition: 'Agency social workers as a percentage of agency plus permanent social workers.',
    caveats: 'Agency workers are counted as full-time equivalents and permanent social workers as people.',
    comparability:
      'Close to, but not the same as, DfE’s agency rate, which counts both as full-time equivalents at 30 September.',
    unit: 'percent',
    polarity: 'lower',
    frequency: 'monthly',
    vitalSign: 'workforce',
    formula: { op: 'share', a: 'VS-AGENCY', b: 'VS-EMPLOYEES' },
    strands: ['8'],
    target: { value: 20, date: '2023-03-31', note: 'Halve reliance on agency staff' },
    benchmarks: benchmarksFor('agency'),
    national: 'sw-agency',
  },
  {
    code: 'VS-CASELOAD',
    name: 'Average social worker caseload',
    definition: 'Children allocated per case-holding social worker at the end of the month.',
    comparability:
      'DfE’s average caseload is cases per case-holding full-time-equivalent social worker at 30 September; the council counts at each month’s end.',
    unit: 'count',
    polarity: 'lower',
    frequency: 'monthly',
    vitalSign: 'workforce',
    column: 'average_caseload',
    strands: ['8', '9'],
    target: { value: 18, date: '2022-03-31', note: 'Manageable caseloads' },
    benchmarks: benchmarksFor('caseload'),
    national: 'sw-caseload',
    validMax: 100,
  },
  {
    code: 'VS-OPEN-CASES',
    name: 'Open cases',
    definition: 'Children with an open social care case at the end of the month.',
    unit: 'count',
    polarity: 'neutral',
    frequency: 'monthly',
    vitalSign: 'demand',
    column: 'total_open_cases',
    strands: ['1', '3a'],
    decimals: 0,
  },
]

/** Reads the shipped CSV: month_end (yyyy-mm-dd) and one column per series. */
export function readWorkforceCsv(): Array<Record<string, string>> {
  const file = path.join(projectRoot, 'src/demo/data/workforce-monthly.csv')
  return parse<Record<string, string>>(fs.readFileSync(file), { columns: true, skip_empty_lines: true, trim: true })
}

export async function seedDemoMeasures(
  trx: DbOrTx,
  organisationId: number,
  strandIds: Map<string, number>,
  setBy: number,
): Promise<void> {
  const rows = readWorkforceCsv()
  for (const [position, m] of DEMO_MEASURES.entries()) {
    const measure = await trx
      .insertInto('measure')
      .values({
        organisation_id: organisationId,
        code: m.code,
        name: m.name,
        definition: m.definition,
        unit: m.unit,
        polarity: m.polarity,
        frequency: m.frequency,
        source: m.formula
          ? 'Calculated in Turnaround'
          : "Commissioner's review of children's services in Bradford, 2022 (tables 2 to 5)",
        owner: 'Head of Workforce Development',
        valid_max: m.validMax ?? null,
        decimals: m.decimals ?? 1,
        vital_sign: m.vitalSign,
        formula: m.formula ? jsonb(m.formula) : null,
        national_indicator: m.national ?? null,
        caveats: m.caveats ?? '',
        comparability: m.comparability ?? '',
        position: position + 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    const links = m.strands.map((code) => strandIds.get(code)).filter((id): id is number => id !== undefined)
    if (links.length)
      await trx
        .insertInto('measure_strand')
        .values(links.map((strand_id) => ({ measure_id: measure.id, strand_id })))
        .execute()
    if (m.column) {
      const values = rows
        .filter((r) => r[m.column!] !== '' && r[m.column!] !== undefined)
        .map((r) => ({
          measure_id: measure.id,
          period: `${r.month_end!.slice(0, 7)}-01`,
          value: Number(r[m.column!]),
          note: '',
        }))
      if (values.length) await trx.insertInto('measure_value').values(values).execute()
    }
    if (m.target) {
      await trx
        .insertInto('measure_target')
        .values({
          measure_id: measure.id,
          value: m.target.value,
          target_date: m.target.date,
          note: m.target.note,
          set_by: setBy,
          set_at: '2022-04-01T09:00:00Z',
        })
        .execute()
    }
    if (m.benchmarks?.length) {
      await trx
        .insertInto('measure_benchmark')
        .values(
          m.benchmarks.map((b) => ({
            measure_id: measure.id,
            kind: b.kind,
            comparator: '',
            period: b.period,
            value: b.value,
            source: CSWW,
          })),
        )
        .execute()
    }
  }
}
