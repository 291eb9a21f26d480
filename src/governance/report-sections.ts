// The parts of a quarterly report that come from the Board's own records: its decisions and the action log as
// at the quarter's end, and the risk register and improvement resources. The report stores them in its
// snapshot (src/reports/report-snapshot.ts uses these schemas), so they are plain JSON, checked by zod, and a
// published report keeps them as they were recorded then.
import { z } from 'zod'

/** How an action stood on the day the report reads as at. */
export const ACTION_STATES = ['open', 'overdue', 'done', 'dropped'] as const
export type ActionState = (typeof ACTION_STATES)[number]

export const boardActionRow = z.object({
  id: z.number(),
  text: z.string(),
  owner: z.string(),
  dueOn: z.string(),
  state: z.enum(ACTION_STATES),
  /** In words: "Done on 3 March 2026", "Overdue by 12 days", "Open, due 1 May 2026". */
  stateText: z.string(),
  /** The meeting that set it, in words ("Board, 12 January 2026"). */
  raisedAt: z.string(),
  raisedOn: z.string(),
  /** Raised at an earlier meeting and still open at the latest meeting before the day read: carried forward. */
  carriedForward: z.boolean(),
  progress: z.string(),
})

/** What became of a decision, from its actions as at the day read. */
export const DECISION_OUTCOMES = ['done', 'in-progress', 'overdue', 'no-action'] as const
export type DecisionOutcome = (typeof DECISION_OUTCOMES)[number]

export const boardDecisionRow = z.object({
  id: z.number(),
  meetingOn: z.string(),
  meetingTitle: z.string(),
  text: z.string(),
  /** The report the decision was taken on, in words ("Q2 2026/27 report"), or null. */
  takenOn: z.string().nullable(),
  outcome: z.enum(DECISION_OUTCOMES),
  outcomeText: z.string(),
  actions: z.array(boardActionRow),
})

export const boardSectionSchema = z.object({
  /** The Board's name and the chair's title, as recorded. */
  boardName: z.string(),
  /** Meetings held in the quarter (up to the day read), oldest first: date and title. */
  meetings: z.array(z.object({ heldOn: z.string(), title: z.string(), present: z.number(), apologies: z.number() })),
  /** Decisions of those meetings, and of earlier meetings whose actions are still open, with what became of them. */
  decisions: z.array(boardDecisionRow),
  /** The action log as at the day read: every action open then, and those closed in the quarter. */
  actions: z.array(boardActionRow),
  counts: z.object({ open: z.number(), overdue: z.number(), closedInQuarter: z.number() }),
})
export type BoardSection = z.infer<typeof boardSectionSchema>
export type BoardActionRow = z.infer<typeof boardActionRow>
export type BoardDecisionRow = z.infer<typeof boardDecisionRow>

/** Risk levels on the 5x5 matrix (likelihood x impact): 1-3 low, 4-6 moderate, 8-12 high, 15-25 extreme. */
export const RISK_LEVELS = ['low', 'moderate', 'high', 'extreme'] as const
export type RiskLevel = (typeof RISK_LEVELS)[number]
/** A risk's score against its assessment before: new (first assessment), up, down, or the same. */
export const RISK_TRENDS = ['new', 'up', 'down', 'same'] as const
export type RiskTrend = (typeof RISK_TRENDS)[number]

export const riskRow = z.object({
  id: z.number(),
  reference: z.string(),
  kind: z.enum(['risk', 'issue']),
  title: z.string(),
  /** "1a: Leadership" or empty when linked to no strand. */
  strand: z.string(),
  owner: z.string(),
  likelihood: z.number(),
  impact: z.number(),
  score: z.number(),
  level: z.enum(RISK_LEVELS),
  trend: z.enum(RISK_TRENDS),
  /** In words, saying what it is compared with ("Up from 9 on 2 March 2026"). */
  trendText: z.string(),
  mitigations: z.string(),
  escalatedOn: z.string().nullable(),
})

export const resourcesRow = z.object({
  quarterStart: z.string(),
  quarterLabel: z.string(),
  programmeBudget: z.number(),
  programmeSpend: z.number(),
  agencySpend: z.number(),
  fteFunded: z.number(),
  fteInPost: z.number(),
  note: z.string(),
})

export const risksSectionSchema = z.object({
  /** Open risks and issues as at the day read, highest score first. */
  items: z.array(riskRow),
  /** Counts of open items by likelihood (rows, 5 down to 1) and impact (columns, 1 to 5): matrix[5 - L][I - 1]. */
  matrix: z.array(z.array(z.number())),
  /** Items escalated to the Board and still open. */
  escalatedCount: z.number(),
  /** Resources in the report's quarter (null if not recorded), and the financial year to that quarter. */
  resources: resourcesRow.nullable(),
  yearToDate: z
    .object({
      label: z.string(),
      programmeBudget: z.number(),
      programmeSpend: z.number(),
      agencySpend: z.number(),
    })
    .nullable(),
  /** Earlier quarters of the financial year, for the trend of spend and capacity (oldest first). */
  earlierQuarters: z.array(resourcesRow),
})
export type RisksSection = z.infer<typeof risksSectionSchema>
export type RiskRow = z.infer<typeof riskRow>
export type ResourcesRow = z.infer<typeof resourcesRow>
