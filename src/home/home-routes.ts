import { Router } from 'express'
import type { Db } from '../db/connect.js'
import { can } from '../web/roles.js'
import { context } from '../web/auth.js'
import { paths } from '../web/paths.js'
import { todayIso } from '../shared/dates.js'
import { addDays, quarterOf } from '../shared/calendar.js'
import { listReports } from '../reports/report-repository.js'
import { findCurrentPlan, loadPlanTree } from '../plan/plan-repository.js'
import { judgedOn, overdueAt, summariseMilestones } from '../plan/milestone-status.js'
import { listVersions } from '../versions/version-repository.js'

/** The council's landing page: what needs attention now, for those who may see the live plan. */
export function homeRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })

  router.get(paths.council.home.pattern, async (req, res) => {
    const { council } = context(req)
    const plan = await findCurrentPlan(db, council.organisationId)
    const versions = plan ? await listVersions(db, plan.id) : []
    if (!plan || !can(council.role, 'plan:read-draft')) {
      return res.render('home/views/home.njk', { plan, latestVersion: versions[0] })
    }
    const tree = await loadPlanTree(db, plan.id)
    const today = todayIso()
    const active = tree.strands.filter((s) => s.status === 'active')
    const objectives = active.flatMap((s) =>
      s.objectives.filter((o) => o.status === 'active').map((o) => ({ ...o, strand: s })),
    )
    const milestones = objectives.flatMap((o) => o.milestones.map((m) => ({ ...m, objective: o })))
    // A closed plan chases nothing: its counts are as they stood on the closing day.
    const chased = plan.closed_on ? [] : milestones
    const overdue = chased.filter((m) => overdueAt(m, today)).sort((a, b) => a.due_on.localeCompare(b.due_on))
    const dueSoonLimit = addDays(today, 30)
    const dueSoon = chased.filter((m) => m.status !== 'complete' && m.due_on >= today && m.due_on <= dueSoonLimit)
    const judged = judgedOn(today, plan.closed_on)
    // The quarter running now, and its report if one has been started.
    const quarter = quarterOf(today)
    const quarterReport = (await listReports(db, council.organisationId)).find((r) => r.quarter_start === quarter.start)
    res.render('home/views/home.njk', {
      quarter,
      quarterReport,
      plan,
      latestVersion: versions[0],
      counts: { strands: active.length, objectives: objectives.length, ...summariseMilestones(milestones, judged) },
      overdue,
      dueSoon,
    })
  })

  return router
}
