import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { can, isRole } from '../web/roles.js'
import { canEditStrand } from '../plan/plan-permissions.js'
import { hashPassword, verifyPassword } from './password.js'
import { accountKey, delayAfter, describeWait, MAX_DELAY_MS, mustWait } from './sign-in-throttle-repository.js'
import { ROLES } from '../db/database.js'

describe('roles', () => {
  it('lets only the right roles read the draft, edit, publish and manage users', () => {
    const holders = (cap: Parameters<typeof can>[1]) => ROLES.filter((r) => can(r, cap))
    assert.deepEqual(holders('plan:read-draft'), [
      'admin',
      'improvement-team',
      'strand-lead',
      'leader',
      'board-member',
      'adviser',
    ])
    assert.deepEqual(holders('plan:read-published'), [...ROLES])
    assert.deepEqual(holders('plan:edit-any'), ['admin', 'improvement-team'])
    assert.deepEqual(holders('plan:edit-own-strand'), ['strand-lead'])
    assert.deepEqual(holders('plan:publish'), ['admin', 'improvement-team'])
    assert.deepEqual(holders('report:approve'), ['leader'])
    assert.deepEqual(holders('users:manage'), ['admin'])
    assert.deepEqual(holders('measures:edit'), ['admin', 'improvement-team'])
    assert.ok(isRole('viewer'))
    assert.ok(!isRole('superuser'))
  })

  it('lets a strand lead edit only the strands they lead', () => {
    assert.ok(canEditStrand('strand-lead', 7, 7))
    assert.ok(!canEditStrand('strand-lead', 7, 8))
    assert.ok(!canEditStrand('strand-lead', 7, null))
    assert.ok(canEditStrand('improvement-team', 7, 8))
    assert.ok(!canEditStrand('board-member', 7, 7))
  })
})

describe('passwords', () => {
  it('hashes with a salt and verifies', async () => {
    const a = await hashPassword('correct horse battery')
    const b = await hashPassword('correct horse battery')
    assert.match(a, /^scrypt\$32768\$8\$1\$/)
    assert.notEqual(a, b)
    assert.ok(await verifyPassword('correct horse battery', a))
    assert.ok(!(await verifyPassword('correct horse battery!', a)))
    assert.ok(!(await verifyPassword('anything', 'not-a-hash')))
  })
})

describe('sign-in throttle delays', () => {
  it('waits nothing below the threshold, then 1 s doubling with each failure, never more than 15 minutes', () => {
    assert.deepEqual(
      [1, 4, 5, 6, 7, 8].map((n) => delayAfter(n, 5)),
      [0, 0, 1000, 2000, 4000, 8000],
    )
    assert.equal(delayAfter(15, 5), MAX_DELAY_MS)
    assert.equal(delayAfter(1_000_000, 5), MAX_DELAY_MS)
    assert.equal(MAX_DELAY_MS, 15 * 60 * 1000)
    assert.equal(delayAfter(20, 20), 1000)
  })

  it('lets a delayed account through only from an address with no failures; a delayed address always waits', () => {
    const clean = { failures: 0, waitMs: 0 }
    assert.equal(mustWait({ account: { failures: 7, waitMs: 3000 }, address: clean }), 0)
    assert.equal(mustWait({ account: { failures: 7, waitMs: 3000 }, address: { failures: 1, waitMs: 0 } }), 3000)
    assert.equal(mustWait({ account: clean, address: { failures: 20, waitMs: 1000 } }), 1000)
    assert.equal(mustWait({ account: clean, address: { failures: 3, waitMs: 0 } }), 0)
  })

  it('says how long to wait, rounded up, and keys an email in lower case', () => {
    assert.equal(describeWait(1), '1 second')
    assert.equal(describeWait(1000), '1 second')
    assert.equal(describeWait(1001), '2 seconds')
    assert.equal(describeWait(60_000), '1 minute')
    assert.equal(describeWait(128_000), '3 minutes')
    assert.equal(describeWait(MAX_DELAY_MS), '15 minutes')
    assert.equal(accountKey(' Someone@Example.ORG '), 'account:someone@example.org')
  })
})
