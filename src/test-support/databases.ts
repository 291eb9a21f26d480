// Every database test runs on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set.
// On PostgreSQL each test database is a fresh schema, dropped afterwards.
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { openDatabase, type DatabaseHandle } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'

export interface TestDatabaseKind {
  name: 'pglite' | 'postgres'
  /** A fresh, migrated, empty database. Call close() when done. */
  open(): Promise<DatabaseHandle>
}

export function testDatabaseKinds(): TestDatabaseKind[] {
  const kinds: TestDatabaseKind[] = [
    {
      name: 'pglite',
      async open() {
        const handle = await openDatabase({})
        await migrateToLatest(handle.db)
        return handle
      },
    },
  ]
  const url = process.env.TEST_DATABASE_URL
  if (url) {
    kinds.push({
      name: 'postgres',
      async open() {
        const schema = `test_${randomBytes(6).toString('hex')}`
        const admin = new pg.Client({ connectionString: url })
        await admin.connect()
        await admin.query(`create schema ${schema}`)
        await admin.end()
        const handle = await openDatabase({ databaseUrl: url, searchPath: schema })
        await migrateToLatest(handle.db, handle.schema)
        return {
          ...handle,
          async close() {
            await handle.close()
            const cleanup = new pg.Client({ connectionString: url })
            await cleanup.connect()
            await cleanup.query(`drop schema ${schema} cascade`)
            await cleanup.end()
          },
        }
      },
    })
  }
  return kinds
}
