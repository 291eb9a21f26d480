// The CSRF token kept in each session, and the check of a token a form sent. The middleware that guards
// every unsafe request is the server's (src/server/middleware/csrf.ts); upload routes check the token
// themselves once their multipart body is read (src/web/upload.ts).
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'

export class CsrfError extends Error {}

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url')
}

export function tokensMatch(sent: unknown, expected: string | undefined): boolean {
  if (typeof sent !== 'string' || !expected) return false
  const x = Buffer.from(sent)
  const y = Buffer.from(expected)
  return x.length === y.length && timingSafeEqual(x, y)
}

/** For upload routes, after the multipart body is parsed. */
export function verifyUploadCsrf(req: Request, _res: Response, next: NextFunction): void {
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf
  if (tokensMatch(sent, req.session.csrfToken)) return next()
  next(new CsrfError('Missing or invalid CSRF token'))
}
