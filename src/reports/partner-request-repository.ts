// Requests to partner agencies for their contributions: the record behind "contributions to strengthen" and
// "contributions received". Commissioned by the improvement team or by a Board meeting, addressed to one of
// the council's partner organisations (council_partner) or to a partner named in free text, and answered by
// the partner's people with an optional file of evidence.
import type { DbOrTx, Tx } from '../db/connect.js'
import type { PartnerSector } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { queueMail } from '../mail/outbox.js'
import { BadRequestError } from '../web/errors.js'
import { paths } from '../web/paths.js'
import { formatDate } from '../shared/dates.js'
import { ownerColumns, ownerForAudit, ownerOf, type Owner } from '../accounts/owners.js'
import { assertOwnerInCouncil } from '../accounts/owner-repository.js'

/** Every column of a request but the attachment's bytes (read only to download them). */
const REQUEST_COLUMNS = [
  'partner_request.id',
  'partner_request.organisation_id',
  'partner_request.partner',
  'partner_request.description',
  'partner_request.strand_id',
  'partner_request.requested_on',
  'partner_request.due_on',
  'partner_request.received_on',
  'partner_request.created_by',
  'partner_request.created_at',
  'partner_request.owner_user_id',
  'partner_request.owner_contact_id',
  'partner_request.partner_organisation_id',
  'partner_request.response',
  'partner_request.responded_by',
  'partner_request.responded_at',
  'partner_request.meeting_id',
  'partner_request.attachment_name',
  'partner_request.attachment_type',
] as const

/**
 * The council's requests, latest due first, with their strand, the partner organisation's name, the Board
 * meeting that commissioned each (none: the improvement team did), the answer, who gave it and the name of
 * any file attached (never its bytes).
 */
export async function listPartnerRequests(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('partner_request')
    .leftJoin('strand', 'strand.id', 'partner_request.strand_id')
    .leftJoin(
      'organisation as partner_organisation',
      'partner_organisation.id',
      'partner_request.partner_organisation_id',
    )
    .leftJoin('board_meeting as meeting', 'meeting.id', 'partner_request.meeting_id')
    .leftJoin('app_user as responder', 'responder.id', 'partner_request.responded_by')
    .select(REQUEST_COLUMNS)
    .select([
      'strand.code as strand_code',
      'strand.title as strand_title',
      'partner_organisation.name as partner_organisation_name',
      'meeting.held_on as meeting_held_on',
      'responder.display_name as responded_by_name',
    ])
    .where('partner_request.organisation_id', '=', organisationId)
    .orderBy('partner_request.due_on', 'desc')
    .orderBy('partner_request.id', 'desc')
    .execute()
}

export type PartnerRequestRow = Awaited<ReturnType<typeof listPartnerRequests>>[number]

export async function findPartnerRequest(db: DbOrTx, organisationId: number, id: number) {
  return db
    .selectFrom('partner_request')
    .select(REQUEST_COLUMNS)
    .where('partner_request.id', '=', id)
    .where('partner_request.organisation_id', '=', organisationId)
    .executeTakeFirst()
}

export type PartnerRequest = NonNullable<Awaited<ReturnType<typeof findPartnerRequest>>>

/** The file attached to an answer (its bytes), if there is one. */
export async function readPartnerRequestAttachment(db: DbOrTx, id: number) {
  return db
    .selectFrom('partner_request')
    .select(['attachment_name', 'attachment_type', 'attachment'])
    .where('id', '=', id)
    .executeTakeFirst()
}

/** The council's partner organisations (council_partner), by name: those a request can be addressed to. */
export async function listPartnerOrganisations(
  db: DbOrTx,
  organisationId: number,
): Promise<Array<{ id: number; name: string; sector: PartnerSector }>> {
  return db
    .selectFrom('council_partner')
    .innerJoin('organisation', 'organisation.id', 'council_partner.partner_id')
    .select(['organisation.id', 'organisation.name', 'council_partner.sector'])
    .where('council_partner.council_id', '=', organisationId)
    .orderBy('organisation.name')
    .orderBy('organisation.id')
    .execute()
}

/** The council's Board meetings, newest first: those that can commission a request. */
export async function listCommissioningMeetings(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('board_meeting')
    .select(['id', 'held_on', 'title'])
    .where('organisation_id', '=', organisationId)
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

/** One of the council's Board meetings, for saying who commissioned a request. */
export async function findCommissioningMeeting(db: DbOrTx, organisationId: number, id: number) {
  return db
    .selectFrom('board_meeting')
    .select(['id', 'held_on', 'title'])
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst()
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
  /** The Board meeting that commissioned it (one of the council's); null when the improvement team did. */
  meetingId?: number | null
}

export async function createPartnerRequest(trx: Tx, actor: Actor, input: PartnerRequestInput) {
  await assertOwnerInCouncil(trx, actor.organisationId, input.ownedBy)
  if (
    input.partnerOrganisationId !== null &&
    !(await listPartnerOrganisations(trx, actor.organisationId)).some((o) => o.id === input.partnerOrganisationId)
  ) {
    throw new BadRequestError(`Organisation ${input.partnerOrganisationId} is not a partner of this council`)
  }
  const meetingId = input.meetingId ?? null
  if (
    meetingId !== null &&
    !(await listCommissioningMeetings(trx, actor.organisationId)).some((m) => m.id === meetingId)
  ) {
    throw new BadRequestError(`Meeting ${meetingId} is not one of this council's Board meetings`)
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
      meeting_id: meetingId,
      created_by: actor.userId,
    })
    .returning(REQUEST_COLUMNS)
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

/** A file of evidence attached to an answer, already checked (src/impact/evidence-validation.ts). */
export interface AnswerAttachment {
  name: string
  type: string
  bytes: Buffer
}

export interface AnswerInput {
  response: string
  /** A new file; none keeps the file already attached (if any). */
  attachment?: AnswerAttachment | null
  today: string
  responderName: string
  councilSlug: string
  publicUrl?: string
}

/** What the audit trail keeps of an answer: the text and the file's name and type, never its bytes. */
function answerForAudit(r: {
  received_on: string | null
  response: string
  attachment_name: string | null
  attachment_type: string | null
}) {
  return {
    received_on: r.received_on,
    response: r.response,
    attachment_name: r.attachment_name,
    attachment_type: r.attachment_type,
  }
}

/**
 * A partner's answer to a request: received today, with the response, any file attached and who gave it,
 * audited (action `answer`); and a notice to the person who made the request (queued in the same transaction:
 * a failed send never loses the answer). False, changing nothing, when the request has been answered already.
 */
export function answerPartnerRequest(trx: Tx, actor: Actor, before: PartnerRequest, input: AnswerInput) {
  return writeAnswer(trx, actor, before, input, 'answered')
}

/**
 * A partner's change to the answer they gave (while mayChangeAnswer allows it): the response, and the file
 * when a new one is sent. The day it was received stays. Audited, and the person who asked is told again.
 */
export function changePartnerAnswer(trx: Tx, actor: Actor, before: PartnerRequest, input: AnswerInput) {
  return writeAnswer(trx, actor, before, input, 'changed')
}

async function writeAnswer(
  trx: Tx,
  actor: Actor,
  before: PartnerRequest,
  input: AnswerInput,
  kind: 'answered' | 'changed',
): Promise<boolean> {
  const respondedAt = new Date()
  const file = input.attachment ?? null
  const update = trx
    .updateTable('partner_request')
    .set({
      ...(kind === 'answered' ? { received_on: input.today } : {}),
      response: input.response,
      responded_by: actor.userId,
      responded_at: respondedAt,
      ...(file ? { attachment_name: file.name, attachment_type: file.type, attachment: file.bytes } : {}),
    })
    .where('id', '=', before.id)
  // An answer only to a request still awaited (of two sent at once, the second changes nothing); a change only
  // to an answer given in Turnaround.
  const written = await (
    kind === 'answered'
      ? update.where('received_on', 'is', null)
      : update.where('received_on', 'is not', null).where('responded_at', 'is not', null)
  )
    .returning(['received_on', 'response', 'attachment_name', 'attachment_type'])
    .executeTakeFirst()
  if (!written) return false
  await recordAudit(trx, actor, {
    entityType: 'partner_request',
    entityId: before.id,
    action: kind === 'answered' ? 'answer' : 'update',
    summary:
      kind === 'answered'
        ? `Contribution from ${before.partner} answered by ${input.responderName}`
        : `Answer from ${before.partner} changed by ${input.responderName}`,
    before: answerForAudit(before),
    after: answerForAudit(written),
  })
  await tellTheAsker(trx, actor, before, input, respondedAt, kind)
  return true
}

async function tellTheAsker(
  trx: Tx,
  actor: Actor,
  before: PartnerRequest,
  input: AnswerInput,
  respondedAt: Date,
  what: 'answered' | 'changed',
) {
  if (before.created_by === null) return
  const asker = await trx
    .selectFrom('app_user')
    .select(['id', 'email', 'display_name', 'active'])
    .where('id', '=', before.created_by)
    .executeTakeFirst()
  if (!asker?.active) return
  const link = `${input.publicUrl ?? ''}${paths.council.partnerRequests(input.councilSlug)}`
  const file = input.attachment ? `\n\nThey attached a file: ${input.attachment.name}` : ''
  await queueMail(trx, {
    organisationId: actor.organisationId,
    to: { userId: asker.id, email: asker.email },
    category: 'notice',
    template: 'request-answered',
    subject:
      what === 'answered'
        ? `${before.partner} has answered your request`
        : `${before.partner} has changed its answer to your request`,
    body: [
      `Dear ${asker.display_name},`,
      what === 'answered'
        ? `${input.responderName} (${before.partner}) answered your request on ${formatDate(input.today)}.`
        : `${input.responderName} (${before.partner}) changed their answer to your request on ${formatDate(input.today)}.`,
      `You asked for:\n${before.description}`,
      `Their answer:\n${input.response}${file}`,
      `See every request and its answer:\n${link}`,
    ].join('\n\n'),
    dedupeKey: `request-${what}:${before.id}:${respondedAt.getTime()}`,
  })
}

/** Whom a partner's own pages are for: the person and the organisation they work for. */
export interface PartnerPerson {
  userId: number
  employerOrganisationId: number | null
}

/**
 * The council's requests a partner may see: addressed to the organisation they work for, or to them by name.
 * Soonest due first.
 */
export async function listRequestsForPartner(db: DbOrTx, organisationId: number, person: PartnerPerson) {
  return db
    .selectFrom('partner_request')
    .leftJoin('strand', 'strand.id', 'partner_request.strand_id')
    .leftJoin('board_meeting as meeting', 'meeting.id', 'partner_request.meeting_id')
    .select(REQUEST_COLUMNS)
    .select(['strand.code as strand_code', 'strand.title as strand_title', 'meeting.held_on as meeting_held_on'])
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
}

/** Whether the request is one the partner may see (and answer): to their organisation, or to them by name. */
export function isForPartner(
  request: { partner_organisation_id: number | null; owner_user_id: number | null },
  person: PartnerPerson,
): boolean {
  return (
    request.owner_user_id === person.userId ||
    (person.employerOrganisationId !== null && request.partner_organisation_id === person.employerOrganisationId)
  )
}

/** The organisation a person works for, as recorded on their account. */
export async function employerOfPerson(db: DbOrTx, userId: number): Promise<number | null> {
  const row = await db
    .selectFrom('app_user')
    .select('employer_organisation_id')
    .where('id', '=', userId)
    .executeTakeFirst()
  return row?.employer_organisation_id ?? null
}

/** The council's reporting rounds, for whether an answer can still change (mayChangeAnswer). */
export async function listRoundLocks(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('reporting_round')
    .select(['id', 'quarter_start', 'locks_on', 'locked_at', 'unlocked_at', 'unlock_reason'])
    .where('organisation_id', '=', organisationId)
    .execute()
}

/** The people of a council's partner organisations who can own plan items, each with their organisation's name. */
export interface PartnerOwners {
  /** Accounts employed by one of the council's partner organisations: user id to the organisation's name. */
  users: Map<number, string>
  /** The council's contacts who work for a partner organisation: contact id to the organisation's name. */
  contacts: Map<number, string>
}

/**
 * Who counts as a partner when they own a milestone (for the report's "contributions to strengthen": partner-owned
 * milestones off track). The report matches these against the owners its plan recorded then, not today's owners.
 */
export async function listPartnerOwners(db: DbOrTx, councilId: number): Promise<PartnerOwners> {
  const [users, contacts] = await Promise.all([
    db
      .selectFrom('app_user')
      .innerJoin('council_partner', 'council_partner.partner_id', 'app_user.employer_organisation_id')
      .innerJoin('organisation', 'organisation.id', 'council_partner.partner_id')
      .select(['app_user.id', 'organisation.name'])
      .where('council_partner.council_id', '=', councilId)
      .execute(),
    db
      .selectFrom('contact')
      .innerJoin('organisation', 'organisation.id', 'contact.partner_organisation_id')
      .select(['contact.id', 'organisation.name'])
      .where('contact.organisation_id', '=', councilId)
      .execute(),
  ])
  return {
    users: new Map(users.map((u) => [u.id, u.name])),
    contacts: new Map(contacts.map((c) => [c.id, c.name])),
  }
}
