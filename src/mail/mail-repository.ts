// Queries on the outbox: claiming due messages for the worker, recording each attempt, and the pages that
// show what was sent (a council's Sent mail, a person's own mail) and a person's mail choices.
import type { Db, DbOrTx, Tx } from '../db/connect.js'
import type { Insertable } from 'kysely'
import type { MailStatus, OutboxMessageTable } from '../db/database.js'
import type { TransportName } from './transports.js'

/** Inserts a message unless its dedupe key is already queued; undefined when it was (a duplicate). */
export async function insertOutboxMessage(
  db: DbOrTx,
  values: Insertable<OutboxMessageTable>,
): Promise<{ id: number } | undefined> {
  return db
    .insertInto('outbox_message')
    .values(values)
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .returning('id')
    .executeTakeFirst()
}

export interface ClaimedMail {
  id: number
  to_email: string
  subject: string
  body: string
  attempts: number
}

/**
 * Claims up to `limit` pending messages due by `now`, oldest first, by moving their next attempt to
 * `leaseUntil`: another worker (another app process) skips them while this one sends. The rows are locked
 * (`for update skip locked`) only for this short transaction, never while a message is on the network; a
 * worker that dies mid-send leaves its messages to be tried again once the lease ends.
 */
export async function claimDueMail(db: Db, now: Date, limit: number, leaseUntil: Date): Promise<ClaimedMail[]> {
  const claimed = await db.transaction().execute(async (trx) => {
    const due = await trx
      .selectFrom('outbox_message')
      .select('id')
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute()
    if (due.length === 0) return []
    return trx
      .updateTable('outbox_message')
      .set({ next_attempt_at: leaseUntil })
      .where(
        'id',
        'in',
        due.map((d) => d.id),
      )
      .returning(['id', 'to_email', 'subject', 'body', 'attempts'])
      .execute()
  })
  return claimed.sort((a, b) => a.id - b.id)
}

export async function markMailSent(
  db: DbOrTx,
  id: number,
  outcome: { transport: TransportName; at: Date; body: string },
): Promise<void> {
  await db
    .updateTable('outbox_message')
    .set((eb) => ({
      status: 'sent',
      transport: outcome.transport,
      sent_at: outcome.at,
      body: outcome.body,
      attempts: eb('attempts', '+', 1),
      last_error: '',
    }))
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute()
}

/** A failed attempt: try again at `retryAt`, or give up (status 'failed') when it is null. */
export async function markMailAttemptFailed(
  db: DbOrTx,
  id: number,
  outcome: { attempts: number; error: string; retryAt: Date | null },
): Promise<void> {
  await db
    .updateTable('outbox_message')
    .set({
      attempts: outcome.attempts,
      last_error: outcome.error,
      ...(outcome.retryAt ? { next_attempt_at: outcome.retryAt } : { status: 'failed' as const }),
    })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute()
}

/** What the Sent mail page filters by: the stored status, with mail kept in the outbox told apart from mail sent. */
export const MAIL_FILTERS = ['sent', 'kept', 'pending', 'failed', 'suppressed'] as const
export type MailFilter = (typeof MAIL_FILTERS)[number]

const LISTED = [
  'outbox_message.id',
  'outbox_message.to_email',
  'outbox_message.category',
  'outbox_message.template',
  'outbox_message.subject',
  'outbox_message.status',
  'outbox_message.attempts',
  'outbox_message.next_attempt_at',
  'outbox_message.last_error',
  'outbox_message.transport',
  'outbox_message.created_at',
  'outbox_message.sent_at',
] as const

export async function listCouncilMail(
  db: DbOrTx,
  filter: { organisationId: number; status?: MailFilter | undefined; page: number; pageSize: number },
) {
  let query = db
    .selectFrom('outbox_message')
    .leftJoin('app_user', 'app_user.id', 'outbox_message.to_user_id')
    .where('outbox_message.organisation_id', '=', filter.organisationId)
  if (filter.status === 'kept') {
    query = query.where('outbox_message.status', '=', 'sent').where('outbox_message.transport', '=', 'outbox')
  } else if (filter.status === 'sent') {
    query = query
      .where('outbox_message.status', '=', 'sent')
      .where((eb) =>
        eb.or([eb('outbox_message.transport', 'is', null), eb('outbox_message.transport', '!=', 'outbox')]),
      )
  } else if (filter.status) {
    query = query.where('outbox_message.status', '=', filter.status satisfies MailStatus)
  }
  const [rows, total] = await Promise.all([
    query
      .select([...LISTED, 'app_user.display_name as to_name'])
      .orderBy('outbox_message.created_at', 'desc')
      .orderBy('outbox_message.id', 'desc')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.count) }
}

/** One message of the council, with its body; undefined for another council's (a 404). */
export async function findCouncilMessage(db: DbOrTx, organisationId: number, id: number) {
  return db
    .selectFrom('outbox_message')
    .leftJoin('app_user', 'app_user.id', 'outbox_message.to_user_id')
    .select([...LISTED, 'outbox_message.body', 'app_user.display_name as to_name'])
    .where('outbox_message.organisation_id', '=', organisationId)
    .where('outbox_message.id', '=', id)
    .executeTakeFirst()
}

/**
 * The mail sent (or not) to a person, across councils, newest first: messages to their account, and to
 * their address before it was an account's (an invitation to a contact, say).
 */
export async function listPersonMail(
  db: DbOrTx,
  person: { userId: number; email: string },
  page: { page: number; pageSize: number },
) {
  const query = db
    .selectFrom('outbox_message')
    .leftJoin('organisation', 'organisation.id', 'outbox_message.organisation_id')
    .where((eb) =>
      eb.or([
        eb('outbox_message.to_user_id', '=', person.userId),
        eb.and([
          eb('outbox_message.to_user_id', 'is', null),
          eb('outbox_message.to_email', '=', person.email.trim().toLowerCase()),
        ]),
      ]),
    )
  const [rows, total] = await Promise.all([
    query
      .select([...LISTED, 'outbox_message.body', 'organisation.name as council_name'])
      .orderBy('outbox_message.created_at', 'desc')
      .orderBy('outbox_message.id', 'desc')
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow(),
  ])
  return { rows, total: Number(total.count) }
}

export interface MailChoices {
  reminders: boolean
  notices: boolean
  digest: boolean
}

export async function findMailChoices(db: DbOrTx, userId: number): Promise<MailChoices | undefined> {
  const row = await db
    .selectFrom('app_user')
    .select(['mail_reminders', 'mail_notices', 'mail_digest'])
    .where('id', '=', userId)
    .executeTakeFirst()
  return row && { reminders: row.mail_reminders, notices: row.mail_notices, digest: row.mail_digest }
}

export async function saveMailChoices(trx: Tx, userId: number, choices: MailChoices): Promise<void> {
  await trx
    .updateTable('app_user')
    .set({ mail_reminders: choices.reminders, mail_notices: choices.notices, mail_digest: choices.digest })
    .where('id', '=', userId)
    .execute()
}
