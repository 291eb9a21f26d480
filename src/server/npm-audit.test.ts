import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { auditFails, readAuditOutput } from './npm-audit.js'

// What npm 11 printed here for `npm audit --omit=dev --json` when the registry refused the bulk advisory request.
const REFUSED = JSON.stringify({
  message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  method: 'POST',
  uri: 'https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
  statusCode: 405,
  body: '',
  error: { summary: '', detail: '' },
})

const report = (severities: Record<string, number>, vulnerabilities: Record<string, string> = {}) =>
  JSON.stringify({
    auditReportVersion: 2,
    vulnerabilities: Object.fromEntries(
      Object.entries(vulnerabilities).map(([name, severity]) => [name, { name, severity, isDirect: false }]),
    ),
    metadata: {
      vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0, total: 0, ...severities },
      dependencies: { prod: 180, dev: 0, optional: 12, peer: 0, peerOptional: 0, total: 180 },
    },
  })

describe('reading npm audit --json', () => {
  it('fails on a high or a critical advisory, naming the packages', () => {
    for (const severity of ['high', 'critical']) {
      const outcome = readAuditOutput(report({ [severity]: 1, total: 1 }, { 'some-package': severity }))
      assert.deepEqual(outcome, {
        kind: 'checked',
        high: severity === 'high' ? 1 : 0,
        critical: severity === 'critical' ? 1 : 0,
        total: 1,
        blocking: [`some-package (${severity})`],
      })
      assert.equal(auditFails(outcome, false), true)
    }
  })

  it('passes a report with only low and moderate advisories, or none', () => {
    const outcome = readAuditOutput(report({ low: 2, moderate: 1, total: 3 }, { a: 'low', b: 'low', c: 'moderate' }))
    assert.equal(outcome.kind, 'checked')
    assert.equal(auditFails(outcome, false), false)
    assert.equal(auditFails(readAuditOutput(report({})), true), false)
  })

  it('tells a refused audit request from a report of advisories, and fails it only when an audit is required', () => {
    const outcome = readAuditOutput(REFUSED)
    assert.deepEqual(outcome, {
      kind: 'unavailable',
      reason: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk',
    })
    assert.equal(auditFails(outcome, false), false)
    assert.equal(auditFails(outcome, true), true)
  })

  it('counts output that is not JSON, or empty, as no audit', () => {
    assert.deepEqual(readAuditOutput(''), { kind: 'unavailable', reason: 'npm audit printed nothing' })
    assert.equal(readAuditOutput('npm error network timeout').kind, 'unavailable')
    assert.equal(readAuditOutput('{}').kind, 'unavailable')
  })
})
