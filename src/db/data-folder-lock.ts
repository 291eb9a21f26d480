// PGlite keeps no lock on its folder: two processes on one folder would corrupt it. We hold a lock file
// beside the folder, recording our pid, and refuse to start while another live process holds it.
import fs from 'node:fs'
import path from 'node:path'

export class DataFolderLockedError extends Error {}

export interface DataFolderLock {
  path: string
  release(): void
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

export function lockDataFolder(dataDir: string): DataFolderLock {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  const lockPath = `${dataDir}.lock`
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: 'wx' })
      let released = false
      return {
        path: lockPath,
        release() {
          if (released) return
          released = true
          fs.rmSync(lockPath, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number.parseInt(fs.readFileSync(lockPath, 'utf8'), 10)
      if (Number.isInteger(holder) && isAlive(holder)) {
        throw new DataFolderLockedError(
          `The data folder ${dataDir} is already in use by a Turnaround process (pid ${holder}). ` +
            `Stop that process first, or set DATA_DIR to a different folder.`,
        )
      }
      // The holder died without cleaning up: the lock is stale, take it over.
      fs.rmSync(lockPath, { force: true })
    }
  }
  throw new DataFolderLockedError(`Could not lock the data folder ${dataDir}`)
}
