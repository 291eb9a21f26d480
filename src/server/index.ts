// Starts Turnaround: open the database, migrate, load the demo into an empty database, listen.
import fs from 'node:fs'
import path from 'node:path'
import type { Server } from 'node:http'
import { loadConfig, ConfigError } from './config.js'
import { projectRoot } from '../shared/project-root.js'
import { openDatabase } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { isDatabaseEmpty, seedDemo } from '../demo/seed-demo.js'
import { DataFolderLockedError } from '../db/data-folder-lock.js'
import { createApp } from './app.js'
import { closeSharedBrowser } from '../exports/chromium.js'
import { loadShippedData } from '../national/load-national.js'
import { nationalDataIsEmpty } from '../national/release-repository.js'
import { createMailTransport, describeMailSettings } from '../mail/transports.js'
import { mailJob } from '../mail/mail-worker.js'
import { startBackgroundJobs } from './background-jobs.js'
import { pruneSignInThrottle } from '../accounts/sign-in-throttle-repository.js'
import { runRoundJobs } from '../rounds/round-mail.js'
import { sessionPruneJob } from '../accounts/session-store.js'

async function main(): Promise<void> {
  const { version } = JSON.parse(fs.readFileSync(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string }
  const config = loadConfig(undefined, version)
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
  console.log(
    database.kind === 'pglite'
      ? `Database: embedded PGlite in ${config.dataDir} (for production, set DATABASE_URL to a PostgreSQL server)`
      : 'Database: PostgreSQL',
  )
  await migrateToLatest(database.db)
  if (config.demoData && (await isDatabaseEmpty(database.db))) {
    console.log('Empty database: loading the demo council')
    await seedDemo(database.db)
    await database.checkpoint()
  }

  // The official national statistics ship with the app: load them the first time (not only for the demo).
  if (await nationalDataIsEmpty(database.db)) {
    const started = Date.now()
    console.log('Loading the national statistics and Ofsted judgements shipped in national-data/')
    await loadShippedData(database.db)
    await database.checkpoint()
    console.log(`National statistics loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  }

  const app = createApp({ db: database.db, config })

  // Mail waits in the outbox table and is sent from there (docs/decisions/0016-mail-outbox.md).
  const mailTransport = createMailTransport(config.mail)
  console.log(describeMailSettings(config.mail))
  if (config.production && config.mail.transport === 'outbox') {
    console.warn('Mail: no email will leave this server. Set SMTP_HOST or NOTIFY_API_KEY to send it')
  }
  // Work done on a timer: one line per job.
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
  ])

  const server: Server = app.listen(config.port, () => {
    console.log(`Turnaround is running at http://localhost:${config.port}`)
  })

  // PGlite never fsyncs by itself: flush to disk regularly, and always on the way out.
  const checkpointTimer = setInterval(() => {
    database.checkpoint().catch((error: unknown) => console.error('Checkpoint failed', error))
  }, config.checkpointIntervalMs)
  checkpointTimer.unref()

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`${signal} received: closing`)
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
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal))
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DataFolderLockedError) {
    console.error(error.message)
  } else {
    console.error('Turnaround could not start:', error)
  }
  process.exit(1)
})
