// The Board's forms: the Board itself, a member, a meeting with its rows of decisions, attendance, the agenda
// with its papers, and actions. Row forms (decisions, agenda items) are read row by row so each error names
// its row and field, and what was typed is shown again.
import { z } from 'zod'
import { ACTION_OUTCOMES, ATTENDANCE_STATUSES, type AttendanceStatus } from '../db/database.js'
import { dateInput, optionalText, requiredText, type FormErrors } from '../web/forms.js'
import { plainText } from '../shared/text.js'
import type { AgendaItemInput, DecisionInput } from './meeting-repository.js'

export const MAX_DECISIONS = 50
export const MAX_DECISION_LENGTH = 1000
export const MAX_AGENDA_ITEMS = 30
/** Empty rows offered on a form, to add to. */
export const EMPTY_DECISION_ROWS = 3
export const EMPTY_AGENDA_ROWS = 3

export const boardSchema = z.object({
  name: requiredText('the Board’s name', 200),
  chairTitle: requiredText('the chair’s title', 200),
  cadenceWeeks: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z
      .string()
      .min(1, 'Enter how often the Board meets, in weeks')
      .regex(/^\d{1,2}$/, 'How often the Board meets must be a whole number of weeks, like 6')
      .transform(Number)
      .refine((n) => n >= 1 && n <= 26, 'How often the Board meets must be between 1 and 26 weeks'),
  ),
  remit: optionalText('the Board’s remit', 5000),
})

export const memberSchema = z
  .object({
    name: requiredText('the member’s name', 200),
    roleTitle: optionalText('their role', 200),
    memberOf: optionalText('the body they come from', 200),
    isChair: z.preprocess((v) => v === 'yes' || (Array.isArray(v) && v.includes('yes')), z.boolean()),
    joinedOn: dateInput('the date they joined', { required: false }),
    leftOn: dateInput('the date they left', { required: false }),
  })
  .superRefine((v, ctx) => {
    if (v.joinedOn && v.leftOn && v.leftOn < v.joinedOn)
      ctx.addIssue({
        code: 'custom',
        path: ['leftOn'],
        message: 'The date they left must be on or after the date they joined',
      })
  })

export const meetingSchema = z.object({
  heldOn: dateInput('the date of the meeting', { required: true }),
  title: requiredText('the meeting’s title', 200),
  reportId: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string()),
  summary: optionalText('the minutes in brief', 5000),
  minutes: optionalText('the minutes', 100000),
})

/** The three fields of one decision row, as typed. */
export interface DecisionRow {
  id: string
  text: string
  report: string
}

/** The three or four fields of one agenda row, as typed. */
export interface AgendaRow {
  title: string
  report: string
  paperTitle: string
  paperUrl: string
}

/** Rows named `prefix-N-field` in a form, in order of N (up to 200 rows). */
export function rowsOf<F extends string>(
  body: Record<string, unknown>,
  prefix: string,
  fields: readonly F[],
): Array<Record<F, string>> {
  const indices = new Set<number>()
  const pattern = new RegExp(`^${prefix}-(\\d{1,3})-(${fields.join('|')})$`)
  for (const key of Object.keys(body)) {
    const match = pattern.exec(key)
    if (match && Number(match[1]) <= 200) indices.add(Number(match[1]))
  }
  return [...indices]
    .sort((a, b) => a - b)
    .map((i) => Object.fromEntries(fields.map((f) => [f, plainText(body[`${prefix}-${i}-${f}`])])) as Record<F, string>)
}

function addError(errors: FormErrors, field: string, text: string) {
  if (errors.fields[field]) return
  errors.fields[field] = { text }
  errors.summary.push({ text, href: `#${field}` })
}

function idOf(value: string): number | null {
  return /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : null
}

/**
 * The decisions from their rows: blank rows dropped, a report chosen from the council's, and a decision that
 * has actions never removed (its row emptied, or missing) without saying so. Field names are `decision-N-*`
 * for the Nth row as shown.
 */
export function parseDecisions(
  rows: readonly DecisionRow[],
  known: {
    reportIds: ReadonlySet<number>
    /** The meeting's current decisions (none for a new meeting). */
    existing: ReadonlyMap<number, string>
    /** Those of them with actions. */
    withActions: ReadonlySet<number>
  },
  errors: FormErrors,
): DecisionInput[] {
  const decisions: DecisionInput[] = []
  const kept = new Set<number>()
  rows.forEach((row, i) => {
    const n = i + 1
    const text = row.text.trim()
    const id = idOf(row.id)
    const existingId = id !== null && known.existing.has(id) && !kept.has(id) ? id : null
    if (text === '') {
      if (existingId !== null && known.withActions.has(existingId))
        addError(errors, `decision-${n}-text`, `Decision ${n} has actions, so it cannot be removed: enter its text`)
      return
    }
    if (text.length > MAX_DECISION_LENGTH)
      addError(errors, `decision-${n}-text`, `Decision ${n} must be ${MAX_DECISION_LENGTH} characters or fewer`)
    let reportId: number | null = null
    if (row.report.trim() !== '') {
      reportId = idOf(row.report)
      if (reportId === null || !known.reportIds.has(reportId))
        addError(errors, `decision-${n}-report`, `Choose the report decision ${n} was taken on from the list, or None`)
    }
    if (existingId !== null) kept.add(existingId)
    decisions.push({ id: existingId, text, report_id: reportId })
    if (decisions.length === MAX_DECISIONS + 1)
      addError(errors, `decision-${n}-text`, `Enter ${MAX_DECISIONS} decisions or fewer`)
  })
  for (const id of known.withActions) {
    if (!kept.has(id) && !rows.some((r) => idOf(r.id) === id))
      addError(
        errors,
        'decisions',
        `The decision “${known.existing.get(id) ?? id}” has actions, so it cannot be removed`,
      )
  }
  return decisions
}

/** Whether a link is an https address a browser can open (no spaces, a host name). */
export function isHttpsUrl(value: string): boolean {
  if (/\s/.test(value)) return false
  try {
    const url = new URL(value)
    return url.protocol === 'https:' && url.hostname.length > 0 && !url.username && !url.password
  } catch {
    return false
  }
}

/** The agenda from its rows, in order: blank rows dropped; each paper a report of the council's or a link. */
export function parseAgenda(
  rows: readonly AgendaRow[],
  reportIds: ReadonlySet<number>,
  errors: FormErrors,
): AgendaItemInput[] {
  const items: AgendaItemInput[] = []
  rows.forEach((row, i) => {
    const n = i + 1
    const title = row.title.trim()
    const report = row.report.trim()
    const paperTitle = row.paperTitle.trim()
    const paperUrl = row.paperUrl.trim()
    if (!title && !report && !paperTitle && !paperUrl) return
    if (!title) addError(errors, `item-${n}-title`, `Enter the title of item ${n}`)
    else if (title.length > 300)
      addError(errors, `item-${n}-title`, `The title of item ${n} must be 300 characters or fewer`)
    let reportId: number | null = null
    if (report) {
      reportId = idOf(report)
      if (reportId === null || !reportIds.has(reportId))
        addError(errors, `item-${n}-report`, `Choose the report for item ${n} from the list, or None`)
      else if (paperTitle || paperUrl)
        addError(errors, `item-${n}-report`, `Item ${n}: choose one of the reports or give another paper, not both`)
    }
    if (paperUrl && !paperTitle) addError(errors, `item-${n}-paperTitle`, `Enter the title of item ${n}’s paper`)
    if (paperTitle.length > 300)
      addError(errors, `item-${n}-paperTitle`, `The title of item ${n}’s paper must be 300 characters or fewer`)
    if (paperTitle && !paperUrl)
      addError(errors, `item-${n}-paperUrl`, `Enter the link to item ${n}’s paper, starting with https://`)
    else if (paperUrl && (paperUrl.length > 2000 || !isHttpsUrl(paperUrl)))
      addError(
        errors,
        `item-${n}-paperUrl`,
        `The link to item ${n}’s paper must be a web address starting with https://, like https://www.example.gov.uk/paper.pdf`,
      )
    items.push({ title, report_id: reportId, paper_title: paperTitle, paper_url: paperUrl })
    if (items.length === MAX_AGENDA_ITEMS + 1)
      addError(errors, `item-${n}-title`, `Enter ${MAX_AGENDA_ITEMS} agenda items or fewer`)
  })
  return items
}

/** Attendance from `member-ID` radios: each member's status, or nothing recorded. */
export function parseAttendance(
  body: Record<string, unknown>,
  members: ReadonlyArray<{ id: number; name: string }>,
  errors: FormErrors,
): Array<{ member_id: number; status: AttendanceStatus }> {
  const out: Array<{ member_id: number; status: AttendanceStatus }> = []
  for (const m of members) {
    const value = plainText(body[`member-${m.id}`]).trim()
    if (value === '' || value === 'none') continue
    if ((ATTENDANCE_STATUSES as readonly string[]).includes(value)) {
      out.push({ member_id: m.id, status: value as AttendanceStatus })
    } else {
      addError(errors, `member-${m.id}`, `Choose whether ${m.name} was present, sent apologies or was absent`)
    }
  }
  return out
}

export const actionSchema = z.object({
  text: requiredText('what is to be done', 1000),
  owner: requiredText('who owns the action', 200),
  dueOn: dateInput('the due date', { required: true }),
  decisionId: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string()),
})

export const actionChangeSchema = actionSchema.extend({
  progress: optionalText('the progress note', 5000),
})

export const closeSchema = z.object({
  outcome: z.enum(ACTION_OUTCOMES, { message: 'Choose whether the action was done or dropped' }),
  closedOn: dateInput('the day it was closed', { required: true }),
})

export const INTENTS = ['save', 'close', 'reopen'] as const
export const intentSchema = z.enum(INTENTS).catch('save')
