// The shape of a whole plan as pages, reports and versions read it: strands in order, each with its
// objectives and their milestones. Its own file so the plan's live and recorded readers share it.
import type { Milestone, Objective, Strand } from '../db/database.js'

export interface StrandWithLead extends Strand {
  lead_name: string | null
}

export interface PlanTree {
  strands: Array<StrandWithLead & { objectives: Array<Objective & { milestones: Milestone[] }> }>
}
