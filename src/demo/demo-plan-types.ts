import type { MilestoneStatus } from '../db/database.js'
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

export interface DemoObjective {
  title: string
  description: string
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
