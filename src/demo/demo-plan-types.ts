import type { EvidenceDirection, EvidenceKind, MilestoneStatus } from '../db/database.js'
// Shape of the demo council's improvement plan content. The content itself
// (bradford-plan.ts) summarises the public Bradford documents in our own words.

export interface DemoMilestone {
  title: string
  /** A job title or team, never a named person. */
  owner: string
  /** ISO date, yyyy-mm-dd */
  due: string
  status: MilestoneStatus
  /** ISO date when status is 'complete', otherwise null */
  completedOn: string | null
  evidence: string
}

export interface DemoUpdate {
  /** ISO date the update was written */
  date: string
  body: string
}

/** A dated finding about an objective's impact, summarised in our own words from a public document. */
export interface DemoEvidence {
  /** ISO date the finding was observed (the visit, the audit, the report's date). */
  observedOn: string
  kind: EvidenceKind
  direction: EvidenceDirection
  /** One or two sentences in our own words, naming the source document. */
  summary: string
}

export interface DemoObjective {
  title: string
  description: string
  /** What will be different for children and families when the objective is met: one sentence, our words. */
  intendedImpact: string
  evidence?: DemoEvidence[]
  milestones: DemoMilestone[]
  updates: DemoUpdate[]
}

export interface DemoStrand {
  code: string
  half: 'A' | 'B'
  title: string
  /** Job title of the lead, never a named person. */
  leadTitle: string
  /** ISO date the strand was added to the plan */
  addedOn: string
  objectives: DemoObjective[]
}
