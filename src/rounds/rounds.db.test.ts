// Reporting rounds end to end over HTTP and in the scheduler: opening one (a second for the same quarter is
// refused), returns tracking and its CSV, a reminder to those outstanding in one action, the scheduled
// reminders (each once however often the job runs) and the digest to the improvement team, the lock (owners
// refused and nothing changes; reopened with a reason for the improvement team alone, audited), the lock
// date applied by the scheduler, and the report reading the quarter's data as it stood at the lock.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle, Db } from '../db/connect.js'
import type { ReportingRound } from '../db/database.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { demoIds, organisationIdOf, userIdOf } from '../test-support/demo-ids.js'
import { paths } from '../web/paths.js'
import { addDays, quarterOf } from '../shared/calendar.js'
import { formatDate, todayIso } from '../shared/dates.js'
import { draftFor } from '../reports/report-repository.js'
import { createImportBatch } from '../measures/import/import-batch-repository.js'
import { draftContent } from '../reports/report-service.js'
import { defaultRoundDates, quartersToOpen } from './round-rules.js'
import { RoundRuleError, applyDueLocks, lockRound, openRound, tryLockRoundMail } from './round-repository.js'
import { queueDueRoundMail, runRoundJobs } from './round-mail.js'

const P = paths.council
const B = 'bradford'
const TEAM = 'improvement@bradford.example'
const LEAD = 'strand-lead@bradford.example'
const DIRECTOR = 'director@bradford.example'
const CONTACT = 'pat.contact@health.example'

interface Notice {
  to_email: string
  to_user_id: number | null
  category: string
  template: string
  subject: string
  body: string
}

/** Noon UTC on a day: the same day in London all year. */
const noon = (date: string) => new Date(`${date}T12:00:00Z`)

async function roundRow(db: Db, id: number) {
  return db.selectFrom('reporting_round').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
}
async function roundAudit(db: Db, id: number) {
  return db
    .selectFrom('audit_log')
    .select(['action', 'summary', 'user_id'])
    .where('entity_type', '=', 'reporting_round')
    .where('entity_id', '=', String(id))
    .orderBy('id')
    .execute()
}
async function outbox(db: Db, like: string) {
  return db
    .selectFrom('outbox_message')
    .select(['to_email', 'to_user_id', 'category', 'template', 'subject', 'body', 'status'])
    .where('dedupe_key', 'like', like)
    .orderBy('to_email')
    .execute()
}

for (const kind of testDatabaseKinds()) {
  describe(`reporting rounds: opening, returns and reminders on ${kind.name}`, () => {
    let database: DatabaseHandle
    let db: Db
    let app: ReturnType<typeof buildTestApp>
    let team: Agent
    let lead: Agent
    /** Q3 2022/23, the quarter of the demo's draft report, with the plan in force then (its lock date ahead). */
    let round: ReportingRound
    const today = todayIso()
    const [justEnded, current] = quartersToOpen(today) as [ReturnType<typeof quarterOf>, ReturnType<typeof quarterOf>]

    before(async () => {
      database = await kind.openDemo()
      db = database.db
      app = buildTestApp(db)
      team = await signedIn(app, TEAM)
      lead = await signedIn(app, LEAD)
      // Owners who are people: the strand lead owns strand 1's milestones; a contact without an account owns a
      // measure; the Director owns an objective whose update is already in.
      const ids = await demoIds(db)
      const bradford = await organisationIdOf(db, B)
      await db
        .updateTable('milestone')
        .set({ owner_user_id: ids.strandLeadUser })
        .where('objective_id', '=', ids.ownObjective)
        .execute()
      const contact = await db
        .insertInto('contact')
        .values({ organisation_id: bradford, name: 'Pat Contact', employer: 'Health', email: CONTACT })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db
        .updateTable('measure')
        .set({ owner_contact_id: contact.id })
        .where('id', '=', ids.recordedMeasure)
        .execute()
      await db
        .updateTable('objective')
        .set({ owner_user_id: await userIdOf(db, DIRECTOR) })
        .where('id', '=', ids.otherObjective)
        .execute()
      // No caseload figure yet for December 2022, the period the round expects.
      await db
        .deleteFrom('measure_value')
        .where('measure_id', '=', ids.recordedMeasure)
        .where('period', '=', '2022-12-01')
        .execute()
      const actor = { userId: await userIdOf(db, TEAM), organisationId: bradford }
      round = await db.transaction().execute((trx) =>
        openRound(trx, actor, '2022-10-01', {
          data_cutoff_on: '2022-12-31',
          updates_due_on: '2023-01-16',
          commentary_due_on: '2023-01-23',
          locks_on: addDays(today, 60),
          reminder_days: 3,
        }),
      )
    })
    after(() => database.close())

    it('opens no second round while one is still open, saying which and until when', async () => {
      const page = await team.get(P.newRound(B))
      assert.equal(page.status, 200)
      assert.match(page.text, /The Q3 2022\/23 round is still open: only one round can be open at a time/)
      assert.match(page.text, new RegExp(`or wait until it locks on ${formatDate(round.locks_on)}`))
      assert.doesNotMatch(page.text, /name="quarter"/, 'no quarter to choose')
      const actor = { userId: await userIdOf(db, TEAM), organisationId: await organisationIdOf(db, B) }
      await assert.rejects(
        db
          .transaction()
          .execute((trx) =>
            openRound(trx, actor, current.start, { ...defaultRoundDates(current.start, today), reminder_days: 3 }),
          ),
        (error: unknown) => error instanceof RoundRuleError && /Q3 2022\/23 round is still open/.test(error.message),
      )
      assert.equal(
        (await db.selectFrom('reporting_round').select('id').where('quarter_start', '=', current.start).execute())
          .length,
        0,
      )
    })

    it('opens a round for the quarter chosen, with its dates worked out, and never a second for it', async (t) => {
      // The Q3 2022/23 round is locked while this one opens (one round open at a time), then open again for
      // the tests after this one.
      await db.updateTable('reporting_round').set({ locked_at: new Date() }).where('id', '=', round.id).execute()
      t.after(() => db.updateTable('reporting_round').set({ locked_at: null }).where('id', '=', round.id).execute())
      const choose = await team.get(P.newRound(B))
      assert.equal(choose.status, 200)
      assert.match(choose.text, new RegExp(`value="${justEnded.start}"`))
      assert.match(choose.text, new RegExp(`value="${current.start}"`))
      const unchosen = await team.get(`${P.newRound(B)}?step=quarter`)
      assert.equal(unchosen.status, 400)
      assert.match(unchosen.text, /Choose the quarter the round is for/)
      const form = await team.get(`${P.newRound(B)}?quarter=${current.start}`)
      assert.equal(form.status, 200)
      const dates = defaultRoundDates(current.start, today)
      const [year, month, day] = dates.updates_due_on.split('-')
      assert.match(form.text, new RegExp(`name="updatesDueOn-day" type="text" value="${Number(day)}"`))
      assert.match(form.text, new RegExp(`name="updatesDueOn-month" type="text" value="${Number(month)}"`))
      assert.match(form.text, new RegExp(`name="updatesDueOn-year" type="text" value="${year}"`))

      const fields = (d: typeof dates, reminderDays = '3') => {
        const out: Record<string, string> = { quarter: current.start, reminderDays }
        for (const [field, value] of [
          ['dataCutoffOn', d.data_cutoff_on],
          ['updatesDueOn', d.updates_due_on],
          ['commentaryDueOn', d.commentary_due_on],
          ['locksOn', d.locks_on],
        ] as const) {
          const [y, m, dd] = value.split('-')
          Object.assign(out, { [`${field}-day`]: String(Number(dd)), [`${field}-month`]: m, [`${field}-year`]: y })
        }
        return out
      }
      const url = `${P.newRound(B)}?quarter=${current.start}`
      const bad = await postForm(
        team,
        url,
        P.newRound(B),
        fields({ ...dates, commentary_due_on: dates.updates_due_on }),
      )
      assert.equal(bad.status, 400)
      assert.match(bad.text, /The deadline for strand leads’ commentary must be after the deadline for owners’ updates/)
      const tooMany = await postForm(team, url, P.newRound(B), { ...fields(dates), reminderDays: '40' })
      assert.equal(tooMany.status, 400)
      assert.match(tooMany.text, /The days before each deadline must be 28 or fewer/)
      assert.match(tooMany.text, /name="reminderDays"[^>]*value="40"/, 'what was typed stays')
      const bradfordRounds = () =>
        db
          .selectFrom('reporting_round')
          .innerJoin('organisation', 'organisation.id', 'reporting_round.organisation_id')
          .select('reporting_round.id')
          .where('organisation.slug', '=', B)
          .where('quarter_start', '=', current.start)
          .execute()
      assert.equal((await bradfordRounds()).length, 0, 'nothing opened')

      const posted = await postForm(team, url, P.newRound(B), fields(dates))
      assert.equal(posted.status, 302)
      const opened = await db
        .selectFrom('reporting_round')
        .selectAll()
        .where('quarter_start', '=', current.start)
        .executeTakeFirstOrThrow()
      assert.equal(posted.headers.location, P.round(B, opened.id))
      assert.deepEqual(
        [opened.data_cutoff_on, opened.updates_due_on, opened.commentary_due_on, opened.locks_on, opened.reminder_days],
        [dates.data_cutoff_on, dates.updates_due_on, dates.commentary_due_on, dates.locks_on, 3],
      )
      const audit = await roundAudit(db, opened.id)
      assert.deepEqual(
        audit.map((a) => a.action),
        ['open'],
      )
      assert.match(audit[0]!.summary, new RegExp(`Opened the reporting round for ${current.label}`))
      const list = await team.get(P.rounds(B))
      assert.match(list.text, new RegExp(`>${current.label}</a>`))

      // The quarter is no longer offered, and a second round for it is refused.
      const again = await postForm(team, P.newRound(B), P.newRound(B), fields(dates))
      assert.equal(again.status, 400)
      const actor = { userId: await userIdOf(db, TEAM), organisationId: await organisationIdOf(db, B) }
      await assert.rejects(
        db.transaction().execute((trx) => openRound(trx, actor, current.start, { ...dates, reminder_days: 3 })),
        (error: unknown) =>
          error instanceof RoundRuleError &&
          error.message === `A round for ${current.label} is already open: change its dates instead`,
      )
      assert.equal(
        (await db.selectFrom('reporting_round').select('id').where('quarter_start', '=', current.start).execute())
          .length,
        1,
      )
    })

    it('tracks returns by strand and by person, and lists what is outstanding', async () => {
      // The Director's objective update is in.
      const ids = await demoIds(db)
      await db
        .insertInto('round_return')
        .values({ round_id: round.id, item_type: 'objective', item_id: ids.otherObjective, user_id: null })
        .execute()
      const page = await team.get(P.round(B, round.id))
      assert.equal(page.status, 200)
      assert.match(page.text, /Q3 2022\/23 reporting round/)
      assert.match(page.text, /data-qa="returns-by-strand"/)
      assert.match(page.text, /data-qa="returns-by-person"/)
      const byPerson = /data-qa="returns-by-person">([\s\S]*?)<\/table>/.exec(page.text)![1]!
      assert.match(byPerson, /Demo Director[\s\S]*?>1<[\s\S]*?>1<[\s\S]*?>0<[\s\S]*?>100%</)
      assert.match(byPerson, /Pat Contact <span class="govuk-body-s">\(no account\)<\/span>/)
      assert.match(page.text, /Send a reminder to the 2 people with items outstanding/)
      // Read-only roles see the returns, without the buttons.
      const board = await signedIn(app, 'board@bradford.example')
      const read = await board.get(P.round(B, round.id))
      assert.equal(read.status, 200)
      assert.doesNotMatch(read.text, /Send a reminder/)
      assert.doesNotMatch(read.text, /Lock now/)
    })

    it('downloads the returns as CSV, one row per item with its owner and whether it is done', async () => {
      const ids = await demoIds(db)
      const csv = await team.get(P.roundReturnsCsv(B, round.id))
      assert.equal(csv.status, 200)
      assert.match(csv.headers['content-type']!, /text\/csv/)
      const lines = csv.text.trim().split('\r\n')
      assert.equal(lines[0], 'strand,item_type,title,owner,owner_email,due_on,done,done_at')
      const objective = await db
        .selectFrom('objective')
        .select('title')
        .where('id', '=', ids.otherObjective)
        .executeTakeFirstOrThrow()
      const directorRow = lines.find((l) => l.includes(DIRECTOR))!
      assert.ok(directorRow.startsWith('5,Objective update,'), directorRow)
      assert.ok(directorRow.includes(objective.title.includes(',') ? `"${objective.title}"` : objective.title))
      assert.match(directorRow, new RegExp(`,${round.updates_due_on},yes,\\d{4}-`))
      const contactRow = lines.find((l) => l.includes(CONTACT))!
      assert.match(
        contactRow,
        /,Measure value,Average social worker caseload,Pat Contact,pat\.contact@health\.example,/,
      )
      assert.match(contactRow, /,no,$/)
    })

    it('reminds everyone with items outstanding in one action, and no one whose items are done', async () => {
      const sent = await postForm(team, P.round(B, round.id), P.remindOutstanding(B, round.id), {})
      assert.equal(sent.status, 302)
      const page = await team.get(P.round(B, round.id))
      assert.match(page.text, /Reminder sent to 2 people/)
      const mail = await outbox(db, `round:${round.id}:by-hand:%`)
      assert.deepEqual(
        mail.map((m) => [m.to_email, m.category, m.template]),
        [
          [CONTACT, 'reminder', 'round-reminder'],
          [LEAD, 'reminder', 'round-reminder'],
        ],
      )
      const [toContact, toLead] = mail as [(typeof mail)[0], (typeof mail)[0]]
      assert.match(toLead.body, /http:\/\/turnaround\.test\/councils\/bradford\/my-updates/)
      assert.match(toLead.body, /Milestone: /)
      assert.doesNotMatch(toContact.body, /http/, 'a contact has no account to sign in to')
      assert.match(toContact.body, /Measure value: Average social worker caseload/)
      const audit = (await roundAudit(db, round.id)).at(-1)!
      assert.equal(audit.action, 'remind')
      assert.match(audit.summary, /Reminded 2 people with Q3 2022\/23 items outstanding/)
      // A second click the same day sends nothing more.
      await postForm(team, P.round(B, round.id), P.remindOutstanding(B, round.id), {})
      assert.equal((await outbox(db, `round:${round.id}:by-hand:%`)).length, 2)
      // Only the improvement team may chase.
      const refused = await postForm(lead, P.round(B, round.id), P.remindOutstanding(B, round.id), {})
      assert.equal(refused.status, 403)
    })

    it('queues each scheduled reminder once, before the deadline and on the day, to those outstanding', async () => {
      const before = noon(addDays(round.updates_due_on, -2))
      await runRoundJobs(db, before, 'http://turnaround.test')
      await runRoundJobs(db, before, 'http://turnaround.test')
      const early = await outbox(db, `round:${round.id}:updates:${round.updates_due_on}:before:%`)
      assert.deepEqual(
        early.map((m) => m.to_email),
        [CONTACT, LEAD],
      )
      assert.match(early[1]!.body, /The deadline for .* owners’ updates is /)
      const onTheDay = noon(round.updates_due_on)
      await queueDueRoundMail(db, onTheDay, 'http://turnaround.test')
      await queueDueRoundMail(db, onTheDay, 'http://turnaround.test')
      const due = await outbox(db, `round:${round.id}:updates:${round.updates_due_on}:on-the-day:%`)
      assert.equal(due.length, 2)
      assert.match(due[0]!.body, /is today/)
      // Commentary is owed by the strand lead alone (the other strands have no one named).
      await runRoundJobs(db, noon(round.commentary_due_on), 'http://turnaround.test')
      assert.deepEqual(
        (await outbox(db, `round:${round.id}:commentary:%:on-the-day:%`)).map((m) => m.to_email),
        [LEAD],
      )
    })

    it('sends the improvement team a digest after each deadline, once', async () => {
      const after = noon(addDays(round.updates_due_on, 1))
      await queueDueRoundMail(db, after, 'http://turnaround.test')
      await queueDueRoundMail(db, addDays2(after), 'http://turnaround.test')
      const digest = await outbox(db, `round:${round.id}:digest:updates:%`)
      assert.deepEqual(
        digest.map((m) => [m.to_email, m.category, m.template]),
        [[TEAM, 'digest', 'round-digest']],
      )
      assert.match(digest[0]!.body, /All items: \d+ of \d+ done/)
      assert.match(digest[0]!.body, /Outstanding, by person:\n- /)
      assert.match(digest[0]!.body, /Pat Contact: 1 outstanding of 1/)
      assert.doesNotMatch(digest[0]!.body, /Demo Director/, 'done, so not outstanding')
      // Nothing goes once the round has locked.
      const before = (await outbox(db, `round:${round.id}:%`)).length
      await queueDueRoundMail(db, noon(round.locks_on), 'http://turnaround.test')
      assert.equal((await outbox(db, `round:${round.id}:%`)).length, before)
    })

    // Several app processes each run the scheduler (docs/decisions/0024-several-processes.md). On PostgreSQL a
    // transaction here stands for another process's scheduler; PGlite is one process, whose jobs never overlap.
    it('leaves a round to the scheduler already queuing its mail, and two at once queue each message once', async (t) => {
      if (kind.name !== 'postgres') return t.skip('one process only on PGlite: nothing else can hold the round')
      const at = noon(addDays(round.commentary_due_on, -2))
      const key = `round:${round.id}:commentary:${round.commentary_due_on}:before:%`
      const sentAudits = async () => (await roundAudit(db, round.id)).filter((a) => a.summary.startsWith('Sent'))
      const audited = (await sentAudits()).length
      let release!: () => void
      let taken!: () => void
      const lockTaken = new Promise<void>((resolve) => (taken = resolve))
      const other = db.transaction().execute(async (trx) => {
        assert.equal(await tryLockRoundMail(trx, round.id), true)
        taken()
        await new Promise<void>((resolve) => (release = resolve))
      })
      await lockTaken
      try {
        // Answers at once (a wait for the lock would time the test out), queuing nothing for the round.
        assert.equal(await queueDueRoundMail(db, at, 'http://turnaround.test'), 0)
        assert.equal((await outbox(db, key)).length, 0)
      } finally {
        release()
        await other
      }
      const runs = await Promise.all([
        queueDueRoundMail(db, at, 'http://turnaround.test'),
        queueDueRoundMail(db, at, 'http://turnaround.test'),
      ])
      assert.deepEqual(
        (await outbox(db, key)).map((m) => m.to_email),
        [LEAD],
      )
      assert.equal(runs[0] + runs[1], 1)
      assert.equal((await sentAudits()).length, audited + 1, 'one audit entry, from the run that queued the mail')
    })
  })

  describe(`a notice when a contribution is asked for on ${kind.name}`, () => {
    let database: DatabaseHandle
    let db: Db
    let team: Agent

    before(async () => {
      database = await kind.openDemo()
      db = database.db
      team = await signedIn(buildTestApp(db), TEAM)
    })
    after(() => database.close())

    const ask = (ownedBy: string, description: string) =>
      postForm(team, P.partnerRequests(B), P.partnerRequests(B), {
        partner: 'Police',
        partnerOrganisationId: '',
        ownedBy,
        description,
        strandId: '',
        ...dateFields('requestedOn', '2026-11-02'),
        ...dateFields('dueOn', '2026-11-30'),
      })
    const notices = () =>
      db
        .selectFrom('outbox_message')
        .select(['to_email', 'to_user_id', 'category', 'template', 'subject', 'body'])
        .where('template', '=', 'request-made')
        .orderBy('id')
        .execute()

    it('tells the person named to answer it, with a link if they have an account, and no one when none is named', async () => {
      const bradford = await organisationIdOf(db, B)
      const contact = await db
        .insertInto('contact')
        .values({ organisation_id: bradford, name: 'Pat Contact', employer: 'Police', email: CONTACT })
        .returning('id')
        .executeTakeFirstOrThrow()
      assert.equal((await ask('', 'Missing-episode return interview figures')).status, 302)
      assert.deepEqual(await notices(), [], 'no one named: no notice')
      assert.equal((await ask(`contact:${contact.id}`, 'Strategy meeting attendance')).status, 302)
      const lead = await userIdOf(db, LEAD)
      assert.equal((await ask(`user:${lead}`, 'Health assessment timeliness')).status, 302)
      const [toContact, toLead] = (await notices()) as [Notice, Notice]
      assert.deepEqual([toContact.to_email, toContact.to_user_id, toContact.category], [CONTACT, null, 'notice'])
      assert.match(toContact.body, /Strategy meeting attendance/)
      assert.match(toContact.body, /It is due by 30 November 2026/)
      assert.doesNotMatch(toContact.body, /http/)
      assert.deepEqual([toLead.to_email, toLead.to_user_id, toLead.category], [LEAD, lead, 'notice'])
      assert.match(toLead.body, /http:\/\/turnaround\.test\/councils\/bradford\/my-updates/)
      assert.match(toLead.subject, /has asked Police for a contribution, due 30 November 2026/)
    })
  })

  describe(`reporting rounds: the lock on ${kind.name}`, () => {
    let database: DatabaseHandle
    let db: Db
    let app: ReturnType<typeof buildTestApp>
    let team: Agent
    let lead: Agent
    let round: ReportingRound
    let reportId: number
    let ids: Awaited<ReturnType<typeof demoIds>>
    const today = todayIso()
    const current = quarterOf(today)
    /** A month of the current quarter that has ended, or the quarter's first month. */
    const month = current.start.slice(0, 7)
    const REASON = 'The caseload figure was entered for the wrong team'

    before(async () => {
      database = await kind.openDemo()
      db = database.db
      app = buildTestApp(db)
      team = await signedIn(app, TEAM)
      lead = await signedIn(app, LEAD)
      ids = await demoIds(db)
      const actor = { userId: await userIdOf(db, TEAM), organisationId: await organisationIdOf(db, B) }
      round = await db
        .transaction()
        .execute((trx) =>
          openRound(trx, actor, current.start, { ...defaultRoundDates(current.start, today), reminder_days: 3 }),
        )
      reportId = (await db.transaction().execute((trx) => draftFor(trx, actor, current.start))).id
    })
    after(() => database.close())

    const value = async () =>
      db
        .selectFrom('measure_value')
        .select(['value'])
        .where('measure_id', '=', ids.recordedMeasure)
        .where('period', '=', `${month}-01`)
        .executeTakeFirst()
    const commentary = async () =>
      (
        await db
          .selectFrom('report_commentary')
          .select('commentary')
          .where('report_id', '=', reportId)
          .where('strand_id', '=', ids.ownStrand)
          .executeTakeFirst()
      )?.commentary
    const enterValue = (agent: Agent, v: string) =>
      postForm(agent, P.measure(B, ids.recordedMeasure), P.measureValues(B, ids.recordedMeasure), {
        period: month,
        value: v,
        note: '',
      })
    const comment = (agent: Agent, text: string) =>
      postForm(agent, P.report(B, reportId), P.reportCommentary(B, reportId, ids.ownStrand), {
        commentary: text,
        impact: '',
      })

    it('lets owners and editors change the quarter’s data while the round is open', async () => {
      assert.equal((await enterValue(team, '17')).status, 302)
      assert.equal((await value())?.value, 17)
      assert.equal((await comment(lead, 'Written during the round')).status, 302)
      assert.equal(await commentary(), 'Written during the round')
    })

    it('locks now, audited; then refuses every change to the quarter’s data and changes nothing', async () => {
      const lock = await postForm(lead, P.round(B, round.id), P.lockRound(B, round.id), {})
      assert.equal(lock.status, 403, 'only the improvement team locks')
      assert.equal((await postForm(team, P.round(B, round.id), P.lockRound(B, round.id), {})).status, 302)
      const locked = await roundRow(db, round.id)
      assert.ok(locked.locked_at)
      assert.equal((await roundAudit(db, round.id)).at(-1)!.action, 'lock')
      const message = `${current.label} was locked on`
      const byTeam = await enterValue(team, '18')
      assert.equal(byTeam.status, 400)
      assert.match(byTeam.text, new RegExp(`${message} [0-9]+ [A-Z][a-z]+ [0-9]{4}: its data can no longer be changed`))
      assert.equal((await value())?.value, 17)
      const byLead = await comment(lead, 'Written after the lock')
      assert.equal(byLead.status, 400)
      assert.match(byLead.text, /The improvement team can reopen it with a reason/)
      assert.equal(await commentary(), 'Written during the round')
      const page = await lead.get(P.report(B, reportId))
      assert.match(page.text, /data-qa="period-locked"/)
      assert.doesNotMatch(page.text, /Edit the commentary for strand/)
      // The lock again is refused: it is already locked.
      assert.equal((await postForm(team, P.round(B, round.id), P.lockRound(B, round.id), {})).status, 400)
      // Its dates can no longer change.
      assert.equal((await team.get(P.editRound(B, round.id))).status, 400)
    })

    it('refuses an import that would change a locked period, and imports nothing', async () => {
      const actor = { userId: await userIdOf(db, TEAM), organisationId: await organisationIdOf(db, B) }
      const code = (
        await db.selectFrom('measure').select('code').where('id', '=', ids.recordedMeasure).executeTakeFirstOrThrow()
      ).code
      const batch = await db.transaction().execute((trx) =>
        createImportBatch(trx, actor, 'values', 'locked.csv', {
          columns: ['measure_code', 'period', 'value', 'note'],
          rows: [{ rowNumber: 2, cells: { measure_code: code, period: month, value: '12', note: '' } }],
        }),
      )
      const preview = await team.get(P.importBatch(B, batch.id))
      assert.equal(preview.status, 200)
      assert.match(preview.text, /1 problem found: nothing has been imported/)
      assert.match(preview.text, new RegExp(`${current.label} was locked on`))
      const confirm = await postForm(team, P.importBatch(B, batch.id), P.confirmImport(B, batch.id), {})
      assert.equal(confirm.status, 302)
      assert.equal((await value())?.value, 17)
      const status = await db.selectFrom('import_batch').select('status').where('id', '=', batch.id).executeTakeFirst()
      assert.equal(status?.status, 'pending')
    })

    it('reopens only with a reason, audited, for the improvement team alone, with the reason on each change', async () => {
      const noReason = await postForm(team, P.unlockRound(B, round.id), P.unlockRound(B, round.id), { reason: ' ' })
      assert.equal(noReason.status, 400)
      assert.match(noReason.text, /Enter why the round is being reopened/)
      assert.equal((await roundRow(db, round.id)).unlocked_at, null)
      const reopened = await postForm(team, P.unlockRound(B, round.id), P.unlockRound(B, round.id), { reason: REASON })
      assert.equal(reopened.status, 302)
      const row = await roundRow(db, round.id)
      assert.ok(row.unlocked_at)
      assert.equal(row.unlock_reason, REASON)
      const audit = (await roundAudit(db, round.id)).at(-1)!
      assert.equal(audit.action, 'unlock')
      assert.equal(audit.summary, `Reopened ${current.label} to correct it: ${REASON}`)

      const byLead = await comment(lead, 'Written while reopened')
      assert.equal(byLead.status, 400)
      assert.match(byLead.text, /has reopened it to correct it: only they can change its data/)
      assert.equal(await commentary(), 'Written during the round')

      assert.equal((await enterValue(team, '16')).status, 302)
      assert.equal((await value())?.value, 16)
      const change = await db
        .selectFrom('audit_log')
        .select('summary')
        .where('entity_type', '=', 'measure_value')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      assert.match(change.summary, new RegExp(`${current.label} reopened: ${REASON}`))
      assert.equal((await comment(team, 'Corrected while reopened')).status, 302)
      const note = await db
        .selectFrom('audit_log')
        .select('summary')
        .where('entity_type', '=', 'report_commentary')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      assert.match(note.summary, new RegExp(`reopened: ${REASON}`))
    })

    it('locks again, audited, ending the reopening', async () => {
      const page = await team.get(P.round(B, round.id))
      assert.match(page.text, /Lock again/)
      assert.equal((await postForm(team, P.round(B, round.id), P.lockRound(B, round.id), {})).status, 302)
      const row = await roundRow(db, round.id)
      assert.equal(row.unlocked_at, null)
      assert.equal(row.unlock_reason, '')
      const audit = (await roundAudit(db, round.id)).map((a) => a.action)
      assert.deepEqual(audit, ['open', 'lock', 'unlock', 'lock'])
      assert.equal((await enterValue(team, '15')).status, 400)
      assert.equal((await value())?.value, 16)
    })
  })

  describe(`reporting rounds: the scheduler’s lock and the report as locked on ${kind.name}`, () => {
    let database: DatabaseHandle
    let db: Db
    let app: ReturnType<typeof buildTestApp>
    let team: Agent
    let actor: { userId: number; organisationId: number }
    const today = todayIso()

    before(async () => {
      database = await kind.openDemo()
      db = database.db
      app = buildTestApp(db)
      team = await signedIn(app, TEAM)
      actor = { userId: await userIdOf(db, TEAM), organisationId: await organisationIdOf(db, B) }
    })
    after(() => database.close())

    it('reads a quarter’s report as at the lock: an update made during the round counts, one after does not', async () => {
      const ids = await demoIds(db)
      const report = await db
        .selectFrom('report')
        .selectAll()
        .where('id', '=', ids.draftReport)
        .executeTakeFirstOrThrow()
      const council = { organisationId: actor.organisationId, name: 'Bradford' }
      // The round for the draft's quarter is still collecting updates (its lock date is in the future).
      const quarter = quarterOf(report.quarter_start)
      const round = await db.transaction().execute((trx) =>
        openRound(trx, actor, quarter.start, {
          data_cutoff_on: quarter.end,
          updates_due_on: addDays(quarter.end, 14),
          commentary_due_on: addDays(quarter.end, 21),
          locks_on: addDays(today, 30),
          reminder_days: 3,
        }),
      )
      const updatesOf = async () =>
        (await draftContent(db, council, report)).strands
          .flatMap((s) => s.objectives)
          .find((o) => o.id === ids.ownObjective)!
          .updates.map((u) => u.body)
      const during = await postForm(team, P.objective(B, ids.ownObjective), P.objectiveUpdates(B, ids.ownObjective), {
        body: 'Written during the round',
      })
      assert.equal(during.status, 302)
      const open = await draftContent(db, council, report)
      assert.equal(open.dataAsAtBasis, 'round-open')
      assert.ok((await updatesOf()).includes('Written during the round'), 'made during the round: it counts')

      await new Promise((resolve) => setTimeout(resolve, 20))
      await db.transaction().execute(async (trx) => lockRound(trx, actor, round, new Date()))
      await new Promise((resolve) => setTimeout(resolve, 20))
      await postForm(team, P.objective(B, ids.ownObjective), P.objectiveUpdates(B, ids.ownObjective), {
        body: 'Written after the lock',
      })
      const updates = await updatesOf()
      assert.ok(updates.includes('Written during the round'))
      assert.ok(!updates.includes('Written after the lock'), 'made after the lock: not part of the quarter')
      const locked = await draftContent(db, council, report)
      assert.equal(locked.dataAsAtBasis, 'round-locked')
      assert.equal(locked.dataAsAt, today)
      const page = await team.get(P.report(B, report.id))
      assert.match(page.text, /data-qa="data-as-at">[^<]*, when the round locked</)
    })

    it('locks a round on its lock date, as the system, once (even with two schedulers at once)', async () => {
      const quarter = quarterOf(today)
      const dates = defaultRoundDates(quarter.start, today)
      const round = await db
        .transaction()
        .execute((trx) => openRound(trx, actor, quarter.start, { ...dates, reminder_days: 3 }))
      // (Other councils' rounds may fall due on the same days: only this one is checked.)
      await applyDueLocks(db, noon(addDays(dates.locks_on, -1)))
      assert.equal((await roundRow(db, round.id)).locked_at, null, 'the day before its lock date')
      const onTheDay = noon(dates.locks_on)
      // Two schedulers at once (two app processes): the round is locked, and audited, by one of them.
      const runs = await Promise.all([applyDueLocks(db, onTheDay), applyDueLocks(db, onTheDay)])
      assert.ok(runs[0] + runs[1] >= 1)
      assert.deepEqual((await roundRow(db, round.id)).locked_at, onTheDay)
      assert.equal(await applyDueLocks(db, onTheDay), 0, 'run again: nothing more to lock')
      const audit = await roundAudit(db, round.id)
      assert.deepEqual(
        audit.map((a) => [a.action, a.user_id]),
        [
          ['open', actor.userId],
          ['lock', null],
        ],
      )
      assert.match(audit[1]!.summary, new RegExp(`${quarter.label} locked on its lock date`))
    })
  })
}

function addDays2(date: Date): Date {
  return new Date(date.getTime() + 2 * 86_400_000)
}
