// Seeded template databases for tests. Migrating and loading the demo (and the national data) takes seconds on
// PGlite, so it is done once per version of the sources, and every suite starts from a private copy:
// - PGlite: a tarball of the data directory (dumpDataDir) in the system's temp folder, started with loadDataDir.
// - PostgreSQL: template databases, copied with CREATE DATABASE ... TEMPLATE.
// Templates are named with a key hashed from everything that decides their content (application sources,
// migrations, demo, national data files, locked dependencies), so a change to any of them builds new ones.
// scripts/run-tests.mjs builds them before the database lanes and removes old ones; a test file run on its own
// builds what is missing. Two processes building at once is safe (each template appears whole, by an atomic
// rename or CREATE DATABASE, and a PostgreSQL advisory lock makes the second one wait).
// Clean-up goes by age, not by process id (test runs of several sessions may share the machine, its temp folder
// and the PostgreSQL server): templates of other keys unused for 30 minutes, and databases or files left by a
// process that died, after 6 hours.
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import pg from 'pg'
import { openDatabase, type DatabaseHandle, type Db } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { seedDemo } from '../demo/seed-demo.js'
import { loadShippedData } from '../national/load-national.js'
import { projectRoot } from '../shared/project-root.js'

/** empty: migrated, no rows; demo: the demo councils; national: the demo and the shipped national data. */
export type TemplateName = 'empty' | 'demo' | 'national'
const TEMPLATE_NAMES: TemplateName[] = ['empty', 'demo', 'national']

export const PGLITE_TEMPLATE_DIR = path.join(os.tmpdir(), 'turnaround-test-templates')
const PG_TEMPLATE_PREFIX = 'turnaround_tpl_'
/** Databases of one process (a suite's copy, a template being built): turnaround_tmp_<created, epoch s>_<random>. */
const PG_TEMPORARY_PREFIX = 'turnaround_tmp_'
const UNUSED_TEMPLATES_KEPT_MS = 30 * 60 * 1000
const LEFTOVERS_KEPT_MS = 6 * 60 * 60 * 1000

let cachedKey: string | undefined

/**
 * The key of the templates for the sources as they are now. scripts/run-tests.mjs computes it once and passes it
 * in TEST_TEMPLATE_KEY, so every process of a run uses the templates it built.
 */
export function templateKey(): string {
  cachedKey ??= process.env.TEST_TEMPLATE_KEY || computeTemplateKey()
  return cachedKey
}

function computeTemplateKey(): string {
  const hash = createHash('sha256')
  // The fictional council's live plan is dated from the day the demo is loaded (src/demo/northfield-live.ts).
  hash.update(new Date().toISOString().slice(0, 10))
  const files = [
    ...listFiles('src', (file) => file.endsWith('.ts') && !file.endsWith('.test.ts')),
    ...listFiles('national-data', () => true),
    'package-lock.json',
  ].sort()
  for (const file of files) {
    hash.update(`${file}\0`)
    hash.update(fs.readFileSync(path.join(projectRoot, file)))
    hash.update('\0')
  }
  return hash.digest('hex').slice(0, 12)
}

function listFiles(dir: string, keep: (file: string) => boolean): string[] {
  return fs.readdirSync(path.join(projectRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name)
    if (entry.isDirectory()) return listFiles(relative, keep)
    return entry.isFile() && keep(relative) ? [relative] : []
  })
}

/** Notes that the templates of this key are in use, so that another run's clean-up keeps them. */
function markUsed(key: string): void {
  fs.mkdirSync(PGLITE_TEMPLATE_DIR, { recursive: true })
  const marker = path.join(PGLITE_TEMPLATE_DIR, `used-${key}`)
  const now = new Date()
  try {
    fs.utimesSync(marker, now, now)
  } catch {
    fs.writeFileSync(marker, '')
  }
}

function usedRecently(key: string): boolean {
  try {
    return Date.now() - fs.statSync(path.join(PGLITE_TEMPLATE_DIR, `used-${key}`)).mtimeMs < UNUSED_TEMPLATES_KEPT_MS
  } catch {
    return false
  }
}

// ---------------------------------------------------------------------------------------------------------------
// PGlite

const pgliteFile = (key: string, name: TemplateName) => path.join(PGLITE_TEMPLATE_DIR, `pglite-${key}-${name}.tar`)

/** The tarball of a PGlite template (dumpDataDir, uncompressed), built when missing. */
export async function pgliteTemplateFile(name: TemplateName): Promise<string> {
  const key = templateKey()
  await ensurePgliteTemplates(key)
  return pgliteFile(key, name)
}

/** A fresh in-memory PGlite started from the template. */
export async function openPgliteCopy(name: TemplateName): Promise<DatabaseHandle> {
  const key = templateKey()
  await ensurePgliteTemplates(key)
  return openDatabase({ loadDataDir: await fs.openAsBlob(pgliteFile(key, name)) })
}

export async function ensurePgliteTemplates(key = templateKey()): Promise<void> {
  markUsed(key)
  if (TEMPLATE_NAMES.every((name) => fs.existsSync(pgliteFile(key, name)))) return
  const handle = await openDatabase({})
  try {
    await buildInOrder(
      () => handle.db,
      async (name) => {
        const file = pgliteFile(key, name)
        const temporary = `${file}.${randomBytes(4).toString('hex')}.tmp`
        fs.writeFileSync(temporary, Buffer.from(await (await handle.dumpDataDir!()).arrayBuffer()))
        fs.renameSync(temporary, file) // atomic: a reader sees the whole file or none
      },
    )
  } finally {
    await handle.close()
  }
}

function removeOldPgliteTemplates(key: string): void {
  if (!fs.existsSync(PGLITE_TEMPLATE_DIR)) return
  for (const entry of fs.readdirSync(PGLITE_TEMPLATE_DIR)) {
    const file = path.join(PGLITE_TEMPLATE_DIR, entry)
    const otherKey = /^(?:pglite-|used-)([0-9a-f]+)/.exec(entry)?.[1]
    const old = entry.endsWith('.tmp')
      ? Date.now() - fs.statSync(file).mtimeMs > UNUSED_TEMPLATES_KEPT_MS
      : otherKey !== undefined && otherKey !== key && !usedRecently(otherKey)
    if (old) fs.rmSync(file, { force: true })
  }
}

// ---------------------------------------------------------------------------------------------------------------
// PostgreSQL

const pgTemplateName = (key: string, name: TemplateName) => `${PG_TEMPLATE_PREFIX}${key}_${name}`
const temporaryName = () => `${PG_TEMPORARY_PREFIX}${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString('hex')}`

function urlOf(serverUrl: string, database: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

async function withAdmin<T>(serverUrl: string, work: (admin: pg.Client) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  try {
    return await work(admin)
  } finally {
    await admin.end()
  }
}

/** A new database of its own on the server, copied from the template: its URL, and how to drop it. */
export async function createPostgresCopy(
  serverUrl: string,
  name: TemplateName,
): Promise<{ url: string; drop(): Promise<void> }> {
  const key = templateKey()
  await ensurePostgresTemplates(serverUrl, key)
  const database = temporaryName()
  await withAdmin(serverUrl, (admin) =>
    admin.query(`create database ${database} template ${pgTemplateName(key, name)}`),
  )
  return {
    url: urlOf(serverUrl, database),
    drop: () => withAdmin(serverUrl, (admin) => dropDatabase(admin, database)),
  }
}

/** A new database of its own on the server, copied from the template; dropped on close. */
export async function openPostgresCopy(serverUrl: string, name: TemplateName): Promise<DatabaseHandle> {
  const copy = await createPostgresCopy(serverUrl, name)
  let handle: DatabaseHandle
  try {
    handle = await openDatabase({ databaseUrl: copy.url })
  } catch (error) {
    await copy.drop()
    throw error
  }
  return {
    ...handle,
    async close() {
      await handle.close()
      await copy.drop()
    },
  }
}

const BUILD_LOCK = "hashtext('turnaround test templates')"

export async function ensurePostgresTemplates(serverUrl: string, key = templateKey()): Promise<void> {
  await withAdmin(serverUrl, async (admin) => {
    const names = TEMPLATE_NAMES.map((name) => pgTemplateName(key, name))
    const ready = async () =>
      (await admin.query('select 1 from pg_database where datname = any($1)', [names])).rowCount === names.length
    markUsed(key)
    if (await ready()) return
    // A session lock: a second process waits here until the first has built the templates.
    await admin.query(`select pg_advisory_lock(${BUILD_LOCK})`)
    try {
      if (await ready()) return
      await buildPostgresTemplates(serverUrl, admin, key)
    } finally {
      await admin.query(`select pg_advisory_unlock(${BUILD_LOCK})`)
    }
  })
}

/**
 * Builds in a temporary database and copies it to each template's name in turn. CREATE DATABASE is atomic, so a
 * template exists complete or not at all; it is then marked as a template that accepts no connections.
 */
async function buildPostgresTemplates(serverUrl: string, admin: pg.Client, key: string): Promise<void> {
  const building = temporaryName()
  await admin.query(`create database ${building}`)
  let handle: DatabaseHandle | undefined
  try {
    handle = await openDatabase({ databaseUrl: urlOf(serverUrl, building) })
    await buildInOrder(
      () => handle!.db,
      async (name) => {
        const template = pgTemplateName(key, name)
        // A database is copied only while nobody is connected to it.
        await handle!.close()
        handle = undefined
        await dropDatabase(admin, template)
        await admin.query(`create database ${template} template ${building}`)
        await admin.query(`alter database ${template} with is_template true allow_connections false`)
        handle = await openDatabase({ databaseUrl: urlOf(serverUrl, building) })
      },
    )
  } finally {
    await handle?.close()
    await dropDatabase(admin, building)
  }
}

async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  const found = await admin.query<{ datistemplate: boolean }>(
    'select datistemplate from pg_database where datname = $1',
    [name],
  )
  if (found.rowCount === 0) return
  if (found.rows[0]!.datistemplate) await admin.query(`alter database ${name} with is_template false`)
  await admin.query(`drop database if exists ${name} with (force)`)
}

async function removeOldPostgresDatabases(serverUrl: string, key: string): Promise<void> {
  await withAdmin(serverUrl, async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like '${PG_TEMPLATE_PREFIX}%' or datname like '${PG_TEMPORARY_PREFIX}%'`,
    )
    for (const { datname } of rows) {
      const created = new RegExp(`^${PG_TEMPORARY_PREFIX}(\\d+)_`).exec(datname)?.[1]
      const templateKey = new RegExp(`^${PG_TEMPLATE_PREFIX}([0-9a-f]+)_`).exec(datname)?.[1]
      const old = created
        ? Date.now() - Number(created) * 1000 > LEFTOVERS_KEPT_MS
        : templateKey !== undefined && templateKey !== key && !usedRecently(templateKey)
      if (!old) continue
      try {
        await dropDatabase(admin, datname)
      } catch (error) {
        console.warn(`Could not remove the old test database ${datname}: ${(error as Error).message}`)
      }
    }
  })
}

// ---------------------------------------------------------------------------------------------------------------

/** Migrates, then loads the demo, then the national data, saving a template after each step. */
async function buildInOrder(db: () => Db, save: (name: TemplateName) => Promise<void>): Promise<void> {
  await migrateToLatest(db())
  await save('empty')
  await seedDemo(db())
  await save('demo')
  await loadShippedData(db())
  await save('national')
}

/** Builds the current templates when missing and removes those of older sources (scripts/run-tests.mjs). */
export async function prepareTemplates(serverUrl: string | undefined): Promise<void> {
  const key = templateKey()
  removeOldPgliteTemplates(key)
  if (serverUrl) await removeOldPostgresDatabases(serverUrl, key)
  await Promise.all([ensurePgliteTemplates(key), ...(serverUrl ? [ensurePostgresTemplates(serverUrl, key)] : [])])
}
