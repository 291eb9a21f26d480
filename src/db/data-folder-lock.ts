// PGlite keeps no lock on its folder: two processes on one folder would corrupt it. We hold a lock file
// beside the folder, recording who holds it, and refuse to start while another live process holds it.
//
// A pid alone is not enough to tell: a container restarting runs the app as the same pid (often pid 1), and
// a pid is reused after its process dies. So the lock records the holder's pid and, on Linux, when that
// process started (from /proc): a live process with that pid but another start time is not the holder. A lock
// naming this very process is ours only if this process took it (held below); otherwise it was left by an
// earlier run that had the same pid. A stale lock is taken over.
import fs from 'node:fs'
import path from 'node:path'

export class DataFolderLockedError extends Error {}

export interface DataFolderLock {
  path: string
  release(): void
}

/** The lock files this process holds. */
const held = new Set<string>()

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** When a process started, in clock ticks since boot (Linux /proc); null where that cannot be read. */
export function processStartTime(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces and brackets: count the fields after its closing bracket.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return fields[19] ?? null // field 22 of the line: the start time
  } catch {
    return null
  }
}

interface Holder {
  pid: number
  started: string | null
}

/** What a lock file says: "pid" (older locks) or "pid started". */
function readHolder(lockPath: string): Holder | null {
  const [pid, started] = fs.readFileSync(lockPath, 'utf8').trim().split(/\s+/)
  const number = Number.parseInt(pid ?? '', 10)
  return Number.isInteger(number) && number > 0 ? { pid: number, started: started ?? null } : null
}

/** Whether the process a lock names still holds it. */
function stillHeld(holder: Holder | null, lockPath: string): boolean {
  if (!holder) return false
  if (holder.pid === process.pid) return held.has(lockPath)
  if (!isAlive(holder.pid)) return false
  const started = processStartTime(holder.pid)
  return holder.started === null || started === null || started === holder.started
}

export function lockDataFolder(dataDir: string): DataFolderLock {
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })
  const lockPath = `${dataDir}.lock`
  const me = [process.pid, processStartTime(process.pid)].filter((x) => x !== null).join(' ')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, me, { flag: 'wx' })
      held.add(lockPath)
      let released = false
      return {
        path: lockPath,
        release() {
          if (released) return
          released = true
          held.delete(lockPath)
          fs.rmSync(lockPath, { force: true })
        },
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = readHolder(lockPath)
      if (stillHeld(holder, lockPath)) {
        throw new DataFolderLockedError(
          `The data folder ${dataDir} is already in use by a Turnaround process (pid ${holder!.pid}). ` +
            `Stop that process first, or set DATA_DIR to a different folder.`,
        )
      }
      // The holder died (or was an earlier run with a pid now reused) without cleaning up: take it over.
      fs.rmSync(lockPath, { force: true })
    }
  }
  throw new DataFolderLockedError(`Could not lock the data folder ${dataDir}`)
}
