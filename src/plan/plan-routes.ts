// The live plan: every strand with its objectives and milestones, and the same as a CSV download.
import { Router } from 'express'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { todayIso } from '../shared/dates.js'
import { describeOwner, leadOf } from '../accounts/owners.js'
import { loadOwnerChoices } from '../accounts/owner-repository.js'
import { loadPlanTree } from './plan-repository.js'
import { judgedOn, summariseMilestones } from './milestone-status.js'
import { planCsv } from './plan-csv.js'
import { currentPlan, mayEdit } from './plan-params.js'

const P = paths.council

export function planRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const readDraft = requireCapability('plan:read-draft')

  router.get(P.plan.pattern, readDraft, async (req, res) => {
    const plan = await currentPlan(db, req)
    const [tree, choices] = await Promise.all([
      loadPlanTree(db, plan.id),
      loadOwnerChoices(db, context(req).council.organisationId),
    ])
    // A closed plan's milestones are judged as they stood on its closing day.
    const today = judgedOn(todayIso(), plan.closed_on)
    const strands = tree.strands.map((s) => ({
      ...s,
      leadText: describeOwner(leadOf(s), s.lead_title, choices),
      objectiveCount: s.objectives.filter((o) => o.status === 'active').length,
      milestones: summariseMilestones(
        s.objectives.flatMap((o) => o.milestones),
        today,
      ),
      editable: mayEdit(req, s.lead_user_id),
    }))
    res.render('plan/views/plan.njk', {
      plan,
      halves: [
        {
          half: 'A',
          title: 'A: Improving the lives of children and young people',
          strands: strands.filter((s) => s.half === 'A' && s.status === 'active'),
        },
        {
          half: 'B',
          title: 'B: Creating the conditions for success',
          strands: strands.filter((s) => s.half === 'B' && s.status === 'active'),
        },
      ],
      retired: strands.filter((s) => s.status === 'retired'),
    })
  })

  router.get(P.planCsv.pattern, readDraft, async (req, res) => {
    const plan = await currentPlan(db, req)
    const [tree, choices] = await Promise.all([
      loadPlanTree(db, plan.id),
      loadOwnerChoices(db, context(req).council.organisationId),
    ])
    res
      .type('text/csv')
      .attachment('improvement-plan.csv')
      .send(planCsv(tree, judgedOn(todayIso(), plan.closed_on), choices))
  })

  return router
}
