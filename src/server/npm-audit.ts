// Reading the output of `npm audit --omit=dev --json` (scripts/npm-audit.ts, run in CI by .ci/run).
// npm exits with 1 both when it finds advisories and when the registry's audit endpoint fails (some registries and
// mirrors answer 405), so the exit code cannot tell them apart: the JSON can. A report has metadata.vulnerabilities
// with a count per severity; a failure has an error or a message and no counts.

export type AuditOutcome =
  | { kind: 'checked'; high: number; critical: number; total: number; blocking: string[] }
  | { kind: 'unavailable'; reason: string }

interface AuditReport {
  metadata?: { vulnerabilities?: Record<string, unknown> }
  vulnerabilities?: Record<string, { severity?: unknown }>
  message?: unknown
  error?: unknown
  statusCode?: unknown
}

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0)

export function readAuditOutput(stdout: string): AuditOutcome {
  let report: AuditReport
  try {
    report = JSON.parse(stdout) as AuditReport
  } catch {
    const start = stdout.trim().slice(0, 200)
    return { kind: 'unavailable', reason: start ? `npm audit printed no JSON: ${start}` : 'npm audit printed nothing' }
  }
  const severities = report?.metadata?.vulnerabilities
  if (severities && typeof severities === 'object') {
    const blocking = Object.entries(report.vulnerabilities ?? {})
      .filter(([, v]) => v?.severity === 'high' || v?.severity === 'critical')
      .map(([name, v]) => `${name} (${String(v.severity)})`)
      .sort()
    return {
      kind: 'checked',
      high: count(severities.high),
      critical: count(severities.critical),
      total: count(severities.total),
      blocking,
    }
  }
  const error = report?.error as { summary?: unknown } | undefined
  const reason =
    (typeof report?.message === 'string' && report.message) ||
    (typeof error?.summary === 'string' && error.summary) ||
    'npm audit gave no report of advisories'
  return { kind: 'unavailable', reason }
}

/** Whether the check fails: a high or critical advisory found, or (only when required) no audit possible. */
export function auditFails(outcome: AuditOutcome, required: boolean): boolean {
  if (outcome.kind === 'unavailable') return required
  return outcome.high + outcome.critical > 0
}
