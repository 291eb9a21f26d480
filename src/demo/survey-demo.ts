// Staff surveys for the demo. Northfield (fictional) has three rounds about six months apart, the latest closed
// a few weeks before the demo's day, with eight questions: most improve (supervision, caseloads and would
// recommend significantly so), one falls (time to spend with children), the rest hold steady. Its questions are
// linked to the workforce objectives of its live plan, and the staff reference group met twice. Bradford has
// one round from 2023 and one note, all illustrative. Only aggregated counts are kept, as in the product.
// Each round's latest results came from a file: the import is kept, applied, as a real one would be.
import type { Tx } from '../db/connect.js'
import { jsonb } from '../db/connect.js'
import { addDays, addMonths } from '../shared/calendar.js'
import { AGREEMENT_OPTIONS, type Counts } from '../voice/survey-rules.js'
import type { DemoContext } from './demo-context.js'

interface DemoQuestion {
  code: string
  text: string
  /** Share favourable (%) in each round, oldest first; null where the round did not ask it. */
  shares: Array<number | null>
  /** Titles of the council's objectives it is evidence for. */
  objectives: string[]
}

interface DemoRound {
  closedOn: string
  audience: string
  invited: number
  responded: number
  /** Of those responding, the share who answered the questions (some skip the end of the survey). */
  answered: number
  note: string
}

/**
 * Splits n answers into the five options with the given share favourable: about a third of the favourable
 * strongly agree; of the rest, about a third neither agree nor disagree and two thirds of the others disagree.
 */
export function demoCounts(n: number, sharePercent: number): Counts {
  const fav = Math.round((n * sharePercent) / 100)
  const stronglyAgree = Math.round(fav / 3)
  const rest = n - fav
  const neither = Math.round(rest / 3)
  const disagree = Math.round(((rest - neither) * 2) / 3)
  return {
    strongly_agree: stronglyAgree,
    agree: fav - stronglyAgree,
    neither,
    disagree,
    strongly_disagree: rest - neither - disagree,
  }
}

const ILLUSTRATIVE = 'Illustrative figures for the demo.'

export function northfieldSurvey(today: string): { rounds: DemoRound[]; questions: DemoQuestion[] } {
  const latest = addDays(today, -24)
  const rounds: DemoRound[] = [
    {
      closedOn: addMonths(latest, -12),
      audience: 'All children’s social care staff',
      invited: 420,
      responded: 231,
      answered: 0.97,
      note: `The first survey run with the improvement plan. ${ILLUSTRATIVE}`,
    },
    {
      closedOn: addMonths(latest, -6),
      audience: 'All children’s social care staff',
      invited: 412,
      responded: 268,
      answered: 0.97,
      note: ILLUSTRATIVE,
    },
    {
      closedOn: latest,
      audience: 'All children’s social care staff',
      invited: 405,
      responded: 301,
      answered: 0.96,
      note: `Run online and on paper for the first time, which may explain part of the rise in responses. ${ILLUSTRATIVE}`,
    },
  ]
  const STABLE = 'Build a stable permanent workforce'
  const SUPERVISION = 'Give social workers regular, reflective supervision'
  const questions: DemoQuestion[] = [
    {
      code: 'S1',
      text: 'I have regular supervision that helps me reflect on my work with children',
      shares: [46, 54, 68],
      objectives: [SUPERVISION],
    },
    {
      code: 'S2',
      text: 'My caseload is manageable',
      shares: [29, 35, 47],
      objectives: [STABLE],
    },
    {
      code: 'S3',
      text: 'I feel supported by my manager',
      shares: [61, 65, 69],
      objectives: [SUPERVISION],
    },
    {
      code: 'S4',
      text: 'I would recommend Northfield as a place to work',
      shares: [38, 45, 57],
      objectives: [STABLE],
    },
    {
      code: 'S5',
      text: 'I have had the training I need to do my job well',
      shares: [57, 60, 59],
      objectives: [],
    },
    {
      code: 'S6',
      text: 'I have enough time to spend with the children and families I work with',
      shares: [34, 39, 28],
      objectives: [STABLE],
    },
    {
      code: 'S7',
      text: 'Senior leaders explain the changes being made and why',
      shares: [37, 49, 53],
      objectives: [],
    },
    {
      code: 'S8',
      text: 'I know how my work contributes to the improvement plan',
      shares: [null, 52, 63],
      objectives: [],
    },
  ]
  return { rounds, questions }
}

function bradfordSurvey(): { rounds: DemoRound[]; questions: DemoQuestion[] } {
  return {
    rounds: [
      {
        closedOn: '2023-02-28',
        audience: 'Social workers',
        invited: 380,
        responded: 171,
        answered: 0.95,
        note: ILLUSTRATIVE,
      },
    ],
    questions: [
      { code: 'Q1', text: 'My caseload is manageable', shares: [33], objectives: [] },
      { code: 'Q2', text: 'I receive regular supervision', shares: [58], objectives: [] },
      { code: 'Q3', text: 'I feel valued by the service', shares: [41], objectives: [] },
      { code: 'Q4', text: 'I would recommend working here to a friend', shares: [36], objectives: [] },
    ],
  }
}

async function seedCouncil(
  trx: Tx,
  organisationId: number,
  planId: number,
  userId: number,
  survey: { rounds: DemoRound[]; questions: DemoQuestion[] },
  notes: Array<{ heldOn: string; themes: string[]; summary: string; response: string }>,
) {
  const roundIds: number[] = []
  for (const r of survey.rounds) {
    const row = await trx
      .insertInto('staff_survey_round')
      .values({
        organisation_id: organisationId,
        closed_on: r.closedOn,
        audience: r.audience,
        invited: r.invited,
        responded: r.responded,
        note: r.note,
        created_by: userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    roundIds.push(row.id)
  }
  const objectives = await trx
    .selectFrom('objective')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .select(['objective.id', 'objective.title'])
    .where('strand.plan_id', '=', planId)
    .execute()
  const lastRows: string[][] = []
  for (const q of survey.questions) {
    const question = await trx
      .insertInto('staff_survey_question')
      .values({ organisation_id: organisationId, code: q.code, text: q.text })
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const [i, share] of q.shares.entries()) {
      if (share === null) continue
      const round = survey.rounds[i]!
      const counts = demoCounts(Math.round(round.responded * round.answered), share)
      await trx
        .insertInto('staff_survey_result')
        .values({ round_id: roundIds[i]!, question_id: question.id, ...counts })
        .execute()
      if (i === survey.rounds.length - 1)
        lastRows.push([q.code, q.text, ...AGREEMENT_OPTIONS.map((o) => String(counts[o]))])
    }
    for (const title of q.objectives) {
      const objective = objectives.find((o) => o.title === title)
      if (!objective) continue
      await trx
        .insertInto('staff_survey_question_objective')
        .values({
          organisation_id: organisationId,
          question_id: question.id,
          objective_id: objective.id,
          created_by: userId,
        })
        .execute()
    }
  }
  const columns = ['question_code', 'question', ...AGREEMENT_OPTIONS]
  await trx
    .insertInto('staff_survey_import')
    .values({
      organisation_id: organisationId,
      round_id: roundIds[roundIds.length - 1]!,
      filename: 'staff-survey-results.csv',
      rows: jsonb({
        columns,
        rows: lastRows.map((cells, i) => ({
          rowNumber: i + 2,
          cells: Object.fromEntries(columns.map((c, k) => [c, cells[k] ?? ''])),
        })),
      }),
      uploaded_by: userId,
      status: 'applied',
      applied_at: new Date(),
    })
    .execute()
  for (const n of notes) {
    await trx
      .insertInto('staff_reference_note')
      .values({
        organisation_id: organisationId,
        held_on: n.heldOn,
        themes: jsonb(n.themes),
        summary: n.summary,
        response: n.response,
        created_by: userId,
      })
      .execute()
  }
}

export async function seedSurveyDemo(trx: Tx, demo: DemoContext): Promise<void> {
  const n = demo.northfield
  await seedCouncil(trx, n.organisationId, n.planId, n.userId, northfieldSurvey(demo.today), [
    {
      heldOn: addDays(demo.today, -150),
      themes: ['Caseloads', 'Supervision', 'Agency staff'],
      summary:
        'Members said caseloads in the assessment team were still too high for careful work, and that supervision was often moved at short notice. Newer staff valued peer support but wanted more time with experienced colleagues.',
      response:
        'Team managers will protect supervision dates for the next quarter and report any moved sessions to the head of service. Caseloads in the assessment team will be reviewed monthly at the workforce board.',
    },
    {
      heldOn: addDays(demo.today, -16),
      themes: ['Time with children', 'Recording', 'Survey results'],
      summary:
        'The group discussed the latest survey. Members welcomed better supervision but said new recording steps were taking time away from visits, which they felt explained the fall in time spent with children and families.',
      response:
        'A small group of practitioners will review the recording steps with the case recording system team and remove duplication, reporting back at the next meeting.',
    },
  ])
  const b = demo.bradford
  await seedCouncil(trx, b.organisationId, b.planId, b.userId, bradfordSurvey(), [
    {
      heldOn: '2023-03-15',
      themes: ['Caseloads', 'Recognition'],
      summary:
        'Social workers asked for clearer information on how caseloads are allocated and said good work was rarely recognised beyond their own team.',
      response: 'Illustrative note for the demo: the service will publish caseload figures by team each month.',
    },
  ])
}
