// The one place that reads the environment. Everything else receives a Config.
import path from 'node:path'
import { z } from 'zod'
import { projectRoot } from '../shared/project-root.js'

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().optional(),
  SESSION_SECRET: z.string().min(32, 'SESSION_SECRET must be at least 32 characters').optional(),
  DEMO_DATA: z.enum(['true', 'false']).optional(),
  CHECKPOINT_INTERVAL_SECONDS: z.coerce.number().int().min(5).default(300),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  GIT_COMMIT: z.string().optional(),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
})

export interface Config {
  production: boolean
  port: number
  /** PostgreSQL server; when absent the embedded PGlite database in dataDir is used. */
  databaseUrl: string | undefined
  dataDir: string
  sessionSecret: string
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
  if (production && !e.SESSION_SECRET) {
    throw new ConfigError('SESSION_SECRET (32+ characters) is required when NODE_ENV=production')
  }
  return {
    production,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: path.resolve(projectRoot, e.DATA_DIR ?? 'data/pglite'),
    // Outside production a per-process random secret is fine: sessions live in the database,
    // and the secret only signs the cookie.
    sessionSecret: e.SESSION_SECRET ?? cryptoRandom(),
    demoData: e.DEMO_DATA ? e.DEMO_DATA === 'true' : !production,
    checkpointIntervalMs: e.CHECKPOINT_INTERVAL_SECONDS * 1000,
    trustProxy: e.TRUST_PROXY === 'true',
    secureCookies: production,
    version,
    commit: e.GIT_COMMIT ?? 'unknown',
    chromiumPath: e.CHROMIUM_PATH,
  }
}

function cryptoRandom(): string {
  return globalThis.crypto.randomUUID() + globalThis.crypto.randomUUID()
}
