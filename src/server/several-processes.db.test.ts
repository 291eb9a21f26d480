// Several app processes on one database (docs/decisions/0024-several-processes.md), as real processes started
// from the command line. On PostgreSQL: two processes started separately share sign-ins, form tokens, flash
// messages and attempt limits through the database; and WORKERS=2 prepares the database once, serves from two
// workers, restarts one that is killed, and stops them all on SIGTERM. On PGlite: WORKERS above 1 is refused.
// The PostgreSQL part needs TEST_DATABASE_URL (CI sets it); without it, it is reported as skipped, not passed.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import { DEMO_PASSWORD } from '../demo/seed-demo.js'
import { spawnApp, startApp, WebClient, type RunningApp } from '../test-support/app-process.js'
import { embeddedAppEnv, postgresAppEnv } from '../test-support/child-env.js'
import { testPostgresServerUrl } from '../test-support/databases.js'
import { createPostgresCopy } from '../test-support/templates.js'
import { paths } from '../web/paths.js'

const SECRET = 'several-processes-test-secret-0123456789'
const postgresUrl = testPostgresServerUrl()
const needsPostgres = postgresUrl ? false : 'needs PostgreSQL: set TEST_DATABASE_URL (CI does)'

function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html)
  assert.ok(match, 'the page has no CSRF token')
  return match[1]!
}

/** Signs `client` in through `app`; the session cookie it gets is then good on any process of the database. */
async function signIn(client: WebClient, app: RunningApp, email: string, password = DEMO_PASSWORD) {
  const page = await client.get(`${app.url}${paths.signIn()}`)
  return client.post(`${app.url}${paths.signIn()}`, { email, password, _csrf: csrfFrom(page.text), returnTo: '/' })
}

/** Whether a process with this id is running. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('WORKERS on the embedded database', () => {
  it('is refused above 1, saying PostgreSQL is needed, before the data folder is touched', async () => {
    const dataDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'turnaround-workers-')), 'pglite')
    try {
      const app = spawnApp(embeddedAppEnv({ DATA_DIR: dataDir, PORT: '0', WORKERS: '2' }))
      const exit = await app.exited
      assert.equal(exit.code, 1, app.output())
      assert.match(app.output(), /WORKERS=2 needs PostgreSQL: set DATABASE_URL\. The embedded PGlite database runs/)
      assert.equal(fs.existsSync(dataDir), false, 'no database was created')
    } finally {
      fs.rmSync(path.dirname(dataDir), { recursive: true, force: true })
    }
  })
})

describe('two app processes started separately on one PostgreSQL database', { skip: needsPostgres }, () => {
  let database: { url: string; drop(): Promise<void> }
  let a: RunningApp
  let b: RunningApp

  before(async () => {
    database = await createPostgresCopy(postgresUrl!, 'national')
    const env = postgresAppEnv(database.url, { PORT: '0', SESSION_SECRET: SECRET })
    ;[a, b] = await Promise.all([startApp(env), startApp(env)])
  })
  after(async () => {
    await Promise.all([a?.stop('SIGKILL'), b?.stop('SIGKILL')])
    await database?.drop()
  })

  it('signs in on one and acts on the other: the session, its form token and its message are shared', async () => {
    const client = new WebClient()
    const signedIn = await signIn(client, a, 'improvement@bradford.example')
    assert.equal(signedIn.status, 302, signedIn.text)
    const reminders = /value="reminders"[^>]*checked/
    // Through B, with A's session cookie: the form carries the session's token, and B accepts it back.
    const form = await client.get(`${b.url}${paths.mailPreferences()}`)
    assert.equal(form.status, 200)
    assert.match(form.text, reminders, 'reminders are on to start with')
    const saved = await client.post(`${b.url}${paths.mailPreferences()}`, {
      choices: ['notices', 'digest'],
      _csrf: csrfFrom(form.text),
    })
    assert.equal(saved.status, 302, saved.text)
    // Back on A: the change, and the message B left in the session for the next page.
    const page = await client.get(`${a.url}${paths.mailPreferences()}`)
    assert.equal(page.status, 200)
    assert.doesNotMatch(page.text, reminders)
    assert.match(page.text, /value="digest"[^>]*checked/)
    assert.match(page.text, /Your email choices are saved/)
    // Signing out on B ends the session on A too.
    assert.equal((await client.post(`${b.url}${paths.signOut()}`, { _csrf: csrfFrom(page.text) })).status, 302)
    const afterSignOut = await client.get(`${a.url}${paths.mailPreferences()}`)
    assert.equal(afterSignOut.status, 302)
    assert.match(afterSignOut.location ?? '', /^\/sign-in/)
  })

  it('counts wrong current passwords on one against the limit on the other', async () => {
    const client = new WebClient()
    assert.equal((await signIn(client, a, 'councillor@bradford.example')).status, 302)
    const change = async (app: RunningApp, currentPassword: string) => {
      const form = await client.get(`${app.url}${paths.changePassword()}`)
      return client.post(`${app.url}${paths.changePassword()}`, {
        currentPassword,
        password: 'a-new-long-password-2026',
        confirmPassword: 'a-new-long-password-2026',
        _csrf: csrfFrom(form.text),
      })
    }
    for (let i = 0; i < 5; i++) assert.equal((await change(a, `not-it-${i}`)).status, 400)
    const refused = await change(b, DEMO_PASSWORD)
    assert.equal(refused.status, 429)
    assert.match(refused.text, /Too many wrong passwords/)
  })

  it('both stop cleanly on SIGTERM', async () => {
    const [stopA, stopB] = await Promise.all([a.stop(), b.stop()])
    assert.equal(stopA.code, 0, a.output())
    assert.equal(stopB.code, 0, b.output())
  })
})

describe('WORKERS=2 on one PostgreSQL database', { skip: needsPostgres }, () => {
  let database: { url: string; drop(): Promise<void> }
  let primary: RunningApp
  const workerPids = () => [...primary.output().matchAll(/Worker (\d+) is listening/g)].map((m) => Number(m[1]))

  before(async () => {
    // The demo without the national statistics: the primary loads them, once, before starting the workers.
    database = await createPostgresCopy(postgresUrl!, 'demo')
    primary = await startApp(postgresAppEnv(database.url, { PORT: '0', WORKERS: '2' }))
  })
  after(async () => {
    await primary?.stop('SIGKILL')
    for (const pid of workerPids()) if (alive(pid)) process.kill(pid, 'SIGKILL')
    await database?.drop()
  })

  it('prepares the database once, then serves from two workers with one session secret', async () => {
    const output = primary.output()
    assert.match(output, /Turnaround is running at http:\/\/localhost:\d+ \(2 worker processes\)/)
    assert.equal(output.match(/Loading the national statistics/g)?.length, 1, output)
    const pids = workerPids()
    assert.equal(new Set(pids).size, 2, output)
    assert.ok(!pids.includes(primary.pid), 'the workers are processes of their own')
    // Connections are shared out in turn: a sign-in and the pages after it pass through both workers, and every
    // one accepts the session (the workers were given the primary's secret: no SESSION_SECRET is set).
    const client = new WebClient()
    assert.equal((await signIn(client, primary, 'improvement@bradford.example')).status, 302)
    for (let i = 0; i < 4; i++) assert.equal((await client.get(`${primary.url}${paths.mailPreferences()}`)).status, 200)
  })

  it('starts another worker when one dies, after a pause, and keeps serving', async () => {
    const [victim, survivor] = workerPids() as [number, number]
    process.kill(victim, 'SIGKILL')
    await primary.waitFor(new RegExp(`Worker ${victim} ended \\(signal SIGKILL\\).*starting another in 1 s`))
    assert.equal((await fetch(`${primary.url}/health`)).status, 200, 'the other worker answers meanwhile')
    await primary.waitFor(/(?:Worker \d+ is listening[\s\S]*){3}/)
    const replacement = workerPids().at(-1)!
    assert.ok(![victim, survivor].includes(replacement))
    for (let i = 0; i < 4; i++) assert.equal((await fetch(`${primary.url}/health`)).status, 200)
  })

  it('stops every worker and itself on SIGTERM, cleanly', async () => {
    const running = workerPids().slice(-2)
    const exit = await primary.stop('SIGTERM')
    assert.equal(exit.code, 0, primary.output())
    assert.match(primary.output(), /SIGTERM received: stopping the workers/)
    for (const pid of running) assert.equal(alive(pid), false, `worker ${pid} is still running`)
  })
})
