// Uploaded files waiting to be checked and confirmed: kept as rows until they are applied or discarded.
import type { DbOrTx, Tx } from '../../db/connect.js'
import { jsonb } from '../../db/connect.js'
import type { ImportBatchTable } from '../../db/database.js'
import type { Selectable } from 'kysely'
import { recordAudit, type Actor } from '../../audit/audit-repository.js'
import type { Table } from '../../shared/read-table.js'

export type ImportKind = ImportBatchTable['kind']
export type ImportBatch = Omit<Selectable<ImportBatchTable>, 'rows'> & { table: Table }

export async function createImportBatch(trx: Tx, actor: Actor, kind: ImportKind, filename: string, table: Table) {
  const batch = await trx
    .insertInto('import_batch')
    .values({ organisation_id: actor.organisationId, kind, filename, rows: jsonb(table), uploaded_by: actor.userId })
    .returning(['id', 'filename'])
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'import_batch',
    entityId: batch.id,
    action: 'create',
    summary: `Uploaded ${batch.filename} to check before importing (${table.rows.length} rows)`,
  })
  return batch
}

export async function findImportBatch(
  db: DbOrTx,
  organisationId: number,
  id: number,
): Promise<ImportBatch | undefined> {
  const row = await db
    .selectFrom('import_batch')
    .selectAll()
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst()
  if (!row) return undefined
  const { rows, ...batch } = row
  return { ...batch, table: rows as Table }
}

/** Marks a pending batch applied. False when it was not pending (a double-click confirms once). */
export async function claimImportBatch(trx: Tx, batchId: number): Promise<boolean> {
  const claimed = await trx
    .updateTable('import_batch')
    .set({ status: 'applied', applied_at: new Date() })
    .where('id', '=', batchId)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst()
  return claimed !== undefined
}

export async function discardImportBatch(trx: Tx, actor: Actor, batch: Pick<ImportBatch, 'id' | 'filename'>) {
  const discarded = await trx
    .updateTable('import_batch')
    .set({ status: 'discarded' })
    .where('id', '=', batch.id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst()
  if (!discarded) return
  await recordAudit(trx, actor, {
    entityType: 'import_batch',
    entityId: batch.id,
    action: 'update',
    summary: `Cancelled the import of ${batch.filename}: nothing was changed`,
    before: { status: 'pending' },
    after: { status: 'discarded' },
  })
}
