// Home pages. Each council's home shows what the person's role needs first: a Director, Board member or
// adviser the plan's delivery and impact at a glance; a strand lead their updates and their strands; the
// improvement team and administrators the round's returns and what is overdue; a partner the requests
// addressed to their organisation; a viewer the published plan. The service's home ('/') sends someone with
// one council straight to it and shows someone with several each council in one line; a service administrator
// with no council goes to the service pages. Those who lead and hold the plan to account also see a warning
// when a DfE review or Ofsted visit is due within six weeks.
import { Router } from 'express'
import type { Db } from '../db/connect.js'
import type { Role } from '../db/database.js'
import { context, requireSignIn } from '../web/auth.js'
import { paths } from '../web/paths.js'
import { todayIso } from '../shared/dates.js'
import { dueWarnings } from '../oversight/schedule-service.js'
import {
  boardHome,
  councilLines,
  leadStrands,
  myRoundItems,
  partnerHome,
  publishedPlan,
  roundReturns,
  teamHome,
} from './home-service.js'

/** Which home page each role lands on. */
export const HOME_FOR_ROLE: Record<Role, 'board' | 'lead' | 'team' | 'partner' | 'viewer'> = {
  admin: 'team',
  'improvement-team': 'team',
  'strand-lead': 'lead',
  leader: 'board',
  'board-member': 'board',
  adviser: 'board',
  partner: 'partner',
  viewer: 'viewer',
}

/** The council's home page (mounted on the council router). */
export function homeRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })

  router.get(paths.council.home.pattern, async (req, res) => {
    const { council, user } = context(req)
    const today = todayIso()
    switch (HOME_FOR_ROLE[council.role]) {
      case 'board': {
        const [home, due] = await Promise.all([
          boardHome(db, council, today),
          dueWarnings(db, council.organisationId, today),
        ])
        return res.render('home/views/board-home.njk', { ...home, dueWarnings: due })
      }
      case 'team': {
        const [home, returns, due] = await Promise.all([
          teamHome(db, council, today),
          roundReturns(db, council.organisationId, today),
          dueWarnings(db, council.organisationId, today),
        ])
        return res.render('home/views/team-home.njk', { ...home, returns, dueWarnings: due })
      }
      case 'lead': {
        const [lead, mine] = await Promise.all([
          leadStrands(db, council, user.id, today),
          myRoundItems(db, council.organisationId, user.id, today),
        ])
        return res.render('home/views/lead-home.njk', { ...lead, mine, today })
      }
      case 'partner':
        return res.render('home/views/partner-home.njk', { ...(await partnerHome(db, council, user.id)), today })
      case 'viewer':
        return res.render('home/views/viewer-home.njk', await publishedPlan(db, council))
    }
  })

  return router
}

/** The service's home page (mounted at the top level, outside any council). */
export function councilsRoutes(db: Db): Router {
  const router = Router()

  router.get(paths.home.pattern, requireSignIn, async (req, res) => {
    const councils = req.user?.councils ?? []
    const serviceAdmin = req.user?.serviceAdmin === true
    // A service administrator with no council has only the service pages; with councils, they see them listed
    // here beside a link to the service pages.
    if (serviceAdmin && councils.length === 0) return res.redirect(paths.service())
    if (!serviceAdmin && councils.length === 1 && councils[0]) {
      return res.redirect(paths.council.home(councils[0].slug))
    }
    res.render('home/views/councils.njk', { lines: await councilLines(db, councils, todayIso()), serviceAdmin })
  })

  return router
}
