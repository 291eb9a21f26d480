// The council's own assessment of its improvement, sent before a DfE review (the 2018 Notice asks for one
// before each review): progress against the plan's objectives, the key measures, the evidence since the last
// review, practice evidence, what became of the last review's findings and the Notice's requirements, and
// the council's own words. One schema behind the page, the print view (PDF) and Word. A draft is built from
// the live data on every view; submitting stores this object, so what was sent never changes.
// Pure: the loaded data come in, plain JSON goes out.
import { keyMeasures } from '../measures/key-measures.js'
import { z } from 'zod'
import type {
  EvidenceKind,
  InspectionType,
  InterventionKind,
  OversightEventKind,
  OversightEventState,
} from '../db/database.js'
import type { CouncilMeasures } from '../measures/measure-service.js'
import type { MeasureSummary } from '../measures/measure-summary.js'
import { measureChart } from '../measures/measure-chart.js'
import { ASSURANCE_LABELS, VARIATION_LABELS, signalText } from '../measures/spc.js'
import type { PlanTree } from '../plan/plan-repository.js'
import { EVIDENCE_DIRECTION_LABELS, EVIDENCE_KIND_LABELS } from '../impact/evidence-kinds.js'
import { IMPACT_LABELS } from '../impact/impact-rules.js'
import { buildReportContent, type EvidenceInput } from '../reports/report-content.js'
import { practiceSectionsSchema, type PracticeSections } from '../impact/practice-sources.js'
import type { PracticeEvidence } from '../shared/practice-evidence.js'
import { reasonsText } from '../reports/report-words.js'
import { RAG_LABELS } from '../reports/status-rules.js'
import { SnapshotError, type Rated } from '../reports/report-snapshot.js'
import { addMonths, quarterOf } from '../shared/calendar.js'
import { formatDate } from '../shared/dates.js'
import { UNIT_LABELS, formatValue } from '../shared/units.js'
import { FINDING_KIND_LABELS, INTERVENTION_KIND_LABELS, eventKindName, eventTitle } from './event-kinds.js'
import { subjectKey, type ResolvedLink } from './link-repository.js'
import { tracking, trackingLabel } from './tracking-rules.js'

/** Bump when the content changes shape, and add the step from the previous version to `upgrades`. */
export const SELF_ASSESSMENT_SCHEMA_VERSION = 2

/** The sections the council writes, in the order they are shown, each up to NARRATIVE_MAX characters. */
export const NARRATIVE_SECTIONS = [
  {
    key: 'overview',
    heading: 'Our overall view',
    hint: 'How far services for children have improved since the last review, in a few paragraphs.',
  },
  {
    key: 'strengths',
    heading: 'What is working for children',
    hint: 'The improvements children and families would notice, and how you know.',
  },
  {
    key: 'weaknesses',
    heading: 'What is not yet good enough',
    hint: 'Where practice or progress still falls short, and why.',
  },
  {
    key: 'next',
    heading: 'What we will do next',
    hint: 'The actions you will take before the next review, and who leads them.',
  },
] as const
export type NarrativeKey = (typeof NARRATIVE_SECTIONS)[number]['key']
export const NARRATIVE_MAX = 5000

/** Practice evidence: case-file audits, children's voice and staff voice (evidence entries of these kinds). */
export const PRACTICE_KINDS = [
  { kind: 'audit', heading: 'Case-file audits' },
  { kind: 'children', heading: 'The voice of children and families' },
  { kind: 'staff', heading: 'The voice of staff' },
] as const satisfies ReadonlyArray<{ kind: EvidenceKind; heading: string }>

/** Without an earlier DfE review, the evidence shown is what was observed in this many months. */
export const EVIDENCE_FALLBACK_MONTHS = 6

const rag = z.enum(['red', 'amber', 'green', 'not-rated'])
const impactLevel = z.enum(['improving', 'no-change', 'worsening', 'none'])
/** Delivery (milestones) and impact (evidence), each with its words and the reasons in a sentence. */
const rating = z.object({
  delivery: z.object({ rag, label: z.string(), reasons: z.string() }),
  impact: z.object({ level: impactLevel, label: z.string(), reasons: z.string() }),
})
const direction = z.enum(['improving', 'no-change', 'worsening'])
const evidenceRow = z.object({
  id: z.number(),
  /** "2.1: Timely permanence plans": the strand code and the objective. */
  objective: z.string(),
  observedOn: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  summary: z.string(),
  direction,
  directionLabel: z.string(),
})
const eventRef = z.object({
  title: z.string(),
  kindLabel: z.string(),
  startsOn: z.string(),
  endsOn: z.string().nullable(),
})

export const selfAssessmentContentSchema = z.object({
  schemaVersion: z.literal(SELF_ASSESSMENT_SCHEMA_VERSION),
  councilName: z.string(),
  title: z.string(),
  status: z.enum(['draft', 'submitted']),
  /** The day the data are read as at: today for a draft, the day submitted once frozen. */
  dataAsAt: z.string(),
  submitted: z.object({ on: z.string(), by: z.string().nullable() }).nullable(),
  /** The review or visit it prepares for; null when not linked to one. */
  review: eventRef.extend({ state: z.enum(['planned', 'held']) }).nullable(),
  /** Null when the council has no plan yet. */
  planTitle: z.string().nullable(),
  strands: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      title: z.string(),
      lead: z.string(),
      rating,
      objectives: z.array(z.object({ id: z.number(), title: z.string(), rating })),
    }),
  ),
  measures: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      name: z.string(),
      unitLabel: z.string(),
      latest: z.string(),
      latestPeriod: z.string(),
      target: z.string(),
      variation: z.string(),
      variationKey: z.string(),
      assurance: z.string(),
      assuranceKey: z.string(),
      /** The SPC rule the latest point breaks, in words; "None" when it breaks none. */
      signal: z.string(),
      /** The chart as SVG, with its own title and text alternative. */
      chart: z.string(),
    }),
  ),
  evidence: z.object({
    /** Entries observed after this day (and by the data-as-at day) are shown. */
    since: z.string(),
    basis: z.enum(['previous-review', 'six-months']),
    previousReview: eventRef.nullable(),
    entries: z.array(evidenceRow),
  }),
  practice: z.array(z.object({ kind: z.string(), heading: z.string(), entries: z.array(evidenceRow) })),
  /**
   * Staff surveys, children's voice, case-file audits, practice standards and leadership stability as on the
   * data-as-at day (null: none recorded; absent from a self-assessment submitted before they were kept).
   */
  practiceSections: practiceSectionsSchema.nullable().optional(),
  /** The findings and recommendations of the latest review or visit held before this one; null when none. */
  sinceLastReview: z
    .object({
      event: eventRef,
      items: z.array(
        z.object({
          kindLabel: z.string(),
          reference: z.string(),
          text: z.string(),
          dueOn: z.string().nullable(),
          state: z.string(),
          stateLabel: z.string(),
          /** What answers it: each link's label. */
          answeredBy: z.array(z.string()),
          closedOn: z.string().nullable(),
          closureNote: z.string(),
        }),
      ),
      counts: z.object({
        total: z.number(),
        closed: z.number(),
        /** Open with a linked action. */
        inProgress: z.number(),
        /** Open with no linked action. */
        noAction: z.number(),
        overdue: z.number(),
      }),
    })
    .nullable(),
  /** Each Notice or Direction in force: how its requirements stand. */
  requirements: z.array(
    z.object({
      title: z.string(),
      kindLabel: z.string(),
      issuedOn: z.string(),
      total: z.number(),
      met: z.number(),
      overdue: z.number(),
      noEvidence: z.number(),
    }),
  ),
  narrative: z.object({ overview: z.string(), strengths: z.string(), weaknesses: z.string(), next: z.string() }),
})

export type SelfAssessmentContent = z.infer<typeof selfAssessmentContentSchema>
export type SelfAssessmentEvidence = z.infer<typeof evidenceRow>

/**
 * Each step upgrades a stored snapshot from version N (the key) to N + 1. Version 2 adds the sources of evidence
 * from practice; one submitted before has none (and says so by leaving them out).
 */
const upgrades: Record<number, (snapshot: Record<string, unknown>) => Record<string, unknown>> = {
  1: (snapshot) => ({ ...snapshot, schemaVersion: 2 }),
}

/** A stored snapshot, upgraded to this version and checked; a SnapshotError when it cannot be read. */
export function readSelfAssessmentSnapshot(stored: unknown): SelfAssessmentContent {
  if (stored === null || typeof stored !== 'object') throw new SnapshotError('The self-assessment has no snapshot')
  let snapshot = stored as Record<string, unknown>
  for (;;) {
    const version = typeof snapshot.schemaVersion === 'number' ? snapshot.schemaVersion : 0
    const step = upgrades[version]
    if (version >= SELF_ASSESSMENT_SCHEMA_VERSION || !step) break
    snapshot = step(snapshot)
  }
  const parsed = selfAssessmentContentSchema.safeParse(snapshot)
  if (!parsed.success) throw new SnapshotError(`Self-assessment snapshot unreadable: ${parsed.error.message}`)
  return parsed.data
}

// ---------------------------------------------------------------------------------------------------
// Which reviews come before: the one whose findings are followed up, and the DfE review evidence runs from.

export interface ReviewEvent {
  id: number
  kind: OversightEventKind
  inspection_type: InspectionType | null
  title: string
  state: OversightEventState
  starts_on: string
  ends_on: string | null
}

/**
 * The latest review or visit held before the one prepared for (before today when none is linked): its
 * findings are followed up. And the latest DfE review held before it: evidence is shown from its end.
 */
export function previousEvents(
  events: readonly ReviewEvent[],
  target: ReviewEvent | null,
  asAt: string,
): { previousEvent: ReviewEvent | null; previousDfeReview: ReviewEvent | null } {
  const held = events
    .filter(
      (e) =>
        e.state === 'held' &&
        e.id !== target?.id &&
        e.starts_on <= asAt &&
        (target === null || e.starts_on < target.starts_on),
    )
    .sort((a, b) => b.starts_on.localeCompare(a.starts_on) || b.id - a.id)
  return { previousEvent: held[0] ?? null, previousDfeReview: held.find((e) => e.kind === 'dfe-review') ?? null }
}

/** The day evidence is shown from: the end of the previous DfE review, else six months before the data-as-at day. */
export function evidenceSince(previousDfeReview: ReviewEvent | null, asAt: string): string {
  return previousDfeReview
    ? (previousDfeReview.ends_on ?? previousDfeReview.starts_on)
    : addMonths(asAt, -EVIDENCE_FALLBACK_MONTHS)
}

// ---------------------------------------------------------------------------------------------------
// The key measures, chosen as the Director's home page chooses them (src/measures/key-measures.ts), each
// as a row with its SPC verdicts in words.

function measureRow(s: MeasureSummary): SelfAssessmentContent['measures'][number] {
  const { measure, spc } = s
  const fmt = (v: number) => formatValue(v, measure.unit, measure.decimals)
  const primary = spc.latest?.primary ?? null
  return {
    id: measure.id,
    code: measure.code,
    name: measure.name,
    unitLabel: UNIT_LABELS[measure.unit],
    latest: s.latest?.value != null ? fmt(s.latest.value) : 'No data',
    latestPeriod: s.latest?.label ?? '',
    target: s.target ? fmt(s.target.value) : 'None',
    variation: VARIATION_LABELS[spc.variation],
    variationKey: spc.variation,
    assurance: ASSURANCE_LABELS[spc.assurance],
    assuranceKey: spc.assurance,
    signal: primary ? signalText(primary, spc.latest!.directions[primary]!) : 'None',
    chart: measureChart(s, `self-assessment-chart-${measure.id}`),
  }
}

// ---------------------------------------------------------------------------------------------------
// The builder.

export interface FindingInput {
  id: number
  kind: 'strength' | 'finding' | 'recommendation'
  reference: string
  text: string
  due_on: string | null
  closed_on: string | null
  closure_note: string
}

export interface InterventionInput {
  id: number
  kind: InterventionKind
  title: string
  issued_on: string
  requirements: Array<{ id: number; due_on: string | null; closed_on: string | null }>
}

export interface SelfAssessmentInput {
  councilName: string
  title: string
  status: 'draft' | 'submitted'
  /** Today for a draft; the day of submission when it is frozen. */
  dataAsAt: string
  submitted: { on: string; by: string | null } | null
  review: ReviewEvent | null
  plan: { title: string; closed_on: string | null } | null
  tree: PlanTree
  measures: CouncilMeasures
  /** The plan's evidence entries as they stand (listPlanEvidence: withdrawn ones left out). */
  evidence: EvidenceInput[]
  /** Evidence from practice linked to objectives, as on the data-as-at day (for the ratings). */
  practiceEvidence?: PracticeEvidence[]
  /** The sources of evidence from practice as on the data-as-at day (null: none recorded). */
  practiceSections?: PracticeSections | null
  previousDfeReview: ReviewEvent | null
  previousEvent: { event: ReviewEvent; findings: FindingInput[] } | null
  interventions: InterventionInput[]
  /** Links of the previous event's findings and of the interventions' requirements, keyed by subjectKey. */
  links: Map<string, ResolvedLink[]>
  narrative: Record<string, string>
}

const eventRefOf = (e: ReviewEvent) => ({
  title: eventTitle(e),
  kindLabel: eventKindName(e.kind, e.inspection_type),
  startsOn: e.starts_on,
  endsOn: e.ends_on,
})

function ratingOf(status: Rated): z.infer<typeof rating> {
  const delivery = status.delivery!
  const impact = status.impact!
  return {
    delivery: { rag: delivery.rag, label: RAG_LABELS[delivery.rag], reasons: reasonsText(delivery.reasons) },
    impact: { level: impact.level, label: IMPACT_LABELS[impact.level], reasons: reasonsText(impact.reasons) },
  }
}

/**
 * Delivery and impact today, by the report's own builder fed as src/home/plan-ratings.ts feeds it: the
 * running quarter cut short at the data-as-at day, the evidence as it stands, no overrides.
 */
function ratings(input: SelfAssessmentInput): SelfAssessmentContent['strands'] {
  if (!input.plan) return []
  const content = buildReportContent({
    councilName: input.councilName,
    planTitle: input.plan.title,
    quarter: { ...quarterOf(input.dataAsAt), end: input.dataAsAt },
    tree: input.tree,
    updates: [],
    evidence: input.evidence,
    practiceEvidence: input.practiceEvidence ?? [],
    planClosedOn: input.plan.closed_on,
    measures: [...input.measures.summaries.values()],
    strandLinks: input.measures.strandLinks,
    objectiveLinks: input.measures.objectiveLinks,
    partnerRequests: [],
    narrative: { summary: '', recommendations: '', decisions: '', decisionsFollowUp: '' },
    commentary: new Map(),
    overrides: [],
  })
  return content.strands.map((s) => ({
    id: s.id,
    code: s.code,
    title: s.title,
    lead: s.lead,
    rating: ratingOf(s.status),
    objectives: s.objectives.map((o) => ({ id: o.id, title: o.title, rating: ratingOf(o.status) })),
  }))
}

function evidenceRows(input: SelfAssessmentInput, since: string): SelfAssessmentEvidence[] {
  const objectives = new Map(
    input.tree.strands.flatMap((s) => s.objectives.map((o) => [o.id, `${s.code}: ${o.title}`] as const)),
  )
  return input.evidence
    .filter((e) => e.observed_on > since && e.observed_on <= input.dataAsAt)
    .sort((a, b) => b.observed_on.localeCompare(a.observed_on) || b.id - a.id)
    .map((e) => ({
      id: e.id,
      objective: objectives.get(e.objective_id) ?? 'An objective no longer in the plan',
      observedOn: e.observed_on,
      kind: e.kind,
      kindLabel: EVIDENCE_KIND_LABELS[e.kind],
      summary: e.summary,
      direction: e.direction,
      directionLabel: EVIDENCE_DIRECTION_LABELS[e.direction],
    }))
}

function sinceLastReview(input: SelfAssessmentInput): SelfAssessmentContent['sinceLastReview'] {
  if (!input.previousEvent) return null
  const today = input.dataAsAt
  const counts = { total: 0, closed: 0, inProgress: 0, noAction: 0, overdue: 0 }
  const items = input.previousEvent.findings
    .filter((f) => f.kind !== 'strength')
    .map((f) => {
      const links = input.links.get(subjectKey({ type: 'finding', id: f.id })) ?? []
      const t = tracking({ kind: f.kind, dueOn: f.due_on, closedOn: f.closed_on }, links, today)
      counts.total++
      if (t.state === 'closed') counts.closed++
      else if (t.noAction) counts.noAction++
      else counts.inProgress++
      if (t.overdue) counts.overdue++
      return {
        kindLabel: FINDING_KIND_LABELS[f.kind],
        reference: f.reference,
        text: f.text,
        dueOn: f.due_on,
        state: t.state,
        stateLabel: trackingLabel(f.kind, t.state),
        answeredBy: links.map((l) => l.label),
        closedOn: f.closed_on,
        closureNote: f.closure_note,
      }
    })
  return { event: eventRefOf(input.previousEvent.event), items, counts }
}

function requirementCounts(input: SelfAssessmentInput): SelfAssessmentContent['requirements'] {
  return input.interventions.map((i) => {
    const counts = { total: 0, met: 0, overdue: 0, noEvidence: 0 }
    for (const r of i.requirements) {
      const links = input.links.get(subjectKey({ type: 'requirement', id: r.id })) ?? []
      const t = tracking({ kind: 'requirement', dueOn: r.due_on, closedOn: r.closed_on }, links, input.dataAsAt)
      counts.total++
      if (t.state === 'closed') counts.met++
      if (t.overdue) counts.overdue++
      if (t.noAction) counts.noEvidence++
    }
    return { title: i.title, kindLabel: INTERVENTION_KIND_LABELS[i.kind], issuedOn: i.issued_on, ...counts }
  })
}

export function buildSelfAssessment(input: SelfAssessmentInput): SelfAssessmentContent {
  const since = evidenceSince(input.previousDfeReview, input.dataAsAt)
  const entries = evidenceRows(input, since)
  const text = (key: NarrativeKey) => input.narrative[key] ?? ''
  return {
    schemaVersion: SELF_ASSESSMENT_SCHEMA_VERSION,
    councilName: input.councilName,
    title: input.title,
    status: input.status,
    dataAsAt: input.dataAsAt,
    submitted: input.submitted,
    review: input.review ? { ...eventRefOf(input.review), state: input.review.state } : null,
    planTitle: input.plan?.title ?? null,
    strands: ratings(input),
    measures: input.plan ? keyMeasures(input.measures, input.tree).map(measureRow) : [],
    evidence: {
      since,
      basis: input.previousDfeReview ? 'previous-review' : 'six-months',
      previousReview: input.previousDfeReview ? eventRefOf(input.previousDfeReview) : null,
      entries,
    },
    practice: PRACTICE_KINDS.map(({ kind, heading }) => ({
      kind,
      heading,
      entries: entries.filter((e) => e.kind === kind),
    })),
    practiceSections: input.practiceSections ?? null,
    sinceLastReview: sinceLastReview(input),
    requirements: requirementCounts(input),
    narrative: {
      overview: text('overview'),
      strengths: text('strengths'),
      weaknesses: text('weaknesses'),
      next: text('next'),
    },
  }
}

// ---------------------------------------------------------------------------------------------------
// Words every rendering shares.

/** Which entries the evidence sections show, in a sentence. */
export function evidenceWindowText(evidence: SelfAssessmentContent['evidence']): string {
  return evidence.previousReview
    ? `Entries observed since the last DfE review: ${evidence.previousReview.title} (${rangeText(evidence.previousReview)}).`
    : `No earlier DfE review is recorded, so these are the entries observed in the ${EVIDENCE_FALLBACK_MONTHS} months since ${formatDate(evidence.since)}.`
}

/** "12 March 2026" or "12 to 14 March 2026" (as dates, in full). */
export function rangeText(e: { startsOn: string; endsOn: string | null }): string {
  return e.endsOn && e.endsOn !== e.startsOn
    ? `${formatDate(e.startsOn)} to ${formatDate(e.endsOn)}`
    : formatDate(e.startsOn)
}

/** What a renderer says when a practice section is empty. */
export function noneRecordedText(since: string): string {
  return `None recorded since ${formatDate(since)}.`
}

/** Where it stands, in a line. */
export function statusText(content: Pick<SelfAssessmentContent, 'status' | 'dataAsAt' | 'submitted'>): string {
  if (content.status === 'submitted' && content.submitted)
    return `Submitted on ${formatDate(content.submitted.on)}${content.submitted.by ? ` by ${content.submitted.by}` : ''}. The content is frozen as it stood that day.`
  return `Draft, with figures as they stand on ${formatDate(content.dataAsAt)}. It changes as the plan, measures and evidence change, until it is submitted.`
}
