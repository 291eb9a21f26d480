// Children's voice as evidence of an objective's impact: one entry per (objective, linked theme), as it stood on
// the day asked about. Only links made, and feedback heard and recorded, on or before that day count, so a
// rating for a past day shows what was known then. The rule itself is voiceDirection in voice-rules.ts: among
// the theme's items heard in the six months to the day, more positive than negative is improving, more
// negative than positive is worsening, otherwise no change; current when at least one item was heard then.
import type { DbOrTx } from '../db/connect.js'
import type { PracticeEvidence } from '../shared/practice-evidence.js'
import { feedbackKnownBy, themeLinksKnownBy } from './voice-repository.js'
import { periodStart, voiceDirection } from './voice-rules.js'

export async function loadChildrenVoiceEvidence(
  db: DbOrTx,
  organisationId: number,
  asAtDay: string,
): Promise<PracticeEvidence[]> {
  const links = await themeLinksKnownBy(db, organisationId, asAtDay)
  if (links.length === 0) return []
  const items = await feedbackKnownBy(db, organisationId, asAtDay, periodStart(asAtDay, 6))
  return links.map((link) => {
    const rule = voiceDirection(
      items.filter((i) => i.theme_id === link.theme_id).map((i) => ({ heardOn: i.heard_on, tone: i.tone })),
      asAtDay,
    )
    return {
      objectiveId: link.objective_id,
      kind: 'children-voice' as const,
      anchor: `voice-theme-${link.theme_id}`,
      label: `Children and young people: ${link.title}`,
      direction: rule.direction,
      current: rule.current,
      detail: rule.detail,
    }
  })
}
