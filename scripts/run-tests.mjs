// Runs the test suite with Node's test runner: unit and HTTP tests (src/**/*.test.ts), then browser tests
// (test/e2e/**/*.test.ts). `--unit` or `--e2e` runs one part only.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const only = process.argv[2]

function find(dir) {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) return find(full)
    return entry.name.endsWith('.test.ts') ? [path.relative(root, full)] : []
  })
}

function run(label, files, concurrency) {
  if (files.length === 0) {
    console.error(`No ${label} test files found`)
    process.exit(1)
  }
  console.log(
    `\n# ${label} tests: ${files.length} files${process.env.TEST_DATABASE_URL ? ' (PGlite and PostgreSQL)' : ' (PGlite)'}`,
  )
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files],
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'test' } },
  )
  if (result.status !== 0) process.exit(result.status ?? 1)
}

if (only !== '--e2e') run('unit and HTTP', find(path.join(root, 'src')), 2)
if (only !== '--unit') {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
  if (!fs.existsSync(chromium)) {
    console.error(
      `\nBrowser tests need Debian's Chromium at ${chromium}, and it is not there.\n` +
        `Install it with: sudo apt-get install -y chromium\n` +
        `(or set CHROMIUM_PATH). The browser tests are never skipped: the test run fails instead.`,
    )
    process.exit(1)
  }
  run('browser', find(path.join(root, 'test/e2e')), 1)
}
