// Requests to partner agencies for their contributions: the record behind "contributions to strengthen".
import type { DbOrTx, Tx } from '../db/connect.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'

export async function listPartnerRequests(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('partner_request')
    .leftJoin('strand', 'strand.id', 'partner_request.strand_id')
    .selectAll('partner_request')
    .select(['strand.code as strand_code', 'strand.title as strand_title'])
    .where('partner_request.organisation_id', '=', organisationId)
    .orderBy('partner_request.due_on', 'desc')
    .execute()
}

export async function findPartnerRequest(db: DbOrTx, organisationId: number, id: number) {
  return db
    .selectFrom('partner_request')
    .selectAll()
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst()
}

export type PartnerRequest = NonNullable<Awaited<ReturnType<typeof findPartnerRequest>>>

export interface PartnerRequestInput {
  partner: string
  description: string
  strandId: number | null
  requestedOn: string
  dueOn: string
}

export async function createPartnerRequest(trx: Tx, actor: Actor, input: PartnerRequestInput) {
  const row = await trx
    .insertInto('partner_request')
    .values({
      organisation_id: actor.organisationId,
      partner: input.partner,
      description: input.description,
      strand_id: input.strandId,
      requested_on: input.requestedOn,
      due_on: input.dueOn,
      created_by: actor.userId,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'partner_request',
    entityId: row.id,
    action: 'create',
    summary: `Asked ${row.partner} for a contribution`,
    after: row,
  })
  return row
}

export async function markPartnerRequestReceived(trx: Tx, actor: Actor, before: PartnerRequest, receivedOn: string) {
  await trx.updateTable('partner_request').set({ received_on: receivedOn }).where('id', '=', before.id).execute()
  await recordAudit(trx, actor, {
    entityType: 'partner_request',
    entityId: before.id,
    action: 'update',
    summary: `Contribution received from ${before.partner}`,
    before: { received_on: before.received_on },
    after: { received_on: receivedOn },
  })
}
