// A council's national indicators against England, its region and its ten statistical neighbours: the
// statistical-neighbour average, its rank and quartile among all councils, and direction of travel.
import type { DbOrTx as Db } from '../db/connect.js'
import { cachedByStamp } from '../db/derived-stamps.js'
import { DerivedCache } from '../shared/derived-cache.js'
import type { NationalIndicator } from './indicators.js'
import {
  councilValuesFor,
  figuresFor,
  findArea,
  neighboursOf,
  type Area,
  type Neighbour,
} from './national-repository.js'
import { directionMeaning, isBetter, type Polarity } from '../shared/polarity.js'
import { changeBetween, roundTo, type Change } from '../shared/units.js'

const ENGLAND = 'E92000001'

export interface Figure {
  year: number
  value: number | null
  suppression: string | null
  numerator: number | null
  denominator: number | null
}

export interface Standing {
  rank: number
  of: number
  /** 1 is the best quarter of councils (for a neutral indicator, the lowest values). */
  quartile: 1 | 2 | 3 | 4
}

export interface Trend {
  years: number
  fromYear: number
  /** The change in the indicator's unit (percentage points for a rate), from `fromYear` to the year. */
  change: Change | null
  /** In words a Board member reads: improving or worsening where better is known, else up or down. */
  direction: 'improving' | 'worsening' | 'up' | 'down' | 'no change' | 'no comparison'
}

export interface IndicatorComparison {
  indicator: NationalIndicator
  years: number[]
  council: Map<number, Figure>
  england: Map<number, Figure>
  region: Map<number, Figure>
  neighbours: Array<{ neighbour: Neighbour; figures: Map<number, Figure> }>
  /** Mean of the neighbours' published values; suppressed ones are left out, never counted as zero. */
  neighbourAverage: Map<number, { value: number | null; counted: number }>
  /** The year the table leads with: the latest with a figure for the council, else the latest at all. */
  year: number | null
  standing: Standing | null
  trends: Trend[]
}

export interface CouncilBenchmarks {
  area: Area
  region: Area | null
  neighbours: Neighbour[]
  comparisons: IndicatorComparison[]
}

/** Competition ranking (1, 2, 2, 4): 1 is best, by the indicator's polarity (neutral ranks lowest first). */
export function standingAmong(values: number[], mine: number, polarity: Polarity): Standing {
  // A neutral indicator ranks the lowest value first.
  const better = values.filter((v) => isBetter(v, mine, polarity === 'neutral' ? 'lower' : polarity)).length
  const rank = better + 1
  const of = values.length
  const quartile = Math.min(4, Math.floor(((rank - 1) / of) * 4) + 1) as Standing['quartile']
  return { rank, of, quartile }
}

export function neighbourAverage(values: Array<number | null | undefined>): { value: number | null; counted: number } {
  const published = values.filter((v): v is number => typeof v === 'number')
  if (!published.length) return { value: null, counted: 0 }
  return { value: published.reduce((a, b) => a + b, 0) / published.length, counted: published.length }
}

function trendOver(
  series: Map<number, Figure>,
  year: number | null,
  span: number,
  indicator: Pick<NationalIndicator, 'unit' | 'polarity'>,
): Trend {
  const fromYear = (year ?? 0) - span
  const now = year === null ? null : (series.get(year)?.value ?? null)
  const then = series.get(fromYear)?.value ?? null
  if (now === null || then === null) return { years: span, fromYear, change: null, direction: 'no comparison' }
  const change = changeBetween(then, now, indicator.unit)
  const difference = roundTo(change.difference, 6)
  if (difference === 0) return { years: span, fromYear, change, direction: 'no change' }
  const meaning = directionMeaning(difference > 0, indicator.polarity)
  const direction =
    meaning === 'neither' ? (difference > 0 ? 'up' : 'down') : meaning === 'better' ? 'improving' : 'worsening'
  return { years: span, fromYear, change, direction }
}

/**
 * Everything the benchmarks pages show for one council. `year` fixes the year for the standing (rank and
 * quartile) and the trends; without it, or for a year with no figures, each indicator uses its latest.
 */
export function councilBenchmarks(
  db: Db,
  laCode: string,
  indicators: NationalIndicator[],
  year?: number,
): Promise<CouncilBenchmarks | undefined> {
  const key = `${laCode}|${year ?? 'latest'}|${indicators.map((i) => i.id).join(',')}`
  return cachedByStamp(db, ['national'], benchmarksCache, key, () => compareCouncil(db, laCode, indicators, year))
}

/**
 * Comparisons computed once per load of national data (the 'national' stamp: figures, areas, neighbours and
 * inspections), for each council, set of indicators and year asked for. Read-only for callers.
 */
export const benchmarksCache = new DerivedCache<CouncilBenchmarks | undefined>('national benchmarks', 300)

async function compareCouncil(
  db: Db,
  laCode: string,
  indicators: NationalIndicator[],
  year?: number,
): Promise<CouncilBenchmarks | undefined> {
  const area = await findArea(db, laCode)
  if (!area) return undefined
  const region = area.regionCode ? ((await findArea(db, area.regionCode)) ?? null) : null
  const neighbours = await neighboursOf(db, laCode)
  const ids = indicators.map((i) => i.id)
  const areaCodes = [laCode, ENGLAND, ...(region ? [region.code] : []), ...neighbours.map((n) => n.code)]
  const rows = await figuresFor(db, ids, areaCodes)
  const byIndicatorArea = new Map<string, Map<number, Figure>>()
  for (const r of rows) {
    const key = `${r.indicator}|${r.area_code}`
    if (!byIndicatorArea.has(key)) byIndicatorArea.set(key, new Map())
    byIndicatorArea.get(key)!.set(r.year, r)
  }
  const series = (indicator: string, code: string | undefined) =>
    (code && byIndicatorArea.get(`${indicator}|${code}`)) || new Map<number, Figure>()

  const comparisons: IndicatorComparison[] = indicators.map((indicator) => {
    const council = series(indicator.id, laCode)
    const england = series(indicator.id, ENGLAND)
    const years = [...new Set([...council.keys(), ...england.keys()])].sort((a, b) => a - b)
    const published = years.filter((y) => council.get(y)?.value !== null && council.has(y))
    const latest = published[published.length - 1] ?? years[years.length - 1] ?? null
    const chosen = year !== undefined && years.includes(year) ? year : latest
    const perNeighbour = neighbours.map((n) => ({ neighbour: n, figures: series(indicator.id, n.code) }))
    const average = new Map(years.map((y) => [y, neighbourAverage(perNeighbour.map((n) => n.figures.get(y)?.value))]))
    return {
      indicator,
      years,
      council,
      england,
      region: series(indicator.id, region?.code),
      neighbours: perNeighbour,
      neighbourAverage: average,
      year: chosen,
      standing: null,
      trends: [3, 5].map((span) => trendOver(council, chosen, span, indicator)),
    }
  })

  // Standing among all councils, for each indicator's chosen year: one query for all of them.
  const ranked = comparisons.filter((c) => c.year !== null && c.council.get(c.year)?.value != null)
  const field = await councilValuesFor(
    db,
    ranked.map((c) => c.indicator.id),
    [...new Set(ranked.map((c) => c.year!))],
  )
  const valuesByKey = new Map<string, number[]>()
  for (const r of field) {
    const key = `${r.indicator}|${r.year}`
    const values = valuesByKey.get(key)
    if (values) values.push(r.value)
    else valuesByKey.set(key, [r.value])
  }
  for (const c of ranked) {
    const values = valuesByKey.get(`${c.indicator.id}|${c.year}`) ?? []
    c.standing = standingAmong(values, c.council.get(c.year!)!.value!, c.indicator.polarity)
  }
  return { area, region, neighbours, comparisons }
}
