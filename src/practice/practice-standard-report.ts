// The practice standards part of a quarterly report: each standard recorded by the day read, its local
// interval beside the statutory minimum, the latest month's compliance on or before that day, the months of
// the quarter, and the flag with the extra visits a month at the latest caseload. Months recorded after the
// day read are left out, so a past report shows what was known then. A standard's intervals are read as they
// stand now (changes to a standard are in the audit trail, not kept as history). buildPracticeStandardSection
// is the rule, with no database; loadPracticeStandardSection feeds it.
import { z } from 'zod'
import type { DbOrTx } from '../db/connect.js'
import type { PracticeStandard } from '../db/database.js'
import type { Quarter } from '../shared/calendar.js'
import { listMonths, listStandards, type MonthRow } from './practice-standard-repository.js'
import { monthFigures, standardSummary } from './practice-standard-rules.js'

const monthSchema = z.object({
  month: z.string(),
  label: z.string(),
  caseload: z.number(),
  due: z.number(),
  seenLocal: z.number(),
  seenStatutory: z.number().nullable(),
  percentLocal: z.number().nullable(),
  percentStatutory: z.number().nullable(),
  percentLocalText: z.string(),
  percentStatutoryText: z.string(),
})

export const practiceStandardSectionSchema = z.object({
  asAt: z.string(),
  quarterLabel: z.string(),
  standards: z.array(
    z.object({
      id: z.number(),
      title: z.string(),
      appliesTo: z.string(),
      localText: z.string(),
      localDays: z.number(),
      statutoryText: z.string(),
      statutoryDays: z.number().nullable(),
      statutorySource: z.string(),
      exceeds: z.boolean(),
      caseload: z.number().nullable(),
      caseloadMonth: z.string().nullable(),
      extraVisits: z.number().nullable(),
      extraVisitsText: z.string(),
      working: z.string(),
      latest: monthSchema.nullable(),
      quarterMonths: z.array(monthSchema),
      measureId: z.number().nullable(),
    }),
  ),
  exceedingCount: z.number(),
})
export type PracticeStandardSection = z.infer<typeof practiceStandardSectionSchema>

/** The day a record was made (UTC, as the report's other parts read it). */
const recordedOn = (at: Date) => at.toISOString().slice(0, 10)

type StandardRecord = Pick<
  PracticeStandard,
  | 'id'
  | 'title'
  | 'applies_to'
  | 'local_every'
  | 'local_unit'
  | 'statutory_every'
  | 'statutory_unit'
  | 'statutory_source'
  | 'measure_id'
  | 'created_at'
>
type MonthRecord = Pick<
  MonthRow,
  'standard_id' | 'month' | 'caseload' | 'due' | 'seen_local' | 'seen_statutory' | 'created_at'
>

/**
 * The section as at `asAt`: standards recorded by then, with the months that began on or before then and were
 * recorded by then. Null when the council had no standard by then.
 */
export function buildPracticeStandardSection(
  standards: readonly StandardRecord[],
  months: readonly MonthRecord[],
  quarter: Quarter,
  asAt: string,
): PracticeStandardSection | null {
  const known = standards.filter((s) => recordedOn(s.created_at) <= asAt)
  if (!known.length) return null
  const rows = known.map((s) => {
    const own = months
      .filter((m) => m.standard_id === s.id && m.month <= asAt && recordedOn(m.created_at) <= asAt)
      .sort((a, b) => a.month.localeCompare(b.month))
    const summary = standardSummary(s, own)
    return {
      id: s.id,
      title: s.title,
      appliesTo: s.applies_to,
      localText: summary.localText,
      localDays: summary.localDays,
      statutoryText: summary.statutoryText,
      statutoryDays: summary.statutoryDays,
      statutorySource: s.statutory_source,
      exceeds: summary.exceeds,
      caseload: summary.caseload,
      caseloadMonth: summary.caseloadMonth,
      extraVisits: summary.extraVisits,
      extraVisitsText: summary.extraVisitsText,
      working: summary.working,
      latest: summary.latest,
      quarterMonths: own.filter((m) => m.month >= quarter.start && m.month <= quarter.end).map(monthFigures),
      measureId: s.measure_id,
    }
  })
  return practiceStandardSectionSchema.parse({
    asAt,
    quarterLabel: quarter.label,
    standards: rows,
    exceedingCount: rows.filter((r) => r.exceeds).length,
  })
}

export async function loadPracticeStandardSection(
  db: DbOrTx,
  organisationId: number,
  quarter: Quarter,
  asAtDay: string,
): Promise<PracticeStandardSection | null> {
  const [standards, months] = await Promise.all([listStandards(db, organisationId), listMonths(db, organisationId)])
  return buildPracticeStandardSection(standards, months, quarter, asAtDay)
}
