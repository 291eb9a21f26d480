// Gathers what a report needs from the database, as at the quarter's end, and builds its content.
import type { DbOrTx } from '../db/connect.js'
import { findCurrentPlan, listPlanUpdates, loadPlanTree } from '../plan/plan-repository.js'
import { loadCouncilMeasures } from '../measures/measure-service.js'
import { buildReportContent } from './report-content.js'
import { listCommentary, listOverrides, type ReportRow } from './report-repository.js'
import { listPartnerRequests } from './partner-request-repository.js'
import { readReportSnapshot } from './report-snapshot.js'
import { quarterOf } from '../shared/calendar.js'
import { nationalComparisons } from '../national/measure-benchmarks.js'
import { OGL_ATTRIBUTION, averageText, figureText, yearEnd, yearLabel } from '../national/present.js'
import type { ReportContent } from './report-snapshot.js'

export async function draftContent(
  db: DbOrTx,
  council: { organisationId: number; name: string },
  report: ReportRow,
): Promise<ReportContent> {
  const q = quarterOf(report.quarter_start)
  const plan = await findCurrentPlan(db, council.organisationId)
  const [tree, updates, measures, partnerRequests, commentary, overrides] = await Promise.all([
    plan ? loadPlanTree(db, plan.id) : Promise.resolve({ strands: [] }),
    plan ? listPlanUpdates(db, plan.id) : Promise.resolve([]),
    loadCouncilMeasures(db, council.organisationId, q.end),
    listPartnerRequests(db, council.organisationId),
    listCommentary(db, report.id),
    listOverrides(db, report.id),
  ])
  const summaries = [...measures.summaries.values()]
  const comparisons = await nationalComparisons(
    db,
    council.organisationId,
    summaries.map((m) => m.measure.national_indicator),
  )
  const national = new Map<string, { england: string; statisticalNeighbours: string }>()
  for (const [id, c] of comparisons) {
    // The latest statistical year that had ended by the quarter's end.
    const year = [...c.years].reverse().find((y) => yearEnd(y, c.indicator) <= q.end)
    if (year === undefined) continue
    national.set(id, {
      england: `${figureText(c.england.get(year), c.indicator)} (${yearLabel(year, c.indicator)}, official)`,
      statisticalNeighbours: `${averageText(c.neighbourAverage.get(year), c.indicator)} (${yearLabel(year, c.indicator)}, official)`,
    })
  }
  return buildReportContent({
    national,
    nationalAttribution: OGL_ATTRIBUTION,
    councilName: council.name,
    planTitle: plan?.title ?? '',
    quarter: q,
    tree,
    updates,
    measures: summaries,
    strandLinks: measures.strandLinks,
    objectiveLinks: measures.objectiveLinks,
    partnerRequests,
    narrative: { summary: report.summary, recommendations: report.recommendations, decisions: report.decisions },
    commentary: new Map(commentary.map((c) => [c.strand_id, c])),
    overrides,
  })
}

/** A published report's frozen content (checked, and upgraded if stored by an older version), or a draft's live content. */
export async function reportContent(
  db: DbOrTx,
  council: { organisationId: number; name: string },
  report: ReportRow,
): Promise<ReportContent> {
  return report.status === 'published' ? readReportSnapshot(report.snapshot) : draftContent(db, council, report)
}
