import { Router, type NextFunction, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { AUDIT_ACTIONS } from '../db/database.js'
import { context, requireCapability, requireSignIn } from '../web/auth.js'
import { ForbiddenError } from '../web/errors.js'
import { paths } from '../web/paths.js'
import { optionalId, toFormErrors } from '../web/forms.js'
import { auditEntityTypes, changedFields, listAudit, listAuditUsers } from './audit-repository.js'

const PAGE_SIZE = 50
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter dates in the format 2023-03-31')
  .refine((s) => !Number.isNaN(new Date(`${s}T00:00:00Z`).getTime()), 'Enter a real date')

const filterSchema = z.object({
  entity: z
    .string()
    .max(50)
    .optional()
    .transform((v) => v || undefined),
  action: z
    .enum(AUDIT_ACTIONS)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  user: optionalId('Choose a person from the list'),
  from: isoDate.optional().or(z.literal('').transform(() => undefined)),
  to: isoDate.optional().or(z.literal('').transform(() => undefined)),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
})

export function auditRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })

  router.get(paths.council.audit.pattern, requireCapability('audit:read'), async (req, res) => {
    const { council } = context(req)
    const parsed = filterSchema.safeParse({ page: 1, ...req.query })
    const filter = parsed.success ? parsed.data : { page: 1 }
    const [result, entityTypes, users] = await Promise.all([
      listAudit(db, {
        organisationId: council.organisationId,
        entityType: parsed.success ? parsed.data.entity : undefined,
        action: parsed.success ? parsed.data.action : undefined,
        userId: parsed.success ? parsed.data.user : undefined,
        from: parsed.success ? parsed.data.from : undefined,
        to: parsed.success ? parsed.data.to : undefined,
        page: filter.page,
        pageSize: PAGE_SIZE,
      }),
      auditEntityTypes(db, council.organisationId),
      listAuditUsers(db, council.organisationId),
    ])
    const rows = result.rows.map((r) => ({ ...r, changes: changedFields(r.before, r.after) }))
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE))
    const query = new URLSearchParams(
      Object.entries(req.query).filter(([k, v]) => k !== 'page' && typeof v === 'string' && v) as [string, string][],
    ).toString()
    res.status(parsed.success ? 200 : 400).render('audit/views/audit.njk', {
      rows,
      total: result.total,
      page: filter.page,
      pages,
      query,
      entityTypes,
      users,
      values: req.query,
      errors: parsed.success ? undefined : toFormErrors(parsed.error),
    })
  })

  return router
}

const serviceFilterSchema = filterSchema.pick({ action: true, from: true, to: true, page: true })

/** Only a service-level administrator passes; anyone else signed in gets the 403 page. */
function requireServiceAdmin(req: Request, _res: Response, next: NextFunction) {
  if (req.user?.serviceAdmin) return next()
  next(new ForbiddenError('Not a service administrator'))
}

/**
 * The service-level audit trail, for the service administrator: entries that belong to no council, such as
 * failed sign-ins for emails nobody has and addresses whose sign-ins were delayed.
 */
export function serviceAuditRoutes(db: Db): Router {
  const router = Router()

  router.get(paths.serviceAudit.pattern, requireSignIn, requireServiceAdmin, async (req, res) => {
    const parsed = serviceFilterSchema.safeParse({ page: 1, ...req.query })
    const filter = parsed.success ? parsed.data : { page: 1 }
    const result = await listAudit(db, {
      organisationId: null,
      action: parsed.success ? parsed.data.action : undefined,
      from: parsed.success ? parsed.data.from : undefined,
      to: parsed.success ? parsed.data.to : undefined,
      page: filter.page,
      pageSize: PAGE_SIZE,
    })
    const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE))
    const query = new URLSearchParams(
      Object.entries(req.query).filter(([k, v]) => k !== 'page' && typeof v === 'string' && v) as [string, string][],
    ).toString()
    res.status(parsed.success ? 200 : 400).render('audit/views/service-audit.njk', {
      rows: result.rows,
      total: result.total,
      page: filter.page,
      pages,
      query,
      values: req.query,
      errors: parsed.success ? undefined : toFormErrors(parsed.error),
    })
  })

  return router
}
