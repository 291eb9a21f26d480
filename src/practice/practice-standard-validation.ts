// The practice standard forms: a standard (its local interval, and the statutory minimum with its source or
// none) and one month's compliance (caseload, due, seen), with the checks between fields that zod alone does
// not make: due cannot exceed the caseload, seen cannot exceed due.
import { z } from 'zod'
import { INTERVAL_UNITS } from '../db/database.js'
import { optionalText, parseForm, requiredText, type FormErrors, type FormResult } from '../web/forms.js'
import { readNumber } from '../shared/numbers.js'
import { plainText } from '../shared/text.js'
import type { MonthInput, StandardInput } from './practice-standard-repository.js'
import { exceedsMinimum, intervalDays, type Interval } from './practice-standard-rules.js'

/** A whole number typed in a form, from `min` to `max`. */
export function wholeNumber(label: string, min: number, max: number): z.ZodType<number> {
  return whole(label, min, max, false) as z.ZodType<number>
}

/** The same, where empty means not given (null). */
export function optionalWholeNumber(label: string, min: number, max: number): z.ZodType<number | null> {
  return whole(label, min, max, true)
}

function whole(label: string, min: number, max: number, optional: boolean): z.ZodType<number | null> {
  return z.preprocess(
    (v) => plainText(v).trim(),
    z.string().transform((raw, ctx) => {
      if (raw === '') {
        if (optional) return null
        ctx.addIssue({ code: 'custom', message: `Enter ${label}` })
        return z.NEVER
      }
      const read = readNumber(raw)
      const cap = label.charAt(0).toUpperCase() + label.slice(1)
      if (!read.ok || !Number.isInteger(read.value)) {
        ctx.addIssue({ code: 'custom', message: `${cap} must be a whole number, like 12` })
        return z.NEVER
      }
      if (read.value < min || read.value > max) {
        ctx.addIssue({ code: 'custom', message: `${cap} must be from ${min} to ${max.toLocaleString('en-GB')}` })
        return z.NEVER
      }
      return read.value
    }),
  )
}

const unit = (message: string) => z.enum(INTERVAL_UNITS, { error: message })

const standardSchema = z.object({
  title: requiredText('the standard’s title', 200),
  appliesTo: requiredText('who the standard applies to', 500),
  localEvery: wholeNumber('the local interval', 1, 366),
  localUnit: unit('Choose whether the local interval is in days or weeks'),
  hasStatutory: z.enum(['yes', 'no'], { error: 'Choose whether there is a statutory minimum' }),
  statutorySource: optionalText('the source of the statutory minimum', 300),
  note: optionalText('the note', 2000),
})

const statutoryIntervalSchema = z.object({
  statutoryEvery: wholeNumber('the statutory minimum interval', 1, 366),
  statutoryUnit: unit('Choose whether the statutory minimum is in days or weeks'),
})

const statutorySourceSchema = z.object({
  statutorySource: requiredText('the source of the statutory minimum, such as the regulation’s name', 300),
})

function add(errors: FormErrors, field: string, text: string) {
  if (errors.fields[field]) return
  errors.fields[field] = { text }
  errors.summary.push({ text, href: `#${field}` })
}

function merge(into: FormErrors, from: FormErrors) {
  for (const s of from.summary) {
    const field = s.href.slice(1)
    add(into, field, from.fields[field]?.text ?? s.text)
  }
}

const within = (interval: Interval, field: string, label: string, errors: FormErrors) => {
  if (interval.unit === 'weeks' && interval.every > 52) add(errors, field, `${label} in weeks must be from 1 to 52`)
}

/** Reads the standard form: every error at once, each linked to its field. */
export function readStandardForm(body: Record<string, unknown>): FormResult<StandardInput> {
  const errors: FormErrors = { summary: [], fields: {} }
  const base = parseForm(standardSchema, body)
  if (!base.ok) merge(errors, base.errors)
  const hasStatutory = plainText(body.hasStatutory) === 'yes'
  const interval = hasStatutory ? parseForm(statutoryIntervalSchema, body) : undefined
  const source = hasStatutory ? parseForm(statutorySourceSchema, body) : undefined
  if (interval && !interval.ok) merge(errors, interval.errors)
  if (source && !source.ok) merge(errors, source.errors)
  const local = standardSchema.pick({ localEvery: true, localUnit: true }).safeParse(body)
  if (local.success)
    within({ every: local.data.localEvery, unit: local.data.localUnit }, 'localEvery', 'The local interval', errors)
  if (interval?.ok)
    within(
      { every: interval.value.statutoryEvery, unit: interval.value.statutoryUnit },
      'statutoryEvery',
      'The statutory minimum interval',
      errors,
    )
  const statutory =
    interval?.ok && source?.ok
      ? { ok: true as const, value: { ...interval.value, ...source.value } }
      : hasStatutory
        ? { ok: false as const }
        : { ok: true as const, value: null }
  if (!base.ok || !statutory.ok || errors.summary.length) return { ok: false, errors }
  const v = base.value
  return {
    ok: true,
    value: {
      title: v.title,
      appliesTo: v.appliesTo,
      localEvery: v.localEvery,
      localUnit: v.localUnit,
      statutoryEvery: statutory.value?.statutoryEvery ?? null,
      statutoryUnit: statutory.value?.statutoryUnit ?? null,
      // With no statutory minimum, the source field may say why (for example "good practice"), or nothing.
      statutorySource: statutory.value?.statutorySource ?? v.statutorySource,
      note: v.note,
    },
  }
}

const monthSchema = z.object({
  caseload: wholeNumber('the caseload', 0, 100_000),
  due: wholeNumber('the number due a visit', 1, 100_000),
  seenLocal: wholeNumber('the number seen within the local standard', 0, 100_000),
  seenStatutory: optionalWholeNumber('the number seen within the statutory minimum', 0, 100_000),
  note: optionalText('the note', 2000),
})

const monthChoiceSchema = z.object({
  monthOfYear: wholeNumber('the month', 1, 12),
  year: wholeNumber('the year', 2000, 2100),
})

/** Reads "which month" on the add-a-month form: its first day, or errors on the month and year fields. */
export function readMonthChoice(body: Record<string, unknown>): FormResult<string> {
  const read = parseForm(monthChoiceSchema, body)
  if (!read.ok) return read
  return { ok: true, value: `${read.value.year}-${String(read.value.monthOfYear).padStart(2, '0')}-01` }
}

/**
 * Reads one month's compliance. Due cannot exceed the caseload, and seen (within either standard) cannot
 * exceed due. Where the local interval is no longer than the statutory one, a child seen within the local
 * standard was seen within the minimum too, so the statutory count cannot be the smaller.
 */
export function readMonthForm(
  body: Record<string, unknown>,
  local: Interval,
  statutory: Interval | null,
): FormResult<MonthInput> {
  const read = parseForm(monthSchema, body)
  if (!read.ok) return read
  const v = read.value
  const errors: FormErrors = { summary: [], fields: {} }
  if (v.due > v.caseload) add(errors, 'due', `The number due a visit cannot be more than the caseload (${v.caseload})`)
  if (v.seenLocal > v.due)
    add(errors, 'seenLocal', `The number seen within the local standard cannot be more than the number due (${v.due})`)
  if (v.seenStatutory !== null) {
    if (statutory === null)
      add(errors, 'seenStatutory', 'This standard has no statutory minimum: leave the number seen within it empty')
    else if (v.seenStatutory > v.due)
      add(
        errors,
        'seenStatutory',
        `The number seen within the statutory minimum cannot be more than the number due (${v.due})`,
      )
    else if (
      (exceedsMinimum(local, statutory) || intervalDays(local) === intervalDays(statutory)) &&
      v.seenStatutory < v.seenLocal
    )
      add(
        errors,
        'seenStatutory',
        `Everyone seen within the local standard was seen within the statutory minimum too, so this cannot be fewer than ${v.seenLocal}`,
      )
  }
  if (errors.summary.length) return { ok: false, errors }
  return { ok: true, value: v }
}
