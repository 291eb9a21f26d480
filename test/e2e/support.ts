// Browser-test support: a real server on a free port over a seeded database, Debian's Chromium driven by
// playwright-core, and an axe-core check for every page.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { createRequire } from 'node:module'
import express from 'express'
import { chromium, type Browser, type Page } from 'playwright-core'
import { testDatabaseKinds, type TestDatabaseKind } from '../../src/test-support/databases.js'
import { buildTestApp } from '../../src/test-support/http.js'
import { DEMO_PASSWORD } from '../../src/demo/seed-demo.js'
import { closeSharedBrowser } from '../../src/exports/chromium.js'
import { after, before } from 'node:test'
import { SignInPage } from './pages/sign-in-page.js'
import type { DatabaseHandle } from '../../src/db/connect.js'

const require = createRequire(import.meta.url)
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export { testDatabaseKinds, DEMO_PASSWORD }
export type { TestDatabaseKind }

export interface RunningApp {
  baseUrl: string
  database: DatabaseHandle
  stop(): Promise<void>
}

/** Starts the whole app over a fresh demo database of the given kind. */
export async function startApp(kind: TestDatabaseKind, options: { national?: boolean } = {}): Promise<RunningApp> {
  const database = await kind.openDemo(options)
  const inner = buildTestApp(database.db, (error) => console.error('[app error]', error))
  // Report slow requests, so a hang in CI says which request hung.
  const app = express()
  app.use((req, res, next) => {
    const started = Date.now()
    const timer = setTimeout(
      () => console.error(`[slow request] ${req.method} ${req.originalUrl} still running after 5 s`),
      5000,
    )
    res.on('close', () => {
      clearTimeout(timer)
      if (Date.now() - started > 5000)
        console.error(`[slow request] ${req.method} ${req.originalUrl} took ${Date.now() - started} ms`)
    })
    next()
  })
  app.use(inner)
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    database,
    async stop() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
      // A PDF download starts the app's own Chromium; it would keep the test process alive.
      await closeSharedBrowser()
      await database.close()
    },
  }
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

/** Runs axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) on the page and fails listing every violation. */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  // Evaluated through the DevTools protocol, which the page's strict CSP does not block (a <script> tag would be).
  await page.evaluate(AXE_SOURCE)
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{ violations: Array<{ id: string; help: string; nodes: Array<{ target: unknown }> }> }>
        }
      }
    ).axe
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    })
    return result.violations.map((v) => ({
      id: v.id,
      help: v.help,
      targets: v.nodes.map((n) => JSON.stringify(n.target)),
    }))
  })
  assert.deepEqual(
    violations.map((v) => `${v.id}: ${v.help} at ${v.targets.join(', ')}`),
    [],
    `axe found accessibility violations on ${label}`,
  )
}

/**
 * For a describe block of journeys: starts the app over a fresh demo database and one browser before the
 * block, stops both after it, and gives each journey pages in browser contexts of their own (their own
 * cookies), signed in as a demo account when one is named.
 */
export function browserJourneys(kind: TestDatabaseKind, options: { national?: boolean } = {}) {
  let app: RunningApp | undefined
  let browser: Browser | undefined
  before(async () => {
    app = await startApp(kind, options)
    browser = await launchBrowser()
  })
  after(async () => {
    await browser?.close()
    await app?.stop()
  })
  return {
    get app(): RunningApp {
      assert.ok(app, 'the app starts before the journeys')
      return app
    },
    async newPage(email?: string): Promise<Page> {
      assert.ok(app && browser, 'the app and browser start before the journeys')
      const page = await (await browser.newContext({ baseURL: app.baseUrl })).newPage()
      if (email) await SignInPage.signInAs(page, email)
      return page
    },
  }
}
