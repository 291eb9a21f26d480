// The PDF of a published report is printed once and kept (table report_pdf): a published report is a frozen
// snapshot, so every later download is served from the database, whichever process prints it. Drafts (and
// reports with the approver) change, so they are printed every time. Requests in this process for the same PDF
// while it is being printed wait for that one print rather than starting their own.
import { createHash } from 'node:crypto'
import type { Db } from '../db/connect.js'
import type { PdfPrinter } from '../exports/chromium.js'
import { findKeptPdf, isFrozen, keepPdf, type PdfEdition, type ReportRow } from './report-repository.js'

const inFlight = new Map<string, Promise<Buffer>>()

/**
 * What the PDF is printed from: the snapshot and what the status line says (published or superseded, the
 * revision and when). A change to any of them is a new PDF.
 */
function contentHash(report: ReportRow, edition: PdfEdition): string {
  return createHash('sha256')
    .update(
      JSON.stringify({
        edition,
        status: report.status,
        revision: report.revision,
        publishedAt: report.published_at ? new Date(report.published_at).toISOString() : null,
        snapshot: report.snapshot,
      }),
    )
    .digest('hex')
}

/**
 * The printer to export this report's PDF with: for a published (or superseded) report, one that returns the
 * PDF kept for it, or prints it once and keeps it; for any other report, the printer itself.
 */
export function reportPdfPrinter(db: Db, report: ReportRow, edition: PdfEdition, printPdf: PdfPrinter): PdfPrinter {
  if (!isFrozen(report)) return printPdf
  const hash = contentHash(report, edition)
  const key = `${report.id}:${edition}:${hash}`
  return (html, header) => {
    const pending = inFlight.get(key)
    if (pending) return pending
    const made = (async () => {
      const kept = await findKeptPdf(db, report.id, edition, hash)
      if (kept) return kept
      const body = await printPdf(html, header)
      await keepPdf(db, report.id, edition, hash, body)
      return body
    })().finally(() => inFlight.delete(key))
    inFlight.set(key, made)
    return made
  }
}
