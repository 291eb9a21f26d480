import { z } from 'zod'
import { dateInput, optionalText, requiredText } from '../web/forms.js'
import { readNumber } from '../shared/numbers.js'
import { INDICATORS_BY_ID } from '../national/indicators.js'
import type { PeriodResult } from './periods.js'
import { UNITS } from '../shared/units.js'
import { POLARITIES } from '../shared/polarity.js'
import { FREQUENCIES } from '../shared/calendar.js'
import { BENCHMARK_KINDS, VITAL_SIGNS } from '../db/database.js'
import { ownerField } from '../accounts/owners.js'

const optionalNumber = (label: string) =>
  z
    .preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string())
    .transform((text, ctx) => {
      if (!text) return null
      const read = readNumber(text)
      if (!read.ok) {
        ctx.addIssue({ code: 'custom', message: `${label} must be a number, like 12.5: ${read.reason}` })
        return z.NEVER
      }
      return read.value
    })

const requiredNumber = (label: string) =>
  optionalNumber(label).transform((n, ctx) => {
    if (n === null) {
      ctx.addIssue({ code: 'custom', message: `Enter ${label.toLowerCase()}` })
      return z.NEVER
    }
    return n
  })

type PeriodCheck = (text: string) => PeriodResult

/** A period typed by a person, read for the measure's frequency (see periods.ts). */
const periodField = (periodCheck: PeriodCheck) =>
  z
    .preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string())
    .transform((text, ctx) => {
      const parsed = periodCheck(text)
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: `Enter a valid period: ${parsed.reason}` })
        return z.NEVER
      }
      return parsed.period
    })

/** Checkbox groups arrive as a string, an array of strings or nothing. */
const idList = z
  .preprocess((v): unknown[] => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]), z.array(z.string()))
  .transform((list) => list.filter((s) => /^\d{1,9}$/.test(s)).map(Number))

export const measureSchema = z
  .object({
    name: requiredText('the measure name', 200),
    code: requiredText('a short code', 40).pipe(
      z
        .string()
        .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'The code can only use letters, numbers, dots, dashes and underscores'),
    ),
    definition: optionalText('definition', 2000),
    caveats: optionalText('the caveats', 2000),
    comparability: optionalText('how it differs from the official figures', 2000),
    unit: z.enum(UNITS, { error: 'Select the unit' }),
    polarity: z.enum(POLARITIES, { error: 'Select whether higher or lower is better' }),
    frequency: z.enum(FREQUENCIES, { error: 'Select how often it is measured' }),
    source: optionalText('source', 300),
    owner: optionalText('the owner’s job title or team', 200),
    ownedBy: ownerField('Choose the measure’s owner from the list'),
    validMin: optionalNumber('The lowest valid value'),
    validMax: optionalNumber('The highest valid value'),
    decimals: z.coerce.number({ error: 'Enter the number of decimal places' }).int().min(0).max(4).catch(1),
    vitalSign: z
      .enum(['', ...VITAL_SIGNS])
      .optional()
      .transform((v) => (v ? v : null)),
    nationalIndicator: z
      .preprocess((v) => (typeof v === 'string' ? v : ''), z.string())
      .refine((v) => v === '' || INDICATORS_BY_ID.has(v), 'Select a national indicator from the list')
      .transform((v) => (v ? v : null)),
    strandIds: idList,
    objectiveIds: idList,
  })
  .superRefine((m, ctx) => {
    if (m.validMin !== null && m.validMax !== null && m.validMin >= m.validMax) {
      ctx.addIssue({
        code: 'custom',
        path: ['validMax'],
        message: 'The highest valid value must be more than the lowest',
      })
    }
  })

export const valueSchema = (periodCheck: PeriodCheck) =>
  z.object({
    period: periodField(periodCheck),
    value: requiredNumber('The value'),
    note: optionalText('note', 500),
  })

export const targetSchema = z.object({
  targetValue: requiredNumber('The target'),
  targetDate: dateInput('the date the target should be met by', { required: false }),
  targetNote: optionalText('note', 500),
})
export const TARGET_DATE_FIELDS = ['targetDate'] as const

export const benchmarkSchema = (periodCheck: PeriodCheck) =>
  z
    .object({
      kind: z.enum(BENCHMARK_KINDS, { error: 'Select the benchmark' }),
      comparator: optionalText('comparator name', 100),
      benchmarkPeriod: periodField(periodCheck),
      benchmarkValue: requiredNumber('The benchmark value'),
      benchmarkSource: optionalText('source', 200),
    })
    .superRefine((b, ctx) => {
      if (b.kind === 'comparator' && !b.comparator) {
        ctx.addIssue({ code: 'custom', path: ['comparator'], message: 'Enter the name of the comparator' })
      }
    })

export const rebaselineSchema = (periodCheck: PeriodCheck) =>
  z.object({
    fromPeriod: periodField(periodCheck),
    reason: requiredText('why the limits are recalculated', 500),
  })
