import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { startBackgroundJobs } from './background-jobs.js'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('background jobs', () => {
  it('runs each job at start and then on its interval, with the time of the run', async () => {
    const times: Date[] = []
    const jobs = startBackgroundJobs([
      { name: 'tick', everyMs: 20, run: (now) => Promise.resolve(void times.push(now)) },
    ])
    assert.equal(times.length, 0, 'the first run starts after the call returns')
    await sleep(5)
    assert.equal(times.length, 1, 'ran at start, before the first interval')
    await sleep(110)
    await jobs.stop()
    assert.ok(times.length >= 3, `ran ${String(times.length)} times in about 115 ms`)
    assert.ok(times.every((t) => t instanceof Date))
  })

  it('never overlaps a job with itself, however slow a run', async () => {
    let running = 0
    let most = 0
    let runs = 0
    const jobs = startBackgroundJobs([
      {
        name: 'slow',
        everyMs: 1,
        run: async () => {
          running++
          runs++
          most = Math.max(most, running)
          await sleep(25)
          running--
        },
      },
    ])
    await sleep(120)
    await jobs.stop()
    assert.ok(runs >= 2, `ran ${runs} times`)
    assert.equal(most, 1)
  })

  it('logs a failing run and runs the job again; other jobs carry on', async () => {
    const logged: string[] = []
    let failures = 0
    let fine = 0
    const jobs = startBackgroundJobs(
      [
        {
          name: 'broken',
          everyMs: 10,
          run: () => {
            failures++
            return Promise.reject(new Error('database unavailable'))
          },
        },
        { name: 'fine', everyMs: 10, run: () => Promise.resolve(void fine++) },
      ],
      (line) => logged.push(line),
    )
    await sleep(60)
    await jobs.stop()
    assert.ok(failures >= 2, 'tried again after failing')
    assert.ok(fine >= 2)
    assert.match(logged[0]!, /^Background job broken failed: Error: database unavailable/)
    assert.equal(logged.length, failures)
  })

  it('stop() waits for a run in progress and starts no more', async () => {
    let finished = false
    let runs = 0
    const jobs = startBackgroundJobs([
      {
        name: 'long',
        everyMs: 1,
        run: async () => {
          runs++
          await sleep(40)
          finished = true
        },
      },
    ])
    await sleep(5)
    await jobs.stop()
    assert.equal(finished, true, 'the run in progress finished before stop() returned')
    const after = runs
    await sleep(30)
    assert.equal(runs, after, 'no run after stop()')
  })
})
