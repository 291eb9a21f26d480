// The national pages' tables as CSV, with the figures as numbers (suppressed ones empty, with DfE's
// marker beside them) and the derived columns the pages show: averages, ranks, trends, the analysis.
import { toCsv, type Cell } from '../shared/csv.js'
import { fileNumber } from '../shared/units.js'
import type { SurvivalEstimate } from '../shared/kaplan-meier.js'
import type { CouncilBenchmarks, Figure, IndicatorComparison } from './benchmarks.js'
import type { ImprovementJourney } from './ofsted.js'
import { referenceDate, yearLabel } from './present.js'

const value = (f: Figure | undefined): Cell => fileNumber(f?.value)
const marker = (f: Figure | undefined): Cell => f?.suppression ?? ''

/** Every indicator for the council in its leading year, against England, region and neighbours. */
export function benchmarksCsv(data: CouncilBenchmarks): string {
  return toCsv(
    [
      'indicator',
      'indicator_title',
      'unit',
      'year',
      'reference_date',
      'council',
      'council_suppression',
      'england',
      'region',
      'neighbour_average',
      'neighbours_published',
      'rank',
      'of_councils',
      'quarter',
      'change_3_years',
      'change_5_years',
    ],
    data.comparisons.map((c) => {
      const y = c.year
      const at = (series: Map<number, Figure>) => (y === null ? undefined : series.get(y))
      const average = y === null ? undefined : c.neighbourAverage.get(y)
      return [
        c.indicator.id,
        c.indicator.title,
        c.indicator.unitNote ?? c.indicator.unit,
        y === null ? '' : yearLabel(y, c.indicator),
        y === null ? '' : referenceDate(y, c.indicator),
        value(at(c.council)),
        marker(at(c.council)),
        value(at(c.england)),
        value(at(c.region)),
        fileNumber(average?.value),
        average?.counted ?? null,
        c.standing?.rank ?? null,
        c.standing?.of ?? null,
        c.standing?.quartile ?? null,
        ...c.trends.map((t) => fileNumber(t.change?.difference)),
      ]
    }),
  )
}

/** One indicator in one year: the council, each neighbour, their average, region and England. */
export function indicatorCsv(c: IndicatorComparison, councilName: string, regionName: string | null): string {
  const y = c.year
  const at = (series: Map<number, Figure>) => (y === null ? undefined : series.get(y))
  const average = y === null ? undefined : c.neighbourAverage.get(y)
  const area = (name: string, kind: string, f: Figure | undefined, closeness = ''): Cell[] => [
    name,
    kind,
    closeness,
    value(f),
    marker(f),
    null,
    null,
    null,
  ]
  const rows: Cell[][] = [
    [
      councilName,
      'council',
      '',
      value(at(c.council)),
      marker(at(c.council)),
      c.standing?.rank ?? null,
      c.standing?.of ?? null,
      c.standing?.quartile ?? null,
    ],
    ...c.neighbours.map((n) =>
      area(n.neighbour.name, 'statistical neighbour', at(n.figures), `${n.neighbour.rank}: ${n.neighbour.closeness}`),
    ),
    [
      'Statistical neighbours (average)',
      'neighbour average',
      `${average?.counted ?? 0} of ${c.neighbours.length} published`,
      fileNumber(average?.value),
      '',
      null,
      null,
      null,
    ],
    ...(regionName ? [area(regionName, 'region', at(c.region))] : []),
    area('England', 'england', at(c.england)),
  ]
  const year = y === null ? ['', ''] : [yearLabel(y, c.indicator), referenceDate(y, c.indicator)]
  return toCsv(
    [
      'indicator',
      'year',
      'reference_date',
      'area',
      'kind',
      'neighbour_closeness',
      'value',
      'suppression',
      'rank_among_councils',
      'of_councils',
      'quarter',
    ],
    rows.map((cells) => [c.indicator.id, ...year, ...cells]),
  )
}

/** Inspections and visits (one council's, or any list), newest first. */
export function inspectionsCsv(
  inspections: Array<{
    area_code: string
    name?: string
    kind: string
    started_on: string
    published_on: string | null
    overall: string | null
    leaders: string | null
    help_and_protection: string | null
    in_care: string | null
    care_leavers: string | null
    theme?: string | null
  }>,
): string {
  return toCsv(
    [
      'la_code',
      'council',
      'kind',
      'started_on',
      'published_on',
      'overall_effectiveness',
      'impact_of_leaders',
      'help_and_protection',
      'children_in_care',
      'care_leavers',
      'theme',
    ],
    inspections.map((i) => [
      i.area_code,
      i.name ?? '',
      i.kind,
      i.started_on,
      i.published_on,
      i.overall,
      i.leaders,
      i.help_and_protection,
      i.in_care,
      i.care_leavers,
      i.theme ?? '',
    ]),
  )
}

/** The Kaplan-Meier table behind the "time to improve" chart. */
export function timeToImproveCsv(estimate: SurvivalEstimate): string {
  return toCsv(
    [
      'months',
      'still_waiting_before',
      'judged_better',
      'still_inadequate_at_data_date',
      'share_still_inadequate',
      'share_judged_better',
      'share_judged_better_95ci_lower',
      'share_judged_better_95ci_upper',
    ],
    estimate.steps.map((s) => [
      s.time,
      s.atRisk,
      s.events,
      s.censored,
      fileNumber(s.survival),
      fileNumber(1 - s.survival),
      fileNumber(1 - s.upper),
      fileNumber(1 - s.lower),
    ]),
  )
}

/** Each run of inadequate judgements: when it started, when it ended (if it has), and how long it took. */
export function journeysCsv(journeys: Array<ImprovementJourney & { name: string }>, asOf: string): string {
  return toCsv(
    ['la_code', 'council', 'inadequate_published', 'better_published', 'judged', 'months', 'status'],
    journeys.map((j) => [
      j.areaCode,
      j.name,
      j.inadequateOn,
      j.improvedOn,
      j.improvedTo,
      j.months,
      j.improvedOn ? 'judged better' : `still inadequate at ${asOf}`,
    ]),
  )
}
