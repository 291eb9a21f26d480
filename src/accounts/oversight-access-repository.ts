// Oversight posts held at councils (a DfE adviser, a Commissioner, the Improvement Board's chair): listed for the
// service administrator and for each council, granted, changed and withdrawn by a service administrator only.
// Each change is audited in the council's own trail, with the service administrator as the person acting.
import { sql } from 'kysely'
import type { DbOrTx, Tx } from '../db/connect.js'
import type { OversightPost } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { endSessionsIfNoAccessLeft, findUserByEmail } from './account-repository.js'
import { OVERSIGHT_POST_LABELS, postIsDfe, roleForPost } from './oversight-posts.js'

export interface OversightHolding {
  membershipId: number
  organisationId: number
  councilSlug: string
  councilName: string
  userId: number
  displayName: string
  email: string
  employerName: string | null
  active: boolean
  passwordSet: boolean
  post: OversightPost
  grantedByName: string | null
  since: Date
}

function holdings(db: DbOrTx) {
  return db
    .selectFrom('membership')
    .innerJoin('organisation as council', 'council.id', 'membership.organisation_id')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .leftJoin('organisation as employer', 'employer.id', 'app_user.employer_organisation_id')
    .leftJoin('app_user as granter', 'granter.id', 'membership.granted_by')
    .select([
      'membership.id as membershipId',
      'council.id as organisationId',
      'council.slug as councilSlug',
      'council.name as councilName',
      'app_user.id as userId',
      'app_user.display_name as displayName',
      'app_user.email',
      'employer.name as employerName',
      'app_user.active',
      sql<boolean>`app_user.password_hash <> ''`.as('passwordSet'),
      'membership.oversight_post as post',
      'granter.display_name as grantedByName',
      'membership.created_at as since',
    ])
    .where('council.kind', '=', 'council')
    .where('membership.oversight_post', 'is not', null)
}

const asHolding = (row: Omit<OversightHolding, 'post'> & { post: OversightPost | null }) => row as OversightHolding

/** Every oversight post at every council (or at one), by council, then post, then name. */
export async function listOversightHoldings(db: DbOrTx, organisationId?: number): Promise<OversightHolding[]> {
  let query = holdings(db)
  if (organisationId !== undefined) query = query.where('council.id', '=', organisationId)
  const rows = await query
    .orderBy('council.name')
    .orderBy('membership.oversight_post')
    .orderBy('app_user.display_name')
    .execute()
  return rows.map(asHolding)
}

export async function findOversightHolding(db: DbOrTx, membershipId: number) {
  const row = await holdings(db).where('membership.id', '=', membershipId).executeTakeFirst()
  return row && asHolding(row)
}

/** Every council (not DfE or partner bodies), by name. */
export async function listCouncils(db: DbOrTx) {
  return db
    .selectFrom('organisation')
    .select(['id', 'slug', 'name'])
    .where('kind', '=', 'council')
    .orderBy('name')
    .execute()
}

export async function findCouncilBySlug(db: DbOrTx, slug: string) {
  return db
    .selectFrom('organisation')
    .select(['id', 'slug', 'name'])
    .where('kind', '=', 'council')
    .where('slug', '=', slug)
    .executeTakeFirst()
}

/** The person's role at a council, if they have access to it (for refusing a second membership). */
export async function findMembership(db: DbOrTx, organisationId: number, userId: number) {
  return db
    .selectFrom('membership')
    .select(['id', 'role', 'oversight_post'])
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .executeTakeFirst()
}

export interface OversightGrant {
  post: OversightPost
  email: string
  /** Used only when no account has this email yet. */
  displayName: string
}

/**
 * Grant a post at the council (`actor.organisationId`): creates the account (no password: they choose one from
 * their invitation) when the email is new, with DfE as employer for an adviser or Commissioner. The caller has
 * checked that the person has no access to this council yet. Says whether the account was created and whether
 * it has a password, so the caller sends an invitation or a notice.
 */
export async function grantOversightPost(trx: Tx, actor: Actor, grant: OversightGrant) {
  const email = grant.email.trim().toLowerCase()
  let user = await findUserByEmail(trx, email)
  const created = !user
  if (!user) {
    const dfe = postIsDfe(grant.post)
      ? await trx.selectFrom('organisation').select('id').where('kind', '=', 'dfe').orderBy('id').executeTakeFirst()
      : undefined
    user = await trx
      .insertInto('app_user')
      .values({
        email,
        display_name: grant.displayName,
        password_hash: '',
        employer_organisation_id: dfe?.id ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, actor, {
      entityType: 'user',
      entityId: user.id,
      action: 'create',
      summary: `Created account ${user.email}`,
      after: { email: user.email, display_name: user.display_name, employer_organisation_id: dfe?.id ?? null },
    })
  }
  const role = roleForPost(grant.post)
  const membership = await trx
    .insertInto('membership')
    .values({
      user_id: user.id,
      organisation_id: actor.organisationId,
      role,
      oversight_post: grant.post,
      granted_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'membership',
    entityId: user.id,
    action: 'grant',
    summary: `Granted ${user.email} oversight access as ${OVERSIGHT_POST_LABELS[grant.post]}`,
    after: { email: user.email, role, oversight_post: grant.post },
  })
  return {
    membershipId: membership.id,
    role,
    person: { id: user.id, email: user.email, displayName: user.display_name },
    active: user.active,
    created,
    passwordSet: user.password_hash !== '',
  }
}

/** Change the post (and with it the role) of an oversight holding; audited in its council. */
export async function changeOversightPost(trx: Tx, actor: Actor, holding: OversightHolding, post: OversightPost) {
  if (holding.post === post) return false
  const before = { email: holding.email, role: roleForPost(holding.post), oversight_post: holding.post }
  const after = { email: holding.email, role: roleForPost(post), oversight_post: post }
  await trx
    .updateTable('membership')
    .set({ role: after.role, oversight_post: post })
    .where('id', '=', holding.membershipId)
    .where('oversight_post', 'is not', null)
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'membership',
    entityId: holding.userId,
    action: 'update',
    summary: `Changed ${holding.email}'s oversight post from ${OVERSIGHT_POST_LABELS[holding.post]} to ${OVERSIGHT_POST_LABELS[post]}`,
    before,
    after,
  })
  return true
}

/** Withdraw an oversight holding: the membership goes, and so do the person's sessions if it was their last council. */
export async function withdrawOversightPost(trx: Tx, actor: Actor, holding: OversightHolding) {
  await trx
    .deleteFrom('membership')
    .where('id', '=', holding.membershipId)
    .where('oversight_post', 'is not', null)
    .execute()
  await endSessionsIfNoAccessLeft(trx, holding.userId)
  await recordAudit(trx, actor, {
    entityType: 'membership',
    entityId: holding.userId,
    action: 'withdraw',
    summary: `Withdrew ${holding.email}'s oversight access as ${OVERSIGHT_POST_LABELS[holding.post]}`,
    before: { email: holding.email, role: roleForPost(holding.post), oversight_post: holding.post },
  })
}
