// "My updates": the round a person's updates go to, the item behind each short form, and the writes those
// forms make. Each write goes with its audit entry and the round's return for the item, in one transaction.
import { sql } from 'kysely'
import type { DbOrTx, Tx } from '../db/connect.js'
import type { ReportingRound, ReturnItemType } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { lockState } from './round-rules.js'
import { findMilestone, findObjective, findStrand } from '../plan/plan-repository.js'
import { findMeasure } from '../measures/measure-repository.js'
import { findPartnerRequest, type PartnerRequest } from '../reports/partner-request-repository.js'

/**
 * The round people's updates go to: the council's latest round that is not locked (open, or reopened by the
 * improvement team). `latest` is the council's latest round of any state, to say when the last one locked.
 */
export async function findCurrentRound(
  db: DbOrTx,
  organisationId: number,
  today: string,
): Promise<{ current: ReportingRound | undefined; latest: ReportingRound | undefined }> {
  const rounds = await db
    .selectFrom('reporting_round')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('quarter_start', 'desc')
    .execute()
  return { current: rounds.find((r) => lockState(r, today) !== 'locked'), latest: rounds[0] }
}

/**
 * Records that an item was updated in the round, audited (a second update replaces the first: one return an
 * item). `summary` says what was returned, for the audit trail: "Returned milestone Recruit two ...".
 */
export async function recordReturn(
  trx: Tx,
  actor: Actor,
  roundId: number,
  item: { type: ReturnItemType; id: number },
  summary: string,
  note = '',
): Promise<void> {
  const before = await trx
    .selectFrom('round_return')
    .select(['user_id', 'returned_at', 'note'])
    .where('round_id', '=', roundId)
    .where('item_type', '=', item.type)
    .where('item_id', '=', item.id)
    .executeTakeFirst()
  const after = await trx
    .insertInto('round_return')
    .values({ round_id: roundId, item_type: item.type, item_id: item.id, user_id: actor.userId, note })
    .onConflict((oc) =>
      oc
        .columns(['round_id', 'item_type', 'item_id'])
        .doUpdateSet({ user_id: actor.userId, note, returned_at: sql`now()` }),
    )
    .returning(['id', 'user_id', 'returned_at', 'note'])
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'round_return',
    entityId: after.id,
    action: before ? 'update' : 'create',
    summary,
    before: before ?? null,
    after: { round_id: roundId, item_type: item.type, item_id: item.id, ...after },
  })
}

/** The owner columns every owed item has, as its row holds them. */
export interface ItemOwnership {
  ownerUserId: number | null
  ownerContactId: number | null
  /** For a partner request: the partner organisation it is addressed to. */
  partnerOrganisationId: number | null
}

export type MyUpdateItem =
  | ({ type: 'milestone'; row: NonNullable<Awaited<ReturnType<typeof findMilestone>>> } & ItemOwnership)
  | ({ type: 'objective'; row: NonNullable<Awaited<ReturnType<typeof findObjective>>> } & ItemOwnership)
  | ({ type: 'measure'; row: NonNullable<Awaited<ReturnType<typeof findMeasure>>> } & ItemOwnership)
  | ({ type: 'strand'; row: NonNullable<Awaited<ReturnType<typeof findStrand>>> } & ItemOwnership)
  | ({ type: 'partner-request'; row: PartnerRequest } & ItemOwnership)

/** An item of the council by type and id, with who owns it; undefined when the council has no such item. */
export async function findItem(
  db: DbOrTx,
  organisationId: number,
  type: ReturnItemType,
  id: number,
): Promise<MyUpdateItem | undefined> {
  const none = { partnerOrganisationId: null }
  switch (type) {
    case 'milestone': {
      const row = await findMilestone(db, organisationId, id)
      return row && { type, row, ownerUserId: row.owner_user_id, ownerContactId: row.owner_contact_id, ...none }
    }
    case 'objective': {
      const row = await findObjective(db, organisationId, id)
      return row && { type, row, ownerUserId: row.owner_user_id, ownerContactId: row.owner_contact_id, ...none }
    }
    case 'measure': {
      const row = await findMeasure(db, organisationId, id)
      return row && { type, row, ownerUserId: row.owner_user_id, ownerContactId: row.owner_contact_id, ...none }
    }
    case 'strand': {
      const row = await findStrand(db, organisationId, id)
      return row && { type, row, ownerUserId: row.lead_user_id, ownerContactId: row.lead_contact_id, ...none }
    }
    case 'partner-request': {
      const row = await findPartnerRequest(db, organisationId, id)
      return (
        row && {
          type,
          row,
          ownerUserId: row.owner_user_id,
          ownerContactId: row.owner_contact_id,
          partnerOrganisationId: row.partner_organisation_id,
        }
      )
    }
  }
}

/** A person's name, for a page that says who did something. */
export async function personName(db: DbOrTx, userId: number): Promise<string | null> {
  const row = await db.selectFrom('app_user').select('display_name').where('id', '=', userId).executeTakeFirst()
  return row?.display_name ?? null
}

/** The newest progress update on an objective, shown beside the form so the owner need not look it up. */
export async function latestObjectiveUpdate(db: DbOrTx, objectiveId: number) {
  return db
    .selectFrom('objective_update')
    .select(['body', 'created_at'])
    .where('objective_id', '=', objectiveId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
}

/** A measure's value for a period, and its latest value before it: the form's starting point. */
export async function measureValuesAround(db: DbOrTx, measureId: number, period: string) {
  const [current, previous] = await Promise.all([
    db
      .selectFrom('measure_value')
      .select(['period', 'value', 'note'])
      .where('measure_id', '=', measureId)
      .where('period', '=', period)
      .executeTakeFirst(),
    db
      .selectFrom('measure_value')
      .select(['period', 'value', 'note'])
      .where('measure_id', '=', measureId)
      .where('period', '<', period)
      .orderBy('period', 'desc')
      .executeTakeFirst(),
  ])
  return { current, previous }
}

/**
 * The council's requests addressed to a person by name or to the partner organisation they work for: those
 * still awaited first (soonest due first), then those answered (latest first). A request is awaited until it
 * is received (received_on); it can be answered whether or not a reporting round is open.
 */
export async function listRequestsFor(
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
  const answeredOn = (r: (typeof rows)[number]) =>
    r.responded_at ? r.responded_at.toISOString().slice(0, 10) : (r.received_on ?? '')
  return {
    open: rows.filter((r) => r.received_on === null),
    answered: rows
      .filter((r) => r.received_on !== null)
      .map((r) => ({ ...r, answered_on: answeredOn(r) }))
      .sort((a, b) => b.answered_on.localeCompare(a.answered_on) || b.id - a.id),
  }
}

/**
 * A partner's answer to a request (received today, audited, the asker told): one function, kept with the
 * requests (src/reports/partner-request-repository.ts), used here and by the partner's own pages.
 */
export { answerPartnerRequest } from '../reports/partner-request-repository.js'
