// The Board itself (one per council: its name, the independent chair's title, cadence and remit) and its
// members; and the council's reports as the Board's pages name them (a small query of our own, since the
// reports area sits above this one).
import { sql } from 'kysely'
import type { DbOrTx, Tx } from '../db/connect.js'
import type { ReportStatus } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'

export async function findBoard(db: DbOrTx, organisationId: number) {
  return db.selectFrom('board').selectAll().where('organisation_id', '=', organisationId).executeTakeFirst()
}

export type Board = NonNullable<Awaited<ReturnType<typeof findBoard>>>

export interface BoardInput {
  name: string
  chair_title: string
  cadence_weeks: number
  remit: string
}

/** Creates the council's Board, or changes it. */
export async function saveBoard(trx: Tx, actor: Actor, before: Board | undefined, input: BoardInput): Promise<Board> {
  if (!before) {
    const row = await trx
      .insertInto('board')
      .values({ organisation_id: actor.organisationId, ...input })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, actor, {
      entityType: 'board',
      entityId: row.id,
      action: 'create',
      summary: `Set up the Board “${row.name}”`,
      after: row,
    })
    return row
  }
  const after = await trx
    .updateTable('board')
    .set({ ...input, updated_at: new Date() })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'board',
    entityId: after.id,
    action: 'update',
    summary: `Changed the Board “${after.name}”`,
    before,
    after,
  })
  return after
}

/** The Board's members: the chair first, then by name; those who have left are marked by their date. */
export async function listMembers(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('board_member')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('is_chair', 'desc')
    .orderBy('name')
    .orderBy('id')
    .execute()
}

export async function findMember(db: DbOrTx, organisationId: number, memberId: number) {
  return db
    .selectFrom('board_member')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', memberId)
    .executeTakeFirst()
}

export type Member = NonNullable<Awaited<ReturnType<typeof findMember>>>

export interface MemberInput {
  name: string
  role_title: string
  member_of: string
  is_chair: boolean
  joined_on: string | null
  left_on: string | null
}

export async function createMember(trx: Tx, actor: Actor, input: MemberInput): Promise<Member> {
  const row = await trx
    .insertInto('board_member')
    .values({ organisation_id: actor.organisationId, ...input })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'board-member',
    entityId: row.id,
    action: 'create',
    summary: `Added ${row.name} to the Board`,
    after: row,
  })
  return row
}

export async function updateMember(trx: Tx, actor: Actor, before: Member, input: MemberInput): Promise<Member> {
  const after = await trx
    .updateTable('board_member')
    .set(input)
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  const left = before.left_on === null && after.left_on !== null
  await recordAudit(trx, actor, {
    entityType: 'board-member',
    entityId: after.id,
    action: 'update',
    summary: left ? `Recorded that ${after.name} left the Board` : `Changed the Board member ${after.name}`,
    before,
    after,
  })
  return after
}

/** The council's reports, published ones first, then newest quarter first: for choosing a paper or a decision's report. */
export async function councilReports(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('report')
    .select(['id', 'quarter_start', 'status', 'revision'])
    .where('organisation_id', '=', organisationId)
    .orderBy(sql`case when status = 'published' then 0 else 1 end`)
    .orderBy('quarter_start', 'desc')
    .orderBy('revision', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

export type CouncilReport = { id: number; quarter_start: string; status: ReportStatus; revision: number }

export async function findCouncilReport(
  db: DbOrTx,
  organisationId: number,
  reportId: number,
): Promise<CouncilReport | undefined> {
  return db
    .selectFrom('report')
    .select(['id', 'quarter_start', 'status', 'revision'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', reportId)
    .executeTakeFirst()
}
