// Each role's home page, on two small councils seeded here row by row (dates relative to today, so the
// figures can be checked by hand): a Director and a Board member see each strand's delivery and impact, the
// key measures, the next Board date and the latest report; a strand lead their own items and strands only;
// the improvement team the open round's returns; a partner the requests to their own organisation; an
// adviser each council in one line; someone with one council goes straight to it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle, Db } from '../db/connect.js'
import { jsonb } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, signedIn } from '../test-support/http.js'
import { hashPassword } from '../accounts/password.js'
import { DEMO_PASSWORD } from '../demo/seed-demo.js'
import type { Role } from '../db/database.js'
import { paths } from '../web/paths.js'
import { todayIso, formatDate } from '../shared/dates.js'
import { addDays, monthStart, quarterOf } from '../shared/calendar.js'
import { rateDelivery, RAG_LABELS } from '../reports/status-rules.js'
import { entryIsCurrent, IMPACT_LABELS, measureDirection, rateImpact } from '../impact/impact-rules.js'
import { loadCouncilMeasures } from '../measures/measure-service.js'
import { currencyOn } from '../measures/measure-currency.js'
import { listOwedItems, returnsSummary } from '../rounds/owed-items.js'
import { quartersToOpen } from '../rounds/round-rules.js'

const P = paths.council
const today = todayIso()
const days = (n: number) => addDays(today, n)

/** Every id the tests look up, by a name. */
interface Seeded {
  ashby: number
  brindle: number
  users: Record<string, number>
  strands: { s1: number; s2: number; b1: number }
  milestones: { m1: number; m2: number; m3: number; m4: number }
  objectives: { o1: number; o2: number }
  measures: { linked: number; unlinked: number }
  requests: { r1: number; r2: number; r3: number; r4: number }
  reports: { ashbyPublished: number; brindlePublished: number }
  roundId: number
}

const EMAIL = (name: string) => `${name}@home.example`

/**
 * Ashby: two strands (1 led by "lead", 2 by "other-lead"), an open round for the quarter just ended, four
 * requests to partners, a published report and Board dates. Brindle: one strand with an overdue milestone, a
 * published report, no round. The adviser may see both.
 */
async function seed(db: Db): Promise<Seeded> {
  const hash = await hashPassword(DEMO_PASSWORD)
  const org = async (slug: string, name: string, kind: 'council' | 'partner') =>
    (await db.insertInto('organisation').values({ slug, name, kind }).returning('id').executeTakeFirstOrThrow()).id
  const ashby = await org('ashby', 'Ashby Council (test)', 'council')
  const brindle = await org('brindle', 'Brindle Council (test)', 'council')
  const partnerP = await org('p-health', 'Ashby Health Partnership (test)', 'partner')
  const partnerQ = await org('q-police', 'Ashby Police (test)', 'partner')

  const people: Array<[string, string, number | null, Array<[number, Role]>]> = [
    ['director', 'Dee Director', ashby, [[ashby, 'leader']]],
    ['board', 'Bea Board', ashby, [[ashby, 'board-member']]],
    ['lead', 'Lee Lead', ashby, [[ashby, 'strand-lead']]],
    ['other-lead', 'Olly Other', ashby, [[ashby, 'strand-lead']]],
    ['team', 'Tam Team', ashby, [[ashby, 'improvement-team']]],
    ['partner', 'Pat Partner', partnerP, [[ashby, 'partner']]],
    ['other-partner', 'Quin Police', partnerQ, [[ashby, 'partner']]],
    [
      'adviser',
      'Ada Adviser',
      null,
      [
        [ashby, 'adviser'],
        [brindle, 'adviser'],
      ],
    ],
  ]
  const users: Record<string, number> = {}
  for (const [key, name, employer, access] of people) {
    const id = (
      await db
        .insertInto('app_user')
        .values({ email: EMAIL(key), display_name: name, password_hash: hash, employer_organisation_id: employer })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
    users[key] = id
    for (const [organisation_id, role] of access)
      await db.insertInto('membership').values({ user_id: id, organisation_id, role }).execute()
  }

  const plan = async (organisationId: number, title: string) =>
    (
      await db
        .insertInto('plan')
        .values({ organisation_id: organisationId, title, starts_on: days(-400), ends_on: null, closed_on: null })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const strand = async (planId: number, code: string, title: string, lead: number | null, position: number) =>
    (
      await db
        .insertInto('strand')
        .values({
          plan_id: planId,
          code,
          half: 'A',
          title,
          lead_title: 'Head of Service',
          lead_user_id: lead,
          position,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const objective = async (strandId: number, title: string) =>
    (
      await db
        .insertInto('objective')
        .values({ strand_id: strandId, title, description: '', intended_impact: 'Children are safer', position: 1 })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const milestone = async (
    objectiveId: number,
    title: string,
    due: string,
    status: 'on-track' | 'complete',
    owner: number | null,
    position: number,
  ) =>
    (
      await db
        .insertInto('milestone')
        .values({
          objective_id: objectiveId,
          title,
          owner: 'Team manager',
          owner_user_id: owner,
          due_on: due,
          status,
          completed_on: status === 'complete' ? days(-300) : null,
          evidence: '',
          position,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id

  const ashbyPlan = await plan(ashby, 'Ashby Improvement Plan')
  const s1 = await strand(ashbyPlan, '1', 'Front door', users.lead!, 1)
  const s2 = await strand(ashbyPlan, '2', 'Children in care', users['other-lead']!, 2)
  const o1 = await objective(s1, 'Answer every contact the same day')
  const o2 = await objective(s2, 'Visit every child on time')
  // Strand 1: one milestone 10 days overdue (Amber), one complete long ago (owes nothing this round).
  const m1 = await milestone(o1, 'Front door rota agreed', days(-10), 'on-track', users.lead!, 1)
  const m2 = await milestone(o1, 'Front door team recruited', days(-320), 'complete', users.lead!, 2)
  // Strand 2: one milestone 100 days overdue (Red), one due later.
  const m3 = await milestone(o2, 'Visiting standard written', days(-100), 'on-track', users['other-lead']!, 1)
  const m4 = await milestone(o2, 'Visits audited', days(60), 'on-track', users['other-lead']!, 2)
  // Strand 1 has current evidence of improvement; strand 2 has none.
  await db
    .insertInto('evidence_entry')
    .values({
      objective_id: o1,
      observed_on: days(-30),
      kind: 'audit',
      summary: 'Case audit: contacts answered the same day',
      direction: 'improving',
      attachment_name: null,
      attachment_type: null,
      attachment: null,
      created_by: users.team!,
      withdrawn_at: null,
      withdrawn_by: null,
    })
    .execute()

  // A measure linked to strand 1 with a target and three recent monthly values; one linked to nothing.
  const measure = async (code: string, name: string, position: number) =>
    (
      await db
        .insertInto('measure')
        .values({
          organisation_id: ashby,
          code,
          name,
          unit: 'percent',
          polarity: 'higher',
          frequency: 'monthly',
          valid_min: null,
          valid_max: null,
          vital_sign: null,
          formula: null,
          national_indicator: null,
          position,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const linked = await measure('CONTACTS', 'Contacts answered the same day', 1)
  const unlinked = await measure('UNLINKED', 'A measure linked to no strand', 2)
  await db.insertInto('measure_strand').values({ measure_id: linked, strand_id: s1 }).execute()
  const month = (back: number) => {
    const d = new Date(`${today.slice(0, 7)}-01T00:00:00Z`)
    d.setUTCMonth(d.getUTCMonth() - back)
    return monthStart(d.getUTCFullYear(), d.getUTCMonth() + 1)
  }
  await db
    .insertInto('measure_value')
    .values([1, 2, 3].map((back, i) => ({ measure_id: linked, period: month(back), value: 70 + i * 5, note: '' })))
    .execute()
  await db
    .insertInto('measure_value')
    .values({ measure_id: unlinked, period: month(1), value: 12, note: '' })
    .execute()
  await db
    .insertInto('measure_target')
    .values({ measure_id: linked, value: 95, target_date: null, note: '', set_by: users.team! })
    .execute()

  // The round for the quarter just ended, open: the rota milestone is returned, nothing else.
  const justEnded = quartersToOpen(today)[0]!
  const roundId = (
    await db
      .insertInto('reporting_round')
      .values({
        organisation_id: ashby,
        quarter_start: justEnded.start,
        data_cutoff_on: justEnded.end,
        updates_due_on: days(5),
        commentary_due_on: days(10),
        locks_on: days(15),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db.insertInto('round_return').values({ round_id: roundId, item_type: 'milestone', item_id: m1 }).execute()

  // Requests: r1 and r2 to P (r2 answered), r3 to Q, r4 to the partner by name.
  const request = async (
    description: string,
    to: { organisation?: number; user?: number },
    answered: boolean,
    due: string,
  ) =>
    (
      await db
        .insertInto('partner_request')
        .values({
          organisation_id: ashby,
          partner: 'Health',
          description,
          strand_id: null,
          requested_on: days(-20),
          due_on: due,
          received_on: answered ? today : null,
          responded_at: answered ? new Date() : null,
          response: answered ? 'Figures attached' : '',
          partner_organisation_id: to.organisation ?? null,
          owner_user_id: to.user ?? null,
          created_by: users.team!,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const r1 = await request('Health visits to children in care, by month', { organisation: partnerP }, false, days(5))
  const r2 = await request('Health assessments within 20 days', { organisation: partnerP }, true, days(2))
  const r3 = await request('Police notifications of domestic abuse', { organisation: partnerQ }, false, days(4))
  const r4 = await request('Named nurse attendance at reviews', { user: users.partner! }, false, days(3))

  // Ashby's reports: one published, one in preparation with two Board dates; an earlier meeting passed.
  const q = (back: number) => quarterOf(addDays(quarterOf(today).start, -1 - 92 * back)).start
  const ashbyPublished = (
    await db
      .insertInto('report')
      .values({
        organisation_id: ashby,
        quarter_start: q(1),
        status: 'published',
        snapshot: jsonb({}),
        published_at: new Date(`${days(-40)}T10:00:00Z`),
        meeting_on: days(-10),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id
  await db
    .insertInto('report')
    .values({ organisation_id: ashby, quarter_start: q(0), meeting_on: days(60) })
    .execute()
  await db
    .insertInto('report')
    .values({
      organisation_id: ashby,
      quarter_start: q(2),
      status: 'superseded',
      snapshot: jsonb({}),
      meeting_on: days(20),
      board_name: 'Ashby Improvement Board',
    })
    .execute()
  await db
    .insertInto('report')
    .values({
      organisation_id: ashby,
      quarter_start: q(3),
      meeting_on: days(30),
      board_name: 'Ashby Improvement Board',
    })
    .execute()

  const brindlePlan = await plan(brindle, 'Brindle Improvement Plan')
  const b1 = await strand(brindlePlan, '1', 'Leadership', null, 1)
  await milestone(await objective(b1, 'A stable leadership team'), 'Director appointed', days(-5), 'on-track', null, 1)
  const brindlePublished = (
    await db
      .insertInto('report')
      .values({
        organisation_id: brindle,
        quarter_start: q(2),
        status: 'published',
        snapshot: jsonb({}),
        published_at: new Date(`${days(-120)}T10:00:00Z`),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id

  return {
    ashby,
    brindle,
    users,
    strands: { s1, s2, b1 },
    milestones: { m1, m2, m3, m4 },
    objectives: { o1, o2 },
    measures: { linked, unlinked },
    requests: { r1, r2, r3, r4 },
    reports: { ashbyPublished, brindlePublished },
    roundId,
  }
}

/** The HTML of one element marked data-qa="…", up to its closing tag of the same name (no nesting). */
function part(html: string, qa: string, tag = 'tr'): string {
  const match = new RegExp(`<${tag}[^>]*data-qa="${qa}"[^>]*>([\\s\\S]*?)</${tag}>`).exec(html)
  assert.ok(match, `the page has a ${tag} marked ${qa}`)
  return match[1]!
}

/** Text without tags, with spaces collapsed. */
function text(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;|&rsquo;/g, '’')
    .replace(/\s+/g, ' ')
    .trim()
}

for (const kind of testDatabaseKinds()) {
  describe(`home pages on ${kind.name}`, () => {
    let database: DatabaseHandle
    let ids: Seeded
    let app: ReturnType<typeof buildTestApp>
    const as = (who: string) => signedIn(app, EMAIL(who))

    before(async () => {
      database = await kind.open()
      ids = await seed(database.db)
      app = buildTestApp(database.db, (error) => console.error(error))
    })
    after(() => database.close())

    describe('a Director and a Board member', () => {
      it('see each strand’s delivery and impact as the rating rules give them for the same data', async () => {
        const db = database.db
        // The rules applied by hand to the seeded data, as at today.
        const milestones = await db.selectFrom('milestone').selectAll().execute()
        const deliveryOf = (objectiveId: number) =>
          rateDelivery(
            milestones
              .filter((m) => m.objective_id === objectiveId)
              .map((m) => ({ ...m, ref: { anchor: `milestone-${m.id}`, label: m.title } })),
            today,
          ).rag
        const measures = await loadCouncilMeasures(db, ids.ashby, today)
        const contacts = measures.summaries.get(ids.measures.linked)!
        const s1Impact = rateImpact([
          {
            ref: { anchor: 'measure', label: 'Contacts' },
            direction: measureDirection(contacts.spc),
            current: currencyOn(contacts.latest?.period ?? null, 'monthly', today).current,
          },
          {
            ref: { anchor: 'entry', label: 'Audit' },
            direction: 'improving',
            current: entryIsCurrent(days(-30), today),
          },
        ]).level
        const s2Impact = rateImpact([]).level
        // What those rules give, checked by hand: 10 days overdue is Amber, 100 days Red; the audit improves.
        assert.equal(deliveryOf(ids.objectives.o1), 'amber')
        assert.equal(deliveryOf(ids.objectives.o2), 'red')
        assert.equal(s1Impact, 'improving')
        assert.equal(s2Impact, 'none')

        for (const who of ['director', 'board']) {
          const page = await (await as(who)).get(P.home('ashby'))
          assert.equal(page.status, 200)
          const s1 = part(page.text, `strand-${ids.strands.s1}`)
          const s2 = part(page.text, `strand-${ids.strands.s2}`)
          assert.match(s1, new RegExp(`data-qa="delivery">${RAG_LABELS[deliveryOf(ids.objectives.o1)]}<`))
          assert.match(s1, new RegExp(`data-qa="impact">${IMPACT_LABELS[s1Impact]}<`))
          assert.match(s2, new RegExp(`data-qa="delivery">${RAG_LABELS[deliveryOf(ids.objectives.o2)]}<`))
          assert.match(s2, new RegExp(`data-qa="impact">${IMPACT_LABELS[s2Impact]}<`))
          assert.match(text(s2), /1 milestone overdue by more than 90 days/)
        }
      })

      it('see the key measures, the next Board date and the latest published report, and no action lists', async () => {
        const page = await (await as('director')).get(P.home('ashby'))
        const measure = text(part(page.text, `measure-${ids.measures.linked}`))
        assert.match(measure, /Contacts answered the same day 70\.0% .* 95\.0%/)
        assert.match(measure, /Not enough data for SPC/)
        assert.doesNotMatch(
          page.text,
          new RegExp(`data-qa="measure-${ids.measures.unlinked}"`),
          'not linked to a strand',
        )
        // The earliest meeting today or later, on any report but a superseded one (its date is not the next).
        assert.equal(text(part(page.text, 'next-board', 'dd')), `${formatDate(days(30))} (Ashby Improvement Board)`)
        const latest = part(page.text, 'latest-report', 'dd')
        assert.match(latest, new RegExp(`href="${P.report('ashby', ids.reports.ashbyPublished)}"`))
        assert.match(text(latest), new RegExp(`published ${formatDate(days(-40))}`))
        assert.doesNotMatch(page.text, /data-qa="overdue"|data-qa="due-soon"|data-qa="returns/)
      })

      it('are warned when a DfE review under a Notice in force is due within six weeks, and the strand lead is not', async () => {
        const db = database.db
        const notice = await db
          .insertInto('intervention')
          .values({
            organisation_id: ids.ashby,
            kind: 'improvement-notice',
            title: 'Ashby Notice',
            issued_on: days(-300),
            issued_by: 'Department for Education',
            overseer_role: 'adviser',
            monitoring_interval_months: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
        // A review held 100 days ago puts the next about 80 days off; one planned in 12 days comes first.
        await db
          .insertInto('oversight_event')
          .values([
            { organisation_id: ids.ashby, kind: 'dfe-review', state: 'held', starts_on: days(-100) },
            { organisation_id: ids.ashby, kind: 'dfe-review', state: 'planned', starts_on: days(12) },
          ])
          .execute()
        try {
          const director = await (await as('director')).get(P.home('ashby'))
          assert.match(
            text(part(director.text, 'due-warnings', 'div')),
            /Warning The next DfE progress review is due in 12 days: prepare the self-assessment\.$/,
          )
          const lead = await (await as('lead')).get(P.home('ashby'))
          assert.doesNotMatch(lead.text, /data-qa="due-warnings"/)
          const brindle = await (await as('adviser')).get(P.home('brindle'))
          assert.doesNotMatch(brindle.text, /data-qa="due-warnings"/, 'another council’s Notice warns nobody here')
        } finally {
          await db.deleteFrom('oversight_event').where('organisation_id', '=', ids.ashby).execute()
          await db.deleteFrom('intervention').where('id', '=', notice.id).execute()
        }
      })

      it('say so when no Board date is set', async () => {
        const page = await (await as('adviser')).get(P.home('brindle'))
        assert.equal(text(part(page.text, 'next-board', 'dd')), 'No Board meeting date set')
      })
    })

    describe('a strand lead', () => {
      it('sees only the items they owe in the open round and only the strands they lead', async () => {
        const page = await (await as('lead')).get(P.home('ashby'))
        assert.equal(page.status, 200)
        // Their items: the rota milestone (returned) and strand 1's commentary (to do). Not strand 2's.
        assert.match(text(part(page.text, 'my-items-count', 'p')), /you have done 1 of 2 items/)
        const items = part(page.text, 'my-items', 'table')
        assert.match(items, new RegExp(`href="${P.myUpdate('ashby', 'strand', ids.strands.s1)}"`))
        assert.doesNotMatch(items, /Visiting standard written|Visits audited|Children in care/)
        assert.doesNotMatch(items, /Front door rota agreed/, 'a returned item has left the list')
        assert.match(page.text, new RegExp(`href="${P.myUpdates('ashby')}"`))
        // Their strands: strand 1 with its objective's counts; strand 2 nowhere.
        const strand = part(page.text, `lead-strand-${ids.strands.s1}`, 'table')
        assert.match(text(strand), /Strand 1: Front door : 1 of 2 milestones complete, 1 overdue/)
        assert.match(text(strand), /Answer every contact the same day 1 of 2 1 overdue/)
        assert.doesNotMatch(page.text, new RegExp(`data-qa="lead-strand-${ids.strands.s2}"`))
        const overdue = part(page.text, 'overdue', 'table')
        assert.match(overdue, /Front door rota agreed/)
        assert.doesNotMatch(overdue, /Visiting standard written/, 'another lead’s overdue milestone')
      })

      it('shows the other lead their own strand and items instead', async () => {
        const page = await (await as('other-lead')).get(P.home('ashby'))
        assert.match(text(part(page.text, 'my-items-count', 'p')), /you have done 0 of 3 items/)
        assert.match(page.text, new RegExp(`data-qa="lead-strand-${ids.strands.s2}"`))
        assert.doesNotMatch(page.text, new RegExp(`data-qa="lead-strand-${ids.strands.s1}"`))
        assert.doesNotMatch(part(page.text, 'overdue', 'table'), /Front door rota agreed/)
      })
    })

    describe('the improvement team', () => {
      it('sees the open round’s returns as returnsSummary counts them, checked by hand', async () => {
        const round = await database.db
          .selectFrom('reporting_round')
          .selectAll()
          .where('id', '=', ids.roundId)
          .executeTakeFirstOrThrow()
        const summary = returnsSummary(await listOwedItems(database.db, round))
        // By hand: milestones 1 (returned), 3 and 4; requests 1, 2 (answered), 3 and 4; two strands'
        // commentary. Milestone 2 was complete before the quarter. 2 of 9 done.
        assert.deepEqual(
          { total: summary.total, done: summary.done, percent: summary.percentDone },
          { total: 9, done: 2, percent: 22 },
        )
        const byStrand = summary.byStrand.map((s) => [s.label, s.done, s.outstanding, s.percentDone])
        assert.deepEqual(byStrand, [
          ['Strand 1', 1, 1, 50],
          ['Strand 2', 0, 3, 0],
          ['Not linked to a strand', 1, 3, 25],
        ])

        const page = await (await as('team')).get(P.home('ashby'))
        assert.equal(page.status, 200)
        assert.equal(text(part(page.text, 'returns-overall', 'p')), '22% returned: 2 of 9 items done, 7 outstanding.')
        const rows = [
          ...part(page.text, 'returns-by-strand', 'table').matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g),
        ]
          .map((m) => text(m[1]!))
          .filter((row) => !row.startsWith('Strand Done'))
        assert.deepEqual(rows, ['Strand 1 1 1 50%', 'Strand 2 0 3 0%', 'Not linked to a strand 1 3 25%'])
        const behind = text(part(page.text, 'returns-behind', 'table'))
        assert.match(behind, /Olly Other 3 of 3 0% Lee Lead 1 of 2 50% Pat Partner 1 of 1 0%/)
        assert.match(text(part(page.text, 'returns-unowned', 'p')), /^2 outstanding items have no owner to remind/)
        assert.match(page.text, new RegExp(`href="${P.round('ashby', ids.roundId)}"`))
        // The whole plan's overdue list stays: both strands.
        const overdue = part(page.text, 'overdue', 'table')
        assert.match(overdue, /Front door rota agreed/)
        assert.match(overdue, /Visiting standard written/)
      })

      it('is asked to open a round for the quarter just ended when none is open', async () => {
        await database.db
          .updateTable('reporting_round')
          .set({ locked_at: new Date() })
          .where('id', '=', ids.roundId)
          .execute()
        try {
          const locked = await (await as('team')).get(P.home('ashby'))
          assert.match(text(part(locked.text, 'no-open-round', 'div')), /the round for .* is locked/)
          await database.db.deleteFrom('reporting_round').where('id', '=', ids.roundId).execute()
          const none = await (await as('team')).get(P.home('ashby'))
          const justEnded = quartersToOpen(today)[0]!
          const prompt = part(none.text, 'no-open-round', 'div')
          assert.match(prompt, new RegExp(`href="${P.newRound('ashby')}\\?quarter=${justEnded.start}"`))
          assert.match(text(prompt), new RegExp(`Open the round for ${justEnded.label}`))
        } finally {
          // Put the round back as it was for the tests that follow.
          await database.db
            .insertInto('reporting_round')
            .values({
              id: ids.roundId,
              organisation_id: ids.ashby,
              quarter_start: quartersToOpen(today)[0]!.start,
              data_cutoff_on: quartersToOpen(today)[0]!.end,
              updates_due_on: days(5),
              commentary_due_on: days(10),
              locks_on: days(15),
            })
            .onConflict((oc) => oc.column('id').doUpdateSet({ locked_at: null }))
            .execute()
          await database.db
            .insertInto('round_return')
            .values({ round_id: ids.roundId, item_type: 'milestone', item_id: ids.milestones.m1 })
            .onConflict((oc) => oc.doNothing())
            .execute()
        }
      })
    })

    describe('a partner', () => {
      it('sees the requests to their own organisation and to them by name, open first, and no one else’s', async () => {
        const page = await (await as('partner')).get(P.home('ashby'))
        assert.equal(page.status, 200)
        const open = part(page.text, 'open-requests', 'table')
        // Soonest due first: r4 (in 3 days), then r1 (in 5).
        const order = [...open.matchAll(/data-qa="request-(\d+)"/g)].map((m) => Number(m[1]))
        assert.deepEqual(order, [ids.requests.r4, ids.requests.r1])
        // Each awaited request can be answered now: its own due date, not a reporting round, decides.
        for (const r of [ids.requests.r4, ids.requests.r1])
          assert.match(open, new RegExp(`href="${P.myUpdate('ashby', 'partner-request', r)}" data-qa="answer-${r}"`))
        assert.doesNotMatch(page.text, /next reporting round/)
        const answered = part(page.text, 'answered-requests', 'table')
        assert.match(answered, new RegExp(`data-qa="request-${ids.requests.r2}"`))
        assert.doesNotMatch(page.text, /Police notifications of domestic abuse/)

        const police = await (await as('other-partner')).get(P.home('ashby'))
        assert.match(police.text, new RegExp(`data-qa="request-${ids.requests.r3}"`))
        for (const r of [ids.requests.r1, ids.requests.r2, ids.requests.r4])
          assert.doesNotMatch(police.text, new RegExp(`data-qa="request-${r}"`))
      })

      it('can answer each awaited request with no round open, and answers one from the link', async () => {
        await database.db
          .updateTable('reporting_round')
          .set({ locked_at: new Date() })
          .where('id', '=', ids.roundId)
          .execute()
        try {
          const partner = await as('partner')
          const page = await partner.get(P.home('ashby'))
          const open = part(page.text, 'open-requests', 'table')
          for (const r of [ids.requests.r4, ids.requests.r1])
            assert.match(open, new RegExp(`href="${P.myUpdate('ashby', 'partner-request', r)}" data-qa="answer-${r}"`))
          assert.doesNotMatch(page.text, /next reporting round/)
          const url = P.myUpdate('ashby', 'partner-request', ids.requests.r1)
          const form = await partner.get(url)
          assert.equal(form.status, 200)
          const res = await partner
            .post(url)
            .type('form')
            .send({ _csrf: csrfFrom(form.text), response: 'Monthly figures attached' })
          assert.equal(res.status, 302)
          const after = await partner.get(P.home('ashby'))
          const stillOpen = part(after.text, 'open-requests', 'table')
          assert.deepEqual(
            [...stillOpen.matchAll(/data-qa="request-(\d+)"/g)].map((m) => Number(m[1])),
            [ids.requests.r4],
          )
          assert.match(
            part(after.text, 'answered-requests', 'table'),
            new RegExp(`data-qa="request-${ids.requests.r1}"`),
          )
          const returns = await database.db
            .selectFrom('round_return')
            .select('id')
            .where('item_type', '=', 'partner-request')
            .where('item_id', '=', ids.requests.r1)
            .execute()
          assert.deepEqual(returns, [], 'no round open, so no return')
        } finally {
          // Put the round and the request back as they were for the tests that follow.
          await database.db
            .updateTable('reporting_round')
            .set({ locked_at: null })
            .where('id', '=', ids.roundId)
            .execute()
          await database.db
            .updateTable('partner_request')
            .set({ received_on: null, response: '', responded_by: null, responded_at: null })
            .where('id', '=', ids.requests.r1)
            .execute()
        }
      })
    })

    describe('someone with several councils', () => {
      it('sees each council in one line', async () => {
        const page = await (await as('adviser')).get(paths.home())
        assert.equal(page.status, 200)
        assert.match(page.text, /<h1[^>]*>Your councils<\/h1>/)
        const ashby = part(page.text, 'council-ashby')
        assert.match(text(ashby), /^Ashby Council \(test\) DfE adviser or Commissioner Ashby Improvement Plan/)
        assert.equal(text(part(ashby, 'returns', 'td')), `22% ${quarterOf(quartersToOpen(today)[0]!.start).label}`)
        assert.equal(text(part(ashby, 'overdue', 'td')), '2')
        assert.equal(
          text(part(ashby, 'latest-report', 'td')),
          `${quarterOf(addDays(quarterOf(today).start, -1 - 92)).label}, published ${formatDate(days(-40))}`,
        )
        assert.equal(text(part(ashby, 'next-board', 'td')), formatDate(days(30)))
        const brindle = part(page.text, 'council-brindle')
        assert.match(text(brindle), /Brindle Improvement Plan/)
        assert.equal(text(part(brindle, 'returns', 'td')), 'No round open')
        assert.equal(text(part(brindle, 'overdue', 'td')), '1')
        assert.equal(text(part(brindle, 'next-board', 'td')), 'No date set')
        assert.match(text(part(brindle, 'latest-report', 'td')), new RegExp(`published ${formatDate(days(-120))}`))
      })

      it('sees the leader’s view, read only, on one council’s home', async () => {
        const page = await (await as('adviser')).get(P.home('ashby'))
        assert.match(page.text, /data-qa="strand-ratings"/)
        assert.doesNotMatch(page.text, /data-qa="returns|data-qa="overdue"/)
      })
    })

    describe('someone with one council', () => {
      it('goes straight to it', async () => {
        const res = await (await as('director')).get(paths.home())
        assert.equal(res.status, 302)
        assert.equal(res.headers.location, P.home('ashby'))
      })
    })
  })
}
