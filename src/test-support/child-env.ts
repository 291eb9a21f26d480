// The environment for a child process that runs the app: this process's environment (PATH and the rest) without the
// app's own database and process settings, plus what the test sets.
function baseEnv(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _server, WORKERS: _workers, SESSION_SECRET: _secret, ...rest } = process.env
  return rest
}

/** The app on its embedded database. */
export function embeddedAppEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...baseEnv(), ...extra }
}

/** The app on the PostgreSQL database at `databaseUrl`. */
export function postgresAppEnv(databaseUrl: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  return { ...baseEnv(), DATABASE_URL: databaseUrl, ...extra }
}
