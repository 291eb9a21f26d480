// The few lookups the home pages need beyond the plan, measures and rounds: the next Board date and the
// latest published report of one or several councils (one query each, however many councils), and the
// organisation a person works for. (The requests addressed to a person are read by the rounds:
// listRequestsFor in src/rounds/my-updates-repository.ts.)
import type { DbOrTx } from '../db/connect.js'
import { quarterOf } from '../shared/calendar.js'

export interface BoardDate {
  meetingOn: string
  boardName: string
}

/**
 * Each council's next Board meeting: the earliest meeting date, today or later, on any of its reports (a
 * superseded revision's date is the published correction's too, so it is not counted twice).
 */
export async function nextBoardDates(
  db: DbOrTx,
  organisationIds: number[],
  today: string,
): Promise<Map<number, BoardDate>> {
  if (organisationIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('report')
    .distinctOn('organisation_id')
    .select(['organisation_id', 'meeting_on', 'board_name'])
    .where('organisation_id', 'in', organisationIds)
    .where('status', '!=', 'superseded')
    .where('meeting_on', '>=', today)
    .orderBy('organisation_id')
    .orderBy('meeting_on')
    .orderBy('id')
    .execute()
  return new Map(rows.map((r) => [r.organisation_id, { meetingOn: r.meeting_on!, boardName: r.board_name }]))
}

export interface LatestReport {
  id: number
  quarterStart: string
  /** "Q2 2022/23" */
  quarterLabel: string
  publishedAt: Date
}

/** Each council's latest published report: the one in force for its latest quarter (as lastPublished). */
export async function latestPublishedReports(
  db: DbOrTx,
  organisationIds: number[],
): Promise<Map<number, LatestReport>> {
  if (organisationIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('report')
    .distinctOn('organisation_id')
    .select(['organisation_id', 'id', 'quarter_start', 'published_at'])
    .where('organisation_id', 'in', organisationIds)
    .where('status', '=', 'published')
    .orderBy('organisation_id')
    .orderBy('quarter_start', 'desc')
    .orderBy('published_at', 'desc')
    .execute()
  return new Map(
    rows.map((r) => [
      r.organisation_id,
      {
        id: r.id,
        quarterStart: r.quarter_start,
        quarterLabel: quarterOf(r.quarter_start).label,
        publishedAt: r.published_at!,
      },
    ]),
  )
}

/** The organisation a person works for (a partner agency, for a partner), if recorded. */
export async function findEmployer(db: DbOrTx, userId: number) {
  return db
    .selectFrom('app_user')
    .leftJoin('organisation', 'organisation.id', 'app_user.employer_organisation_id')
    .select(['organisation.id', 'organisation.name'])
    .where('app_user.id', '=', userId)
    .executeTakeFirst()
}
