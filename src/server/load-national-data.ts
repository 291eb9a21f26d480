// `npm run national:load`: loads the national statistics shipped in national-data/ into the database now
// (on first start the app does this by itself). Reloading is safe: unchanged figures stay as they are.
import { loadConfig } from './config.js'
import { openDatabase } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { loadShippedData } from '../national/load-national.js'

const config = loadConfig()
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir })
try {
  await migrateToLatest(database.db)
  for (const s of await loadShippedData(database.db)) {
    console.log(`${s.fileName}: ${s.added} added, ${s.changed} changed, ${s.unchanged} unchanged`)
  }
} finally {
  await database.close()
}
