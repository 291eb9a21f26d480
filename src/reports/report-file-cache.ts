// The files of a published report (its PDF, Word document and Excel annex) are made once and kept (table
// report_file): a published report is a frozen snapshot, so every later download is served from the database,
// whichever of the app's processes made it, without building, drawing or printing anything again (and the files
// served lately, from this process's memory). Drafts (and
// reports with the approver) change, so they are made every time. Requests in this process for the same file
// while it is being made wait for that one rather than making their own.
import { createHash } from 'node:crypto'
import type { Db } from '../db/connect.js'
import {
  findKeptFile,
  isFrozen,
  keepFile,
  type ReportEdition,
  type ReportFileFormat,
  type ReportRow,
} from './report-repository.js'

const inFlight = new Map<string, Promise<Buffer>>()

/**
 * The files this process served lately, by the same key, up to MAX_BYTES: reading a board pack's 3 MB PDF back
 * from the embedded database still takes some 50 ms. The oldest go first (a Map keeps the order of insertion).
 */
const MAX_BYTES = 32 * 1024 * 1024
const served = new Map<string, Buffer>()
let servedBytes = 0
const databases = new WeakMap<Db, number>()
let nextDatabase = 1

function remember(key: string, body: Buffer) {
  if (served.has(key)) return
  served.set(key, body)
  servedBytes += body.length
  for (const [oldest, file] of served) {
    if (servedBytes <= MAX_BYTES) break
    served.delete(oldest)
    servedBytes -= file.length
  }
}

/** Forgets the files kept in this process's memory, as another process would not have them (for tests). */
export function forgetServedFiles(): void {
  served.clear()
  servedBytes = 0
}

/**
 * What the files are made from: the snapshot and what the status line says (published or superseded, the
 * revision and when). A change to any of them is a new file: a correction published supersedes the report in
 * force, so its files are made again, saying so.
 */
function contentHash(report: ReportRow, edition: ReportEdition): string {
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
 * How to obtain this report's file in a format: for a published (or superseded) report, the file kept for it,
 * or `make` once and keep what it made; for any other report, `make` every time.
 */
export function keptReportFile(
  db: Db,
  report: ReportRow,
  edition: ReportEdition,
): (format: ReportFileFormat, make: () => Promise<Buffer>) => Promise<Buffer> {
  if (!isFrozen(report)) return (_format, make) => make()
  const hash = contentHash(report, edition)
  let n = databases.get(db)
  if (n === undefined) databases.set(db, (n = nextDatabase++))
  return (format, make) => {
    const key = `${n}:${report.id}:${edition}:${format}:${hash}`
    const found = served.get(key)
    if (found) return Promise.resolve(found)
    const pending = inFlight.get(key)
    if (pending) return pending
    const made = (async () => {
      let body = await findKeptFile(db, report.id, edition, format, hash)
      if (!body) {
        body = await make()
        await keepFile(db, report.id, edition, format, hash, body)
      }
      remember(key, body)
      return body
    })().finally(() => inFlight.delete(key))
    inFlight.set(key, made)
    return made
  }
}
