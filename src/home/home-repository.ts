// The few lookups the home pages need beyond the plan, measures and rounds: the next Board date and the
// latest published report of one or several councils (one query each, however many councils), and the
// partner requests addressed to a person's organisation.
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

/**
 * The council's requests addressed to a partner organisation, or to the person by name: those still awaited
 * first (soonest due first), then those answered (latest first).
 */
export async function listRequestsForPartner(
  db: DbOrTx,
  organisationId: number,
  person: { userId: number; employerOrganisationId: number | null },
) {
  const rows = await db
    .selectFrom('partner_request')
    .leftJoin('strand', 'strand.id', 'partner_request.strand_id')
    .select([
      'partner_request.id',
      'partner_request.partner',
      'partner_request.description',
      'partner_request.requested_on',
      'partner_request.due_on',
      'partner_request.received_on',
      'partner_request.responded_at',
      'strand.code as strand_code',
      'strand.title as strand_title',
    ])
    .where('partner_request.organisation_id', '=', organisationId)
    .where((eb) =>
      eb.or([
        eb('partner_request.owner_user_id', '=', person.userId),
        ...(person.employerOrganisationId === null
          ? []
          : [eb('partner_request.partner_organisation_id', '=', person.employerOrganisationId)]),
      ]),
    )
    .orderBy('partner_request.due_on')
    .orderBy('partner_request.id')
    .execute()
  const answered = (r: (typeof rows)[number]) => r.received_on !== null || r.responded_at !== null
  const answeredOn = (r: (typeof rows)[number]) =>
    r.responded_at ? r.responded_at.toISOString().slice(0, 10) : (r.received_on ?? '')
  return {
    open: rows.filter((r) => !answered(r)),
    answered: rows
      .filter(answered)
      .map((r) => ({ ...r, answered_on: answeredOn(r) }))
      .sort((a, b) => b.answered_on.localeCompare(a.answered_on) || b.id - a.id),
  }
}
