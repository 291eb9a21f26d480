// The notice that a contribution has been asked for, queued to the person (or contact) who answers it at the
// partner, in the same transaction as the request. People with an account get the link to "My updates";
// contacts without one get the request only.
import type { Tx } from '../db/connect.js'
import { queueMail, type QueueResult } from '../mail/outbox.js'
import { paths } from '../web/paths.js'
import { formatDate } from '../shared/dates.js'
import { findOwnerAddress } from './owner-address-repository.js'

export async function queueRequestMadeNotice(
  trx: Tx,
  council: { organisationId: number; slug: string; name: string },
  request: {
    id: number
    partner: string
    description: string
    due_on: string
    owner_user_id: number | null
    owner_contact_id: number | null
  },
  publicUrl: string,
): Promise<QueueResult | 'no-owner'> {
  const to = await findOwnerAddress(trx, council.organisationId, request)
  if (!to || !to.email.trim()) return 'no-owner'
  const userId = to.userId
  const how =
    userId !== null
      ? `Answer it on "My updates": ${publicUrl}${paths.council.myUpdates(council.slug)}`
      : `Please send your contribution to the improvement team at ${council.name}.`
  return queueMail(trx, {
    organisationId: council.organisationId,
    to: { userId, email: to.email },
    category: 'notice',
    template: 'request-made',
    subject: `${council.name} has asked ${request.partner} for a contribution, due ${formatDate(request.due_on)}`,
    body:
      `Dear ${to.name},\n\n${council.name} has asked ${request.partner} for a contribution to its improvement ` +
      `plan, and named you to answer it:\n\n${request.description}\n\nIt is due by ${formatDate(request.due_on)}.\n\n` +
      `${how}\n\nThank you.\n`,
    dedupeKey: `request-made:${request.id}`,
  })
}
