// Cross-cutting behaviour of the app: health endpoints, security headers, error pages that leak nothing.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import express from 'express'
import request from 'supertest'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { paths } from '../web/paths.js'
import { buildTestApp } from '../test-support/http.js'
import { configureNunjucks } from './nunjucks-setup.js'
import { errorHandler, notFound } from './middleware/error-handler.js'

for (const kind of testDatabaseKinds()) {
  describe(`app on ${kind.name}`, () => {
    let database: DatabaseHandle
    let app: ReturnType<typeof buildTestApp>
    before(async () => {
      database = await kind.open()
      app = buildTestApp(database.db)
    })
    after(() => database.close())

    it('answers /ping, /health and /info without a session', async () => {
      assert.deepEqual((await request(app).get('/ping').expect(200)).body, { status: 'UP' })
      assert.deepEqual((await request(app).get('/health').expect(200)).body, { status: 'UP', database: 'UP' })
      assert.equal(((await request(app).get('/info').expect(200)).body as { name: string }).name, 'turnaround')
      const res = await request(app).get('/health')
      assert.equal(res.headers['set-cookie'], undefined)
    })

    it('sets security headers, including a nonce-based CSP and no caching', async () => {
      const res = await request(app).get('/sign-in').expect(200)
      const csp = String(res.headers['content-security-policy'])
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
      assert.ok(nonce, 'CSP has a nonce')
      assert.match(res.text, new RegExp(`<script nonce="${nonce.replace(/[+/=]/g, '\\$&')}">`))
      assert.match(csp, /default-src 'self'/)
      assert.match(csp, /frame-ancestors 'none'/)
      assert.doesNotMatch(csp, /unsafe-inline/)
      assert.equal(res.headers['x-content-type-options'], 'nosniff')
      assert.equal(res.headers['cache-control'], 'no-store')
      assert.equal(res.headers['x-powered-by'], undefined)
      assert.ok(res.headers['strict-transport-security'])
    })

    it('serves govuk-frontend locally', async () => {
      const css = await request(app).get(paths.govukStylesheet()).expect(200)
      assert.match(String(css.headers['content-type']), /text\/css/)
      await request(app).get(paths.govukScript()).expect(200)
      await request(app).get('/assets/images/favicon.svg').expect(200)
    })

    it('shows the GOV.UK 404 page for an unknown address', async () => {
      const res = await request(app).get('/no/such/page').expect(404)
      assert.match(res.text, /Page not found/)
    })
  })
}

describe('the 500 page', () => {
  it('says sorry and leaks nothing about the error', async () => {
    const app = express()
    configureNunjucks(app)
    app.get('/boom', () => {
      throw new Error('SECRET database detail: relation "app_user" at 10.0.0.1')
    })
    app.use(notFound)
    const logged: unknown[] = []
    app.use(errorHandler((e) => logged.push(e)))
    const res = await request(app).get('/boom').expect(500)
    assert.match(res.text, /Sorry, there is a problem with the service/)
    assert.doesNotMatch(res.text, /SECRET|app_user|10\.0\.0\.1|Error:/)
    assert.equal(logged.length, 1, 'the error is logged for operators')
  })
})
