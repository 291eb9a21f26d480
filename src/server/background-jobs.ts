// Work the app does on a timer, beside answering requests: sending the outbox, and anything else added to
// the list in index.ts. Each job runs at start-up and then every `everyMs` after its last run finished, so
// it never overlaps itself; a failure is logged and the job runs again next time.

export interface BackgroundJob {
  name: string
  everyMs: number
  /** Given the time of the run; a rejection is logged, never thrown. */
  run: (now: Date) => Promise<void>
}

export interface BackgroundJobs {
  /** Stops every timer and waits for runs in progress to finish (call it before closing the database). */
  stop(): Promise<void>
}

export function startBackgroundJobs(
  jobs: BackgroundJob[],
  log: (line: string) => void = (line) => console.error(line),
  clock: () => Date = () => new Date(),
): BackgroundJobs {
  let stopped = false
  const timers = new Set<NodeJS.Timeout>()
  const running = new Set<Promise<void>>()

  const schedule = (job: BackgroundJob) => {
    const timer = setTimeout(() => {
      timers.delete(timer)
      start(job)
    }, job.everyMs)
    // A pending run never keeps the process alive on its own.
    timer.unref()
    timers.add(timer)
  }

  const start = (job: BackgroundJob) => {
    if (stopped) return
    const run: Promise<void> = Promise.resolve()
      .then(() => job.run(clock()))
      .catch((error: unknown) => {
        log(
          `Background job ${job.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
        )
      })
      .finally(() => {
        running.delete(run)
        if (!stopped) schedule(job)
      })
    running.add(run)
  }

  for (const job of jobs) start(job)

  return {
    async stop() {
      stopped = true
      for (const timer of timers) clearTimeout(timer)
      timers.clear()
      await Promise.all(running)
    },
  }
}
