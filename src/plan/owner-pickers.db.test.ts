// Owners who are people, on the forms and pages: today's free-text owners read "Unassigned (was: ...)", each
// form's owner picker saves a person or a contact, and a person or contact of another council is refused
// (on the form and in the repository), with nothing saved.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parse } from 'csv-parse/sync'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { demoIds } from '../test-support/demo-ids.js'
import { paths } from '../web/paths.js'
import { OwnerNotInCouncilError } from '../accounts/owners.js'
import * as repo from './plan-repository.js'

const P = paths.council
const B = 'bradford'

for (const kind of testDatabaseKinds()) {
  describe(`owner pickers and owners on the pages on ${kind.name}`, () => {
    let database: DatabaseHandle
    let ids: Awaited<ReturnType<typeof demoIds>>
    let team: Agent
    let lead: Agent
    let bradfordId: number
    let contactId: number
    let northfieldContactId: number
    let partnerUserId: number
    let improvementUserId: number

    const db = () => database.db
    const user = async (email: string) =>
      (await db().selectFrom('app_user').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id
    const org = async (slug: string) =>
      (await db().selectFrom('organisation').select('id').where('slug', '=', slug).executeTakeFirstOrThrow()).id
    const strandRow = (id: number) =>
      db().selectFrom('strand').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const milestoneRow = (id: number) =>
      db().selectFrom('milestone').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const objectiveRow = (id: number) =>
      db().selectFrom('objective').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const latestAudit = async (entityType: string, entityId: number) =>
      db()
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', entityType)
        .where('entity_id', '=', String(entityId))
        .orderBy('id', 'desc')
        .executeTakeFirst()
    const latestRecord = async (itemType: 'strand' | 'objective' | 'milestone', itemId: number) =>
      (
        await db()
          .selectFrom('plan_record')
          .select('state')
          .where('item_type', '=', itemType)
          .where('item_id', '=', itemId)
          .orderBy('id', 'desc')
          .executeTakeFirstOrThrow()
      ).state as Record<string, unknown>

    /** The strand form's fields as they are now, with changes. */
    const strandFields = async (id: number, change: Record<string, string>) => {
      const s = await strandRow(id)
      return { code: s.code, half: s.half, title: s.title, leadTitle: s.lead_title, ...change }
    }
    /** The milestone form's fields as they are now, with changes. */
    const milestoneFields = async (id: number, change: Record<string, string>) => {
      const m = await milestoneRow(id)
      return {
        title: m.title,
        owner: m.owner,
        status: m.status,
        evidence: m.evidence,
        ...dateFields('dueOn', m.due_on),
        ...(m.completed_on ? dateFields('completedOn', m.completed_on) : {}),
        ...change,
      }
    }

    before(async () => {
      database = await kind.openDemo()
      ids = await demoIds(database.db)
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      lead = await signedIn(app, 'strand-lead@bradford.example')
      bradfordId = await org(B)
      partnerUserId = await user('partner@partner.example')
      improvementUserId = await user('improvement@bradford.example')
      contactId = (
        await db()
          .insertInto('contact')
          .values({
            organisation_id: bradfordId,
            name: 'Sam Roe',
            employer: 'Yorkshire Police',
            role: 'Inspector',
            email: 'sam.roe@police.example',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      northfieldContactId = (
        await db()
          .insertInto('contact')
          .values({ organisation_id: await org('northfield'), name: 'Nat Field', email: 'nat@northfield.example' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    })
    after(() => database.close())

    it('shows free-text owners as "Unassigned (was: ...)" on the pages and in the plan CSV', async () => {
      // Owners as they were before owners were people: a job title and no one assigned.
      await db()
        .updateTable('milestone')
        .set({ owner: 'Head of Service', owner_user_id: null, owner_contact_id: null })
        .where('id', '=', ids.ownMilestone)
        .execute()
      await db()
        .updateTable('objective')
        .set({ owner: 'Assistant Director', owner_user_id: null, owner_contact_id: null })
        .where('id', '=', ids.ownObjective)
        .execute()
      await db()
        .updateTable('strand')
        .set({ lead_title: 'Director of Children and Families', lead_user_id: null, lead_contact_id: null })
        .where('id', '=', ids.otherStrand)
        .execute()
      await db()
        .updateTable('measure')
        .set({ owner: 'Head of Performance', owner_user_id: null, owner_contact_id: null })
        .where('id', '=', ids.recordedMeasure)
        .execute()
      // The demo strand lead leads strand 1 (a person with an account).
      const own = await strandRow(ids.ownStrand)
      assert.equal(own.lead_user_id, ids.strandLeadUser)

      const objective = await team.get(P.objective(B, ids.ownObjective))
      assert.match(
        objective.text,
        /data-qa="objective-owner"><strong>Owner:<\/strong> Unassigned \(was: Assistant Director\)/,
      )
      const milestoneTitle = (await milestoneRow(ids.ownMilestone)).title
      const row = objective.text.split('data-qa="milestone-row"').find((r) => r.includes(milestoneTitle)) ?? ''
      assert.match(row, /data-qa="milestone-owner">Unassigned \(was: Head of Service\)</)

      const strand = await team.get(P.strand(B, ids.ownStrand))
      assert.match(strand.text, new RegExp(`Demo Strand Lead, ${own.lead_title}`))
      assert.match(strand.text, /data-qa="objective-owner">Unassigned \(was: Assistant Director\)</)

      const plan = await team.get(P.plan(B))
      assert.match(plan.text, /data-qa="strand-lead">Unassigned \(was: Director of Children and Families\)</)
      assert.match(plan.text, new RegExp(`data-qa="strand-lead">Demo Strand Lead, ${own.lead_title}<`))

      const measure = await team.get(P.measure(B, ids.recordedMeasure))
      assert.match(
        measure.text,
        /Owner\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Unassigned \(was: Head of Performance\)/,
      )
      const measures = await team.get(P.measures(B))
      assert.match(measures.text, /data-qa="measure-owner">Owner: Unassigned \(was: Head of Performance\)</)

      const csv = parse<Record<string, string>>((await team.get(P.planCsv(B))).text, { columns: true })
      const line = csv.find((r) => r.milestone === milestoneTitle && r.strand_code === own.code)
      assert.ok(line, 'the milestone has its row')
      assert.equal(line.owner, 'Head of Service')
      assert.equal(line.milestone_owned_by, 'Unassigned (was: Head of Service)')
      assert.equal(line.objective_owned_by, 'Unassigned (was: Assistant Director)')
      assert.equal(line.strand_led_by, `Demo Strand Lead, ${own.lead_title}`)
    })

    it('saves a contact as a strand lead, keeping the job title, with the change audited and in the history', async () => {
      const form = P.editStrand(B, ids.otherStrand)
      const page = await team.get(form)
      assert.match(page.text, /<optgroup label="People with an account">/)
      assert.match(page.text, /<optgroup label="Contacts without an account">/)
      assert.match(
        page.text,
        new RegExp(`<option value="contact:${contactId}">Sam Roe \\(Yorkshire Police\\), Inspector</option>`),
      )
      const res = await postForm(
        team,
        form,
        form,
        await strandFields(ids.otherStrand, { lead: `contact:${contactId}` }),
      )
      assert.equal(res.status, 302)
      const saved = await strandRow(ids.otherStrand)
      assert.equal(saved.lead_contact_id, contactId)
      assert.equal(saved.lead_user_id, null)
      assert.equal(saved.lead_title, 'Director of Children and Families')
      const audit = await latestAudit('strand', ids.otherStrand)
      assert.equal(audit?.action, 'update')
      assert.equal((audit?.after as { lead_contact_id: number }).lead_contact_id, contactId)
      assert.equal((await latestRecord('strand', ids.otherStrand)).lead_contact_id, contactId)
      const strand = await team.get(P.strand(B, ids.otherStrand))
      assert.match(strand.text, /Sam Roe \(Yorkshire Police\), Director of Children and Families/)
      // The form shows the lead chosen.
      const again = await team.get(form)
      assert.match(again.text, new RegExp(`<option value="contact:${contactId}" selected>`))
    })

    it('saves the owner chosen for an objective, a milestone, a measure and a request to a partner', async () => {
      const objectiveForm = P.editObjective(B, ids.ownObjective)
      const o = await objectiveRow(ids.ownObjective)
      const objective = await postForm(lead, objectiveForm, objectiveForm, {
        title: o.title,
        intendedImpact: o.intended_impact,
        description: o.description,
        owner: 'Head of Early Help',
        ownedBy: `user:${ids.strandLeadUser}`,
      })
      assert.equal(objective.status, 302)
      const savedObjective = await objectiveRow(ids.ownObjective)
      assert.equal(savedObjective.owner, 'Head of Early Help')
      assert.equal(savedObjective.owner_user_id, ids.strandLeadUser)
      assert.equal((await latestRecord('objective', ids.ownObjective)).owner_user_id, ids.strandLeadUser)

      const newMilestone = P.newMilestone(B, ids.ownObjective)
      const milestone = await postForm(lead, newMilestone, newMilestone, {
        title: 'Audit contacts from the police',
        owner: '',
        ownedBy: `contact:${contactId}`,
        status: 'not-started',
        evidence: '',
        ...dateFields('dueOn', '2023-03-31'),
      })
      assert.equal(milestone.status, 302, 'a chosen owner is enough without a job title')
      const created = await db()
        .selectFrom('milestone')
        .selectAll()
        .where('title', '=', 'Audit contacts from the police')
        .executeTakeFirstOrThrow()
      assert.equal(created.owner_contact_id, contactId)
      assert.equal(created.owner_user_id, null)
      const page = await lead.get(P.objective(B, ids.ownObjective))
      assert.match(page.text, /data-qa="objective-owner"><strong>Owner:<\/strong> Demo Strand Lead, Head of Early Help/)
      assert.match(page.text, /data-qa="milestone-owner">Sam Roe \(Yorkshire Police\)</)

      const measure = await postForm(team, P.newMeasure(B), P.newMeasure(B), {
        name: 'Contacts from the police',
        code: 'POLICE-CONTACTS',
        unit: 'count',
        polarity: 'lower',
        frequency: 'monthly',
        decimals: '0',
        owner: 'Improvement Officer',
        ownedBy: `user:${improvementUserId}`,
      })
      assert.equal(measure.status, 302)
      const savedMeasure = await db()
        .selectFrom('measure')
        .selectAll()
        .where('code', '=', 'POLICE-CONTACTS')
        .executeTakeFirstOrThrow()
      assert.equal(savedMeasure.owner_user_id, improvementUserId)
      assert.match(
        (await team.get(P.measure(B, savedMeasure.id))).text,
        /Demo Improvement Officer, Improvement Officer/,
      )

      const partnerOrganisation = await org('partner')
      const request = await postForm(team, P.partnerRequests(B), P.partnerRequests(B), {
        partnerOrganisationId: String(partnerOrganisation),
        partner: '',
        ownedBy: `user:${partnerUserId}`,
        description: 'Attendance at strategy meetings',
        strandId: '',
        ...dateFields('requestedOn', '2023-01-05'),
        ...dateFields('dueOn', '2023-02-28'),
      })
      assert.equal(request.status, 302)
      const savedRequest = await db()
        .selectFrom('partner_request')
        .selectAll()
        .where('description', '=', 'Attendance at strategy meetings')
        .executeTakeFirstOrThrow()
      assert.equal(savedRequest.partner, 'District health partnership', 'named by its organisation')
      assert.equal(savedRequest.partner_organisation_id, partnerOrganisation)
      assert.equal(savedRequest.owner_user_id, partnerUserId)
      const requests = await team.get(P.partnerRequests(B))
      assert.match(requests.text, /data-qa="request-owner">Demo Partner Contact \(District health partnership\)</)
      // Only partner agencies whose people have access to Bradford are offered.
      assert.match(
        requests.text,
        new RegExp(`<option value="${partnerOrganisation}">District health partnership</option>`),
      )
      assert.doesNotMatch(requests.text, /Northfield Health/)
    })

    it('refuses a person or contact of another council on every form, keeping what was typed and saving nothing', async () => {
      const strandBefore = await strandRow(ids.ownStrand)
      const strandForm = P.editStrand(B, ids.ownStrand)
      const strand = await postForm(
        team,
        strandForm,
        strandForm,
        await strandFields(ids.ownStrand, { title: 'A title typed', lead: `user:${ids.northfieldAdmin}` }),
      )
      assert.equal(strand.status, 400)
      assert.match(strand.text, /That person does not have access to this council/)
      assert.match(strand.text, /value="A title typed"/)
      assert.deepEqual(await strandRow(ids.ownStrand), strandBefore)

      const milestoneBefore = await milestoneRow(ids.ownMilestone)
      const milestoneForm = P.editMilestone(B, ids.ownMilestone)
      const milestone = await postForm(
        lead,
        milestoneForm,
        milestoneForm,
        await milestoneFields(ids.ownMilestone, {
          evidence: 'Evidence typed',
          ownedBy: `contact:${northfieldContactId}`,
        }),
      )
      assert.equal(milestone.status, 400)
      assert.match(milestone.text, /That contact is not one of this council’s contacts/)
      assert.match(milestone.text, /href="#ownedBy"/)
      assert.match(milestone.text, /Evidence typed/)
      assert.deepEqual(await milestoneRow(ids.ownMilestone), milestoneBefore)

      const objectiveBefore = await objectiveRow(ids.otherObjective)
      const objectiveForm = P.editObjective(B, ids.otherObjective)
      const objective = await postForm(team, objectiveForm, objectiveForm, {
        title: objectiveBefore.title,
        intendedImpact: objectiveBefore.intended_impact,
        description: '',
        owner: '',
        ownedBy: `user:${ids.northfieldAdmin}`,
      })
      assert.equal(objective.status, 400)
      assert.deepEqual(await objectiveRow(ids.otherObjective), objectiveBefore)

      const measure = await postForm(team, P.newMeasure(B), P.newMeasure(B), {
        name: 'Refused measure',
        code: 'REFUSED',
        unit: 'count',
        polarity: 'lower',
        frequency: 'monthly',
        ownedBy: `contact:${northfieldContactId}`,
      })
      assert.equal(measure.status, 400)
      assert.match(measure.text, /That contact is not one of this council’s contacts/)
      assert.equal(
        await db().selectFrom('measure').select('id').where('code', '=', 'REFUSED').executeTakeFirst(),
        undefined,
      )

      const request = await postForm(team, P.partnerRequests(B), P.partnerRequests(B), {
        partner: 'Refused partner',
        partnerOrganisationId: String(await org('northfield-health')),
        ownedBy: '',
        description: 'x',
        ...dateFields('requestedOn', '2023-01-05'),
        ...dateFields('dueOn', '2023-02-28'),
      })
      assert.equal(request.status, 400, 'a partner agency of another council is not offered')
      assert.match(request.text, /Choose the partner organisation from the list/)
      const requestOwner = await postForm(team, P.partnerRequests(B), P.partnerRequests(B), {
        partner: 'Refused partner',
        partnerOrganisationId: '',
        ownedBy: `user:${ids.northfieldAdmin}`,
        description: 'x',
        ...dateFields('requestedOn', '2023-01-05'),
        ...dateFields('dueOn', '2023-02-28'),
      })
      assert.equal(requestOwner.status, 400)
      assert.match(requestOwner.text, /That person does not have access to this council/)
      assert.equal(
        await db()
          .selectFrom('partner_request')
          .select('id')
          .where('partner', '=', 'Refused partner')
          .executeTakeFirst(),
        undefined,
      )

      const malformed = await postForm(
        lead,
        milestoneForm,
        milestoneForm,
        await milestoneFields(ids.ownMilestone, { ownedBy: 'user:abc' }),
      )
      assert.equal(malformed.status, 400)
      assert.match(malformed.text, /Choose the milestone’s owner from the list/)
    })

    it('refuses another council’s person in the repository too: nothing is saved', async () => {
      const before = await milestoneRow(ids.ownMilestone)
      const actor = { userId: improvementUserId, organisationId: bradfordId }
      await assert.rejects(
        db()
          .transaction()
          .execute((trx) =>
            repo.updateMilestone(trx, actor, before, {
              title: before.title,
              owner: before.owner,
              ownedBy: { kind: 'user', userId: ids.northfieldAdmin },
              dueOn: before.due_on,
              status: before.status,
              completedOn: before.completed_on,
              evidence: before.evidence,
            }),
          ),
        (error: unknown) => error instanceof OwnerNotInCouncilError && /does not have access/.test(error.message),
      )
      await assert.rejects(
        db()
          .transaction()
          .execute((trx) =>
            repo.assignPlanItemOwner(
              trx,
              actor,
              'milestone',
              before,
              { kind: 'contact', contactId: northfieldContactId },
              {
                before: '',
                after: '',
              },
            ),
          ),
        OwnerNotInCouncilError,
      )
      assert.deepEqual(await milestoneRow(ids.ownMilestone), before)
    })

    it('keeps a strand lead’s right to edit coming from the lead with an account', async () => {
      const form = P.editStrand(B, ids.ownStrand)
      assert.equal((await lead.get(P.editMilestone(B, ids.ownMilestone))).status, 200)
      const toContact = await postForm(
        team,
        form,
        form,
        await strandFields(ids.ownStrand, { lead: `contact:${contactId}` }),
      )
      assert.equal(toContact.status, 302)
      assert.equal((await lead.get(P.editMilestone(B, ids.ownMilestone))).status, 403, 'no longer their strand')
      const back = await postForm(
        team,
        form,
        form,
        await strandFields(ids.ownStrand, { lead: `user:${ids.strandLeadUser}` }),
      )
      assert.equal(back.status, 302)
      assert.equal((await lead.get(P.editMilestone(B, ids.ownMilestone))).status, 200)
    })
  })
}
