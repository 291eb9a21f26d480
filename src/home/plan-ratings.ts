// Each active strand's delivery and impact today, for the home pages of those who lead and hold the plan to
// account. The ratings come from the report's own builder (buildReportContent, with the rules of
// src/reports/status-rules.ts and src/impact/impact-rules.ts), fed the plan, measures and evidence as they
// stand today: the home page and the next report can never rate a strand by different rules.
import type { DbOrTx } from '../db/connect.js'
import type { Plan } from '../db/database.js'
import type { CouncilMeasures } from '../measures/measure-service.js'
import type { PlanTree } from '../plan/plan-repository.js'
import { listPlanEvidence } from '../impact/evidence-repository.js'
import { loadPracticeEvidence } from '../impact/practice-sources.js'
import type { ImpactLevel, Reason } from '../impact/impact-rules.js'
import { buildReportContent } from '../reports/report-content.js'
import type { RagResult } from '../reports/status-rules.js'
import { quarterOf } from '../shared/calendar.js'

export interface StrandRating {
  id: number
  code: string
  title: string
  /** The lead's role, as the plan names it. */
  lead: string
  delivery: RagResult
  impact: { level: ImpactLevel; reasons: Reason[] }
}

/**
 * The ratings as at `today`: the report builder judges milestones, measure currency and evidence on its
 * quarter's last day, so it is given the running quarter cut short at today (a milestone due later this
 * quarter is not yet overdue). Overrides set by hand in a report are not applied: they change the overall
 * status of that report only, never delivery or impact.
 */
export async function strandRatingsToday(
  db: DbOrTx,
  council: { name: string },
  plan: Plan,
  tree: PlanTree,
  measures: CouncilMeasures,
  today: string,
): Promise<StrandRating[]> {
  const [evidence, practiceEvidence] = await Promise.all([
    listPlanEvidence(db, plan.id, new Date(`${today}T23:59:59.999Z`)),
    loadPracticeEvidence(db, plan.organisation_id, today),
  ])
  const content = buildReportContent({
    councilName: council.name,
    planTitle: plan.title,
    quarter: { ...quarterOf(today), end: today },
    tree,
    updates: [],
    evidence,
    practiceEvidence,
    planClosedOn: plan.closed_on,
    measures: [...measures.summaries.values()],
    strandLinks: measures.strandLinks,
    objectiveLinks: measures.objectiveLinks,
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
    delivery: s.status.delivery!,
    impact: s.status.impact!,
  }))
}
