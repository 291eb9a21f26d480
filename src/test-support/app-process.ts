// The app as started from the command line (src/server/index.ts), as a child process, for tests of what only a real
// process shows: stopping on a signal, several processes on one database, WORKERS. Plus a small HTTP client with a
// cookie jar of its own, whose cookies a test can carry from one process to another.
import { spawn, type ChildProcess } from 'node:child_process'
import { projectRoot } from '../shared/project-root.js'

export interface Exit {
  code: number | null
  signal: NodeJS.Signals | null
}

export interface AppProcess {
  readonly child: ChildProcess
  readonly pid: number
  /** Everything the process has printed so far, stdout and stderr together. */
  output(): string
  /** Resolves with the first match of `pattern` in the output, once it appears; rejects after `timeoutMs`. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>
  /** Resolves when the process has exited. */
  readonly exited: Promise<Exit>
  /** Sends `signal` (SIGTERM by default) and waits for the exit; SIGKILL after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Exit>
}

export interface RunningApp extends AppProcess {
  /** Where it listens: http://localhost:<port>. */
  readonly url: string
  readonly port: number
}

/** Starts `node --import tsx src/server/index.ts` with exactly `env` (build it with embeddedAppEnv or postgresAppEnv). */
export function spawnApp(env: NodeJS.ProcessEnv): AppProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/index.ts'], {
    cwd: projectRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  if (child.pid === undefined) throw new Error('the app process did not start')
  let output = ''
  const listeners = new Set<() => void>()
  const read = (chunk: Buffer) => {
    output += chunk.toString()
    for (const listener of listeners) listener()
  }
  child.stdout.on('data', read)
  child.stderr.on('data', read)
  const exited = new Promise<Exit>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })))
  let hasExited = false
  void exited.then(() => {
    hasExited = true
    for (const listener of listeners) listener()
  })

  const waitFor = (pattern: RegExp, timeoutMs = 90_000) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = new RegExp(pattern.source, pattern.flags.replace('g', '')).exec(output)
        if (match) return done(() => resolve(match))
        if (hasExited) return done(() => reject(new Error(`the app exited before printing ${pattern}:\n${output}`)))
      }
      const timer = setTimeout(
        () => done(() => reject(new Error(`no ${pattern} in the app's output after ${timeoutMs} ms:\n${output}`))),
        timeoutMs,
      )
      const done = (settle: () => void) => {
        clearTimeout(timer)
        listeners.delete(check)
        settle()
      }
      listeners.add(check)
      check()
    })

  return {
    child,
    pid: child.pid,
    output: () => output,
    waitFor,
    exited,
    async stop(signal = 'SIGTERM', timeoutMs = 60_000) {
      if (!hasExited) child.kill(signal)
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs)
      const exit = await exited
      clearTimeout(timer)
      return exit
    },
  }
}

/** Starts the app and waits until it says it is running (one process, or a primary once all its workers listen). */
export async function startApp(env: NodeJS.ProcessEnv, timeoutMs = 120_000): Promise<RunningApp> {
  const app = spawnApp(env)
  try {
    const match = await app.waitFor(/Turnaround is running at http:\/\/localhost:(\d+)/, timeoutMs)
    const port = Number(match[1])
    return Object.assign(app, { port, url: `http://localhost:${port}` })
  } catch (error) {
    await app.stop('SIGKILL')
    throw error
  }
}

export interface Page {
  status: number
  text: string
  location: string | null
}

/** A browser's cookie jar over fetch: redirects are returned, not followed. */
export class WebClient {
  readonly cookies = new Map<string, string>()

  async get(url: string): Promise<Page> {
    return this.#request(url, 'GET')
  }

  /** Posts a form; a field given a list is sent once per value, as checkboxes are. */
  async post(url: string, fields: Record<string, string | string[]>): Promise<Page> {
    const body = new URLSearchParams()
    for (const [name, value] of Object.entries(fields)) {
      for (const one of Array.isArray(value) ? value : [value]) body.append(name, one)
    }
    return this.#request(url, 'POST', body)
  }

  async #request(url: string, method: string, body?: URLSearchParams): Promise<Page> {
    const headers: Record<string, string> = {}
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ')
    if (body) headers['content-type'] = 'application/x-www-form-urlencoded'
    const response = await fetch(url, { method, headers, redirect: 'manual', ...(body ? { body } : {}) })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';')
      const separator = pair.indexOf('=')
      const name = pair.slice(0, separator).trim()
      const value = pair.slice(separator + 1).trim()
      const expired = /expires=Thu, 01 Jan 1970/i.test(cookie) || /max-age=0\b/i.test(cookie)
      if (!value || expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return { status: response.status, text: await response.text(), location: response.headers.get('location') }
  }
}
