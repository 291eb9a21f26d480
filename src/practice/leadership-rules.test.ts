// Leadership stability rules, checked by hand against one small structure of five posts:
//   P1 director:            2024-01-01 permanent, 2025-06-01 vacant, 2025-08-01 interim, 2026-03-01 permanent
//   P2 deputy director:     2024-01-01 interim, 2026-02-01 permanent
//   P3 assistant director:  2024-01-01 permanent (never changes)
//   P4 head of service:     created 2025-01-01; 2025-01-01 vacant, 2025-04-01 acting, 2026-10-01 vacant
//   P5 head of service:     created 2024-01-01, removed 2026-06-01; 2024-01-01 vacant
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { HolderStatus, LeadershipTier } from '../db/database.js'
import {
  changesIn,
  percentOf,
  periodOn,
  periodsInForce,
  postExistsOn,
  shareHeldPermanently,
  stabilityDetail,
  stabilityDirection,
  timelineSegments,
  type PeriodLike,
  type PostLike,
} from './leadership-rules.js'

const post = (
  id: number,
  tier: LeadershipTier,
  created_on: string | null = null,
  deleted_on: string | null = null,
) => ({
  id,
  title: `Post ${id}`,
  tier,
  created_on,
  deleted_on,
})
const period = (post_id: number, starts_on: string, status: HolderStatus): PeriodLike => ({
  post_id,
  starts_on,
  status,
})

const POSTS: PostLike[] = [
  post(1, 'director'),
  post(2, 'deputy-director'),
  post(3, 'assistant-director'),
  post(4, 'head-of-service', '2025-01-01'),
  post(5, 'head-of-service', '2024-01-01', '2026-06-01'),
]
// Given out of order on purpose: the rules sort them.
const PERIODS: PeriodLike[] = [
  period(1, '2026-03-01', 'permanent'),
  period(1, '2024-01-01', 'permanent'),
  period(1, '2025-06-01', 'vacant'),
  period(1, '2025-08-01', 'interim'),
  period(2, '2024-01-01', 'interim'),
  period(2, '2026-02-01', 'permanent'),
  period(3, '2024-01-01', 'permanent'),
  period(4, '2026-10-01', 'vacant'),
  period(4, '2025-01-01', 'vacant'),
  period(4, '2025-04-01', 'acting'),
  period(5, '2024-01-01', 'vacant'),
]

describe('which posts exist and how they are held on a day', () => {
  it('a post exists from its created day and no longer on its removal day', () => {
    assert.equal(postExistsOn(POSTS[3]!, '2024-12-31'), false)
    assert.equal(postExistsOn(POSTS[3]!, '2025-01-01'), true)
    assert.equal(postExistsOn(POSTS[4]!, '2026-05-31'), true)
    assert.equal(postExistsOn(POSTS[4]!, '2026-06-01'), false)
    assert.equal(postExistsOn(POSTS[0]!, '1999-01-01'), true, 'an undated post always exists')
  })

  it('the period in force is the latest started on or before the day', () => {
    const p1 = PERIODS.filter((p) => p.post_id === 1)
    assert.equal(periodOn(p1, '2023-12-31'), undefined)
    assert.equal(periodOn(p1, '2025-06-01')?.status, 'vacant')
    assert.equal(periodOn(p1, '2025-07-31')?.status, 'vacant')
    assert.equal(periodOn(p1, '2025-08-01')?.status, 'interim')
  })
})

describe('share of posts held permanently', () => {
  it('31 December 2026: P1, P2, P3 permanent, P4 vacant, P5 removed: 3 of 4', () => {
    assert.deepEqual(shareHeldPermanently(POSTS, PERIODS, '2026-12-31'), {
      day: '2026-12-31',
      counted: 4,
      permanent: 3,
    })
  })

  it('31 December 2025: only P3 permanent (P1, P2 interim, P4 acting, P5 vacant): 1 of 5', () => {
    assert.deepEqual(shareHeldPermanently(POSTS, PERIODS, '2025-12-31'), {
      day: '2025-12-31',
      counted: 5,
      permanent: 1,
    })
  })

  it('30 June 2024: P1, P3 permanent, P2 interim, P5 vacant, P4 not yet created: 2 of 4', () => {
    assert.deepEqual(shareHeldPermanently(POSTS, PERIODS, '2024-06-30'), {
      day: '2024-06-30',
      counted: 4,
      permanent: 2,
    })
  })

  it('before any period is recorded nothing is counted', () => {
    const none = shareHeldPermanently(POSTS, PERIODS, '2023-06-01')
    assert.equal(none.counted, 0)
    assert.equal(percentOf(none.permanent, none.counted), null)
  })

  it('percentages are whole, halves rounded up', () => {
    assert.equal(percentOf(5, 8), 63) // 62.5
    assert.equal(percentOf(3, 8), 38) // 37.5
    assert.equal(percentOf(2, 3), 67) // 66.67
    assert.equal(percentOf(1, 5), 20)
  })
})

describe('changes in the last 12 and 36 months', () => {
  it('12 months to 31 December 2026 (after 31 December 2025): P1 1 March, P2 1 February, P4 1 October = 3', () => {
    const c = changesIn(POSTS, PERIODS, '2026-12-31', 12)
    assert.equal(c.from, '2025-12-31')
    assert.equal(c.total, 3)
    assert.deepEqual(c.byTier, { director: 1, 'deputy-director': 1, 'assistant-director': 0, 'head-of-service': 1 })
  })

  it('36 months to 31 December 2026: P1 3 (vacant counts), P2 1, P4 2 (its first period does not) = 6', () => {
    const c = changesIn(POSTS, PERIODS, '2026-12-31', 36)
    assert.equal(c.from, '2023-12-31')
    assert.equal(c.total, 6, 'the first periods on 1 January 2024 are in the window but are not changes')
    assert.deepEqual(c.byTier, { director: 3, 'deputy-director': 1, 'assistant-director': 0, 'head-of-service': 2 })
  })

  it('a period starting on the window’s first day is outside it; on the day itself, inside', () => {
    // 12 months to 1 February 2027 runs after 1 February 2026: P2's change that day is out; P1 and P4 in.
    assert.equal(changesIn(POSTS, PERIODS, '2027-02-01', 12).total, 2)
    // 12 months to 1 October 2026: P1 1 March, P2 1 February and P4 1 October (the day itself) = 3.
    assert.equal(changesIn(POSTS, PERIODS, '2026-10-01', 12).total, 3)
  })

  it('periods of a post in force in a window', () => {
    const p1 = PERIODS.filter((p) => p.post_id === 1)
    assert.equal(periodsInForce(p1, '2026-12-31', 36), 4)
    // From 31 December 2025: the interim period (to 1 March 2026) and the permanent one; the vacancy ended before.
    assert.equal(periodsInForce(p1, '2026-12-31', 12), 2)
  })
})

describe('direction over a year and its sentence', () => {
  const share = (permanent: number, counted: number, day = '2026-12-31') => ({ day, counted, permanent })

  it('higher share is improving, lower worsening, equal (as fractions) no change', () => {
    assert.equal(stabilityDirection(share(3, 4), share(1, 5)), 'improving')
    assert.equal(stabilityDirection(share(2, 3), share(3, 4)), 'worsening') // 2x4 = 8 < 3x3 = 9
    assert.equal(stabilityDirection(share(1, 2), share(2, 4)), 'no-change') // 50% both
    assert.equal(stabilityDirection(share(1, 2), share(0, 0)), 'no-change', 'nothing a year before to compare')
  })

  it('says the figures, the days compared and the changes', () => {
    const now = shareHeldPermanently(POSTS, PERIODS, '2026-12-31')
    const before = shareHeldPermanently(POSTS, PERIODS, '2025-12-31')
    assert.equal(
      stabilityDetail(now, before, changesIn(POSTS, PERIODS, '2026-12-31', 12)),
      '3 of 4 senior posts held permanently on 31 December 2026 (75%), up from 1 of 5 (20%) on 31 December 2025; 3 changes in the last 12 months',
    )
    assert.equal(
      stabilityDetail(share(5, 8, '2026-12-31'), share(3, 8, '2025-12-31'), {
        from: '2025-12-31',
        to: '2026-12-31',
        months: 12,
        total: 1,
        byTier: { director: 1, 'deputy-director': 0, 'assistant-director': 0, 'head-of-service': 0 },
      }),
      '5 of 8 senior posts held permanently on 31 December 2026 (63%), up from 3 of 8 (38%) on 31 December 2025; 1 change in the last 12 months',
    )
  })
})

describe('timeline segments', () => {
  it('clips a post’s periods to the chart and ends them at the next period or the post’s removal', () => {
    const p4 = PERIODS.filter((p) => p.post_id === 4)
    assert.deepEqual(timelineSegments(POSTS[3]!, p4, '2024-01-01', '2027-01-01'), [
      { status: 'vacant', startedOn: '2025-01-01', from: '2025-01-01', to: '2025-04-01', open: false },
      { status: 'acting', startedOn: '2025-04-01', from: '2025-04-01', to: '2026-10-01', open: false },
      { status: 'vacant', startedOn: '2026-10-01', from: '2026-10-01', to: '2027-01-01', open: true },
    ])
    assert.deepEqual(timelineSegments(POSTS[4]!, [period(5, '2024-01-01', 'vacant')], '2025-01-01', '2027-01-01'), [
      { status: 'vacant', startedOn: '2024-01-01', from: '2025-01-01', to: '2026-06-01', open: false },
    ])
  })
})
