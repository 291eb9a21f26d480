// The forms of staff surveys: a round, one question's counts in a round, and a reference group note.
import { z } from 'zod'
import { dateInput, optionalText, requiredText } from '../web/forms.js'
import { AGREEMENT_LABELS, AGREEMENT_OPTIONS, parseThemes, type AgreementOption } from './survey-rules.js'
import { MAX_QUESTION_LENGTH } from './survey-import.js'

const wholeNumber = (message: string, min = 0) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().replace(/,/g, '') : ''),
    z
      .string()
      .regex(/^\d{1,7}$/, message)
      .transform(Number)
      .refine((n) => n >= min, message),
  )

export const roundSchema = z
  .object({
    closedOn: dateInput('the date the survey closed', { required: true }),
    audience: requiredText('who was asked', 200),
    invited: wholeNumber('Enter how many staff were invited, as a whole number of 1 or more', 1),
    responded: wholeNumber('Enter how many responses were received, as a whole number of 0 or more'),
    note: optionalText('the note', 2000),
  })
  .superRefine((v, ctx) => {
    if (v.responded > v.invited)
      ctx.addIssue({
        code: 'custom',
        path: ['responded'],
        message: `The responses received cannot be more than the ${v.invited} staff invited`,
      })
  })

const countShape = Object.fromEntries(
  AGREEMENT_OPTIONS.map((o) => [
    o,
    wholeNumber(`Enter how many answered “${AGREEMENT_LABELS[o].toLowerCase()}”, as a whole number: 0 if none`),
  ]),
) as Record<AgreementOption, ReturnType<typeof wholeNumber>>

export const resultSchema = z
  .object({
    questionId: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : ''),
      z.string().regex(/^(new|\d{1,9})$/, 'Choose the question, or a new question'),
    ),
    newText: optionalText('the question', MAX_QUESTION_LENGTH),
    newCode: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : ''),
      z
        .string()
        .regex(
          /^([A-Za-z0-9][A-Za-z0-9._-]{0,19})?$/,
          'A question code is up to 20 letters, digits, dots, dashes or underscores, like Q4 or SUP-1',
        ),
    ),
    ...countShape,
  })
  .superRefine((v, ctx) => {
    if (v.questionId === 'new' && !v.newText)
      ctx.addIssue({ code: 'custom', path: ['newText'], message: 'Enter the new question' })
    const n = AGREEMENT_OPTIONS.reduce((sum, o) => sum + v[o], 0)
    if (n === 0)
      ctx.addIssue({ code: 'custom', path: ['strongly_agree'], message: 'Every count is 0: enter how many answered' })
  })

export const MAX_THEMES = 6
export const MAX_THEME_LENGTH = 40

export const noteSchema = z.object({
  heldOn: dateInput('the date the group met', { required: true }),
  themes: optionalText('the themes', 300).transform((line, ctx) => {
    const themes = parseThemes(line)
    if (themes.length > MAX_THEMES)
      ctx.addIssue({ code: 'custom', message: `Enter up to ${MAX_THEMES} themes, separated by commas` })
    if (themes.some((t) => t.length > MAX_THEME_LENGTH))
      ctx.addIssue({ code: 'custom', message: `Each theme must be ${MAX_THEME_LENGTH} characters or fewer` })
    return themes
  }),
  summary: requiredText('a summary of what was raised', 5000),
  response: optionalText('what the service will do', 5000),
})

/** The objective ids ticked on a form: one value or several; anything that is not an id is dropped. */
export function objectiveIdsOf(value: unknown): number[] {
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value]
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && /^\d{1,9}$/.test(v)).map(Number))]
}
