// Starting and ending a signed-in session: the same steps for signing in with a password, accepting an
// invitation, and after a password change.
import type { Request } from 'express'

function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error('The session store failed', { cause: error })
}

/** A fresh session id (which defeats session fixation), signed in as this person from `at`. */
export async function startSignedInSession(req: Request, userId: number, at: Date = new Date()): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.session.regenerate((error: unknown) => (error ? reject(toError(error)) : resolve())),
  )
  req.session.userId = userId
  req.session.signedInAt = at.getTime()
}

/** A fresh session id with nobody signed in (the old session, and anything in it, is gone). */
export async function startSignedOutSession(req: Request): Promise<void> {
  await new Promise<void>((resolve, reject) =>
    req.session.regenerate((error: unknown) => (error ? reject(toError(error)) : resolve())),
  )
}

export function destroySession(req: Request): Promise<void> {
  return new Promise((resolve, reject) =>
    req.session.destroy((error: unknown) => (error ? reject(toError(error)) : resolve())),
  )
}
