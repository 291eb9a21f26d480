// Starts Turnaround: open the database, migrate, load the demo into an empty database, listen. With WORKERS above 1,
// a primary does the preparing once and starts that many workers that listen on the same port.
import cluster from 'node:cluster'
import fs from 'node:fs'
import path from 'node:path'
import type { Server } from 'node:http'
import { loadConfig, ConfigError, type Config } from './config.js'
import { projectRoot } from '../shared/project-root.js'
import { openDatabase } from '../db/connect.js'
import { DataFolderLockedError } from '../db/data-folder-lock.js'
import { createApp } from './app.js'
import { closeSharedBrowser } from '../exports/chromium.js'
import { createMailTransport, describeMailSettings } from '../mail/transports.js'
import { mailJob } from '../mail/mail-worker.js'
import { startBackgroundJobs } from './background-jobs.js'
import { pruneSignInThrottle } from '../accounts/sign-in-throttle-repository.js'
import { runRoundJobs } from '../rounds/round-mail.js'
import { sessionPruneJob } from '../accounts/session-store.js'
import { attemptLimitPruneJob } from '../accounts/attempt-limiter.js'
import { prepareDatabase } from './start-up.js'
import { isDatabaseEmpty, seedDemo } from '../demo/seed-demo.js'
import { runPrimary } from './primary.js'

async function main(): Promise<void> {
  const { version } = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }
  const config = loadConfig(undefined, version)
  // WORKERS=N: a primary prepares the database and starts N workers, each of which serves (src/server/primary.ts).
  if (cluster.isWorker) return serve(config, 'worker')
  if (config.workers > 1) return runPrimary(config, { isDatabaseEmpty, seedDemo })
  return serve(config, 'single')
}

/** The app in this process: the only one ('single'), or one of WORKERS started by the primary ('worker'). */
async function serve(config: Config, role: 'single' | 'worker'): Promise<void> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  if (role === 'single') {
    console.log(
      database.kind === 'pglite'
        ? `Database: embedded PGlite in ${config.dataDir} (for production, set DATABASE_URL to a PostgreSQL server)`
        : 'Database: PostgreSQL',
    )
    if (database.kind === 'postgres' && config.sessionSecretIsRandom) {
      console.warn(
        'SESSION_SECRET is not set: this process signs cookies with a random secret of its own, so another process ' +
          'on the same database will not accept its sign-ins. Set SESSION_SECRET to run several',
      )
    }
    // A worker's database was prepared by its primary before it was started.
    await prepareDatabase(database, config, { isDatabaseEmpty, seedDemo })
  }

  const app = createApp({ db: database.db, config })

  // Mail waits in the outbox table and is sent from there (docs/decisions/0016-mail-outbox.md).
  const mailTransport = createMailTransport(config.mail)
  if (role === 'single') {
    console.log(describeMailSettings(config.mail))
    if (config.production && config.mail.transport === 'outbox') {
      console.warn('Mail: no email will leave this server. Set SMTP_HOST or NOTIFY_API_KEY to send it')
    }
  }
  // Work done on a timer: one line per job. Every process runs every job: each is safe to run in two processes at
  // once (docs/decisions/0024-several-processes.md).
  const backgroundJobs = startBackgroundJobs([
    mailJob(database.db, mailTransport, { log: (line) => console.warn(line) }),
    sessionPruneJob(database.db),
    // Locks rounds whose lock date has come; queues reminders before each deadline and digests after it.
    {
      name: 'reporting rounds',
      everyMs: 15 * 60_000,
      run: async (now) => void (await runRoundJobs(database.db, now, config.publicUrl)),
    },
    // Forgets failed sign-ins quiet for an hour (the throttle no longer counts them).
    {
      name: 'sign-in throttle',
      everyMs: 60 * 60_000,
      run: async (now) => void (await pruneSignInThrottle(database.db, now)),
    },
    // Forgets password-change and reset-mail attempts older than their 15-minute window.
    attemptLimitPruneJob(database.db),
  ])

  const server: Server = app.listen(config.port, () => {
    const address = server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    // A worker's primary says when all of them listen.
    if (role === 'single') console.log(`Turnaround is running at http://localhost:${port}`)
  })

  // PGlite never fsyncs by itself: flush to disk regularly, and always on the way out.
  const checkpointTimer = setInterval(() => {
    database.checkpoint().catch((error: unknown) => console.error('Checkpoint failed', error))
  }, config.checkpointIntervalMs)
  checkpointTimer.unref()

  let stopping = false
  const stop = async (reason: string) => {
    if (stopping) return
    stopping = true
    console.log(`${role === 'worker' ? `Worker ${process.pid}: ` : ''}${reason}: closing`)
    clearInterval(checkpointTimer)
    server.close()
    server.closeIdleConnections()
    setTimeout(() => server.closeAllConnections(), 5000).unref()
    try {
      await backgroundJobs.stop()
      mailTransport.close()
      await closeSharedBrowser()
      await database.close()
      process.exit(0)
    } catch (error) {
      console.error('Error while closing the database', error)
      process.exit(1)
    }
  }
  // A hang-up (a closed terminal, or a supervisor asking for a restart) stops cleanly too: by default it would
  // end the process with no checkpoint and leave the data-folder lock behind.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const)
    process.on(signal, () => void stop(`${signal} received`))
  // A worker whose primary has gone (killed without a chance to stop it) stops too, rather than live on unseen.
  if (role === 'worker') process.on('disconnect', () => void stop('its primary process ended'))
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataFolderLockedError) {
    console.error(error.message)
  } else {
    console.error('Turnaround could not start:', error)
  }
  process.exit(1)
})
