import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { jsonb, openDatabase, type DatabaseHandle } from './connect.js'
import { migrateToLatest } from './migrate.js'
import { DataFolderLockedError, lockDataFolder, processStartTime } from './data-folder-lock.js'
import { testDatabaseKinds } from '../test-support/databases.js'

describe('the embedded database folder', () => {
  let dir: string
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnaround-db-'))
  })
  after(() => fs.rmSync(dir, { recursive: true, force: true }))

  it('keeps data across a clean close and reopen', async () => {
    const dataDir = path.join(dir, 'persist')
    const first = await openDatabase({ dataDir })
    await migrateToLatest(first.db)
    await first.db.insertInto('organisation').values({ slug: 'kept', name: 'Kept', kind: 'council' }).execute()
    await first.close()
    assert.equal(fs.existsSync(`${dataDir}.lock`), false, 'lock released on close')
    const second = await openDatabase({ dataDir })
    const row = await second.db.selectFrom('organisation').select('slug').executeTakeFirst()
    await second.close()
    assert.equal(row?.slug, 'kept')
  })

  it('refuses a second process on the same folder with a clear error', async () => {
    const dataDir = path.join(dir, 'locked')
    const handle = await openDatabase({ dataDir })
    try {
      const child = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          `import('./src/db/connect.ts').then(m => m.openDatabase({ dataDir: ${JSON.stringify(dataDir)} }))
             .then(() => { console.log('opened'); process.exit(0) }, (e) => { console.error(e.message); process.exit(3) })`,
        ],
        { encoding: 'utf8', cwd: path.resolve(import.meta.dirname, '../..') },
      )
      assert.equal(child.status, 3, child.stdout + child.stderr)
      assert.match(child.stderr, /already in use by a Turnaround process \(pid \d+\)/)
    } finally {
      await handle.close()
    }
  })

  it('refuses a second open in the same process too', () => {
    const dataDir = path.join(dir, 'same-process')
    const lock = lockDataFolder(dataDir)
    try {
      assert.throws(() => lockDataFolder(dataDir), DataFolderLockedError)
    } finally {
      lock.release()
    }
  })

  it('takes over a stale lock left by a process that died', () => {
    const dataDir = path.join(dir, 'stale')
    fs.writeFileSync(`${dataDir}.lock`, '999999999')
    const lock = lockDataFolder(dataDir)
    assert.match(fs.readFileSync(`${dataDir}.lock`, 'utf8'), new RegExp(`^${process.pid}( \\d+)?$`))
    lock.release()
  })

  it('takes over a lock naming its own pid that it did not take (a restart as the same pid, as pid 1 in a container)', () => {
    const dataDir = path.join(dir, 'same-pid')
    fs.writeFileSync(`${dataDir}.lock`, String(process.pid))
    const lock = lockDataFolder(dataDir)
    try {
      assert.throws(() => lockDataFolder(dataDir), DataFolderLockedError, 'but not a lock it holds')
    } finally {
      lock.release()
    }
  })

  it('takes over a lock naming a live process that started at another time (its pid reused)', () => {
    const dataDir = path.join(dir, 'reused-pid')
    // Pid 1 is alive on any Linux machine; the lock says it started at a time it did not.
    assert.ok(processStartTime(1) !== null, 'Linux /proc is readable')
    fs.writeFileSync(`${dataDir}.lock`, '1 0')
    lockDataFolder(dataDir).release()
    // With the start time it really has, pid 1 does hold it.
    fs.writeFileSync(`${dataDir}.lock`, `1 ${processStartTime(1)}`)
    assert.throws(() => lockDataFolder(dataDir), DataFolderLockedError)
    fs.rmSync(`${dataDir}.lock`)
  })
})

for (const kind of testDatabaseKinds()) {
  describe(`database behaviour on ${kind.name}`, () => {
    let database: DatabaseHandle
    before(async () => {
      database = await kind.open()
    })
    after(() => database.close())

    it('returns dates as yyyy-mm-dd strings and jsonb as the value stored', async () => {
      const org = await database.db
        .insertInto('organisation')
        .values({ slug: 'j', name: 'J', kind: 'council' })
        .returning('id')
        .executeTakeFirstOrThrow()
      const plan = await database.db
        .insertInto('plan')
        .values({ organisation_id: org.id, title: 'P', starts_on: '2022-04-01' })
        .returning(['starts_on'])
        .executeTakeFirstOrThrow()
      assert.equal(plan.starts_on, '2022-04-01')
      const value = { text: 'it\'s "quoted"', list: [1, 'two', null], nested: { ok: true } }
      await database.db
        .insertInto('audit_log')
        .values({
          entity_type: 't',
          entity_id: '1',
          action: 'create',
          summary: 's',
          organisation_id: null,
          user_id: null,
          before: jsonb('just a string'),
          after: jsonb(value),
        })
        .execute()
      const row = await database.db
        .selectFrom('audit_log')
        .select(['before', 'after'])
        .where('entity_type', '=', 't')
        .executeTakeFirstOrThrow()
      assert.equal(row.before, 'just a string')
      assert.deepEqual(row.after, value)
    })

    // The timeout turns a write that wrongly waits for the held transaction (a deadlock) into a failure.
    it('rolls back a failed transaction without losing a write made alongside it', { timeout: 30_000 }, async () => {
      const slugs = async () =>
        (
          await database.db
            .selectFrom('organisation')
            .select('slug')
            .where('slug', 'like', 'tx-%')
            .orderBy('slug')
            .execute()
        ).map((r) => r.slug)
      let releaseTransaction!: () => void
      const held = new Promise<void>((resolve) => (releaseTransaction = resolve))
      let opened!: () => void
      const open = new Promise<void>((resolve) => (opened = resolve))
      const failing = database.db.transaction().execute(async (trx) => {
        await trx.insertInto('organisation').values({ slug: 'tx-rolled-back', name: 'R', kind: 'council' }).execute()
        opened()
        await held
        throw new Error('abort')
      })
      await Promise.race([open, failing]) // the transaction has written its row and is held open
      // Issued while the transaction is open: it must not run inside it.
      const alongside = database.db
        .insertInto('organisation')
        .values({ slug: 'tx-alongside', name: 'A', kind: 'council' })
        .execute()
      // Let the write go as far as it can while the transaction is open. On PostgreSQL it has a connection of its
      // own and finishes. On PGlite's single connection it must wait for the transaction: everything up to that wait
      // is promise callbacks (no I/O, no timers), so one turn of the event loop gets it there.
      if (database.kind === 'postgres') await alongside
      else await new Promise((resolve) => setImmediate(resolve))
      releaseTransaction()
      await assert.rejects(failing, /abort/)
      await alongside
      assert.deepEqual(await slugs(), ['tx-alongside'])
    })

    it('applies every migration and can run them again without error', async () => {
      await migrateToLatest(database.db, database.schema)
      const tables = await sql<{ table_name: string }>`
        select table_name from information_schema.tables where table_schema = current_schema() order by table_name`.execute(
        database.db,
      )
      for (const table of [
        'app_user',
        'audit_log',
        'membership',
        'milestone',
        'objective',
        'objective_update',
        'organisation',
        'plan',
        'plan_version',
        'session',
        'strand',
      ]) {
        assert.ok(
          tables.rows.some((r) => r.table_name === table),
          `missing table ${table}`,
        )
      }
    })
  })
}
