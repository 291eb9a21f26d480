// The emails about a person's account: an invitation, a notice of access to another council, a password
// reset link. Plain text, short, and each says what to do if it was not expected.
import type { MailMessage } from '../mail/outbox.js'
import { formatDateTime } from '../shared/dates.js'
import { paths } from '../web/paths.js'
import { ROLE_LABELS } from '../web/roles.js'
import type { Role } from '../db/database.js'

interface Person {
  id: number
  email: string
  displayName: string
}

export function invitationMail(input: {
  publicUrl: string
  /** Null: queued under no council (an overseer's invitation). */
  organisationId: number | null
  person: Person
  token: string
  expiresAt: Date
  councilName: string
  inviterName: string
}): MailMessage {
  const link = `${input.publicUrl}${paths.acceptInvitation(input.token)}`
  return {
    organisationId: input.organisationId,
    to: { userId: input.person.id, email: input.person.email },
    category: 'essential',
    template: 'invitation',
    subject: `You have been invited to Turnaround for ${input.councilName}`,
    body: [
      `Dear ${input.person.displayName},`,
      `${input.inviterName} has invited you to use Turnaround, the improvement planning and reporting service for ${input.councilName}.`,
      `To choose your password and sign in, open this link:\n${link}`,
      `The link works once, and only until ${formatDateTime(input.expiresAt)}. If it has expired, ask ${input.inviterName} for a new invitation.`,
      'If you were not expecting this email, you can ignore it.',
    ].join('\n\n'),
  }
}

export function accessAddedMail(input: {
  publicUrl: string
  organisationId: number
  person: Person
  role: Role
  councilName: string
  inviterName: string
}): MailMessage {
  return {
    organisationId: input.organisationId,
    to: { userId: input.person.id, email: input.person.email },
    category: 'essential',
    template: 'access-added',
    subject: `You now have access to ${input.councilName} in Turnaround`,
    body: [
      `Dear ${input.person.displayName},`,
      `${input.inviterName} has given you access to ${input.councilName} in Turnaround. Your role there: ${ROLE_LABELS[input.role]}.`,
      `Sign in with your usual email address and password:\n${input.publicUrl}${paths.signIn()}`,
      `If you were not expecting this, tell ${input.inviterName} or your council's Turnaround administrator.`,
    ].join('\n\n'),
  }
}

/**
 * An invitation to join another council, for someone who already has an account. It names no one's account
 * details: the council's sent-mail page shows it, and the administrator only knew the email address.
 */
export function councilInvitationMail(input: {
  publicUrl: string
  organisationId: number
  to: { userId: number; email: string }
  role: Role
  expiresAt: Date
  councilName: string
  inviterName: string
}): MailMessage {
  return {
    organisationId: input.organisationId,
    to: input.to,
    category: 'essential',
    template: 'council-invitation',
    subject: `You have been invited to join ${input.councilName} in Turnaround`,
    body: [
      'Hello,',
      `${input.inviterName} has invited you to join ${input.councilName} in Turnaround, with the role: ${ROLE_LABELS[input.role]}.`,
      `You already have a Turnaround account. Sign in with your usual email address and password, then accept or decline the invitation:\n${input.publicUrl}${paths.councilInvitations()}`,
      `The invitation can be accepted until ${formatDateTime(input.expiresAt)}. Until you accept, ${input.councilName} cannot see anything about your account.`,
      'If you were not expecting this email, you can decline the invitation or ignore it.',
    ].join('\n\n'),
  }
}

export function passwordResetMail(input: {
  publicUrl: string
  person: Person
  token: string
  expiresAt: Date
}): MailMessage {
  const link = `${input.publicUrl}${paths.resetPassword(input.token)}`
  return {
    organisationId: null,
    to: { userId: input.person.id, email: input.person.email },
    category: 'essential',
    template: 'password-reset',
    subject: 'Reset your Turnaround password',
    body: [
      `Dear ${input.person.displayName},`,
      `Someone asked to reset the password for your Turnaround account. To choose a new password, open this link:\n${link}`,
      `The link works once, and only until ${formatDateTime(input.expiresAt)}.`,
      'If you did not ask for this, you can ignore this email: your password has not changed.',
    ].join('\n\n'),
  }
}
