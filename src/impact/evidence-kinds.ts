// Words for the kinds of evidence entry and the directions they point.
import type { EvidenceDirection, EvidenceKind } from '../db/database.js'

export const EVIDENCE_KIND_LABELS: Record<EvidenceKind, string> = {
  audit: 'Case audit finding',
  visit: 'Practice visit or observation',
  children: 'Feedback from children and families',
  staff: 'Feedback from staff',
  partner: 'Feedback from a partner agency',
  document: 'Document or report',
  data: 'Data not held as a measure',
}

export const EVIDENCE_DIRECTION_LABELS: Record<EvidenceDirection, string> = {
  improving: 'Shows improvement',
  'no-change': 'Shows no change',
  worsening: 'Shows things getting worse',
}
