// Runs the test suite with Node's test runner, in lanes chosen by file name:
//   unit     src/**/*.test.ts but not *.db.test.ts: pure tests; opening a database fails (TEST_LANE=unit)
//   db       src/**/*.db.test.ts: repository and HTTP tests, on PGlite, and on PostgreSQL too with TEST_DATABASE_URL
//   browser  test/e2e/**/*.test.ts: Debian's Chromium driving the whole app, on the same databases
// `--unit`, `--db` and `--browser` choose lanes (any combination); none runs all three in that order, stopping at
// the first lane that fails (`--keep-going` runs the rest anyway).
// Before the db and browser lanes, the seeded database templates (src/test-support/templates.ts) are built when
// missing, while the unit lane runs. With --coverage (or TEST_COVERAGE=1), the unit and db lanes collect V8 coverage and a
// summary is printed at the end; no threshold is enforced.
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const LANES = ['unit', 'db', 'browser']
for (const arg of args) {
  if (!['--coverage', '--keep-going'].includes(arg) && !LANES.includes(arg.replace(/^--/, ''))) {
    console.error(`Unknown option ${arg}: use --unit, --db, --browser (default: all three), --coverage, --keep-going`)
    process.exit(2)
  }
}
const chosen = LANES.filter((lane) => args.includes(`--${lane}`))
const lanes = chosen.length ? chosen : LANES
const keepGoing = args.includes('--keep-going')
// Coverage slows the lanes down; CI keeps to the 20-minute budget without it (ADR 0010).
const coverage = args.includes('--coverage') || process.env.TEST_COVERAGE === '1'
const databases = process.env.TEST_DATABASE_URL ? 'PGlite and PostgreSQL' : 'PGlite'

function find(dir, keep) {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return find(full, keep)
    return keep(entry.name) ? [path.relative(root, full)] : []
  })
}

const isDb = (name) => name.endsWith('.db.test.ts')
const files = {
  unit: find(path.join(root, 'src'), (name) => name.endsWith('.test.ts') && !isDb(name)),
  db: find(path.join(root, 'src'), isDb),
  browser: find(path.join(root, 'test/e2e'), (name) => name.endsWith('.test.ts')),
}
// Longest first (by size, a fair guess at running time), so that the lane does not end waiting on one big file.
const size = (file) => fs.statSync(path.join(root, file)).size
for (const lane of ['db', 'browser']) files[lane].sort((a, b) => size(b) - size(a))
// Test files run side by side. Tuned on the 2-core CI machine: db tests wait on PostgreSQL often enough that a third
// file helps; browser jobs already keep both cores busy (Chromium has processes of its own). The browser lane runs
// each file once per database kind, as separate jobs.
const concurrency = { unit: 2, db: 3, browser: 2 }
const kinds = process.env.TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite']

if (lanes.includes('browser')) {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!fs.existsSync(chromium)) {
    console.error(
      `\nBrowser tests need Debian's Chromium at ${chromium}, and it is not there.\n` +
        `Install it with: sudo apt-get install -y chromium\n` +
        `(or set CHROMIUM_PATH). The browser tests are never skipped: the test run fails instead.`,
    )
    process.exit(1)
  }
}

const coverageDir = coverage ? fs.mkdtempSync(path.join(os.tmpdir(), 'turnaround-coverage-')) : undefined
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`

/** Runs node with the given arguments; resolves to its exit code. `capture` buffers the output instead of showing it. */
function node(nodeArgs, env, capture = false) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: root,
      stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, NODE_ENV: 'test', ...env },
    })
    let output = ''
    if (capture) {
      child.stdout.on('data', (chunk) => (output += chunk))
      child.stderr.on('data', (chunk) => (output += chunk))
    }
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }))
  })
}

/** Builds the database templates when missing (and removes old ones); resolves to the templates' key. */
async function prepareDatabases() {
  const started = performance.now()
  const { code, output } = await node(['--import', 'tsx', 'src/test-support/prepare-templates.ts'], {}, true)
  return { code, output, key: /templates ([0-9a-f]+) ready/.exec(output)?.[1], ms: performance.now() - started }
}

const results = []
async function runLane(lane, env) {
  if (files[lane].length === 0) {
    console.error(`No ${lane} test files found`)
    process.exit(1)
  }
  console.log(`\n# ${lane} lane: ${files[lane].length} files${lane === 'unit' ? '' : ` (${databases})`}`)
  const started = performance.now()
  const laneEnv = {
    TEST_LANE: lane,
    ...(coverageDir && lane !== 'browser' ? { NODE_V8_COVERAGE: coverageDir } : {}),
    ...env,
  }
  const ok = lane === 'browser' ? await runJobs(laneEnv) : await runFiles(files[lane], concurrency[lane], laneEnv)
  const ms = performance.now() - started
  results.push({ lane, files: files[lane].length, ms, ok })
  console.log(`# ${lane} lane: ${files[lane].length} files in ${seconds(ms)}${ok ? '' : ' (FAILED)'}`)
  return ok
}

const testArgs = (testFiles, filesAtOnce) => [
  '--import',
  'tsx',
  '--test',
  `--test-concurrency=${filesAtOnce}`,
  '--test-reporter=spec',
  ...testFiles,
]

/** One test runner over the files, its report shown as it goes. */
async function runFiles(testFiles, filesAtOnce, env) {
  return (await node(testArgs(testFiles, filesAtOnce), env)).code === 0
}

/**
 * The browser lane's jobs: a file and the database kind it runs on (TEST_DATABASE_KINDS). The accessibility walk
 * runs on every kind (it shares its pages between them itself). Each journey runs on one kind, alternating in
 * the order of their names, so both kinds drive whole journeys while each journey runs once: the db lane runs
 * every route on both kinds already, and a journey's clicks do not depend on the database (ADR 0010, "Later").
 * TEST_BROWSER_EVERY_KIND=1 runs every journey on every kind.
 */
function browserJobs(browserFiles, databaseKinds, everyKind = false) {
  const journeys = [...browserFiles].filter((f) => !f.endsWith('accessibility.test.ts')).sort()
  return browserFiles.flatMap((file) => {
    const index = journeys.indexOf(file)
    if (index === -1 || everyKind) return databaseKinds.map((kind) => ({ file, kind }))
    return [{ file, kind: databaseKinds[index % databaseKinds.length] }]
  })
}

/** The browser jobs side by side, so the two kinds of a long file run in parallel. A job's report is shown whole when it ends. */
async function runJobs(env) {
  const jobs = browserJobs(files.browser, kinds, process.env.TEST_BROWSER_EVERY_KIND === '1')
  const totals = { tests: 0, pass: 0, fail: 0 }
  let ok = true
  let next = 0
  const worker = async () => {
    while (next < jobs.length) {
      const { file, kind } = jobs[next++]
      console.log(`# started ${file} on ${kind}`)
      const started = performance.now()
      const { code, output } = await node(testArgs([file], 1), { ...env, TEST_DATABASE_KINDS: kind }, true)
      for (const key of Object.keys(totals))
        totals[key] += Number(new RegExp(`^ℹ ${key} (\\d+)`, 'm').exec(output)?.[1] ?? 0)
      ok &&= code === 0
      console.log(
        `\n# ${file} on ${kind}: ${code === 0 ? 'passed' : 'FAILED'} in ${seconds(performance.now() - started)}\n${output.trimEnd()}\n`,
      )
    }
  }
  await Promise.all(Array.from({ length: concurrency.browser }, worker))
  console.log(`# browser lane: ${totals.tests} tests, ${totals.pass} passed, ${totals.fail} failed`)
  return ok
}

function summary() {
  console.log('\n# lanes')
  for (const r of results) {
    const count = r.lane === 'setup' ? 'templates' : `${r.files} files`
    console.log(
      `#   ${r.lane.padEnd(8)} ${count.padStart(9)} ${seconds(r.ms).padStart(8)}  ${r.ok ? 'passed' : 'FAILED'}`,
    )
  }
}

async function printCoverage() {
  const measured = results.filter((r) => r.lane === 'unit' || r.lane === 'db').map((r) => r.lane)
  if (!coverageDir || measured.length === 0) return
  const reportDir = path.join(coverageDir, 'report')
  const { code, output } = await node(
    [
      path.join(root, 'node_modules/c8/bin/c8.js'),
      'report',
      `--temp-directory=${coverageDir}`,
      `--report-dir=${reportDir}`,
      '--reporter=text-summary',
      '--reporter=json-summary',
      '--include=src/**',
      '--exclude=**/*.test.ts',
      '--exclude=src/test-support/**',
    ],
    {},
    true,
  )
  if (code !== 0) {
    console.log(`\n# coverage could not be reported:\n${output}`)
    return
  }
  console.log(
    `\n# coverage of src/ by the ${measured.join(' and ')} lane${measured.length === 1 ? '' : 's'}${output.trimEnd()}`,
  )
  const totals = JSON.parse(fs.readFileSync(path.join(reportDir, 'coverage-summary.json'), 'utf8'))
  const folders = new Map()
  for (const [file, counts] of Object.entries(totals)) {
    if (file === 'total') continue
    const folder = path.relative(root, file).split(path.sep).slice(0, 2).join('/')
    const sum = folders.get(folder) ?? { lines: [0, 0], branches: [0, 0], functions: [0, 0] }
    for (const kind of Object.keys(sum)) {
      sum[kind][0] += counts[kind].covered
      sum[kind][1] += counts[kind].total
    }
    folders.set(folder, sum)
  }
  const percent = ([covered, total]) => (total ? `${((100 * covered) / total).toFixed(1)}%` : '-').padStart(8)
  console.log(`\n${'folder'.padEnd(18)}${'lines'.padStart(8)}${'branches'.padStart(10)}${'functions'.padStart(11)}`)
  for (const [folder, sum] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
    console.log(
      `${folder.padEnd(18)}${percent(sum.lines)}${percent(sum.branches).padStart(10)}${percent(sum.functions).padStart(11)}`,
    )
  }
}

async function main() {
  const needsDatabases = lanes.includes('db') || lanes.includes('browser')
  // The templates are built while the unit lane runs: it needs no database.
  const preparing = needsDatabases ? prepareDatabases() : undefined
  let ok = true
  if (lanes.includes('unit')) ok = await runLane('unit', {})
  if (preparing) {
    const prepared = await preparing
    console.log(`\n${prepared.output.trimEnd()}`)
    if (prepared.code !== 0 || !prepared.key) {
      console.error('Could not prepare the test databases (see above)')
      ok = false
    } else {
      results.push({ lane: 'setup', files: 0, ms: prepared.ms, ok: true })
      for (const lane of ['db', 'browser']) {
        if ((ok || keepGoing) && lanes.includes(lane))
          ok = (await runLane(lane, { TEST_TEMPLATE_KEY: prepared.key })) && ok
      }
    }
  }
  summary()
  if (ok) await printCoverage()
  if (coverageDir) fs.rmSync(coverageDir, { recursive: true, force: true })
  process.exit(ok ? 0 : 1)
}

await main()
