// `npm run db:backup -- <file>` and `npm run db:restore -- <file>` (README "Backup and restore").
// Embedded PGlite (no DATABASE_URL): backs up the data folder (DATA_DIR, default data/pglite) to a gzipped tarball,
// refusing while the app has the folder open; restores a tarball into a missing or empty data folder only.
// PostgreSQL (DATABASE_URL set): pg_dump --format=custom, and pg_restore --no-owner into a database with no tables.
import { sql } from 'kysely'
import { loadConfig } from './config.js'
import { backupPglite, BackupError, dumpPostgres, restorePglite, restorePostgres } from '../db/backup.js'
import { openDatabase } from '../db/connect.js'
import { DataFolderLockedError } from '../db/data-folder-lock.js'

const [command, file, ...rest] = process.argv.slice(2)
if ((command !== 'backup' && command !== 'restore') || !file || rest.length > 0) {
  console.error('Usage: npm run db:backup -- <file>   or   npm run db:restore -- <file>')
  process.exit(2)
}

/** A PostgreSQL restore goes only into a database whose public schema has no tables yet. */
async function refuseNonEmptyPostgres(databaseUrl: string): Promise<void> {
  const database = await openDatabase({ databaseUrl })
  try {
    const { rows } = await sql<{ count: number }>`
      select count(*) as count from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind in ('r', 'p')`.execute(database.db)
    if (Number(rows[0]!.count) > 0) {
      throw new BackupError(
        'The database at DATABASE_URL already has tables. A restore goes only into an empty database: ' +
          'create a new one (createdb) and point DATABASE_URL at it.',
      )
    }
  } finally {
    await database.close()
  }
}

try {
  const config = loadConfig()
  if (command === 'backup') {
    if (config.databaseUrl) {
      await dumpPostgres(config.databaseUrl, file)
      console.log(`Backed up the PostgreSQL database to ${file} (pg_dump, custom format)`)
    } else {
      const bytes = await backupPglite(config.dataDir, file)
      console.log(`Backed up ${config.dataDir} to ${file} (${(bytes / 1024 / 1024).toFixed(1)} MB)`)
    }
  } else if (config.databaseUrl) {
    await refuseNonEmptyPostgres(config.databaseUrl)
    await restorePostgres(file, config.databaseUrl)
    console.log(`Restored ${file} into the PostgreSQL database (pg_restore)`)
  } else {
    await restorePglite(file, config.dataDir)
    console.log(`Restored ${file} into ${config.dataDir}`)
  }
} catch (error) {
  const known = error instanceof BackupError || error instanceof DataFolderLockedError
  console.error(
    known ? error.message : `The ${command} failed: ${error instanceof Error ? error.message : String(error)}`,
  )
  process.exit(1)
}
