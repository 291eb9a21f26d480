// npm run bench:load: the running app under an open-model load. Starts the app as a real server on the demo data
// (on a fresh embedded PGlite folder with one process, then on a fresh PostgreSQL database with WORKERS
// processes), signs in people of several roles, and sends their main read pages at a fixed arrival rate:
// a request leaves when its time comes whether or not earlier ones have answered, and its latency is counted
// from that time, so a slow server cannot slow the load down and hide its own queue.
// Settings (environment): LOAD_DATABASES (pglite,postgres), LOAD_SECONDS (60; the goal speaks of 300),
// LOAD_RATE_PGLITE (100), LOAD_RATE_POSTGRES (200), LOAD_WORKERS (2, PostgreSQL only), LOAD_VISITORS_PER_ROLE (3),
// LOAD_ADMIN_URL (postgres://postgres@127.0.0.1:5432/postgres: where the fresh database is made and dropped).
// Prints one line per figure: `<figure>: <value> <unit> (<data size>)`.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { ROLES, mainPages, send, signIn, type Visitor } from './load-client.js'

const seconds = Number(process.env.LOAD_SECONDS ?? 60)
const visitorsPerRole = Number(process.env.LOAD_VISITORS_PER_ROLE ?? 3)
const databases = (process.env.LOAD_DATABASES ?? 'pglite,postgres').split(',')
const workers = Number(process.env.LOAD_WORKERS ?? 2)
const adminUrl = process.env.LOAD_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const root = path.resolve(import.meta.dirname, '..')

interface Server {
  child: ChildProcess
  base: string
  stop: () => Promise<void>
}

/** Starts the app as `npm start` would (compiled on the fly by tsx) and waits until it answers. */
async function startServer(env: Record<string, string>, port: number): Promise<Server> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/index.ts'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'development', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
  const base = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 300_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the app stopped while starting:\n${output}`)
    if (Date.now() > deadline) throw new Error(`the app did not start in 5 minutes:\n${output}`)
    try {
      if ((await send(base, '/health', { timeoutMs: 2000 })).status === 200) break
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGTERM')
    })
  return { child, base, stop }
}

/** Resident memory of the server: its process and, with several workers, each child process (MB). */
function serverMemoryMb(pid: number): number {
  const pids = [pid]
  try {
    const children = execFileSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    pids.push(...children.split(/\s+/).filter(Boolean).map(Number))
  } catch {
    // no children
  }
  let kb = 0
  for (const p of pids) {
    const status = fs.readFileSync(`/proc/${p}/status`, 'utf8')
    kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0)
  }
  return kb / 1024
}

async function visitors(base: string): Promise<Visitor[]> {
  const out: Visitor[] = []
  for (const { role, email } of ROLES) {
    for (let i = 0; i < visitorsPerRole; i++) {
      const cookie = await signIn(base, email)
      const pages = await mainPages(base, cookie, role)
      // Only pages that answer 200 to this person (a single-council person's "/" redirects to the council).
      const ok: string[] = []
      for (const page of pages) if ((await send(base, page, { cookie })).status === 200) ok.push(page)
      out.push({ role, email, cookie, pages: ok })
    }
  }
  return out
}

const percentile = (sorted: number[], p: number) =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : NaN

/** Sends `rate` requests a second for `seconds`, cycling through every visitor's pages. */
async function openLoad(base: string, people: Visitor[], rate: number, pid: number) {
  // Each person's first page, then each one's second, and so on: consecutive requests come from different people.
  const work: Array<{ cookie: string; page: string }> = []
  for (let i = 0; i < Math.max(...people.map((v) => v.pages.length)); i++) {
    for (const v of people) if (v.pages[i]) work.push({ cookie: v.cookie, page: v.pages[i]! })
  }
  const total = Math.round(rate * seconds)
  const latencies: number[] = []
  const errors = new Map<string, number>()
  const memory: number[] = []
  let sent = 0
  let inFlight = 0
  const started = performance.now()
  const memoryTimer = setInterval(() => memory.push(serverMemoryMb(pid)), Math.max(1000, (seconds * 1000) / 10))
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now()
      while (sent < total && started + (sent * 1000) / rate <= now) {
        const due = started + (sent * 1000) / rate
        const { cookie, page } = work[sent % work.length]!
        sent++
        inFlight++
        send(base, page, { cookie, timeoutMs: 10_000 })
          .then(
            (answer) => {
              if (answer.status === 200) latencies.push(performance.now() - due)
              else errors.set(`HTTP ${answer.status}`, (errors.get(`HTTP ${answer.status}`) ?? 0) + 1)
            },
            (error: Error) => errors.set(error.message, (errors.get(error.message) ?? 0) + 1),
          )
          .finally(() => {
            inFlight--
            if (sent === total && inFlight === 0) resolve()
          })
      }
      if (sent < total) setTimeout(tick, 1)
    }
    tick()
  })
  clearInterval(memoryTimer)
  const elapsed = (performance.now() - started) / 1000
  latencies.sort((a, b) => a - b)
  return { total, answered: latencies.length, elapsed, latencies, errors, memory, pages: work.length }
}

async function run(kind: 'pglite' | 'postgres') {
  const port = 3900 + Math.floor(Math.random() * 90)
  let server: Server
  let dropDatabase = async () => {}
  const processes = kind === 'pglite' ? 1 : workers
  const rate = Number(
    kind === 'pglite' ? (process.env.LOAD_RATE_PGLITE ?? 100) : (process.env.LOAD_RATE_POSTGRES ?? 200),
  )
  if (kind === 'pglite') {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'turnaround-load-'))
    server = await startServer({ DATA_DIR: dataDir }, port)
    dropDatabase = async () => fs.rmSync(dataDir, { recursive: true, force: true })
  } else {
    const name = `turnaround_load_${process.pid}`
    const admin = new pg.Client({ connectionString: adminUrl })
    await admin.connect()
    await admin.query(`create database ${name}`)
    await admin.end()
    const url = new URL(adminUrl)
    url.pathname = `/${name}`
    server = await startServer({ DATABASE_URL: url.toString(), WORKERS: String(processes) }, port)
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: adminUrl })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    }
  }
  const label = kind === 'pglite' ? 'PGlite, 1 process' : `PostgreSQL, ${processes} processes`
  try {
    const people = await visitors(server.base)
    // Warm up: every page once for every person (templates compiled, derived figures computed).
    for (const v of people) for (const page of v.pages) await send(server.base, page, { cookie: v.cookie })
    const memoryStart = serverMemoryMb(server.child.pid!)
    const result = await openLoad(server.base, people, rate, server.child.pid!)
    const memoryEnd = serverMemoryMb(server.child.pid!)
    const errorCount = result.total - result.answered
    const size = `${label}; ${rate} req/s offered for ${seconds} s; ${people.length} signed-in people in ${ROLES.length} roles; ${result.pages} person-pages; demo data`
    const ms = (p: number) => percentile(result.latencies, p).toFixed(1)
    console.log(`[${label}] pages: ${[...new Set(people.flatMap((v) => v.pages))].join(' ')}`)
    if (result.errors.size)
      console.log(`[${label}] errors by kind: ${JSON.stringify(Object.fromEntries(result.errors))}`)
    console.log(
      `[${label}] memory during the run (MB, every tenth): ${result.memory.map((m) => m.toFixed(0)).join(' ')}`,
    )
    console.log(`requests/s (${label}): ${(result.answered / result.elapsed).toFixed(1)} req/s (${size})`)
    console.log(`p50 latency (${label}): ${ms(50)} ms (${size})`)
    console.log(`p95 latency (${label}): ${ms(95)} ms (${size})`)
    console.log(`p99 latency (${label}): ${ms(99)} ms (${size})`)
    console.log(`errors (${label}): ${errorCount} requests (${size})`)
    console.log(`server memory at start (${label}): ${memoryStart.toFixed(0)} MB (${size})`)
    console.log(`server memory at end (${label}): ${memoryEnd.toFixed(0)} MB (${size})`)
  } finally {
    await server.stop()
    await dropDatabase()
  }
}

for (const kind of databases) {
  if (kind !== 'pglite' && kind !== 'postgres') throw new Error(`LOAD_DATABASES: unknown database ${kind}`)
  await run(kind)
}
process.exit(0)
