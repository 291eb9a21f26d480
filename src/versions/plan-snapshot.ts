// A published plan version stores the whole plan as it was, so it can be shown and compared later
// whatever happens to the live tables.
import type { PlanTree } from '../plan/plan-repository.js'
import type { MilestoneStatus } from '../db/database.js'

export interface MilestoneSnapshot {
  id: number
  title: string
  owner: string
  dueOn: string
  status: MilestoneStatus
  completedOn: string | null
  evidence: string
}

export interface ObjectiveSnapshot {
  id: number
  title: string
  /** What will be different for children and families; absent from versions published before it was asked. */
  intendedImpact?: string
  description: string
  status: 'active' | 'retired'
  milestones: MilestoneSnapshot[]
}

export interface StrandSnapshot {
  id: number
  code: string
  half: 'A' | 'B'
  title: string
  leadTitle: string
  status: 'active' | 'retired'
  objectives: ObjectiveSnapshot[]
}

export interface PlanSnapshot {
  title: string
  startsOn: string
  strands: StrandSnapshot[]
}

export function snapshotPlan(plan: { title: string; starts_on: string }, tree: PlanTree): PlanSnapshot {
  return {
    title: plan.title,
    startsOn: plan.starts_on,
    strands: tree.strands.map((s) => ({
      id: s.id,
      code: s.code,
      half: s.half,
      title: s.title,
      leadTitle: s.lead_title,
      status: s.status,
      objectives: s.objectives.map((o) => ({
        id: o.id,
        title: o.title,
        intendedImpact: o.intended_impact,
        description: o.description,
        status: o.status,
        milestones: o.milestones.map((m) => ({
          id: m.id,
          title: m.title,
          owner: m.owner,
          dueOn: m.due_on,
          status: m.status,
          completedOn: m.completed_on,
          evidence: m.evidence,
        })),
      })),
    })),
  }
}
