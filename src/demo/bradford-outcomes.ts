// The demo council's outcome measures: Bradford's own yearly figures (DfE old LA code 380) taken from the
// official statistics shipped in national-data/, one annual measure per national indicator, each linked to
// the plan objectives it gives evidence on. The figures are DfE's (Open Government Licence v3.0); names,
// definitions and caveats are our own words.
//
// Which financial year a DfE year is stored against follows the calendar (src/shared/calendar.ts) and the
// way a measure is set beside its national indicator (latestYearBy in src/national/present.ts): a figure
// for the year to, or on, 31 March of year Y is the financial year starting 1 April Y-1 ("2022/23" for DfE's
// 2023); a workforce figure counted at 30 September of year Y is the financial year that contains that day,
// starting 1 April Y ("2023/24" for September 2023). Either way the official year compared with the stored
// period is the same year, and never one that ends after it.
import fs from 'node:fs'
import path from 'node:path'
import { parse } from 'csv-parse/sync'
import type { Tx } from '../db/connect.js'
import { FIGURE_DATASETS, type FigureRow } from '../national/datasets.js'
import { INDICATORS_BY_ID, type NationalIndicator } from '../national/indicators.js'
import type { Polarity } from '../shared/polarity.js'
import { projectRoot } from '../shared/project-root.js'
import type { TableRow } from '../shared/read-table.js'
import type { Unit } from '../shared/units.js'

/** Bradford's code in DfE's files. */
export const BRADFORD_LA_CODE = '380'

export interface OutcomeMeasure {
  code: string
  name: string
  definition: string
  unit: Unit
  polarity: Polarity
  decimals: number
  /** The national indicator id the figures are read from (and the measure is benchmarked against). */
  national: string
  /** Where the figures come from, as stored in measure.source. */
  source: string
  /** One value per financial year (period = its first day, 1 April), oldest first. */
  values: Array<{ period: string; value: number }>
  /** Objectives the measure gives evidence on: strand code and 0-based index in bradfordPlan. */
  links: Array<{ strand: string; objective: number }>
  caveats: string
}

interface OutcomeSpec {
  code: string
  name: string
  definition: string
  national: string
  source: string
  links: Array<{ strand: string; objective: number }>
  caveats: string
}

const OGL = 'Open Government Licence v3.0'
const CIN_SOURCE = `DfE official statistics: Children in need (${OGL})`
const CLA_SOURCE = `DfE official statistics: Children looked after in England (${OGL})`
const CSWW_SOURCE = `DfE official statistics: Children's social work workforce (${OGL})`

const MARCH_YEAR =
  'Each figure covers a year to 31 March and is stored against that financial year (DfE’s 2023 is 2022/23).'
const MARCH_DAY =
  'Each figure is a count on 31 March and is stored against the financial year ending that day (DfE’s 2023 is 2022/23).'

const OUTCOME_SPECS: OutcomeSpec[] = [
  {
    code: 'OUT-REREFERRALS',
    name: 'Referrals within a year of an earlier referral',
    definition:
      'Of all referrals to children’s social care during the year, the percentage about a child already referred in the previous 12 months.',
    national: 'rereferrals',
    source: CIN_SOURCE,
    links: [
      { strand: '1', objective: 0 },
      { strand: '1', objective: 1 },
    ],
    caveats: `Counts referrals rather than children, so a child referred several times adds to both parts. ${MARCH_YEAR}`,
  },
  {
    code: 'OUT-REPEAT-CPP',
    name: 'Child protection plans that are not the child’s first',
    definition:
      'Of the child protection plans started during the year, the percentage for a child who had been the subject of a plan before, at any time.',
    national: 'repeat-cpp',
    source: CIN_SOURCE,
    links: [{ strand: '3a', objective: 1 }],
    caveats: `An earlier plan counts however long ago it ended. The percentage swings more in a year when fewer plans start. ${MARCH_YEAR}`,
  },
  {
    code: 'OUT-CLA-RATE',
    name: 'Children in care per 10,000 children',
    definition:
      'Children looked after by the council on 31 March for every 10,000 children under 18 living in the district.',
    national: 'cla-rate',
    source: CLA_SOURCE,
    links: [
      { strand: '4', objective: 0 },
      { strand: '4', objective: 1 },
    ],
    caveats: `The number of children is DfE’s population estimate for the year; the shipped file begins with 2020/21. Neither a rise nor a fall is good in itself. ${MARCH_DAY}`,
  },
  {
    code: 'OUT-PLACEMENT-MOVES',
    name: 'Children in care who moved home three or more times in the year',
    definition:
      'Of the children in care on 31 March, the percentage who had lived in three or more placements during the year before.',
    national: 'placement-moves',
    source: CLA_SOURCE,
    links: [
      { strand: '5', objective: 0 },
      { strand: '5', objective: 1 },
    ],
    caveats: `Published as a whole-number percentage, so a one-point change may be rounding. ${MARCH_YEAR}`,
  },
  {
    code: 'OUT-PLACEMENT-LONG-TERM',
    name: 'Children in long-term care settled with the same carer',
    definition:
      'Of the children under 16 who on 31 March had been in care for two and a half years or more, the percentage who had been living with the same carer for at least the last two years.',
    national: 'placement-long-term',
    source: CLA_SOURCE,
    links: [{ strand: '5', objective: 1 }],
    caveats: `Published as a whole-number percentage. Only children still in care on 31 March are counted. ${MARCH_DAY}`,
  },
  {
    code: 'OUT-CARE-LEAVERS-17-18',
    name: 'Care leavers aged 17 or 18 living somewhere suitable',
    definition:
      'Of the council’s care leavers aged 17 or 18, the percentage whose accommodation was judged suitable for them.',
    national: 'care-leavers-suitable-17-18',
    source: CLA_SOURCE,
    links: [{ strand: '5', objective: 2 }],
    caveats: `Young people whose accommodation was not known stay in the total, so gaps in contact lower the figure. Published as a whole-number percentage. ${MARCH_YEAR}`,
  },
  {
    code: 'OUT-CARE-LEAVERS-19-21',
    name: 'Care leavers aged 19 to 21 living somewhere suitable',
    definition:
      'Of the council’s care leavers aged 19, 20 or 21, the percentage whose accommodation was judged suitable for them.',
    national: 'care-leavers-suitable-19-21',
    source: CLA_SOURCE,
    links: [{ strand: '5', objective: 2 }],
    caveats: `Young people whose accommodation was not known stay in the total, so gaps in contact lower the figure. Published as a whole-number percentage. ${MARCH_YEAR}`,
  },
  {
    code: 'OUT-SW-TURNOVER',
    name: 'Social workers leaving the council in the year',
    definition:
      'Children and family social workers employed by the council (full-time equivalent) who left in the 12 months to 30 September, as a percentage of those in post on that day.',
    national: 'sw-turnover',
    source: CSWW_SOURCE,
    links: [{ strand: '8', objective: 2 }],
    caveats:
      'Counts employed staff only, not agency workers. DfE’s workforce year ends on 30 September, so each figure is stored against the financial year that contains that day (September 2023 is 2023/24), although half of the 12 months it covers, October to March, fall in the financial year before.',
  },
]

/** Links from the monthly measures seeded by demo-measures.ts to the objectives they give evidence on. */
export const EXISTING_MEASURE_OBJECTIVE_LINKS: Array<{ code: string; strand: string; objective: number }> = [
  // Growing our own and recruiting permanently both add to the permanent workforce.
  { code: 'VS-EMPLOYEES', strand: '8', objective: 0 },
  { code: 'VS-EMPLOYEES', strand: '8', objective: 1 },
  { code: 'VS-AGENCY', strand: '8', objective: 1 },
  { code: 'VS-AGENCY-SHARE', strand: '8', objective: 1 },
  { code: 'VS-VACANCIES', strand: '8', objective: 1 },
  { code: 'VS-VACANCY-RATE', strand: '8', objective: 1 },
  { code: 'VS-CASELOAD', strand: '8', objective: 2 },
  // Demand that reaches social work after the front door has decided what a child needs.
  { code: 'VS-OPEN-CASES', strand: '1', objective: 0 },
  { code: 'VS-OPEN-CASES', strand: '1', objective: 1 },
]

/** The financial year (its first day) a DfE year's figure is stored against; see the header. */
export function periodForYear(year: number, indicator: Pick<NationalIndicator, 'reference'>): string {
  return `${indicator.reference.on === 'september' ? year : year - 1}-04-01`
}

/**
 * Reads a shipped CSV into rows as readTable does (headers lower-cased, byte order mark dropped, cells
 * trimmed), but synchronously: the shipped files are UTF-8 CSV and well within readTable's limits.
 */
function readShippedCsv(file: string): TableRow[] {
  const records: string[][] = parse(fs.readFileSync(path.join(projectRoot, 'national-data', file)), {
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    trim: true,
  })
  const [header = [], ...body] = records
  const columns = header.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_'),
  )
  const rows: TableRow[] = []
  body.forEach((record, i) => {
    if (record.every((c) => c === '')) return
    rows.push({ rowNumber: i + 2, cells: Object.fromEntries(columns.map((c, j) => [c, record[j] ?? ''])) })
  })
  return rows
}

/** Bradford's published figures for the given indicators, by indicator then year (the last row wins, as in a load). */
function bradfordFigures(indicatorIds: string[]): Map<string, Map<number, FigureRow>> {
  const wanted = new Set(indicatorIds)
  const datasets = new Set(indicatorIds.map((id) => INDICATORS_BY_ID.get(id)?.dataset))
  const byIndicator = new Map<string, Map<number, FigureRow>>()
  for (const dataset of FIGURE_DATASETS) {
    if (!datasets.has(dataset.id)) continue
    const { figures } = dataset.extract(readShippedCsv(dataset.file))
    for (const f of figures) {
      if (f.areaCode !== BRADFORD_LA_CODE || !wanted.has(f.indicator)) continue
      const years = byIndicator.get(f.indicator) ?? new Map<number, FigureRow>()
      years.set(f.year, f)
      byIndicator.set(f.indicator, years)
    }
  }
  return byIndicator
}

/** Bradford's outcome measures from the shipped official statistics, annual, one per indicator. */
export function bradfordOutcomeMeasures(): OutcomeMeasure[] {
  const figures = bradfordFigures(OUTCOME_SPECS.map((s) => s.national))
  return OUTCOME_SPECS.map((spec) => {
    const indicator = INDICATORS_BY_ID.get(spec.national)
    if (!indicator) throw new Error(`No national indicator "${spec.national}" for ${spec.code}`)
    const values = [...(figures.get(spec.national)?.values() ?? [])]
      // A suppressed or missing figure is left out, never read as zero.
      .filter((f): f is FigureRow & { value: number } => f.value !== null && Number.isFinite(f.value))
      .sort((a, b) => a.year - b.year)
      .map((f) => ({ period: periodForYear(f.year, indicator), value: f.value }))
    return {
      code: spec.code,
      name: spec.name,
      definition: spec.definition,
      unit: indicator.unit,
      polarity: indicator.polarity,
      decimals: indicator.decimals,
      national: spec.national,
      source: spec.source,
      values,
      links: spec.links,
      caveats: spec.caveats,
    }
  })
}

/**
 * Adds the outcome measures, their yearly values and their links to objectives (and the objectives'
 * strands) for the demo council, and links the existing monthly measures to their objectives. All within
 * `trx`. `objectiveId` gives the id of a strand's objective by its 0-based index, or undefined.
 */
export async function seedBradfordOutcomes(
  trx: Tx,
  organisationId: number,
  objectiveId: (strandCode: string, objectiveIndex: number) => number | undefined,
  _setBy: number,
): Promise<void> {
  const objectiveIds = (links: Array<{ strand: string; objective: number }>) => [
    ...new Set(links.map((l) => objectiveId(l.strand, l.objective)).filter((id): id is number => id !== undefined)),
  ]
  const strandsOf = async (ids: number[]) =>
    ids.length
      ? (await trx.selectFrom('objective').select('strand_id').distinct().where('id', 'in', ids).execute()).map(
          (r) => r.strand_id,
        )
      : []

  for (const [i, m] of bradfordOutcomeMeasures().entries()) {
    const measure = await trx
      .insertInto('measure')
      .values({
        organisation_id: organisationId,
        code: m.code,
        name: m.name,
        definition: m.definition,
        unit: m.unit,
        polarity: m.polarity,
        frequency: 'annual',
        source: m.source,
        owner: 'Head of Performance and Insight',
        valid_min: m.unit === 'percent' ? 0 : null,
        valid_max: m.unit === 'percent' ? 100 : null,
        decimals: m.decimals,
        national_indicator: m.national,
        caveats: m.caveats,
        comparability: '',
        position: 100 + i,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (m.values.length)
      await trx
        .insertInto('measure_value')
        .values(m.values.map((v) => ({ measure_id: measure.id, period: v.period, value: v.value, note: '' })))
        .execute()
    const objectives = objectiveIds(m.links)
    if (objectives.length)
      await trx
        .insertInto('measure_objective')
        .values(objectives.map((objective_id) => ({ measure_id: measure.id, objective_id })))
        .execute()
    const strands = await strandsOf(objectives)
    if (strands.length)
      await trx
        .insertInto('measure_strand')
        .values(strands.map((strand_id) => ({ measure_id: measure.id, strand_id })))
        .execute()
  }

  for (const code of new Set(EXISTING_MEASURE_OBJECTIVE_LINKS.map((l) => l.code))) {
    const existing = await trx
      .selectFrom('measure')
      .select('id')
      .where('organisation_id', '=', organisationId)
      .where('code', '=', code)
      .executeTakeFirst()
    if (!existing) continue
    const objectives = objectiveIds(EXISTING_MEASURE_OBJECTIVE_LINKS.filter((l) => l.code === code))
    if (!objectives.length) continue
    await trx
      .insertInto('measure_objective')
      .values(objectives.map((objective_id) => ({ measure_id: existing.id, objective_id })))
      .onConflict((oc) => oc.doNothing())
      .execute()
    // An objective's measure belongs to its strand too (the monthly measures already have these links).
    const strands = await strandsOf(objectives)
    if (strands.length)
      await trx
        .insertInto('measure_strand')
        .values(strands.map((strand_id) => ({ measure_id: existing.id, strand_id })))
        .onConflict((oc) => oc.doNothing())
        .execute()
  }
}
