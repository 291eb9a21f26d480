import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import {
  BackupError,
  compareRowCounts,
  countRows,
  backupPglite,
  formatComparison,
  proveRestorePglite,
  proveRestorePostgres,
  restorePglite,
  type RowCountComparison,
} from './backup.js'
import { openDatabase, type Db } from './connect.js'
import { DataFolderLockedError } from './data-folder-lock.js'
import { testPostgresServerUrl } from '../test-support/databases.js'
import { createPostgresCopy, pgliteTemplateFile } from '../test-support/templates.js'

/** Deletes one row from the first table (by name) that has rows and that no foreign key points at. */
async function deleteOneRow(db: Db): Promise<string> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind = 'r' and c.relname <> 'audit_log'
      and not exists (select 1 from pg_constraint k where k.contype = 'f' and k.confrelid = c.oid)
    order by c.relname`.execute(db)
  for (const { name } of rows) {
    const table = sql.table(name)
    const deleted = await sql`delete from ${table} where ctid = (select ctid from ${table} limit 1)`.execute(db)
    if (Number(deleted.numAffectedRows) === 1) return name
  }
  throw new Error('No table with rows to delete from')
}

function assertTrueRestore(rows: RowCountComparison[]): void {
  assert.deepEqual(
    rows.filter((r) => !r.same),
    [],
  )
  assert.ok(rows.length > 50, `${rows.length} tables compared`)
  assert.ok(rows.find((r) => r.table === 'organisation')!.before! > 0, 'the demo councils are there')
  assert.ok(rows.find((r) => r.table === 'audit_log')!.before! > 0, 'the audit trail is there')
}

function assertOneRowMissing(rows: RowCountComparison[], table: string): void {
  const differences = rows.filter((r) => !r.same)
  assert.equal(differences.length, 1, formatComparison('', rows))
  const [difference] = differences
  assert.equal(difference!.table, table)
  assert.equal(difference!.after, difference!.before! - 1)
  assert.match(formatComparison('', rows), new RegExp(`1 of ${rows.length} tables differ: ${table}\\.`))
}

describe('PGlite backup and restore', () => {
  let dir: string
  let sourceDir: string
  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnaround-backup-'))
    sourceDir = path.join(dir, 'source')
    // A data folder with the demo in it: the test template restored into a folder.
    await restorePglite(await pgliteTemplateFile('demo'), sourceDir)
  })
  after(() => fs.rmSync(dir, { recursive: true, force: true }))

  let restoredDir = ''
  it('restores a backup into an empty folder with the same rows in every table', async () => {
    const work = fs.mkdtempSync(path.join(dir, 'work-'))
    assertTrueRestore(await proveRestorePglite(sourceDir, work))
    assert.ok(fs.existsSync(path.join(work, 'pglite-backup.tar.gz')))
    restoredDir = path.join(work, 'pglite-restored')
  })

  it('reports a table that lost a row after the restore', async () => {
    // The folder the test above restored, one row poorer (a second backup and restore would prove nothing more).
    assert.ok(restoredDir, 'the restore test ran first')
    const source = await openDatabase({ dataDir: sourceDir })
    const restored = await openDatabase({ dataDir: restoredDir })
    try {
      const table = await deleteOneRow(restored.db)
      assertOneRowMissing(compareRowCounts(await countRows(source.db), await countRows(restored.db)), table)
    } finally {
      await restored.close()
      await source.close()
    }
  })

  it('refuses to back up while the app has the folder open', async () => {
    const app = await openDatabase({ dataDir: sourceDir })
    try {
      await assert.rejects(backupPglite(sourceDir, path.join(dir, 'while-open.tar.gz')), DataFolderLockedError)
      assert.equal(fs.existsSync(path.join(dir, 'while-open.tar.gz')), false)
    } finally {
      await app.close()
    }
  })

  it('refuses to back up a folder that holds no database, rather than creating one', async () => {
    const empty = path.join(dir, 'no-database')
    await assert.rejects(backupPglite(empty, path.join(dir, 'nothing.tar.gz')), /There is no database in/)
    assert.equal(fs.existsSync(empty), false)
  })

  it('refuses to restore into a folder that is not empty, and leaves it alone', async () => {
    const work = fs.mkdtempSync(path.join(dir, 'work-'))
    const file = path.join(work, 'backup.tar.gz')
    await backupPglite(sourceDir, file)
    const occupied = path.join(work, 'occupied')
    fs.mkdirSync(occupied)
    fs.writeFileSync(path.join(occupied, 'keep.txt'), 'mine')
    await assert.rejects(restorePglite(file, occupied), (error: unknown) => {
      assert.ok(error instanceof BackupError)
      assert.match(error.message, /is not empty\. A restore goes only into an empty folder/)
      return true
    })
    assert.deepEqual(fs.readdirSync(occupied), ['keep.txt'])
    await assert.rejects(restorePglite(file, sourceDir), /is not empty/)
  })
})

const postgresUrl = testPostgresServerUrl()
if (postgresUrl) {
  describe('PostgreSQL backup and restore (pg_dump, pg_restore)', () => {
    let dir: string
    let source: { url: string; drop(): Promise<void> }
    before(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnaround-backup-pg-'))
      source = await createPostgresCopy(postgresUrl, 'demo')
    })
    after(async () => {
      await source?.drop()
      fs.rmSync(dir, { recursive: true, force: true })
    })

    it('restores a dump into an empty database with the same rows in every table', async () => {
      assertTrueRestore(await proveRestorePostgres(source.url, fs.mkdtempSync(path.join(dir, 'work-'))))
    })

    it('reports a table that lost a row after the restore', async () => {
      let table = ''
      const rows = await proveRestorePostgres(source.url, fs.mkdtempSync(path.join(dir, 'work-')), {
        afterRestore: async (db) => {
          table = await deleteOneRow(db)
        },
      })
      assertOneRowMissing(rows, table)
    })
  })
}
