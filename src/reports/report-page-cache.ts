// The pages of a published report are rendered once and kept in this process's memory: the report's sections on
// the council's page, its printable page and its public edition's sections. A published report never changes,
// so its pages do not either, except where the report row does: superseded by a correction (its status), which is
// part of the key. What is around the sections (who is reading, what they may do, the forms' tokens) is rendered
// on every request. Drafts, and reports with the approver, are rendered every time.
//
// Kept in memory rather than in the database: rendering is cheap enough for each process to do once (tens of
// milliseconds for the largest council), and a new release of the app, which may change the pages, starts empty.
import type { Db } from '../db/connect.js'
import { isFrozen, type ReportRow } from './report-repository.js'

/** The council's page (its sections), the printable page (whole), or the public edition's page (its sections). */
export type ReportPage = 'council' | 'print' | 'public'

/** Characters kept, all databases together (about 20 of the largest board packs); the oldest go first. */
const MAX_CHARS = 24 * 1024 * 1024

// By the report's database and key; a Map keeps the order of insertion, so the first entry is the oldest.
const kept = new Map<string, string>()
const inFlight = new Map<string, Promise<string>>()
let keptChars = 0
let rendered = 0
const databases = new WeakMap<Db, number>()
let nextDatabase = 1

function keyOf(db: Db, report: ReportRow, page: ReportPage): string {
  let n = databases.get(db)
  if (n === undefined) databases.set(db, (n = nextDatabase++))
  const published = report.published_at ? new Date(report.published_at).getTime() : 0
  return `${n}:${report.id}:${page}:${report.status}:${report.revision}:${published}`
}

function keep(key: string, html: string) {
  kept.set(key, html)
  keptChars += html.length
  for (const [oldest, old] of kept) {
    if (keptChars <= MAX_CHARS) break
    kept.delete(oldest)
    keptChars -= old.length
  }
}

/**
 * A published (or superseded) report's page: the one kept, or `render` once and keep it. Any other report's page
 * is rendered every time.
 */
export async function keptReportPage(
  db: Db,
  report: ReportRow,
  page: ReportPage,
  render: () => Promise<string>,
): Promise<string> {
  if (!isFrozen(report)) return render()
  const key = keyOf(db, report, page)
  const found = kept.get(key)
  if (found !== undefined) return found
  const pending = inFlight.get(key)
  if (pending) return pending
  const made = render()
    .then((html) => {
      rendered++
      keep(key, html)
      return html
    })
    .finally(() => inFlight.delete(key))
  inFlight.set(key, made)
  return made
}

/** How many published reports' pages this process has rendered (not served from memory): for tests. */
export function reportPagesRendered(): number {
  return rendered
}
