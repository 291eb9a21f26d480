import { Router } from 'express'
import type { Db } from '../db/connect.js'
import { can } from '../accounts/roles.js'
import { context } from '../server/middleware/auth.js'
import { todayIso } from '../shared/dates.js'
import { findCurrentPlan, loadPlanTree } from './plan-repository.js'
import { isOverdue, summariseMilestones } from './milestone-status.js'
import { listVersions } from '../versions/version-repository.js'

/** The council's landing page: what needs attention now, for those who may see the live plan. */
export function overviewRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })

  router.get('/', async (req, res) => {
    const { council } = context(req)
    const plan = await findCurrentPlan(db, council.organisationId)
    const versions = plan ? await listVersions(db, plan.id) : []
    if (!plan || !can(council.role, 'plan:read-draft')) {
      return res.render('plan/views/overview.njk', { plan, latestVersion: versions[0] })
    }
    const tree = await loadPlanTree(db, plan.id)
    const today = todayIso()
    const active = tree.strands.filter((s) => s.status === 'active')
    const objectives = active.flatMap((s) =>
      s.objectives.filter((o) => o.status === 'active').map((o) => ({ ...o, strand: s })),
    )
    const milestones = objectives.flatMap((o) => o.milestones.map((m) => ({ ...m, objective: o })))
    const overdue = milestones.filter((m) => isOverdue(m, today)).sort((a, b) => a.due_on.localeCompare(b.due_on))
    const dueSoonLimit = new Date(Date.parse(`${today}T00:00:00Z`) + 30 * 86_400_000).toISOString().slice(0, 10)
    const dueSoon = milestones.filter((m) => m.status !== 'complete' && m.due_on >= today && m.due_on <= dueSoonLimit)
    res.render('plan/views/overview.njk', {
      plan,
      latestVersion: versions[0],
      counts: { strands: active.length, objectives: objectives.length, ...summariseMilestones(milestones, today) },
      overdue,
      dueSoon,
    })
  })

  return router
}
