// What an evidence entry form accepts. The attachment is checked apart from the fields: its size by the
// upload limit, its type here by the bytes it starts with, not the name or type the browser claims.
import { z } from 'zod'
import { dateInput, requiredText } from '../web/forms.js'
import { EVIDENCE_DIRECTIONS, EVIDENCE_KINDS } from '../db/database.js'

/** 5 MB: enough for an audit summary or a board paper; large files belong in the council's records system. */
export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024

export const evidenceSchema = (today: string) =>
  z
    .object({
      observedOn: dateInput('the date of the finding', { required: true }),
      kind: z.enum(EVIDENCE_KINDS, { error: 'Select what kind of evidence this is' }),
      direction: z.enum(EVIDENCE_DIRECTIONS, { error: 'Select what the evidence shows' }),
      summary: requiredText('what the evidence shows', 2000),
    })
    .superRefine((e, ctx) => {
      if (e.observedOn && e.observedOn > today)
        ctx.addIssue({
          code: 'custom',
          path: ['observedOn'],
          message: 'The date of the finding must be today or in the past',
        })
    })

export const EVIDENCE_DATE_FIELDS = ['observedOn'] as const

export const withdrawSchema = z.object({ reason: requiredText('why the entry is withdrawn', 500) })

/** The file types an attachment may be, each known by its first bytes. */
const SIGNATURES: Array<{ type: string; extensions: string[]; starts: number[] }> = [
  { type: 'application/pdf', extensions: ['pdf'], starts: [0x25, 0x50, 0x44, 0x46] },
  { type: 'image/png', extensions: ['png'], starts: [0x89, 0x50, 0x4e, 0x47] },
  { type: 'image/jpeg', extensions: ['jpg', 'jpeg'], starts: [0xff, 0xd8, 0xff] },
  // Word and Excel files are zip archives.
  {
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    starts: [0x50, 0x4b, 0x03, 0x04],
  },
  {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    starts: [0x50, 0x4b, 0x03, 0x04],
  },
]

export const ATTACHMENT_TYPES_TEXT = 'PDF, Word (.docx), Excel (.xlsx), PNG or JPEG'

/**
 * The attachment's content type when its name and its bytes agree on an allowed type; otherwise the
 * message to show.
 */
export function checkAttachment(
  name: string,
  bytes: Buffer,
): { ok: true; type: string } | { ok: false; message: string } {
  if (bytes.length === 0) return { ok: false, message: 'The selected file is empty' }
  const extension = name.toLowerCase().split('.').pop() ?? ''
  const kind = SIGNATURES.find((s) => s.extensions.includes(extension))
  if (!kind) return { ok: false, message: `The selected file must be a ${ATTACHMENT_TYPES_TEXT}` }
  if (!kind.starts.every((byte, i) => bytes[i] === byte))
    return { ok: false, message: `The selected file is not a real .${extension} file` }
  return { ok: true, type: kind.type }
}

/** A file name safe to send back in a Content-Disposition header and to show on a page. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'attachment'
  const cleaned = base.replace(/[^\p{L}\p{N} ._()-]/gu, '_').slice(-120)
  return cleaned.trim() || 'attachment'
}
