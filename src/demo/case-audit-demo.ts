// Case-file audits for the demo. Northfield (fictional) has six monthly rounds ending the month before the
// demo is loaded, 10 to 14 cases each, whose percentage good or better (overall grade after moderation) rises
// from 40.0% to 64.3%; every round is moderated and closed, which feeds the council's measure "Case-file
// audits: percentage good or better", linked to objective 4.1 "Give leaders an accurate view of practice", with
// six earlier monthly values from before the audits were recorded in Turnaround, so SPC has its 12 points.
// Bradford has one open round of two invented cases, so its pages are not empty; it is labelled illustrative
// and, being open, feeds nothing and appears in no report. Every reference, grade and date is invented.
import type { Tx } from '../db/connect.js'
import { SERVICE_AREAS, type AuditGrade, type ModerationOutcome } from '../db/database.js'
import { addDays, addMonths } from '../shared/calendar.js'
import { GRADE_RANK, moderationSummary } from '../practice/case-audit-rules.js'
import * as repo from '../practice/case-audit-repository.js'
import { applyValueChanges, planValueChanges } from '../measures/value-repository.js'
import type { DemoContext } from './demo-context.js'

/** Good or better in the six months before the first round (4/11, 5/12, 5/13, 4/12, 4/10, 3/8). */
export const EARLIER_PERCENTAGES = [36.4, 41.7, 38.5, 33.3, 40, 37.5]

const GRADES: AuditGrade[] = ['outstanding', 'good', 'requires-improvement', 'inadequate']

/**
 * Northfield's rounds, oldest first: cases, how many are good or better after moderation, how many moderation
 * raised and lowered, and how many of the first cases were moderated (the lowered ones, last, come on top).
 * Good or better: 4/10 = 40.0%, 5/12 = 41.7%, 5/11 = 45.5%, 7/13 = 53.8%, 7/12 = 58.3%, 9/14 = 64.3%.
 */
export const NORTHFIELD_ROUNDS = [
  { cases: 10, good: 4, theme: 'Children in need', raised: 0, lowered: 2, moderated: 4 },
  { cases: 12, good: 5, theme: 'Child protection plans', raised: 1, lowered: 2, moderated: 5 },
  { cases: 11, good: 5, theme: '', raised: 0, lowered: 1, moderated: 5 },
  { cases: 13, good: 7, theme: 'Children in care', raised: 1, lowered: 1, moderated: 6 },
  { cases: 12, good: 7, theme: 'Management oversight', raised: 0, lowered: 1, moderated: 6 },
  { cases: 14, good: 9, theme: 'The child’s voice', raised: 0, lowered: 1, moderated: 9 },
] as const

function shift(grade: AuditGrade, by: number): AuditGrade {
  return GRADES[Math.min(3, Math.max(0, GRADE_RANK[grade] + by))]!
}

function monthTitle(month: string): string {
  return new Date(`${month}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
}

/** The cases of round `i` (0 oldest), each with its final grade and how moderation reached it. */
export function demoCases(i: number): repo.CaseInput[] {
  const spec = NORTHFIELD_ROUNDS[i]!
  return Array.from({ length: spec.cases }, (_, j) => {
    // The first `good` cases end good or better (the best, in later rounds, outstanding); the rest do not.
    const final: AuditGrade =
      j < spec.good
        ? j === 0 && i >= 3
          ? 'outstanding'
          : 'good'
        : j % 4 === 3 && i < 3 && j < spec.cases - spec.lowered
          ? 'inadequate'
          : 'requires-improvement'
    // Moderation: the last `raised` good cases were raised from requires improvement; the last `lowered` cases
    // that are not good were lowered from good; the rest of the moderated cases were agreed.
    let moderation: ModerationOutcome = j < spec.moderated ? 'agreed' : 'not-moderated'
    let auditor = final
    if (j < spec.good && j >= spec.good - spec.raised) {
      moderation = 'raised'
      auditor = 'requires-improvement'
    }
    if (j >= spec.cases - spec.lowered && final === 'requires-improvement') {
      moderation = 'lowered'
      auditor = 'good'
    }
    const changed = moderation === 'raised' || moderation === 'lowered'
    return {
      reference: `NF-${204518 + i * 1373 + j * 97}`,
      service_area: SERVICE_AREAS[(i * 3 + j) % SERVICE_AREAS.length]!,
      // The child's voice improves with the rounds; management oversight lags one grade behind in a third of cases.
      grade_voice: shift(final, i < 3 && j % 3 === 1 ? 1 : 0),
      grade_assessment: shift(final, j % 5 === 2 ? -1 : 0),
      grade_planning: shift(final, j % 4 === 1 ? 1 : 0),
      grade_oversight: shift(final, j % 3 === 0 ? 1 : 0),
      grade_overall: auditor,
      moderation,
      moderated_overall: changed ? final : null,
    }
  })
}

export async function seedCaseAuditDemo(trx: Tx, demo: DemoContext): Promise<void> {
  const nf = { userId: demo.northfield.userId, organisationId: demo.northfield.organisationId }
  const thisMonth = `${demo.today.slice(0, 7)}-01`
  for (let i = 0; i < NORTHFIELD_ROUNDS.length; i++) {
    const month = addMonths(thisMonth, i - NORTHFIELD_ROUNDS.length)
    const round = await repo.createRound(trx, nf, {
      title: `Monthly audit, ${monthTitle(month)}`,
      audit_month: month,
      theme: NORTHFIELD_ROUNDS[i]!.theme,
    })
    for (const c of demoCases(i)) await repo.addCase(trx, nf, round, c)
    // Moderated and closed by the middle of the next month (or by the demo's day, for the latest round).
    const due = addDays(addMonths(month, 1), 14)
    const closedOn = due < demo.today ? due : demo.today
    const m = moderationSummary(demoCases(i))
    await repo.closeRound(
      trx,
      nf,
      round,
      closedOn,
      `${m.moderated} cases moderated by the quality assurance team: ${m.agreed} agreed, ${m.raised} raised, ${m.lowered} lowered.`,
    )
  }
  const measure = await repo.ensureAuditMeasure(trx, nf)
  // The six months before the first round, from the audit reports kept before Turnaround (fictional), so the
  // measure has the 12 points statistical process control needs and shows the rounds' rise against them.
  const earlier = EARLIER_PERCENTAGES.map((value, k) => ({
    measureId: measure.id,
    period: addMonths(thisMonth, k - NORTHFIELD_ROUNDS.length - EARLIER_PERCENTAGES.length),
    value,
    note: 'From the monthly audit report, before audits were recorded in Turnaround',
  }))
  await applyValueChanges(
    trx,
    nf,
    await planValueChanges(trx, earlier),
    () => measure.name,
    'demo: earlier audit reports',
  )
  const objective = await trx
    .selectFrom('objective')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .select(['objective.id', 'strand.id as strand_id'])
    .where('strand.plan_id', '=', demo.northfield.planId)
    .where('objective.title', '=', 'Give leaders an accurate view of practice')
    .executeTakeFirstOrThrow()
  await trx.insertInto('measure_objective').values({ measure_id: measure.id, objective_id: objective.id }).execute()
  await trx.insertInto('measure_strand').values({ measure_id: measure.id, strand_id: objective.strand_id }).execute()
  await trx
    .insertInto('measure_target')
    .values({
      measure_id: measure.id,
      value: 80,
      target_date: null,
      note: 'Four in five cases audited good or better (a fictional aim for the demo).',
      set_by: nf.userId,
    })
    .execute()

  const bd = { userId: demo.bradford.userId, organisationId: demo.bradford.organisationId }
  const round = await repo.createRound(trx, bd, {
    title: 'Illustrative audit round',
    audit_month: '2023-01-01',
    theme: 'Invented cases for the demo: not Bradford’s audits',
  })
  const illustrative: repo.CaseInput[] = [
    {
      reference: 'DEMO-1001',
      service_area: 'front-door',
      grade_voice: 'good',
      grade_assessment: 'requires-improvement',
      grade_planning: 'good',
      grade_oversight: 'requires-improvement',
      grade_overall: 'good',
      moderation: 'agreed',
      moderated_overall: null,
    },
    {
      reference: 'DEMO-1002',
      service_area: 'child-protection',
      grade_voice: 'requires-improvement',
      grade_assessment: 'requires-improvement',
      grade_planning: 'inadequate',
      grade_oversight: 'requires-improvement',
      grade_overall: 'requires-improvement',
      moderation: 'not-moderated',
      moderated_overall: null,
    },
  ]
  for (const c of illustrative) await repo.addCase(trx, bd, round, c)
}
