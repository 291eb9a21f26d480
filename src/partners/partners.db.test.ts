// Partners who answer, over HTTP: a partner sees and answers only the requests to their own organisation (or to
// them by name), anything else is "not found"; the answer with a file is stored, audited, the asker told, and
// the file downloaded by the improvement team and that partner only; a bad file is refused keeping what was
// typed; an answer changes until its quarter is locked; the team adds partner organisations and their people
// (invited, nothing said about an existing account) and commissions requests from a Board meeting; and the
// report's data: requests with their answers, and the milestones partners own.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { organisationIdOf, userIdOf } from '../test-support/demo-ids.js'
import { buildTestApp, csrfFrom, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { hashPassword } from '../accounts/password.js'
import { DEMO_PASSWORD } from '../demo/seed-demo.js'
import { demoPdf } from '../demo/partner-demo.js'
import { listPartnerOwners, listPartnerRequests } from '../reports/partner-request-repository.js'
import { paths } from '../web/paths.js'
import { todayIso } from '../shared/dates.js'
import { addDays, quarterOf } from '../shared/calendar.js'

const P = paths.council
const B = 'bradford'
const PDF = demoPdf(['Evidence for the test'])

for (const kind of testDatabaseKinds()) {
  describe(`partners who answer on ${kind.name}`, () => {
    let database: DatabaseHandle
    let app: ReturnType<typeof buildTestApp>
    let team: Agent
    let viewer: Agent
    let partner: Agent
    let police: Agent
    let bradford: number
    let health: number
    let policeOrg: number
    let partnerUser: number
    let teamUser: number
    let meeting: { id: number; held_on: string }
    /** A new request to the health partnership, awaited (commissioned by the Board in the first test). */
    let awaited: number
    let toPolice: number
    let northfieldRequest: number
    const today = todayIso()

    const db = () => database.db
    const row = (id: number) =>
      db().selectFrom('partner_request').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const audits = (id: number) =>
      db()
        .selectFrom('audit_log')
        .select(['action', 'summary', 'before', 'after'])
        .where('entity_type', '=', 'partner_request')
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()

    /** Sends the answer form as a browser does: multipart, the token in the body, an optional file. */
    async function answer(agent: Agent, id: number, response: string, file?: { name: string; bytes: Buffer }) {
      const page = await agent.get(P.contribution(B, id))
      assert.equal(page.status, 200, `GET the answer form returned ${page.status}`)
      let req = agent.post(P.contribution(B, id)).field('_csrf', csrfFrom(page.text)).field('response', response)
      if (file) req = req.attach('file', file.bytes, file.name)
      return req
    }

    before(async () => {
      database = await kind.openDemo()
      app = buildTestApp(db())
      bradford = await organisationIdOf(db(), B)
      health = await organisationIdOf(db(), 'partner')
      policeOrg = await organisationIdOf(db(), 'west-yorkshire-police')
      partnerUser = await userIdOf(db(), 'partner@partner.example')
      teamUser = await userIdOf(db(), 'improvement@bradford.example')
      meeting = await db()
        .selectFrom('board_meeting')
        .select(['id', 'held_on'])
        .where('organisation_id', '=', bradford)
        .orderBy('held_on', 'desc')
        .executeTakeFirstOrThrow()
      // Someone of the police at Bradford: a partner too, of another organisation.
      const officer = await db()
        .insertInto('app_user')
        .values({
          email: 'officer@police.example',
          display_name: 'Pat Officer',
          password_hash: await hashPassword(DEMO_PASSWORD),
          employer_organisation_id: policeOrg,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      await db()
        .insertInto('membership')
        .values({ user_id: officer.id, organisation_id: bradford, role: 'partner' })
        .execute()
      toPolice = (
        await db()
          .selectFrom('partner_request')
          .select('id')
          .where('partner_organisation_id', '=', policeOrg)
          .executeTakeFirstOrThrow()
      ).id
      northfieldRequest = (
        await db()
          .selectFrom('partner_request')
          .select('id')
          .where('organisation_id', '=', await organisationIdOf(db(), 'northfield'))
          .orderBy('id')
          .executeTakeFirstOrThrow()
      ).id
      team = await signedIn(app, 'improvement@bradford.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
      partner = await signedIn(app, 'partner@partner.example')
      police = await signedIn(app, 'officer@police.example')
    })
    after(() => database.close())

    it('commissions a request from a Board meeting, and shows the partner only their own organisation’s', async () => {
      // The team's form offers the council's partners and its Board meetings, newest first.
      const form = await team.get(P.partnerRequests(B))
      assert.equal(form.status, 200)
      assert.match(form.text, new RegExp(`<option value="${policeOrg}">West Yorkshire Police</option>`))
      assert.doesNotMatch(form.text, /Northfield Health/)
      assert.match(form.text, new RegExp(`<option value="${meeting.id}">Board, \\d{1,2} [A-Z][a-z]+ \\d{4}</option>`))
      const northfieldMeeting = await db()
        .selectFrom('board_meeting')
        .select('id')
        .where('organisation_id', '=', await organisationIdOf(db(), 'northfield'))
        .executeTakeFirstOrThrow()
      const fields = {
        partnerOrganisationId: String(health),
        partner: '',
        ownedBy: '',
        description: 'Health visitors’ contacts with families on child protection plans',
        strandId: '',
        ...dateFields('requestedOn', addDays(today, -3)),
        ...dateFields('dueOn', addDays(today, 10)),
      }
      const refused = await postForm(team, P.partnerRequests(B), P.partnerRequests(B), {
        ...fields,
        meetingId: String(northfieldMeeting.id),
      })
      assert.equal(refused.status, 400, 'another council’s meeting')
      assert.match(refused.text, /Choose who commissioned the request from the list/)
      const saved = await postForm(team, P.partnerRequests(B), P.partnerRequests(B), {
        ...fields,
        meetingId: String(meeting.id),
      })
      assert.equal(saved.status, 302)
      const created = await db()
        .selectFrom('partner_request')
        .selectAll()
        .where('description', '=', fields.description)
        .executeTakeFirstOrThrow()
      awaited = created.id
      assert.equal(created.meeting_id, meeting.id)
      assert.equal(created.partner, 'District health partnership')
      assert.equal(created.created_by, teamUser)
      const list = await team.get(P.partnerRequests(B))
      const cell = new RegExp(`data-qa="request-${awaited}"[\\s\\S]*?data-qa="commissioned-by">Board, [^<]+<`)
      assert.match(list.text, cell)
      assert.match(list.text, new RegExp(`data-qa="request-${awaited}"[\\s\\S]*?data-qa="request-state">Not yet due<`))

      // The partner's list: their organisation's requests only, with due date, strand and state.
      const mine = await partner.get(P.contributions(B))
      assert.equal(mine.status, 200)
      const open = mine.text.slice(
        mine.text.indexOf('data-qa="open-requests"'),
        mine.text.indexOf('data-qa="answered-requests"'),
      )
      assert.match(open, new RegExp(`href="${P.contribution(B, awaited)}"`))
      assert.match(open, /Not yet due/)
      assert.match(mine.text, /Answered on time/)
      assert.match(mine.text, /Answered late/)
      assert.doesNotMatch(mine.text, /police notifications/i)
      // Their home page links to it, with the counts.
      const home = await partner.get(P.home(B))
      assert.match(
        home.text,
        /data-qa="contributions-link"><a class="govuk-link" href="\/councils\/bradford\/contributions">[^<]+<\/a>: 1 to answer, 2 answered/,
      )

      // Another organisation's request at this council, and another council's: not found, on GET and POST.
      for (const url of [P.contribution(B, toPolice), P.contribution(B, northfieldRequest), P.contribution(B, 999999)])
        assert.equal((await partner.get(url)).status, 404, url)
      const token = csrfFrom(mine.text)
      for (const id of [toPolice, northfieldRequest]) {
        const post = await partner.post(P.contribution(B, id)).type('form').send({ _csrf: token, response: 'Not ours' })
        assert.equal(post.status, 404)
      }
      assert.equal((await row(toPolice)).received_on, null)
      // The police see theirs, not the health partnership's.
      assert.equal((await police.get(P.contribution(B, toPolice))).status, 200)
      assert.equal((await police.get(P.contribution(B, awaited))).status, 404)
      // Everyone else is refused the partner's pages.
      for (const agent of [team, viewer]) {
        assert.equal((await agent.get(P.contributions(B))).status, 403)
        assert.equal((await agent.get(P.contribution(B, awaited))).status, 403)
      }
    })

    it('refuses a bad file with a clear message, keeping the answer typed and saving nothing', async () => {
      const typed = 'Contacts were weekly for 92% of families'
      const disguised = await answer(partner, awaited, typed, { name: 'contacts.pdf', bytes: Buffer.from('not a pdf') })
      assert.equal(disguised.status, 400)
      assert.match(disguised.text, /The selected file is not a real \.pdf file\. Choose the file again/)
      assert.match(disguised.text, /href="#file"/)
      assert.match(disguised.text, new RegExp(`<textarea[^>]*name="response"[^>]*>${typed}</textarea>`))
      const wrongType = await answer(partner, awaited, typed, { name: 'contacts.txt', bytes: Buffer.from('text') })
      assert.equal(wrongType.status, 400)
      assert.match(wrongType.text, /The selected file must be a PDF, Word \(\.docx\), Excel \(\.xlsx\), PNG or JPEG/)
      const empty = await answer(partner, awaited, '   ', { name: 'contacts.pdf', bytes: PDF })
      assert.equal(empty.status, 400)
      assert.match(empty.text, /Enter your answer/)
      const long = await answer(partner, awaited, 'x'.repeat(5001))
      assert.equal(long.status, 400)
      assert.match(long.text, /Your answer must be 5000 characters or fewer/)
      const unchanged = await row(awaited)
      assert.equal(unchanged.received_on, null)
      assert.equal(unchanged.attachment, null)
      assert.deepEqual(
        (await audits(awaited)).map((a) => a.action),
        ['create'],
      )
    })

    it('stores the answer with its file, audited and the asker told; the file goes to the team and that partner only', async () => {
      const res = await answer(partner, awaited, 'Contacts were weekly for 92% of families', {
        name: 'contacts by week.pdf',
        bytes: PDF,
      })
      assert.equal(res.status, 302)
      assert.equal(res.headers.location, P.contributions(B))
      const saved = await row(awaited)
      assert.equal(saved.received_on, today)
      assert.equal(saved.response, 'Contacts were weekly for 92% of families')
      assert.equal(saved.responded_by, partnerUser)
      assert.ok(saved.responded_at)
      assert.equal(saved.attachment_name, 'contacts by week.pdf')
      assert.equal(saved.attachment_type, 'application/pdf')
      assert.ok(Buffer.from(saved.attachment!).equals(PDF))
      const trail = await audits(awaited)
      assert.equal(trail.at(-1)!.action, 'answer')
      assert.deepEqual(trail.at(-1)!.after, {
        received_on: today,
        response: 'Contacts were weekly for 92% of families',
        attachment_name: 'contacts by week.pdf',
        attachment_type: 'application/pdf',
      })
      const notice = await db()
        .selectFrom('outbox_message')
        .select(['to_user_id', 'subject', 'body'])
        .where('dedupe_key', 'like', `request-answered:${awaited}:%`)
        .executeTakeFirstOrThrow()
      assert.equal(notice.to_user_id, teamUser)
      assert.match(notice.body, /They attached a file: contacts by week\.pdf/)

      // The team's list: the state, the answer, who gave it and the file.
      const list = await team.get(P.partnerRequests(B))
      const entry = new RegExp(`data-qa="request-${awaited}"[\\s\\S]*?</tr>`).exec(list.text)![0]
      assert.match(entry, /data-qa="request-state">Answered on time</)
      assert.match(entry, /By Demo Partner Contact/)
      assert.match(entry, /Contacts were weekly for 92% of families/)
      assert.match(entry, new RegExp(`href="${P.partnerRequestAttachment(B, awaited)}"`))

      for (const agent of [team, partner]) {
        const file = await agent.get(P.partnerRequestAttachment(B, awaited)).buffer(true)
        assert.equal(file.status, 200)
        assert.equal(file.headers['content-type'], 'application/pdf')
        assert.match(String(file.headers['content-disposition']), /^attachment; filename="contacts by week\.pdf"/)
        assert.equal(file.headers['x-content-type-options'], 'nosniff')
        assert.ok(Buffer.from(file.body as Buffer).equals(PDF))
      }
      assert.equal((await viewer.get(P.partnerRequestAttachment(B, awaited))).status, 403)
      assert.equal((await police.get(P.partnerRequestAttachment(B, awaited))).status, 404)
      assert.equal((await team.get(P.partnerRequestAttachment(B, northfieldRequest))).status, 404)
      // A request with no file: nothing to download.
      assert.equal((await team.get(P.partnerRequestAttachment(B, toPolice))).status, 404)
    })

    it('lets the partner change the answer until its quarter is locked, keeping the file unless replaced', async () => {
      const page = await partner.get(P.contribution(B, awaited))
      assert.match(page.text, /Change your answer/)
      assert.match(page.text, /data-qa="answer-text">Contacts were weekly/)
      const changed = await answer(partner, awaited, 'Contacts were weekly for 93% of families')
      assert.equal(changed.status, 302)
      const after1 = await row(awaited)
      assert.equal(after1.response, 'Contacts were weekly for 93% of families')
      assert.equal(after1.received_on, today, 'still received the day it was answered')
      assert.equal(after1.attachment_name, 'contacts by week.pdf')
      assert.equal((await audits(awaited)).at(-1)!.action, 'update')

      // A round locks the quarter: the answer is read-only, and a change is refused.
      await db()
        .insertInto('reporting_round')
        .values({
          organisation_id: bradford,
          quarter_start: quarterOf(today).start,
          data_cutoff_on: addDays(today, -4),
          updates_due_on: addDays(today, -3),
          commentary_due_on: addDays(today, -2),
          locks_on: addDays(today, -1),
          locked_at: new Date(),
          opened_by: teamUser,
        })
        .execute()
      const locked = await partner.get(P.contribution(B, awaited))
      assert.match(locked.text, /data-qa="read-only"/)
      assert.doesNotMatch(locked.text, /name="response"/)
      const refused = await partner
        .post(P.contribution(B, awaited))
        .field('_csrf', csrfFrom(locked.text))
        .field('response', 'Changed after the lock')
      assert.equal(refused.status, 400)
      assert.match(refused.text, /This answer can no longer be changed/)
      assert.equal((await row(awaited)).response, 'Contacts were weekly for 93% of families')
      await db().deleteFrom('reporting_round').where('organisation_id', '=', bradford).execute()
    })

    it('adds a partner organisation and a person, inviting them and saying nothing of an existing account', async () => {
      assert.equal((await viewer.get(P.newPartner(B))).status, 403)
      assert.equal((await partner.get(P.partners(B))).status, 403)
      assert.equal((await team.get(P.partner(B, await organisationIdOf(db(), 'northfield-health')))).status, 404)
      const noSector = await postForm(team, P.newPartner(B), P.newPartner(B), { name: 'Youth Justice Service' })
      assert.equal(noSector.status, 400)
      assert.match(noSector.text, /Select the sector the organisation works in/)
      assert.match(noSector.text, /value="Youth Justice Service"/)
      const twice = await postForm(team, P.newPartner(B), P.newPartner(B), {
        name: ' district  HEALTH partnership',
        sector: 'health',
      })
      assert.equal(twice.status, 400)
      assert.match(twice.text, /is already one of your partners/)
      const added = await postForm(team, P.newPartner(B), P.newPartner(B), {
        name: 'West Yorkshire Police (Bradford district)',
        sector: 'police',
      })
      assert.equal(added.status, 302)
      const org = await db()
        .selectFrom('organisation')
        .innerJoin('council_partner', 'council_partner.partner_id', 'organisation.id')
        .select(['organisation.id', 'organisation.slug', 'organisation.kind', 'council_partner.sector'])
        .where('organisation.name', '=', 'West Yorkshire Police (Bradford district)')
        .where('council_partner.council_id', '=', bradford)
        .executeTakeFirstOrThrow()
      assert.deepEqual(
        [org.slug, org.kind, org.sector],
        ['west-yorkshire-police-bradford-district', 'partner', 'police'],
      )
      assert.equal(added.headers.location, P.partner(B, org.id))
      const sameSlug = await postForm(team, P.newPartner(B), P.newPartner(B), {
        name: 'West Yorkshire Police: Bradford District',
        sector: 'police',
      })
      assert.equal(sameSlug.status, 302)
      assert.ok(
        await db()
          .selectFrom('organisation')
          .select('id')
          .where('slug', '=', 'west-yorkshire-police-bradford-district-2')
          .executeTakeFirst(),
        'a slug no organisation has',
      )
      const created = await db()
        .selectFrom('audit_log')
        .select('summary')
        .where('entity_type', '=', 'partner')
        .where('entity_id', '=', String(org.id))
        .executeTakeFirstOrThrow()
      assert.match(created.summary, /Added the partner organisation West Yorkshire Police \(Bradford district\)/)

      // A new person: an account with the partner role, working for the organisation, and an invitation.
      const form = P.newPartnerPerson(B, org.id)
      const invited = await postForm(team, form, form, {
        displayName: 'Sam Sergeant',
        email: 'Sam.Sergeant@police.example',
      })
      assert.equal(invited.status, 302)
      const sam = await db()
        .selectFrom('app_user')
        .innerJoin('membership', 'membership.user_id', 'app_user.id')
        .select(['app_user.id', 'app_user.employer_organisation_id', 'membership.role', 'membership.organisation_id'])
        .where('app_user.email', '=', 'sam.sergeant@police.example')
        .executeTakeFirstOrThrow()
      assert.deepEqual([sam.employer_organisation_id, sam.role, sam.organisation_id], [org.id, 'partner', bradford])
      const mail = await db()
        .selectFrom('outbox_message')
        .select(['template', 'to_email'])
        .where('to_user_id', '=', sam.id)
        .execute()
      assert.deepEqual(mail, [{ template: 'invitation', to_email: 'sam.sergeant@police.example' }])
      const page = await team.get(P.partner(B, org.id))
      assert.match(page.text, /sam\.sergeant@police\.example has been invited or given access/)
      assert.match(page.text, /data-qa="person">[\s\S]*?Sam Sergeant[\s\S]*?Invited, not yet signed in/)

      // Someone who already has an account (at another council): invited, not attached, nothing said about them.
      const existing = await postForm(team, form, form, {
        displayName: 'Typed Name',
        email: 'admin@northfield.example',
      })
      assert.equal(existing.status, 302)
      const flashPage = await team.get(P.partner(B, org.id))
      const banner = flashPage.text.slice(
        flashPage.text.indexOf('data-qa="flash"'),
        flashPage.text.indexOf('data-qa="page-heading"'),
      )
      assert.match(banner, /admin@northfield\.example has been invited or given access/)
      assert.match(banner, /Typed Name/)
      assert.doesNotMatch(banner, /Northfield Administrator|Northfield Borough/)
      const northfieldAdmin = await userIdOf(db(), 'admin@northfield.example')
      assert.deepEqual(
        await db()
          .selectFrom('outbox_message')
          .select('template')
          .where('to_user_id', '=', northfieldAdmin)
          .where('organisation_id', '=', bradford)
          .execute(),
        [{ template: 'council-invitation' }],
      )
      const notYet = await db()
        .selectFrom('membership')
        .select('id')
        .where('user_id', '=', northfieldAdmin)
        .where('organisation_id', '=', bradford)
        .execute()
      assert.deepEqual(notYet, [], 'no access until they accept')
      const employer = await db()
        .selectFrom('app_user')
        .select('employer_organisation_id')
        .where('id', '=', northfieldAdmin)
        .executeTakeFirstOrThrow()
      assert.notEqual(employer.employer_organisation_id, org.id, 'their employer is unchanged until they accept')
      // An email that already has access to this council is refused on the field.
      const already = await postForm(team, form, form, {
        displayName: 'A Councillor',
        email: 'councillor@bradford.example',
      })
      assert.equal(already.status, 400)
      assert.match(already.text, /This person already has access to this council/)
      assert.match(already.text, /href="#email"/)

      // The list: each partner's sector, people and requests.
      const partners = await team.get(P.partners(B))
      assert.equal(partners.status, 200)
      const healthRow = new RegExp(`data-qa="partner-${health}"[\\s\\S]*?</tr>`).exec(partners.text)![0]
      assert.match(healthRow, />Health</)
      // The demo partner, and the designated nurse (a contact); 2 answered in the demo and 1 here.
      assert.match(healthRow, /data-qa="people">2</)
      assert.match(healthRow, /data-qa="open">0</)
      assert.match(healthRow, /data-qa="answered">3</)
      const policeRow = new RegExp(`data-qa="partner-${policeOrg}"[\\s\\S]*?</tr>`).exec(partners.text)![0]
      assert.match(policeRow, /data-qa="people">1</)
      assert.match(policeRow, /data-qa="open">1</)
      assert.match(policeRow, /1 overdue/)
    })

    it('gives the report each request with its answer, and the milestones partners own', async () => {
      const requests = await listPartnerRequests(db(), bradford)
      const answered = requests.find((r) => r.id === awaited)!
      assert.equal(answered.response, 'Contacts were weekly for 93% of families')
      assert.equal(answered.attachment_name, 'contacts by week.pdf')
      assert.equal(answered.partner_organisation_name, 'District health partnership')
      assert.equal(answered.meeting_id, meeting.id)
      assert.ok(answered.responded_at)
      assert.ok(!('attachment' in answered), 'never the bytes')

      const plan = await db()
        .selectFrom('plan')
        .select('id')
        .where('organisation_id', '=', bradford)
        .executeTakeFirstOrThrow()
      const inPlan = db()
        .selectFrom('milestone')
        .innerJoin('objective', 'objective.id', 'milestone.objective_id')
        .innerJoin('strand', 'strand.id', 'objective.strand_id')
        .select(['milestone.id', 'milestone.owner_contact_id'])
        .where('strand.plan_id', '=', plan.id)
        .orderBy('milestone.id')
      const byContact = (await inPlan.where('milestone.owner_contact_id', 'is not', null).execute())[0]!
      const others = await inPlan.where('milestone.owner_contact_id', 'is', null).execute()
      const byUser = others[0]!.id
      const byStrandLead = others[1]!.id
      await db().updateTable('milestone').set({ owner_user_id: partnerUser }).where('id', '=', byUser).execute()
      await db()
        .updateTable('milestone')
        .set({ owner_user_id: await userIdOf(db(), 'strand-lead@bradford.example') })
        .where('id', '=', byStrandLead)
        .execute()
      const owners = await listPartnerOwners(db(), bradford)
      const partnerOf = (m: { owner_user_id: number | null; owner_contact_id: number | null }) =>
        m.owner_user_id !== null ? owners.users.get(m.owner_user_id) : owners.contacts.get(m.owner_contact_id ?? -1)
      const now = await db()
        .selectFrom('milestone')
        .select(['id', 'owner_user_id', 'owner_contact_id'])
        .where('id', 'in', [byContact.id, byUser, byStrandLead])
        .execute()
      const owned = new Map(now.map((m) => [m.id, partnerOf(m)]))
      assert.equal(owned.get(byContact.id), 'District health partnership', 'owned by the designated nurse')
      assert.equal(owned.get(byUser), 'District health partnership', 'owned by the partner’s person')
      assert.equal(owned.get(byStrandLead), undefined, 'a council strand lead is not a partner')
    })
  })
}
