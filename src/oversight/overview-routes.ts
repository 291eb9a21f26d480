// The oversight overview for a Director: what review or visit is due next and whether to prepare now, each
// Notice or Direction with how its requirements stand, and the tallies of findings and recommendations.
import { Router } from 'express'
import type { Db } from '../db/connect.js'
import { todayIso } from '../shared/dates.js'
import { context, requireCapability } from '../web/auth.js'
import { paths } from '../web/paths.js'
import { INTERVENTION_KIND_LABELS } from './event-kinds.js'
import { listCouncilFindings, listEvents } from './event-repository.js'
import { loadLinks, subjectKey } from './link-repository.js'
import { findingCounts, requirementCounts } from './overview-rules.js'
import { listInterventions, listRequirementFacts } from './overview-repository.js'
import { inForce } from './schedule.js'
import { councilSchedule } from './schedule-service.js'
import { tracking } from './tracking-rules.js'

const P = paths.council

export function oversightOverviewRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('oversight:read')

  router.get(P.oversight.pattern, read, async (req, res) => {
    const { council } = context(req)
    const org = council.organisationId
    const today = todayIso()
    const [interventions, requirements, events, findings, schedule] = await Promise.all([
      listInterventions(db, org),
      listRequirementFacts(db, org),
      listEvents(db, org),
      listCouncilFindings(db, org),
      councilSchedule(db, org, today),
    ])
    const links = await loadLinks(db, org, [
      ...requirements.map((q) => ({ type: 'requirement' as const, id: q.id })),
      ...findings.map((f) => ({ type: 'finding' as const, id: f.id })),
    ])

    const rows = interventions.map((i) => {
      const trackings = requirements
        .filter((q) => q.intervention_id === i.id)
        .map((q) =>
          tracking(
            { kind: 'requirement', dueOn: q.due_on, closedOn: q.closed_on },
            links.get(subjectKey({ type: 'requirement', id: q.id })) ?? [],
            today,
          ),
        )
      return {
        intervention: i,
        kindLabel: INTERVENTION_KIND_LABELS[i.kind],
        inForce: inForce(i, today),
        counts: requirementCounts(trackings),
      }
    })

    const counts = findingCounts(
      findings.map((f) => ({
        kind: f.kind,
        tracking: tracking(
          { kind: f.kind, dueOn: f.due_on, closedOn: f.closed_on },
          links.get(subjectKey({ type: 'finding', id: f.id })) ?? [],
          today,
        ),
      })),
    )

    res.render('oversight/views/overview.njk', {
      schedule,
      rows,
      counts,
      eventCount: events.length,
    })
  })

  return router
}
