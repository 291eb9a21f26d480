// The forms of case-file audits: a round (title, month audited, theme), an audited case (a case reference that
// is never a name or a date of birth, service area, a grade per domain, moderation) and closing a round.
import { z } from 'zod'
import { AUDIT_GRADES, MODERATION_OUTCOMES, SERVICE_AREAS } from '../db/database.js'
import { dateInput, optionalText, requiredText } from '../web/forms.js'
import { GRADE_RANK, referenceProblem } from './case-audit-rules.js'

const text = z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string())

/** A month and year typed in two boxes ("auditMonth-month", "auditMonth-year"), giving yyyy-mm-01. */
export function monthInput(label: string) {
  return z.object({ month: z.string(), year: z.string() }).transform((parts, ctx) => {
    const { month, year } = parts
    if (!month && !year) {
      ctx.addIssue({ code: 'custom', message: `Enter ${label}` })
      return ''
    }
    if (!month || !year) {
      ctx.addIssue({
        code: 'custom',
        message: `${label[0]!.toUpperCase()}${label.slice(1)} must include a ${!month ? 'month' : 'year'}`,
      })
      return ''
    }
    if (
      !/^\d{1,2}$/.test(month) ||
      +month < 1 ||
      +month > 12 ||
      !/^\d{4}$/.test(year) ||
      +year < 2000 ||
      +year > 2100
    ) {
      ctx.addIssue({
        code: 'custom',
        message: `${label[0]!.toUpperCase()}${label.slice(1)} must be a real month, like 3 2026`,
      })
      return ''
    }
    return `${year}-${month.padStart(2, '0')}-01`
  })
}

/** Nests "auditMonth-month" and "auditMonth-year" as parseForm does for day-month-year dates. */
export function withMonth(body: Record<string, unknown>, name: string): Record<string, unknown> {
  const part = (key: string) =>
    typeof body[`${name}-${key}`] === 'string' ? (body[`${name}-${key}`] as string).trim() : ''
  return { ...body, [name]: { month: part('month'), year: part('year') } }
}

export const roundSchema = z.object({
  title: requiredText('a title for the round', 200),
  auditMonth: monthInput('the month audited'),
  theme: optionalText('the theme or focus', 500),
})

const grade = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v : ''),
    z.enum(AUDIT_GRADES, { error: `Choose the grade for ${label}` }),
  )

export const caseSchema = z
  .object({
    reference: text.superRefine((v, ctx) => {
      const problem = referenceProblem(v)
      if (problem) ctx.addIssue({ code: 'custom', message: problem })
    }),
    serviceArea: z.preprocess(
      (v) => (typeof v === 'string' ? v : ''),
      z.enum(SERVICE_AREAS, { error: 'Choose the service area the case was in' }),
    ),
    gradeVoice: grade('the child’s voice'),
    gradeAssessment: grade('assessment'),
    gradePlanning: grade('planning'),
    gradeOversight: grade('management oversight'),
    gradeOverall: grade('overall'),
    moderation: z.preprocess(
      (v) => (typeof v === 'string' ? v : ''),
      z.enum(MODERATION_OUTCOMES, { error: 'Choose the moderation outcome' }),
    ),
    moderatedOverall: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.enum(['', ...AUDIT_GRADES])),
  })
  .superRefine((v, ctx) => {
    if (v.moderation !== 'raised' && v.moderation !== 'lowered') return
    if (v.moderatedOverall === '') {
      ctx.addIssue({ code: 'custom', path: ['moderatedOverall'], message: 'Choose the overall grade after moderation' })
      return
    }
    const after = GRADE_RANK[v.moderatedOverall]
    const before = GRADE_RANK[v.gradeOverall]
    if (v.moderation === 'raised' && !(after < before))
      ctx.addIssue({
        code: 'custom',
        path: ['moderatedOverall'],
        message: 'The grade after moderation must be better than the auditor’s overall grade when moderation raised it',
      })
    if (v.moderation === 'lowered' && !(after > before))
      ctx.addIssue({
        code: 'custom',
        path: ['moderatedOverall'],
        message: 'The grade after moderation must be worse than the auditor’s overall grade when moderation lowered it',
      })
  })

export type CaseForm = z.output<typeof caseSchema>

export const closeSchema = z.object({
  closedOn: dateInput('the date the round was closed', { required: true }),
  closedNote: optionalText('the note on moderation', 2000),
})
