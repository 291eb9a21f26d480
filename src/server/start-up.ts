// Getting the database ready before the app serves: migrations, the demo in an empty database, and the first load
// of the national statistics. A single process does this itself; with WORKERS, the primary does it once before
// starting the workers. Processes started separately on one PostgreSQL database take turns (withStartUpLock).
import type { Config } from './config.js'
import type { DatabaseHandle, Db } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { loadShippedData } from '../national/load-national.js'
import { nationalDataIsEmpty } from '../national/release-repository.js'
import { withStartUpLock } from './start-up-repository.js'

/** The demo's loader (src/demo/seed-demo.ts), passed in by src/server/index.ts, the one module that imports it. */
export interface DemoLoader {
  isDatabaseEmpty(db: Db): Promise<boolean>
  seedDemo(db: Db): Promise<unknown>
}

export async function prepareDatabase(
  database: DatabaseHandle,
  config: Pick<Config, 'demoData'>,
  demo: DemoLoader,
  log: (line: string) => void = (line) => console.log(line),
): Promise<void> {
  await withStartUpLock(database, async () => {
    await migrateToLatest(database.db)
    if (config.demoData && (await demo.isDatabaseEmpty(database.db))) {
      log('Empty database: loading the demo council')
      await demo.seedDemo(database.db)
      await database.checkpoint()
    }

    // The official national statistics ship with the app: load them the first time (not only for the demo).
    if (await nationalDataIsEmpty(database.db)) {
      const started = Date.now()
      log('Loading the national statistics and Ofsted judgements shipped in national-data/')
      await loadShippedData(database.db)
      await database.checkpoint()
      log(`National statistics loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`)
    }
  })
}
