// npm run demo:reset — wipe the embedded database folder and load the demo again.
// Refuses while the app is running on the same folder (the lock file), and never touches PostgreSQL.
import fs from 'node:fs'
import { loadConfig } from '../server/config.js'
import { lockDataFolder } from '../db/data-folder-lock.js'
import { openDatabase } from '../db/connect.js'
import { migrateToLatest } from '../db/migrate.js'
import { seedDemo } from './seed-demo.js'

const config = loadConfig()
if (config.databaseUrl) {
  console.error('demo:reset only resets the embedded database. Unset DATABASE_URL to use it.')
  process.exit(1)
}
try {
  const lock = lockDataFolder(config.dataDir)
  fs.rmSync(config.dataDir, { recursive: true, force: true })
  lock.release()
  const database = await openDatabase({ dataDir: config.dataDir })
  await migrateToLatest(database.db)
  await seedDemo(database.db)
  await database.close()
  console.log(`Demo data reloaded in ${config.dataDir}`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  process.exit(1)
}
