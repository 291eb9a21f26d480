// The primary's supervision of WORKERS, with fake processes and a fake clock: all started, announced once all
// listen, a dead one restarted after a delay that grows while it keeps dying quickly (and starts again small once
// one has run a while), and stopping that asks each to stop, waits for them, and restarts nothing.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  FIRST_RESTART_DELAY_MS,
  MAX_RESTART_DELAY_MS,
  STABLE_AFTER_MS,
  restartDelay,
  superviseWorkers,
  type WorkerProcess,
} from './workers.js'

class FakeWorker implements WorkerProcess {
  readonly signals: string[] = []
  #listening: Array<(port: number) => void> = []
  #exit: Array<(code: number | null, signal: string | null) => void> = []
  constructor(readonly pid: number) {}
  signal(signal: NodeJS.Signals) {
    this.signals.push(signal)
  }
  onListening(listener: (port: number) => void) {
    this.#listening.push(listener)
  }
  onExit(listener: (code: number | null, signal: string | null) => void) {
    this.#exit.push(listener)
  }
  listen(port: number) {
    for (const l of this.#listening) l(port)
  }
  exit(code: number | null, signal: string | null = null) {
    for (const l of this.#exit) l(code, signal)
  }
}

/** A supervisor over fake workers, with timers that run only when the test moves the clock. */
function harness(count: number) {
  let time = 0
  let nextPid = 100
  const workers: FakeWorker[] = []
  let nextTimer = 0
  const timers = new Map<unknown, { at: number; run: () => void }>()
  const lines: string[] = []
  const announced: number[] = []
  const supervisor = superviseWorkers({
    count,
    fork: () => {
      const worker = new FakeWorker(nextPid++)
      workers.push(worker)
      return worker
    },
    log: (line) => lines.push(line),
    onAllListening: (port) => announced.push(port),
    now: () => time,
    setTimer: (run, ms) => {
      const timer = nextTimer++
      timers.set(timer, { at: time + ms, run })
      return timer
    },
    clearTimer: (timer) => void timers.delete(timer),
  })
  const advance = (ms: number) => {
    time += ms
    for (const [timer, { at, run }] of [...timers]) {
      if (at <= time) {
        timers.delete(timer)
        run()
      }
    }
  }
  return { supervisor, workers, lines, announced, advance, pendingTimers: () => timers.size }
}

describe('worker supervision', () => {
  it('waits 1 s after a first quick death, doubling with each quick death after it, never more than a minute', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7, 8].map(restartDelay),
      [1, 2, 4, 8, 16, 32, 60, 60].map((s) => s * 1000),
    )
    assert.equal(restartDelay(1000), MAX_RESTART_DELAY_MS)
  })

  it('starts every worker and says once, when all listen, which port they share', () => {
    const h = harness(2)
    assert.equal(h.workers.length, 2)
    assert.deepEqual(h.supervisor.pids(), [100, 101])
    h.workers[0]!.listen(4321)
    assert.deepEqual(h.announced, [])
    h.workers[1]!.listen(4321)
    assert.deepEqual(h.announced, [4321])
  })

  it('restarts a worker that dies, after a delay that grows while it keeps dying quickly', () => {
    const h = harness(2)
    for (const w of h.workers) w.listen(3000)
    h.advance(STABLE_AFTER_MS)
    h.workers[0]!.exit(null, 'SIGKILL')
    assert.deepEqual(h.supervisor.pids(), [101], 'the dead one is no longer counted')
    assert.match(h.lines.at(-1)!, /Worker 100 ended \(signal SIGKILL\) after 60\.0 s: starting another in 1 s/)
    h.advance(FIRST_RESTART_DELAY_MS - 1)
    assert.equal(h.workers.length, 2, 'not before the delay')
    h.advance(1)
    assert.equal(h.workers.length, 3)
    assert.deepEqual(h.supervisor.pids(), [102, 101])
    // The new one dies at once, and again: 2 s, then 4 s.
    h.workers[2]!.exit(1)
    assert.match(h.lines.at(-1)!, /Worker 102 ended \(exit code 1\) after 0\.0 s: starting another in 2 s/)
    h.advance(2000)
    h.workers[3]!.exit(1)
    assert.match(h.lines.at(-1)!, /starting another in 4 s/)
    h.advance(4000)
    // One that runs a while before dying starts the count again.
    h.advance(STABLE_AFTER_MS)
    h.workers[4]!.exit(1)
    assert.match(h.lines.at(-1)!, /starting another in 1 s/)
    assert.equal(h.announced.length, 1, 'the port is announced once, not on each restart')
  })

  it('stops: SIGTERM to each worker, waits for every exit, restarts nothing, and says whether all were clean', async () => {
    const h = harness(2)
    h.workers[1]!.exit(1) // dies just before: a restart is waiting
    assert.equal(h.pendingTimers(), 1)
    let stopped: boolean | undefined
    const stopping = h.supervisor.stop().then((clean) => (stopped = clean))
    assert.deepEqual(h.workers[0]!.signals, ['SIGTERM'])
    assert.equal(h.pendingTimers(), 1, 'the waiting restart is cancelled; the SIGKILL timer is set')
    await Promise.resolve()
    assert.equal(stopped, undefined, 'still waiting for the worker')
    h.workers[0]!.exit(0)
    assert.equal(await stopping, true)
    h.advance(MAX_RESTART_DELAY_MS)
    assert.equal(h.workers.length, 2, 'nothing restarted')
    assert.equal(h.pendingTimers(), 0)
  })

  it('ends a worker that does not stop in time with SIGKILL, and reports the stop as not clean', async () => {
    const h = harness(1)
    const stopping = h.supervisor.stop()
    h.advance(30_000)
    assert.deepEqual(h.workers[0]!.signals, ['SIGTERM', 'SIGKILL'])
    h.workers[0]!.exit(null, 'SIGKILL')
    assert.equal(await stopping, false)
  })
})
