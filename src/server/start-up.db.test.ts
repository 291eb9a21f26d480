// Preparing the database at start-up (migrations, the demo, the first national load) when several processes start
// together on one PostgreSQL database: they take turns under a lock, so the work is done once. On PGlite (one
// process) the preparation simply runs.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { setTimeout as sleep } from 'node:timers/promises'
import { openDatabase, type DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds, testPostgresServerUrl } from '../test-support/databases.js'
import { createPostgresCopy } from '../test-support/templates.js'
import { isDatabaseEmpty, seedDemo } from '../demo/seed-demo.js'
import { prepareDatabase } from './start-up.js'
import { withStartUpLock } from './start-up-repository.js'

for (const kind of testDatabaseKinds()) {
  describe(`start-up on ${kind.name}`, () => {
    let database: DatabaseHandle
    before(async () => {
      database = await kind.open()
    })
    after(() => database.close())

    it('runs the preparation under the lock and gives back its result', async () => {
      assert.equal(await withStartUpLock(database, () => Promise.resolve('prepared')), 'prepared')
      // The lock is free again: a second preparation does not wait.
      assert.equal(await withStartUpLock(database, () => Promise.resolve('again')), 'again')
    })
  })
}

const postgresUrl = testPostgresServerUrl()
describe(
  'processes starting together on one PostgreSQL database',
  { skip: postgresUrl ? false : 'needs PostgreSQL: set TEST_DATABASE_URL (CI does)' },
  () => {
    let copy: { url: string; drop(): Promise<void> }
    let first: DatabaseHandle
    let second: DatabaseHandle
    before(async () => {
      copy = await createPostgresCopy(postgresUrl!, 'empty')
      first = await openDatabase({ databaseUrl: copy.url })
      second = await openDatabase({ databaseUrl: copy.url })
    })
    after(async () => {
      await first?.close()
      await second?.close()
      await copy?.drop()
    })

    it('makes the second wait while the first prepares', async () => {
      let secondRan = false
      let secondDone: Promise<void> | undefined
      await withStartUpLock(first, async () => {
        secondDone = withStartUpLock(second, () => {
          secondRan = true
          return Promise.resolve()
        })
        await sleep(500)
        assert.equal(secondRan, false, 'the second ran while the first held the lock')
      })
      await secondDone
      assert.equal(secondRan, true)
    })

    it('loads the national statistics once when two prepare an empty database at the same time', async () => {
      const lines: string[] = []
      const log = (line: string) => lines.push(line)
      await Promise.all([
        prepareDatabase(first, { demoData: false }, { isDatabaseEmpty, seedDemo }, log),
        prepareDatabase(second, { demoData: false }, { isDatabaseEmpty, seedDemo }, log),
      ])
      assert.equal(
        lines.filter((line) => line.startsWith('Loading the national statistics')).length,
        1,
        lines.join('\n'),
      )
    })
  },
)
