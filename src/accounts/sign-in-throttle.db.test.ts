import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import request from 'supertest'
import type { DatabaseHandle } from '../db/connect.js'
import type { AuditAction } from '../db/database.js'
import { DEMO_PASSWORD } from '../demo/seed-demo.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, signedIn } from '../test-support/http.js'
import { paths } from '../web/paths.js'
import {
  FORGET_AFTER_MS,
  MAX_DELAY_MS,
  pruneSignInThrottle,
  recordFailure,
  throttleState,
} from './sign-in-throttle-repository.js'

const START = Date.parse('2026-12-07T10:00:00Z')

for (const kind of testDatabaseKinds()) {
  describe(`sign-in throttling on ${kind.name}`, () => {
    let database: DatabaseHandle
    let time = START
    const clock = () => new Date(time)
    // Two processes on one database: each its own app (and, before the counters moved to the database, its own
    // counters). Behind a proxy, so each test can choose its client address with X-Forwarded-For.
    let app: ReturnType<typeof buildTestApp>
    let otherApp: ReturnType<typeof buildTestApp>

    before(async () => {
      database = await kind.openDemo()
      app = buildTestApp(database.db, undefined, { trustProxy: true }, { clock })
      otherApp = buildTestApp(database.db, undefined, { trustProxy: true }, { clock })
    })
    after(() => database.close())

    async function attempt(email: string, password: string, address: string, via = app) {
      const agent = request.agent(via)
      const page = await agent.get('/sign-in')
      return agent
        .post('/sign-in')
        .set('X-Forwarded-For', address)
        .type('form')
        .send({ email, password, _csrf: csrfFrom(page.text), returnTo: '/' })
    }

    const audit = (action: AuditAction) =>
      database.db
        .selectFrom('audit_log')
        .leftJoin('organisation', 'organisation.id', 'audit_log.organisation_id')
        .select(['audit_log.summary', 'audit_log.entity_type', 'organisation.slug'])
        .where('audit_log.action', '=', action)
        .orderBy('audit_log.id')
        .execute()

    it('delays an account after 5 failures by 1 s, doubling with each further failure up to 15 minutes', async () => {
      const db = database.db
      const at = new Date(START)
      const email = 'delays@nowhere.example'
      for (let i = 1; i <= 4; i++) await recordFailure(db, email, '198.51.100.1', at)
      assert.equal((await throttleState(db, email, '198.51.100.2', at)).account.waitMs, 0)
      const waits: number[] = []
      for (let i = 5; i <= 20; i++) {
        await recordFailure(db, email, `198.51.100.${i}`, at)
        waits.push((await throttleState(db, email, '198.51.100.99', at)).account.waitMs)
      }
      assert.deepEqual(waits.slice(0, 4), [1000, 2000, 4000, 8000])
      assert.ok(
        waits.every((w, i) => i === 0 || w >= waits[i - 1]!),
        `never shrinks: ${waits.join(', ')}`,
      )
      assert.equal(Math.max(...waits), MAX_DELAY_MS, 'bounded at 15 minutes')
      assert.equal(waits.at(-1), MAX_DELAY_MS)
      // The wait counts down, and a count quiet for an hour is forgotten and pruned.
      const later = new Date(START + 60_000)
      assert.equal((await throttleState(db, email, '198.51.100.99', later)).account.waitMs, MAX_DELAY_MS - 60_000)
      const quiet = new Date(START + FORGET_AFTER_MS)
      assert.deepEqual((await throttleState(db, email, '198.51.100.99', quiet)).account, { failures: 0, waitMs: 0 })
      const pruned = await pruneSignInThrottle(db, quiet)
      assert.ok(pruned >= 1, `pruned ${pruned}`)
      const left = await db.selectFrom('sign_in_throttle').select('key').where('key', '=', `account:${email}`).execute()
      assert.deepEqual(left, [])
    })

    it('refuses even the right password during the delay, with the wait, without checking it', async () => {
      time = START + 1 * 3_600_000
      const address = '203.0.113.10'
      for (let i = 0; i < 5; i++) {
        assert.equal((await attempt('board@bradford.example', 'wrong', address)).status, 400)
      }
      const refused = await attempt('board@bradford.example', DEMO_PASSWORD, address)
      assert.equal(refused.status, 429)
      assert.equal(refused.headers['retry-after'], '1')
      assert.match(refused.text, /There is a problem/)
      assert.match(refused.text, /Too many failed attempts to sign in. Wait 1 second, then try again/)
      assert.match(refused.text, /value="board@bradford.example"/, 'keeps the email typed')
      // An email nobody has gets exactly the same answer: the delay reveals nothing about accounts.
      for (let i = 0; i < 5; i++) await attempt('nobody-here@bradford.example', 'wrong', address)
      const unknown = await attempt('nobody-here@bradford.example', 'wrong', address)
      assert.equal(unknown.status, 429)
      assert.match(unknown.text, /Too many failed attempts to sign in. Wait 1 second, then try again/)
      // A wrong password once the delay has passed doubles it; the right one after that signs in.
      time += 1001
      assert.equal((await attempt('board@bradford.example', 'wrong', address)).status, 400)
      const doubled = await attempt('board@bradford.example', DEMO_PASSWORD, address)
      assert.equal(doubled.status, 429)
      assert.match(doubled.text, /Wait 2 seconds/)
      time += 2001
      assert.equal((await attempt('board@bradford.example', DEMO_PASSWORD, address)).status, 302)
      // Signing in cleared the account's count: one more mistake is not delayed.
      assert.equal((await attempt('board@bradford.example', 'wrong', address)).status, 400)
      assert.equal((await attempt('board@bradford.example', DEMO_PASSWORD, address)).status, 302)
    })

    it('does not let an attacker hammering an email from one address keep its owner out at another', async () => {
      time = START + 2 * 3_600_000
      // Each guess as soon as the last delay allows: the 12th leaves a delay of 2 minutes 8 seconds.
      for (let i = 0; i < 12; i++) {
        time += 70_000
        assert.equal((await attempt('director@bradford.example', `guess ${i}`, '192.0.2.66')).status, 400)
      }
      const attacker = await attempt('director@bradford.example', DEMO_PASSWORD, '192.0.2.66')
      assert.equal(attacker.status, 429)
      assert.match(attacker.text, /Wait 3 minutes/)
      // The owner, from an address with no failures, has their password checked and signs in.
      const owner = await attempt('director@bradford.example', DEMO_PASSWORD, '198.51.100.200')
      assert.equal(owner.status, 302)
    })

    it('delays an address after 20 failures across any emails', async () => {
      time = START + 3 * 3_600_000
      const address = '192.0.2.77'
      for (let i = 0; i < 20; i++) {
        assert.equal((await attempt(`someone${i}@example.org`, 'wrong', address)).status, 400)
      }
      // Even a real account's right password, never tried from here before, waits.
      const res = await attempt('improvement@bradford.example', DEMO_PASSWORD, address)
      assert.equal(res.status, 429)
      assert.match(res.text, /Wait 1 second/)
      // Another address is not affected.
      assert.equal((await attempt('improvement@bradford.example', DEMO_PASSWORD, '192.0.2.78')).status, 302)
      const lockouts = await audit('lockout')
      assert.ok(
        lockouts.some(
          (a) => a.slug === null && a.summary === `Sign-in from ${address} delayed after 20 failed attempts`,
        ),
        'the address lockout is audited at service level',
      )
    })

    it('shares the counts between two apps on one database', async () => {
      time = START + 4 * 3_600_000
      const address = '192.0.2.88'
      for (let i = 0; i < 3; i++) await attempt('viewer@bradford.example', 'wrong', address, app)
      for (let i = 0; i < 2; i++) await attempt('viewer@bradford.example', 'wrong', address, otherApp)
      const res = await attempt('viewer@bradford.example', DEMO_PASSWORD, address, app)
      assert.equal(res.status, 429)
      const other = await attempt('viewer@bradford.example', DEMO_PASSWORD, address, otherApp)
      assert.equal(other.status, 429)
    })

    it('audits failed sign-ins and the delay starting, in the council of the person or at service level', async () => {
      time = START + 5 * 3_600_000
      const address = '192.0.2.99'
      for (let i = 0; i < 5; i++) await attempt('Strand-Lead@Bradford.example', 'wrong', address)
      await attempt('No-Such-Person@Example.org', 'wrong', address)
      const failed = await audit('sign-in-failed')
      const mine = failed.filter((a) => a.summary.endsWith(`from ${address}`))
      assert.equal(mine.filter((a) => a.slug === 'bradford').length, 5)
      assert.ok(
        mine.some(
          (a) =>
            a.slug === 'bradford' && a.summary === `Failed sign-in as Strand-Lead@Bradford.example from ${address}`,
        ),
      )
      assert.ok(
        mine.some(
          (a) => a.slug === null && a.summary === `Failed sign-in as No-Such-Person@Example.org from ${address}`,
        ),
      )
      const lockouts = await audit('lockout')
      assert.ok(
        lockouts.some(
          (a) =>
            a.slug === 'bradford' &&
            a.summary ===
              `Sign-in as strand-lead@bradford.example delayed after 5 failed attempts (the last from ${address})`,
        ),
      )

      // The council's administrator finds them with the audit filters.
      const admin = await signedIn(app, 'admin@bradford.example')
      const councilPage = await admin.get(`${paths.council.audit('bradford')}?action=sign-in-failed`)
      assert.equal(councilPage.status, 200)
      assert.match(councilPage.text, /Failed sign-in as Strand-Lead@Bradford.example from 192.0.2.99/)
      assert.doesNotMatch(councilPage.text, /No-Such-Person/, 'an unknown email is in no council’s trail')
      const lockoutPage = await admin.get(`${paths.council.audit('bradford')}?action=lockout`)
      assert.match(lockoutPage.text, /Sign-in as strand-lead@bradford.example delayed after 5 failed attempts/)

      // The service administrator sees those of no council; nobody else may.
      const service = await signedIn(app, 'service@turnaround.example')
      const servicePage = await service.get(`${paths.serviceAudit()}?action=sign-in-failed`)
      assert.equal(servicePage.status, 200)
      assert.match(servicePage.text, /Service audit trail/)
      assert.match(servicePage.text, /Failed sign-in as No-Such-Person@Example.org from 192.0.2.99/)
      assert.doesNotMatch(servicePage.text, /Strand-Lead/)
      assert.match((await service.get(paths.service())).text, new RegExp(`href="${paths.serviceAudit()}"`))
      assert.equal((await admin.get(paths.serviceAudit())).status, 403)
      const signedOut = await request(app).get(paths.serviceAudit())
      assert.equal(signedOut.status, 302)
      assert.match(String(signedOut.headers.location), /^\/sign-in/)
      assert.equal((await service.get(`${paths.serviceAudit()}?from=2026-13-45`)).status, 400)
    })

    it('records a sign-in in the audit trail of each council of the person, so the "Signed in" filter finds it', async () => {
      time = START + 6 * 3_600_000
      await signedIn(app, 'adviser@dfe.example')
      const signIns = (await audit('sign-in')).filter((a) => a.summary === 'adviser@dfe.example signed in')
      assert.deepEqual([...new Set(signIns.map((a) => a.slug))].sort(), ['bradford', 'northfield'])
      const admin = await signedIn(app, 'admin@bradford.example')
      const page = await admin.get(`${paths.council.audit('bradford')}?action=sign-in`)
      assert.equal(page.status, 200)
      assert.match(page.text, /adviser@dfe.example signed in/)
      assert.doesNotMatch(page.text, /data-qa="audit-total">0 entries/)
      // A service administrator with no council signs in at service level, seen on the service audit page.
      const service = await signedIn(app, 'service@turnaround.example')
      const servicePage = await service.get(`${paths.serviceAudit()}?action=sign-in`)
      assert.match(servicePage.text, /service@turnaround.example signed in/)
    })
  })
}
