// The forms for an inspection, visit or review, and for one of its findings. Pure: the routes check what needs
// the database (that the intervention is the council's, that a national record is not recorded already).
import { z } from 'zod'
import {
  FINDING_KINDS,
  INSPECTION_TYPES,
  JUDGEMENT_DOMAINS,
  OVERSIGHT_EVENT_KINDS,
  OVERSIGHT_EVENT_STATES,
  type JudgementDomain,
} from '../db/database.js'
import { GRADES, type Grade } from '../national/ofsted.js'
import { dateInput, optionalText, requiredText } from '../web/forms.js'
import { parseThemes } from './event-kinds.js'

export const MAX_THEMES = 20
export const MAX_THEME_LENGTH = 200

/** The judgement selects are named judgement_overall, judgement_leaders, ... */
export const judgementField = (domain: JudgementDomain) => `judgement_${domain}`

const emptyToNull = (v: unknown) => (v === undefined || v === null || v === '' ? null : v)

const grade = z.preprocess(emptyToNull, z.enum(GRADES, { error: 'Select a judgement from the list' }).nullable())

const judgementFields = Object.fromEntries(JUDGEMENT_DOMAINS.map((d) => [judgementField(d), grade])) as Record<
  `judgement_${JudgementDomain}`,
  typeof grade
>

/**
 * An inspection, visit or review. The inspection type and judgements belong to inspections only: for any
 * other kind they are dropped (the form reveals them under "Inspection", so a browser may still send them).
 * `today` stops an event that has not started being recorded as held.
 */
export const eventSchema = (today: string) =>
  z
    .object({
      kind: z.enum(OVERSIGHT_EVENT_KINDS, { error: 'Select what it was: an inspection, a visit or a review' }),
      inspectionType: z.preprocess(
        emptyToNull,
        z.enum(INSPECTION_TYPES, { error: 'Select whether it was a standard or a short inspection' }).nullable(),
      ),
      title: optionalText('title', 200),
      interventionId: z.preprocess(
        emptyToNull,
        z.coerce
          .number({ error: 'Select the Notice or Direction from the list' })
          .int('Select the Notice or Direction from the list')
          .positive('Select the Notice or Direction from the list')
          .nullable(),
      ),
      state: z.enum(OVERSIGHT_EVENT_STATES, { error: 'Select whether it is planned or has been held' }),
      startsOn: dateInput('the start date', { required: true }),
      endsOn: dateInput('the end date', { required: false }),
      publishedOn: dateInput('the date the report was published', { required: false }),
      summary: optionalText('summary', 4000),
      themes: optionalText('themes', 5000).transform(parseThemes),
      ...judgementFields,
    })
    .superRefine((e, ctx) => {
      if (e.kind === 'inspection' && e.inspectionType === null)
        ctx.addIssue({
          code: 'custom',
          path: ['inspectionType'],
          message: 'Select whether it was a standard or a short inspection',
        })
      if (e.startsOn && e.endsOn && e.endsOn < e.startsOn)
        ctx.addIssue({
          code: 'custom',
          path: ['endsOn'],
          message: 'The end date must be the same as or after the start date',
        })
      if (e.startsOn && e.publishedOn && e.publishedOn < e.startsOn)
        ctx.addIssue({
          code: 'custom',
          path: ['publishedOn'],
          message: 'The report cannot be published before the start date',
        })
      if (e.state === 'held' && e.startsOn && e.startsOn > today)
        ctx.addIssue({
          code: 'custom',
          path: ['state'],
          message: 'It has not started yet: choose planned, or correct the start date',
        })
      if (e.themes.length > MAX_THEMES)
        ctx.addIssue({ code: 'custom', path: ['themes'], message: `Enter up to ${MAX_THEMES} themes` })
      if (e.themes.some((t) => t.length > MAX_THEME_LENGTH))
        ctx.addIssue({
          code: 'custom',
          path: ['themes'],
          message: `Each theme must be ${MAX_THEME_LENGTH} characters or fewer`,
        })
    })
    .transform((e) => {
      const inspection = e.kind === 'inspection'
      const judgements: Partial<Record<JudgementDomain, Grade>> = {}
      if (inspection) {
        for (const d of JUDGEMENT_DOMAINS) {
          const g = e[judgementField(d) as `judgement_${JudgementDomain}`]
          if (g) judgements[d] = g
        }
      }
      return {
        kind: e.kind,
        inspectionType: inspection ? e.inspectionType : null,
        title: e.title,
        interventionId: e.interventionId,
        state: e.state,
        startsOn: e.startsOn!,
        endsOn: e.endsOn,
        publishedOn: e.publishedOn,
        summary: e.summary,
        themes: e.themes,
        judgements,
      }
    })

export type EventForm = z.output<ReturnType<typeof eventSchema>>

export const EVENT_DATE_FIELDS = ['startsOn', 'endsOn', 'publishedOn'] as const

/** A strength, finding or recommendation. A strength needs no action, so it has no due date. */
export const findingSchema = z
  .object({
    kind: z.enum(FINDING_KINDS, { error: 'Select whether it is a strength, a finding or a recommendation' }),
    reference: optionalText('reference', 20),
    theme: optionalText('theme', MAX_THEME_LENGTH),
    text: requiredText('what it says', 1000),
    dueOn: dateInput('the due date', { required: false }),
  })
  .superRefine((f, ctx) => {
    if (f.kind === 'strength' && f.dueOn)
      ctx.addIssue({
        code: 'custom',
        path: ['dueOn'],
        message: 'Remove the due date: a strength needs no action',
      })
  })

export type FindingForm = z.output<typeof findingSchema>

export const FINDING_DATE_FIELDS = ['dueOn'] as const
