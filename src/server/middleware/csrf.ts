// Synchronizer-token CSRF protection: a random token per session, required on every unsafe request.
// Multipart uploads carry the token inside the multipart body, which is only read by the upload route:
// those routes (and only those) are let through here, and check the token with verifyUploadCsrf.
import type { NextFunction, Request, Response } from 'express'
import { CsrfError, newCsrfToken, tokensMatch } from '../../web/csrf-token.js'
import { paths } from '../../web/paths.js'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The council paths that accept multipart uploads; each route calls verifyUploadCsrf after parsing. */
const UPLOAD_PATTERNS = [
  paths.council.importData.pattern,
  paths.council.nationalData.pattern,
  paths.council.objectiveEvidence.pattern,
  paths.council.contribution.pattern,
  paths.council.importStaffSurvey.pattern,
]
/** Each pattern as a regular expression: a `:param` matches one path segment. */
const UPLOAD_PATHS = UPLOAD_PATTERNS.map(
  (p) => new RegExp(`^/councils/[^/]+${p.replace(/[.]/g, '\\.').replace(/:[A-Za-z]+/g, '[^/]+')}$`),
)

export function csrfProtection(req: Request, res: Response, next: NextFunction): void {
  req.session.csrfToken ??= newCsrfToken()
  res.locals.csrfToken = req.session.csrfToken
  if (SAFE_METHODS.has(req.method)) return next()
  if (req.is('multipart/form-data') && UPLOAD_PATHS.some((p) => p.test(req.path))) return next()
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token')
  if (tokensMatch(sent, req.session.csrfToken)) return next()
  next(new CsrfError('Missing or invalid CSRF token'))
}
