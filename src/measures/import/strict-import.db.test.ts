// Bad input over HTTP: numbers that only look like numbers, dates that do not exist, quarters out of
// range and text that is not UTF-8 are each refused with the row and the reason, and nothing is stored.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../../db/connect.js'
import { testDatabaseKinds } from '../../test-support/databases.js'
import { buildTestApp, csrfFrom, postForm, signedIn, type Agent } from '../../test-support/http.js'
import { paths } from '../../web/paths.js'

const P = paths.council
const B = 'bradford'

for (const kind of testDatabaseKinds()) {
  describe(`strict reading of numbers, dates and periods on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent

    before(async () => {
      database = await kind.openDemo()
      team = await signedIn(buildTestApp(database.db), 'improvement@bradford.example')
      // A quarterly measure, for quarters written as 2022/23 Q1.
      const res = await postForm(team, P.newMeasure(B), P.newMeasure(B), {
        name: 'Re-referrals within 12 months',
        code: 'Q-REREF',
        unit: 'percent',
        polarity: 'lower',
        frequency: 'quarterly',
        decimals: '1',
      })
      assert.equal(res.status, 302)
    })
    after(() => database.close())

    const valueCount = async () =>
      Number(
        (
          await database.db
            .selectFrom('measure_value')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )

    async function upload(filename: string, content: Buffer | string) {
      const page = await team.get(P.importData(B))
      const res = await team
        .post(P.importData(B))
        .field('_csrf', csrfFrom(page.text))
        .field('kind', 'values')
        .attach('file', Buffer.from(content), filename)
      return res
    }

    it('names each row whose number, date or quarter is not what it seems, and imports nothing', async () => {
      const before = await valueCount()
      const csv = [
        'measure_code,period,value',
        'VS-CASELOAD,2021-12,"1,2,3"',
        'VS-CASELOAD,2022-01,1e-400',
        'VS-CASELOAD,31/02/2022,17',
        'Q-REREF,0010/11 Q1,20',
        'Q-REREF,9999/00 Q1,20',
        'VS-CASELOAD,2022-03,NaN',
        'VS-CASELOAD,2022-04,Infinity',
        'Q-REREF,2022/23 Q1,21.5',
      ].join('\n')
      const res = await upload('bad.csv', csv)
      assert.equal(res.status, 302)
      const preview = await team.get(res.headers.location!)
      assert.match(preview.text, /7 problems found: nothing has been imported/)
      const problems = [
        ...preview.text.matchAll(
          /<tr class="govuk-table__row" data-qa="problem">\s*<td[^>]*>(\d+)<\/td>\s*<td[^>]*>([^<]+)<\/td>\s*<td[^>]*>([^<]+)<\/td>/g,
        ),
      ].map((m) => `${m[1]} ${m[2]}: ${m[3]!.trim()}`)
      assert.deepEqual(problems, [
        '2 value: &quot;1,2,3&quot; is not a number: commas may only separate thousands, like 1,234',
        '3 value: &quot;1e-400&quot; is in exponent notation: write the number in full, like 0.0004',
        '4 period: &quot;31/02/2022&quot; is not a real date',
        '5 period: &quot;0010/11 Q1&quot; is out of range: years from 1990 to 2099',
        '6 period: &quot;9999/00 Q1&quot; is out of range: years from 1990 to 2099',
        '7 value: &quot;NaN&quot; is not a number',
        '8 value: &quot;Infinity&quot; is not a number',
      ])
      const batchId = Number(res.headers.location!.split('/').pop())
      const forced = await team
        .post(P.confirmImport(B, batchId))
        .type('form')
        .send({ _csrf: csrfFrom(preview.text) })
      assert.equal(forced.status, 302)
      assert.equal(await valueCount(), before, 'nothing stored, even when confirm is forced')
    })

    it('refuses a file that is not UTF-8, naming the row, and keeps nothing', async () => {
      const batches = async () =>
        Number(
          (
            await database.db
              .selectFrom('import_batch')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        )
      const before = await batches()
      const file = Buffer.concat([
        Buffer.from('measure_code,period,value,note\nVS-CASELOAD,2021-12,17,caf'),
        Buffer.from([0xe9]),
        Buffer.from('\n'),
      ])
      const res = await upload('latin1.csv', file)
      assert.equal(res.status, 400)
      assert.match(res.text, /Row 2 has characters that are not UTF-8 text/)
      assert.equal(await batches(), before)
    })

    it('refuses a value typed in the form that is not a number, keeping what was typed', async () => {
      const measure = await database.db
        .selectFrom('measure')
        .select('id')
        .where('code', '=', 'VS-CASELOAD')
        .executeTakeFirstOrThrow()
      const before = await valueCount()
      const res = await postForm(team, P.measure(B, measure.id), P.measureValues(B, measure.id), {
        period: '2022-05',
        value: '1,2,3',
        note: '',
      })
      assert.equal(res.status, 400)
      assert.match(res.text, /The value must be a number, like 12\.5: &quot;1,2,3&quot; is not a number/)
      assert.match(res.text, /value="1,2,3"/)
      assert.equal(await valueCount(), before)
    })
  })
}
