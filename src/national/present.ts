// Turns national comparisons into the words, tables and charts the pages show. Shared by the benchmarks
// pages and the measure page.
import { renderLineChart } from '../charts/line-chart.js'
import type { Figure, IndicatorComparison, Standing, Trend } from './benchmarks.js'
import { suppressionText } from './datasets.js'
import type { NationalIndicator } from './indicators.js'
import { changeSize, formatValue } from '../shared/units.js'

export const OGL_ATTRIBUTION =
  'Contains public sector information licensed under the Open Government Licence v3.0. Sources: Department for Education official statistics; Ofsted official statistics and inspection reports.'

export function formatFigureValue(value: number | null | undefined, indicator: NationalIndicator): string {
  return formatValue(value, indicator.unit, indicator.decimals)
}

/** A published value, or why there is none: "not published (suppressed to protect confidentiality)". */
export function figureText(figure: Figure | undefined, indicator: NationalIndicator): string {
  if (!figure) return 'No figure'
  if (figure.value === null) return suppressionText(figure.suppression ?? 'x')
  return formatFigureValue(figure.value, indicator)
}

export function averageText(
  avg: { value: number | null; counted: number } | undefined,
  indicator: NationalIndicator,
): string {
  if (!avg || avg.value === null) return 'No figure'
  const text = formatFigureValue(avg.value, indicator)
  return avg.counted < 10 ? `${text} (${avg.counted} of 10 published)` : text
}

const ORDINAL = ['', '1st', '2nd', '3rd', '4th']

export function standingText(standing: Standing | null, indicator: NationalIndicator): string {
  if (!standing) return 'No rank'
  const quarter =
    indicator.polarity === 'neutral'
      ? `${ORDINAL[standing.quartile]} quarter, counting from the lowest`
      : `${ORDINAL[standing.quartile]} quarter${standing.quartile === 1 ? ' (best)' : standing.quartile === 4 ? ' (worst)' : ''}`
  return `${quarter}; ranked ${standing.rank} of ${standing.of}`
}

export function trendText(trend: Trend, indicator: NationalIndicator): string {
  const since = yearLabel(trend.fromYear, indicator)
  if (trend.change === null) return `No comparison with ${since}`
  if (trend.direction === 'no change') return `No change since ${since}`
  const size = changeSize(trend.change, indicator.decimals || 1)
  const upOrDown = trend.change.difference > 0 ? 'up' : 'down'
  if (trend.direction === 'up' || trend.direction === 'down') return `${sentence(upOrDown)} ${size} since ${since}`
  return `${trend.direction === 'improving' ? 'Improving' : 'Worsening'}: ${upOrDown} ${size} since ${since}`
}

export interface YearRow {
  year: number
  council: string
  england: string
  region: string
  neighbours: string
}

export function yearRows(c: IndicatorComparison): YearRow[] {
  return c.years.map((year) => ({
    year,
    council: figureText(c.council.get(year), c.indicator),
    england: figureText(c.england.get(year), c.indicator),
    region: figureText(c.region.get(year), c.indicator),
    neighbours: averageText(c.neighbourAverage.get(year), c.indicator),
  }))
}

/**
 * Years as the statistics name them: 2025 is "2024-25" for figures up to or on 31 March 2025, and
 * "Sept 2025" for the workforce census of 30 September 2025.
 */
export function yearLabel(year: number, indicator?: Pick<NationalIndicator, 'reference'>): string {
  if (indicator?.reference.on === 'september') return `Sept ${year}`
  return `${year - 1}-${String(year).slice(2)}`
}

/** The date a year's figure describes the position on, or the end of. */
export function referenceDate(year: number, indicator: Pick<NationalIndicator, 'reference'>): string {
  return indicator.reference.on === 'september' ? `${year}-09-30` : `${year}-03-31`
}

/** What the yearly figures describe, in words: "at 30 September each year", "for years to 31 March". */
export function referenceText(indicator: Pick<NationalIndicator, 'reference'>): string {
  const day = indicator.reference.on === 'september' ? '30 September' : '31 March'
  return indicator.reference.span === 'day' ? `on ${day} each year` : `for years to ${day}`
}

/**
 * The latest year of official figures that does not postdate `date` (the end of the council's own latest
 * period), so a council figure is never set against a later official one. Undefined when none is that old.
 */
export function latestYearBy(
  years: number[],
  date: string,
  indicator: Pick<NationalIndicator, 'reference'>,
): number | undefined {
  return [...years].reverse().find((y) => referenceDate(y, indicator) <= date)
}

export function comparisonChart(c: IndicatorComparison, councilName: string, regionName: string | null): string {
  const points = (series: Map<number, Figure>) =>
    c.years.map((y) => ({ period: yearLabel(y, c.indicator), value: series.get(y)?.value ?? null }))
  return renderLineChart({
    id: `national-${c.indicator.id}`,
    title: `${c.indicator.title}: ${councilName} against England, ${regionName ?? 'its region'} and its statistical neighbours`,
    yLabel: c.indicator.unitNote ?? (c.indicator.unit === 'percent' ? 'Per cent' : 'Value'),
    unit: c.indicator.unit,
    decimals: c.indicator.decimals,
    footnote: 'Yearly official statistics; the data table gives every figure.',
    series: [
      { label: councilName, points: points(c.council) },
      { label: 'England', points: points(c.england) },
      ...(regionName ? [{ label: regionName, points: points(c.region) }] : []),
      {
        label: 'Statistical neighbours (average)',
        points: c.years.map((y) => ({
          period: yearLabel(y, c.indicator),
          value: c.neighbourAverage.get(y)?.value ?? null,
        })),
      },
    ],
  })
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
