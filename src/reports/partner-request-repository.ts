// Requests to partner agencies for their contributions: the record behind "contributions to strengthen".
import type { DbOrTx, Tx } from '../db/connect.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { BadRequestError } from '../web/errors.js'
import { ownerColumns, ownerForAudit, ownerOf, type Owner } from '../accounts/owners.js'
import { assertOwnerInCouncil } from '../accounts/owner-repository.js'

export async function listPartnerRequests(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('partner_request')
    .leftJoin('strand', 'strand.id', 'partner_request.strand_id')
    .leftJoin(
      'organisation as partner_organisation',
      'partner_organisation.id',
      'partner_request.partner_organisation_id',
    )
    .selectAll('partner_request')
    .select([
      'strand.code as strand_code',
      'strand.title as strand_title',
      'partner_organisation.name as partner_organisation_name',
    ])
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

/**
 * The partner agencies a council can address requests to: those employing someone with access to the
 * council (their people see the requests addressed to them).
 */
export async function listPartnerOrganisations(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('organisation')
    .select(['organisation.id', 'organisation.name'])
    .where('organisation.kind', '=', 'partner')
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('app_user')
          .innerJoin('membership', 'membership.user_id', 'app_user.id')
          .select('app_user.id')
          .whereRef('app_user.employer_organisation_id', '=', 'organisation.id')
          .where('membership.organisation_id', '=', organisationId),
      ),
    )
    .orderBy('organisation.name')
    .execute()
}

export interface PartnerRequestInput {
  /** The partner as named in the request (free text, kept even when an organisation is chosen). */
  partner: string
  /** The partner agency it is addressed to, one of listPartnerOrganisations. */
  partnerOrganisationId: number | null
  /** Who at the partner answers it. */
  ownedBy: Owner
  description: string
  strandId: number | null
  requestedOn: string
  dueOn: string
}

export async function createPartnerRequest(trx: Tx, actor: Actor, input: PartnerRequestInput) {
  await assertOwnerInCouncil(trx, actor.organisationId, input.ownedBy)
  if (
    input.partnerOrganisationId !== null &&
    !(await listPartnerOrganisations(trx, actor.organisationId)).some((o) => o.id === input.partnerOrganisationId)
  ) {
    throw new BadRequestError(`Organisation ${input.partnerOrganisationId} is not a partner of this council`)
  }
  const row = await trx
    .insertInto('partner_request')
    .values({
      organisation_id: actor.organisationId,
      partner: input.partner,
      partner_organisation_id: input.partnerOrganisationId,
      ...ownerColumns(input.ownedBy),
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

/**
 * Gives a request a new owner at the partner. Refused unless the owner is of the council; audited as an
 * assignment with the owner before and after as they read (`texts`).
 */
export async function assignPartnerRequestOwner(
  trx: Tx,
  actor: Actor,
  before: PartnerRequest,
  owner: Owner,
  texts: { before: string; after: string },
) {
  await assertOwnerInCouncil(trx, actor.organisationId, owner)
  await trx
    .updateTable('partner_request')
    .set(ownerColumns(owner))
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'partner_request',
    entityId: before.id,
    action: 'assign',
    summary: `Assigned ${texts.after} to answer the request to ${before.partner}`,
    before: ownerForAudit(ownerOf(before), texts.before),
    after: ownerForAudit(owner, texts.after),
  })
}
