// npm run bench:measures — import 100,000 values from a CSV file, then compute SPC for 80 measures x 60 months.
// The import runs on PGlite and, when BENCH_DATABASE_URL is set, on that PostgreSQL server too, in a schema of its
// own that is dropped at the end (the tests share that database).
// Prints one line per figure: `<figure>: <value> <unit> (<data size>)`.
import { performance } from 'node:perf_hooks'
import { sql } from 'kysely'
import { openDatabase, type DatabaseHandle } from '../src/db/connect.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { readTable } from '../src/shared/read-table.js'
import { validateValueImport, type ImportMeasure } from '../src/measures/import/validate-import.js'
import { applyValueChanges, planValueChanges } from '../src/measures/value-repository.js'
import { analyseSpc } from '../src/measures/spc.js'
import { nextPeriod } from '../src/shared/calendar.js'

const MEASURES = 100
const MONTHS = 1000 // 100 x 1000 = 100,000 values
const SPC_MEASURES = 80
const SPC_MONTHS = 60

// A realistic CSV: one row per measure and month, with a little noise.
const lines = ['measure_code,period,value,note']
for (let i = 0; i < MEASURES; i++) {
  let period = '1991-01-01'
  for (let j = 0; j < MONTHS; j++) {
    lines.push(`M${i},${period.slice(0, 7)},${(100 + ((i * 7 + j * 13) % 37) / 3).toFixed(2)},`)
    period = nextPeriod(period, 'monthly')
  }
}
const csv = Buffer.from(lines.join('\n'))
const size = (kind: string) =>
  `${(MEASURES * MONTHS).toLocaleString('en-GB')} values, ${(csv.length / 1024 / 1024).toFixed(1)} MB CSV, ${kind}`

/** Imports the CSV into an empty, migrated database: milliseconds to read and check it, and in all. */
async function timeImport(database: DatabaseHandle): Promise<{ checked: number; total: number }> {
  const org = await database.db
    .insertInto('organisation')
    .values({ slug: 'bench', name: 'Bench', kind: 'council' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const user = await database.db
    .insertInto('app_user')
    .values({ email: 'bench@example.org', display_name: 'Bench', password_hash: 'x' })
    .returning('id')
    .executeTakeFirstOrThrow()
  const measures: ImportMeasure[] = []
  for (let i = 0; i < MEASURES; i++) {
    const m = await database.db
      .insertInto('measure')
      .values({
        organisation_id: org.id,
        code: `M${i}`,
        name: `Measure ${i}`,
        unit: 'count',
        polarity: 'lower',
        frequency: 'monthly',
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    measures.push({ ...m, formula: null })
  }

  const started = performance.now()
  const table = await readTable(csv, 'bench.csv')
  const { rows, problems } = validateValueImport(table, new Map(measures.map((m) => [m.code.toLowerCase(), m])))
  if (problems.length) throw new Error(`unexpected problems: ${JSON.stringify(problems.slice(0, 3))}`)
  const checked = performance.now()
  await database.db.transaction().execute(async (trx) => {
    const changes = await planValueChanges(trx, rows)
    await applyValueChanges(trx, { userId: user.id, organisationId: org.id }, changes, (id) => `measure ${id}`, 'bench')
  })
  const imported = performance.now()

  const stored = await database.db
    .selectFrom('measure_value')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  if (Number(stored.n) !== MEASURES * MONTHS) throw new Error(`stored ${stored.n} values`)
  const audited = await database.db
    .selectFrom('audit_log')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('entity_type', '=', 'measure_value')
    .executeTakeFirstOrThrow()
  if (Number(audited.n) !== MEASURES) throw new Error(`${audited.n} audit entries for ${MEASURES} measures`)
  return { checked: checked - started, total: imported - started }
}

const pglite = await openDatabase({})
await migrateToLatest(pglite.db)
const onPglite = await timeImport(pglite)
await pglite.close()

let onPostgres: { checked: number; total: number } | undefined
if (process.env.BENCH_DATABASE_URL) {
  const schema = `bench_measures_${process.pid}`
  const postgres = await openDatabase({ databaseUrl: process.env.BENCH_DATABASE_URL, searchPath: schema })
  try {
    await sql`create schema ${sql.id(schema)}`.execute(postgres.db)
    await migrateToLatest(postgres.db, schema)
    onPostgres = await timeImport(postgres)
  } finally {
    await sql`drop schema if exists ${sql.id(schema)} cascade`.execute(postgres.db)
    await postgres.close()
  }
}

// SPC: 80 measures x 60 months, timed over repeated runs (median).
const series = Array.from({ length: SPC_MEASURES }, (_, i) => {
  let period = '2018-01-01'
  return Array.from({ length: SPC_MONTHS }, (_, j) => {
    const point = { period, value: 20 + ((i * 3 + j * 11) % 17) / 2 + (j > 40 ? 4 : 0) }
    period = nextPeriod(period, 'monthly')
    return point
  })
})
const timings: number[] = []
let signals = 0
for (let run = 0; run < 21; run++) {
  const t0 = performance.now()
  for (const s of series)
    signals += analyseSpc(s, { polarity: 'lower', target: 22 }).points.filter((p) => p.signals.length).length
  timings.push(performance.now() - t0)
}
timings.sort((a, b) => a - b)

console.log(`signal points found per run: ${signals / 21}`)
console.log(`import check (read + validate): ${Math.round(onPglite.checked)} ms (${size('pglite')})`)
console.log(`import total (read + validate + write + audit): ${Math.round(onPglite.total)} ms (${size('pglite')})`)
if (onPostgres) {
  console.log(
    `import total on PostgreSQL (read + validate + write + audit): ${Math.round(onPostgres.total)} ms (${size('postgres')})`,
  )
}
console.log(
  `spc all measures (median of 21 runs): ${timings[10]!.toFixed(1)} ms (${SPC_MEASURES} measures x ${SPC_MONTHS} months)`,
)
