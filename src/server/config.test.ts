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

  it('refuses production without PostgreSQL, a session secret or the public address', () => {
    const url = 'https://turnaround.example.gov.uk'
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(32), PUBLIC_URL: url }),
      /DATABASE_URL is required/,
    )
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', PUBLIC_URL: url }),
      /SESSION_SECRET/,
    )
    assert.throws(
      () => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db/x', SESSION_SECRET: 'x'.repeat(32) }),
      /PUBLIC_URL is required/,
    )
    const c = loadConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://db/x',
      SESSION_SECRET: 'x'.repeat(32),
      PUBLIC_URL: `${url}/`,
    })
    assert.equal(c.publicUrl, url)
    assert.equal(c.secureCookies, true)
    assert.equal(c.demoData, false)
  })

  it('runs one process unless WORKERS asks for more, and more only on PostgreSQL', () => {
    assert.equal(loadConfig({}).workers, 1)
    assert.equal(loadConfig({ WORKERS: '4', DATABASE_URL: 'postgres://db/x' }).workers, 4)
    assert.throws(
      () => loadConfig({ WORKERS: '2' }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /^WORKERS=2 needs PostgreSQL: set DATABASE_URL\. The embedded PGlite database runs inside one process/.test(
          error.message,
        ),
    )
    assert.throws(() => loadConfig({ WORKERS: '0', DATABASE_URL: 'postgres://db/x' }), /WORKERS must be 1 or more/)
    assert.throws(() => loadConfig({ WORKERS: 'two' }), /Invalid configuration: WORKERS/)
  })

  it('says when the session secret is this process’s own random one', () => {
    assert.equal(loadConfig({}).sessionSecretIsRandom, true)
    assert.notEqual(loadConfig({}).sessionSecret, loadConfig({}).sessionSecret)
    const set = loadConfig({ SESSION_SECRET: 's'.repeat(32) })
    assert.equal(set.sessionSecretIsRandom, false)
    assert.equal(set.sessionSecret, 's'.repeat(32))
  })

  it('explains a bad setting', () => {
    assert.throws(() => loadConfig({ PORT: 'eighty' }), /Invalid configuration: PORT/)
    assert.throws(() => loadConfig({ SESSION_SECRET: 'short' }), /at least 32 characters/)
  })
})

describe('mail configuration', () => {
  const NOTIFY_KEY = `turnaround-${'1'.repeat(8)}-1111-4111-8111-${'1'.repeat(12)}-${'2'.repeat(8)}-2222-4222-8222-${'2'.repeat(12)}`
  const TEMPLATE = 'f33517ff-2a88-4f6e-b855-c550268ce08a'

  it('keeps mail in the outbox when nothing is set, as on a newcomer’s machine', () => {
    assert.deepEqual(loadConfig({}).mail, {
      transport: 'outbox',
      from: 'Turnaround <no-reply@turnaround.invalid>',
      chosen: false,
    })
    // A setting left empty in a .env file counts as not set.
    assert.equal(loadConfig({ SMTP_HOST: '', NOTIFY_API_KEY: '' }).mail.transport, 'outbox')
  })

  it('sends through SMTP when SMTP_HOST is set, on port 587 with STARTTLS unless told otherwise', () => {
    assert.deepEqual(
      loadConfig({ SMTP_HOST: 'smtp.council.example', MAIL_FROM: 'Turnaround <t@council.example>' }).mail,
      {
        transport: 'smtp',
        from: 'Turnaround <t@council.example>',
        smtp: { host: 'smtp.council.example', port: 587, secure: false },
      },
    )
    const tls = loadConfig({ SMTP_HOST: 'smtp.council.example', SMTP_PORT: '465', SMTP_USER: 'u', SMTP_PASSWORD: 'p' })
    assert.deepEqual(tls.mail.transport === 'smtp' && tls.mail.smtp, {
      host: 'smtp.council.example',
      port: 465,
      secure: true,
      user: 'u',
      password: 'p',
    })
    const plain = loadConfig({ SMTP_HOST: 'mail', SMTP_PORT: '25', SMTP_SECURE: 'false' })
    assert.equal(plain.mail.transport === 'smtp' && plain.mail.smtp.secure, false)
  })

  it('sends through GOV.UK Notify when its key is set, and SMTP wins when both are', () => {
    assert.deepEqual(loadConfig({ NOTIFY_API_KEY: NOTIFY_KEY, NOTIFY_TEMPLATE_ID: TEMPLATE }).mail, {
      transport: 'notify',
      from: 'Turnaround <no-reply@turnaround.invalid>',
      notify: { apiKey: NOTIFY_KEY, templateId: TEMPLATE },
    })
    const both = { SMTP_HOST: 'mail', NOTIFY_API_KEY: NOTIFY_KEY, NOTIFY_TEMPLATE_ID: TEMPLATE }
    assert.equal(loadConfig(both).mail.transport, 'smtp')
    assert.equal(loadConfig({ ...both, MAIL_TRANSPORT: 'notify' }).mail.transport, 'notify')
    assert.deepEqual(loadConfig({ ...both, MAIL_TRANSPORT: 'outbox' }).mail, {
      transport: 'outbox',
      from: 'Turnaround <no-reply@turnaround.invalid>',
      chosen: true,
    })
  })

  it('explains mail settings that cannot work, without repeating a secret', () => {
    assert.throws(() => loadConfig({ NOTIFY_API_KEY: NOTIFY_KEY }), /needs NOTIFY_TEMPLATE_ID/)
    assert.throws(() => loadConfig({ MAIL_TRANSPORT: 'notify' }), /MAIL_TRANSPORT=notify needs NOTIFY_API_KEY/)
    assert.throws(() => loadConfig({ MAIL_TRANSPORT: 'smtp' }), /MAIL_TRANSPORT=smtp needs SMTP_HOST/)
    assert.throws(() => loadConfig({ SMTP_HOST: 'mail', SMTP_USER: 'u' }), /Set both SMTP_USER and SMTP_PASSWORD/)
    assert.throws(() => loadConfig({ MAIL_TRANSPORT: 'carrier-pigeon' }), /Invalid configuration: MAIL_TRANSPORT/)
    assert.throws(
      () => loadConfig({ NOTIFY_API_KEY: NOTIFY_KEY, NOTIFY_TEMPLATE_ID: 'my-template' }),
      /NOTIFY_TEMPLATE_ID must be the template's ID/,
    )
    assert.throws(
      () => loadConfig({ NOTIFY_API_KEY: 'short-secret-key', NOTIFY_TEMPLATE_ID: TEMPLATE }),
      (error: unknown) =>
        error instanceof ConfigError &&
        /NOTIFY_API_KEY is too short/.test(error.message) &&
        !error.message.includes('short-secret-key'),
    )
  })
})
