// Leadership stability in the quarterly report, as at the day the report reads: the share of senior posts held
// permanently then and a year before, the changes of holder in the 12 and 36 months to that day (by tier too),
// each post's status that day, and the changes made in the report's quarter. Only posts and periods recorded
// on or before the day are read, so a past quarter's report shows what was known then. buildLeadershipSection
// is the rule, with no database; loadLeadershipSection feeds it.
import { z } from 'zod'
import type { DbOrTx } from '../db/connect.js'
import { HOLDER_STATUSES, LEADERSHIP_TIERS } from '../db/database.js'
import { addMonths, type Quarter } from '../shared/calendar.js'
import {
  changesIn,
  percentOf,
  periodOn,
  periodsByPost,
  postExistsOn,
  shareHeldPermanently,
  stabilityDirection,
  type PeriodLike,
  type PostLike,
} from './leadership-rules.js'
import { listPeriods, listPosts } from './leadership-repository.js'

const tierCounts = z.object({
  director: z.number(),
  'deputy-director': z.number(),
  'assistant-director': z.number(),
  'head-of-service': z.number(),
})

const shareSchema = z.object({
  day: z.string(),
  counted: z.number(),
  permanent: z.number(),
  /** Whole percent, halves up; null when no post is counted. */
  percent: z.number().nullable(),
})

export const leadershipSectionSchema = z.object({
  asAt: z.string(),
  quarterLabel: z.string(),
  share: shareSchema,
  yearBefore: shareSchema,
  direction: z.enum(['improving', 'no-change', 'worsening']),
  changes12: z.object({ from: z.string(), total: z.number(), byTier: tierCounts }),
  changes36: z.object({ from: z.string(), total: z.number(), byTier: tierCounts }),
  posts: z.array(
    z.object({
      title: z.string(),
      tier: z.enum(LEADERSHIP_TIERS),
      status: z.enum(HOLDER_STATUSES).nullable(),
      since: z.string().nullable(),
    }),
  ),
  /** Changes of holder starting in the report's quarter (up to the day read), oldest first. */
  quarterChanges: z.array(
    z.object({
      title: z.string(),
      tier: z.enum(LEADERSHIP_TIERS),
      startsOn: z.string(),
      status: z.enum(HOLDER_STATUSES),
      previousStatus: z.enum(HOLDER_STATUSES),
    }),
  ),
})

export type LeadershipSection = z.infer<typeof leadershipSectionSchema>

export interface RecordedPost extends PostLike {
  created_at: Date
}

export interface RecordedPeriod extends PeriodLike {
  created_at: Date
}

/** The day a record was made (UTC, as the report's other parts read it). */
const recordedOn = (at: Date) => at.toISOString().slice(0, 10)

/** Only what was recorded on or before the day. */
export function recordedBy<T extends { created_at: Date }>(rows: readonly T[], day: string): T[] {
  return rows.filter((r) => recordedOn(r.created_at) <= day)
}

/** The section as at `asAt`; null when no senior post had been recorded by then. */
export function buildLeadershipSection(input: {
  posts: readonly RecordedPost[]
  periods: readonly RecordedPeriod[]
  quarter: Quarter
  asAt: string
}): LeadershipSection | null {
  const { asAt, quarter } = input
  const posts = recordedBy(input.posts, asAt)
  if (posts.length === 0) return null
  const periods = recordedBy(input.periods, asAt)
  const withPercent = (s: { day: string; counted: number; permanent: number }) => ({
    ...s,
    percent: percentOf(s.permanent, s.counted),
  })
  const share = shareHeldPermanently(posts, periods, asAt)
  const yearBefore = shareHeldPermanently(posts, periods, addMonths(asAt, -12))
  const c12 = changesIn(posts, periods, asAt, 12)
  const c36 = changesIn(posts, periods, asAt, 36)
  const byPost = periodsByPost(periods)
  const quarterChanges: LeadershipSection['quarterChanges'] = []
  for (const post of posts) {
    const list = byPost.get(post.id) ?? []
    list.forEach((p, i) => {
      const previous = list[i - 1]
      if (previous && p.starts_on >= quarter.start && p.starts_on <= quarter.end && p.starts_on <= asAt)
        quarterChanges.push({
          title: post.title,
          tier: post.tier,
          startsOn: p.starts_on,
          status: p.status,
          previousStatus: previous.status,
        })
    })
  }
  quarterChanges.sort((a, b) => a.startsOn.localeCompare(b.startsOn) || a.title.localeCompare(b.title))
  return {
    asAt,
    quarterLabel: quarter.label,
    share: withPercent(share),
    yearBefore: withPercent(yearBefore),
    direction: stabilityDirection(share, yearBefore),
    changes12: { from: c12.from, total: c12.total, byTier: c12.byTier },
    changes36: { from: c36.from, total: c36.total, byTier: c36.byTier },
    posts: posts
      .filter((p) => postExistsOn(p, asAt))
      .map((post) => {
        const held = periodOn(byPost.get(post.id) ?? [], asAt)
        return { title: post.title, tier: post.tier, status: held?.status ?? null, since: held?.starts_on ?? null }
      }),
    quarterChanges,
  }
}

/** Null when the council had recorded no senior posts by the day read. */
export async function loadLeadershipSection(
  db: DbOrTx,
  organisationId: number,
  quarter: Quarter,
  asAtDay: string,
): Promise<LeadershipSection | null> {
  const [posts, periods] = await Promise.all([listPosts(db, organisationId), listPeriods(db, organisationId)])
  return buildLeadershipSection({ posts, periods, quarter, asAt: asAtDay })
}
