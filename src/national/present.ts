// Turns national comparisons into the words, tables and charts the pages show. Shared by the benchmarks
// pages and the measure page.
import { renderLineChart } from '../charts/line-chart.js'
import type { Figure, IndicatorComparison, Standing, Trend } from './benchmarks.js'
import { suppressionText } from './datasets.js'
import type { NationalIndicator } from './indicators.js'
import { formatValue } from '../shared/units.js'

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

/** The size of a change: "3 points" for a percentage, else the value as the indicator shows it. */
function changeSize(change: number, indicator: NationalIndicator): string {
  const size = Math.abs(change)
  return indicator.unit === 'percent'
    ? `${size.toLocaleString('en-GB', { maximumFractionDigits: indicator.decimals || 1 })} points`
    : formatFigureValue(size, indicator)
}

export function trendText(trend: Trend, indicator: NationalIndicator): string {
  if (trend.change === null) return `No comparison with ${trend.fromYear}`
  if (trend.direction === 'no change') return `No change since ${trend.fromYear}`
  const size = changeSize(trend.change, indicator)
  if (trend.direction === 'up') return `Up since ${trend.fromYear}: ${size}`
  if (trend.direction === 'down') return `Down since ${trend.fromYear}: ${size}`
  const lead = trend.direction === 'improving' ? 'Improving' : 'Worsening'
  return `${lead}: ${trend.change > 0 ? 'up' : 'down'} ${size} since ${trend.fromYear}`
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

/** Years as the statistics name them: 2025 is the year ending 31 March 2025, or the workforce census of 30 September 2025. */
export function yearLabel(year: number, indicator?: NationalIndicator): string {
  if (indicator?.periodEnd === 'september') return `Sept ${year}`
  return `${year - 1}-${String(year).slice(2)}`
}

/** The date a year's figures describe the position at (or the end of). */
export function yearEnd(year: number, indicator: NationalIndicator): string {
  return indicator.periodEnd === 'september' ? `${year}-09-30` : `${year}-03-31`
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
