// The environment for a child process that runs the app on its embedded database: this process's environment
// (PATH and the rest) without DATABASE_URL, plus what the test sets.
export function embeddedAppEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { DATABASE_URL: _server, ...rest } = process.env
  return { ...rest, ...extra }
}
