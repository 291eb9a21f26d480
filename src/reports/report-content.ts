// The content of a quarterly progress report, assembled from the plan, measures, updates and partner
// requests as they stood at the quarter's end. A draft is rebuilt on every view; publishing stores this
// object, so a published report never changes. Pure: the loaded data comes in, plain JSON goes out.
import type { PlanTree } from '../plan/plan-repository.js'
import type { MeasureSummary } from '../measures/measure-summary.js'
import { ASSURANCE_LABELS, VARIATION_LABELS, signalText } from '../measures/spc.js'
import { measureChart } from '../measures/measure-chart.js'
import { rateDelivery, rateOverall, type MilestoneItem, type RagResult } from './status-rules.js'
import {
  entryIsCurrent,
  measureDirection,
  rateImpact,
  type EvidenceSource,
  type ImpactResult,
} from '../impact/impact-rules.js'
import { EVIDENCE_KIND_LABELS } from '../impact/evidence-kinds.js'
import { formatValue } from '../shared/units.js'
import { daysBetween, inQuarter, periodLabel, type Quarter } from '../shared/calendar.js'
import { formatDate } from '../shared/dates.js'
import { currencyOn } from '../measures/measure-currency.js'
import {
  REPORT_SCHEMA_VERSION,
  type EvidenceRow,
  type PracticeEvidenceRow,
  type MeasureRow,
  type MilestoneRow,
  type Rated,
  type ReportContent,
  type ReportCover,
} from './report-snapshot.js'
import {
  completeBy,
  judgedOn,
  overdueAt,
  statusText,
  summariseMilestones,
  type MilestoneFact,
} from '../plan/milestone-status.js'
import type { MilestoneSlippage } from '../plan/plan-history-repository.js'
import type { PartnerOwners } from './partner-request-repository.js'
import type { PracticeEvidence } from '../shared/practice-evidence.js'
import type { PracticeSections } from '../impact/practice-sources.js'
import type { EvidenceDirection, EvidenceKind } from '../db/database.js'
import { draftCommentary } from './draft-commentary.js'

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
    id: number
    partner: string
    description: string
    strand_id: number | null
    requested_on: string
    due_on: string
    received_on: string | null
    /** The partner's answer ('' when they gave none in Turnaround) and the evidence they attached. */
    response: string
    attachment_name: string | null
  }>
  /**
   * The partner organisations' people, to tell which milestones a partner owned: matched against each milestone's
   * owner as the plan recorded it then.
   */
  partnerOwners?: PartnerOwners
  /** The Board's decisions and action log as at the day read, from src/governance (null: none kept). */
  board?: ReportContent['board']
  /** The risk register and resources as at the day read, from src/governance (null: none recorded). */
  risks?: ReportContent['risks']
  narrative: { summary: string; recommendations: string; decisions: string; decisionsFollowUp: string }
  /** The board paper's cover (null: not set up, as in a test of the content alone). */
  cover?: ReportCover | null
  /** Parts of the report marked OFFICIAL-SENSITIVE. */
  sensitive?: string[]
  /** The day the plan and figures are read as at (the quarter's end unless the quarter is still running). */
  dataAsAt?: string
  /**
   * With a reporting round: the last day whose updates and evidence entries count (the day it locked, or today
   * while it is open), so what owners recorded during the round belongs to the quarter. Otherwise its end.
   */
  recordedUntil?: string
  dataAsAtBasis?: 'round-locked' | 'round-open'
  commentary: Map<number, { commentary: string; impact: string }>
  overrides: Override[]
  /** Official figures for measures linked to a national indicator, by measure id: in words, and as numbers. */
  national?: Map<
    number,
    { england: string; statisticalNeighbours: string; englandValue: number | null; neighboursValue: number | null }
  >
  /** The attribution the official figures need. */
  nationalAttribution?: string
  /** Milestones whose due date has moved, as recorded by the quarter's end. */
  slippage?: Map<number, MilestoneSlippage>
  /** Evidence entries of the plan's objectives (those recorded after the quarter's end are left out). */
  evidence?: EvidenceInput[]
  /**
   * Staff surveys, children's voice and leadership stability linked to objectives, as they stood on the day read
   * (each source reads only what was recorded by then: src/impact/practice-evidence.ts).
   */
  practiceEvidence?: PracticeEvidence[]
  /** The report's "Evidence from practice" section as at the day read (null: none recorded). */
  practice?: PracticeSections | null
  /** The day the plan closed, if it has: its milestones are judged on that day at the latest. */
  planClosedOn?: string | null
}

export interface EvidenceInput {
  id: number
  objective_id: number
  observed_on: string
  kind: EvidenceKind
  summary: string
  direction: EvidenceDirection
  attachment_name: string | null
  created_at: Date
}

function milestoneRow(
  m: MilestoneFact & { id: number; title: string; owner: string },
  asAt: string,
  judged: string,
  slippage: ReportInput['slippage'],
): MilestoneRow {
  const moved = slippage?.get(m.id)
  return {
    id: m.id,
    title: m.title,
    owner: m.owner,
    due_on: m.due_on,
    completed_on: m.completed_on && m.completed_on <= asAt ? m.completed_on : null,
    status: statusText(m, judged),
    originallyDue: moved?.originallyDue ?? null,
    timesMoved: moved?.moves.length ?? 0,
  }
}

function rated(delivery: RagResult, impact: ImpactResult, override: Override | undefined): Rated {
  const derived = rateOverall(delivery, impact)
  return {
    rag: override ? override.rag : derived.rag,
    derived,
    override: override ? { rag: override.rag, reason: override.reason, by: override.set_by_name } : null,
    delivery,
    impact: { level: impact.level, reasons: impact.reasons },
  }
}

const milestoneAnchor = (id: number) => `milestone-${id}`
const measureAnchor = (strandId: number, measureId: number) => `measure-${strandId}-${measureId}`
const evidenceAnchor = (id: number) => `evidence-${id}`

function measureRow(s: MeasureSummary, strandId: number, asAt: string, national?: ReportInput['national']): MeasureRow {
  const currency = currencyOn(s.latest?.period ?? null, s.measure.frequency, asAt)
  const fmt = (v: number | null | undefined) => formatValue(v ?? null, s.measure.unit, s.measure.decimals)
  // A measure linked to a national indicator is benchmarked by the official figures; others by the
  // benchmarks entered for them.
  const official = national?.get(s.measure.id)
  // The latest benchmark that does not postdate the council's own latest figure.
  const latestBenchmark = (key: 'england' | 'statistical-neighbours') => {
    const series = s.benchmarkSeries.find((b) => b.key === key)?.points ?? []
    return [...series].reverse().find((p) => !s.latest || p.period <= s.latest.period)
  }
  const bench = (key: 'england' | 'statistical-neighbours') => {
    if (official) return key === 'england' ? official.england : official.statisticalNeighbours
    const b = latestBenchmark(key)
    return b ? `${fmt(b.value)} (${periodLabel(b.period, s.measure.frequency)})` : 'Not available'
  }
  const benchValue = (key: 'england' | 'statistical-neighbours') =>
    official
      ? key === 'england'
        ? official.englandValue
        : official.neighboursValue
      : (latestBenchmark(key)?.value ?? null)
  const spcByPeriod = new Map(s.spc.points.map((p) => [p.period, p]))
  return {
    id: s.measure.id,
    anchor: measureAnchor(strandId, s.measure.id),
    code: s.measure.code,
    name: s.measure.name,
    latest: s.latest ? fmt(s.latest.value) : 'No data',
    latestPeriod: s.latest?.label ?? '',
    current: currency.current,
    currencyNote: currency.note,
    direction: measureDirection(s.spc),
    previous: s.previous ? `${fmt(s.previous.value)} (${s.previous.label})` : 'No data',
    target: s.target ? fmt(s.target.value) : 'None',
    england: bench('england'),
    statisticalNeighbours: bench('statistical-neighbours'),
    englandValue: benchValue('england'),
    neighboursValue: benchValue('statistical-neighbours'),
    official: Boolean(official),
    comparability: s.measure.comparability,
    variation: VARIATION_LABELS[s.spc.variation],
    assurance: ASSURANCE_LABELS[s.spc.assurance],
    variationKey: s.spc.variation,
    assuranceKey: s.spc.assurance,
    unit: s.measure.unit,
    chart: measureChart(s, `report-chart-${strandId}-${s.measure.id}`),
    data: s.points.map((p) => {
      const spc = spcByPeriod.get(p.period)
      return {
        period: p.period,
        label: p.label,
        value: p.value,
        target: s.target?.value ?? null,
        mean: spc?.mean ?? null,
        lowerLimit: spc?.lowerLimit ?? null,
        upperLimit: spc?.upperLimit ?? null,
        signal: spc?.primary ? signalText(spc.primary, spc.directions[spc.primary]!) : '',
      }
    }),
  }
}

export function buildReportContent(input: ReportInput): ReportContent {
  const q = input.quarter
  const asAt = q.end
  // Milestones are judged at the quarter's end, or on the day the plan closed if that came first.
  const due = judgedOn(asAt, input.planClosedOn)
  const summaries = new Map(input.measures.map((s) => [s.measure.id, s]))
  const measuresFor = (ids: number[]) =>
    ids.map((id) => summaries.get(id)).filter((s): s is MeasureSummary => s !== undefined)
  const linkedTo = (links: Map<number, number[]>, id: number) =>
    [...links.entries()].filter(([, targets]) => targets.includes(id)).map(([measureId]) => measureId)
  const overrideFor = (type: 'strand' | 'objective', id: number) =>
    input.overrides.find((o) => o.entity_type === type && o.entity_id === id)
  const isoDate = (d: Date) => d.toISOString().slice(0, 10)
  const recordedBy = input.recordedUntil && input.recordedUntil > asAt ? input.recordedUntil : asAt
  const updatesBy = groupBy(input.updates, (u) => u.objective_id)
  // Evidence as recorded by the quarter's end (or its round's lock): an entry added later is not part of this
  // quarter's report.
  const evidenceBy = groupBy(
    (input.evidence ?? []).filter((e) => isoDate(e.created_at) <= recordedBy && e.observed_on <= asAt),
    (e) => e.objective_id,
  )
  const practiceBy = groupBy(input.practiceEvidence ?? [], (p) => p.objectiveId)

  const slow: ReportContent['slowToProgress'] = {
    overdueMilestones: [],
    objectivesWithoutUpdate: [],
    measuresOfConcern: [],
    contributionsToStrengthen: [],
  }
  const significantChanges: ReportContent['significantChanges'] = []
  const notCurrent: NonNullable<ReportContent['notCurrent']> = []
  const seenMeasures = new Set<number>()

  // Strands added after the quarter (like 3b, added in January 2023) were not part of the plan then.
  const strands = input.tree.strands
    .filter((s) => s.status === 'active' && isoDate(s.created_at) <= asAt)
    .map((s) => {
      const strandLabel = `${s.code}: ${s.title}`
      const activeObjectives = s.objectives.filter((o) => o.status === 'active')
      const strandMeasures = measuresFor([
        ...new Set([
          ...linkedTo(input.strandLinks, s.id),
          ...activeObjectives.flatMap((o) => linkedTo(input.objectiveLinks, o.id)),
        ]),
      ])
      const rows = new Map(strandMeasures.map((m) => [m.measure.id, measureRow(m, s.id, asAt, input.national)]))
      const measureSource = (m: MeasureSummary): EvidenceSource => {
        const row = rows.get(m.measure.id)!
        return { ref: { anchor: row.anchor, label: m.measure.name }, direction: row.direction!, current: row.current! }
      }
      const milestoneItem = (m: MilestoneFact & { id: number; title: string }): MilestoneItem => ({
        ...m,
        ref: { anchor: milestoneAnchor(m.id), label: m.title },
      })

      const objectives = activeObjectives.map((o) => {
        const objectiveMeasures = measuresFor(linkedTo(input.objectiveLinks, o.id))
        const entries = evidenceBy.get(o.id) ?? []
        const evidence: EvidenceRow[] = entries
          .sort((a, b) => b.observed_on.localeCompare(a.observed_on) || b.id - a.id)
          .map((e) => ({
            anchor: evidenceAnchor(e.id),
            observedOn: e.observed_on,
            kind: EVIDENCE_KIND_LABELS[e.kind],
            summary: e.summary,
            direction: e.direction,
            current: entryIsCurrent(e.observed_on, asAt),
            attachmentName: e.attachment_name,
          }))
        const practice: PracticeEvidenceRow[] = (practiceBy.get(o.id) ?? []).map((p) => ({
          anchor: `objective-${o.id}-${p.anchor}`,
          kind: p.kind,
          label: p.label,
          direction: p.direction,
          current: p.current,
          detail: p.detail,
        }))
        // The same survey question or theme may be linked to several objectives: a strand counts it once.
        const practiceSources = (practiceBy.get(o.id) ?? []).map((p, i) => ({
          key: p.anchor,
          source: { ref: { anchor: practice[i]!.anchor, label: p.label }, direction: p.direction, current: p.current },
        }))
        const sources: EvidenceSource[] = [
          ...objectiveMeasures.map(measureSource),
          ...evidence.map((e) => ({
            ref: { anchor: e.anchor, label: `${e.kind}, ${formatDate(e.observedOn)}` },
            direction: e.direction,
            current: e.current,
          })),
        ]
        const delivery = rateDelivery(o.milestones.map(milestoneItem), due)
        const impact = rateImpact([...sources, ...practiceSources.map((p) => p.source)])
        const updates = (updatesBy.get(o.id) ?? []).filter((u) => isoDate(u.created_at) <= recordedBy)
        // Written in the quarter, or during its reporting round (which runs after the quarter's end).
        const inQuarterUpdates = updates.filter((u) => isoDate(u.created_at) >= q.start)
        if (inQuarterUpdates.length === 0) {
          const last =
            updates
              .map((u) => isoDate(u.created_at))
              .sort()
              .pop() ?? null
          slow.objectivesWithoutUpdate.push({ strand: strandLabel, objective: o.title, lastUpdate: last })
        }
        const row = (m: (typeof o.milestones)[number]) => milestoneRow(m, asAt, due, input.slippage)
        for (const m of o.milestones.filter((x) => overdueAt(x, due))) {
          slow.overdueMilestones.push({
            ...row(m),
            strand: strandLabel,
            objective: o.title,
            daysOverdue: daysBetween(m.due_on, due),
          })
        }
        return {
          objective: {
            id: o.id,
            anchor: `objective-${o.id}`,
            title: o.title,
            intendedImpact: o.intended_impact ?? '',
            status: rated(delivery, impact, overrideFor('objective', o.id)),
            attention: o.milestones
              .filter(
                (m) =>
                  !completeBy(m, asAt) && (overdueAt(m, due) || m.status === 'at-risk' || m.status === 'off-track'),
              )
              .map(row),
            measures: objectiveMeasures.map((m) => measureSource(m).ref),
            evidence,
            practice,
            completed: o.milestones.filter((m) => m.completed_on && inQuarter(m.completed_on, q)).map(row),
            dueInQuarter: o.milestones.filter((m) => inQuarter(m.due_on, q)).map(row),
            overdue: o.milestones.filter((m) => overdueAt(m, due)).map(row),
            updates: inQuarterUpdates.map((u) => ({
              date: isoDate(u.created_at),
              body: u.body,
              author: u.author_name,
            })),
          },
          sources,
          practiceSources,
          currentEntries: evidence.filter((e) => e.current).map((e) => e.direction),
        }
      })

      for (const m of strandMeasures) {
        const row = rows.get(m.measure.id)!
        if (row.current === false)
          notCurrent.push({
            strand: strandLabel,
            anchor: row.anchor,
            name: m.measure.name,
            latestPeriod: row.latestPeriod,
            note: row.currencyNote,
          })
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
            latest: row.latest,
          })
        }
      }

      // The strand: delivery over all its milestones, impact over its own measures and every objective's sources.
      const milestones = activeObjectives.flatMap((o) => o.milestones)
      const delivery = rateDelivery(milestones.map(milestoneItem), due)
      const sources = [
        ...uniqueBy(
          [
            ...measuresFor(linkedTo(input.strandLinks, s.id)).map(measureSource),
            ...objectives.flatMap((o) => o.sources),
          ],
          (x) => x.ref.anchor,
        ),
        ...uniqueBy(
          objectives.flatMap((o) => o.practiceSources),
          (p) => p.key,
        ).map((p) => p.source),
      ]
      const impact = rateImpact(sources)
      // Re-planning in the strand: each recorded move of a due date, and how far the dates have slipped.
      const moves = milestones
        .map((m) => input.slippage?.get(m.id))
        .filter((x): x is MilestoneSlippage => x !== undefined)
      const slippage = {
        replans: moves.reduce((n, m) => n + m.moves.length, 0),
        daysSlipped: moves.reduce(
          (n, m) => n + Math.max(0, daysBetween(m.originallyDue, m.moves[m.moves.length - 1]!.to)),
          0,
        ),
      }
      const note = input.commentary.get(s.id)
      return {
        id: s.id,
        code: s.code,
        half: s.half,
        title: s.title,
        lead: s.lead_title,
        status: rated(delivery, impact, overrideFor('strand', s.id)),
        slippage,
        commentary: note?.commentary ?? '',
        draftCommentary: draftCommentary({
          asAt,
          measures: strandMeasures.map((m) => ({ summary: m, row: rows.get(m.measure.id)! })),
          milestones: summariseMilestones(milestones, due),
          slippage,
          evidence: objectives.flatMap((o) => o.currentEntries),
        }),
        impact: note?.impact ?? '',
        objectives: objectives.map((o) => o.objective),
        measures: strandMeasures.map((m) => rows.get(m.measure.id)!),
      }
    })

  const strandName = new Map(input.tree.strands.map((s) => [s.id, `${s.code}: ${s.title}`]))
  const contributions = partnerContributions(input, q, asAt, recordedBy, due, strandName)
  slow.contributionsToStrengthen = contributions.toStrengthen
  slow.overdueMilestones.sort((a, b) => b.daysOverdue - a.daysOverdue)

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    councilName: input.councilName,
    planTitle: input.planTitle,
    quarter: q,
    dataAsAt: input.dataAsAt ?? asAt,
    ...(input.dataAsAtBasis ? { dataAsAtBasis: input.dataAsAtBasis } : {}),
    cover: input.cover ?? null,
    narrative: input.narrative,
    sensitive: input.sensitive ?? [],
    // Set by the report service, which reads the last published report; a content built alone has none.
    changesSinceLast: { kind: 'first' },
    strands,
    significantChanges,
    slowToProgress: slow,
    notCurrent,
    contributionsReceived: contributions.received,
    board: input.board ?? null,
    risks: input.risks ?? null,
    practice: input.practice ?? null,
    ...(strands.some((st) => st.measures.some((m) => m.official)) && input.nationalAttribution
      ? { sources: input.nationalAttribution }
      : {}),
  }
}

/**
 * Partners' contributions in the quarter. To strengthen: each asked for and due by the day read but not received
 * by the day the quarter's records close (`recordedBy`); each received in the quarter after its due date; and each
 * milestone a partner owns that is off track or overdue. Received: each answer received in the quarter.
 */
function partnerContributions(
  input: ReportInput,
  q: Quarter,
  asAt: string,
  recordedBy: string,
  due: string,
  strandName: Map<number, string>,
) {
  const strandOf = (id: number | null) => (id ? (strandName.get(id) ?? '') : '')
  const asked = input.partnerRequests.filter((r) => r.requested_on <= asAt)
  const receivedInQuarter = asked.filter(
    (r) => r.received_on !== null && r.received_on >= q.start && r.received_on <= recordedBy,
  )
  const toStrengthen: ReportContent['slowToProgress']['contributionsToStrengthen'] = [
    ...asked
      .filter((r) => r.due_on <= asAt && (r.received_on === null || r.received_on > recordedBy))
      .map((r) => ({
        partner: r.partner,
        description: r.description,
        strand: strandOf(r.strand_id),
        due_on: r.due_on,
        reason: 'missing' as const,
        detail: 'not received',
      })),
    ...receivedInQuarter
      .filter((r) => r.received_on! > r.due_on)
      .map((r) => ({
        partner: r.partner,
        description: r.description,
        strand: strandOf(r.strand_id),
        due_on: r.due_on,
        reason: 'late' as const,
        detail: `received ${formatDate(r.received_on)}, ${daysText(daysBetween(r.due_on, r.received_on!))} late`,
      })),
  ]
  const owners = input.partnerOwners ?? { users: new Map<number, string>(), contacts: new Map<number, string>() }
  for (const s of input.tree.strands.filter((x) => x.status === 'active')) {
    for (const o of s.objectives.filter((x) => x.status === 'active')) {
      for (const m of o.milestones) {
        const partner =
          m.owner_user_id !== null ? owners.users.get(m.owner_user_id) : owners.contacts.get(m.owner_contact_id ?? -1)
        if (partner === undefined || completeBy(m, asAt)) continue
        const overdue = overdueAt(m, due)
        if (!overdue && m.status !== 'off-track') continue
        toStrengthen.push({
          partner,
          description: m.title,
          strand: `${s.code}: ${s.title}`,
          due_on: m.due_on,
          reason: 'milestone',
          detail: overdue ? `milestone overdue by ${daysText(daysBetween(m.due_on, due))}` : 'milestone off track',
        })
      }
    }
  }
  const received = receivedInQuarter.map((r) => ({
    requestId: r.id,
    partner: r.partner,
    description: r.description,
    strand: strandOf(r.strand_id),
    dueOn: r.due_on,
    receivedOn: r.received_on!,
    response: r.response,
    attachmentName: r.attachment_name,
    late: r.received_on! > r.due_on,
  }))
  return { toStrengthen, received }
}

const daysText = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`

function groupBy<T, K>(list: T[], key: (item: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>()
  for (const item of list) out.set(key(item), [...(out.get(key(item)) ?? []), item])
  return out
}

function uniqueBy<T>(list: T[], key: (item: T) => string): T[] {
  const seen = new Set<string>()
  return list.filter((item) => !seen.has(key(item)) && Boolean(seen.add(key(item))))
}
