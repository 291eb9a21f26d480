// Contacts: people who own plan items without an account (a partner's manager, a head teacher), named
// with their organisation, role and email. Each belongs to one council; their email is unique there.
import { sql } from 'kysely'
import type { DbOrTx, Tx } from '../db/connect.js'
import type { Contact } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'

export interface ContactInput {
  name: string
  /** Their organisation, as text (it need not be one Turnaround knows). */
  employer: string
  role: string
  email: string
}

export async function listContacts(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('contact')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('name')
    .orderBy('id')
    .execute()
}

export async function findContact(db: DbOrTx, organisationId: number, contactId: number) {
  return db
    .selectFrom('contact')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', contactId)
    .executeTakeFirst()
}

/** Whether another of the council's contacts has this email (emails are kept in lower case). */
export async function contactEmailTaken(db: DbOrTx, organisationId: number, email: string, exceptId?: number) {
  let q = db
    .selectFrom('contact')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where(sql`lower(email)`, '=', email.toLowerCase())
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId)
  return (await q.executeTakeFirst()) !== undefined
}

const columns = (input: ContactInput) => ({
  name: input.name,
  employer: input.employer,
  role: input.role,
  email: input.email.toLowerCase(),
})

export async function createContact(trx: Tx, actor: Actor, input: ContactInput): Promise<Contact> {
  const row = await trx
    .insertInto('contact')
    .values({ organisation_id: actor.organisationId, ...columns(input) })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'contact',
    entityId: row.id,
    action: 'create',
    summary: `Added the contact ${row.name}`,
    after: row,
  })
  return row
}

export async function updateContact(trx: Tx, actor: Actor, before: Contact, input: ContactInput): Promise<Contact> {
  const after = await trx
    .updateTable('contact')
    .set(columns(input))
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'contact',
    entityId: before.id,
    action: 'update',
    summary: `Changed the contact ${after.name}`,
    before,
    after,
  })
  return after
}
