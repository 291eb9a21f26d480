// WORKERS=N (N > 1): this process prepares the database once, then starts N workers with node's cluster. Each
// worker runs the whole app (src/server/index.ts serve) and they share the port: the primary hands each new
// connection to the next worker. What the workers must agree on is in the database (sessions, sign-in throttles,
// attempt limits, the outbox) or given to them here (the session secret). See
// docs/decisions/0024-several-processes.md.
import cluster from 'node:cluster'
import type { Config } from './config.js'
import { openDatabase } from '../db/connect.js'
import { prepareDatabase, type DemoLoader } from './start-up.js'
import { describeMailSettings } from '../mail/transports.js'
import { superviseWorkers, type WorkerProcess } from './workers.js'

export async function runPrimary(config: Config, demo: DemoLoader): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  try {
    console.log(`Database: PostgreSQL, shared by ${config.workers} worker processes`)
    await prepareDatabase(database, config, demo)
  } finally {
    await database.close()
  }
  console.log(describeMailSettings(config.mail))
  if (config.production && config.mail.transport === 'outbox') {
    console.warn('Mail: no email will leave this server. Set SMTP_HOST or NOTIFY_API_KEY to send it')
  }

  // Every worker signs cookies and CSRF tokens with the same secret: without SESSION_SECRET (development), this
  // process's random one.
  const workerEnv = { SESSION_SECRET: config.sessionSecret }
  const fork = (): WorkerProcess => {
    const worker = cluster.fork(workerEnv)
    return {
      get pid() {
        return worker.process.pid
      },
      signal: (signal) => void worker.process.kill(signal),
      onListening: (listener) => void worker.on('listening', (address) => listener(address.port)),
      onExit: (listener) => void worker.on('exit', listener),
    }
  }
  const supervisor = superviseWorkers({
    count: config.workers,
    fork,
    onAllListening: (port) =>
      console.log(`Turnaround is running at http://localhost:${port} (${config.workers} worker processes)`),
  })

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal} received: stopping the workers`)
    const clean = await supervisor.stop()
    process.exit(clean ? 0 : 1)
  }
  // A terminal's Ctrl+C reaches the workers too; a supervisor's SIGTERM or SIGHUP reaches this process only, and
  // is passed on as SIGTERM.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal))
}
