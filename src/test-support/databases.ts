// Every database test runs on PGlite, and on PostgreSQL too when TEST_DATABASE_URL is set (TEST_DATABASE_KINDS can
// narrow a process to one of them).
// Each suite gets a private copy of a template built once (see templates.ts): on PGlite an in-memory database
// started from a dump, on PostgreSQL a database of its own (copied from a template database, dropped on close).
import type { DatabaseHandle } from '../db/connect.js'
import { openPgliteCopy, openPostgresCopy, type TemplateName } from './templates.js'

export interface TestDatabaseKind {
  name: 'pglite' | 'postgres'
  /** A fresh, migrated, empty database. Call close() when done. */
  open(): Promise<DatabaseHandle>
  /** A private copy of a database with the demo loaded, and the shipped national data when asked. */
  openDemo(options?: { national?: boolean }): Promise<DatabaseHandle>
}

/** scripts/run-tests.mjs runs the unit lane (files named *.test.ts but not *.db.test.ts) with TEST_LANE=unit. */
function refuseInUnitLane(): void {
  if (process.env.TEST_LANE === 'unit') {
    throw new Error('A unit test opened a database: name the file *.db.test.ts (the unit lane runs without databases).')
  }
}

export function testDatabaseKinds(): TestDatabaseKind[] {
  refuseInUnitLane()
  const kind = (
    name: TestDatabaseKind['name'],
    copy: (template: TemplateName) => Promise<DatabaseHandle>,
  ): TestDatabaseKind => ({
    name,
    open() {
      refuseInUnitLane()
      return copy('empty')
    },
    openDemo(options = {}) {
      refuseInUnitLane()
      return copy(options.national ? 'national' : 'demo')
    },
  })
  const kinds = [kind('pglite', openPgliteCopy)]
  const url = process.env.TEST_DATABASE_URL
  if (url) kinds.push(kind('postgres', (template) => openPostgresCopy(url, template)))
  return only(kinds)
}

/** The PostgreSQL server the tests run on (TEST_DATABASE_URL), when they run on PostgreSQL at all. */
export function testPostgresServerUrl(): string | undefined {
  return testDatabaseKinds().some((kind) => kind.name === 'postgres') ? process.env.TEST_DATABASE_URL : undefined
}

/**
 * TEST_DATABASE_KINDS=pglite or =postgres runs a file on that kind alone: scripts/run-tests.mjs runs each browser
 * test file once per kind, side by side. Asking for a kind that cannot run fails rather than running nothing.
 */
function only(kinds: TestDatabaseKind[]): TestDatabaseKind[] {
  const wanted = process.env.TEST_DATABASE_KINDS?.split(',').filter(Boolean)
  if (!wanted?.length) return kinds
  for (const name of wanted) {
    if (!kinds.some((k) => k.name === name)) {
      throw new Error(
        `TEST_DATABASE_KINDS asks for ${name}, which cannot run here` +
          (name === 'postgres' ? ' (set TEST_DATABASE_URL)' : ' (the kinds are pglite and postgres)'),
      )
    }
  }
  return kinds.filter((k) => wanted.includes(k.name))
}
