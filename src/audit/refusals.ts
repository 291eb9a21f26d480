// Refused requests in the audit trail: a role lacking a capability (403) and a missing or wrong CSRF token.
// Recorded in the council's trail when the request was inside one, otherwise at service level. A client that
// keeps being refused could fill the trail, so each client address gets at most MAX_PER_WINDOW entries a
// minute (per process); the rest are only counted in the next entry that is written.
import type { Db } from '../db/connect.js'
import { recordAudit } from './audit-repository.js'

const WINDOW_MS = 60_000
const MAX_PER_WINDOW = 10

export interface Refusal {
  kind: 'forbidden' | 'csrf'
  method: string
  path: string
  address: string
  userId: number | null
  organisationId: number | null
}

export type RecordRefusal = (refusal: Refusal) => Promise<void>

export function refusalRecorder(db: Db, now: () => number = Date.now): RecordRefusal {
  const windows = new Map<string, { startedAt: number; written: number; skipped: number }>()
  return async (refusal) => {
    const at = now()
    let window = windows.get(refusal.address)
    if (!window || at - window.startedAt >= WINDOW_MS) {
      // Forget quiet addresses now and then so the map stays small.
      if (windows.size > 10_000) for (const [key, w] of windows) if (at - w.startedAt >= WINDOW_MS) windows.delete(key)
      window = { startedAt: at, written: 0, skipped: window?.skipped ?? 0 }
      windows.set(refusal.address, window)
    }
    if (window.written >= MAX_PER_WINDOW) {
      window.skipped++
      return
    }
    window.written++
    const skipped = window.skipped
    window.skipped = 0
    const what =
      refusal.kind === 'csrf' ? 'a form without a valid security token' : 'a page or action the role does not allow'
    const request = `${refusal.method} ${refusal.path}`.slice(0, 300)
    await db.transaction().execute((trx) =>
      recordAudit(
        trx,
        { userId: refusal.userId, organisationId: refusal.organisationId },
        {
          entityType: 'request',
          entityId: request,
          action: 'refused',
          summary: `Refused ${request}: ${what}${skipped ? ` (${skipped} earlier refusals from this address not recorded)` : ''}`,
          after: { kind: refusal.kind, address: refusal.address },
        },
      ),
    )
  }
}
