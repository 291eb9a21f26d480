// A NUL character cannot be stored in PostgreSQL text (it ends a C string), so a form field or query value
// holding one would fail deep in a query with a 500. Refuse it at the door with a clear message instead.
// (Uploaded files are checked by their own readers: a binary file may hold NUL bytes.)
import type { NextFunction, Request, Response } from 'express'
import { BadRequestError } from '../../web/errors.js'

export const NUL_MESSAGE =
  'What you sent contains a character that cannot be stored (a NUL character, sometimes pasted in from ' +
  'another program). Remove it and try again.'

/** Whether a parsed body or query (strings, arrays and objects of them) holds a NUL character anywhere. */
export function holdsNul(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('\u0000')
  if (Array.isArray(value)) return value.some(holdsNul)
  if (value !== null && typeof value === 'object')
    return Object.entries(value).some(([key, v]) => key.includes('\u0000') || holdsNul(v))
  return false
}

export function refuseNulCharacters(req: Request, _res: Response, next: NextFunction): void {
  next(holdsNul(req.body) || holdsNul(req.query) ? new BadRequestError(NUL_MESSAGE) : undefined)
}
