// The plan records a URL can name, loaded within the council (or 404), and who may edit them.
import type { Request } from 'express'
import type { Db } from '../db/connect.js'
import { context } from '../web/auth.js'
import { ForbiddenError, NotFoundError } from '../web/errors.js'
import { recordParam } from '../web/records.js'
import { canEditStrand } from './plan-permissions.js'
import { findCurrentPlan, findMilestone, findObjective, findStrand } from './plan-repository.js'

export function planParams(db: Db) {
  return {
    strand: recordParam('strandId', (id, { council }) => findStrand(db, council.organisationId, id)),
    objective: recordParam('objectiveId', (id, { council }) => findObjective(db, council.organisationId, id)),
    milestone: recordParam('milestoneId', (id, { council }) => findMilestone(db, council.organisationId, id)),
  }
}

/** The council's current plan; a council without one has no plan pages. */
export async function currentPlan(db: Db, req: Request) {
  const plan = await findCurrentPlan(db, context(req).council.organisationId)
  if (!plan) throw new NotFoundError('Council has no plan')
  return plan
}

/** Whether the signed-in person may edit the strand led by `leadUserId` (and its objectives and milestones). */
export function mayEdit(req: Request, leadUserId: number | null): boolean {
  const { user, council } = context(req)
  return canEditStrand(council.role, user.id, leadUserId)
}

export function requireEdit(req: Request, leadUserId: number | null): void {
  if (!mayEdit(req, leadUserId)) throw new ForbiddenError('Not this strand’s lead')
}
