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

/** Rows written per statement: each column goes as one array parameter, so a statement's size is not the limit. */
export const ROWS_PER_STATEMENT = 10_000

type Stored = { value: number; note: string }

/**
 * The values already stored for the measures given, between the first and last period given, by measure then
 * period. Each measure's values come back as one JSON array: reading 100,000 values as rows took seconds.
 */
async function storedValues(db: DbOrTx, rows: readonly ValueRow[]): Promise<Map<number, Map<string, Stored>>> {
  const stored = new Map<number, Map<string, Stored>>()
  if (!rows.length) return stored
  const measureIds = new Set<number>()
  let from = rows[0]!.period
  let to = from
  for (const { measureId, period } of rows) {
    measureIds.add(measureId)
    if (period < from) from = period
    if (period > to) to = period
  }
  const found = await sql<{ measure_id: number; stored: Array<[string, number, string]> }>`
    select measure_id, json_agg(json_build_array(period, value, note)) as stored
    from measure_value
    where measure_id = any(${[...measureIds]}::int[]) and period between ${from} and ${to}
    group by measure_id`.execute(db)
  for (const { measure_id, stored: values } of found.rows) {
    const periods = new Map<string, Stored>()
    for (const [period, value, note] of values) periods.set(period, { value, note })
    stored.set(measure_id, periods)
  }
  return stored
}

/** Each row as new, changed (with the value it replaces) or unchanged, in the order given. */
export async function planValueChanges(db: DbOrTx, rows: readonly ValueRow[]): Promise<ValueChange[]> {
  const stored = await storedValues(db, rows)
  return rows.map(({ measureId, period, value, note }): ValueChange => {
    const previous = stored.get(measureId)?.get(period)
    if (!previous) return { measureId, period, value, note, kind: 'new' }
    const same = previous.value === value && previous.note === note
    return { measureId, period, value, note, kind: same ? 'unchanged' : 'changed', previous }
  })
}

function valueText(v: { value: number; note: string }): string {
  return v.note ? `${v.value} (${v.note})` : String(v.value)
}

/**
 * Applies planned changes: new and changed values are written in a few statements of many rows, unchanged ones
 * are not written at all. Call inside a transaction: an import is all rows or none.
 */
export async function applyValueChanges(
  trx: Tx,
  actor: Actor,
  changes: readonly ValueChange[],
  describe: (measureId: number) => string,
  source: string,
): Promise<{ created: number; updated: number }> {
  const toWrite = changes.filter((c) => c.kind !== 'unchanged')
  for (let i = 0; i < toWrite.length; i += ROWS_PER_STATEMENT) {
    const slice = toWrite.slice(i, i + ROWS_PER_STATEMENT)
    await sql`
      insert into measure_value (measure_id, period, value, note)
      select * from unnest(
        ${slice.map((c) => c.measureId)}::int[],
        ${slice.map((c) => c.period)}::date[],
        ${slice.map((c) => c.value)}::float8[],
        ${slice.map((c) => c.note)}::text[]
      )
      on conflict (measure_id, period) do update
      set value = excluded.value, note = excluded.note, updated_at = now()`.execute(trx)
  }
  // One audit entry per measure, with each changed period's value before and after: the trail shows
  // every change without one row per value on a 100,000-row import.
  const byMeasure = new Map<
    number,
    { total: number; added: number; before: Record<string, string>; after: Record<string, string> }
  >()
  for (const c of toWrite) {
    let entry = byMeasure.get(c.measureId)
    if (!entry) byMeasure.set(c.measureId, (entry = { total: 0, added: 0, before: {}, after: {} }))
    entry.total++
    if (c.kind === 'new') entry.added++
    if (c.previous) entry.before[c.period] = valueText(c.previous)
    entry.after[c.period] = valueText(c)
  }
  let created = 0
  const changesByMeasure: AuditChange[] = []
  for (const [measureId, { total, added, before, after }] of byMeasure) {
    const changed = total - added
    created += added
    const counts = [added && `${added} added`, changed && `${changed} changed`].filter(Boolean).join(', ')
    changesByMeasure.push({
      entityType: 'measure_value',
      entityId: measureId,
      action: added === total ? 'create' : 'update',
      summary: `Values of ${describe(measureId)}: ${counts} (${source})`,
      before,
      after,
    })
  }
  await recordAudit(trx, actor, changesByMeasure)
  return { created, updated: toWrite.length - created }
}
