import { Migrator, type MigrationProvider, type Migration } from 'kysely/migration'
import type { Db } from './connect.js'
import { migrations } from './migrations/index.js'

const provider: MigrationProvider = {
  getMigrations: (): Promise<Record<string, Migration>> => Promise.resolve(migrations),
}

/**
 * Applies every pending migration. `schema` names where Kysely keeps its own bookkeeping tables when
 * that is not the default schema (tests give each run its own schema; Kysely's check for its tables
 * looks across all schemas, so it must be told which one).
 */
export async function migrateToLatest(db: Db, schema?: string): Promise<void> {
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) })
  const { error, results } = await migrator.migrateToLatest()
  const failed = results?.find((r) => r.status === 'Error')
  if (error || failed) {
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${String(error)}`, { cause: error })
  }
}
