// The Board's action log: actions set at a meeting (optionally under one of its decisions), with an owner and a
// due date, closed as done or dropped on a day, and reopened. Every change is in the audit trail.
import type { DbOrTx, Tx } from '../db/connect.js'
import type { ActionOutcome } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'

/** Every action of the council with the meeting it came from and its decision, soonest due first. */
export async function listActions(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('board_action as a')
    .innerJoin('board_meeting as m', 'm.id', 'a.meeting_id')
    .leftJoin('board_decision as d', 'd.id', 'a.decision_id')
    .select([
      'a.id',
      'a.meeting_id',
      'a.decision_id',
      'a.text',
      'a.owner',
      'a.due_on',
      'a.outcome',
      'a.closed_on',
      'a.progress',
      'a.created_at',
      'm.held_on as meeting_held_on',
      'm.title as meeting_title',
      'd.position as decision_position',
      'd.text as decision_text',
    ])
    .where('a.organisation_id', '=', organisationId)
    .orderBy('a.due_on')
    .orderBy('m.held_on')
    .orderBy('a.id')
    .execute()
}

export type ActionListRow = Awaited<ReturnType<typeof listActions>>[number]

export async function findAction(db: DbOrTx, organisationId: number, actionId: number) {
  return db
    .selectFrom('board_action')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', actionId)
    .executeTakeFirst()
}

export type Action = NonNullable<Awaited<ReturnType<typeof findAction>>>

export interface ActionInput {
  text: string
  owner: string
  due_on: string
  decision_id: number | null
}

export async function createAction(trx: Tx, actor: Actor, meetingId: number, input: ActionInput): Promise<Action> {
  const row = await trx
    .insertInto('board_action')
    .values({ organisation_id: actor.organisationId, meeting_id: meetingId, created_by: actor.userId, ...input })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'board-action',
    entityId: row.id,
    action: 'create',
    summary: `Added the Board action “${row.text}”, due ${row.due_on}`,
    after: row,
  })
  return row
}

async function change(
  trx: Tx,
  actor: Actor,
  before: Action,
  values: Partial<ActionInput & { progress: string; outcome: ActionOutcome | null; closed_on: string | null }>,
  audit: { action: 'update' | 'close' | 'reopen'; summary: string },
): Promise<Action> {
  const after = await trx
    .updateTable('board_action')
    .set({ ...values, updated_at: new Date() })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, { entityType: 'board-action', entityId: before.id, ...audit, before, after })
  return after
}

export function updateAction(trx: Tx, actor: Actor, before: Action, input: ActionInput & { progress: string }) {
  return change(trx, actor, before, input, { action: 'update', summary: `Changed the Board action “${input.text}”` })
}

export function closeAction(trx: Tx, actor: Actor, before: Action, outcome: ActionOutcome, closedOn: string) {
  return change(
    trx,
    actor,
    before,
    { outcome, closed_on: closedOn },
    { action: 'close', summary: `Closed the Board action “${before.text}” as ${outcome} on ${closedOn}` },
  )
}

export function reopenAction(trx: Tx, actor: Actor, before: Action) {
  return change(
    trx,
    actor,
    before,
    { outcome: null, closed_on: null },
    { action: 'reopen', summary: `Reopened the Board action “${before.text}”` },
  )
}

/** Everything the report's Board section is built from: the Board, every meeting, decision and action. */
export async function boardRecord(db: DbOrTx, organisationId: number) {
  const [board, meetings, decisions, actions] = await Promise.all([
    db
      .selectFrom('board')
      .select(['name', 'chair_title'])
      .where('organisation_id', '=', organisationId)
      .executeTakeFirst(),
    db
      .selectFrom('board_meeting as m')
      .select([
        'm.id',
        'm.held_on',
        'm.title',
        (eb) =>
          eb
            .selectFrom('board_attendance as a')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('a.meeting_id', '=', 'm.id')
            .where('a.status', '=', 'present')
            .as('present'),
        (eb) =>
          eb
            .selectFrom('board_attendance as a')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('a.meeting_id', '=', 'm.id')
            .where('a.status', '=', 'apologies')
            .as('apologies'),
      ])
      .where('m.organisation_id', '=', organisationId)
      .orderBy('m.held_on')
      .orderBy('m.id')
      .execute(),
    db
      .selectFrom('board_decision as d')
      .innerJoin('board_meeting as m', 'm.id', 'd.meeting_id')
      .leftJoin('report as r', (join) =>
        join.onRef('r.id', '=', 'd.report_id').onRef('r.organisation_id', '=', 'm.organisation_id'),
      )
      .select(['d.id', 'd.meeting_id', 'd.position', 'd.text', 'r.quarter_start as report_quarter_start'])
      .where('m.organisation_id', '=', organisationId)
      .orderBy('d.meeting_id')
      .orderBy('d.position')
      .execute(),
    db
      .selectFrom('board_action')
      .select([
        'id',
        'meeting_id',
        'decision_id',
        'text',
        'owner',
        'due_on',
        'outcome',
        'closed_on',
        'progress',
        'created_at',
      ])
      .where('organisation_id', '=', organisationId)
      .orderBy('due_on')
      .orderBy('id')
      .execute(),
  ])
  return {
    board: board ?? null,
    meetings: meetings.map((m) => ({ ...m, present: Number(m.present ?? 0), apologies: Number(m.apologies ?? 0) })),
    decisions,
    actions,
  }
}
