import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { can, isRole } from '../web/roles.js'
import { canEditStrand } from '../plan/plan-permissions.js'
import { hashPassword, verifyPassword } from './password.js'
import { SignInThrottle } from './sign-in-throttle.js'
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

describe('sign-in throttle', () => {
  it('locks after 5 failures in 15 minutes and unlocks as they age', () => {
    let now = 0
    const t = new SignInThrottle(() => now)
    for (let i = 0; i < 4; i++) t.recordFailure('a@b')
    assert.ok(!t.isLocked('a@b'))
    t.recordFailure('a@b')
    assert.ok(t.isLocked('a@b'))
    assert.ok(!t.isLocked('other@b'))
    now = 15 * 60 * 1000 + 1
    assert.ok(!t.isLocked('a@b'))
    t.recordFailure('c@d')
    t.reset('c@d')
    assert.ok(!t.isLocked('c@d'))
  })
})
