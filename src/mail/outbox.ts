// The outbox: every email is a row, queued in the same transaction as the change that caused it, so a
// rolled-back change sends nothing and a committed one is never lost. A worker sends what is due.
import type { DbOrTx } from '../db/connect.js'
import type { MailCategory } from '../db/database.js'
import { findMailChoices, insertOutboxMessage } from './mail-repository.js'

export interface MailMessage {
  /** The council it concerns, when there is one (the sent-mail page is per council). */
  organisationId: number | null
  /** A person with an account (their mail choices apply), or only an address (a contact, an invitee). */
  to: { userId: number | null; email: string }
  /** essential mail (invitations, password resets) always goes; the rest respects the person's choices. */
  category: MailCategory
  /** Which kind of message, for the sent-mail page and tests: 'invitation', 'round-reminder', ... */
  template: string
  subject: string
  /** Plain text. */
  body: string
  /** Queue at most once for this key (each reminder goes once however often the scheduler runs). */
  dedupeKey?: string
}

export type QueueResult = 'queued' | 'duplicate' | 'opted-out'

const CHOICE = { reminder: 'reminders', notice: 'notices', digest: 'digest' } as const

/**
 * Queue a message. A person who has opted out of its category gets a 'suppressed' row instead (so they can
 * see what they did not receive); a message whose dedupe key is already queued is not queued again.
 */
export async function queueMail(db: DbOrTx, message: MailMessage): Promise<QueueResult> {
  let optedOut = false
  if (message.category !== 'essential' && message.to.userId !== null) {
    const choices = await findMailChoices(db, message.to.userId)
    optedOut = choices !== undefined && !choices[CHOICE[message.category]]
  }
  const inserted = await insertOutboxMessage(db, {
    organisation_id: message.organisationId,
    to_user_id: message.to.userId,
    to_email: message.to.email.trim().toLowerCase(),
    category: message.category,
    template: message.template,
    subject: message.subject,
    body: message.body,
    dedupe_key: message.dedupeKey ?? null,
    status: optedOut ? 'suppressed' : 'pending',
  })
  if (!inserted) return 'duplicate'
  return optedOut ? 'opted-out' : 'queued'
}
