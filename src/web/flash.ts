import type { Request } from 'express'

/** Shows a success banner on the next page. Text only: whatever it contains is escaped when shown. */
export function flash(req: Request, heading: string, text?: string): void {
  req.session.flash = text ? { heading, text } : { heading }
}
