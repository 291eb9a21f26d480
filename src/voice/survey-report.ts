// The staff surveys part of a quarterly report: the latest round that closed in or before the quarter (and
// on or before the day the report reads as at), with its response rate and each question's share favourable
// against the round before it, with the two-proportion z-test's verdict; and the staff reference group's
// notes of the quarter. A round counts from the day it closed, a note from the day the group met: what was
// known then. buildStaffSurveySection is the rule, with no database; loadStaffSurveySection feeds it.
import { z } from 'zod'
import type { DbOrTx } from '../db/connect.js'
import { inQuarter, type Quarter } from '../shared/calendar.js'
import {
  changeText,
  monthYear,
  percentText,
  responseRate,
  significanceText,
  trendOf,
  type RoundResult,
} from './survey-rules.js'
import { listNotes, listQuestions, listResults, listRounds, roundResult } from './survey-repository.js'

export const staffSurveySectionSchema = z.object({
  quarterLabel: z.string(),
  round: z
    .object({
      id: z.number(),
      closedOn: z.string(),
      audience: z.string(),
      invited: z.number(),
      responded: z.number(),
      /** Percentage of those invited who responded. */
      responseRate: z.number().nullable(),
      note: z.string(),
    })
    .nullable(),
  questions: z.array(
    z.object({
      id: z.number(),
      code: z.string().nullable(),
      text: z.string(),
      respondents: z.number(),
      /** Percentage favourable (agree plus strongly agree). */
      share: z.number().nullable(),
      previousClosedOn: z.string().nullable(),
      previousShare: z.number().nullable(),
      /** Percentage points, this round minus the one before. */
      changePoints: z.number().nullable(),
      direction: z.enum(['improving', 'no-change', 'worsening']),
      significance: z.string(),
      /** "up 9 points from 55% in September 2025", or "first asked in this round". */
      changeText: z.string(),
    }),
  ),
  notes: z.array(
    z.object({
      id: z.number(),
      heldOn: z.string(),
      themes: z.array(z.string()),
      summary: z.string(),
      response: z.string(),
    }),
  ),
})

export type StaffSurveySection = z.infer<typeof staffSurveySectionSchema>

export interface StaffSurveySectionInput {
  rounds: ReadonlyArray<{
    id: number
    closed_on: string
    audience: string
    invited: number
    responded: number
    note: string
  }>
  questions: ReadonlyArray<{ id: number; code: string | null; text: string }>
  results: ReadonlyArray<RoundResult & { questionId: number }>
  notes: ReadonlyArray<{ id: number; held_on: string; themes: string[]; summary: string; response: string }>
  quarter: Quarter
  asAt: string
}

/**
 * Null when no round had closed and the group had not met by the day read. Each question of the latest round
 * is compared with the latest earlier round that asked it (the trend rule in survey-rules.ts).
 */
export function buildStaffSurveySection(input: StaffSurveySectionInput): StaffSurveySection | null {
  const lastDay = input.quarter.end < input.asAt ? input.quarter.end : input.asAt
  const rounds = input.rounds.filter((r) => r.closed_on <= lastDay)
  const notesKnown = input.notes.filter((n) => n.held_on <= input.asAt)
  if (!rounds.length && !notesKnown.length) return null
  const latest = [...rounds].sort((a, b) => b.closed_on.localeCompare(a.closed_on) || b.id - a.id)[0]
  const questions: StaffSurveySection['questions'] = []
  if (latest) {
    for (const q of input.questions) {
      const trend = trendOf(input.results.filter((r) => r.questionId === q.id && r.closedOn <= latest.closed_on))
      const point = trend[trend.length - 1]
      if (!point || point.roundId !== latest.id) continue
      const before = trend[trend.length - 2]
      questions.push({
        id: q.id,
        code: q.code,
        text: q.text,
        respondents: point.n,
        share: point.share,
        previousClosedOn: before?.closedOn ?? null,
        previousShare: before?.share ?? null,
        changePoints: point.test?.changePoints ?? null,
        direction: !point.test?.significant ? 'no-change' : point.test.changePoints > 0 ? 'improving' : 'worsening',
        significance: significanceText(point.test),
        changeText:
          point.test && before
            ? `${changeText(point.test.changePoints)} from ${percentText(before.share)} in ${monthYear(before.closedOn)}`
            : 'first asked in this round',
      })
    }
    questions.sort((a, b) => (a.code ?? '').localeCompare(b.code ?? '', 'en-GB', { numeric: true }) || a.id - b.id)
  }
  return {
    quarterLabel: input.quarter.label,
    round: latest
      ? {
          id: latest.id,
          closedOn: latest.closed_on,
          audience: latest.audience,
          invited: latest.invited,
          responded: latest.responded,
          responseRate: responseRate(latest.invited, latest.responded),
          note: latest.note,
        }
      : null,
    questions,
    notes: notesKnown
      .filter((n) => inQuarter(n.held_on, input.quarter))
      .sort((a, b) => a.held_on.localeCompare(b.held_on) || a.id - b.id)
      .map((n) => ({ id: n.id, heldOn: n.held_on, themes: n.themes, summary: n.summary, response: n.response })),
  }
}

/** Null when the council has no staff survey round or reference group note by the day read. */
export async function loadStaffSurveySection(
  db: DbOrTx,
  organisationId: number,
  quarter: Quarter,
  asAtDay: string,
): Promise<StaffSurveySection | null> {
  const [rounds, questions, results, notes] = await Promise.all([
    listRounds(db, organisationId),
    listQuestions(db, organisationId),
    listResults(db, organisationId),
    listNotes(db, organisationId),
  ])
  return buildStaffSurveySection({
    rounds,
    questions,
    results: results.map((r) => ({ ...roundResult(r), questionId: r.question_id })),
    notes,
    quarter,
    asAt: asAtDay,
  })
}
