import type { Request } from 'express'

/**
 * True when the session holds something worth a row in the session table: a person signed in, a CSRF token of
 * its own, or a message for the next page. Everything else (a visitor reading the sign-in page, a request for a
 * missing page) goes without a session, so that such requests cost no database writes.
 */
export function sessionWorthKeeping(req: Request): boolean {
  const session = req.session as Partial<typeof req.session> | undefined
  return Boolean(session && (session.userId || session.csrfToken || session.flash))
}
