// The primary's side of WORKERS: keeps that many worker processes running, restarts one that dies (waiting longer
// after each quick death, so a worker that cannot start does not spin), and stops them all when asked. The
// processes themselves come from `fork` (node's cluster in src/server/primary.ts; fakes in the tests).

/** What the supervisor needs of a worker process. */
export interface WorkerProcess {
  readonly pid: number | undefined
  /** Sends the process a signal: SIGTERM asks it to stop cleanly, SIGKILL ends it. */
  signal(signal: NodeJS.Signals): void
  /** Called each time the worker starts listening, with the port. */
  onListening(listener: (port: number) => void): void
  onExit(listener: (code: number | null, signal: string | null) => void): void
}

export const FIRST_RESTART_DELAY_MS = 1000
export const MAX_RESTART_DELAY_MS = 60_000
/** A worker that ran this long before dying was not in a crash loop: it is restarted after the first delay. */
export const STABLE_AFTER_MS = 60_000
/** How long stopping waits for workers to close before ending them with SIGKILL. */
export const STOP_TIMEOUT_MS = 30_000

/** The wait before restarting a worker that died `crashesInARow` times without running STABLE_AFTER_MS. */
export function restartDelay(crashesInARow: number): number {
  const doublings = Math.min(Math.max(crashesInARow, 1) - 1, 30)
  return Math.min(FIRST_RESTART_DELAY_MS * 2 ** doublings, MAX_RESTART_DELAY_MS)
}

export interface Supervisor {
  /** The process ids of the workers running now. */
  pids(): number[]
  /**
   * Stops restarting, sends every worker SIGTERM and waits for them to exit (SIGKILL after STOP_TIMEOUT_MS).
   * Resolves true when every worker exited with code 0.
   */
  stop(): Promise<boolean>
}

export interface SupervisorOptions {
  count: number
  fork: () => WorkerProcess
  log?: (line: string) => void
  /** Once, when every worker has listened: the port they share. */
  onAllListening?: (port: number) => void
  now?: () => number
  /** Timers (real ones unless a test passes its own): what setTimer returns, clearTimer is given. */
  setTimer?: (run: () => void, ms: number) => unknown
  clearTimer?: (timer: unknown) => void
  stopTimeoutMs?: number
}

interface Slot {
  worker: WorkerProcess | undefined
  startedAt: number
  crashesInARow: number
  listened: boolean
  restart: unknown
}

export function superviseWorkers(options: SupervisorOptions): Supervisor {
  const log = options.log ?? ((line: string) => console.log(line))
  const now = options.now ?? Date.now
  const setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms))
  const clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as NodeJS.Timeout))
  const stopTimeoutMs = options.stopTimeoutMs ?? STOP_TIMEOUT_MS
  let stopping = false
  let announced = false
  let allClean = true
  const waitingForExits: Array<() => void> = []

  const slots: Slot[] = Array.from({ length: options.count }, () => ({
    worker: undefined,
    startedAt: 0,
    crashesInARow: 0,
    listened: false,
    restart: undefined,
  }))
  const running = () => slots.flatMap((slot) => (slot.worker ? [slot.worker] : []))

  const start = (slot: Slot) => {
    const worker = options.fork()
    slot.worker = worker
    slot.startedAt = now()
    worker.onListening((port) => {
      log(`Worker ${worker.pid ?? '?'} is listening`)
      slot.listened = true
      if (!announced && slots.every((s) => s.listened)) {
        announced = true
        options.onAllListening?.(port)
      }
    })
    worker.onExit((code, signal) => {
      if (slot.worker === worker) slot.worker = undefined
      const how = signal ? `signal ${signal}` : `exit code ${code}`
      if (stopping) {
        if (code !== 0) allClean = false
        log(`Worker ${worker.pid ?? '?'} stopped (${how})`)
        if (running().length === 0) for (const done of waitingForExits.splice(0)) done()
        return
      }
      const ranFor = now() - slot.startedAt
      slot.crashesInARow = ranFor >= STABLE_AFTER_MS ? 1 : slot.crashesInARow + 1
      const delay = restartDelay(slot.crashesInARow)
      log(
        `Worker ${worker.pid ?? '?'} ended (${how}) after ${(ranFor / 1000).toFixed(1)} s: ` +
          `starting another in ${delay / 1000} s`,
      )
      slot.restart = setTimer(() => {
        slot.restart = undefined
        if (!stopping) start(slot)
      }, delay)
    })
  }

  for (const slot of slots) start(slot)

  return {
    pids: () => running().flatMap((worker) => (worker.pid === undefined ? [] : [worker.pid])),
    async stop() {
      stopping = true
      for (const slot of slots) {
        if (slot.restart !== undefined) clearTimer(slot.restart)
        slot.restart = undefined
      }
      const workers = running()
      if (workers.length === 0) return allClean
      const exited = new Promise<void>((resolve) => waitingForExits.push(resolve))
      for (const worker of workers) worker.signal('SIGTERM')
      const timeout = setTimer(() => {
        for (const worker of running()) {
          log(`Worker ${worker.pid ?? '?'} did not stop in ${stopTimeoutMs / 1000} s: ending it`)
          worker.signal('SIGKILL')
        }
      }, stopTimeoutMs)
      await exited
      clearTimer(timeout)
      return allClean
    },
  }
}
