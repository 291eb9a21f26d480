// The forms of children's voice: themes, feedback items and "you said, we did" actions. A summary (and what
// children said, on an action) is refused when it looks like it holds a date of birth, with a message saying why.
import { z } from 'zod'
import { VOICE_ACTION_STATUSES, VOICE_SOURCES, VOICE_TONES } from '../db/database.js'
import { dateInput, requiredText } from '../web/forms.js'
import { DATE_OF_BIRTH_MESSAGE, looksLikeDateOfBirth } from './voice-rules.js'

/** Checkbox groups arrive as a string, an array of strings or nothing. */
export const idList = z
  .preprocess(
    (v): unknown[] => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
    z.array(z.unknown()),
  )
  .transform((list) => list.filter((s): s is string => typeof s === 'string' && /^\d{1,9}$/.test(s)).map(Number))

const noDateOfBirth = (label: string, max: number) =>
  requiredText(label, max).refine((text) => !looksLikeDateOfBirth(text), DATE_OF_BIRTH_MESSAGE)

const themeId = z
  .string({ message: 'Choose a theme' })
  .regex(/^\d{1,9}$/, 'Choose a theme')
  .transform(Number)

export const themeSchema = z.object({
  title: requiredText('the theme’s name', 80),
  description: requiredText('a short description in plain words', 300),
})
export type ThemeInput = z.output<typeof themeSchema>

export const feedbackSchema = z.object({
  heardOn: dateInput('the date it was heard', { required: true }),
  source: z.enum(VOICE_SOURCES, { message: 'Choose where it was heard' }),
  themeId,
  summary: noDateOfBirth('what children said', 600),
  tone: z.enum(VOICE_TONES, { message: 'Choose whether it was positive, mixed or negative' }),
  childrenCount: z
    .preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string())
    .refine((v) => v === '' || /^\d{1,5}$/.test(v), 'How many children must be a whole number, like 12')
    .transform((v) => (v === '' ? null : Number(v)))
    .refine((v) => v === null || v >= 1, 'How many children must be 1 or more, or left empty'),
})
export type FeedbackInput = z.output<typeof feedbackSchema> & { heardOn: string }

export const actionSchema = z
  .object({
    youSaid: noDateOfBirth('what children said', 300),
    weDid: requiredText('what we did or will do', 600),
    themeId,
    status: z.enum(VOICE_ACTION_STATUSES, { message: 'Choose planned, in progress or done' }),
    doneOn: dateInput('the date it was done', { required: false }),
    objectiveIds: idList,
  })
  .superRefine((v, ctx) => {
    if (v.status === 'done' && !v.doneOn)
      ctx.addIssue({ code: 'custom', path: ['doneOn'], message: 'Enter the date it was done' })
  })
  .transform((v) => ({ ...v, doneOn: v.status === 'done' ? v.doneOn : null }))
export type ActionInput = z.output<typeof actionSchema>

export const linkSchema = z.object({ objectiveIds: idList })
