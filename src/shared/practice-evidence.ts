// The contract between the sources of evidence from practice (src/voice: staff surveys and children's voice;
// src/practice: leadership stability) and the impact rating (src/impact): each source says, for each objective
// linked to it, which way it pointed on a day and whether it was current then. Case-file audits and practice
// standards feed success measures instead, so they reach objectives through the measures linked to them.

export type PracticeEvidenceKind = 'staff-survey' | 'children-voice' | 'leadership'

export const PRACTICE_EVIDENCE_KIND_LABELS: Record<PracticeEvidenceKind, string> = {
  'staff-survey': 'Staff survey',
  'children-voice': 'Children and young people',
  leadership: 'Leadership stability',
}

/** A source of evidence from practice linked to an objective, as it stood on the day asked about. */
export interface PracticeEvidence {
  objectiveId: number
  kind: PracticeEvidenceKind
  /** Unique among an objective's sources, for a link to its row: "survey-question-3", "voice-theme-2". */
  anchor: string
  /** What it is, in a few words: "Staff survey: I feel supported by my manager". */
  label: string
  direction: 'improving' | 'no-change' | 'worsening'
  /** Whether it was current on the day (each source says what current means for it, in its own rules). */
  current: boolean
  /** Why it points that way, in one sentence with its figures and the periods it compares. */
  detail: string
}
