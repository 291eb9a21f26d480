// Opens the database: PostgreSQL when a URL is given, otherwise embedded PGlite in a folder on disk.
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite'
import { Kysely, PGliteDialect, PostgresDialect, sql, type Transaction } from 'kysely'
import pg from 'pg'
import type { Database } from './database.js'
import { lockDataFolder, type DataFolderLock } from './data-folder-lock.js'

export type Db = Kysely<Database>
/** Repository functions take either, so they can run inside a caller's transaction. */
export type DbOrTx = Kysely<Database> | Transaction<Database>
/** Changes that must be recorded in the audit trail take this: they can only run inside a transaction. */
export type Tx = Transaction<Database>

const DATE_OID = 1082
// Dates stay as 'yyyy-mm-dd' strings: a JS Date would shift them by the server's time zone.
pg.types.setTypeParser(DATE_OID, (value: string) => value)
// bigserial ids and count(*) fit comfortably in a JS number at our sizes.
pg.types.setTypeParser(20, (value: string) => Number(value))

export interface DatabaseHandle {
  db: Db
  kind: 'pglite' | 'postgres'
  /** The schema queries run in, when one was chosen (tests). */
  schema?: string
  /** Flush PGlite's in-memory state to disk (a no-op on PostgreSQL). */
  checkpoint(): Promise<void>
  /** PGlite only: the whole data directory as a tarball (uncompressed unless asked), for `loadDataDir`. */
  dumpDataDir?(compression?: 'none' | 'gzip'): Promise<Blob>
  close(): Promise<void>
}

export interface OpenOptions {
  databaseUrl?: string
  /** Folder for PGlite; undefined means in memory (tests). */
  dataDir?: string
  /** PostgreSQL only: run every query in this schema (tests isolate themselves this way). */
  searchPath?: string
  /**
   * PGlite only: start from this dump of a data directory (`dumpDataDir`) instead of an empty database: in memory
   * (test templates), or in `dataDir` when that folder holds no database yet (a restore, src/db/backup.ts).
   */
  loadDataDir?: Blob
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.searchPath)
  return openPglite(options.dataDir, options.loadDataDir)
}

async function openPostgres(connectionString: string, searchPath?: string): Promise<DatabaseHandle> {
  const pool = new pg.Pool({
    connectionString,
    max: 10,
    ...(searchPath ? { options: `-c search_path=${searchPath}` } : {}),
  })
  // An idle pooled connection that the server ends (a restart, or a test's database dropped) emits 'error';
  // unheard, that would end the process. The pool drops the connection and opens another when needed.
  pool.on('error', (error) => console.error(`PostgreSQL connection lost: ${error.message}`))
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  await sql`select 1`.execute(db)
  return {
    db,
    kind: 'postgres',
    ...(searchPath ? { schema: searchPath } : {}),
    checkpoint: async () => {},
    close: () => db.destroy(),
  }
}

async function openPglite(dataDir?: string, loadDataDir?: Blob): Promise<DatabaseHandle> {
  let lock: DataFolderLock | undefined
  if (dataDir) lock = lockDataFolder(dataDir)
  try {
    const pglite = await PGlite.create(dataDir ?? 'memory://', {
      ...(loadDataDir ? { loadDataDir } : {}),
      // A new WAL segment is not first filled with 16 MB of zeros: in PGlite's in-memory file system that grows the
      // file a step at a time, copying all of it at each step (some 180 MB copied per segment), a fifth of the time
      // a 100,000-value import took (bench/measures.ts). Zero-filling only reserves disk space ahead of time.
      startParams: [...PGlite.defaultStartParams, '-c', 'wal_init_zero=off'],
      parsers: {
        [pgliteTypes.DATE]: (value: string) => value,
        [pgliteTypes.INT8]: (value: string) => Number(value),
      },
    })
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) })
    let closed = false
    const checkpoint = async () => {
      if (!closed && dataDir) await sql`checkpoint`.execute(db)
    }
    return {
      db,
      kind: 'pglite',
      checkpoint,
      dumpDataDir: (compression = 'none') => pglite.dumpDataDir(compression),
      async close() {
        if (closed) return
        await checkpoint()
        closed = true
        await db.destroy()
        // Kysely closes PGlite only if a query ever ran; an unused instance would keep the process alive.
        if (!pglite.closed) await pglite.close()
        lock?.release()
      },
    }
  } catch (error) {
    lock?.release()
    throw error
  }
}

/** A JSON value as a jsonb parameter, encoded the same way on PGlite and PostgreSQL. */
export function jsonb(value: unknown) {
  return sql<string>`cast(${JSON.stringify(value)} as text)::jsonb`
}
