// Staff surveys as evidence of impact: one entry per (objective, linked question), as it stood on a day.
// The rule is questionEvidence in survey-rules.ts: direction from the latest two rounds with answers to the
// question that closed on or before the day (a significant rise in the share favourable, two-proportion
// z-test at 95%, is improving; a significant fall worsening; anything else no change); current when the
// latest of them closed within the 12 months before the day (staff surveys are usually annual or
// six-monthly). A link is a classification of the question, not an observation, so it counts whenever made;
// a question with no round closed by the day gives no evidence.
import type { DbOrTx } from '../db/connect.js'
import type { PracticeEvidence } from '../shared/practice-evidence.js'
import { questionEvidence } from './survey-rules.js'
import { listObjectiveLinks, listResults, roundResult } from './survey-repository.js'

export async function loadStaffSurveyEvidence(
  db: DbOrTx,
  organisationId: number,
  asAtDay: string,
): Promise<PracticeEvidence[]> {
  const links = await listObjectiveLinks(db, organisationId)
  if (!links.length) return []
  const results = await listResults(db, organisationId)
  const out: PracticeEvidence[] = []
  for (const link of links) {
    const evidence = questionEvidence(
      results.filter((r) => r.question_id === link.question_id).map(roundResult),
      asAtDay,
    )
    if (!evidence) continue
    out.push({
      objectiveId: link.objective_id,
      kind: 'staff-survey',
      anchor: `survey-question-${link.question_id}`,
      label: `Staff survey: ${link.question_text}`,
      direction: evidence.direction,
      current: evidence.current,
      detail: evidence.detail,
    })
  }
  return out
}
