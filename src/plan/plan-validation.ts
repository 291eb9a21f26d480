import { z } from 'zod'
import { dateInput, optionalText, requiredText } from '../web/forms.js'
import { MILESTONE_STATUSES } from '../db/database.js'

export const strandSchema = z.object({
  code: requiredText('a strand code', 10).pipe(
    z.string().regex(/^[0-9]{1,2}[a-z]?$/i, 'Strand code must be a number, optionally followed by a letter, like 3a'),
  ),
  half: z.enum(['A', 'B'], { error: 'Select which half of the plan the strand belongs to' }),
  title: requiredText('a strand title'),
  leadTitle: optionalText('lead job title', 200),
  leadUserId: z
    .preprocess((v) => (v === '' || v === undefined ? null : Number(v)), z.number().int().positive().nullable())
    .catch(null),
})

export const objectiveSchema = z.object({
  title: requiredText('an objective title', 300),
  description: optionalText('description', 4000),
})

export const updateSchema = z.object({
  body: requiredText('the progress update', 6000),
})

/** `today` (yyyy-mm-dd) stops a completion date in the future. */
export const milestoneSchema = (today: string) =>
  z
    .object({
      title: requiredText('a milestone title', 300),
      owner: requiredText('who owns the milestone', 200),
      dueOn: dateInput('the due date', { required: true }),
      status: z.enum(MILESTONE_STATUSES, { error: 'Select the milestone status' }),
      completedOn: dateInput('the completion date', { required: false }),
      evidence: optionalText('evidence', 4000),
    })
    .superRefine((m, ctx) => {
      if (m.status === 'complete' && !m.completedOn) {
        ctx.addIssue({ code: 'custom', path: ['completedOn'], message: 'Enter the date the milestone was completed' })
      }
      if (m.status !== 'complete' && m.completedOn) {
        ctx.addIssue({
          code: 'custom',
          path: ['completedOn'],
          message: 'Remove the completion date, or set the status to complete',
        })
      }
      if (m.completedOn && m.completedOn > today) {
        ctx.addIssue({
          code: 'custom',
          path: ['completedOn'],
          message: 'The completion date must be today or in the past',
        })
      }
    })

export const MILESTONE_DATE_FIELDS = ['dueOn', 'completedOn'] as const

export const directionSchema = z.object({ direction: z.enum(['up', 'down']) })
export const activeStatusSchema = z.object({ status: z.enum(['active', 'retired']) })
