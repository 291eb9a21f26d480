// The risks and resources part of a quarterly report: the register and resources as at the day read. What
// was recorded after that day (an item, an assessment) is left out, so a past report shows what was known
// then. buildRisksSection is the rule, with no database; loadRisksSection feeds it.
import type { DbOrTx } from '../db/connect.js'
import type { RiskKind } from '../db/database.js'
import { quarterOf, type Quarter } from '../shared/calendar.js'
import type { ResourcesRow, RiskRow, RisksSection } from './report-sections.js'
import {
  financialYearOf,
  isOpenOn,
  riskMatrix,
  scoreOn,
  yearToDate,
  type AssessmentLike,
  type ResourceFigures,
} from './risk-rules.js'
import { listAssessments, listRisks, strandLabel } from './risk-repository.js'
import { listResources } from './resource-repository.js'

export interface RiskRecord {
  id: number
  kind: RiskKind
  reference: string
  title: string
  /** "1a: Leadership", or '' for none. */
  strand: string
  owner: string
  mitigations: string
  opened_on: string
  escalated_on: string | null
  closed_on: string | null
  created_at: Date
}

export interface AssessmentRecord extends AssessmentLike {
  risk_id: number
  created_at: Date
}

export interface RisksSectionInput {
  risks: readonly RiskRecord[]
  assessments: readonly AssessmentRecord[]
  /** Every quarter of resources the council has recorded. */
  resources: readonly ResourceFigures[]
  quarter: Quarter
  asAt: string
}

/** The day a record was made (UTC, as the report's other parts read it). */
const recordedOn = (at: Date) => at.toISOString().slice(0, 10)

/** "R2" before "R10"; then by id. */
const byReference = (a: { reference: string; id: number }, b: { reference: string; id: number }) =>
  a.reference.localeCompare(b.reference, 'en-GB', { numeric: true, sensitivity: 'base' }) || a.id - b.id

function resourcesRow(r: ResourceFigures): ResourcesRow {
  return {
    quarterStart: r.quarterStart,
    quarterLabel: quarterOf(r.quarterStart).label,
    programmeBudget: r.programmeBudget,
    programmeSpend: r.programmeSpend,
    agencySpend: r.agencySpend,
    fteFunded: r.fteFunded,
    fteInPost: r.fteInPost,
    note: r.note,
  }
}

/**
 * The section as at `asAt`: the items open then that were recorded by then, each scored by the assessment in
 * force then (of those recorded by then) against the one before it, highest score first (escalated items
 * first among equal scores); their matrix; how many are escalated; and the resources of the report's quarter,
 * its financial year to date and the year's earlier quarters. Null when the council records no risks and no
 * resources at all.
 */
export function buildRisksSection(input: RisksSectionInput): RisksSection | null {
  if (input.risks.length === 0 && input.resources.length === 0) return null
  const { asAt } = input
  const known = input.assessments.filter((a) => recordedOn(a.created_at) <= asAt)
  const byRisk = new Map<number, AssessmentRecord[]>()
  for (const a of known) byRisk.set(a.risk_id, [...(byRisk.get(a.risk_id) ?? []), a])

  const items: RiskRow[] = []
  for (const risk of input.risks) {
    if (recordedOn(risk.created_at) > asAt || !isOpenOn(risk, asAt)) continue
    const scored = scoreOn(byRisk.get(risk.id) ?? [], asAt)
    if (!scored) continue
    items.push({
      id: risk.id,
      reference: risk.reference,
      kind: risk.kind,
      title: risk.title,
      strand: risk.strand,
      owner: risk.owner,
      likelihood: scored.likelihood,
      impact: scored.impact,
      score: scored.score,
      level: scored.level,
      trend: scored.trend,
      trendText: scored.trendText,
      mitigations: risk.mitigations,
      escalatedOn: risk.escalated_on !== null && risk.escalated_on <= asAt ? risk.escalated_on : null,
    })
  }
  items.sort(
    (a, b) => b.score - a.score || Number(b.escalatedOn !== null) - Number(a.escalatedOn !== null) || byReference(a, b),
  )

  const quarterStart = input.quarter.start
  const year = financialYearOf(quarterStart)
  const inYear = input.resources.filter((r) => year.quarters.includes(r.quarterStart))
  const current = inYear.find((r) => r.quarterStart === quarterStart)
  const toDate = yearToDate(inYear, quarterStart)
  return {
    items,
    matrix: riskMatrix(items),
    escalatedCount: items.filter((i) => i.escalatedOn !== null).length,
    resources: current ? resourcesRow(current) : null,
    yearToDate: toDate
      ? {
          label: toDate.label,
          programmeBudget: toDate.programmeBudget,
          programmeSpend: toDate.programmeSpend,
          agencySpend: toDate.agencySpend,
        }
      : null,
    earlierQuarters: inYear
      .filter((r) => r.quarterStart < quarterStart)
      .sort((a, b) => a.quarterStart.localeCompare(b.quarterStart))
      .map(resourcesRow),
  }
}

/** Null when the council records neither risks nor resources in Turnaround. */
export async function loadRisksSection(
  db: DbOrTx,
  organisationId: number,
  quarter: Quarter,
  asAt: string,
): Promise<RisksSection | null> {
  const [risks, assessments, resources] = await Promise.all([
    listRisks(db, organisationId),
    listAssessments(db, organisationId),
    listResources(db, organisationId),
  ])
  return buildRisksSection({
    risks: risks.map((r) => ({ ...r, strand: strandLabel(r.strand_code, r.strand_title) })),
    assessments,
    resources,
    quarter,
    asAt,
  })
}
