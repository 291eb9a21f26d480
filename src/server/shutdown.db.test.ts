// The app as started from the command line (src/server/index.ts) on its embedded database: each stopping signal,
// SIGHUP as much as SIGTERM, closes it cleanly (a checkpoint, the data-folder lock removed, exit code 0), so
// the next start is not refused. Runs the real start-up, without the demo, on a folder of its own.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { startApp, type Exit } from '../test-support/app-process.js'
import { embeddedAppEnv } from '../test-support/child-env.js'

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnaround-shutdown-'))
after(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Starts the app on `dataDir`, waits until it listens, sends `signal`; resolves to its exit and output. */
async function startAndStop(dataDir: string, signal: NodeJS.Signals): Promise<Exit & { output: string }> {
  const app = await startApp(embeddedAppEnv({ DATA_DIR: dataDir, PORT: '0', DEMO_DATA: 'false' }))
  const exit = await app.stop(signal)
  return { ...exit, output: app.output() }
}

describe('stopping the app', () => {
  for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
    it(`closes cleanly on ${signal}: exit 0, the lock removed, and it starts again`, async () => {
      const dataDir = path.join(dir, signal)
      const first = await startAndStop(dataDir, signal)
      assert.equal(first.code, 0, first.output)
      assert.match(first.output, new RegExp(`${signal}`), 'says why it stopped')
      assert.equal(fs.existsSync(`${dataDir}.lock`), false, 'no lock left behind')
      const again = await startAndStop(dataDir, 'SIGTERM')
      assert.equal(again.code, 0, again.output)
    })
  }
})
