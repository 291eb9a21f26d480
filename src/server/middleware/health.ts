// Health endpoints, mounted before sessions and authentication.
import { Router } from 'express'
import { sql } from 'kysely'
import type { Db } from '../../db/connect.js'
import type { Config } from '../config.js'
import { paths } from '../../web/paths.js'

export function healthRoutes(db: Db, config: Pick<Config, 'version' | 'commit'>): Router {
  const router = Router()
  router.get(paths.ping.pattern, (_req, res) => {
    res.json({ status: 'UP' })
  })
  router.get(paths.health.pattern, async (_req, res) => {
    try {
      await sql`select 1`.execute(db)
      res.json({ status: 'UP', database: 'UP' })
    } catch {
      res.status(503).json({ status: 'DOWN', database: 'DOWN' })
    }
  })
  router.get(paths.info.pattern, (_req, res) => {
    res.json({ name: 'turnaround', version: config.version, commit: config.commit })
  })
  return router
}
