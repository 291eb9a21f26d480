// Gathers what a report needs from the database, as at the quarter's end, and builds its content.
import type { DbOrTx } from '../db/connect.js'
import { listPlanUpdates } from '../plan/plan-repository.js'
import { findPlanInForce } from '../plan/plan-lifecycle-repository.js'
import { loadRecordedPlan } from '../plan/plan-history-repository.js'
import { listPlanEvidence } from '../impact/evidence-repository.js'
import { loadCouncilMeasures } from '../measures/measure-service.js'
import { buildReportContent, type ReportInput } from './report-content.js'
import { changesSince } from './report-compare.js'
import {
  coverFacts,
  isFrozen,
  lastPublished,
  listCommentary,
  listOverrides,
  roundReading,
  type ReportRow,
} from './report-repository.js'
import { listPartnerOwners, listPartnerRequests } from './partner-request-repository.js'
import { loadPracticeEvidence, loadPracticeSections } from '../impact/practice-sources.js'
import { loadBoardSection } from '../governance/board-report.js'
import { loadRisksSection } from '../governance/risk-report.js'
import { readReportSnapshot } from './report-snapshot.js'
import { periodEnd, quarterOf } from '../shared/calendar.js'
import { todayIso } from '../shared/dates.js'
import { nationalComparisons } from '../national/measure-benchmarks.js'
import { OGL_ATTRIBUTION, averageText, figureText, latestYearBy, yearLabel } from '../national/present.js'
import type { ReportContent, ReportCover } from './report-snapshot.js'

export async function draftContent(
  db: DbOrTx,
  council: { organisationId: number; name: string },
  report: ReportRow,
): Promise<ReportContent> {
  const q = quarterOf(report.quarter_start)
  // The plan in force at the quarter's end: a later plan does not rewrite the quarters of the one before.
  const plan = await findPlanInForce(db, council.organisationId, q.end)
  // The plan as it was recorded at the quarter's end (or now, for the quarter still running): a later edit,
  // such as a due date moved afterwards, cannot rewrite a past quarter. A quarter with a reporting round is
  // read as at the round's lock (what owners updated during the round counts), or as now while it is open.
  const now = new Date()
  const reading = await roundReading(db, council.organisationId, report.quarter_start, now)
  const recordedAt = reading?.asAt ?? new Date(Math.min(Date.parse(`${q.end}T23:59:59.999Z`), now.getTime()))
  // The Board's record, the risks and the resources are read as at the same day as the plan.
  const asAtDay = todayIso(recordedAt)
  const [
    recorded,
    updates,
    evidence,
    measures,
    partnerRequests,
    commentary,
    overrides,
    board,
    risks,
    partnerOwners,
    practiceEvidence,
    practice,
  ] = await Promise.all([
    plan ? loadRecordedPlan(db, plan.id, recordedAt) : Promise.resolve({ tree: { strands: [] }, slippage: new Map() }),
    plan
      ? listPlanUpdates(db, plan.id).then((all) => (reading ? all.filter((u) => u.created_at <= recordedAt) : all))
      : Promise.resolve([]),
    plan ? listPlanEvidence(db, plan.id, recordedAt) : Promise.resolve([]),
    loadCouncilMeasures(db, council.organisationId, q.end),
    listPartnerRequests(db, council.organisationId),
    listCommentary(db, report.id),
    listOverrides(db, report.id),
    loadBoardSection(db, council.organisationId, q, asAtDay),
    loadRisksSection(db, council.organisationId, q, asAtDay),
    listPartnerOwners(db, council.organisationId),
    loadPracticeEvidence(db, council.organisationId, asAtDay),
    loadPracticeSections(db, council.organisationId, q, asAtDay),
  ])
  const summaries = [...measures.summaries.values()]
  const comparisons = await nationalComparisons(
    db,
    council.organisationId,
    summaries.map((m) => m.measure.national_indicator),
  )
  const national: NonNullable<ReportInput['national']> = new Map()
  for (const s of summaries) {
    const c = s.measure.national_indicator ? comparisons.get(s.measure.national_indicator) : undefined
    if (!c) continue
    // The official year set against the council's latest figure never postdates it (nor the quarter).
    const councilEnd = s.latest ? periodEnd(s.latest.period, s.measure.frequency) : q.end
    const year = latestYearBy(c.years, councilEnd < q.end ? councilEnd : q.end, c.indicator)
    if (year === undefined) continue
    const when = `${yearLabel(year, c.indicator)}, official`
    national.set(s.measure.id, {
      england: `${figureText(c.england.get(year), c.indicator)} (${when})`,
      statisticalNeighbours: `${averageText(c.neighbourAverage.get(year), c.indicator)} (${when})`,
      englandValue: c.england.get(year)?.value ?? null,
      neighboursValue: c.neighbourAverage.get(year)?.value ?? null,
    })
  }
  const content = buildReportContent({
    national,
    nationalAttribution: OGL_ATTRIBUTION,
    councilName: council.name,
    planTitle: plan?.title ?? '',
    quarter: q,
    tree: recorded.tree,
    slippage: recorded.slippage,
    updates,
    evidence,
    planClosedOn: plan?.closed_on ?? null,
    measures: summaries,
    strandLinks: measures.strandLinks,
    objectiveLinks: measures.objectiveLinks,
    partnerRequests,
    partnerOwners,
    board,
    risks,
    practiceEvidence,
    practice,
    narrative: {
      summary: report.summary,
      recommendations: report.recommendations,
      decisions: report.decisions,
      decisionsFollowUp: report.decisions_follow_up,
    },
    cover: await reportCover(db, report),
    sensitive: report.sensitive,
    dataAsAt: reading ? todayIso(recordedAt) : recordedAt.toISOString().slice(0, 10),
    ...(reading ? { recordedUntil: todayIso(recordedAt), dataAsAtBasis: reading.basis } : {}),
    commentary: new Map(commentary.map((c) => [c.strand_id, c])),
    overrides,
  })
  // Changes since the latest report published for an earlier quarter, inside the pack itself.
  const previous = await lastPublished(db, council.organisationId, { before: report.quarter_start })
  return {
    ...content,
    changesSinceLast: previous
      ? changesSince(previous.id, readReportSnapshot(previous.snapshot), previous.published_at!, content)
      : { kind: 'first' },
  }
}

/** The board paper's cover from the report row: names of who approved it, and the revision it corrects. */
async function reportCover(db: DbOrTx, report: ReportRow): Promise<ReportCover> {
  const { approvedBy, correctedRevision } = await coverFacts(db, report)
  return {
    boardName: report.board_name,
    meetingOn: report.meeting_on,
    authorRole: report.author_role,
    accountableRole: report.accountable_role,
    purpose: report.purpose,
    marking: report.marking,
    revision: report.revision,
    corrects: correctedRevision ? { revision: correctedRevision, reason: report.correction_reason } : null,
    approvedBy,
    approvedOn: report.approved_at ? report.approved_at.toISOString().slice(0, 10) : null,
  }
}

/** A published report's frozen content (checked, and upgraded if stored by an older version), or a draft's live content. */
export async function reportContent(
  db: DbOrTx,
  council: { organisationId: number; name: string },
  report: ReportRow,
): Promise<ReportContent> {
  return isFrozen(report) ? readReportSnapshot(report.snapshot) : draftContent(db, council, report)
}
