// What a report's content is, as a schema: the one definition behind the page, every export and the
// frozen copy a published report stores. A stored copy is upgraded from older versions and checked
// when it is read, so a published report always renders or says plainly that it cannot.
import { z } from 'zod'
import { boardSectionSchema, risksSectionSchema } from '../governance/report-sections.js'
import { practiceSectionsSchema } from '../impact/practice-sources.js'

/** Bump when ReportContent changes shape, and add the step from the previous version to `upgrades`. */
export const REPORT_SCHEMA_VERSION = 6

/** Why a partner's contribution needs strengthening. */
export const CONTRIBUTION_REASONS = ['missing', 'late', 'milestone'] as const

const rag = z.enum(['red', 'amber', 'green', 'not-rated'])
const itemRef = z.object({ anchor: z.string(), label: z.string() })
/** A reason for a status, with the items behind it (each an anchor to its row in the report). */
const reason = z.object({ text: z.string(), items: z.array(itemRef) })
const rated = z.object({
  /** The status shown: the override when there is one, else the derived overall status. */
  rag,
  derived: z.object({ rag, reasons: z.array(reason) }),
  override: z.object({ rag, reason: z.string(), by: z.string().nullable() }).nullable(),
  /** Delivery (milestones) and impact (evidence) rated apart; null in reports published before they were. */
  delivery: z.object({ rag, reasons: z.array(reason) }).nullable(),
  impact: z
    .object({ level: z.enum(['improving', 'no-change', 'worsening', 'none']), reasons: z.array(reason) })
    .nullable(),
})

/** A source of evidence from practice linked to an objective (src/shared/practice-evidence.ts), as it stood then. */
const practiceEvidenceRow = z.object({
  /** Unique in the report: the objective's anchor and the source's. */
  anchor: z.string(),
  kind: z.enum(['staff-survey', 'children-voice', 'leadership']),
  label: z.string(),
  direction: z.enum(['improving', 'no-change', 'worsening']),
  current: z.boolean(),
  detail: z.string(),
})

const evidenceRow = z.object({
  anchor: z.string(),
  observedOn: z.string(),
  kind: z.string(),
  summary: z.string(),
  direction: z.enum(['improving', 'no-change', 'worsening']),
  /** Observed in the six months to the quarter's end. */
  current: z.boolean(),
  attachmentName: z.string().nullable(),
})

const milestoneRow = z.object({
  id: z.number(),
  title: z.string(),
  owner: z.string(),
  due_on: z.string(),
  completed_on: z.string().nullable(),
  /** "Complete", "Overdue; last reported on track", or the status last reported. */
  status: z.string(),
  /** The first due date recorded, when the due date has since moved. */
  originallyDue: z.string().nullable(),
  timesMoved: z.number(),
})

const measureRow = z.object({
  id: z.number(),
  /** The id of its row in the report, which reasons link to. */
  anchor: z.string(),
  code: z.string(),
  name: z.string(),
  latest: z.string(),
  latestPeriod: z.string(),
  /** Whether the latest figure was current at the quarter's end; null in reports published before this was checked. */
  current: z.boolean().nullable(),
  /** Why it was not current, in words; empty when it was. */
  currencyNote: z.string(),
  /** Which way it pointed as evidence of impact. */
  direction: z.enum(['improving', 'no-change', 'worsening']).nullable(),
  previous: z.string(),
  target: z.string(),
  england: z.string(),
  statisticalNeighbours: z.string(),
  variation: z.string(),
  assurance: z.string(),
  variationKey: z.string(),
  assuranceKey: z.string(),
  unit: z.string(),
  chart: z.string(),
  /** England and neighbour figures are DfE's official statistics (needs the licence attribution). */
  official: z.boolean().optional(),
  /** How the measure differs from the figures it is set against; empty when they are alike. */
  comparability: z.string(),
  /** England's and the neighbours' figures as numbers, for the data annex; null where there is none. */
  englandValue: z.number().nullable(),
  neighboursValue: z.number().nullable(),
  /** Every value shown, for the data annex, with its SPC figures (null before SPC, or in older reports). */
  data: z.array(
    z.object({
      period: z.string(),
      label: z.string(),
      value: z.number().nullable(),
      target: z.number().nullable(),
      mean: z.number().nullable(),
      lowerLimit: z.number().nullable(),
      upperLimit: z.number().nullable(),
      /** The SPC rule that labels the point, in words; empty for common cause. */
      signal: z.string(),
    }),
  ),
})

export const PURPOSES = ['decision', 'assurance', 'information'] as const
export const MARKINGS = ['OFFICIAL', 'OFFICIAL-SENSITIVE'] as const
/** The parts of a report that can be marked sensitive, and so left out of its public edition. */
export const SENSITIVE_PARTS = ['summary', 'recommendations', 'decisions', 'decisionsFollowUp'] as const

const change = z.object({ item: z.string(), before: z.string(), after: z.string() })

/** A board paper's cover: where it goes, who wrote it, who answers for it, why, and how it is marked. */
const cover = z.object({
  boardName: z.string(),
  meetingOn: z.string().nullable(),
  authorRole: z.string(),
  accountableRole: z.string(),
  purpose: z.enum(PURPOSES),
  marking: z.enum(MARKINGS),
  /** 1 for the first publication; each correction adds one. */
  revision: z.number(),
  /** When this revision corrects an earlier one: which, and why. */
  corrects: z.object({ revision: z.number(), reason: z.string() }).nullable(),
  /** Who approved it (their name) and on which day; null until approved. */
  approvedBy: z.string().nullable(),
  approvedOn: z.string().nullable(),
})

/**
 * What changed since the latest report published for an earlier quarter. `first`: there was none;
 * `not-recorded`: a report published before packs carried this.
 */
const changesSinceLast = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('first') }),
  z.object({ kind: z.literal('not-recorded') }),
  z.object({
    kind: z.literal('compared'),
    previous: z.object({ id: z.number(), label: z.string(), publishedOn: z.string() }),
    statuses: z.array(change),
    measures: z.array(change),
    slowNew: z.array(z.string()),
    slowCleared: z.array(z.string()),
    /** What the Board was asked to decide last time, in that report's words. */
    decisionsAsked: z.string(),
  }),
])

export const reportContentSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  councilName: z.string(),
  planTitle: z.string(),
  quarter: z.object({ start: z.string(), end: z.string(), label: z.string() }),
  /** The day the figures and the plan were read as at: the quarter's end, or the day drafted if earlier. */
  dataAsAt: z.string(),
  /** Set when the quarter had a reporting round: read as at its lock, or as now while it was still open. */
  dataAsAtBasis: z.enum(['round-locked', 'round-open']).optional(),
  /** Null in reports published before board-paper covers. */
  cover: cover.nullable(),
  narrative: z.object({
    summary: z.string(),
    recommendations: z.string(),
    decisions: z.string(),
    /** What became of the decisions asked for in the last report. */
    decisionsFollowUp: z.string(),
  }),
  /** Parts marked OFFICIAL-SENSITIVE (SENSITIVE_PARTS, or `strand-<id>` for a strand's commentary). */
  sensitive: z.array(z.string()),
  changesSinceLast,
  strands: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      half: z.enum(['A', 'B']),
      title: z.string(),
      lead: z.string(),
      status: rated,
      /** Due dates moved in the strand's milestones, and the days they slipped in all. */
      slippage: z.object({ replans: z.number(), daysSlipped: z.number() }),
      /** The strand lead's commentary, as edited; empty when not yet written. */
      commentary: z.string(),
      /** Sentences drafted from the figures, which the lead starts from. */
      draftCommentary: z.string(),
      impact: z.string(),
      objectives: z.array(
        z.object({
          id: z.number(),
          anchor: z.string(),
          title: z.string(),
          /** What will be different for children and families. */
          intendedImpact: z.string(),
          status: rated,
          /** Open milestones behind a Red or Amber delivery rating: overdue, off track or at risk. */
          attention: z.array(milestoneRow),
          /** The linked measures (rows in the strand's measure table). */
          measures: z.array(itemRef),
          evidence: z.array(evidenceRow),
          /** Staff surveys, children's voice and leadership stability linked to the objective. */
          practice: z.array(practiceEvidenceRow),
          completed: z.array(milestoneRow),
          dueInQuarter: z.array(milestoneRow),
          overdue: z.array(milestoneRow),
          updates: z.array(z.object({ date: z.string(), body: z.string(), author: z.string().nullable() })),
        }),
      ),
      measures: z.array(measureRow),
    }),
  ),
  significantChanges: z.array(
    z.object({ code: z.string(), name: z.string(), strand: z.string(), variation: z.string(), latest: z.string() }),
  ),
  slowToProgress: z.object({
    overdueMilestones: z.array(
      milestoneRow.extend({ strand: z.string(), objective: z.string(), daysOverdue: z.number() }),
    ),
    objectivesWithoutUpdate: z.array(
      z.object({ strand: z.string(), objective: z.string(), lastUpdate: z.string().nullable() }),
    ),
    measuresOfConcern: z.array(
      z.object({ strand: z.string(), name: z.string(), variation: z.string(), assurance: z.string() }),
    ),
    contributionsToStrengthen: z.array(
      z.object({
        partner: z.string(),
        description: z.string(),
        strand: z.string(),
        due_on: z.string(),
        /** Not received by the day read; received after its due date; a milestone the partner owns off track. */
        reason: z.enum(CONTRIBUTION_REASONS),
        /** In words: "not received", "received 12 days late", "off track", "overdue by 9 days". */
        detail: z.string(),
      }),
    ),
  }),
  /** Partners' answers received in the quarter (null in reports published before answers were kept). */
  contributionsReceived: z
    .array(
      z.object({
        requestId: z.number(),
        partner: z.string(),
        description: z.string(),
        strand: z.string(),
        dueOn: z.string(),
        receivedOn: z.string(),
        response: z.string(),
        attachmentName: z.string().nullable(),
        late: z.boolean(),
      }),
    )
    .nullable(),
  /** The Board's decisions and action log as at the day read (null: no Board record kept, or an older report). */
  board: boardSectionSchema.nullable(),
  /** The risk register and improvement resources as at the day read (null: none recorded, or an older report). */
  risks: risksSectionSchema.nullable(),
  /**
   * Evidence from practice as at the day read: staff surveys, children's voice, case-file audits, practice standards
   * and leadership stability (null: none recorded, or a report published before they were kept).
   */
  practice: practiceSectionsSchema.nullable(),
  /** Measures whose latest figure was not current at the quarter's end; null in reports published before this was checked. */
  notCurrent: z
    .array(
      z.object({
        strand: z.string(),
        anchor: z.string(),
        name: z.string(),
        latestPeriod: z.string(),
        note: z.string(),
      }),
    )
    .nullable(),
  /** Attribution for official statistics shown in the measure tables, if any are. */
  sources: z.string().optional(),
})

export type ReportContent = z.infer<typeof reportContentSchema>
export type Rated = ReportContent['strands'][number]['status']
export type MeasureRow = ReportContent['strands'][number]['measures'][number]
export type MilestoneRow = z.infer<typeof milestoneRow>
export type EvidenceRow = z.infer<typeof evidenceRow>
export type PracticeEvidenceRow = z.infer<typeof practiceEvidenceRow>
export type ReportStrand = ReportContent['strands'][number]
export type ReportObjective = ReportStrand['objectives'][number]
export type ReportCover = z.infer<typeof cover>
export type ChangesSinceLast = z.infer<typeof changesSinceLast>
export type ReportChange = z.infer<typeof change>

/** A stored snapshot that no upgrade can make valid: the report page says so rather than guess. */
export class SnapshotError extends Error {}

/**
 * Each step upgrades a snapshot from version N (the key) to N + 1. Version 0 is every snapshot stored
 * before snapshots carried a version: the same shape as version 1, which added only the version.
 */
const upgrades: Record<number, (snapshot: Record<string, unknown>) => Record<string, unknown>> = {
  0: (snapshot) => ({ ...snapshot, schemaVersion: 1 }),
  // Version 5 adds the Board's decisions and actions, the risks and resources, partners' answers, and says why
  // each contribution needs strengthening. An older report listed only contributions not received.
  // Version 6 adds evidence from practice: each objective's linked sources, and the report's section. An older
  // report had none recorded.
  5: (snapshot) => ({
    ...snapshot,
    schemaVersion: 6,
    practice: null,
    strands: mapStrands(snapshot.strands, (s) =>
      Array.isArray(s.objectives)
        ? {
            ...s,
            objectives: s.objectives.map((o: unknown) =>
              o !== null && typeof o === 'object' ? { practice: [], ...o } : o,
            ),
          }
        : s,
    ),
  }),
  4: (snapshot) => {
    const slow = snapshot.slowToProgress as Record<string, unknown> | undefined
    return {
      ...snapshot,
      schemaVersion: 5,
      board: null,
      risks: null,
      contributionsReceived: null,
      slowToProgress:
        slow && Array.isArray(slow.contributionsToStrengthen)
          ? {
              ...slow,
              contributionsToStrengthen: slow.contributionsToStrengthen.map((c: unknown) =>
                c !== null && typeof c === 'object' ? { reason: 'missing', detail: 'not received', ...c } : c,
              ),
            }
          : slow,
    }
  },
  // Version 4 is a board paper: a cover, changes since the last report, a data-as-at day, sensitive parts,
  // and numbers for the data annex. An older report had none of these; its data stand as they were.
  3: (snapshot) => {
    const quarter = snapshot.quarter as Record<string, unknown> | undefined
    const narrative = snapshot.narrative as Record<string, unknown> | undefined
    return {
      ...snapshot,
      schemaVersion: 4,
      dataAsAt: quarter?.end,
      cover: null,
      narrative: { decisionsFollowUp: '', ...narrative },
      sensitive: [],
      changesSinceLast: { kind: 'not-recorded' },
      strands: mapMeasures(snapshot.strands, (m) => ({
        englandValue: null,
        neighboursValue: null,
        ...m,
        data: Array.isArray(m.data)
          ? m.data.map((p: unknown) =>
              p !== null && typeof p === 'object'
                ? { mean: null, lowerLimit: null, upperLimit: null, signal: '', ...p }
                : p,
            )
          : m.data,
      })),
    }
  },
  // Version 2 says how each measure differs from its benchmarks; earlier reports said nothing about it.
  // Version 3 rates delivery and impact apart, with reasons that name their items; counts re-planning
  // (milestones gain their id and how often their due date moved); flags figures that were not current.
  // An older report checked none of this, so the new fields say "not known" rather than guess.
  2: (snapshot) => ({
    ...snapshot,
    schemaVersion: 3,
    notCurrent: null,
    strands: mapStrands(snapshot.strands, (s) => ({
      slippage: { replans: 0, daysSlipped: 0 },
      draftCommentary: '',
      ...s,
      status: ratedV3(s.status),
      measures: Array.isArray(s.measures)
        ? s.measures.map((m: unknown) =>
            m !== null && typeof m === 'object'
              ? {
                  anchor: `measure-${String(s.id)}-${String((m as Record<string, unknown>).id)}`,
                  current: null,
                  currencyNote: '',
                  direction: null,
                  ...m,
                }
              : m,
          )
        : s.measures,
      objectives: Array.isArray(s.objectives)
        ? s.objectives.map((o: unknown) =>
            o !== null && typeof o === 'object'
              ? {
                  intendedImpact: '',
                  attention: [],
                  measures: [],
                  evidence: [],
                  ...(mapMilestoneLists(o) as Record<string, unknown>),
                  anchor: `objective-${String((o as Record<string, unknown>).id)}`,
                  status: ratedV3((o as Record<string, unknown>).status),
                }
              : o,
          )
        : s.objectives,
    })),
    slowToProgress: mapMilestoneLists(snapshot.slowToProgress),
  }),
  1: (snapshot) => ({
    ...snapshot,
    schemaVersion: 2,
    strands: mapMeasures(snapshot.strands, (m) => ({ comparability: '', ...m })),
  }),
}

/** A version 2 status: its reasons were plain words, with no items and no separate delivery and impact. */
function ratedV3(status: unknown): unknown {
  if (status === null || typeof status !== 'object') return status
  const r = status as Record<string, unknown>
  const derived = r.derived as Record<string, unknown> | undefined
  return {
    delivery: null,
    impact: null,
    ...r,
    derived:
      derived && Array.isArray(derived.reasons)
        ? {
            ...derived,
            reasons: derived.reasons.map((text: unknown) => (typeof text === 'string' ? { text, items: [] } : text)),
          }
        : derived,
  }
}

/** Applies `change` to every strand of a stored snapshot (not yet validated). */
function mapStrands(strands: unknown, change: (strand: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (!Array.isArray(strands)) return strands
  return strands.map((s: unknown) => (s !== null && typeof s === 'object' ? change(s as Record<string, unknown>) : s))
}

/** Version 2 milestone rows (in any list of an object) as version 3's: no id known, never moved. */
function mapMilestoneLists(holder: unknown): unknown {
  if (holder === null || typeof holder !== 'object') return holder
  const out: Record<string, unknown> = { ...(holder as Record<string, unknown>) }
  for (const key of ['completed', 'dueInQuarter', 'overdue', 'overdueMilestones']) {
    const list = out[key]
    if (Array.isArray(list))
      out[key] = list.map((m: unknown) =>
        m !== null && typeof m === 'object' ? { id: 0, originallyDue: null, timesMoved: 0, ...m } : m,
      )
  }
  return out
}

/** Applies `change` to every measure row of every strand of a stored snapshot (not yet validated). */
function mapMeasures(strands: unknown, change: (measure: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (!Array.isArray(strands)) return strands
  return strands.map((strand: unknown) => {
    if (strand === null || typeof strand !== 'object') return strand
    const s = strand as Record<string, unknown>
    return Array.isArray(s.measures)
      ? {
          ...s,
          measures: s.measures.map((m: unknown) =>
            m !== null && typeof m === 'object' ? change(m as Record<string, unknown>) : m,
          ),
        }
      : s
  })
}

/** A stored snapshot as the current ReportContent: upgraded step by step, then checked. */
export function readReportSnapshot(stored: unknown): ReportContent {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) {
    throw new SnapshotError('The published report has no stored content')
  }
  let snapshot = stored as Record<string, unknown>
  let version = typeof snapshot.schemaVersion === 'number' ? snapshot.schemaVersion : 0
  while (version < REPORT_SCHEMA_VERSION) {
    const step = upgrades[version]
    if (!step) throw new SnapshotError(`No upgrade from report snapshot version ${version}`)
    snapshot = step(snapshot)
    version++
  }
  const parsed = reportContentSchema.safeParse(snapshot)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new SnapshotError(
      `The published report's stored content is not valid (${first?.path.join('.') ?? ''}: ${first?.message ?? ''})`,
    )
  }
  return parsed.data
}
