// Leadership stability, as pure rules used alike by the page, the CSV, the report and the impact evidence:
// which posts exist on a day and how each was held then, the share of posts held permanently on a day, the
// number of changes of holder in a window, the direction of the share over a year, and the timeline's
// segments. A post's holder periods run from their start until the post's next period starts (no names).
import type { HolderStatus, LeadershipTier } from '../db/database.js'
import { addMonths } from '../shared/calendar.js'
import { formatDate } from '../shared/dates.js'

export const TIER_LABELS: Record<LeadershipTier, string> = {
  director: 'Director',
  'deputy-director': 'Deputy director',
  'assistant-director': 'Assistant director',
  'head-of-service': 'Head of service',
}

export const STATUS_LABELS: Record<HolderStatus, string> = {
  permanent: 'Permanent',
  interim: 'Interim',
  acting: 'Acting',
  vacant: 'Vacant',
}

/** govuk-tag colour classes; the status is always written in the tag as well. */
export const STATUS_TAG_CLASSES: Record<HolderStatus, string> = {
  permanent: 'govuk-tag--green',
  interim: 'govuk-tag--yellow',
  acting: 'govuk-tag--blue',
  vacant: 'govuk-tag--red',
}

/** Fill colours for the timeline chart, by status (each with its label in the key and the table). */
export const STATUS_FILLS: Record<HolderStatus, string> = {
  permanent: '#00703c',
  interim: '#ffdd00',
  acting: '#1d70b8',
  vacant: '#d4351c',
}

export interface PostLike {
  id: number
  title: string
  tier: LeadershipTier
  created_on: string | null
  deleted_on: string | null
}

export interface PeriodLike {
  post_id: number
  starts_on: string
  status: HolderStatus
}

/** Whether a post is part of the structure on a day: created by then (or undated) and not yet removed. */
export function postExistsOn(post: PostLike, day: string): boolean {
  return (post.created_on === null || post.created_on <= day) && (post.deleted_on === null || post.deleted_on > day)
}

/** The periods of each post, oldest first. */
export function periodsByPost<P extends PeriodLike>(periods: readonly P[]): Map<number, P[]> {
  const out = new Map<number, P[]>()
  for (const p of [...periods].sort((a, b) => a.starts_on.localeCompare(b.starts_on)))
    out.set(p.post_id, [...(out.get(p.post_id) ?? []), p])
  return out
}

/** The period in force on a day: the latest that started on or before it (undefined before the first). */
export function periodOn<P extends PeriodLike>(periodsOfPost: readonly P[], day: string): P | undefined {
  let found: P | undefined
  for (const p of periodsOfPost) if (p.starts_on <= day && (!found || p.starts_on >= found.starts_on)) found = p
  return found
}

export interface ShareHeld {
  day: string
  /** Posts existing on the day with a holder period recorded by then. */
  counted: number
  permanent: number
}

/**
 * The share of senior posts held permanently on a day: of the posts that exist that day and have a status
 * recorded for it, how many were held permanently. A post with no period yet on the day is not counted
 * (its status is unknown, not vacant).
 */
export function shareHeldPermanently(
  posts: readonly PostLike[],
  periods: readonly PeriodLike[],
  day: string,
): ShareHeld {
  const byPost = periodsByPost(periods)
  let counted = 0
  let permanent = 0
  for (const post of posts) {
    if (!postExistsOn(post, day)) continue
    const held = periodOn(byPost.get(post.id) ?? [], day)
    if (!held) continue
    counted += 1
    if (held.status === 'permanent') permanent += 1
  }
  return { day, counted, permanent }
}

/** A whole percentage, halves rounded up: 5 of 8 is 63%. Null when nothing is counted. */
export function percentOf(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part * 100) / whole)
}

export interface Changes {
  /** The window: after `from`, up to and including `to`. */
  from: string
  to: string
  months: number
  total: number
  byTier: Record<LeadershipTier, number>
}

/**
 * Changes of holder in the `months` months up to a day: holder periods that start after the day `months`
 * months before and on or before the day itself. A move to vacant counts; the first period recorded for a
 * post does not (it says how the post was held when records began, not that anything changed).
 */
export function changesIn(
  posts: readonly PostLike[],
  periods: readonly PeriodLike[],
  day: string,
  months: number,
): Changes {
  const from = addMonths(day, -months)
  const tierOf = new Map(posts.map((p) => [p.id, p.tier]))
  const byTier: Record<LeadershipTier, number> = {
    director: 0,
    'deputy-director': 0,
    'assistant-director': 0,
    'head-of-service': 0,
  }
  let total = 0
  for (const [postId, list] of periodsByPost(periods)) {
    const tier = tierOf.get(postId)
    if (!tier) continue
    for (const p of list.slice(1)) {
      if (p.starts_on > from && p.starts_on <= day) {
        total += 1
        byTier[tier] += 1
      }
    }
  }
  return { from, to: day, months, total, byTier }
}

/** How many holder periods of a post were in force at some time in the `months` months up to a day. */
export function periodsInForce(periodsOfPost: readonly PeriodLike[], day: string, months: number): number {
  const from = addMonths(day, -months)
  const sorted = [...periodsOfPost].sort((a, b) => a.starts_on.localeCompare(b.starts_on))
  return sorted.filter((p, i) => {
    const next = sorted[i + 1]
    return p.starts_on <= day && (next === undefined || next.starts_on > from)
  }).length
}

export type Direction = 'improving' | 'no-change' | 'worsening'

/**
 * The direction of leadership stability over a year: the share held permanently on the day against the share
 * 12 months before. Higher is improving, lower worsening, the same no change. When either day has no posts
 * counted there is nothing to compare, which is no change.
 */
export function stabilityDirection(now: ShareHeld, before: ShareHeld): Direction {
  if (now.counted === 0 || before.counted === 0) return 'no-change'
  // Compared as fractions, exactly: a/b against c/d is a*d against c*b.
  const diff = now.permanent * before.counted - before.permanent * now.counted
  return diff > 0 ? 'improving' : diff < 0 ? 'worsening' : 'no-change'
}

/** "5 of 8 senior posts held permanently on 31 December 2026 (63%)". */
export function shareText(share: ShareHeld): string {
  if (share.counted === 0) return `No senior posts recorded on ${formatDate(share.day)}`
  return `${share.permanent} of ${share.counted} senior ${share.counted === 1 ? 'post' : 'posts'} held permanently on ${formatDate(share.day)} (${percentOf(share.permanent, share.counted)}%)`
}

/** "4 changes in the last 12 months" (or "1 change", "no changes"). */
export function changesText(changes: Changes): string {
  const n = changes.total
  return `${n === 0 ? 'no' : n} ${n === 1 ? 'change' : 'changes'} in the last ${changes.months} months`
}

/**
 * The sentence behind the direction: "5 of 8 senior posts held permanently on 31 December 2026 (63%), up from
 * 3 of 8 (38%) on 31 December 2025; 4 changes in the last 12 months".
 */
export function stabilityDetail(now: ShareHeld, before: ShareHeld, changes: Changes): string {
  const direction = stabilityDirection(now, before)
  let comparison: string
  if (before.counted === 0) comparison = `, with no senior posts recorded a year earlier on ${formatDate(before.day)}`
  else {
    const word = direction === 'improving' ? 'up from' : direction === 'worsening' ? 'down from' : 'the same as'
    comparison = `, ${word} ${before.permanent} of ${before.counted} (${percentOf(before.permanent, before.counted)}%) on ${formatDate(before.day)}`
  }
  return `${shareText(now)}${now.counted === 0 ? '' : comparison}; ${changesText(changes)}`
}

export interface TimelineSegment {
  status: HolderStatus
  /** The day the period began (before `from` when the chart cuts it). */
  startedOn: string
  from: string
  /** The day the next period (or the post's removal, or the chart's end) takes over; exclusive. */
  to: string
  /** True when the period is still in force at the end of the chart. */
  open: boolean
}

/** A post's periods clipped to [from, to): what the timeline draws for it. */
export function timelineSegments(
  post: PostLike,
  periodsOfPost: readonly PeriodLike[],
  from: string,
  to: string,
): TimelineSegment[] {
  const sorted = [...periodsOfPost].sort((a, b) => a.starts_on.localeCompare(b.starts_on))
  const out: TimelineSegment[] = []
  const end = post.deleted_on !== null && post.deleted_on < to ? post.deleted_on : to
  sorted.forEach((p, i) => {
    const next = sorted[i + 1]?.starts_on ?? end
    const stop = next < end ? next : end
    const start = p.starts_on > from ? p.starts_on : from
    if (start < stop)
      out.push({
        status: p.status,
        startedOn: p.starts_on,
        from: start,
        to: stop,
        open: sorted[i + 1] === undefined && end === to,
      })
  })
  return out
}
