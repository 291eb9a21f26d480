// "My updates" over HTTP, in a round opened for the quarter just ended: a strand lead sees only what they owe,
// soonest due first; each kind of item is updated on its short form (the change, its audit entry and the
// round's return together) and leaves the list; someone else's item is refused, another council's is not
// found, a value out of range is refused keeping what was typed, and after the lock nothing changes. A
// request to a partner is answered with or without a round open (a return only when a round owes it), by
// its own people only, and once.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import type { ReturnItemType } from '../db/database.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { hashPassword } from '../accounts/password.js'
import { DEMO_PASSWORD } from '../demo/seed-demo.js'
import { buildTestApp, csrfFrom, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { demoIds } from '../test-support/demo-ids.js'
import { paths } from '../web/paths.js'
import { formatDate, todayIso } from '../shared/dates.js'
import { addDays, periodLabel, quarterOf } from '../shared/calendar.js'

const P = paths.council
const B = 'bradford'

/** The item links of a "my updates" page: those still to do, and those in the "done this round" list. */
function itemLinks(html: string): { todo: string[]; done: string[] } {
  const cut = html.indexOf('data-qa="done"')
  const links = (part: string) =>
    [...part.matchAll(/href="\/councils\/bradford\/my-updates\/([a-z-]+)\/(\d+)"/g)].map((m) => `${m[1]}:${m[2]}`)
  return cut < 0 ? { todo: links(html), done: [] } : { todo: links(html.slice(0, cut)), done: links(html.slice(cut)) }
}

for (const kind of testDatabaseKinds()) {
  describe(`my updates on ${kind.name}`, () => {
    let database: DatabaseHandle
    let app: ReturnType<typeof buildTestApp>
    let lead: Agent
    let ids: Awaited<ReturnType<typeof demoIds>>
    let roundId: number
    let leadRequest: number
    let partnerRequest: number
    let improvementUser: number
    let bradfordId: number
    let partnerOrg: number
    const today = todayIso()
    // The quarter just ended: its round is open, its updates due next week.
    const quarter = quarterOf(addDays(quarterOf(today).start, -1))
    const expectedPeriod = `${quarter.end.slice(0, 7)}-01`

    before(async () => {
      database = await kind.openDemo()
      const db = database.db
      app = buildTestApp(database.db)
      ids = await demoIds(db)
      const org = async (slug: string) =>
        (await db.selectFrom('organisation').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
      const bradford = await org(B)
      bradfordId = bradford
      const userId = async (email: string) =>
        (await db.selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
      improvementUser = await userId('improvement@bradford.example')
      partnerOrg = (
        await db
          .selectFrom('app_user')
          .select('employer_organisation_id')
          .where('email', '=', 'partner@partner.example')
          .executeTakeFirstOrThrow()
      ).employer_organisation_id!
      // The Bradford demo plan closed in 2024, so asks nothing of anyone: open again, its items are owed.
      await db.updateTable('plan').set({ closed_on: null }).where('organisation_id', '=', bradford).execute()
      // Only this test's round exists, in either council.
      await db.deleteFrom('reporting_round').execute()
      roundId = (
        await db
          .insertInto('reporting_round')
          .values({
            organisation_id: bradford,
            quarter_start: quarter.start,
            data_cutoff_on: quarter.end,
            updates_due_on: addDays(today, 7),
            commentary_due_on: addDays(today, 14),
            locks_on: addDays(today, 21),
            opened_by: improvementUser,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      // The strand lead owns a milestone and an objective in their strand, and a measure; the improvement
      // team owns a milestone in another strand.
      const open = { status: 'on-track' as const, completed_on: null }
      await db
        .updateTable('milestone')
        .set({ ...open, owner_user_id: ids.strandLeadUser, owner_contact_id: null })
        .where('id', '=', ids.ownMilestone)
        .execute()
      await db
        .updateTable('milestone')
        .set({ ...open, owner_user_id: improvementUser, owner_contact_id: null })
        .where('id', '=', ids.otherMilestone)
        .execute()
      await db
        .updateTable('objective')
        .set({ owner_user_id: ids.strandLeadUser, owner_contact_id: null })
        .where('id', '=', ids.ownObjective)
        .execute()
      await db
        .updateTable('measure')
        .set({ owner_user_id: ids.strandLeadUser, owner_contact_id: null, frequency: 'monthly', valid_max: 50 })
        .where('id', '=', ids.recordedMeasure)
        .execute()
      await db.deleteFrom('measure_value').where('measure_id', '=', ids.recordedMeasure).execute()
      const request = {
        organisation_id: bradford,
        strand_id: ids.ownStrand,
        requested_on: quarter.start,
        created_by: improvementUser,
      }
      leadRequest = (
        await db
          .insertInto('partner_request')
          .values({
            ...request,
            partner: 'Safeguarding partnership',
            description: 'Multi-agency audit findings',
            due_on: addDays(today, -3),
            owner_user_id: ids.strandLeadUser,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      partnerRequest = (
        await db
          .insertInto('partner_request')
          .values({
            ...request,
            partner: 'District health partnership',
            description: 'Health assessment timeliness',
            due_on: addDays(today, 7),
            partner_organisation_id: partnerOrg,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      lead = await signedIn(app, 'strand-lead@bradford.example')
    })
    after(() => database.close())

    const returnsFor = (type: ReturnItemType, id: number) =>
      database.db
        .selectFrom('round_return')
        .selectAll()
        .where('round_id', '=', roundId)
        .where('item_type', '=', type)
        .where('item_id', '=', id)
        .execute()
    const auditCount = async (entityType: string, entityId?: number) => {
      let q = database.db.selectFrom('audit_log').select('id').where('entity_type', '=', entityType)
      if (entityId !== undefined) q = q.where('entity_id', '=', String(entityId))
      return (await q.execute()).length
    }
    /** Posts an item's form as a browser does (the form's page first, for its CSRF token). */
    function update(agent: Agent, type: ReturnItemType, id: number, fields: Record<string, string>) {
      const url = P.myUpdate(B, type, id)
      return postForm(agent, url, url, fields)
    }

    it('shows the strand lead only what they owe, overdue first, with a count in the navigation', async () => {
      const res = await lead.get(P.myUpdates(B))
      assert.equal(res.status, 200)
      assert.match(res.text, /<h1[^>]*>My updates<\/h1>/)
      assert.match(res.text, new RegExp(`${quarter.label} reporting round`))
      const { todo } = itemLinks(res.text)
      for (const mine of [
        `milestone:${ids.ownMilestone}`,
        `objective:${ids.ownObjective}`,
        `measure:${ids.recordedMeasure}`,
        `strand:${ids.ownStrand}`,
        `partner-request:${leadRequest}`,
      ])
        assert.ok(todo.includes(mine), `${mine} is listed`)
      assert.ok(!todo.includes(`milestone:${ids.otherMilestone}`), 'another owner’s milestone is not listed')
      assert.ok(!todo.includes(`partner-request:${partnerRequest}`), 'a request to a partner is not listed')
      // Every item listed is the strand lead's own.
      for (const link of todo) {
        const [type, id] = link.split(':') as [ReturnItemType, string]
        const table = type === 'partner-request' ? 'partner_request' : type
        const column = type === 'strand' ? 'lead_user_id' : 'owner_user_id'
        const row = await database.db
          .selectFrom(table)
          .select(column)
          .where('id', '=', Number(id))
          .executeTakeFirstOrThrow()
        assert.equal((row as Record<string, unknown>)[column], ids.strandLeadUser, link)
      }
      // The overdue request comes first, under a heading that says so.
      assert.equal(todo[0], `partner-request:${leadRequest}`)
      const firstGroup = /data-qa="due-group">([\s\S]*?)<\/h2>/.exec(res.text)![1]!
      assert.match(firstGroup, new RegExp(`Due ${formatDate(addDays(today, -3))}`))
      assert.match(firstGroup, /Overdue/)
      assert.match(
        res.text,
        new RegExp(`data-qa="nav-my-updates"[^>]*>[^<]*(<strong[^>]*>)?My updates \\(${todo.length}\\)<`),
      )
    })

    it('tells someone with nothing to do so, and a council with no round open that there is none', async () => {
      const viewer = await signedIn(app, 'councillor@bradford.example')
      const none = await viewer.get(P.myUpdates(B))
      assert.equal(none.status, 200)
      assert.match(none.text, /You have nothing to update in this round/)
      const northfield = await signedIn(app, 'admin@northfield.example')
      const closed = await northfield.get(P.myUpdates('northfield'))
      assert.equal(closed.status, 200)
      assert.match(closed.text, /There is no reporting round open/)
    })

    it('updates a milestone: its status, completion and a dated progress note, with a return and an audit entry', async () => {
      const before = itemLinks((await lead.get(P.myUpdates(B))).text).todo.length
      const form = await lead.get(P.myUpdate(B, 'milestone', ids.ownMilestone))
      assert.equal(form.status, 200)
      assert.match(form.text, /name="status" type="radio" value="on-track" checked/)
      const audits = await auditCount('milestone', ids.ownMilestone)
      const res = await update(lead, 'milestone', ids.ownMilestone, {
        status: 'complete',
        ...dateFields('completedOn', today),
        progress: 'Audit finished and shared',
      })
      assert.equal(res.status, 302)
      assert.equal(res.headers.location, P.myUpdates(B))
      const after = await lead.get(P.myUpdates(B))
      assert.match(after.text, new RegExp(`Milestone updated: ${before - 1} items left`))
      const { todo, done } = itemLinks(after.text)
      assert.ok(!todo.includes(`milestone:${ids.ownMilestone}`), 'it leaves the list')
      assert.ok(done.includes(`milestone:${ids.ownMilestone}`), 'it is among those done')
      const row = await database.db
        .selectFrom('milestone')
        .selectAll()
        .where('id', '=', ids.ownMilestone)
        .executeTakeFirstOrThrow()
      assert.equal(row.status, 'complete')
      assert.equal(row.completed_on, today)
      assert.ok(row.evidence.endsWith(`${formatDate(today)}: Audit finished and shared`), row.evidence)
      const returns = await returnsFor('milestone', ids.ownMilestone)
      assert.deepEqual(
        returns.map((r) => [r.user_id, r.note]),
        [[ids.strandLeadUser, 'Audit finished and shared']],
      )
      assert.equal(await auditCount('milestone', ids.ownMilestone), audits + 1)
      assert.equal(await auditCount('round_return', returns[0]!.id), 1)
    })

    it('refuses a completed milestone without its date, keeping what was typed', async () => {
      await database.db
        .updateTable('milestone')
        .set({ status: 'on-track', completed_on: null })
        .where('id', '=', ids.ownMilestone)
        .execute()
      const res = await update(lead, 'milestone', ids.ownMilestone, { status: 'complete', progress: 'Nearly there' })
      assert.equal(res.status, 400)
      assert.match(res.text, /Enter the date the milestone was completed/)
      assert.match(res.text, /value="Nearly there"/)
      const row = await database.db
        .selectFrom('milestone')
        .select('status')
        .where('id', '=', ids.ownMilestone)
        .executeTakeFirstOrThrow()
      assert.equal(row.status, 'on-track')
    })

    it('adds an objective update through the plan’s own update, with a return', async () => {
      const res = await update(lead, 'objective', ids.ownObjective, { body: 'Two more audits done this quarter' })
      assert.equal(res.status, 302)
      const updates = await database.db
        .selectFrom('objective_update')
        .selectAll()
        .where('objective_id', '=', ids.ownObjective)
        .where('body', '=', 'Two more audits done this quarter')
        .execute()
      assert.deepEqual(
        updates.map((u) => u.author_user_id),
        [ids.strandLeadUser],
      )
      assert.equal(await auditCount('objective_update', updates[0]!.id), 1)
      assert.equal((await returnsFor('objective', ids.ownObjective)).length, 1)
      assert.ok(!itemLinks((await lead.get(P.myUpdates(B))).text).todo.includes(`objective:${ids.ownObjective}`))
    })

    it('refuses a measure value outside its valid range with the measure’s message, keeping the value typed', async () => {
      const form = await lead.get(P.myUpdate(B, 'measure', ids.recordedMeasure))
      assert.match(form.text, new RegExp(`Value for ${periodLabel(expectedPeriod, 'monthly')}`))
      const res = await update(lead, 'measure', ids.recordedMeasure, { value: '500', note: 'Checked twice' })
      assert.equal(res.status, 400)
      assert.match(res.text, /The value must be between 0 and 50 for this measure/)
      assert.match(res.text, /id="value" name="value" type="text" spellcheck="false" value="500"/)
      assert.match(res.text, /value="Checked twice"/)
      const values = await database.db
        .selectFrom('measure_value')
        .select('id')
        .where('measure_id', '=', ids.recordedMeasure)
        .execute()
      assert.deepEqual(values, [])
      assert.deepEqual(await returnsFor('measure', ids.recordedMeasure), [])
    })

    it('saves the value for the period the round expects, with a return and an audit entry', async () => {
      const audits = await auditCount('measure_value', ids.recordedMeasure)
      const res = await update(lead, 'measure', ids.recordedMeasure, { value: '18.5', note: 'Provisional' })
      assert.equal(res.status, 302)
      const values = await database.db
        .selectFrom('measure_value')
        .select(['period', 'value', 'note'])
        .where('measure_id', '=', ids.recordedMeasure)
        .execute()
      assert.deepEqual(values, [{ period: expectedPeriod, value: 18.5, note: 'Provisional' }])
      assert.equal(await auditCount('measure_value', ids.recordedMeasure), audits + 1)
      assert.equal((await returnsFor('measure', ids.recordedMeasure)).length, 1)
    })

    it('writes strand commentary into the quarter’s report, starting the draft when there is none', async () => {
      const reportFor = () =>
        database.db
          .selectFrom('report')
          .selectAll()
          .where('quarter_start', '=', quarter.start)
          .where('organisation_id', '=', bradfordId)
          .execute()
      assert.deepEqual(await reportFor(), [])
      const commentaryAudits = await auditCount('report_commentary')
      const empty = await update(lead, 'strand', ids.ownStrand, { commentary: ' ', impact: 'Fewer repeat referrals' })
      assert.equal(empty.status, 400)
      assert.match(empty.text, /Enter the commentary on the strand this quarter/)
      assert.match(empty.text, /Fewer repeat referrals/)
      const res = await update(lead, 'strand', ids.ownStrand, {
        commentary: 'The front door is steadier',
        impact: 'Fewer repeat referrals',
      })
      assert.equal(res.status, 302)
      const reports = await reportFor()
      assert.deepEqual(
        reports.map((r) => r.status),
        ['draft'],
      )
      const commentary = await database.db
        .selectFrom('report_commentary')
        .select(['commentary', 'impact', 'updated_by'])
        .where('report_id', '=', reports[0]!.id)
        .where('strand_id', '=', ids.ownStrand)
        .execute()
      assert.deepEqual(commentary, [
        { commentary: 'The front door is steadier', impact: 'Fewer repeat referrals', updated_by: ids.strandLeadUser },
      ])
      assert.equal(await auditCount('report_commentary'), commentaryAudits + 1)
      assert.equal((await returnsFor('strand', ids.ownStrand)).length, 1)
    })

    it('answers a partner request: received today, the answer kept, and the person who asked told', async () => {
      const res = await update(lead, 'partner-request', leadRequest, {
        response: 'Findings attached to the Board pack',
      })
      assert.equal(res.status, 302)
      const row = await database.db
        .selectFrom('partner_request')
        .selectAll()
        .where('id', '=', leadRequest)
        .executeTakeFirstOrThrow()
      assert.equal(row.received_on, today)
      assert.equal(row.response, 'Findings attached to the Board pack')
      assert.equal(row.responded_by, ids.strandLeadUser)
      assert.ok(row.responded_at instanceof Date)
      const mail = await database.db
        .selectFrom('outbox_message')
        .selectAll()
        .where('template', '=', 'request-answered')
        .execute()
      assert.deepEqual(
        mail.map((m) => [m.to_user_id, m.to_email, m.category]),
        [[improvementUser, 'improvement@bradford.example', 'notice']],
      )
      assert.match(mail[0]!.body, /Findings attached to the Board pack/)
      assert.equal(await auditCount('partner_request', leadRequest), 1)
      assert.equal((await returnsFor('partner-request', leadRequest)).length, 1)
      const { todo, done } = itemLinks((await lead.get(P.myUpdates(B))).text)
      for (const gone of [
        `milestone:${ids.ownMilestone}`,
        `objective:${ids.ownObjective}`,
        `measure:${ids.recordedMeasure}`,
        `strand:${ids.ownStrand}`,
        `partner-request:${leadRequest}`,
      ]) {
        assert.ok(!todo.includes(gone), `${gone} has left the list`)
        assert.ok(done.includes(gone), `${gone} is done`)
      }
    })

    it('lets the partner’s people answer a request addressed to their organisation', async () => {
      const partner = await signedIn(app, 'partner@partner.example')
      const page = await partner.get(P.myUpdates(B))
      // Among the round's items, so not again under "Requests to answer".
      assert.deepEqual(itemLinks(page.text).todo, [`partner-request:${partnerRequest}`])
      assert.doesNotMatch(page.text, /data-qa="requests-to-answer"/)
      const res = await update(partner, 'partner-request', partnerRequest, { response: 'Timeliness is 82%' })
      assert.equal(res.status, 302)
      const row = await database.db
        .selectFrom('partner_request')
        .select(['received_on', 'response'])
        .where('id', '=', partnerRequest)
        .executeTakeFirstOrThrow()
      assert.deepEqual(row, { received_on: today, response: 'Timeliness is 82%' })
      // The open round owes it: its return is recorded with the answer.
      assert.deepEqual(
        (await returnsFor('partner-request', partnerRequest)).map((r) => r.user_id),
        [
          (
            await database.db
              .selectFrom('app_user')
              .select('id')
              .where('email', '=', 'partner@partner.example')
              .executeTakeFirstOrThrow()
          ).id,
        ],
      )
      const after = await partner.get(P.myUpdates(B))
      assert.match(after.text, /You have updated everything you owe in this round/)
    })

    it('refuses someone else’s item (403) and hides another council’s (404), changing nothing', async () => {
      const token = csrfFrom((await lead.get(P.myUpdates(B))).text)
      assert.equal((await lead.get(P.myUpdate(B, 'milestone', ids.otherMilestone))).status, 403)
      const post = await lead
        .post(P.myUpdate(B, 'milestone', ids.otherMilestone))
        .type('form')
        .send({ _csrf: token, status: 'off-track' })
      assert.equal(post.status, 403)
      const other = await database.db
        .selectFrom('milestone')
        .select('status')
        .where('id', '=', ids.otherMilestone)
        .executeTakeFirstOrThrow()
      assert.equal(other.status, 'on-track')
      assert.deepEqual(await returnsFor('milestone', ids.otherMilestone), [])
      assert.equal((await lead.get(P.myUpdate(B, 'strand', ids.otherStrand))).status, 403)
      assert.equal((await lead.get(P.myUpdate(B, 'milestone', ids.northfieldMilestone))).status, 404)
      const cross = await lead
        .post(P.myUpdate(B, 'milestone', ids.northfieldMilestone))
        .type('form')
        .send({ _csrf: token, status: 'off-track' })
      assert.equal(cross.status, 404)
      assert.equal((await lead.get(P.myUpdate(B, 'action', 1))).status, 404)
      assert.equal((await lead.get(P.myUpdate(B, 'milestone', 'x1'))).status, 404)
    })

    it('lets the improvement team return an update for a contact without an account, and no one else', async () => {
      const contact = await database.db
        .insertInto('contact')
        .values({ organisation_id: bradfordId, name: 'Casey Contact', email: 'casey@health.example' })
        .returning('id')
        .executeTakeFirstOrThrow()
      const milestone = await database.db
        .insertInto('milestone')
        .values({
          objective_id: ids.otherObjective,
          title: 'Joint visits with health visitors',
          owner: 'Health visiting lead',
          owner_contact_id: contact.id,
          due_on: addDays(today, 30),
          status: 'at-risk',
          evidence: '',
          position: 99,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      assert.equal((await lead.get(P.myUpdate(B, 'milestone', milestone.id))).status, 403)
      const team = await signedIn(app, 'improvement@bradford.example')
      const res = await update(team, 'milestone', milestone.id, { status: 'on-track', progress: 'Casey phoned it in' })
      assert.equal(res.status, 302)
      const returns = await returnsFor('milestone', milestone.id)
      assert.deepEqual(
        returns.map((r) => [r.user_id, r.note]),
        [[improvementUser, 'Casey phoned it in']],
      )
    })

    it('after the lock, refuses the owner with the lock date and changes nothing', async () => {
      const strand2 = (
        await database.db
          .selectFrom('strand')
          .select('id')
          .where('code', '=', '2')
          .where('lead_user_id', '=', ids.strandLeadUser)
          .executeTakeFirstOrThrow()
      ).id
      const url = P.myUpdate(B, 'strand', strand2)
      const token = csrfFrom((await lead.get(url)).text)
      await database.db
        .updateTable('reporting_round')
        .set({ locked_at: new Date() })
        .where('id', '=', roundId)
        .execute()
      const message = `This round locked on ${formatDate(today)}: ask the improvement team if something needs correcting`
      const page = await lead.get(url)
      assert.equal(page.status, 200)
      assert.ok(page.text.includes(message), 'the page says it is locked')
      assert.doesNotMatch(page.text, /Save commentary/)
      const commentaryBefore = await auditCount('report_commentary')
      const res = await lead.post(url).type('form').send({ _csrf: token, commentary: 'Too late' })
      assert.equal(res.status, 403)
      assert.ok(res.text.includes(message))
      assert.equal(await auditCount('report_commentary'), commentaryBefore)
      assert.deepEqual(await returnsFor('strand', strand2), [])
      const list = await lead.get(P.myUpdates(B))
      assert.match(list.text, /There is no reporting round open/)
      assert.match(list.text, new RegExp(`The last round, for ${quarter.label}, locked on ${formatDate(today)}`))
    })

    /** A new request to the partner organisation (or to someone by name), asked by the improvement team. */
    async function newRequest(description: string, dueOn: string, to: { organisation?: number; user?: number }) {
      return (
        await database.db
          .insertInto('partner_request')
          .values({
            organisation_id: bradfordId,
            partner: 'District health partnership',
            description,
            strand_id: null,
            requested_on: today,
            due_on: dueOn,
            partner_organisation_id: to.organisation ?? null,
            owner_user_id: to.user ?? null,
            created_by: improvementUser,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    }
    const requestRow = (id: number) =>
      database.db
        .selectFrom('partner_request')
        .select(['received_on', 'response', 'responded_by', 'responded_at'])
        .where('id', '=', id)
        .executeTakeFirstOrThrow()
    const noticesAbout = async (response: string) =>
      (
        await database.db
          .selectFrom('outbox_message')
          .select(['to_user_id', 'body'])
          .where('template', '=', 'request-answered')
          .execute()
      ).filter((m) => m.body.includes(response))
    const allReturnsFor = (id: number) =>
      database.db
        .selectFrom('round_return')
        .select('id')
        .where('item_type', '=', 'partner-request')
        .where('item_id', '=', id)
        .execute()

    it('with no round open, lets the partner answer a request to their organisation: audited, the asker told, no return', async () => {
      // The round locked in the test before: none is open now.
      const requestId = await newRequest('Dental checks for children in care', addDays(today, 10), {
        organisation: partnerOrg,
      })
      const partnerUser = (
        await database.db
          .selectFrom('app_user')
          .select('id')
          .where('email', '=', 'partner@partner.example')
          .executeTakeFirstOrThrow()
      ).id
      const partner = await signedIn(app, 'partner@partner.example')
      const list = await partner.get(P.myUpdates(B))
      assert.equal(list.status, 200)
      assert.match(list.text, /There is no reporting round open, but you have 1 request to answer/)
      assert.deepEqual(itemLinks(list.text).todo, [`partner-request:${requestId}`], 'listed once')
      assert.match(list.text, /data-qa="requests-to-answer"/)
      assert.match(list.text, /data-qa="nav-my-updates"[^>]*>[^<]*(<strong[^>]*>)?My updates \(1\)</)
      const form = await partner.get(P.myUpdate(B, 'partner-request', requestId))
      assert.equal(form.status, 200)
      assert.match(form.text, /name="response"/)
      assert.match(form.text, new RegExp(`Due ${formatDate(addDays(today, 10))}`))
      assert.doesNotMatch(form.text, /data-qa="blocked"/)

      const audits = await auditCount('partner_request', requestId)
      const empty = await update(partner, 'partner-request', requestId, { response: '  ' })
      assert.equal(empty.status, 400)
      assert.match(empty.text, /Enter your response/)
      assert.equal((await requestRow(requestId)).received_on, null)

      const res = await update(partner, 'partner-request', requestId, { response: 'All had a check within the year' })
      assert.equal(res.status, 302)
      assert.equal(res.headers.location, P.myUpdates(B))
      const row = await requestRow(requestId)
      assert.equal(row.received_on, today)
      assert.equal(row.response, 'All had a check within the year')
      assert.equal(row.responded_by, partnerUser)
      assert.equal(await auditCount('partner_request', requestId), audits + 1)
      assert.deepEqual(
        (await noticesAbout('All had a check within the year')).map((m) => m.to_user_id),
        [improvementUser],
      )
      assert.deepEqual(await allReturnsFor(requestId), [], 'no round, so no return')
      const after = await partner.get(P.myUpdates(B))
      assert.match(after.text, /Response sent: nothing left to update/)
      assert.deepEqual(itemLinks(after.text).todo, [])
    })

    it('refuses a request to one partner to someone of another partner organisation (403), changing nothing', async () => {
      const requestId = await newRequest('School attendance of children in care', addDays(today, 10), {
        organisation: partnerOrg,
      })
      const otherOrg = (
        await database.db
          .insertInto('organisation')
          .values({ slug: 'other-partner-test', name: 'Other partner (test)', kind: 'partner' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      const other = (
        await database.db
          .insertInto('app_user')
          .values({
            email: 'other-partner@my-updates.example',
            display_name: 'Olu Other',
            password_hash: await hashPassword(DEMO_PASSWORD),
            employer_organisation_id: otherOrg,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      await database.db
        .insertInto('membership')
        .values({ user_id: other, organisation_id: bradfordId, role: 'partner' })
        .execute()
      const stranger = await signedIn(app, 'other-partner@my-updates.example')
      const list = await stranger.get(P.myUpdates(B))
      assert.ok(!itemLinks(list.text).todo.includes(`partner-request:${requestId}`), 'not listed to them')
      const url = P.myUpdate(B, 'partner-request', requestId)
      assert.equal((await stranger.get(url)).status, 403)
      const audits = await auditCount('partner_request', requestId)
      const post = await stranger
        .post(url)
        .type('form')
        .send({ _csrf: csrfFrom(list.text), response: 'Not ours' })
      assert.equal(post.status, 403)
      assert.deepEqual(await requestRow(requestId), {
        received_on: null,
        response: '',
        responded_by: null,
        responded_at: null,
      })
      assert.equal(await auditCount('partner_request', requestId), audits)
      assert.deepEqual(await noticesAbout('Not ours'), [])
    })

    it('shows an answered request read only, and a second answer changes nothing', async () => {
      const requestId = await newRequest('Missing episodes shared with the police', addDays(today, 5), {
        organisation: partnerOrg,
      })
      const partner = await signedIn(app, 'partner@partner.example')
      assert.equal(
        (await update(partner, 'partner-request', requestId, { response: 'Shared weekly since March' })).status,
        302,
      )
      const first = await requestRow(requestId)
      const audits = await auditCount('partner_request', requestId)
      const notices = (await noticesAbout('')).length
      const url = P.myUpdate(B, 'partner-request', requestId)
      const page = await partner.get(url)
      assert.equal(page.status, 200)
      assert.match(page.text, /data-qa="answered"/)
      assert.match(page.text, /Shared weekly since March/)
      assert.doesNotMatch(page.text, /name="response"/)
      assert.doesNotMatch(page.text, /Send response/)
      const again = await update(partner, 'partner-request', requestId, { response: 'Shared daily now' })
      assert.equal(again.status, 400)
      assert.match(again.text, /This request had already been answered, so your response was not sent/)
      assert.doesNotMatch(again.text, /name="response"/)
      assert.deepEqual(await requestRow(requestId), first)
      assert.equal(await auditCount('partner_request', requestId), audits)
      assert.equal((await noticesAbout('')).length, notices)
      assert.deepEqual(await allReturnsFor(requestId), [])
    })

    it('with no round at all, lists a request owned by the strand lead, overdue, and takes their answer', async () => {
      await database.db.deleteFrom('reporting_round').where('organisation_id', '=', bradfordId).execute()
      const requestId = await newRequest('Health input to the audit of repeat referrals', addDays(today, -2), {
        user: ids.strandLeadUser,
      })
      const list = await lead.get(P.myUpdates(B))
      assert.match(list.text, /There is no reporting round open, but you have 1 request to answer/)
      assert.doesNotMatch(list.text, /The last round/)
      const section = list.text.slice(list.text.indexOf('data-qa="requests-to-answer"'))
      assert.match(section, new RegExp(`href="${P.myUpdate(B, 'partner-request', requestId)}"`))
      assert.match(section, /Overdue/)
      const res = await update(lead, 'partner-request', requestId, { response: 'Health notes added to each case' })
      assert.equal(res.status, 302)
      assert.equal((await requestRow(requestId)).received_on, today)
      assert.deepEqual(await database.db.selectFrom('round_return').select('id').execute(), [])
    })
  })
}
