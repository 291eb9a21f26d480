import type { NextFunction, Request, Response } from 'express'
import type { Db } from '../db/connect.js'
import { loadSignedInUser } from './account-repository.js'

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
