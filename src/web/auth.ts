// Guards every council route uses: signed in, a council the person may see, a capability of their role.
import type { NextFunction, Request, Response } from 'express'
import { can, type Capability } from './roles.js'
import { ForbiddenError, NotFoundError } from './errors.js'
import { paths } from './paths.js'
import type { CouncilAccess, SignedInUser } from './express-types.js'

export function requireSignIn(req: Request, res: Response, next: NextFunction): void {
  if (req.user) return next()
  const returnTo = req.method === 'GET' ? `?returnTo=${encodeURIComponent(req.originalUrl)}` : ''
  res.redirect(`${paths.signIn()}${returnTo}`)
}

/**
 * Resolves /councils/:council to a council the user has access to. Any other council, real or not,
 * is a 404: we never confirm that another council's records exist.
 */
export function councilContext(req: Request, res: Response, next: NextFunction): void {
  const slug = req.params.council
  const access = req.user?.councils.find((c) => c.slug === slug)
  if (!access) return next(new NotFoundError(`No access to council ${String(slug)}`))
  req.council = access
  res.locals.council = access
  res.locals.can = (capability: Capability) => can(access.role, capability)
  next()
}

/** Only a service-level administrator passes; anyone else signed in gets the 403 page. */
export function requireServiceAdmin(req: Request, _res: Response, next: NextFunction): void {
  if (req.user?.serviceAdmin) return next()
  next(new ForbiddenError('Not a service administrator'))
}

export function requireCapability(capability: Capability) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.council && can(req.council.role, capability)) return next()
    next(new ForbiddenError(`Role lacks ${capability}`))
  }
}

export interface CouncilContext {
  user: SignedInUser
  council: CouncilAccess
  /** Who is acting, as the audit trail records it. */
  actor: { userId: number; organisationId: number }
}

/** For handlers behind councilContext: the user and council are certainly there. */
export function context(req: Request): CouncilContext {
  if (!req.user || !req.council) throw new Error('context() used outside a council route')
  return {
    user: req.user,
    council: req.council,
    actor: { userId: req.user.id, organisationId: req.council.organisationId },
  }
}
