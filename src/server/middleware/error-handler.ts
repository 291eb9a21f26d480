import type { NextFunction, Request, Response } from 'express'
import { BadRequestError, ForbiddenError, NotFoundError } from '../../web/errors.js'
import { CsrfError } from '../../web/csrf-token.js'
import { ChromiumUnavailableError } from '../../exports/chromium.js'
import { PdfBusyError } from '../../exports/pdf-queue.js'
import { SnapshotError } from '../../reports/report-snapshot.js'
import type { RecordRefusal, Refusal } from '../../audit/refusals.js'

export function notFound(_req: Request, _res: Response, next: NextFunction): void {
  next(new NotFoundError())
}

interface PdfAlternative {
  href: string
  text: string
  after?: string
}

const SAVE_FROM_BROWSER = ' and save it as a PDF from your browser’s print dialog'

/** What else to offer when a PDF cannot be made: the same document in the other forms its page offers. */
export function pdfAlternatives(url: string): PdfAlternative[] {
  const path = url.replace(/\?.*$/, '')
  const publicReport = /^(\/public\/[^/]+\/reports\/[^/]+)\/report\.pdf$/.exec(path)
  if (publicReport)
    return [{ href: publicReport[1]!, text: 'read the report on its web page', after: SAVE_FROM_BROWSER }]
  const exported = /^(.*)\/export\.pdf$/.exec(path)
  if (!exported) return []
  const base = exported[1]!
  const word = { href: `${base}/export.docx`, text: 'download it as a Word document' }
  const printable = { href: `${base}/print`, text: 'open the printable page', after: SAVE_FROM_BROWSER }
  // A self-assessment has no spreadsheet; a report has its data as one.
  if (base.includes('/self-assessments/')) return [word, printable]
  return [word, { href: `${base}/export.xlsx`, text: 'download its data as a spreadsheet' }, printable]
}

/** Renders the GOV.UK error pages. Nothing about the error itself reaches the user. Refusals are audited. */
export function errorHandler(log: (error: unknown) => void, recordRefusal?: RecordRefusal) {
  const audit = async (req: Request, kind: Refusal['kind']) => {
    try {
      await recordRefusal?.({
        kind,
        method: req.method,
        path: req.originalUrl.split('?')[0] ?? req.path,
        address: req.ip ?? 'unknown',
        userId: req.user?.id ?? null,
        organisationId: req.council?.organisationId ?? null,
      })
    } catch (auditError) {
      log(auditError)
    }
  }
  return async (error: unknown, req: Request, res: Response, _next: NextFunction): Promise<void> => {
    if (res.headersSent) return
    if (error instanceof NotFoundError) {
      res.status(404).render('errors/404.njk')
      return
    }
    if (error instanceof ForbiddenError) {
      await audit(req, 'forbidden')
      res.status(403).render('errors/403.njk')
      return
    }
    if (error instanceof CsrfError) {
      await audit(req, 'csrf')
      res.status(403).render('errors/csrf.njk')
      return
    }
    if (error instanceof ChromiumUnavailableError) {
      // The PDF printer is missing on this server: say what still works instead of a bare "sorry".
      log(error)
      res.status(503).render('errors/pdf-unavailable.njk', { alternatives: pdfAlternatives(req.originalUrl) })
      return
    }
    if (error instanceof PdfBusyError) {
      // Too many PDFs asked for at once (src/exports/pdf-queue.ts): refused rather than kept waiting.
      res.set('Retry-After', String(error.retryAfterSeconds))
      res.status(503).render('errors/pdf-busy.njk', { alternatives: pdfAlternatives(req.originalUrl) })
      return
    }
    if (error instanceof SnapshotError) {
      log(error)
      res.status(500).render('errors/report-unreadable.njk')
      return
    }
    const status = (error as { status?: number; statusCode?: number }).status
    if (status === 413) {
      res.status(413).render('errors/400.njk', { message: 'What you sent is too large.' })
      return
    }
    if (status === 400) {
      // Our own refusals say why; a parser's (malformed form data) cannot.
      const message = error instanceof BadRequestError ? error.message : 'What you sent could not be read.'
      res.status(400).render('errors/400.njk', { message })
      return
    }
    log(error)
    res.status(500).render('errors/500.njk')
  }
}
