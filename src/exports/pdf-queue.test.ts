import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { PdfBusyError, PdfQueue } from './pdf-queue.js'

/** A job that ends when told to, recording when it started. */
function gate() {
  let open!: () => void
  const opened = new Promise<void>((resolve) => (open = resolve))
  return { open, opened }
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('PDF queue', () => {
  it('never runs more jobs at once than its limit, and runs the waiting ones in the order asked', async () => {
    const queue = new PdfQueue({ concurrency: 2, maxWaiting: 10 })
    let running = 0
    let most = 0
    const started: number[] = []
    const gates = Array.from({ length: 8 }, () => gate())
    const results = gates.map((g, i) =>
      queue.run(async () => {
        started.push(i)
        running++
        most = Math.max(most, running)
        await g.opened
        running--
        return i
      }),
    )
    await tick()
    assert.deepEqual(started, [0, 1])
    assert.deepEqual(queue.size, { running: 2, waiting: 6 })
    // End them out of order: the next waiting job takes each freed place.
    gates[1]!.open()
    await tick()
    assert.deepEqual(started, [0, 1, 2])
    for (const g of gates) g.open()
    assert.deepEqual(await Promise.all(results), [0, 1, 2, 3, 4, 5, 6, 7])
    assert.deepEqual(started, [0, 1, 2, 3, 4, 5, 6, 7])
    assert.equal(most, 2)
    assert.deepEqual(queue.size, { running: 0, waiting: 0 })
  })

  it('refuses the job after the limit and the waiting places are taken, with the time to wait', async () => {
    const queue = new PdfQueue({ concurrency: 2, maxWaiting: 3, retryAfterSeconds: 60 })
    const g = gate()
    const accepted = Array.from({ length: 5 }, () => queue.run(() => g.opened))
    await tick()
    await assert.rejects(
      queue.run(() => Promise.reject(new Error('a refused job must not run'))),
      (error: unknown) => error instanceof PdfBusyError && error.retryAfterSeconds === 60,
    )
    g.open()
    await Promise.all(accepted)
    // Once the crowd has gone, a job is accepted again.
    assert.equal(await queue.run(() => Promise.resolve('printed')), 'printed')
  })

  it('frees the place of a job that fails', async () => {
    const queue = new PdfQueue({ concurrency: 1, maxWaiting: 0 })
    await assert.rejects(
      queue.run(() => Promise.reject(new Error('Chromium crashed'))),
      /Chromium crashed/,
    )
    assert.equal(await queue.run(() => Promise.resolve('next')), 'next')
  })
})
