// The content of a quarterly progress report, assembled from the plan, measures, updates and partner
// requests as they stood at the quarter's end. A draft is rebuilt on every view; publishing stores this
// object, so a published report never changes. Pure: the loaded data comes in, plain JSON goes out.
import type { PlanTree } from '../plan/plan-repository.js'
import type { MeasureSummary } from '../measures/measure-summary.js'
import { ASSURANCE_LABELS, VARIATION_LABELS } from '../measures/spc.js'
import { measureChart } from '../measures/measure-chart.js'
import { completeBy, overdueAt, rateProgress, rateStrand, type MilestoneFact, type RagResult } from './status-rules.js'
import { formatValue } from '../shared/units.js'
import { daysBetween, inQuarter, periodLabel, type Quarter } from '../shared/calendar.js'
import {
  REPORT_SCHEMA_VERSION,
  type MeasureRow,
  type MilestoneRow,
  type Rated,
  type ReportContent,
} from './report-snapshot.js'

export interface Override {
  entity_type: 'strand' | 'objective'
  entity_id: number
  rag: 'red' | 'amber' | 'green'
  reason: string
  set_by_name: string | null
}

export interface ReportInput {
  councilName: string
  planTitle: string
  quarter: Quarter
  tree: PlanTree
  updates: Array<{ objective_id: number; created_at: Date; body: string; author_name: string | null }>
  measures: MeasureSummary[]
  strandLinks: Map<number, number[]>
  objectiveLinks: Map<number, number[]>
  partnerRequests: Array<{
    partner: string
    description: string
    strand_id: number | null
    requested_on: string
    due_on: string
    received_on: string | null
  }>
  narrative: { summary: string; recommendations: string; decisions: string }
  commentary: Map<number, { commentary: string; impact: string }>
  overrides: Override[]
  /** Official figures for measures linked to a national indicator, by measure id, already in words. */
  national?: Map<number, { england: string; statisticalNeighbours: string }>
  /** The attribution the official figures need. */
  nationalAttribution?: string
}

function milestoneRow(m: MilestoneFact & { title: string; owner: string }, asAt: string): MilestoneRow {
  return {
    title: m.title,
    owner: m.owner,
    due_on: m.due_on,
    completed_on: m.completed_on && m.completed_on <= asAt ? m.completed_on : null,
    status: completeBy(m, asAt) ? 'Complete' : overdueAt(m, asAt) ? 'Overdue' : 'Open',
  }
}

function rated(derived: RagResult, override: Override | undefined): Rated {
  return {
    rag: override ? override.rag : derived.rag,
    derived,
    override: override ? { rag: override.rag, reason: override.reason, by: override.set_by_name } : null,
  }
}

function measureRow(
  s: MeasureSummary,
  chartId = `report-chart-${s.measure.id}`,
  national?: ReportInput['national'],
): MeasureRow {
  const fmt = (v: number | null | undefined) => formatValue(v ?? null, s.measure.unit, s.measure.decimals)
  // A measure linked to a national indicator is benchmarked by the official figures; others by the
  // benchmarks entered for them.
  const official = national?.get(s.measure.id)
  const bench = (key: 'england' | 'statistical-neighbours') => {
    if (official) return key === 'england' ? official.england : official.statisticalNeighbours
    // The latest benchmark that does not postdate the council's own latest figure.
    const series = s.benchmarkSeries.find((b) => b.key === key)?.points ?? []
    const b = [...series].reverse().find((p) => !s.latest || p.period <= s.latest.period)
    return b ? `${fmt(b.value)} (${periodLabel(b.period, s.measure.frequency)})` : 'Not available'
  }
  return {
    id: s.measure.id,
    code: s.measure.code,
    name: s.measure.name,
    latest: s.latest ? fmt(s.latest.value) : 'No data',
    latestPeriod: s.latest?.label ?? '',
    previous: s.previous ? `${fmt(s.previous.value)} (${s.previous.label})` : 'No data',
    target: s.target ? fmt(s.target.value) : 'None',
    england: bench('england'),
    statisticalNeighbours: bench('statistical-neighbours'),
    official: Boolean(official),
    comparability: s.measure.comparability,
    variation: VARIATION_LABELS[s.spc.variation],
    assurance: ASSURANCE_LABELS[s.spc.assurance],
    variationKey: s.spc.variation,
    assuranceKey: s.spc.assurance,
    unit: s.measure.unit,
    chart: measureChart(s, chartId),
    data: s.points.map((p) => ({ period: p.period, label: p.label, value: p.value, target: s.target?.value ?? null })),
  }
}

export function buildReportContent(input: ReportInput): ReportContent {
  const q = input.quarter
  const asAt = q.end
  const summaries = new Map(input.measures.map((s) => [s.measure.id, s]))
  const measuresFor = (ids: number[]) =>
    ids.map((id) => summaries.get(id)).filter((s): s is MeasureSummary => s !== undefined)
  const linkedTo = (links: Map<number, number[]>, id: number) =>
    [...links.entries()].filter(([, targets]) => targets.includes(id)).map(([measureId]) => measureId)
  const overrideFor = (type: 'strand' | 'objective', id: number) =>
    input.overrides.find((o) => o.entity_type === type && o.entity_id === id)
  const updatesBy = new Map<number, ReportInput['updates']>()
  for (const u of input.updates) updatesBy.set(u.objective_id, [...(updatesBy.get(u.objective_id) ?? []), u])
  const isoDate = (d: Date) => d.toISOString().slice(0, 10)

  const slow: ReportContent['slowToProgress'] = {
    overdueMilestones: [],
    objectivesWithoutUpdate: [],
    measuresOfConcern: [],
    contributionsToStrengthen: [],
  }
  const significantChanges: ReportContent['significantChanges'] = []
  const seenMeasures = new Set<number>()

  // Strands added after the quarter (like 3b, added in January 2023) were not part of the plan then.
  const strands = input.tree.strands
    .filter((s) => s.status === 'active' && isoDate(s.created_at) <= asAt)
    .map((s) => {
      const strandLabel = `${s.code}: ${s.title}`
      const objectives = s.objectives
        .filter((o) => o.status === 'active')
        .map((o) => {
          const objectiveMeasures = measuresFor(linkedTo(input.objectiveLinks, o.id))
          const derived = rateProgress(
            o.milestones,
            objectiveMeasures.map((m) => m.spc),
            asAt,
          )
          const updates = (updatesBy.get(o.id) ?? []).filter((u) => isoDate(u.created_at) <= asAt)
          const inQuarterUpdates = updates.filter((u) => inQuarter(isoDate(u.created_at), q))
          if (inQuarterUpdates.length === 0) {
            const last =
              updates
                .map((u) => isoDate(u.created_at))
                .sort()
                .pop() ?? null
            slow.objectivesWithoutUpdate.push({ strand: strandLabel, objective: o.title, lastUpdate: last })
          }
          for (const m of o.milestones.filter((x) => overdueAt(x, asAt))) {
            const days = daysBetween(m.due_on, asAt)
            slow.overdueMilestones.push({
              ...milestoneRow(m, asAt),
              strand: strandLabel,
              objective: o.title,
              daysOverdue: days,
            })
          }
          return {
            id: o.id,
            title: o.title,
            status: rated(derived, overrideFor('objective', o.id)),
            completed: o.milestones
              .filter((m) => m.completed_on && inQuarter(m.completed_on, q))
              .map((m) => milestoneRow(m, asAt)),
            dueInQuarter: o.milestones.filter((m) => inQuarter(m.due_on, q)).map((m) => milestoneRow(m, asAt)),
            overdue: o.milestones.filter((m) => overdueAt(m, asAt)).map((m) => milestoneRow(m, asAt)),
            updates: inQuarterUpdates.map((u) => ({
              date: isoDate(u.created_at),
              body: u.body,
              author: u.author_name,
            })),
          }
        })
      const strandMeasures = measuresFor([
        ...new Set([
          ...linkedTo(input.strandLinks, s.id),
          ...s.objectives.flatMap((o) => linkedTo(input.objectiveLinks, o.id)),
        ]),
      ])
      for (const m of strandMeasures) {
        if (seenMeasures.has(m.measure.id)) continue
        seenMeasures.add(m.measure.id)
        if (m.spc.variation === 'special-cause-concern' || m.spc.assurance === 'consistently-failing') {
          slow.measuresOfConcern.push({
            strand: strandLabel,
            name: m.measure.name,
            variation: VARIATION_LABELS[m.spc.variation],
            assurance: ASSURANCE_LABELS[m.spc.assurance],
          })
        }
        if (m.spc.latest?.specialCause) {
          significantChanges.push({
            code: m.measure.code,
            name: m.measure.name,
            strand: strandLabel,
            variation: VARIATION_LABELS[m.spc.variation],
            latest: measureRow(m).latest,
          })
        }
      }
      const ownMeasures = measuresFor(linkedTo(input.strandLinks, s.id))
      const derived = rateStrand(
        objectives.map((o) => ({ title: o.title, rag: o.status.rag })),
        ownMeasures.map((m) => m.spc),
        asAt,
      )
      const note = input.commentary.get(s.id)
      return {
        id: s.id,
        code: s.code,
        half: s.half,
        title: s.title,
        lead: s.lead_title,
        status: rated(derived, overrideFor('strand', s.id)),
        commentary: note?.commentary ?? '',
        impact: note?.impact ?? '',
        objectives,
        measures: strandMeasures.map((m) => measureRow(m, `report-chart-${s.id}-${m.measure.id}`, input.national)),
      }
    })

  const strandName = new Map(input.tree.strands.map((s) => [s.id, `${s.code}: ${s.title}`]))
  slow.contributionsToStrengthen = input.partnerRequests
    .filter((r) => r.requested_on <= asAt && r.due_on <= asAt && (r.received_on === null || r.received_on > asAt))
    .map((r) => ({
      partner: r.partner,
      description: r.description,
      strand: r.strand_id ? (strandName.get(r.strand_id) ?? '') : '',
      due_on: r.due_on,
    }))
  slow.overdueMilestones.sort((a, b) => b.daysOverdue - a.daysOverdue)

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    councilName: input.councilName,
    planTitle: input.planTitle,
    quarter: q,
    narrative: input.narrative,
    strands,
    significantChanges,
    slowToProgress: slow,
    ...(strands.some((st) => st.measures.some((m) => m.official)) && input.nationalAttribution
      ? { sources: input.nationalAttribution }
      : {}),
  }
}
