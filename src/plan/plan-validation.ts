import { z } from 'zod'
import { dateInput, optionalText, requiredText } from '../web/forms.js'
import { MILESTONE_STATUSES } from '../db/database.js'
import { ownerField } from '../accounts/owners.js'

export const strandSchema = z.object({
  code: requiredText('a strand code', 10).pipe(
    z.string().regex(/^[0-9]{1,2}[a-z]?$/i, 'Strand code must be a number, optionally followed by a letter, like 3a'),
  ),
  half: z.enum(['A', 'B'], { error: 'Select which half of the plan the strand belongs to' }),
  title: requiredText('a strand title'),
  leadTitle: optionalText('lead job title', 200),
  /** The lead: a person with an account, a contact, or no one yet (the job title stays as the role label). */
  lead: ownerField('Choose the strand lead from the list'),
})

export const objectiveSchema = z.object({
  title: requiredText('an objective title', 300),
  intendedImpact: requiredText('what will be different for children and families', 1000),
  description: optionalText('description', 4000),
  owner: optionalText('the owner’s job title or team', 200),
  ownedBy: ownerField('Choose the objective’s owner from the list'),
})

export const updateSchema = z.object({
  body: requiredText('the progress update', 6000),
})

/**
 * `today` (yyyy-mm-dd) stops a completion date in the future. `previousDue`, when editing, is the due date
 * recorded now: moving it needs a reason, which the plan's history keeps.
 */
export const milestoneSchema = (today: string, previousDue?: string) =>
  z
    .object({
      title: requiredText('a milestone title', 300),
      owner: optionalText('the owner’s job title or team', 200),
      ownedBy: ownerField('Choose the milestone’s owner from the list'),
      dueOn: dateInput('the due date', { required: true }),
      status: z.enum(MILESTONE_STATUSES, { error: 'Select the milestone status' }),
      completedOn: dateInput('the completion date', { required: false }),
      evidence: optionalText('evidence', 4000),
      dueChangeReason: optionalText('why the due date has moved', 1000),
    })
    // Someone must own it: a person or contact, or at least the job title or team it falls to. Checked even
    // when other fields are wrong (a refinement is skipped by default once a date has failed).
    .refine((m) => m.owner !== '' || m.ownedBy.kind !== 'none', {
      path: ['owner'],
      message: 'Enter who owns the milestone: choose a person, or enter their job title or team',
      when: (payload) => !payload.issues.some((i) => i.path?.[0] === 'owner' || i.path?.[0] === 'ownedBy'),
    })
    .superRefine((m, ctx) => {
      if (previousDue && m.dueOn && m.dueOn !== previousDue && !m.dueChangeReason) {
        ctx.addIssue({ code: 'custom', path: ['dueChangeReason'], message: 'Enter why the due date has moved' })
      }
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

/** Closing the plan: the day it closed (not in the future, not before it began) and a line on why. */
export const closePlanSchema = (today: string, startsOn: string) =>
  z
    .object({
      closedOn: dateInput('the date the plan closed', { required: true }),
      note: requiredText('why the plan is closing', 1000),
    })
    .superRefine((p, ctx) => {
      if (p.closedOn && p.closedOn > today)
        ctx.addIssue({ code: 'custom', path: ['closedOn'], message: 'The closing date must be today or in the past' })
      if (p.closedOn && p.closedOn < startsOn)
        ctx.addIssue({
          code: 'custom',
          path: ['closedOn'],
          message: 'The closing date must be on or after the day the plan began',
        })
    })

export const CLOSE_PLAN_DATE_FIELDS = ['closedOn'] as const

/** The next plan: its title and period (starting after the closed plan began), and the objectives to carry. */
export const nextPlanSchema = (previousStartsOn: string, openObjectiveIds: number[]) =>
  z
    .object({
      title: requiredText('a title for the new plan', 200),
      startsOn: dateInput('the date the new plan starts', { required: true }),
      endsOn: dateInput('the date the new plan ends', { required: false }),
      carry: z
        .preprocess(
          (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]),
          z.array(z.string()),
        )
        .transform((ids) => [...new Set(ids.map(Number))]),
    })
    .superRefine((p, ctx) => {
      if (p.startsOn && p.startsOn <= previousStartsOn)
        ctx.addIssue({
          code: 'custom',
          path: ['startsOn'],
          message: 'The new plan must start after the current plan began',
        })
      if (p.startsOn && p.endsOn && p.endsOn <= p.startsOn)
        ctx.addIssue({ code: 'custom', path: ['endsOn'], message: 'The end date must be after the start date' })
      if (p.carry.some((id) => !openObjectiveIds.includes(id)))
        ctx.addIssue({
          code: 'custom',
          path: ['carry'],
          message: 'Choose only open objectives of the current plan to carry over',
        })
    })

export const NEXT_PLAN_DATE_FIELDS = ['startsOn', 'endsOn'] as const
