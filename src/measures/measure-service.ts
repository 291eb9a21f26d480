// Loads a council's measures with everything needed to summarise them, in a fixed number of queries.
import type { DbOrTx } from '../db/connect.js'
import { cachedByStamp } from '../db/derived-stamps.js'
import { DerivedCache } from '../shared/derived-cache.js'
import { resolveSeries, type Series } from './derived.js'
import {
  listBenchmarks,
  listMeasureLinks,
  listMeasures,
  listRebaselines,
  listTargets,
  listValues,
  type MeasureRow,
} from './measure-repository.js'
import { summariseMeasure, type MeasureSummary } from './measure-summary.js'

export interface CouncilMeasures {
  measures: MeasureRow[]
  summaries: Map<number, MeasureSummary>
  strandLinks: Map<number, number[]> // measure id -> strand ids
  objectiveLinks: Map<number, number[]>
}

function group<T>(rows: T[], key: (r: T) => number): Map<number, T[]> {
  const out = new Map<number, T[]>()
  for (const r of rows) {
    const list = out.get(key(r))
    if (list) list.push(r)
    else out.set(key(r), [r])
  }
  return out
}

/**
 * Each council's measures and summaries (SPC, targets, benchmarks), computed once per change of any measure,
 * value, target, benchmark, rebaseline or link (the 'measures' stamp). Shared by every page, report and export:
 * callers must treat the result as read-only.
 */
export const councilMeasuresCache = new DerivedCache<CouncilMeasures>('council measures', 100)

/**
 * `asAt` (yyyy-mm-dd) limits everything to what was known then: values and benchmarks for periods
 * starting on or before it, and targets set by then. Reports use it to show a quarter as it stood.
 */
export function loadCouncilMeasures(db: DbOrTx, organisationId: number, asAt?: string): Promise<CouncilMeasures> {
  return cachedByStamp(db, ['measures'], councilMeasuresCache, `${organisationId}|${asAt ?? 'latest'}`, () =>
    computeCouncilMeasures(db, organisationId, asAt),
  )
}

async function computeCouncilMeasures(db: DbOrTx, organisationId: number, asAt?: string): Promise<CouncilMeasures> {
  const [measures, allValues, allTargets, allBenchmarks, rebaselines, links] = await Promise.all([
    listMeasures(db, organisationId),
    listValues(db, organisationId),
    listTargets(db, organisationId),
    listBenchmarks(db, organisationId),
    listRebaselines(db, organisationId),
    listMeasureLinks(db, organisationId),
  ])
  const values = asAt ? allValues.filter((v) => v.period <= asAt) : allValues
  const benchmarks = asAt ? allBenchmarks.filter((b) => b.period <= asAt) : allBenchmarks
  const endOfDay = asAt ? new Date(`${asAt}T23:59:59Z`) : undefined
  const targets = endOfDay ? allTargets.filter((t) => t.set_at <= endOfDay) : allTargets
  const byId = new Map(measures.map((m) => [m.id, m]))
  const notes = new Map<number, Map<string, string>>()
  const recorded = new Map<string, Series>()
  for (const v of values) {
    const m = byId.get(v.measure_id)
    if (!m) continue
    if (!recorded.has(m.code)) recorded.set(m.code, new Map())
    recorded.get(m.code)!.set(v.period, v.value)
    if (v.note) {
      if (!notes.has(m.id)) notes.set(m.id, new Map())
      notes.get(m.id)!.set(v.period, v.note)
    }
  }
  const series = resolveSeries(measures, recorded)
  const targetsBy = group(targets, (t) => t.measure_id)
  const benchmarksBy = group(benchmarks, (b) => b.measure_id)
  const rebaselinesBy = group(rebaselines, (r) => r.measure_id)
  const summaries = new Map<number, MeasureSummary>()
  for (const m of measures) {
    const values = new Map<string, { value: number; note: string }>()
    for (const [period, value] of series.get(m.code) ?? []) {
      values.set(period, { value, note: notes.get(m.id)?.get(period) ?? '' })
    }
    summaries.set(
      m.id,
      summariseMeasure(
        m,
        values,
        targetsBy.get(m.id) ?? [],
        benchmarksBy.get(m.id) ?? [],
        rebaselinesBy.get(m.id) ?? [],
      ),
    )
  }
  const strandLinks = new Map(
    [...group(links.strands, (l) => l.measure_id)].map(([id, ls]) => [id, ls.map((l) => l.strand_id)]),
  )
  const objectiveLinks = new Map(
    [...group(links.objectives, (l) => l.measure_id)].map(([id, ls]) => [id, ls.map((l) => l.objective_id)]),
  )
  return { measures, summaries, strandLinks, objectiveLinks }
}
