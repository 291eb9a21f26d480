// Each council's practice standards.
//
// Northfield (fictional, every figure invented): three standards with twelve months of compliance ending the
// month before the demo's day, recorded early in the month after each. Two are set more often than the
// statutory minimum, one (supervision) has none. Their measures are fed by the same code as the form, and
// two are linked to the live plan's objectives on visits and on supervision.
// Bradford: the Commissioner's review (January 2022) found local practice standards set above statutory
// requirements, with children in care visited every four weeks; the standard is recorded from that, with no
// monthly figures, since none were published.
import type { Tx } from '../db/connect.js'
import type { IntervalUnit, PracticeStandard } from '../db/database.js'
import { addMonths } from '../shared/calendar.js'
import { saveMonth } from '../practice/practice-standard-repository.js'
import type { CouncilDemo, DemoContext } from './demo-context.js'

interface DemoStandard {
  title: string
  appliesTo: string
  local: [number, IntervalUnit]
  statutory: [number, IntervalUnit] | null
  source: string
  note: string
  /** The live plan's objective its measure is linked to, by title. */
  objective?: string
  /** Month i of 12 (0 the oldest): caseload, due, seen within the local standard, seen within the minimum. */
  month?: (i: number) => [number, number, number, number | null]
}

/** The moment something dated `day` was recorded: mid-morning that day, and never after the demo is loaded. */
function recordedAt(day: string, today: string): Date {
  return day >= today ? new Date(`${today}T00:00:00Z`) : new Date(`${day}T10:00:00Z`)
}

const NORTHFIELD: DemoStandard[] = [
  {
    title: 'Visits to children in care',
    appliesTo: 'Children in care, whatever the length of their placement',
    local: [4, 'weeks'],
    statutory: [6, 'weeks'],
    source: 'Care Planning, Placement and Case Review (England) Regulations 2010, regulation 28',
    note: 'Fictional demo figures. The local standard was set after the last inspection; the minimum shown is the one for the first year of a placement.',
    objective: 'Hear children’s voices in visits and reviews',
    // Caseload drifting from 262 to 273; nearly all due each month at a 4-week interval; seen in time rising.
    month: (i) => {
      const caseload = 262 + i
      const due = caseload - 6 - (i % 3)
      const seen = Math.round(due * (0.78 + i * 0.01 - (i === 7 ? 0.04 : 0)))
      return [caseload, due, seen, Math.min(due, seen + 14 - (i % 4))]
    },
  },
  {
    title: 'Visits to children on a child protection plan',
    appliesTo: 'Children subject to a child protection plan',
    local: [14, 'days'],
    statutory: [28, 'days'],
    source: 'Demo assumption: a minimum of 20 working days, taken as 28 days',
    note: 'Fictional demo figures. Working days are counted as calendar days: the local 10 working days is taken as 14 days, the minimum of 20 working days as 28.',
    month: (i) => {
      const caseload = 196 - Math.round(i * 1.5)
      const due = caseload
      const seen = Math.round(due * (0.7 + i * 0.013))
      return [caseload, due, seen, Math.min(due, seen + 20 - i)]
    },
  },
  {
    title: 'Supervision of social workers',
    appliesTo: 'Social workers holding cases (counted as staff, not children)',
    local: [4, 'weeks'],
    statutory: null,
    source: 'No statutory minimum: the council’s supervision policy',
    note: 'Fictional demo figures. The policy says monthly; it is counted here as every 4 weeks.',
    objective: 'Give social workers regular, reflective supervision',
    month: (i) => {
      const caseload = 96 + (i % 4)
      const due = caseload - 3
      const seen = Math.round(due * (0.74 + i * 0.012))
      return [caseload, due, seen, null]
    },
  },
]

const BRADFORD: DemoStandard[] = [
  {
    title: 'Visits to children looked after',
    appliesTo: 'Children looked after, irrespective of how long or how settled their placement',
    local: [4, 'weeks'],
    statutory: [6, 'weeks'],
    source: 'Care Planning, Placement and Case Review (England) Regulations 2010, regulation 28',
    note: 'From the Commissioner’s review of January 2022: the practice standards set after the 2018 inspection went beyond statutory requirements, and were being revised to match them. No monthly figures were published, so none are recorded.',
  },
]

async function writeStandards(trx: Tx, council: CouncilDemo, list: DemoStandard[], createdOn: string, today: string) {
  const actor = { userId: council.userId, organisationId: council.organisationId }
  const thisMonth = `${today.slice(0, 7)}-01`
  for (const d of list) {
    let standard: PracticeStandard = await trx
      .insertInto('practice_standard')
      .values({
        organisation_id: council.organisationId,
        title: d.title,
        applies_to: d.appliesTo,
        local_every: d.local[0],
        local_unit: d.local[1],
        statutory_every: d.statutory?.[0] ?? null,
        statutory_unit: d.statutory?.[1] ?? null,
        statutory_source: d.source,
        note: d.note,
        created_by: council.userId,
        created_at: recordedAt(createdOn, today),
        updated_at: recordedAt(createdOn, today),
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    if (!d.month) continue
    for (let i = 0; i < 12; i++) {
      const month = addMonths(thisMonth, i - 12)
      const [caseload, due, seenLocal, seenStatutory] = d.month(i)
      const { measureId } = await saveMonth(
        trx,
        actor,
        standard,
        month,
        { caseload, due, seenLocal, seenStatutory, note: '' },
        recordedAt(addMonths(month, 1).slice(0, 8) + '05', today),
      )
      standard = { ...standard, measure_id: measureId }
    }
    if (d.objective && standard.measure_id !== null) {
      const objective = await trx
        .selectFrom('objective')
        .innerJoin('strand', 'strand.id', 'objective.strand_id')
        .select('objective.id')
        .where('strand.plan_id', '=', council.planId)
        .where('objective.title', '=', d.objective)
        .executeTakeFirst()
      if (!objective) throw new Error(`The demo practice standard ${d.title} names an objective not in the plan`)
      await trx
        .insertInto('measure_objective')
        .values({ measure_id: standard.measure_id, objective_id: objective.id })
        .execute()
    }
  }
}

export async function seedPracticeStandardDemo(trx: Tx, demo: DemoContext): Promise<void> {
  await writeStandards(trx, demo.bradford, BRADFORD, '2022-01-31', demo.today)
  // Northfield's standards were set before the first month shown.
  await writeStandards(trx, demo.northfield, NORTHFIELD, addMonths(`${demo.today.slice(0, 7)}-01`, -13), demo.today)
}
