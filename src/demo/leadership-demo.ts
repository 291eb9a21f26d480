// Each council's senior posts in children's services and how they were held over time (no names).
//
// Bradford: the changes from the 2018 inspection to the end of 2021, as the Commissioner's review of January
// 2022 (section 7 and the executive summary) sets them out, as data. Where the review gives only a month, the
// period starts on the 1st of that month; each such choice is noted beside it. The record of a post begins
// with the first status the review gives for it (that first period is not counted as a change). The review
// says nothing of these posts after January 2022, so their last periods stay open. Linked to the objective
// "Improvement governance and capacity" (strand 7, Strategic leadership).
//
// Northfield (fictional): eight posts over the last three years and more, dated from the day the demo is
// loaded, with interim, acting and vacant spells that give way to permanent appointments, so the share held
// permanently rises from 4 of 8 a year ago to 7 of 8 today. Linked to its objective 4.1, "Give leaders an
// accurate view of practice" (strand 4, Leadership, performance and quality assurance).
import type { Tx } from '../db/connect.js'
import type { HolderStatus, LeadershipTier } from '../db/database.js'
import { addMonths } from '../shared/calendar.js'
import type { CouncilDemo, DemoContext } from './demo-context.js'

export interface DemoPost {
  title: string
  tier: LeadershipTier
  createdOn?: string
  deletedOn?: string
  /** Oldest first. */
  periods: Array<{ from: string; status: HolderStatus; note?: string }>
}

export function bradfordPosts(): DemoPost[] {
  return [
    {
      title: 'Director of Children’s Services',
      tier: 'director',
      periods: [
        // The record begins the day Ofsted published its judgement, 29 October 2018, with the permanent Director.
        {
          from: '2018-10-29',
          status: 'permanent',
          note: 'Permanent Director in post when the inspection was published.',
        },
        // November 2018 only: the Director stepped down and an interim Director was appointed that month.
        { from: '2018-11-01', status: 'interim', note: 'Interim Director appointed after the Director stepped down.' },
        // July 2019 only (the review also says June once; section 7 says the month after the interim left in June).
        { from: '2019-07-01', status: 'permanent', note: 'Permanent Director started.' },
        // October 2021 only: the Director resigned.
        { from: '2021-10-01', status: 'vacant', note: 'Director resigned.' },
        // November 2021 only: the Deputy Director for Education acted up.
        { from: '2021-11-01', status: 'acting', note: 'Covered by the Deputy Director for Education, acting up.' },
      ],
    },
    {
      title: 'Deputy Director, Children’s Social Care',
      tier: 'deputy-director',
      periods: [
        // November 2018 only. The review does not say how the post was held before then.
        { from: '2018-11-01', status: 'interim', note: 'Interim Deputy Director appointed.' },
        // November 2019 only: appointed at the second attempt.
        { from: '2019-11-01', status: 'permanent', note: 'Permanent appointment, at the second attempt to recruit.' },
        // November 2021 only: the permanent Deputy Director left and an interim took over that month.
        {
          from: '2021-11-01',
          status: 'interim',
          note: 'Interim, moving up from covering the Assistant Director post.',
        },
      ],
    },
    {
      title: 'Deputy Director, Education and Learning',
      tier: 'deputy-director',
      periods: [
        // October 2018 only.
        { from: '2018-10-01', status: 'permanent', note: 'Permanent appointment.' },
        // November 2021 only: the postholder acted up as Director; two Assistant Directors covered the post.
        {
          from: '2021-11-01',
          status: 'acting',
          note: 'Covered by two Assistant Directors while the postholder acts up.',
        },
      ],
    },
    {
      title: 'Assistant Director, Safeguarding, Commissioning and Provider Services',
      tier: 'assistant-director',
      periods: [
        // May 2020 only: a Head of Service was seconded into the revised post (a secondment, so acting). The
        // review's summary dates an Assistant Director's arrival to November 2019; section 7 is followed here.
        { from: '2020-05-01', status: 'acting', note: 'A Head of Service seconded into the post.' },
        // August 2021 only: the postholder resigned the month after July 2021.
        { from: '2021-08-01', status: 'vacant', note: 'Postholder resigned.' },
        // Not dated in the review: an interim had covered it for under two months by November 2021; we take
        // 1 October 2021.
        { from: '2021-10-01', status: 'interim', note: 'Interim cover (date approximate).' },
        // November 2021 only: that interim moved up, and another experienced interim came into post.
        { from: '2021-11-01', status: 'interim', note: 'A second interim came into post.' },
      ],
    },
    {
      title: 'Head of Service, Safeguarding, Reviewing and Quality Assurance',
      tier: 'head-of-service',
      // The review says the post was established after 2019 and that every Head of Service post was filled by
      // March 2020: March 2020 only, so 1 March 2020 for both.
      createdOn: '2020-03-01',
      periods: [{ from: '2020-03-01', status: 'permanent', note: 'New post, filled permanently.' }],
    },
  ]
}

export function northfieldPosts(today: string): DemoPost[] {
  const m = (months: number) => addMonths(today, -months)
  return [
    {
      title: 'Director of Children’s Services',
      tier: 'director',
      periods: [
        { from: m(40), status: 'interim' },
        { from: m(30), status: 'permanent' },
      ],
    },
    {
      title: 'Deputy Director, Social Care',
      tier: 'deputy-director',
      periods: [
        { from: m(40), status: 'permanent' },
        { from: m(26), status: 'vacant' },
        { from: m(24), status: 'interim' },
        { from: m(14), status: 'permanent' },
      ],
    },
    {
      title: 'Assistant Director, Safeguarding and Quality',
      tier: 'assistant-director',
      periods: [
        { from: m(40), status: 'interim' },
        { from: m(9), status: 'permanent' },
      ],
    },
    {
      title: 'Assistant Director, Children in Care',
      tier: 'assistant-director',
      periods: [{ from: m(40), status: 'permanent' }],
    },
    {
      title: 'Head of Service, Front Door',
      tier: 'head-of-service',
      periods: [
        { from: m(40), status: 'acting' },
        { from: m(20), status: 'interim' },
        { from: m(5), status: 'permanent' },
      ],
    },
    {
      title: 'Head of Service, Child Protection',
      tier: 'head-of-service',
      periods: [
        { from: m(40), status: 'permanent' },
        { from: m(18), status: 'vacant' },
        { from: m(16), status: 'acting' },
        { from: m(7), status: 'permanent' },
      ],
    },
    {
      title: 'Head of Service, Children in Care and Care Leavers',
      tier: 'head-of-service',
      periods: [{ from: m(40), status: 'permanent' }],
    },
    {
      title: 'Head of Service, Quality Assurance',
      tier: 'head-of-service',
      createdOn: m(20),
      periods: [
        { from: m(20), status: 'vacant', note: 'New post.' },
        { from: m(17), status: 'interim' },
        { from: m(2), status: 'interim', note: 'A second interim while a permanent appointment is made.' },
      ],
    },
  ]
}

/** The moment something dated `day` was recorded: mid-morning that day, and never after the demo is loaded. */
function recordedAt(day: string, today: string): Date {
  return day >= today ? new Date(`${today}T00:00:00Z`) : new Date(`${day}T10:00:00Z`)
}

async function writePosts(trx: Tx, council: CouncilDemo, posts: DemoPost[], today: string): Promise<void> {
  for (const p of posts) {
    const first = p.periods[0]!.from
    const post = await trx
      .insertInto('leadership_post')
      .values({
        organisation_id: council.organisationId,
        title: p.title,
        tier: p.tier,
        created_on: p.createdOn ?? null,
        deleted_on: p.deletedOn ?? null,
        created_by: council.userId,
        created_at: recordedAt(first, today),
        updated_at: recordedAt(p.periods.at(-1)!.from, today),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('leadership_period')
      .values(
        p.periods.map((period) => ({
          post_id: post.id,
          starts_on: period.from,
          status: period.status,
          note: period.note ?? '',
          created_by: council.userId,
          created_at: recordedAt(period.from, today),
        })),
      )
      .execute()
  }
}

async function linkObjective(trx: Tx, council: CouncilDemo, title: string): Promise<void> {
  const objective = await trx
    .selectFrom('objective')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .select('objective.id')
    .where('strand.plan_id', '=', council.planId)
    .where('objective.title', '=', title)
    .executeTakeFirst()
  if (!objective) throw new Error(`The leadership demo links the objective “${title}”, not in the plan`)
  await trx
    .insertInto('leadership_objective')
    .values({ organisation_id: council.organisationId, objective_id: objective.id, created_by: council.userId })
    .execute()
}

export async function seedLeadershipDemo(trx: Tx, demo: DemoContext): Promise<void> {
  await writePosts(trx, demo.bradford, bradfordPosts(), demo.today)
  await linkObjective(trx, demo.bradford, 'Improvement governance and capacity')
  await writePosts(trx, demo.northfield, northfieldPosts(demo.today), demo.today)
  await linkObjective(trx, demo.northfield, 'Give leaders an accurate view of practice')
}
