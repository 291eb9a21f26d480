import type { DbOrTx } from '../db/connect.js'
import type { Role } from './roles.js'
import { recordAudit } from '../audit/audit-repository.js'

export interface CouncilAccess {
  organisationId: number
  slug: string
  name: string
  role: Role
}

export interface SignedInUser {
  id: number
  email: string
  displayName: string
  councils: CouncilAccess[]
}

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

export async function findCouncilBySlug(db: DbOrTx, slug: string) {
  return db
    .selectFrom('organisation')
    .selectAll()
    .where('slug', '=', slug)
    .where('kind', '=', 'council')
    .executeTakeFirst()
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
export async function addCouncilUser(db: DbOrTx, organisationId: number, actorId: number, input: NewCouncilUser) {
  let user = await findUserByEmail(db, input.email)
  if (!user) {
    user = await db
      .insertInto('app_user')
      .values({ email: input.email.toLowerCase(), display_name: input.displayName, password_hash: input.passwordHash })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(db, {
      organisationId,
      userId: actorId,
      entityType: 'user',
      entityId: user.id,
      action: 'create',
      summary: `Created account ${user.email}`,
      after: { email: user.email, display_name: user.display_name },
    })
  }
  await db
    .insertInto('membership')
    .values({ user_id: user.id, organisation_id: organisationId, role: input.role })
    .execute()
  await recordAudit(db, {
    organisationId,
    userId: actorId,
    entityType: 'membership',
    entityId: user.id,
    action: 'create',
    summary: `Gave ${user.email} the role ${input.role}`,
    after: { email: user.email, role: input.role },
  })
  return user
}

export async function updateCouncilUser(
  db: DbOrTx,
  organisationId: number,
  actorId: number,
  userId: number,
  change: { role: Role; access: 'keep' | 'remove' },
) {
  const before = await findCouncilUser(db, organisationId, userId)
  if (!before) return undefined
  if (change.access === 'remove') {
    await db
      .deleteFrom('membership')
      .where('user_id', '=', userId)
      .where('organisation_id', '=', organisationId)
      .execute()
  } else {
    await db
      .updateTable('membership')
      .set({ role: change.role })
      .where('user_id', '=', userId)
      .where('organisation_id', '=', organisationId)
      .execute()
  }
  const removed = change.access === 'remove'
  await recordAudit(db, {
    organisationId,
    userId: actorId,
    entityType: 'membership',
    entityId: userId,
    action: removed ? 'delete' : 'update',
    summary: removed ? `Removed ${before.email}'s access` : `Changed ${before.email}'s role`,
    before: { email: before.email, role: before.role },
    after: removed ? undefined : { email: before.email, role: change.role },
  })
  return change
}
