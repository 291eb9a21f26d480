// CSRF protection on every unsafe request (the tokens: src/web/csrf-token.ts). A request that has a session
// uses the session's token; one without a session gets a signed double-submit token instead, so that no
// session row is written for a visitor who has nothing to keep.
// Multipart uploads carry the token inside the multipart body, which is only read by the upload route:
// those routes (and only those) are let through here, and check the token with verifyUploadCsrf.
import type { NextFunction, Request, Response } from 'express'
import { CsrfError, newCsrfToken, signedCsrfToken, tokensMatch } from '../../web/csrf-token.js'
import { paths } from '../../web/paths.js'
import { sessionWorthKeeping } from '../../web/session-state.js'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const COOKIE_VALUE = /^[A-Za-z0-9_-]{43}$/

/** The council paths that accept multipart uploads; each route calls verifyUploadCsrf after parsing. */
const UPLOAD_PATTERNS = [
  paths.council.importData.pattern,
  paths.council.objectiveEvidence.pattern,
  paths.council.contribution.pattern,
  paths.council.importStaffSurvey.pattern,
]
/** Each pattern as a regular expression: a `:param` matches one path segment. */
const UPLOAD_PATHS = [
  ...UPLOAD_PATTERNS.map(
    (p) => new RegExp(`^/councils/[^/]+${p.replace(/[.]/g, '\\.').replace(/:[A-Za-z]+/g, '[^/]+')}$`),
  ),
  new RegExp(`^${paths.serviceNationalData.pattern}$`),
]

export interface CsrfOptions {
  secret: string
  secureCookies: boolean
}

export function csrfCookieName(secureCookies: boolean): string {
  return secureCookies ? '__Host-turnaround.csrf' : 'turnaround.csrf'
}

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const separator = part.indexOf('=')
    if (separator > 0 && part.slice(0, separator).trim() === name) return part.slice(separator + 1).trim()
  }
  return undefined
}

export function csrfProtection({ secret, secureCookies }: CsrfOptions) {
  const cookieName = csrfCookieName(secureCookies)
  return (req: Request, res: Response, next: NextFunction): void => {
    let expected: string
    if (sessionWorthKeeping(req)) {
      req.session.csrfToken ??= newCsrfToken()
      expected = req.session.csrfToken
    } else {
      let cookieValue = readCookie(req, cookieName)
      if (!cookieValue || !COOKIE_VALUE.test(cookieValue)) {
        cookieValue = newCsrfToken()
        // A new value would not match a form already on screen, so only safe requests are given one.
        if (SAFE_METHODS.has(req.method)) {
          res.cookie(cookieName, cookieValue, { httpOnly: true, secure: secureCookies, sameSite: 'lax', path: '/' })
        }
      }
      expected = signedCsrfToken(secret, cookieValue)
    }
    res.locals.csrfToken = expected
    if (SAFE_METHODS.has(req.method)) return next()
    if (req.is('multipart/form-data') && UPLOAD_PATHS.some((p) => p.test(req.path))) return next()
    const sent = (req.body as Record<string, unknown> | undefined)?._csrf ?? req.get('x-csrf-token')
    if (tokensMatch(sent, expected)) return next()
    next(new CsrfError('Missing or invalid CSRF token'))
  }
}
