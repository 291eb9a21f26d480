// Evidence from practice, gathered from each of its sources: for the impact rating (each source linked to an
// objective, as it stood on a day) and for the report's and the self-assessment's "Evidence from practice"
// section (each source's part as at the day read). The sources keep their own rules: src/voice (staff surveys,
// children's voice) and src/practice (case-file audits, practice standards, leadership stability).
import { z } from 'zod'
import type { DbOrTx } from '../db/connect.js'
import type { Quarter } from '../shared/calendar.js'
import type { PracticeEvidence } from '../shared/practice-evidence.js'
import { loadStaffSurveyEvidence } from '../voice/survey-evidence.js'
import { loadChildrenVoiceEvidence } from '../voice/voice-evidence.js'
import { loadLeadershipEvidence } from '../practice/leadership-evidence.js'
import { loadStaffSurveySection, staffSurveySectionSchema } from '../voice/survey-report.js'
import { childrenVoiceSectionSchema, loadChildrenVoiceSection } from '../voice/voice-report.js'
import { caseAuditSectionSchema, loadCaseAuditSection } from '../practice/case-audit-report.js'
import { loadPracticeStandardSection, practiceStandardSectionSchema } from '../practice/practice-standard-report.js'
import { leadershipSectionSchema, loadLeadershipSection } from '../practice/leadership-report.js'

/** Each source's part, null where the council has recorded none of it by the day read. */
export const practiceSectionsSchema = z.object({
  staffSurveys: staffSurveySectionSchema.nullable(),
  childrenVoice: childrenVoiceSectionSchema.nullable(),
  caseAudits: caseAuditSectionSchema.nullable(),
  practiceStandards: practiceStandardSectionSchema.nullable(),
  leadership: leadershipSectionSchema.nullable(),
})
export type PracticeSections = z.infer<typeof practiceSectionsSchema>

/** The sources linked to objectives (surveys, children's voice, leadership), as they stood on `asAtDay`. */
export async function loadPracticeEvidence(
  db: DbOrTx,
  organisationId: number,
  asAtDay: string,
): Promise<PracticeEvidence[]> {
  const parts = await Promise.all([
    loadStaffSurveyEvidence(db, organisationId, asAtDay),
    loadChildrenVoiceEvidence(db, organisationId, asAtDay),
    loadLeadershipEvidence(db, organisationId, asAtDay),
  ])
  return parts.flat()
}

/** The report's section for a quarter read as at `asAtDay`; null when the council has none of it recorded. */
export async function loadPracticeSections(
  db: DbOrTx,
  organisationId: number,
  quarter: Quarter,
  asAtDay: string,
): Promise<PracticeSections | null> {
  const [staffSurveys, childrenVoice, caseAudits, practiceStandards, leadership] = await Promise.all([
    loadStaffSurveySection(db, organisationId, quarter, asAtDay),
    loadChildrenVoiceSection(db, organisationId, quarter, asAtDay),
    loadCaseAuditSection(db, organisationId, quarter, asAtDay),
    loadPracticeStandardSection(db, organisationId, quarter, asAtDay),
    loadLeadershipSection(db, organisationId, quarter, asAtDay),
  ])
  const sections = { staffSurveys, childrenVoice, caseAudits, practiceStandards, leadership }
  return Object.values(sections).some((s) => s !== null) ? sections : null
}
