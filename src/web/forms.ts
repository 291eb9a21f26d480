// Form handling shared by every area: GOV.UK error summary + inline errors from zod, and date inputs.
import type { Request } from 'express'
import { z } from 'zod'
import { plainText } from '../shared/text.js'
import { EditConflictError, isUniqueViolation } from '../db/errors.js'

export interface FormErrors {
  /** For govukErrorSummary: one entry per field, linking to it. */
  summary: Array<{ text: string; href: string }>
  /** For each component's errorMessage. */
  fields: Record<string, { text: string }>
}

export type FormResult<T> = { ok: true; value: T } | { ok: false; errors: FormErrors }

/** Fields that are GOV.UK date inputs link to their day field. */
export function parseForm<S extends z.ZodType>(
  schema: S,
  body: unknown,
  dateFields: readonly string[] = [],
): FormResult<z.output<S>> {
  const input = nestDateParts((body ?? {}) as Record<string, unknown>, dateFields)
  const result = schema.safeParse(input)
  if (result.success) return { ok: true, value: result.data }
  return { ok: false, errors: toFormErrors(result.error, dateFields) }
}

export function toFormErrors(error: z.ZodError, dateFields: readonly string[] = []): FormErrors {
  const fields: FormErrors['fields'] = {}
  const summary: FormErrors['summary'] = []
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? 'form')
    if (fields[field]) continue
    fields[field] = { text: issue.message }
    summary.push({ text: issue.message, href: dateFields.includes(field) ? `#${field}-day` : `#${field}` })
  }
  return { summary, fields }
}

/** A single error not tied to schema parsing (e.g. a clash found in the database). */
export function singleError(field: string, text: string): FormErrors {
  return { summary: [{ text, href: `#${field}` }], fields: { [field]: { text } } }
}

function nestDateParts(body: Record<string, unknown>, dateFields: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { ...body }
  for (const name of dateFields) {
    out[name] = {
      day: plainText(body[`${name}-day`]).trim(),
      month: plainText(body[`${name}-month`]).trim(),
      year: plainText(body[`${name}-year`]).trim(),
    }
  }
  return out
}

const trimmed = z.preprocess((v) => (typeof v === 'string' ? v.trim() : (v ?? '')), z.string())

/** A required single-line text field. */
export function requiredText(label: string, max = 200) {
  return trimmed.pipe(
    z
      .string()
      .min(1, `Enter ${label}`)
      .max(max, `${capitalise(label)} must be ${max} characters or fewer`),
  )
}

/** An optional text field; empty becomes ''. */
export function optionalText(label: string, max = 2000) {
  return trimmed.pipe(z.string().max(max, `${capitalise(label)} must be ${max} characters or fewer`))
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1)
}

/**
 * A GOV.UK date input (day, month, year) producing 'yyyy-mm-dd', or null when optional and left empty.
 * Messages follow the Design System's date input guidance.
 */
export function dateInput(label: string, options: { required: boolean }) {
  return z.object({ day: z.string(), month: z.string(), year: z.string() }).transform((parts, ctx) => {
    const { day, month, year } = parts
    if (!day && !month && !year) {
      if (options.required) ctx.addIssue({ code: 'custom', message: `Enter ${label}` })
      return null
    }
    const missing = [!day && 'day', !month && 'month', !year && 'year'].filter(Boolean)
    if (missing.length) {
      ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must include a ${missing.join(' and ')}` })
      return null
    }
    if (!/^\d{1,2}$/.test(day) || !/^\d{1,2}$/.test(month) || !/^\d{4}$/.test(year)) {
      ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be a real date, like 27 3 2023` })
      return null
    }
    const iso = `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
    const date = new Date(`${iso}T00:00:00Z`)
    if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== iso) {
      ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be a real date` })
      return null
    }
    if (+year < 2000 || +year > 2100) {
      ctx.addIssue({ code: 'custom', message: `${capitalise(label)} must be between 2000 and 2100` })
      return null
    }
    return iso
  })
}

/** The largest id a table holds: ids are PostgreSQL `integer` (int4), so anything past it cannot name a row. */
export const MAX_ID = 2147483647

/**
 * An id as a URL or form sends it: digits only, 1 to 2147483647. Anything else (negative, fractional,
 * too large for the database's integer column, not a number) fails, so it is a 404 or a form error, never a
 * database error.
 */
export const idSchema = z
  .string()
  .regex(/^\d{1,10}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_ID))

/** An optional id in a form or query (a select's value): empty is undefined; anything but an id is `message`. */
export function optionalId(message: string) {
  // .optional() after the transform: zod 4 treats a transformed field as required, so an absent one failed.
  return z
    .unknown()
    .transform((value, ctx): number | undefined => {
      if (value === undefined || value === '') return undefined
      const id = parseId(value)
      if (id === undefined) ctx.addIssue({ code: 'custom', message })
      return id
    })
    .optional()
}

/** A positive whole-number id from a route parameter, query value or form field; undefined when it is not one. */
export function parseId(value: unknown): number | undefined {
  const parsed = idSchema.safeParse(value)
  return parsed.success ? parsed.data : undefined
}

/** A form's fields as sent (Express parses them as `any`): what a page shows again after an error. */
export function formBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>) : {}
}

/**
 * The hidden `expectedVersion` field of an edit form: the version of the record the form was opened at
 * (see versionOf in src/db/errors.ts). Missing or unreadable, no check is made.
 */
export const expectedVersionField = z.iso.datetime().optional().catch(undefined)

/** The version an edit form was opened at, from its hidden `expectedVersion` field. */
export function expectedVersionOf(req: Request): string | undefined {
  return expectedVersionField.parse(formBody(req).expectedVersion)
}

/** What a save guards against, each a form error instead of a 500 or a silent overwrite. */
export interface SaveGuards {
  /** A unique code or name: the field and the message when someone else took it first (the index, if several may refuse). */
  taken?: { field: string; message: string; constraint?: string }
  /** An edit: what the record is called ("objective") and the field the error links to. */
  changed?: { noun: string; field: string }
}

/** The message when an edit form is out of date (someone else saved the record since it was opened). */
export function changedMessage(noun: string): string {
  return `This ${noun} was changed by someone else since you opened it. Check what it says now, then save your changes again`
}

/**
 * Runs a save that a unique constraint may refuse (a code or name taken by someone saving at the same moment,
 * after the page's own check passed) or that finds the record changed since its form was opened
 * (EditConflictError): either becomes a form error, for the form to show again with what was typed.
 * Any other error is thrown on.
 */
export async function guardedSave<T>(save: () => Promise<T>, guards: SaveGuards): Promise<FormResult<T>> {
  try {
    return { ok: true, value: await save() }
  } catch (error) {
    if (guards.taken && isUniqueViolation(error, guards.taken.constraint)) {
      return { ok: false, errors: singleError(guards.taken.field, guards.taken.message) }
    }
    if (guards.changed && error instanceof EditConflictError) {
      return { ok: false, errors: singleError(guards.changed.field, changedMessage(guards.changed.noun)) }
    }
    throw error
  }
}
