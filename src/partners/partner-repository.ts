// The council's partner organisations (council_partner), their people at the council (partner-role members
// employed there, and contacts without an account who work there), and adding an organisation or a person.
import type { DbOrTx, Tx } from '../db/connect.js'
import type { PartnerSector } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { uniqueSlug } from './partner-rules.js'

export interface CouncilPartner {
  id: number
  name: string
  slug: string
  sector: PartnerSector
}

/** The council's partner organisations, by name, with how many people each has at the council. */
export async function listCouncilPartners(db: DbOrTx, councilId: number) {
  const partners = await db
    .selectFrom('council_partner')
    .innerJoin('organisation', 'organisation.id', 'council_partner.partner_id')
    .select(['organisation.id', 'organisation.name', 'organisation.slug', 'council_partner.sector'])
    .where('council_partner.council_id', '=', councilId)
    .orderBy('organisation.name')
    .orderBy('organisation.id')
    .execute()
  const people = await listPeopleOfPartners(
    db,
    councilId,
    partners.map((p) => p.id),
  )
  return partners.map((p) => ({ ...p, people: people.filter((x) => x.partnerId === p.id).length }))
}

/** One of the council's partner organisations; undefined for any other organisation. */
export async function findCouncilPartner(
  db: DbOrTx,
  councilId: number,
  partnerId: number,
): Promise<CouncilPartner | undefined> {
  return db
    .selectFrom('council_partner')
    .innerJoin('organisation', 'organisation.id', 'council_partner.partner_id')
    .select(['organisation.id', 'organisation.name', 'organisation.slug', 'council_partner.sector'])
    .where('council_partner.council_id', '=', councilId)
    .where('council_partner.partner_id', '=', partnerId)
    .executeTakeFirst()
}

export interface PartnerPersonRow {
  partnerId: number
  kind: 'user' | 'contact'
  id: number
  name: string
  email: string
  /** For a contact: their role as recorded; for a person with an account: whether they have signed in yet. */
  detail: string
}

/** The people of the given partner organisations at the council, by name. */
async function listPeopleOfPartners(db: DbOrTx, councilId: number, partnerIds: number[]): Promise<PartnerPersonRow[]> {
  if (partnerIds.length === 0) return []
  const [users, contacts] = await Promise.all([
    db
      .selectFrom('membership')
      .innerJoin('app_user', 'app_user.id', 'membership.user_id')
      .select([
        'app_user.id',
        'app_user.display_name',
        'app_user.email',
        'app_user.employer_organisation_id',
        'app_user.active',
        'app_user.password_hash',
      ])
      .where('membership.organisation_id', '=', councilId)
      .where('membership.role', '=', 'partner')
      .where('app_user.employer_organisation_id', 'in', partnerIds)
      .execute(),
    db
      .selectFrom('contact')
      .select(['id', 'name', 'email', 'role', 'partner_organisation_id'])
      .where('organisation_id', '=', councilId)
      .where('partner_organisation_id', 'in', partnerIds)
      .execute(),
  ])
  const rows: PartnerPersonRow[] = [
    ...users.map((u) => ({
      partnerId: u.employer_organisation_id!,
      kind: 'user' as const,
      id: u.id,
      name: u.display_name,
      email: u.email,
      detail: !u.active ? 'Account deactivated' : u.password_hash === '' ? 'Invited, not yet signed in' : 'Can sign in',
    })),
    ...contacts.map((c) => ({
      partnerId: c.partner_organisation_id!,
      kind: 'contact' as const,
      id: c.id,
      name: c.name,
      email: c.email,
      detail: c.role ? `Contact without an account: ${c.role}` : 'Contact without an account',
    })),
  ]
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'en-GB') || a.kind.localeCompare(b.kind) || a.id - b.id)
}

export async function listPartnerPeople(db: DbOrTx, councilId: number, partnerId: number) {
  return listPeopleOfPartners(db, councilId, [partnerId])
}

/** The council's requests addressed to the partner organisation, latest due first (no attachment bytes). */
export async function listRequestsToPartner(db: DbOrTx, councilId: number, partnerId: number) {
  return db
    .selectFrom('partner_request')
    .leftJoin('strand', 'strand.id', 'partner_request.strand_id')
    .leftJoin('app_user as responder', 'responder.id', 'partner_request.responded_by')
    .select([
      'partner_request.id',
      'partner_request.description',
      'partner_request.due_on',
      'partner_request.received_on',
      'partner_request.responded_at',
      'partner_request.attachment_name',
      'strand.code as strand_code',
      'responder.display_name as responded_by_name',
    ])
    .where('partner_request.organisation_id', '=', councilId)
    .where('partner_request.partner_organisation_id', '=', partnerId)
    .orderBy('partner_request.due_on', 'desc')
    .orderBy('partner_request.id', 'desc')
    .execute()
}

/** The requests addressed to each of the council's partner organisations: the facts the counts need. */
export async function listRequestFactsByPartner(db: DbOrTx, councilId: number) {
  return db
    .selectFrom('partner_request')
    .select(['partner_organisation_id', 'due_on', 'received_on', 'responded_at'])
    .where('organisation_id', '=', councilId)
    .where('partner_organisation_id', 'is not', null)
    .execute()
}

/**
 * Adds a partner organisation: a new organisation of kind partner (with a slug no organisation has) and the
 * council's link to it with its sector, audited.
 */
export async function createPartnerOrganisation(
  trx: Tx,
  actor: Actor,
  input: { name: string; sector: PartnerSector },
): Promise<CouncilPartner> {
  const taken = new Set((await trx.selectFrom('organisation').select('slug').execute()).map((o) => o.slug))
  const organisation = await trx
    .insertInto('organisation')
    .values({ slug: uniqueSlug(input.name, taken), name: input.name, kind: 'partner' })
    .returning(['id', 'name', 'slug'])
    .executeTakeFirstOrThrow()
  await trx
    .insertInto('council_partner')
    .values({ council_id: actor.organisationId, partner_id: organisation.id, sector: input.sector })
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'partner',
    entityId: organisation.id,
    action: 'create',
    summary: `Added the partner organisation ${organisation.name}`,
    after: { ...organisation, sector: input.sector },
  })
  return { ...organisation, sector: input.sector }
}

/**
 * Records that a person works for the partner organisation (their account's employer), so they see the
 * requests addressed to it. Audited when it changes. (An account has one employer: a person added here who
 * was recorded elsewhere now works for this organisation, as the improvement team says.)
 */
export async function setEmployer(
  trx: Tx,
  actor: Actor,
  person: { id: number; email: string },
  partner: { id: number; name: string },
): Promise<void> {
  const before = await trx
    .selectFrom('app_user')
    .select('employer_organisation_id')
    .where('id', '=', person.id)
    .executeTakeFirstOrThrow()
  if (before.employer_organisation_id === partner.id) return
  await trx.updateTable('app_user').set({ employer_organisation_id: partner.id }).where('id', '=', person.id).execute()
  await recordAudit(trx, actor, {
    entityType: 'user',
    entityId: person.id,
    action: 'update',
    summary: `Recorded that ${person.email} works for ${partner.name}`,
    before: { employer_organisation_id: before.employer_organisation_id },
    after: { employer_organisation_id: partner.id },
  })
}
