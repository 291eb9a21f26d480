// The official figures for a success measure linked to a national indicator: shown on the measure page
// and in report tables, year by year, beside the council's own (usually monthly) data.
import type { Db, DbOrTx } from '../db/connect.js'
import { councilBenchmarks, type IndicatorComparison } from './benchmarks.js'
import { councilLaCode } from './national-repository.js'
import { INDICATORS_BY_ID, type NationalIndicator } from './indicators.js'
import { OGL_ATTRIBUTION, comparisonChart, referenceText, yearLabel, yearRows, type YearRow } from './present.js'

export interface MeasureNationalFigures {
  indicator: NationalIndicator
  councilName: string
  regionName: string | null
  rows: Array<YearRow & { label: string }>
  chart: string
  attribution: string
  /** What the yearly figures describe: "on 30 September each year", "for years to 31 March". */
  reference: string
}

export async function nationalFiguresFor(
  db: Db,
  organisationId: number,
  indicatorId: string | null,
): Promise<MeasureNationalFigures | null> {
  const indicator = indicatorId ? INDICATORS_BY_ID.get(indicatorId) : undefined
  if (!indicator) return null
  const laCode = await councilLaCode(db, organisationId)
  if (!laCode) return null
  const data = await councilBenchmarks(db, laCode, [indicator])
  if (!data || !data.comparisons[0]!.years.length) return null
  const c = data.comparisons[0]!
  return {
    indicator,
    councilName: data.area.name,
    regionName: data.region?.name ?? null,
    rows: yearRows(c)
      .reverse()
      .map((r) => ({ ...r, label: yearLabel(r.year, indicator) })),
    chart: comparisonChart(c, data.area.name, data.region?.name ?? null),
    attribution: OGL_ATTRIBUTION,
    reference: referenceText(indicator),
  }
}

/** For report tables: per national indicator, the comparison for the council (latest year up to `year`). */
export async function nationalComparisons(
  db: DbOrTx,
  organisationId: number,
  indicatorIds: Array<string | null>,
): Promise<Map<string, IndicatorComparison>> {
  const indicators = [...new Set(indicatorIds)]
    .map((id) => (id ? INDICATORS_BY_ID.get(id) : undefined))
    .filter((i): i is NationalIndicator => Boolean(i))
  const laCode = indicators.length ? await councilLaCode(db, organisationId) : null
  if (!laCode) return new Map()
  const data = await councilBenchmarks(db, laCode, indicators)
  return new Map((data?.comparisons ?? []).map((c) => [c.indicator.id, c]))
}
