// `npm run db:prove-restore`: proves that a backup restores (README "Backup and restore").
// PGlite: a data folder with the demo loaded is built in a temporary folder (or, with --data-dir <folder>, an
// existing folder is used: stop the app first), backed up with dumpDataDir, restored into an empty folder with
// loadDataDir, and the row counts of every table of the two compared.
// PostgreSQL, with --postgres <url> (or PROVE_RESTORE_POSTGRES_URL): a new database with the demo loaded is created
// on that server, dumped with pg_dump --format=custom, restored with pg_restore --no-owner into a new empty
// database, and compared the same way; both databases are dropped afterwards (the user needs CREATEDB).
// Prints a table of counts for each and exits with 1 if any table differs.
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import {
  databaseUrl,
  formatComparison,
  proveRestorePglite,
  proveRestorePostgres,
  withServer,
  type RowCountComparison,
} from '../src/db/backup.js'
import { openDatabase, type DatabaseHandle } from '../src/db/connect.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { seedDemo } from '../src/demo/seed-demo.js'

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, postgres: { type: 'string' } },
  strict: true,
})
const postgresUrl = values.postgres ?? process.env.PROVE_RESTORE_POSTGRES_URL

async function withDemo(handle: DatabaseHandle): Promise<void> {
  try {
    await migrateToLatest(handle.db)
    await seedDemo(handle.db)
  } finally {
    await handle.close()
  }
}

const seconds = (start: number) => `${((performance.now() - start) / 1000).toFixed(1)} s`
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'turnaround-prove-restore-'))
let failed = false
const report = (title: string, rows: RowCountComparison[]) => {
  console.log(`\n${formatComparison(title, rows)}`)
  if (rows.some((r) => !r.same)) failed = true
}

try {
  let start = performance.now()
  let sourceDir = values['data-dir']
  if (!sourceDir) {
    sourceDir = path.join(work, 'pglite-source')
    await withDemo(await openDatabase({ dataDir: sourceDir }))
  }
  report(`PGlite: ${sourceDir} backed up and restored (${seconds(start)})`, await proveRestorePglite(sourceDir, work))

  if (postgresUrl) {
    start = performance.now()
    const source = `turnaround_prove_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`
    await withServer(postgresUrl, (client) => client.query(`create database ${source} template template0`))
    try {
      const sourceUrl = databaseUrl(postgresUrl, source)
      await withDemo(await openDatabase({ databaseUrl: sourceUrl }))
      report(
        `PostgreSQL: a demo database dumped and restored into an empty one (${seconds(start)})`,
        await proveRestorePostgres(sourceUrl, work),
      )
    } finally {
      await withServer(postgresUrl, (client) => client.query(`drop database if exists ${source} with (force)`))
    }
  } else {
    console.log('\nPostgreSQL not tried: give --postgres <url> (a server where this user may create databases).')
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  failed = true
} finally {
  fs.rmSync(work, { recursive: true, force: true })
}
if (failed) {
  console.error('\nThe restore was NOT proved.')
  process.exit(1)
}
console.log('\nThe restore is proved: every table has the same number of rows after the restore.')
