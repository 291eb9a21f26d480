import assert from 'node:assert/strict'
import path from 'node:path'
import { describe, it } from 'node:test'
import { ConfigError, loadConfig } from './config.js'
import { projectRoot } from '../shared/project-root.js'

describe('configuration', () => {
  it('defaults to the embedded database with demo data outside production', () => {
    const c = loadConfig({})
    assert.equal(c.port, 3000)
    assert.equal(c.databaseUrl, undefined)
    assert.equal(c.dataDir, path.join(projectRoot, 'data/pglite'))
    assert.equal(c.demoData, true)
    assert.equal(c.secureCookies, false)
  })

  it('refuses production without PostgreSQL or a session secret', () => {
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32) }),
      /DATABASE_URL is required/,
    )
    assert.throws(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x' }), ConfigError)
    const c = loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', SESSION_SECRET: 'x'.repeat(32) })
    assert.equal(c.secureCookies, true)
    assert.equal(c.demoData, false)
  })

  it('explains a bad setting', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /Invalid configuration: PORT/)
    assert.throws(() => loadConfig({ SESSION_SECRET: 'short' }), /at least 32 characters/)
  })
})
