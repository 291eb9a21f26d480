// People, their access to councils, and their roles there.
import { sql } from 'kysely'
import type { DbOrTx, Tx } from '../db/connect.js'
import type { Role } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import type { SignedInUser } from '../web/express-types.js'
import { deleteUserSessions } from './session-repository.js'
import { losesAllAccess } from './oversight-posts.js'

export async function findUserByEmail(db: DbOrTx, email: string) {
  return db.selectFrom('app_user').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst()
}

/**
 * The signed-in user with the councils they may see. Undefined (the session stops working) if the account
 * is gone or deactivated, has no council left (unless it is a service administrator's), or its password
 * changed after this session signed in.
 */
export async function loadSignedInUser(
  db: DbOrTx,
  userId: number,
  signedInAt?: Date,
): Promise<SignedInUser | undefined> {
  // One query on every request: the person and each council they may see (none: a single row of nulls).
  const rows = await db
    .selectFrom('app_user')
    .leftJoin('membership', 'membership.user_id', 'app_user.id')
    .leftJoin('organisation', (join) =>
      join.onRef('organisation.id', '=', 'membership.organisation_id').on('organisation.kind', '=', 'council'),
    )
    .select([
      'app_user.id',
      'app_user.email',
      'app_user.display_name',
      'app_user.password_changed_at',
      'app_user.service_admin',
      'app_user.employer_organisation_id',
      'organisation.id as organisationId',
      'organisation.slug',
      'organisation.name',
      'membership.role',
    ])
    .where('app_user.id', '=', userId)
    .where('app_user.active', '=', true)
    .orderBy('organisation.name')
    .execute()
  const user = rows[0]
  if (!user) return undefined
  // A session from before a password change (or one with no time recorded) belongs to the old password.
  if (user.password_changed_at && (!signedInAt || new Date(user.password_changed_at) > signedInAt)) return undefined
  const councils = rows.flatMap((r) =>
    r.organisationId !== null && r.slug !== null && r.name !== null && r.role !== null
      ? [{ organisationId: r.organisationId, slug: r.slug, name: r.name, role: r.role }]
      : [],
  )
  if (councils.length === 0 && !user.service_admin) return undefined
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    councils,
    serviceAdmin: user.service_admin,
    employerOrganisationId: user.employer_organisation_id,
  }
}

/** The councils a person has access to, and their role in each. */
export async function listCouncilAccess(db: DbOrTx, userId: number) {
  return db
    .selectFrom('membership')
    .innerJoin('organisation', 'organisation.id', 'membership.organisation_id')
    .select(['organisation.id as organisationId', 'organisation.slug', 'organisation.name', 'membership.role'])
    .where('membership.user_id', '=', userId)
    .where('organisation.kind', '=', 'council')
    .orderBy('organisation.name')
    .execute()
}

/**
 * Whether a person may sign in: undefined, or why not (shown only to someone who gave the right password).
 * A service administrator may sign in with no council.
 */
export async function signInRefusal(db: DbOrTx, user: { id: number; active: boolean }) {
  if (!user.active) return 'deactivated' as const
  const councils = await listCouncilAccess(db, user.id)
  if (councils.length > 0 || (await isServiceAdmin(db, user.id))) return undefined
  return 'no-council' as const
}

async function isServiceAdmin(db: DbOrTx, userId: number) {
  const row = await db.selectFrom('app_user').select('service_admin').where('id', '=', userId).executeTakeFirst()
  return row?.service_admin === true
}

/**
 * After someone's access to a council has gone: end their sessions now (rather than at their next request) if
 * they have no council left and are not a service administrator.
 */
export async function endSessionsIfNoAccessLeft(trx: Tx, userId: number) {
  const left = await trx
    .selectFrom('membership')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow()
  if (losesAllAccess(Number(left.count), await isServiceAdmin(trx, userId))) await deleteUserSessions(trx, userId)
}

export async function listCouncilUsers(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .leftJoin('organisation as employer', 'employer.id', 'app_user.employer_organisation_id')
    .select([
      'app_user.id',
      'app_user.email',
      'app_user.display_name',
      'app_user.active',
      sql<boolean>`app_user.password_hash <> ''`.as('password_set'),
      'membership.role',
      'membership.oversight_post',
      'employer.name as employer_name',
    ])
    .where('membership.organisation_id', '=', organisationId)
    .orderBy('app_user.display_name')
    .execute()
}

export async function findCouncilUser(db: DbOrTx, organisationId: number, userId: number) {
  return db
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select([
      'app_user.id',
      'app_user.email',
      'app_user.display_name',
      'app_user.active',
      sql<boolean>`app_user.password_hash <> ''`.as('password_set'),
      'membership.role',
      'membership.oversight_post',
      'app_user.service_admin',
    ])
    .where('membership.organisation_id', '=', organisationId)
    .where('app_user.id', '=', userId)
    .executeTakeFirst()
}

/** How many councils other than this one the person has access to. */
export async function countOtherCouncils(db: DbOrTx, userId: number, organisationId: number) {
  const row = await db
    .selectFrom('membership')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('user_id', '=', userId)
    .where('organisation_id', '<>', organisationId)
    .executeTakeFirstOrThrow()
  return Number(row.count)
}

export interface NewCouncilUser {
  email: string
  displayName: string
  role: Role
}

/**
 * Add a person to a council: creates the account (with no password yet: they choose one from their
 * invitation) if the email is new, otherwise adds a membership. Says which, and whether the person has
 * chosen a password, so the caller sends an invitation or a notice.
 */
export async function addCouncilUser(trx: Tx, actor: Actor, input: NewCouncilUser) {
  let user = await findUserByEmail(trx, input.email)
  const created = !user
  if (!user) {
    user = await trx
      .insertInto('app_user')
      .values({ email: input.email.trim().toLowerCase(), display_name: input.displayName, password_hash: '' })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, actor, {
      entityType: 'user',
      entityId: user.id,
      action: 'create',
      summary: `Created account ${user.email}`,
      after: { email: user.email, display_name: user.display_name },
    })
  }
  await trx
    .insertInto('membership')
    .values({ user_id: user.id, organisation_id: actor.organisationId, role: input.role })
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'membership',
    entityId: user.id,
    action: 'create',
    summary: `Gave ${user.email} the role ${input.role}`,
    after: { email: user.email, role: input.role },
  })
  return {
    id: user.id,
    email: user.email,
    displayName: user.display_name,
    active: user.active,
    created,
    passwordSet: user.password_hash !== '',
  }
}

/** The council's name and the person acting, as an email to someone names them. */
export async function invitationContext(db: DbOrTx, actor: Actor) {
  return db
    .selectFrom('organisation')
    .innerJoin('app_user', (join) => join.on('app_user.id', '=', actor.userId))
    .select(['organisation.name as councilName', 'app_user.display_name as inviterName'])
    .where('organisation.id', '=', actor.organisationId)
    .executeTakeFirstOrThrow()
}

/** A person's account as their own pages need it (never the password hash). */
export async function findAccount(db: DbOrTx, userId: number) {
  return db
    .selectFrom('app_user')
    .select([
      'id',
      'email',
      'display_name',
      'active',
      'password_changed_at',
      sql<boolean>`password_hash <> ''`.as('password_set'),
    ])
    .where('id', '=', userId)
    .executeTakeFirst()
}

/** The stored password hash, to check a person's current password. */
export async function findPasswordHash(db: DbOrTx, userId: number) {
  const row = await db.selectFrom('app_user').select('password_hash').where('id', '=', userId).executeTakeFirst()
  return row?.password_hash
}

/** Set a person's password (already hashed); `changedAt` ends sessions that signed in before it. */
export async function setPassword(trx: Tx, userId: number, passwordHash: string, changedAt: Date) {
  await trx
    .updateTable('app_user')
    .set({ password_hash: passwordHash, password_changed_at: changedAt, updated_at: changedAt })
    .where('id', '=', userId)
    .execute()
}

/** Turn a person's account off or back on; audited in the council whose administrator did it. */
export async function setAccountActive(trx: Tx, actor: Actor, person: { id: number; email: string }, active: boolean) {
  await trx.updateTable('app_user').set({ active, updated_at: new Date() }).where('id', '=', person.id).execute()
  await recordAudit(trx, actor, {
    entityType: 'user',
    entityId: person.id,
    action: 'update',
    summary: active ? `Reactivated ${person.email}'s account` : `Deactivated ${person.email}'s account`,
    before: { email: person.email, active: !active },
    after: { email: person.email, active },
  })
}

export async function updateCouncilUser(
  trx: Tx,
  actor: Actor,
  userId: number,
  change: { role: Role; access: 'keep' | 'remove' },
) {
  const before = await findCouncilUser(trx, actor.organisationId, userId)
  if (!before) return undefined
  // An overseer's access is the service administrator's to change (the routes refuse first; this holds anyway).
  if (before.oversight_post !== null) throw new Error('An oversight post is changed only by a service administrator')
  const membership = trx
    .selectFrom('membership')
    .select('id')
    .where('user_id', '=', userId)
    .where('organisation_id', '=', actor.organisationId)
  const removed = change.access === 'remove'
  if (removed) {
    await trx.deleteFrom('membership').where('id', 'in', membership).execute()
    // Someone left with no council cannot sign in: end their sessions now rather than at their next request.
    await endSessionsIfNoAccessLeft(trx, userId)
  } else await trx.updateTable('membership').set({ role: change.role }).where('id', 'in', membership).execute()
  await recordAudit(trx, actor, {
    entityType: 'membership',
    entityId: userId,
    action: removed ? 'delete' : 'update',
    summary: removed ? `Removed ${before.email}'s access` : `Changed ${before.email}'s role`,
    before: { email: before.email, role: before.role },
    after: removed ? undefined : { email: before.email, role: change.role },
  })
  return change
}

/** A sign-in, in the person's own trail (no council: they may see several). */
/**
 * A sign-in goes in the audit trail of each council the person may enter, so each council's "Signed in"
 * filter finds it; a service administrator with no council is recorded at service level (no council).
 */
export async function recordSignIn(trx: Tx, user: { id: number; email: string }) {
  for (const organisationId of await auditCouncilsOf(trx, user.id)) {
    await recordAudit(
      trx,
      { userId: user.id, organisationId },
      { entityType: 'session', entityId: user.id, action: 'sign-in', summary: `${user.email} signed in` },
    )
  }
}

/** The councils whose audit trail records what happens to a person's account: service level when none. */
export async function auditCouncilsOf(db: DbOrTx, userId: number | undefined): Promise<Array<number | null>> {
  const councils = userId === undefined ? [] : await listCouncilAccess(db, userId)
  return councils.length ? councils.map((c) => c.organisationId) : [null]
}
