// `npm run audit:prod` (and CI, .ci/run): `npm audit --omit=dev`, failing on any high or critical advisory in the
// dependencies the app runs with. When the registry cannot answer an audit (its endpoint returns an error, as some
// registries and mirrors do with 405), it prints a warning that no audit was made and passes, unless
// NPM_AUDIT_REQUIRED=true, which makes that a failure too. See src/server/npm-audit.ts for how the two are told apart.
import { spawnSync } from 'node:child_process'
import { auditFails, readAuditOutput } from '../src/server/npm-audit.js'

const required = process.env.NPM_AUDIT_REQUIRED === 'true'
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const run = spawnSync(npm, ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
const outcome = run.error
  ? { kind: 'unavailable' as const, reason: `could not run npm: ${run.error.message}` }
  : readAuditOutput(run.stdout)

if (outcome.kind === 'checked') {
  console.log(
    `npm audit --omit=dev: ${outcome.total} advisories, of which ${outcome.high} high and ${outcome.critical} critical.`,
  )
  if (outcome.blocking.length)
    console.log(`High or critical: ${outcome.blocking.join(', ')}. Run npm audit for details.`)
} else {
  console.warn(
    `WARNING: npm audit --omit=dev could not be performed: ${outcome.reason}\n` +
      `WARNING: the production dependencies were NOT checked for advisories` +
      (required ? ' (NPM_AUDIT_REQUIRED=true: failing).' : ' (set NPM_AUDIT_REQUIRED=true to fail instead).'),
  )
}
process.exit(auditFails(outcome, required) ? 1 : 0)
