// Synchronizer-token CSRF protection: a random token per session, required on every unsafe request.
// Multipart uploads carry the token inside the multipart body, which is only read by the upload route:
// those routes (and only those) are allowed through here, and check the token with verifyUploadCsrf.
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { NextFunction, Request, Response } from 'express'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
/** Paths that accept multipart uploads; each must call verifyUploadCsrf after parsing the body. */
const UPLOAD_PATHS = [/^\/councils\/[^/]+\/measures\/import$/, /^\/councils\/[^/]+\/national-data$/]

export class CsrfError extends Error {}

export function csrfProtection(req: Request, res: Response, next: NextFunction): void {
  if (!req.session.csrfToken) req.session.csrfToken = randomBytes(32).toString('base64url')
  res.locals.csrfToken = req.session.csrfToken
  if (SAFE_METHODS.has(req.method)) return next()
  if (req.is('multipart/form-data') && UPLOAD_PATHS.some((p) => p.test(req.path))) return next()
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token')
  if (typeof sent === 'string' && tokensMatch(sent, req.session.csrfToken)) return next()
  next(new CsrfError('Missing or invalid CSRF token'))
}

/** For upload routes, after the multipart body is parsed. */
export function verifyUploadCsrf(req: Request, _res: Response, next: NextFunction): void {
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf
  if (typeof sent === 'string' && req.session.csrfToken && tokensMatch(sent, req.session.csrfToken)) return next()
  next(new CsrfError('Missing or invalid CSRF token'))
}

function tokensMatch(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}
