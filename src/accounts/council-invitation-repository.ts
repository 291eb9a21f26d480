// Invitations to join a council for people who already have an account. The inviting administrator learns
// nothing about the account (not its name, employer or other councils), and the account joins the council
// only when its owner, signed in, accepts. See migration 0018.
import type { DbOrTx, Tx } from '../db/connect.js'
import type { Role } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { queueMail } from '../mail/outbox.js'
import { councilInvitationMail } from './account-mail.js'
import { tokenExpiry } from './account-tokens.js'
import { invitationContext } from './account-repository.js'

const pending = { accepted_at: null, declined_at: null }

/** The pending invitation of this account to this council, if any (expired ones count: they can be resent). */
export async function findPendingCouncilInvitation(db: DbOrTx, organisationId: number, userId: number) {
  return db
    .selectFrom('council_invitation')
    .select(['id', 'expires_at'])
    .where('organisation_id', '=', organisationId)
    .where('user_id', '=', userId)
    .where('accepted_at', 'is', pending.accepted_at)
    .where('declined_at', 'is', pending.declined_at)
    .executeTakeFirst()
}

/**
 * Invites an existing account to the actor's council, emails its owner, and records it in the council's trail
 * as an invitation to the email address (nothing about the account). Returns when the invitation expires.
 */
export async function inviteExistingAccount(
  trx: Tx,
  actor: Actor,
  invitee: { userId: number; email: string; displayName: string; role: Role; employerOrganisationId?: number },
  publicUrl: string,
  now = new Date(),
): Promise<Date> {
  const expiresAt = tokenExpiry('invitation', now)
  const invitation = await trx
    .insertInto('council_invitation')
    .values({
      organisation_id: actor.organisationId,
      user_id: invitee.userId,
      display_name: invitee.displayName,
      role: invitee.role,
      employer_organisation_id: invitee.employerOrganisationId ?? null,
      invited_by: actor.userId,
      created_at: now,
      expires_at: expiresAt,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  const names = await invitationContext(trx, actor)
  await queueMail(
    trx,
    councilInvitationMail({
      publicUrl,
      organisationId: actor.organisationId,
      to: { userId: invitee.userId, email: invitee.email },
      role: invitee.role,
      expiresAt,
      ...names,
    }),
  )
  await recordAudit(trx, actor, {
    entityType: 'council invitation',
    entityId: invitation.id,
    action: 'invite',
    summary: `Invited ${invitee.email} as ${invitee.role}`,
    after: { email: invitee.email, role: invitee.role, expires_at: expiresAt.toISOString() },
  })
  return expiresAt
}

/** The council's invitations still waiting for an answer, for its list of people. */
export async function listPendingCouncilInvitations(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('council_invitation')
    .innerJoin('app_user', 'app_user.id', 'council_invitation.user_id')
    .select([
      'council_invitation.id',
      'council_invitation.display_name',
      'council_invitation.role',
      'council_invitation.expires_at',
      'app_user.email',
    ])
    .where('council_invitation.organisation_id', '=', organisationId)
    .where('council_invitation.accepted_at', 'is', null)
    .where('council_invitation.declined_at', 'is', null)
    .orderBy('council_invitation.display_name')
    .execute()
}

/** The signed-in person's invitations that can still be answered. */
export async function listMyCouncilInvitations(db: DbOrTx, userId: number, now = new Date()) {
  return db
    .selectFrom('council_invitation')
    .innerJoin('organisation', 'organisation.id', 'council_invitation.organisation_id')
    .leftJoin('app_user as inviter', 'inviter.id', 'council_invitation.invited_by')
    .select([
      'council_invitation.id',
      'council_invitation.role',
      'council_invitation.expires_at',
      'organisation.name as council_name',
      'organisation.slug as council_slug',
      'inviter.display_name as inviter_name',
    ])
    .where('council_invitation.user_id', '=', userId)
    .where('council_invitation.accepted_at', 'is', null)
    .where('council_invitation.declined_at', 'is', null)
    .where('council_invitation.expires_at', '>', now)
    .orderBy('council_invitation.created_at')
    .execute()
}

export type InvitationAnswer = 'accept' | 'decline'

/**
 * Answers one of the person's own invitations. Accepting adds the membership; either answer is recorded in the
 * inviting council's trail, by the person. Undefined when the invitation is not theirs, answered or expired.
 */
export async function answerCouncilInvitation(
  trx: Tx,
  user: { id: number; email: string },
  invitationId: number,
  answer: InvitationAnswer,
  now = new Date(),
) {
  const invitation = await trx
    .selectFrom('council_invitation')
    .innerJoin('organisation', 'organisation.id', 'council_invitation.organisation_id')
    .select([
      'council_invitation.id',
      'council_invitation.organisation_id',
      'council_invitation.role',
      'council_invitation.employer_organisation_id',
      'organisation.name as council_name',
      'organisation.slug as council_slug',
    ])
    .where('council_invitation.id', '=', invitationId)
    .where('council_invitation.user_id', '=', user.id)
    .where('council_invitation.accepted_at', 'is', null)
    .where('council_invitation.declined_at', 'is', null)
    .where('council_invitation.expires_at', '>', now)
    .forUpdate()
    .executeTakeFirst()
  if (!invitation) return undefined
  const actor = { userId: user.id, organisationId: invitation.organisation_id }
  if (answer === 'accept') {
    await trx.updateTable('council_invitation').set({ accepted_at: now }).where('id', '=', invitation.id).execute()
    await trx
      .insertInto('membership')
      .values({ user_id: user.id, organisation_id: invitation.organisation_id, role: invitation.role })
      .onConflict((oc) => oc.columns(['user_id', 'organisation_id']).doNothing())
      .execute()
    await recordAudit(trx, actor, {
      entityType: 'membership',
      entityId: user.id,
      action: 'create',
      summary: `${user.email} accepted the invitation and has the role ${invitation.role}`,
      after: { email: user.email, role: invitation.role },
    })
    if (invitation.employer_organisation_id !== null) {
      const before = await trx
        .selectFrom('app_user')
        .select('employer_organisation_id')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow()
      await trx
        .updateTable('app_user')
        .set({ employer_organisation_id: invitation.employer_organisation_id })
        .where('id', '=', user.id)
        .execute()
      await recordAudit(trx, actor, {
        entityType: 'user',
        entityId: user.id,
        action: 'update',
        summary: `${user.email} accepted the invitation as a partner's person`,
        before: { employer_organisation_id: before.employer_organisation_id },
        after: { employer_organisation_id: invitation.employer_organisation_id },
      })
    }
  } else {
    await trx.updateTable('council_invitation').set({ declined_at: now }).where('id', '=', invitation.id).execute()
    await recordAudit(trx, actor, {
      entityType: 'council invitation',
      entityId: invitation.id,
      action: 'update',
      summary: `${user.email} declined the invitation`,
    })
  }
  return invitation
}
