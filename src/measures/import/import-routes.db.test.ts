// Upload -> preview -> confirm, over HTTP: errors named by row, nothing written until a clean file is confirmed.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import type { DatabaseHandle } from '../../db/connect.js'
import { testDatabaseKinds } from '../../test-support/databases.js'
import { buildTestApp, csrfFrom, signedIn, type Agent } from '../../test-support/http.js'
import { paths } from '../../web/paths.js'

const P = paths.council
const B = 'bradford'

for (const kind of testDatabaseKinds()) {
  describe(`importing data on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let board: Agent

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      board = await signedIn(app, 'board@bradford.example')
    })
    after(() => database.close())

    async function upload(agent: Agent, filename: string, content: Buffer | string, kind = 'values') {
      const page = await agent.get(P.importData(B))
      return agent
        .post(P.importData(B))
        .field('_csrf', csrfFrom(page.text))
        .field('kind', kind)
        .attach('file', Buffer.from(content), filename)
    }

    const valueCount = async () =>
      Number(
        (
          await database.db
            .selectFrom('measure_value')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const caseload = async (period: string) =>
      (
        await database.db
          .selectFrom('measure_value')
          .innerJoin('measure', 'measure.id', 'measure_value.measure_id')
          .select('measure_value.value')
          .where('measure.code', '=', 'VS-CASELOAD')
          .where('measure_value.period', '=', period)
          .executeTakeFirst()
      )?.value

    it('previews a file with deliberate errors, naming each bad row, and changes nothing', async () => {
      const before = await valueCount()
      const csv = [
        'measure_code,period,value,note',
        'VS-CASELOAD,2021-12,17.5,',
        'NO-SUCH-MEASURE,2021-12,1,',
        'VS-CASELOAD,2021-13,17,',
        'VS-CASELOAD,2022-01,lots,',
        'VS-CASELOAD,2021-12,17.6,',
        'VS-CASELOAD,2022-02,400,',
      ].join('\n')
      const res = await upload(team, 'errors.csv', csv)
      assert.equal(res.status, 302)
      const preview = await team.get(res.headers.location!)
      assert.equal(preview.status, 200)
      assert.match(preview.text, /5 problems found: nothing has been imported/)
      const problems = [
        ...preview.text.matchAll(
          /<tr class="govuk-table__row" data-qa="problem">\s*<td[^>]*>(\d+)<\/td>\s*<td[^>]*>([^<]+)<\/td>/g,
        ),
      ].map((m) => `${m[1]} ${m[2]}`)
      assert.deepEqual(problems, ['3 measure_code', '4 period', '5 value', '6 period', '7 value'])
      assert.match(preview.text, /There is no measure with the code &quot;NO-SUCH-MEASURE&quot;/)
      assert.match(preview.text, /A duplicate of row 2/)
      assert.doesNotMatch(preview.text, /data-qa="confirm-import"/)
      const batchId = Number(res.headers.location!.split('/').pop())
      const forced = await team
        .post(P.confirmImport(B, batchId))
        .type('form')
        .send({ _csrf: csrfFrom(preview.text) })
      assert.equal(forced.status, 302)
      assert.equal(await valueCount(), before, 'nothing written, even when confirm is forced')
    })

    it('imports a clean file atomically, then re-importing updates values and audits the change', async () => {
      const before = await valueCount()
      const first = await upload(
        team,
        'clean.csv',
        'measure_code,period,value,note\nVS-CASELOAD,2021-12,17.5,\nVS-OPEN-CASES,Dec 2021,6180,\n',
      )
      const preview = await team.get(first.headers.location!)
      assert.match(preview.text, /2 rows checked with no problems\.\s*2 new values, 0 changed, 0 already recorded/)
      assert.equal(await valueCount(), before, 'preview writes nothing')
      const confirm = await team
        .post(`${first.headers.location!}/confirm`)
        .type('form')
        .send({ _csrf: csrfFrom(preview.text) })
      assert.equal(confirm.status, 302)
      assert.equal(await valueCount(), before + 2)
      assert.equal(await caseload('2021-12-01'), 17.5)
      const again = await team
        .post(`${first.headers.location!}/confirm`)
        .type('form')
        .send({ _csrf: csrfFrom(preview.text) })
      assert.equal(again.status, 302)
      assert.equal(await valueCount(), before + 2, 'a second confirm of the same batch does nothing')

      const second = await upload(
        team,
        'again.csv',
        'measure_code,period,value,note\nVS-CASELOAD,2021-12,17.9,revised\nVS-OPEN-CASES,2021-12,6180,\n',
      )
      const preview2 = await team.get(second.headers.location!)
      assert.match(preview2.text, /0 new values, 1 changed, 1 already recorded/)
      await team
        .post(`${second.headers.location!}/confirm`)
        .type('form')
        .send({ _csrf: csrfFrom(preview2.text) })
      assert.equal(await valueCount(), before + 2, 'never duplicated')
      assert.equal(await caseload('2021-12-01'), 17.9)
      const audit = await database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', 'measure_value')
        .where('action', '=', 'update')
        .execute()
      assert.ok(
        audit.some(
          (a) =>
            (a.before as Record<string, string>)['2021-12-01'] === '17.5' &&
            (a.after as Record<string, string>)['2021-12-01'] === '17.9 (revised)' &&
            /Values of Average social worker caseload: 1 changed \(import of again\.csv\)/.test(a.summary),
        ),
      )
    })

    it('imports an XLSX file and benchmarks', async () => {
      const workbook = new ExcelJS.Workbook()
      const sheet = workbook.addWorksheet('Values')
      sheet.addRow(['Measure code', 'Period', 'Value', 'Note'])
      sheet.addRow(['VS-CASELOAD', new Date(Date.UTC(2022, 0, 31)), 18.1, 'from xlsx'])
      const xlsx = Buffer.from(await workbook.xlsx.writeBuffer())
      const res = await upload(team, 'values.xlsx', xlsx)
      const preview = await team.get(res.headers.location!)
      assert.match(preview.text, /1 rows checked with no problems/)
      await team
        .post(`${res.headers.location!}/confirm`)
        .type('form')
        .send({ _csrf: csrfFrom(preview.text) })
      assert.equal(await caseload('2022-01-01'), 18.1)

      const bench = await upload(
        team,
        'bench.csv',
        'measure_code,period,benchmark,value,source\nVS-CASELOAD,2021-09,Statistical neighbours,17.2,DfE\n',
        'benchmarks',
      )
      const benchPreview = await team.get(bench.headers.location!)
      assert.match(benchPreview.text, /1 benchmark values/)
      await team
        .post(`${bench.headers.location!}/confirm`)
        .type('form')
        .send({ _csrf: csrfFrom(benchPreview.text) })
      const saved = await database.db
        .selectFrom('measure_benchmark')
        .selectAll()
        .where('kind', '=', 'statistical-neighbours')
        .execute()
      assert.equal(saved.length, 1)
      assert.equal(saved[0]!.value, 17.2)
    })

    it('refuses the wrong type, an empty file, a file with no rows and a file that is too large, clearly', async () => {
      const wrong = await upload(team, 'notes.txt', 'hello')
      assert.equal(wrong.status, 400)
      assert.match(wrong.text, /The selected file must be a CSV or XLSX file/)
      const empty = await upload(team, 'empty.csv', '')
      assert.match(empty.text, /The selected file is empty/)
      const headerOnly = await upload(team, 'header.csv', 'measure_code,period,value\n')
      assert.match(headerOnly.text, /has a header row but no data rows/)
      const big = await upload(team, 'big.csv', Buffer.alloc(5 * 1024 * 1024 + 10, 'a'))
      assert.equal(big.status, 413)
      assert.match(big.text, /The selected file must be smaller than 5 MB/)
      const page = await team.get(P.importData(B))
      const none = await team.post(P.importData(B)).field('_csrf', csrfFrom(page.text)).field('kind', 'values')
      assert.equal(none.status, 400)
      assert.match(none.text, /Select a CSV or XLSX file to upload/)
    })

    it('refuses a spreadsheet that unzips to far more than it weighs, and a CSV too wide or with too long a cell, saying which limit', async () => {
      const workbook = new ExcelJS.Workbook()
      const sheet = workbook.addWorksheet('Values')
      sheet.addRow(['measure_code', 'period', 'value', 'note'])
      sheet.addRow(['VS-CASELOAD', '2021-12', 17.5, 'x'.repeat(10 * 1024 * 1024)])
      const bomb = Buffer.from(await workbook.xlsx.writeBuffer())
      assert.ok(bomb.length < 200 * 1024)
      const before = await database.db
        .selectFrom('import_batch')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      const refused = await upload(team, 'bomb.xlsx', bomb)
      assert.equal(refused.status, 400)
      assert.match(refused.text, /The selected spreadsheet expands [\d,]+ times when unzipped/)
      assert.match(refused.text, /the most we accept is 200 times/)
      const wide = await upload(
        team,
        'wide.csv',
        `${Array.from({ length: 50_000 }, (_, i) => `c${i}`).join(',')}\nVS-CASELOAD,2021-12,1\n`,
      )
      assert.equal(wide.status, 400)
      assert.match(wide.text, /The selected file has 50,000 columns; the most we can read is 200/)
      const long = await upload(
        team,
        'long.csv',
        `measure_code,period,value,note\nVS-CASELOAD,2021-12,1,${'n'.repeat(3000)}\n`,
      )
      assert.equal(long.status, 400)
      assert.match(long.text, /Row 2, column note has 3,000 characters; the most a cell can hold is 2,000/)
      const after = await database.db
        .selectFrom('import_batch')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
      assert.equal(Number(after.n), Number(before.n), 'no batch kept')
    })

    it('lists the first 50 problems of a file with many bad rows and counts the rest', async () => {
      const lines = ['measure_code,period,value,note']
      for (let i = 0; i < 1234; i++) lines.push(`NO-SUCH-${i},2021-12,1,`)
      const res = await upload(team, 'bad.csv', lines.join('\n'))
      assert.equal(res.status, 302)
      const preview = await team.get(res.headers.location!)
      assert.equal(preview.status, 200)
      assert.match(preview.text, /1,234 problems found: nothing has been imported/)
      assert.equal([...preview.text.matchAll(/data-qa="problem"/g)].length, 50)
      assert.match(preview.text, /data-qa="more-problems">And 1,184 more problems</)
      assert.match(preview.text, /NO-SUCH-49&quot;/)
      assert.doesNotMatch(preview.text, /NO-SUCH-50&quot;/)
    })

    it('records an upload and its discarding in the audit trail', async () => {
      const res = await upload(team, 'audited.csv', 'measure_code,period,value,note\nVS-CASELOAD,2021-12,17.5,\n')
      assert.equal(res.status, 302)
      const batchId = Number(res.headers.location!.split('/').pop())
      const preview = await team.get(res.headers.location!)
      const discard = await team
        .post(P.discardImport(B, batchId))
        .type('form')
        .send({ _csrf: csrfFrom(preview.text) })
      assert.equal(discard.status, 302)
      const audit = await database.db
        .selectFrom('audit_log')
        .select(['action', 'summary', 'user_id', 'organisation_id'])
        .where('entity_type', '=', 'import_batch')
        .where('entity_id', '=', String(batchId))
        .orderBy('id')
        .execute()
      assert.deepEqual(
        audit.map((a) => [a.action, a.summary]),
        [
          ['create', 'Uploaded audited.csv to check before importing (1 rows)'],
          ['update', 'Cancelled the import of audited.csv: nothing was changed'],
        ],
      )
      assert.ok(audit.every((a) => a.user_id !== null && a.organisation_id !== null))
    })

    it('refuses an upload without a valid CSRF token, and a role that may not edit', async () => {
      const forged = await team
        .post(P.importData(B))
        .field('_csrf', 'forged')
        .attach('file', Buffer.from('a,b\n1,2'), 'x.csv')
      assert.equal(forged.status, 403)
      assert.equal((await upload(board, 'x.csv', 'measure_code,period,value\nVS-CASELOAD,2021-12,1\n')).status, 403)
    })

    it('offers templates in CSV and XLSX', async () => {
      const csv = await team.get(P.importTemplate(B, 'values', 'csv'))
      assert.equal(csv.status, 200)
      assert.match(csv.text, /^measure_code,period,value,note\r\nVS-POSTS,2023-01,12\.5,Optional note/)
      const xlsx = await team
        .get(P.importTemplate(B, 'benchmarks', 'xlsx'))
        .buffer(true)
        .parse((res, cb) => {
          const chunks: Buffer[] = []
          res.on('data', (c: Buffer) => chunks.push(c))
          res.on('end', () => cb(null, Buffer.concat(chunks)))
        })
      assert.equal(xlsx.status, 200)
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(xlsx.body as ArrayBuffer)
      assert.deepEqual((book.worksheets[0]!.getRow(1).values as unknown[]).slice(1), [
        'measure_code',
        'period',
        'benchmark',
        'value',
        'source',
      ])
    })
  })
}
