// CSRF tokens, and the check of a token a form sent. The middleware that guards every unsafe request is the
// server's (src/server/middleware/csrf.ts); upload routes check the token themselves once their multipart body
// is read (src/web/upload.ts).
//
// Two kinds of token, so that nobody gets a session row just for looking at a page:
// - in a session (signed in, or holding a message for the next page): a random token kept in the session;
// - before there is a session (the sign-in page, asking for a password link): a signed double-submit token.
//   A random value sits in an HttpOnly cookie and the form carries an HMAC of it under the session secret;
//   another site can neither read the cookie nor, without the secret, compute the HMAC of a cookie it plants.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'

export class CsrfError extends Error {}

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url')
}

/** The form token that goes with a pre-session cookie value. */
export function signedCsrfToken(secret: string, cookieValue: string): string {
  return createHmac('sha256', secret).update(`csrf:${cookieValue}`).digest('base64url')
}

export function tokensMatch(sent: unknown, expected: string | undefined): boolean {
  if (typeof sent !== 'string' || !expected) return false
  const x = Buffer.from(sent)
  const y = Buffer.from(expected)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** The token this request's forms carry and its unsafe requests must send back (set by the CSRF middleware). */
export function expectedCsrfToken(res: Response): string | undefined {
  const token: unknown = res.locals.csrfToken
  return typeof token === 'string' ? token : undefined
}

/** For upload routes, after the multipart body is parsed. */
export function verifyUploadCsrf(req: Request, res: Response, next: NextFunction): void {
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf
  if (tokensMatch(sent, expectedCsrfToken(res))) return next()
  next(new CsrfError('Missing or invalid CSRF token'))
}
