// The Improvement Board's meetings and their decisions: a first, simple record (the Board issue adds
// attendance, agenda and actions). Decisions are kept in order and replaced as a whole when a meeting is
// changed, so the audit trail shows the full list before and after.
import { sql } from 'kysely'
import type { DbOrTx, Tx } from '../db/connect.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'

export interface MeetingInput {
  held_on: string
  title: string
  summary: string
  report_id: number | null
  /** In order; blank lines already dropped. */
  decisions: string[]
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

export async function meetingDecisions(db: DbOrTx, meetingId: number) {
  return db
    .selectFrom('board_decision')
    .select(['id', 'position', 'text'])
    .where('meeting_id', '=', meetingId)
    .orderBy('position')
    .orderBy('id')
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

async function writeDecisions(trx: Tx, meetingId: number, decisions: string[]) {
  await trx.deleteFrom('board_decision').where('meeting_id', '=', meetingId).execute()
  if (decisions.length === 0) return
  await trx
    .insertInto('board_decision')
    .values(decisions.map((text, i) => ({ meeting_id: meetingId, position: i + 1, text })))
    .execute()
}

const columns = (input: MeetingInput) => ({
  held_on: input.held_on,
  title: input.title,
  summary: input.summary,
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
    after: { ...row, decisions: input.decisions },
  })
  return row
}

export async function updateMeeting(trx: Tx, actor: Actor, before: Meeting, input: MeetingInput): Promise<Meeting> {
  const beforeDecisions = (await meetingDecisions(trx, before.id)).map((d) => d.text)
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
    after: { ...after, decisions: input.decisions },
  })
  return after
}
