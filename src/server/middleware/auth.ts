import type { NextFunction, Request, Response } from 'express'
import { loadSignedInUser, type CouncilAccess, type SignedInUser } from '../../accounts/account-repository.js'
import { can, type Capability } from '../../accounts/roles.js'
import type { Db } from '../../db/connect.js'
import { ForbiddenError, NotFoundError } from '../errors.js'
import { paths } from '../paths.js'

/** Loads the signed-in user (if any) on every request; a deactivated account is signed out. */
export function loadUser(db: Db) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const userId = req.session.userId
    if (userId) {
      const user = await loadSignedInUser(db, userId)
      if (user) {
        req.user = user
        res.locals.user = user
      } else {
        delete req.session.userId
      }
    }
    next()
  }
}

export function requireSignIn(req: Request, res: Response, next: NextFunction): void {
  if (req.user) return next()
  const returnTo = req.method === 'GET' ? `?returnTo=${encodeURIComponent(req.originalUrl)}` : ''
  res.redirect(`${paths.signIn}${returnTo}`)
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

export function requireCapability(capability: Capability) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.council && can(req.council.role, capability)) return next()
    next(new ForbiddenError(`Role lacks ${capability}`))
  }
}

/** For handlers behind councilContext: the user and council are certainly there. */
export function context(req: Request): { user: SignedInUser; council: CouncilAccess } {
  if (!req.user || !req.council) throw new Error('context() used outside a council route')
  return { user: req.user, council: req.council }
}
