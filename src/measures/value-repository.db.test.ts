// Writing measure values in bulk: new values are added, changed ones replaced, unchanged ones left alone, each
// measure's audit entry holds every changed period before and after, and an import is all rows or none.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { applyValueChanges, planValueChanges, ROWS_PER_STATEMENT, type ValueRow } from './value-repository.js'

/** Notes that an array literal or a careless quoting would mangle. */
const AWKWARD_NOTES = ['a "quoted", {braced} note', 'back\\slash', 'NULL', '', ' spaced ', 'émigré – “curly” 🙂']

for (const kind of testDatabaseKinds()) {
  describe(`writing measure values on ${kind.name}`, () => {
    let database: DatabaseHandle
    let actor: { userId: number; organisationId: number }
    const measureIds: number[] = []

    before(async () => {
      database = await kind.open()
      const db = database.db
      const org = await db
        .insertInto('organisation')
        .values({ slug: 'values-test', name: 'Values test', kind: 'council' })
        .returning('id')
        .executeTakeFirstOrThrow()
      const user = await db
        .insertInto('app_user')
        .values({ email: 'values@example.org', display_name: 'Values', password_hash: 'x' })
        .returning('id')
        .executeTakeFirstOrThrow()
      actor = { userId: user.id, organisationId: org.id }
      for (const code of ['A', 'B', 'C', 'BIG']) {
        const m = await db
          .insertInto('measure')
          .values({
            organisation_id: org.id,
            code,
            name: `Measure ${code}`,
            unit: 'money',
            polarity: 'lower',
            frequency: 'monthly',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        measureIds.push(m.id)
      }
    })
    after(() => database.close())

    const stored = async (measureId: number) =>
      database.db
        .selectFrom('measure_value')
        .select(['period', 'value', 'note', 'updated_at'])
        .where('measure_id', '=', measureId)
        .orderBy('period')
        .execute()

    const auditFor = (measureId: number, since: number) =>
      database.db
        .selectFrom('audit_log')
        .select(['action', 'summary', 'before', 'after'])
        .where('entity_type', '=', 'measure_value')
        .where('entity_id', '=', String(measureId))
        .where('id', '>', since)
        .execute()

    const lastAuditId = async () =>
      Number(
        (
          await database.db
            .selectFrom('audit_log')
            .select((eb) => eb.fn.max('id').as('id'))
            .executeTakeFirstOrThrow()
        ).id ?? 0,
      )

    const importRows = (rows: ValueRow[]) =>
      database.db.transaction().execute(async (trx) => {
        const changes = await planValueChanges(trx, rows)
        const result = await applyValueChanges(trx, actor, changes, (id) => `measure ${id}`, 'test import')
        return { changes, result }
      })

    it('adds new values exactly as given, notes and all, with one audit entry per measure', async () => {
      const [a, b] = measureIds as [number, number]
      const since = await lastAuditId()
      const rows: ValueRow[] = AWKWARD_NOTES.map((note, i) => ({
        measureId: a,
        period: `2020-${String(i + 1).padStart(2, '0')}-01`,
        value: [0.1 + 0.2, -3.5, 123456789.123456, 1e-7, 0, 42][i]!,
        note,
      }))
      rows.push({ measureId: b, period: '2020-01-01', value: 7, note: '' })
      const { changes, result } = await importRows(rows)
      assert.deepEqual(
        changes.map((c) => c.kind),
        rows.map(() => 'new'),
      )
      assert.deepEqual(result, { created: 7, updated: 0 })
      assert.deepEqual(
        (await stored(a)).map((r) => [r.period, r.value, r.note]),
        rows.slice(0, 6).map((r) => [r.period, r.value, r.note]),
      )
      const audit = await auditFor(a, since)
      assert.equal(audit.length, 1, 'one entry for the measure, not one per value')
      assert.equal(audit[0]!.action, 'create')
      assert.equal(audit[0]!.summary, `Values of measure ${a}: 6 added (test import)`)
      assert.deepEqual(audit[0]!.before, {})
      assert.deepEqual(
        audit[0]!.after,
        Object.fromEntries(
          rows.slice(0, 6).map((r) => [r.period, r.note ? `${r.value} (${r.note})` : String(r.value)]),
        ),
      )
      assert.equal((await auditFor(b, since)).length, 1)
      const again = await planValueChanges(database.db, rows)
      assert.deepEqual(
        again.map((c) => c.kind),
        rows.map(() => 'unchanged'),
        'values and notes read back exactly, so the same file again changes nothing',
      )
    })

    it('replaces changed values, audits them before and after, and leaves unchanged ones unwritten', async () => {
      const [, b, c] = measureIds as [number, number, number]
      await importRows([
        { measureId: c, period: '2021-01-01', value: 10, note: '' },
        { measureId: c, period: '2021-02-01', value: 11, note: 'kept' },
        { measureId: c, period: '2021-03-01', value: 12, note: '' },
        { measureId: c, period: '2021-04-01', value: 13, note: 'not in the second file' },
      ])
      // An old timestamp on every row shows which rows the second import writes.
      await sql`update measure_value set updated_at = '2000-01-01T00:00:00Z' where measure_id = ${c}`.execute(
        database.db,
      )
      const since = await lastAuditId()
      const { changes, result } = await importRows([
        { measureId: c, period: '2021-01-01', value: 10.5, note: '' },
        { measureId: c, period: '2021-02-01', value: 11, note: 'kept' },
        { measureId: c, period: '2021-03-01', value: 12, note: 'now with a note' },
        { measureId: c, period: '2021-05-01', value: 14, note: '' },
        { measureId: b, period: '2020-01-01', value: 7, note: '' },
      ])
      assert.deepEqual(
        changes.map((ch) => ch.kind),
        ['changed', 'unchanged', 'changed', 'new', 'unchanged'],
      )
      assert.deepEqual(changes[0]!.previous, { value: 10, note: '' })
      assert.deepEqual(result, { created: 1, updated: 2 })

      const rows = await stored(c)
      assert.deepEqual(
        rows.map((r) => [r.period, r.value, r.note]),
        [
          ['2021-01-01', 10.5, ''],
          ['2021-02-01', 11, 'kept'],
          ['2021-03-01', 12, 'now with a note'],
          ['2021-04-01', 13, 'not in the second file'],
          ['2021-05-01', 14, ''],
        ],
      )
      const untouched = (r: (typeof rows)[number]) => new Date(r.updated_at).getUTCFullYear() === 2000
      assert.deepEqual(
        rows.map(untouched),
        [false, true, false, true, false],
        'only the changed and new rows are written',
      )

      const audit = await auditFor(c, since)
      assert.equal(audit.length, 1)
      assert.equal(audit[0]!.action, 'update')
      assert.equal(audit[0]!.summary, `Values of measure ${c}: 1 added, 2 changed (test import)`)
      assert.deepEqual(audit[0]!.before, { '2021-01-01': '10', '2021-03-01': '12' })
      assert.deepEqual(audit[0]!.after, {
        '2021-01-01': '10.5',
        '2021-03-01': '12 (now with a note)',
        '2021-05-01': '14',
      })
      assert.equal((await auditFor(b, since)).length, 0, 'a measure with nothing changed has no entry')
    })

    it(`writes more than ${ROWS_PER_STATEMENT.toLocaleString('en-GB')} rows, and all or none of them`, async () => {
      const big = measureIds[3]!
      const rows: ValueRow[] = Array.from({ length: ROWS_PER_STATEMENT + 5 }, (_, i) => ({
        measureId: big,
        period: `${1000 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`,
        value: i,
        note: '',
      }))
      // The last row names a measure that does not exist: the statement that writes it fails after the first has
      // written its rows, and the transaction takes those back too.
      const failing = [...rows.slice(0, -1), { measureId: 999_999, period: '2020-01-01', value: 1, note: '' }]
      const since = await lastAuditId()
      await assert.rejects(importRows(failing))
      assert.equal((await stored(big)).length, 0, 'nothing written')
      assert.equal(await lastAuditId(), since, 'nothing audited')

      const { result } = await importRows(rows)
      assert.deepEqual(result, { created: rows.length, updated: 0 })
      const written = await stored(big)
      assert.equal(written.length, rows.length)
      assert.deepEqual(written.at(-1)!.value, rows.at(-1)!.value)
      const audit = await auditFor(big, since)
      assert.equal(audit.length, 1)
      assert.equal(Object.keys(audit[0]!.after as object).length, rows.length)
    })
  })
}
