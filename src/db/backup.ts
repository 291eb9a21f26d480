// Backup and restore (README "Backup and restore").
// - PGlite: the data folder is opened like the app opens it (so the lock file refuses while the app holds it),
//   checkpointed, and dumped with PGlite's dumpDataDir() to a gzipped tarball; a restore loads such a tarball into
//   an empty folder (PGlite's loadDataDir) and refuses a folder that holds anything.
// - PostgreSQL: pg_dump --format=custom and pg_restore --no-owner into an empty database.
// Row counts of every table in the app's schema prove a restore: countRows before and after, compareRowCounts.
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { openDatabase, type Db } from './connect.js'

export class BackupError extends Error {}

/** Whether a folder holds a PGlite (PostgreSQL) data directory. */
function holdsDatabase(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION'))
}

function isEmptyOrMissing(dataDir: string): boolean {
  if (!fs.existsSync(dataDir)) return true
  return fs.statSync(dataDir).isDirectory() && fs.readdirSync(dataDir).length === 0
}

/** Writes a file whole or not at all: into a temporary file beside it, then renamed. */
function writeAtomically(file: string, data: Uint8Array): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`
  try {
    fs.writeFileSync(temporary, data)
    fs.renameSync(temporary, file)
  } finally {
    fs.rmSync(temporary, { force: true })
  }
}

/**
 * Backs up a PGlite data folder to a gzipped tarball. Takes the folder's lock, so it refuses (DataFolderLockedError)
 * while the app or another process has the folder open: stop the app first. Returns the size in bytes.
 */
export async function backupPglite(dataDir: string, file: string): Promise<number> {
  if (!holdsDatabase(dataDir)) {
    throw new BackupError(`There is no database in ${dataDir} to back up (no PG_VERSION file there).`)
  }
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists: choose another name, or delete it first.`)
  const database = await openDatabase({ dataDir })
  try {
    await database.checkpoint()
    const dump = await database.dumpDataDir!('gzip')
    const bytes = new Uint8Array(await dump.arrayBuffer())
    writeAtomically(file, bytes)
    return bytes.length
  } finally {
    await database.close()
  }
}

/**
 * Restores a tarball made by backupPglite (or any PGlite dumpDataDir) into a data folder that is missing or
 * empty. Refuses a folder that holds anything, rather than mixing or overwriting data.
 */
export async function restorePglite(file: string, dataDir: string): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupError(`The backup file ${file} does not exist.`)
  if (!isEmptyOrMissing(dataDir)) {
    throw new BackupError(
      `The data folder ${dataDir} is not empty. A restore goes only into an empty folder: ` +
        `move that folder aside (or set DATA_DIR to a new folder) and run the restore again.`,
    )
  }
  const database = await openDatabase({ dataDir, loadDataDir: await fs.openAsBlob(file) })
  try {
    await sql`select 1`.execute(database.db)
  } finally {
    await database.close()
  }
}

/** Runs a PostgreSQL client program (pg_dump, pg_restore); rejects with its error output when it fails. */
function runProgram(program: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ['ignore', 'inherit', 'pipe'] })
    let errors = ''
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()))
    child.on('error', (error) =>
      reject(new BackupError(`Could not run ${program} (${error.message}): install the PostgreSQL client tools.`)),
    )
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new BackupError(`${program} failed (exit code ${code}): ${errors.trim()}`)),
    )
  })
}

/**
 * `pg_dump --format=custom`: the documented PostgreSQL backup. pg_dump leaves a partial file when it fails, so it
 * writes beside the file and the dump is renamed into place only when complete.
 */
export async function dumpPostgres(databaseUrl: string, file: string): Promise<void> {
  if (fs.existsSync(file)) throw new BackupError(`${file} already exists: choose another name, or delete it first.`)
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true })
  const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`
  try {
    await runProgram('pg_dump', ['--format=custom', '--file', temporary, '--dbname', databaseUrl])
    fs.renameSync(temporary, file)
  } finally {
    fs.rmSync(temporary, { force: true })
  }
}

/** `pg_restore --no-owner --exit-on-error --dbname <url> <file>`, into an empty database. */
export function restorePostgres(file: string, databaseUrl: string): Promise<void> {
  return runProgram('pg_restore', ['--no-owner', '--exit-on-error', '--dbname', databaseUrl, file])
}

/** Every table of the schema queries run in (the app's schema), with its number of rows, in name order. */
export async function countRows(db: Db): Promise<Map<string, number>> {
  const tables = await sql<{ name: string }>`
    select c.relname as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and c.relkind in ('r', 'p')
    order by c.relname`.execute(db)
  const counts = new Map<string, number>()
  for (const { name } of tables.rows) {
    const { rows } = await sql<{ count: number | string }>`select count(*) as count from ${sql.table(name)}`.execute(db)
    counts.set(name, Number(rows[0]!.count))
  }
  return counts
}

export interface RowCountComparison {
  table: string
  /** null when the table is missing on that side. */
  before: number | null
  after: number | null
  same: boolean
}

/** Every table of either side, in name order, with both counts; `same` is false for a difference or a missing table. */
export function compareRowCounts(before: Map<string, number>, after: Map<string, number>): RowCountComparison[] {
  const tables = [...new Set([...before.keys(), ...after.keys()])].sort()
  return tables.map((table) => {
    const b = before.get(table) ?? null
    const a = after.get(table) ?? null
    return { table, before: b, after: a, same: b !== null && b === a }
  })
}

/** The comparison as a plain-text table for the terminal, differences marked, and a last line saying the outcome. */
export function formatComparison(title: string, rows: RowCountComparison[]): string {
  const show = (n: number | null) => (n === null ? 'missing' : String(n))
  const width = Math.max(5, ...rows.map((r) => r.table.length))
  const line = (table: string, before: string, after: string, mark: string) =>
    `${table.padEnd(width)}  ${before.padStart(9)}  ${after.padStart(9)}  ${mark}`.trimEnd()
  const differences = rows.filter((r) => !r.same)
  return [
    title,
    line('table', 'backed up', 'restored', ''),
    ...rows.map((r) => line(r.table, show(r.before), show(r.after), r.same ? '' : '<-- differs')),
    differences.length === 0
      ? `All ${rows.length} tables have the same number of rows.`
      : `${differences.length} of ${rows.length} tables differ: ${differences.map((r) => r.table).join(', ')}.`,
  ].join('\n')
}

/** A hook between the restore and the counting: tests use it to spoil a restore and see the proof fail. */
export interface ProveOptions {
  afterRestore?: (restored: Db) => Promise<void>
}

/**
 * Proves a PGlite backup: backs up sourceDir (the app must be stopped), restores it into a new folder under
 * workDir, and compares the row counts of every table of the two.
 */
export async function proveRestorePglite(
  sourceDir: string,
  workDir: string,
  options: ProveOptions = {},
): Promise<RowCountComparison[]> {
  const file = path.join(workDir, 'pglite-backup.tar.gz')
  const restoredDir = path.join(workDir, 'pglite-restored')
  await backupPglite(sourceDir, file)
  await restorePglite(file, restoredDir)
  return compareDatabases({ dataDir: sourceDir }, { dataDir: restoredDir }, options)
}

/** Opens the source and the restored database and compares the row counts of every table. */
async function compareDatabases(
  sourceOptions: Parameters<typeof openDatabase>[0],
  restoredOptions: Parameters<typeof openDatabase>[0],
  options: ProveOptions,
): Promise<RowCountComparison[]> {
  const source = await openDatabase(sourceOptions)
  try {
    const restored = await openDatabase(restoredOptions)
    try {
      await options.afterRestore?.(restored.db)
      return compareRowCounts(await countRows(source.db), await countRows(restored.db))
    } finally {
      await restored.close()
    }
  } finally {
    await source.close()
  }
}

/** The same URL naming another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

/** Runs work with a connection to the server of the URL (to create and drop databases). */
export async function withServer<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl })
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end()
  }
}

/**
 * Proves a PostgreSQL backup: pg_dump of sourceUrl into workDir, pg_restore into a new empty database on the same
 * server (created from template0, dropped at the end), and the row counts of every table of the two compared.
 */
export async function proveRestorePostgres(
  sourceUrl: string,
  workDir: string,
  options: ProveOptions = {},
): Promise<RowCountComparison[]> {
  const file = path.join(workDir, 'postgres-backup.dump')
  await dumpPostgres(sourceUrl, file)
  const target = `turnaround_restore_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`
  await withServer(sourceUrl, (client) => client.query(`create database ${target} template template0`))
  try {
    const targetUrl = databaseUrl(sourceUrl, target)
    await restorePostgres(file, targetUrl)
    return await compareDatabases({ databaseUrl: sourceUrl }, { databaseUrl: targetUrl }, options)
  } finally {
    await withServer(sourceUrl, (client) => client.query(`drop database if exists ${target} with (force)`))
  }
}
