// The leadership demo tells the story it promises, whatever day the demo is loaded: Bradford at the end of 2021
// as the Commissioner's review describes it, and Northfield moving towards permanence over the last year.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { addMonths } from '../shared/calendar.js'
import { changesIn, shareHeldPermanently, stabilityDirection } from '../practice/leadership-rules.js'
import { bradfordPosts, northfieldPosts, type DemoPost } from './leadership-demo.js'

function asRules(posts: DemoPost[]) {
  return {
    posts: posts.map((p, i) => ({
      id: i + 1,
      title: p.title,
      tier: p.tier,
      created_on: p.createdOn ?? null,
      deleted_on: p.deletedOn ?? null,
    })),
    periods: posts.flatMap((p, i) => p.periods.map((x) => ({ post_id: i + 1, starts_on: x.from, status: x.status }))),
  }
}

describe('leadership demo', () => {
  it('Bradford: 1 of 5 held permanently at the end of 2021, against 4 of 5 a year before; 7 changes in 2021', () => {
    const { posts, periods } = asRules(bradfordPosts())
    const now = shareHeldPermanently(posts, periods, '2021-12-31')
    const before = shareHeldPermanently(posts, periods, '2020-12-31')
    assert.deepEqual([now.permanent, now.counted, before.permanent, before.counted], [1, 5, 4, 5])
    assert.equal(stabilityDirection(now, before), 'worsening')
    assert.equal(changesIn(posts, periods, '2021-12-31', 12).total, 7)
    assert.equal(changesIn(posts, periods, '2021-12-31', 36).total, 9)
    for (const p of bradfordPosts())
      for (let i = 1; i < p.periods.length; i++) assert.ok(p.periods[i]!.from > p.periods[i - 1]!.from, p.title)
  })

  for (const today of ['2026-12-07', '2027-03-31', '2027-02-28', '2028-02-29']) {
    it(`Northfield loaded on ${today}: 7 of 8 permanent, up from 4 of 8; 4 changes in 12 months`, () => {
      const { posts, periods } = asRules(northfieldPosts(today))
      assert.equal(posts.length, 8)
      const now = shareHeldPermanently(posts, periods, today)
      const before = shareHeldPermanently(posts, periods, addMonths(today, -12))
      assert.deepEqual([now.permanent, now.counted, before.permanent, before.counted], [7, 8, 4, 8])
      assert.equal(changesIn(posts, periods, today, 12).total, 4)
      // 36 months: DCS 1, deputy 3, AD 1, front door 2, child protection 3, quality assurance 2 = 12.
      assert.equal(changesIn(posts, periods, today, 36).total, 12)
    })
  }
})
