import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ROLES } from '../db/database.js'
import {
  COUNCIL_GRANTABLE_ROLES,
  councilMayGiveRole,
  councilMayManage,
  losesAllAccess,
  OVERSIGHT_POST_CHOICES,
  OVERSIGHT_POST_LABELS,
  postIsDfe,
  roleForPost,
} from './oversight-posts.js'

describe('oversight posts', () => {
  it('gives each post the role the database constraint expects, and a DfE employer to DfE posts only', () => {
    assert.deepEqual(
      OVERSIGHT_POST_CHOICES.map((post) => [post, roleForPost(post), postIsDfe(post), OVERSIGHT_POST_LABELS[post]]),
      [
        ['adviser', 'adviser', true, 'DfE adviser'],
        ['commissioner', 'adviser', true, 'Commissioner'],
        ['board-chair', 'board-member', false, 'Improvement Board chair'],
      ],
    )
  })

  it('never lets a council administrator give the adviser role, nor touch an overseer', () => {
    assert.deepEqual(COUNCIL_GRANTABLE_ROLES, [
      'admin',
      'improvement-team',
      'strand-lead',
      'leader',
      'board-member',
      'partner',
      'viewer',
    ])
    assert.equal(
      ROLES.filter((r) => !councilMayGiveRole(r)).join(),
      'adviser',
      'the adviser role is the only one withheld',
    )
    assert.equal(councilMayManage({ oversight_post: null }), true)
    for (const post of OVERSIGHT_POST_CHOICES) assert.equal(councilMayManage({ oversight_post: post }), false, post)
  })

  it('ends sessions only for someone left with no council who is not a service administrator', () => {
    assert.equal(losesAllAccess(0, false), true)
    assert.equal(losesAllAccess(0, true), false)
    assert.equal(losesAllAccess(1, false), false)
    assert.equal(losesAllAccess(2, true), false)
  })
})
