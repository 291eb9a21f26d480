// Writes measure values, from the one-value form and from imports alike. A value for a period that
// already has one replaces it (never a duplicate), and every new or changed value is audited.
import { sql } from 'kysely'
import type { DbOrTx, Tx } from '../db/connect.js'
import { recordAudit, type Actor, type AuditChange } from '../audit/audit-repository.js'

export interface ValueRow {
  measureId: number
  period: string
  value: number
  note: string
}

export interface ValueChange extends ValueRow {
  kind: 'new' | 'changed' | 'unchanged'
  previous?: { value: number; note: string }
}

export async function planValueChanges(db: DbOrTx, rows: ValueRow[]): Promise<ValueChange[]> {
  const measureIds = [...new Set(rows.map((r) => r.measureId))]
  const existing = new Map<string, { value: number; note: string }>()
  for (let i = 0; i < measureIds.length; i += 500) {
    const found = await db
      .selectFrom('measure_value')
      .select(['measure_id', 'period', 'value', 'note'])
      .where('measure_id', 'in', measureIds.slice(i, i + 500))
      .execute()
    for (const f of found) existing.set(`${f.measure_id}|${f.period}`, { value: f.value, note: f.note })
  }
  return rows.map((row) => {
    const previous = existing.get(`${row.measureId}|${row.period}`)
    if (!previous) return { ...row, kind: 'new' }
    const same = previous.value === row.value && previous.note === row.note
    return { ...row, kind: same ? 'unchanged' : 'changed', previous }
  })
}

function valueText(v: { value: number; note: string }): string {
  return v.note ? `${v.value} (${v.note})` : String(v.value)
}

/** Applies planned changes. Call inside a transaction: an import is all rows or none. */
export async function applyValueChanges(
  trx: Tx,
  actor: Actor,
  changes: ValueChange[],
  describe: (measureId: number) => string,
  source: string,
): Promise<{ created: number; updated: number }> {
  const toWrite = changes.filter((c) => c.kind !== 'unchanged')
  for (let i = 0; i < toWrite.length; i += 1000) {
    await trx
      .insertInto('measure_value')
      .values(
        toWrite
          .slice(i, i + 1000)
          .map((c) => ({ measure_id: c.measureId, period: c.period, value: c.value, note: c.note })),
      )
      .onConflict((oc) =>
        oc.columns(['measure_id', 'period']).doUpdateSet({
          value: sql`excluded.value`,
          note: sql`excluded.note`,
          updated_at: sql`now()`,
        }),
      )
      .execute()
  }
  // One audit entry per measure, with each changed period's value before and after: the trail shows
  // every change without one row per value on a 100,000-row import.
  const byMeasure = new Map<number, ValueChange[]>()
  for (const c of toWrite) byMeasure.set(c.measureId, [...(byMeasure.get(c.measureId) ?? []), c])
  const changesByMeasure: AuditChange[] = [...byMeasure.entries()].map(([measureId, list]) => {
    const added = list.filter((c) => c.kind === 'new').length
    const changed = list.length - added
    const counts = [added && `${added} added`, changed && `${changed} changed`].filter(Boolean).join(', ')
    return {
      entityType: 'measure_value',
      entityId: measureId,
      action: added === list.length ? 'create' : 'update',
      summary: `Values of ${describe(measureId)}: ${counts} (${source})`,
      before: Object.fromEntries(list.filter((c) => c.previous).map((c) => [c.period, valueText(c.previous!)])),
      after: Object.fromEntries(list.map((c) => [c.period, valueText(c)])),
    }
  })
  await recordAudit(trx, actor, changesByMeasure)
  return {
    created: toWrite.filter((c) => c.kind === 'new').length,
    updated: toWrite.filter((c) => c.kind === 'changed').length,
  }
}
