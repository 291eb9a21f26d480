// The case-file audits part of a quarterly report: the rounds closed (moderated) on or before the day read,
// the last few rounds' percentage good or better with their number of cases, the latest round by domain, and
// the change between the latest two in percentage points. buildCaseAuditSection is the rule, with no
// database; loadCaseAuditSection feeds it.
import { z } from 'zod'
import type { DbOrTx } from '../db/connect.js'
import type { Quarter } from '../shared/calendar.js'
import { listCasesOfRounds, listRoundsClosedBy } from './case-audit-repository.js'
import {
  byDomain,
  finalOverall,
  percentGoodOrBetter,
  percentText,
  roundName,
  roundTrend,
  type GoodOrBetter,
  type GradedCase,
} from './case-audit-rules.js'

const withText = <T extends GoodOrBetter>(f: T) => ({ ...f, text: percentText(f.percent) })

/** How many of the latest closed rounds the report lists. */
export const REPORT_ROUNDS = 6

/** Cases good or better of those graded, the unrounded percentage, and how it reads ("62.5%"). */
const figure = z.object({ good: z.number(), graded: z.number(), percent: z.number().nullable(), text: z.string() })

export const caseAuditSectionSchema = z.object({
  asAt: z.string(),
  /** The latest closed rounds, oldest first. */
  rounds: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      auditMonth: z.string(),
      name: z.string(),
      closedOn: z.string(),
      cases: z.number(),
      figure,
    }),
  ),
  /** The latest round's percentage good or better in each domain. */
  latestByDomain: z.array(z.object({ key: z.string(), label: z.string() }).extend(figure.shape)),
  /** The change between the latest two rounds, or null with fewer than two. */
  change: z.object({ points: z.number().nullable(), text: z.string() }).nullable(),
})

export type CaseAuditSection = z.infer<typeof caseAuditSectionSchema>

export interface ClosedRoundInput {
  id: number
  title: string
  audit_month: string
  closed_on: string | null
  cases: readonly GradedCase[]
}

/** The section from the council's rounds as at `asAt`: only rounds closed on or before it; null if none. */
export function buildCaseAuditSection(rounds: readonly ClosedRoundInput[], asAt: string): CaseAuditSection | null {
  const closed = rounds
    .filter((r) => r.closed_on !== null && r.closed_on <= asAt)
    .sort((a, b) => a.audit_month.localeCompare(b.audit_month) || a.id - b.id)
    .slice(-REPORT_ROUNDS)
  if (closed.length === 0) return null
  const shown = closed.map((r) => ({
    id: r.id,
    title: r.title,
    auditMonth: r.audit_month,
    name: roundName({ title: r.title, auditMonth: r.audit_month }),
    closedOn: r.closed_on!,
    cases: r.cases.length,
    figure: withText(percentGoodOrBetter(r.cases.map(finalOverall))),
  }))
  const trend = roundTrend(
    shown.map((r) => ({ id: r.id, title: r.title, auditMonth: r.auditMonth, percent: r.figure.percent })),
  )
  const last = trend.at(-1)
  return caseAuditSectionSchema.parse({
    asAt,
    rounds: shown,
    latestByDomain: byDomain(closed.at(-1)!.cases).map(withText),
    change: last ? { points: last.points, text: last.text } : null,
  })
}

/**
 * The council's case-file audits as at `asAtDay`: rounds closed on or before that day, with their cases.
 * (A case changed after its round closed shows as it is now: the audit trail keeps the earlier grades.)
 */
export async function loadCaseAuditSection(
  db: DbOrTx,
  organisationId: number,
  quarter: Quarter,
  asAtDay: string,
): Promise<CaseAuditSection | null> {
  void quarter
  const rounds = await listRoundsClosedBy(db, organisationId, asAtDay)
  if (rounds.length === 0) return null
  const cases = await listCasesOfRounds(
    db,
    organisationId,
    rounds.map((r) => r.id),
  )
  return buildCaseAuditSection(
    rounds.map((r) => ({ ...r, cases: cases.filter((c) => c.round_id === r.id) })),
    asAtDay,
  )
}
