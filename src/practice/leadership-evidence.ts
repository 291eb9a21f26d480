// Leadership stability as evidence for the objectives linked to it (src/shared/practice-evidence.ts): one entry
// per linked objective, as it stood on the day asked about, reading only posts and periods recorded by then.
//
// Direction: the share of senior posts held permanently on the day against the share 12 months before (the
// same day a year earlier): higher is improving, lower worsening, the same (or nothing to compare a year
// before) no change. See stabilityDirection in leadership-rules.ts.
// Current: when any holder period is in force on the day (a post existing then has a status recorded for it).
import type { DbOrTx } from '../db/connect.js'
import type { PracticeEvidence } from '../shared/practice-evidence.js'
import { addMonths } from '../shared/calendar.js'
import {
  changesIn,
  shareHeldPermanently,
  stabilityDetail,
  stabilityDirection,
  type PeriodLike,
  type PostLike,
} from './leadership-rules.js'
import { recordedBy } from './leadership-report.js'
import { listLinks, listPeriods, listPosts } from './leadership-repository.js'

export const LEADERSHIP_ANCHOR = 'leadership'

/** The evidence entries for the given objectives from the posts and periods known on the day. */
export function leadershipEvidence(
  objectiveIds: readonly number[],
  posts: readonly PostLike[],
  periods: readonly PeriodLike[],
  asAtDay: string,
): PracticeEvidence[] {
  if (objectiveIds.length === 0) return []
  const now = shareHeldPermanently(posts, periods, asAtDay)
  const before = shareHeldPermanently(posts, periods, addMonths(asAtDay, -12))
  const changes = changesIn(posts, periods, asAtDay, 12)
  const direction = stabilityDirection(now, before)
  const detail = stabilityDetail(now, before, changes)
  return objectiveIds.map((objectiveId) => ({
    objectiveId,
    kind: 'leadership',
    anchor: LEADERSHIP_ANCHOR,
    label: 'Leadership stability: senior posts held permanently',
    direction,
    current: now.counted > 0,
    detail,
  }))
}

export async function loadLeadershipEvidence(
  db: DbOrTx,
  organisationId: number,
  asAtDay: string,
): Promise<PracticeEvidence[]> {
  const links = await listLinks(db, organisationId)
  if (links.length === 0) return []
  const [posts, periods] = await Promise.all([listPosts(db, organisationId), listPeriods(db, organisationId)])
  return leadershipEvidence(
    links.map((l) => l.objective_id),
    recordedBy(posts, asAtDay),
    recordedBy(periods, asAtDay),
    asAtDay,
  )
}
