import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { recordAudit } from './audit-repository.js'

for (const kind of testDatabaseKinds()) {
  describe(`the audit trail is append-only on ${kind.name}`, () => {
    let database: DatabaseHandle

    before(async () => {
      database = await kind.open()
      await database.db
        .transaction()
        .execute((trx) =>
          recordAudit(
            trx,
            { userId: null, organisationId: null },
            { entityType: 'test', entityId: 1, action: 'create', summary: 'written once' },
          ),
        )
    })
    after(() => database.close())

    it('refuses UPDATE of an audit row', async () => {
      await assert.rejects(
        sql`update audit_log set summary = 'rewritten'`.execute(database.db),
        /audit_log is append-only: UPDATE is not allowed/,
      )
    })

    it('refuses DELETE of an audit row', async () => {
      await assert.rejects(sql`delete from audit_log`.execute(database.db), /audit_log is append-only: DELETE/)
    })

    it('still takes new rows and reads them, unchanged', async () => {
      await database.db
        .transaction()
        .execute((trx) =>
          recordAudit(
            trx,
            { userId: null, organisationId: null },
            { entityType: 'test', entityId: 2, action: 'create', summary: 'written twice' },
          ),
        )
      const rows = await database.db.selectFrom('audit_log').select('summary').orderBy('id').execute()
      assert.deepEqual(
        rows.map((r) => r.summary),
        ['written once', 'written twice'],
      )
    })
  })
}
