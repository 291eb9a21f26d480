// The app as started from the command line (src/server/index.ts) on its embedded database: each stopping signal,
// SIGHUP as much as SIGTERM, closes it cleanly (a checkpoint, the data-folder lock removed, exit code 0), so
// the next start is not refused. Runs the real start-up, without the demo, on a folder of its own.
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, describe, it } from 'node:test'
import { embeddedAppEnv } from '../test-support/child-env.js'

const root = path.resolve(import.meta.dirname, '../..')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnaround-shutdown-'))
after(() => fs.rmSync(dir, { recursive: true, force: true }))

/** Starts the app on `dataDir`, waits until it listens, sends `signal`; resolves to its exit code and output. */
function startAndStop(dataDir: string, signal: NodeJS.Signals): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/index.ts'], {
      cwd: root,
      env: embeddedAppEnv({ DATA_DIR: dataDir, PORT: '0', DEMO_DATA: 'false' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`the app did not start and stop in time:\n${output}`))
    }, 90_000)
    const read = (chunk: Buffer) => {
      output += chunk.toString()
      if (output.includes('Turnaround is running at') && !output.includes('[signalled]')) {
        output += '[signalled]'
        child.kill(signal)
      }
    }
    child.stdout.on('data', read)
    child.stderr.on('data', read)
    child.on('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output })
    })
  })
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
