// What the pages say about a message: its status in words (with a tag colour beside, never instead), and
// its kind. One function, used by the council's Sent mail page and each person's own mail page.
import type { MailCategory, MailStatus } from '../db/database.js'
import { formatDateTime } from '../shared/dates.js'

export interface MailStatusFields {
  status: MailStatus
  transport: string | null
  attempts: number
  next_attempt_at: Date
  last_error: string
}

export interface MailStatusText {
  /** A word or two for the tag. */
  label: string
  tagClass: string
  /** The rest of the sentence, when there is more to say. */
  detail: string
  /** The whole sentence: label and detail. */
  text: string
}

/** `council`: the Sent mail page (the reason a send failed); `person`: the person it was sent to. */
export function mailStatusText(row: MailStatusFields, viewer: 'council' | 'person' = 'council'): MailStatusText {
  const status = (label: string, tagClass: string, detail = ''): MailStatusText => ({
    label,
    tagClass,
    detail,
    text: detail ? `${label}: ${detail}` : label,
  })
  switch (row.status) {
    case 'sent':
      return row.transport === 'outbox'
        ? status('Kept in the outbox', 'govuk-tag--blue', 'no mail server is set up')
        : status('Sent', 'govuk-tag--green')
    case 'suppressed':
      return status('Not sent', 'govuk-tag--grey', viewer === 'person' ? 'you opted out' : 'they opted out')
    case 'failed':
      return viewer === 'person'
        ? status('Not sent', 'govuk-tag--red', 'it could not be delivered')
        : {
            label: 'Failed',
            tagClass: 'govuk-tag--red',
            detail: `after ${row.attempts} ${row.attempts === 1 ? 'try' : 'tries'}: ${row.last_error}`,
            text: `Failed after ${row.attempts} ${row.attempts === 1 ? 'try' : 'tries'}: ${row.last_error}`,
          }
    case 'pending': {
      if (row.attempts === 0) return status('Waiting to send', 'govuk-tag--yellow')
      const next = formatDateTime(row.next_attempt_at)
      const detail = `attempt ${row.attempts + 1}, next try at ${next}`
      return {
        label: 'Waiting to retry',
        tagClass: 'govuk-tag--yellow',
        detail,
        text: `Waiting to retry (${detail})`,
      }
    }
  }
}

export const MAIL_CATEGORY_LABELS: Record<MailCategory, string> = {
  essential: 'Account (always sent)',
  reminder: 'Reminder of a deadline',
  notice: 'Notice of a request',
  digest: 'Digest after a deadline',
}

/** The Sent mail page's status filter, in words. */
export const MAIL_FILTER_LABELS = {
  sent: 'Sent',
  kept: 'Kept in the outbox',
  pending: 'Waiting to send or retry',
  failed: 'Failed',
  suppressed: 'Not sent: opted out',
} as const

/** A plain-text body as paragraphs of lines, for a page to show without any HTML from the text. */
export function bodyParagraphs(body: string): string[][] {
  return body
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((p) => p.split('\n'))
    .filter((lines) => lines.some((l) => l.trim()))
}
