// Inviting a person: a single-use link, valid for a week, by which they choose their own password. An
// administrator never chooses or handles anyone's password.
import type { Tx } from '../db/connect.js'
import type { Role } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { queueMail } from '../mail/outbox.js'
import { formatDateTime } from '../shared/dates.js'
import { issueToken } from './account-token-repository.js'
import { accessAddedMail, invitationMail } from './account-mail.js'
import { invitationContext } from './account-repository.js'

interface Invitee {
  id: number
  email: string
  displayName: string
}

/**
 * Send a person an invitation to choose their password (any earlier invitation link stops working), in the
 * transaction that gave them access. Returns when the new link expires.
 */
export async function sendInvitation(
  trx: Tx,
  actor: Actor,
  person: Invitee,
  publicUrl: string,
  now = new Date(),
  /**
   * 'service': an overseer's invitation, queued under no council, so the council's sent-mail page never shows
   * the link (whoever could read it could take over the overseer's account).
   */
  mailUnder: 'council' | 'service' = 'council',
): Promise<Date> {
  const { token, expiresAt } = await issueToken(trx, {
    userId: person.id,
    purpose: 'invitation',
    createdBy: actor.userId,
    now,
  })
  const names = await invitationContext(trx, actor)
  await queueMail(
    trx,
    invitationMail({
      publicUrl,
      organisationId: mailUnder === 'service' ? null : actor.organisationId,
      person,
      token,
      expiresAt,
      ...names,
    }),
  )
  await recordAudit(trx, actor, {
    entityType: 'user',
    entityId: person.id,
    action: 'invite',
    summary: `Invited ${person.email} (the link works until ${formatDateTime(expiresAt)})`,
    after: { email: person.email, expires_at: expiresAt.toISOString() },
  })
  return expiresAt
}

/** Tell a person who already has a password that they now have access to this council too. */
export async function sendAccessNotice(trx: Tx, actor: Actor, person: Invitee, role: Role, publicUrl: string) {
  const names = await invitationContext(trx, actor)
  await queueMail(trx, accessAddedMail({ publicUrl, organisationId: actor.organisationId, person, role, ...names }))
}
