// The Improvement Board's meetings: the date, title, the report considered, the minutes in brief and in full,
// the decisions (each may name the report it was taken on), the attendance of members and the agenda with its
// papers. Decisions are saved as a whole list when a meeting is changed, so the audit trail shows the full list
// before and after, but a decision keeps its id (and so its actions) while it stays in the list.
import { sql } from 'kysely'
import type { DbOrTx, Tx } from '../db/connect.js'
import type { AttendanceStatus } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'

export interface DecisionInput {
  /** The decision this row was, when it is kept; null for a new one. */
  id: number | null
  text: string
  /** The report the decision was taken on. */
  report_id: number | null
}

export interface MeetingInput {
  held_on: string
  title: string
  summary: string
  minutes: string
  report_id: number | null
  /** In order; blank rows already dropped. */
  decisions: DecisionInput[]
}

/** The council's meetings, newest first, with the report each considered and how many decisions it made. */
export async function listMeetings(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('board_meeting as m')
    .leftJoin('report as r', (join) =>
      join.onRef('r.id', '=', 'm.report_id').onRef('r.organisation_id', '=', 'm.organisation_id'),
    )
    .select([
      'm.id',
      'm.held_on',
      'm.title',
      'm.summary',
      'm.report_id',
      'r.quarter_start as report_quarter_start',
      'r.status as report_status',
      'r.revision as report_revision',
      (eb) =>
        eb
          .selectFrom('board_decision as d')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('d.meeting_id', '=', 'm.id')
          .as('decision_count'),
      (eb) =>
        eb
          .selectFrom('board_action as a')
          .select(sql<number>`count(*)::int`.as('n'))
          .whereRef('a.meeting_id', '=', 'm.id')
          .as('action_count'),
    ])
    .where('m.organisation_id', '=', organisationId)
    .orderBy('m.held_on', 'desc')
    .orderBy('m.id', 'desc')
    .execute()
}

export async function findMeeting(db: DbOrTx, organisationId: number, meetingId: number) {
  return db
    .selectFrom('board_meeting')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', meetingId)
    .executeTakeFirst()
}

export type Meeting = NonNullable<Awaited<ReturnType<typeof findMeeting>>>

/** The meeting held before this one (by date, then by id on the same day), if any. */
export async function previousMeeting(db: DbOrTx, meeting: Meeting) {
  return db
    .selectFrom('board_meeting')
    .select(['id', 'held_on', 'title'])
    .where('organisation_id', '=', meeting.organisation_id)
    .where((eb) =>
      eb.or([
        eb('held_on', '<', meeting.held_on),
        eb.and([eb('held_on', '=', meeting.held_on), eb('id', '<', meeting.id)]),
      ]),
    )
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** A meeting's decisions in order, with the report each was taken on. */
export async function meetingDecisions(db: DbOrTx, meetingId: number) {
  return db
    .selectFrom('board_decision as d')
    .leftJoin('report as r', 'r.id', 'd.report_id')
    .select(['d.id', 'd.position', 'd.text', 'd.report_id', 'r.quarter_start as report_quarter_start'])
    .where('d.meeting_id', '=', meetingId)
    .orderBy('d.position')
    .orderBy('d.id')
    .execute()
}

/** Every decision of the council's meetings, in meeting and then decision order (for the timeline). */
export async function councilDecisions(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('board_decision as d')
    .innerJoin('board_meeting as m', 'm.id', 'd.meeting_id')
    .select(['d.id', 'd.meeting_id', 'd.position', 'd.text'])
    .where('m.organisation_id', '=', organisationId)
    .orderBy('d.meeting_id')
    .orderBy('d.position')
    .orderBy('d.id')
    .execute()
}

/** The ids of a meeting's decisions that have actions: they may be reworded, never silently removed. */
export async function decisionsWithActions(db: DbOrTx, meetingId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('board_action')
    .select('decision_id')
    .distinct()
    .where('meeting_id', '=', meetingId)
    .where('decision_id', 'is not', null)
    .execute()
  return new Set(rows.map((r) => r.decision_id!))
}

/** Keeps the decisions whose ids are in the list (reworded, moved), adds the new ones and removes the rest. */
async function writeDecisions(trx: Tx, meetingId: number, decisions: DecisionInput[]) {
  const existing = new Set(
    (await trx.selectFrom('board_decision').select('id').where('meeting_id', '=', meetingId).execute()).map(
      (d) => d.id,
    ),
  )
  const kept = new Set(decisions.flatMap((d) => (d.id !== null && existing.has(d.id) ? [d.id] : [])))
  const removed = [...existing].filter((id) => !kept.has(id))
  if (removed.length) await trx.deleteFrom('board_decision').where('id', 'in', removed).execute()
  for (const [i, d] of decisions.entries()) {
    const values = { position: i + 1, text: d.text, report_id: d.report_id }
    if (d.id !== null && kept.has(d.id)) {
      await trx.updateTable('board_decision').set(values).where('id', '=', d.id).execute()
    } else {
      await trx
        .insertInto('board_decision')
        .values({ meeting_id: meetingId, ...values })
        .execute()
    }
  }
}

/** The decisions as the audit trail keeps them. */
async function decisionsForAudit(db: DbOrTx, meetingId: number) {
  return (await meetingDecisions(db, meetingId)).map((d) => ({ id: d.id, text: d.text, report_id: d.report_id }))
}

const columns = (input: MeetingInput) => ({
  held_on: input.held_on,
  title: input.title,
  summary: input.summary,
  minutes: input.minutes,
  report_id: input.report_id,
})

export async function createMeeting(trx: Tx, actor: Actor, input: MeetingInput): Promise<Meeting> {
  const row = await trx
    .insertInto('board_meeting')
    .values({ organisation_id: actor.organisationId, created_by: actor.userId, ...columns(input) })
    .returningAll()
    .executeTakeFirstOrThrow()
  await writeDecisions(trx, row.id, input.decisions)
  await recordAudit(trx, actor, {
    entityType: 'board-meeting',
    entityId: row.id,
    action: 'create',
    summary: `Recorded the Board meeting “${row.title}” of ${row.held_on}`,
    after: { ...row, decisions: await decisionsForAudit(trx, row.id) },
  })
  return row
}

export async function updateMeeting(trx: Tx, actor: Actor, before: Meeting, input: MeetingInput): Promise<Meeting> {
  const beforeDecisions = await decisionsForAudit(trx, before.id)
  const after = await trx
    .updateTable('board_meeting')
    .set({ ...columns(input), updated_at: new Date() })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await writeDecisions(trx, before.id, input.decisions)
  await recordAudit(trx, actor, {
    entityType: 'board-meeting',
    entityId: before.id,
    action: 'update',
    summary: `Changed the Board meeting “${after.title}” of ${after.held_on}`,
    before: { ...before, decisions: beforeDecisions },
    after: { ...after, decisions: await decisionsForAudit(trx, before.id) },
  })
  return after
}

// ---------------------------------------------------------------------------------------------------------
// Attendance
// ---------------------------------------------------------------------------------------------------------

/**
 * The members to record at a meeting: those serving on its day (joined by then, not left before it) and
 * anyone already recorded, with what was recorded (null when nothing was).
 */
export async function meetingAttendance(db: DbOrTx, meeting: Meeting) {
  return db
    .selectFrom('board_member as b')
    .leftJoin('board_attendance as a', (join) =>
      join.onRef('a.member_id', '=', 'b.id').on('a.meeting_id', '=', meeting.id),
    )
    .select(['b.id', 'b.name', 'b.role_title', 'b.member_of', 'b.is_chair', 'a.status'])
    .where('b.organisation_id', '=', meeting.organisation_id)
    .where((eb) =>
      eb.or([
        eb('a.status', 'is not', null),
        eb.and([
          eb.or([eb('b.joined_on', 'is', null), eb('b.joined_on', '<=', meeting.held_on)]),
          eb.or([eb('b.left_on', 'is', null), eb('b.left_on', '>=', meeting.held_on)]),
        ]),
      ]),
    )
    .orderBy('b.is_chair', 'desc')
    .orderBy('b.name')
    .orderBy('b.id')
    .execute()
}

export type AttendanceRow = Awaited<ReturnType<typeof meetingAttendance>>[number]

/** Replaces the meeting's attendance with what was recorded (members left unrecorded have no row). */
export async function saveAttendance(
  trx: Tx,
  actor: Actor,
  meeting: Meeting,
  entries: Array<{ member_id: number; status: AttendanceStatus }>,
): Promise<void> {
  const read = () =>
    trx
      .selectFrom('board_attendance')
      .select(['member_id', 'status'])
      .where('meeting_id', '=', meeting.id)
      .orderBy('member_id')
      .execute()
  const before = await read()
  await trx.deleteFrom('board_attendance').where('meeting_id', '=', meeting.id).execute()
  if (entries.length) {
    await trx
      .insertInto('board_attendance')
      .values(entries.map((e) => ({ meeting_id: meeting.id, member_id: e.member_id, status: e.status })))
      .execute()
  }
  await recordAudit(trx, actor, {
    entityType: 'board-meeting',
    entityId: meeting.id,
    action: 'update',
    summary: `Recorded attendance at the Board meeting “${meeting.title}” of ${meeting.held_on}`,
    before: { attendance: before },
    after: { attendance: await read() },
  })
}

// ---------------------------------------------------------------------------------------------------------
// Agenda and papers
// ---------------------------------------------------------------------------------------------------------

export interface AgendaItemInput {
  title: string
  report_id: number | null
  paper_title: string
  paper_url: string
}

/** The agenda in order, with the report each item's paper is (if it is one of the council's reports). */
export async function agendaItems(db: DbOrTx, meetingId: number) {
  return db
    .selectFrom('board_agenda_item as i')
    .leftJoin('report as r', 'r.id', 'i.report_id')
    .select([
      'i.id',
      'i.position',
      'i.title',
      'i.report_id',
      'i.paper_title',
      'i.paper_url',
      'r.quarter_start as report_quarter_start',
      'r.status as report_status',
      'r.revision as report_revision',
    ])
    .where('i.meeting_id', '=', meetingId)
    .orderBy('i.position')
    .orderBy('i.id')
    .execute()
}

/** Replaces the agenda as a whole, in the order given. */
export async function saveAgenda(trx: Tx, actor: Actor, meeting: Meeting, items: AgendaItemInput[]): Promise<void> {
  const read = async () =>
    (await agendaItems(trx, meeting.id)).map((i) => ({
      title: i.title,
      report_id: i.report_id,
      paper_title: i.paper_title,
      paper_url: i.paper_url,
    }))
  const before = await read()
  await trx.deleteFrom('board_agenda_item').where('meeting_id', '=', meeting.id).execute()
  if (items.length) {
    await trx
      .insertInto('board_agenda_item')
      .values(items.map((item, i) => ({ meeting_id: meeting.id, position: i + 1, ...item })))
      .execute()
  }
  await recordAudit(trx, actor, {
    entityType: 'board-meeting',
    entityId: meeting.id,
    action: 'update',
    summary: `Changed the agenda of the Board meeting “${meeting.title}” of ${meeting.held_on}`,
    before: { agenda: before },
    after: { agenda: await read() },
  })
}
