// Helpers for HTTP tests: an app built in the test (no port), and signed-in supertest agents.
import assert from 'node:assert/strict'
import request from 'supertest'
import type { Db } from '../db/connect.js'
import { createApp, type Services } from '../server/app.js'
import { DEMO_PASSWORD } from '../demo/seed-demo.js'

export function buildTestApp(
  db: Db,
  log: (error: unknown) => void = () => {},
  overrides: Partial<Services['config']> = {},
  more: Pick<Services, 'clock' | 'pdfPrinter'> = {},
) {
  return createApp({
    ...more,
    db,
    config: {
      production: false,
      sessionSecret: 'test-secret-test-secret-test-secret-000',
      secureCookies: false,
      trustProxy: false,
      version: 'test',
      commit: 'test',
      chromiumPath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      pdfConcurrency: 2,
      pdfMaxWaiting: 10,
      publicUrl: 'http://turnaround.test',
      ...overrides,
    },
    log,
  })
}

export type Agent = ReturnType<typeof request.agent>

export function csrfFrom(html: string): string {
  const match = /name="_csrf" value="([^"]+)"/.exec(html)
  assert.ok(match, 'page has no CSRF token')
  return match[1]!
}

/** A fresh agent (own cookie jar) signed in as the given demo account. */
export async function signedIn(
  app: ReturnType<typeof buildTestApp>,
  email: string,
  password = DEMO_PASSWORD,
): Promise<Agent> {
  const agent = request.agent(app)
  const page = await agent.get('/sign-in').expect(200)
  const response = await agent
    .post('/sign-in')
    .type('form')
    .send({ email, password, _csrf: csrfFrom(page.text), returnTo: '/' })
  assert.equal(response.status, 302, `sign-in as ${email} failed with ${response.status}`)
  return agent
}

/** POST a form the way a browser does: fetch the page for its CSRF token first. */
export async function postForm(agent: Agent, pageUrl: string, action: string, fields: Record<string, string>) {
  const page = await agent.get(pageUrl)
  assert.equal(page.status, 200, `GET ${pageUrl} returned ${page.status}`)
  return agent
    .post(action)
    .type('form')
    .send({ ...fields, _csrf: csrfFrom(page.text) })
}

/** A GOV.UK date input's three fields (`name-day`, `name-month`, `name-year`) for a yyyy-mm-dd date. */
export function dateFields(name: string, iso: string): Record<string, string> {
  const [year = '', month = '', day = ''] = iso.split('-')
  return { [`${name}-day`]: String(Number(day)), [`${name}-month`]: String(Number(month)), [`${name}-year`]: year }
}

/** Signs in as the demo account and accepts every invitation waiting for it (to join another council). */
export async function acceptCouncilInvitations(app: ReturnType<typeof buildTestApp>, email: string): Promise<void> {
  const agent = await signedIn(app, email)
  const page = await agent.get('/account/invitations')
  assert.equal(page.status, 200)
  const ids = [...page.text.matchAll(/action="\/account\/invitations\/(\d+)"/g)].map((m) => m[1]!)
  assert.ok(ids.length > 0, `no invitation is waiting for ${email}`)
  for (const id of ids) {
    const res = await agent
      .post(`/account/invitations/${id}`)
      .type('form')
      .send({ _csrf: csrfFrom(page.text), answer: 'accept' })
    assert.equal(res.status, 302, `accepting invitation ${id} as ${email}`)
  }
}
