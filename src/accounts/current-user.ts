import type { NextFunction, Request, Response } from 'express'
import type { Db } from '../db/connect.js'
import { loadSignedInUser } from './account-repository.js'
import { pastAbsoluteLimit } from './session-store.js'

/**
 * Loads the signed-in user (if any) on every request. A session stops working at once when its account is
 * deactivated, loses its last council, or has its password changed after the session signed in, and once it
 * has passed its absolute limit (SESSION_ABSOLUTE_MS after signing in, however busy it has been).
 */
export function loadUser(db: Db) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const userId = req.session.userId
    if (userId) {
      const signedInAt = req.session.signedInAt
      const user = pastAbsoluteLimit(signedInAt)
        ? undefined
        : await loadSignedInUser(db, userId, signedInAt === undefined ? undefined : new Date(signedInAt))
      if (user) {
        req.user = user
        res.locals.user = user
      } else {
        delete req.session.userId
        delete req.session.signedInAt
      }
    }
    next()
  }
}
