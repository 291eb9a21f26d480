// The one place that reads the environment. Everything else receives a Config.
import path from 'node:path'
import { z } from 'zod'
import { projectRoot } from '../shared/project-root.js'
import type { MailSettings } from '../mail/transports.js'

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** App processes answering on PORT (node's cluster): more than one needs PostgreSQL. */
  WORKERS: z.coerce.number().int().min(1, 'WORKERS must be 1 or more').max(64).default(1),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  DEMO_DATA: z.enum(['true', 'false']).optional(),
  CHECKPOINT_INTERVAL_SECONDS: z.coerce.number().int().min(5).default(300),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  GIT_COMMIT: z.string().optional(),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** PDFs printed at once, and PDF requests kept waiting for a turn (more are told to try again). */
  PDF_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  PDF_MAX_WAITING: z.coerce.number().int().min(0).max(1000).default(10),
  /** The address people reach the app at, for links in emails (never taken from a request's Host header). */
  PUBLIC_URL: z.string().url().optional(),
  // Email (docs/decisions/0016-mail-outbox.md). An empty value counts as not set.
  MAIL_FROM: blankIsUnset(z.string().min(3).default('Turnaround <no-reply@turnaround.invalid>')),
  MAIL_TRANSPORT: blankIsUnset(z.enum(['smtp', 'notify', 'outbox']).optional()),
  SMTP_HOST: blankIsUnset(z.string().optional()),
  SMTP_PORT: blankIsUnset(z.coerce.number().int().min(1).max(65535).default(587)),
  SMTP_SECURE: blankIsUnset(z.enum(['true', 'false']).optional()),
  SMTP_USER: blankIsUnset(z.string().optional()),
  SMTP_PASSWORD: blankIsUnset(z.string().optional()),
  NOTIFY_API_KEY: blankIsUnset(z.string().min(74, 'NOTIFY_API_KEY is too short to be a Notify API key').optional()),
  NOTIFY_TEMPLATE_ID: blankIsUnset(
    z.guid("NOTIFY_TEMPLATE_ID must be the template's ID from Notify (36 characters with dashes)").optional(),
  ),
})

/** An environment variable set to '' (as `SMTP_HOST=` in a .env file leaves it) counts as not set. */
function blankIsUnset<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => (value === '' ? undefined : value), schema)
}

export interface Config {
  production: boolean
  port: number
  /** PostgreSQL server; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl: string | undefined
  dataDir: string
  sessionSecret: string
  /** True when SESSION_SECRET was not set and sessionSecret is this process's own random one. */
  sessionSecretIsRandom: boolean
  /**
   * WORKERS: how many app processes answer on the port (default 1: this process serves). With more, a primary
   * process prepares the database once, then starts that many workers (node's cluster), restarts any that die
   * and stops them all on SIGINT, SIGTERM or SIGHUP. Only on PostgreSQL: PGlite is one process.
   */
  workers: number
  /** Load the demo council into an empty database at start-up. */
  demoData: boolean
  checkpointIntervalMs: number
  trustProxy: boolean
  /** Secure cookies need HTTPS; on in production. */
  secureCookies: boolean
  version: string
  commit: string
  /** Debian's Chromium, used to print reports to PDF and draw charts into Word documents. */
  chromiumPath: string
  /**
   * PDF printing (src/exports/pdf-queue.ts): PDF_CONCURRENCY prints at once (default 2) and PDF_MAX_WAITING
   * requests waiting (default 10); one more is answered 503 "try again in a minute".
   */
  pdfConcurrency: number
  pdfMaxWaiting: number
  /** Where links in emails point: PUBLIC_URL, or http://localhost:<port> on a developer's machine. */
  publicUrl: string
  /**
   * How email leaves (src/mail/transports.ts). MAIL_TRANSPORT chooses ('smtp', 'notify' or 'outbox'); without it,
   * SMTP when SMTP_HOST is set (SMTP_PORT, default 587; SMTP_SECURE=true for TLS from the start, as on port 465;
   * SMTP_USER and SMTP_PASSWORD when the server asks for a login), else GOV.UK Notify when NOTIFY_API_KEY is set
   * (with NOTIFY_TEMPLATE_ID: one email template whose subject is ((subject)) and whose body is ((body))), else
   * the outbox: nothing is sent, and messages wait on the council's Sent mail page. MAIL_FROM is the sender
   * for SMTP (Notify sends from the service's own address).
   */
  mail: MailSettings
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, version = '0.0.0'): Config {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')
    throw new ConfigError(`Invalid configuration: ${problems}`)
  }
  const e = parsed.data
  const production = e.NODE_ENV === 'production'
  if (production && !e.DATABASE_URL) {
    throw new ConfigError('DATABASE_URL is required when NODE_ENV=production: production runs on PostgreSQL')
  }
  if (production && !e.PUBLIC_URL) {
    throw new ConfigError('PUBLIC_URL is required when NODE_ENV=production: links in emails point there')
  }
  if (production && !e.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET (32+ characters) is required when NODE_ENV=production')
  }
  if (e.WORKERS > 1 && !e.DATABASE_URL) {
    throw new ConfigError(
      `WORKERS=${e.WORKERS} needs PostgreSQL: set DATABASE_URL. The embedded PGlite database runs inside one ` +
        'process and locks its data folder, so it cannot be shared by several; without DATABASE_URL, set WORKERS=1',
    )
  }
  return {
    production,
    port: e.PORT,
    workers: e.WORKERS,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(projectRoot, e.DATA_DIR ?? 'data/pglite'),
    // Outside production a per-process random secret is fine for one process: sessions live in the database,
    // and the secret only signs the cookie. Workers started with WORKERS are given their primary's; processes
    // started separately on one database need SESSION_SECRET, or each refuses the others' cookies.
    sessionSecret: e.SESSION_SECRET ?? cryptoRandom(),
    sessionSecretIsRandom: e.SESSION_SECRET === undefined,
    demoData: e.DEMO_DATA ? e.DEMO_DATA === 'true' : !production,
    checkpointIntervalMs: e.CHECKPOINT_INTERVAL_SECONDS * 1000,
    trustProxy: e.TRUST_PROXY === 'true',
    secureCookies: production,
    version,
    commit: e.GIT_COMMIT ?? 'unknown',
    chromiumPath: e.CHROMIUM_PATH,
    pdfConcurrency: e.PDF_CONCURRENCY,
    pdfMaxWaiting: e.PDF_MAX_WAITING,
    publicUrl: (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, ''),
    mail: mailSettings(e),
  }
}

function mailSettings(e: z.output<typeof envSchema>): MailSettings {
  const transport = e.MAIL_TRANSPORT ?? (e.SMTP_HOST ? 'smtp' : e.NOTIFY_API_KEY ? 'notify' : 'outbox')
  const from = e.MAIL_FROM
  if (transport === 'smtp') {
    if (!e.SMTP_HOST) throw new ConfigError('MAIL_TRANSPORT=smtp needs SMTP_HOST, the mail server to send through')
    if (Boolean(e.SMTP_USER) !== Boolean(e.SMTP_PASSWORD)) {
      throw new ConfigError('Set both SMTP_USER and SMTP_PASSWORD, or neither (a server that needs no login)')
    }
    return {
      transport,
      from,
      smtp: {
        host: e.SMTP_HOST,
        port: e.SMTP_PORT,
        secure: e.SMTP_SECURE ? e.SMTP_SECURE === 'true' : e.SMTP_PORT === 465,
        ...(e.SMTP_USER && e.SMTP_PASSWORD ? { user: e.SMTP_USER, password: e.SMTP_PASSWORD } : {}),
      },
    }
  }
  if (transport === 'notify') {
    if (!e.NOTIFY_API_KEY) throw new ConfigError('MAIL_TRANSPORT=notify needs NOTIFY_API_KEY, a GOV.UK Notify API key')
    if (!e.NOTIFY_TEMPLATE_ID) {
      throw new ConfigError(
        'GOV.UK Notify needs NOTIFY_TEMPLATE_ID: the id of an email template whose subject is ((subject)) and body ((body))',
      )
    }
    return { transport, from, notify: { apiKey: e.NOTIFY_API_KEY, templateId: e.NOTIFY_TEMPLATE_ID } }
  }
  return { transport: 'outbox', from, chosen: e.MAIL_TRANSPORT === 'outbox' }
}

function cryptoRandom(): string {
  return globalThis.crypto.randomUUID() + globalThis.crypto.randomUUID()
}
