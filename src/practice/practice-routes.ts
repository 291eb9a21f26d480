// Evidence from practice: one page that leads to each source of it (staff surveys and the staff reference
// group, children's and young people's voice, case-file audits, practice standards and leadership stability),
// and how each reaches an objective's impact rating. Reading needs measures:read.
import { Router } from 'express'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'

const P = paths.council

export function practiceRoutes(_db: Db): Router {
  const router = Router({ mergeParams: true })
  router.get(P.practice.pattern, requireCapability('measures:read'), (req, res) => {
    const { council } = context(req)
    res.render('practice/views/practice.njk', { council })
  })
  return router
}
