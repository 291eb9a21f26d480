// npm run bench:benchmarks: time to load every national data file shipped in national-data/ into a fresh
// embedded database (what the first start does), and to render the benchmarks page for the demo council.
// Prints one line per figure: `<figure>: <value> <unit> (<data size>)`.
import fs from 'node:fs'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../src/db/connect.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { seedDemo } from '../src/demo/seed-demo.js'
import { ALL_DATASETS } from '../src/national/datasets.js'
import { SHIPPED_DATA_DIR, loadShippedData } from '../src/national/load-national.js'
import { buildTestApp, signedIn } from '../src/test-support/http.js'
import { paths } from '../src/web/paths.js'

const RENDERS = 20

const database = await openDatabase({})
await migrateToLatest(database.db)
await seedDemo(database.db)

const bytes = ALL_DATASETS.reduce((sum, d) => sum + fs.statSync(path.join(SHIPPED_DATA_DIR, d.file)).size, 0)
const started = performance.now()
const summaries = await loadShippedData(database.db)
const loadMs = performance.now() - started
const rows = summaries.reduce((sum, s) => sum + s.rowsRead, 0)
const figures = summaries.reduce((sum, s) => sum + s.added, 0)

const app = buildTestApp(database.db)
const agent = await signedIn(app, 'board@bradford.example')
const url = paths.council.benchmarks('bradford')
await agent.get(url).expect(200) // warm up templates and queries
const times: number[] = []
let size = 0
for (let i = 0; i < RENDERS; i++) {
  const t = performance.now()
  const res = await agent.get(url).expect(200)
  times.push(performance.now() - t)
  size = res.text.length
}
times.sort((a, b) => a - b)
const median = times[Math.floor(times.length / 2)]!
const indicatorCount = (size && (await agent.get(url)).text.match(/data-qa="indicator-/g)?.length) ?? 0

await database.close()
console.log(
  `load shipped national data: ${Math.round(loadMs)} ms (${ALL_DATASETS.length} files, ${(bytes / 1024 / 1024).toFixed(1)} MB, ${rows} rows, ${figures} figures and inspections)`,
)
console.log(
  `render benchmarks page (median of ${RENDERS}): ${median.toFixed(1)} ms (${indicatorCount} indicators with charts, ${Math.round(size / 1024)} KB HTML)`,
)
