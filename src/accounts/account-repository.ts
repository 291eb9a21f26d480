// People, their access to councils, and their roles there.
import type { DbOrTx, Tx } from '../db/connect.js'
import type { Role } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import type { SignedInUser } from '../web/express-types.js'

export async function findUserByEmail(db: DbOrTx, email: string) {
  return db.selectFrom('app_user').selectAll().where('email', '=', email.trim().toLowerCase()).executeTakeFirst()
}

/** The signed-in user with the councils they may see. Undefined if the account is gone or deactivated. */
export async function loadSignedInUser(db: DbOrTx, userId: number): Promise<SignedInUser | undefined> {
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'display_name'])
    .where('id', '=', userId)
    .where('active', '=', true)
    .executeTakeFirst()
  if (!user) return undefined
  const councils = await db
    .selectFrom('membership')
    .innerJoin('organisation', 'organisation.id', 'membership.organisation_id')
    .select(['organisation.id as organisationId', 'organisation.slug', 'organisation.name', 'membership.role'])
    .where('membership.user_id', '=', userId)
    .where('organisation.kind', '=', 'council')
    .orderBy('organisation.name')
    .execute()
  return { id: user.id, email: user.email, displayName: user.display_name, councils }
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
      'membership.role',
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
    .select(['app_user.id', 'app_user.email', 'app_user.display_name', 'app_user.active', 'membership.role'])
    .where('membership.organisation_id', '=', organisationId)
    .where('app_user.id', '=', userId)
    .executeTakeFirst()
}

export interface NewCouncilUser {
  email: string
  displayName: string
  passwordHash: string
  role: Role
}

/** Add a person to a council: creates the account if the email is new, otherwise adds a membership. */
export async function addCouncilUser(trx: Tx, actor: Actor, input: NewCouncilUser) {
  let user = await findUserByEmail(trx, input.email)
  if (!user) {
    user = await trx
      .insertInto('app_user')
      .values({ email: input.email.toLowerCase(), display_name: input.displayName, password_hash: input.passwordHash })
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
  return user
}

export async function updateCouncilUser(
  trx: Tx,
  actor: Actor,
  userId: number,
  change: { role: Role; access: 'keep' | 'remove' },
) {
  const before = await findCouncilUser(trx, actor.organisationId, userId)
  if (!before) return undefined
  const membership = trx
    .selectFrom('membership')
    .select('id')
    .where('user_id', '=', userId)
    .where('organisation_id', '=', actor.organisationId)
  const removed = change.access === 'remove'
  if (removed) await trx.deleteFrom('membership').where('id', 'in', membership).execute()
  else await trx.updateTable('membership').set({ role: change.role }).where('id', 'in', membership).execute()
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
export async function recordSignIn(trx: Tx, user: { id: number; email: string }) {
  await recordAudit(
    trx,
    { userId: user.id, organisationId: null },
    { entityType: 'session', entityId: user.id, action: 'sign-in', summary: `${user.email} signed in` },
  )
}
