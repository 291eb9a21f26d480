// Assigning owners in bulk: the list and its filters, one owner given to many items in one transaction (all
// or nothing), one audit entry per item, and nothing assigned when an item or the owner is not the council's.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, signedIn, type Agent } from '../test-support/http.js'
import { demoIds } from '../test-support/demo-ids.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'

/** The rows of the list: each checkbox's value, its type and its owner now. */
function rowsOf(html: string): Array<{ key: string; type: string; owner: string }> {
  return [...html.matchAll(/<tr class="govuk-table__row" data-qa="owned-item">([\s\S]*?)<\/tr>/g)].map((m) => {
    const row = m[1]!
    const cells = [...row.matchAll(/<td class="govuk-table__cell"[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.trim())
    return {
      key: /name="items" type="checkbox" value="([^"]+)"/.exec(row)![1]!,
      type: cells[2]!,
      owner: /data-qa="owner-now">([^<]*)</.exec(row)![1]!,
    }
  })
}

for (const kind of testDatabaseKinds()) {
  describe(`assigning owners in bulk on ${kind.name}`, () => {
    let database: DatabaseHandle
    let ids: Awaited<ReturnType<typeof demoIds>>
    let team: Agent
    let lead: Agent
    let contactId: number
    let requestId: number
    let measureId: number
    let otherMilestones: number[]

    const db = () => database.db
    const assignAudit = () =>
      db().selectFrom('audit_log').selectAll().where('action', '=', 'assign').orderBy('id').execute()
    /** Posts the assignment form with its CSRF token, from the page at `url` (filters included). */
    const assign = async (agent: Agent, url: string, fields: Record<string, string | string[]>) => {
      const page = await agent.get(url)
      assert.equal(page.status, 200)
      return agent
        .post(url)
        .type('form')
        .send({ ...fields, _csrf: csrfFrom(page.text) })
    }

    before(async () => {
      database = await kind.openDemo()
      ids = await demoIds(database.db)
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      lead = await signedIn(app, 'strand-lead@bradford.example')
      const bradford = (
        await db().selectFrom('organisation').select('id').where('slug', '=', B).executeTakeFirstOrThrow()
      ).id
      contactId = (
        await db()
          .insertInto('contact')
          .values({
            organisation_id: bradford,
            name: 'Sam Roe',
            employer: 'Yorkshire Police',
            email: 'sam@police.example',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      requestId = (
        await db()
          .insertInto('partner_request')
          .values({
            organisation_id: bradford,
            partner: 'Schools forum',
            description: 'Exclusions data',
            requested_on: '2023-01-05',
            due_on: '2023-02-28',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      measureId = ids.recordedMeasure
      otherMilestones = (
        await db().selectFrom('milestone').select('id').where('objective_id', '=', ids.otherObjective).execute()
      ).map((m) => m.id)
      // Owners as they were before owners were people: job titles, no one assigned.
      await db().updateTable('milestone').set({ owner_user_id: null, owner_contact_id: null }).execute()
      await db()
        .updateTable('objective')
        .set({ owner: 'Assistant Director', owner_user_id: null, owner_contact_id: null })
        .execute()
      await db()
        .updateTable('measure')
        .set({ owner: 'Head of Performance', owner_user_id: null, owner_contact_id: null })
        .execute()
    })
    after(() => database.close())

    it('lists every item with its owner now, and filters by type, by strand and to those with no owner', async () => {
      const all = rowsOf((await team.get(P.owners(B))).text)
      const keys = all.map((r) => r.key)
      for (const key of [
        `strand:${ids.ownStrand}`,
        `objective:${ids.ownObjective}`,
        `milestone:${ids.ownMilestone}`,
        `measure:${measureId}`,
        `partner-request:${requestId}`,
      ]) {
        assert.ok(keys.includes(key), key)
      }
      assert.ok(!keys.includes(`milestone:${ids.northfieldMilestone}`), 'never another council’s items')
      const ownStrand = all.find((r) => r.key === `strand:${ids.ownStrand}`)!
      assert.match(ownStrand.owner, /^Demo Strand Lead, /)
      assert.equal(all.find((r) => r.key === `measure:${measureId}`)?.owner, 'Unassigned (was: Head of Performance)')
      assert.equal(all.find((r) => r.key === `partner-request:${requestId}`)?.owner, 'Unassigned')

      const milestones = rowsOf((await team.get(`${P.owners(B)}?type=milestone`)).text)
      assert.ok(milestones.length > 0)
      assert.ok(milestones.every((r) => r.type === 'Milestone' && r.key.startsWith('milestone:')))

      const unassigned = rowsOf((await team.get(`${P.owners(B)}?unassigned=yes`)).text)
      assert.ok(unassigned.length > 0)
      assert.ok(unassigned.every((r) => r.owner.startsWith('Unassigned')))
      assert.ok(!unassigned.some((r) => r.key === `strand:${ids.ownStrand}`), 'strand 1 has its lead')

      const inStrand = rowsOf((await team.get(`${P.owners(B)}?strand=${ids.ownStrand}&type=objective`)).text)
      assert.ok(inStrand.some((r) => r.key === `objective:${ids.ownObjective}`))
      assert.ok(!inStrand.some((r) => r.key === `objective:${ids.otherObjective}`))

      const ignored = rowsOf((await team.get(`${P.owners(B)}?type=bogus&strand=x1`)).text)
      assert.equal(ignored.length, all.length, 'a filter value no page offers shows everything')

      assert.equal((await lead.get(P.owners(B))).status, 403)
    })

    it('assigns every selected item in one go, one audit entry each, and keeps the filters', async () => {
      const before = await assignAudit()
      const selected = [
        `strand:${ids.otherStrand}`,
        `objective:${ids.otherObjective}`,
        ...otherMilestones.map((m) => `milestone:${m}`),
        `measure:${measureId}`,
        `partner-request:${requestId}`,
      ]
      const url = `${P.owners(B)}?unassigned=yes`
      const res = await assign(team, url, { items: selected, ownedBy: `contact:${contactId}` })
      assert.equal(res.status, 302)
      assert.equal(res.headers.location, url)
      const strand = await db()
        .selectFrom('strand')
        .selectAll()
        .where('id', '=', ids.otherStrand)
        .executeTakeFirstOrThrow()
      assert.equal(strand.lead_contact_id, contactId)
      assert.equal(strand.lead_user_id, null)
      const objective = await db()
        .selectFrom('objective')
        .selectAll()
        .where('id', '=', ids.otherObjective)
        .executeTakeFirstOrThrow()
      assert.equal(objective.owner_contact_id, contactId)
      assert.equal(objective.owner, 'Assistant Director', 'the role label stays')
      const milestones = await db().selectFrom('milestone').selectAll().where('id', 'in', otherMilestones).execute()
      assert.ok(milestones.every((m) => m.owner_contact_id === contactId && m.owner_user_id === null))
      const measure = await db().selectFrom('measure').selectAll().where('id', '=', measureId).executeTakeFirstOrThrow()
      assert.equal(measure.owner_contact_id, contactId)
      const request = await db()
        .selectFrom('partner_request')
        .selectAll()
        .where('id', '=', requestId)
        .executeTakeFirstOrThrow()
      assert.equal(request.owner_contact_id, contactId)

      const entries = (await assignAudit()).slice(before.length)
      assert.equal(entries.length, selected.length, 'one audit entry per item')
      const measureEntry = entries.find((e) => e.entity_type === 'measure')!
      assert.deepEqual(measureEntry.before, {
        owner_user_id: null,
        owner_contact_id: null,
        owner: 'Unassigned (was: Head of Performance)',
      })
      assert.deepEqual(measureEntry.after, {
        owner_user_id: null,
        owner_contact_id: contactId,
        owner: 'Sam Roe (Yorkshire Police), Head of Performance',
      })
      assert.ok(entries.every((e) => e.organisation_id !== null && e.user_id !== null))
      assert.deepEqual([...new Set(entries.map((e) => e.entity_type))].sort(), [
        'measure',
        'milestone',
        'objective',
        'partner_request',
        'strand',
      ])
      // The plan's history records the strand's new lead.
      const record = await db()
        .selectFrom('plan_record')
        .select('state')
        .where('item_type', '=', 'strand')
        .where('item_id', '=', ids.otherStrand)
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow()
      assert.equal((record.state as { lead_contact_id: number }).lead_contact_id, contactId)

      const page = await team.get(res.headers.location)
      assert.match(page.text, new RegExp(`${selected.length} items assigned to Sam Roe \\(Yorkshire Police\\)`))
      assert.ok(!rowsOf(page.text).some((r) => selected.includes(r.key)), 'assigned items leave the unassigned list')

      // Again: nothing changes, and the banner says so.
      const again = await assign(team, P.owners(B), {
        items: [`measure:${measureId}`],
        ownedBy: `contact:${contactId}`,
      })
      assert.equal(again.status, 302)
      assert.equal((await assignAudit()).length, before.length + selected.length)
      assert.match(
        (await team.get(P.owners(B))).text,
        /0 items assigned to Sam Roe[\s\S]*1 of the items you selected already had this owner/,
      )
    })

    it('assigns nothing when one selected item is another council’s or no longer there', async () => {
      const before = await assignAudit()
      const ownBefore = await db()
        .selectFrom('milestone')
        .selectAll()
        .where('id', '=', ids.ownMilestone)
        .executeTakeFirstOrThrow()
      for (const stray of [
        `milestone:${ids.northfieldMilestone}`,
        'milestone:999999999',
        `strand:${ids.northfieldStrand}`,
      ]) {
        const res = await assign(team, P.owners(B), {
          items: [`milestone:${ids.ownMilestone}`, `objective:${ids.ownObjective}`, stray],
          ownedBy: `user:${ids.strandLeadUser}`,
        })
        assert.equal(res.status, 400, stray)
        assert.match(res.text, /Nothing was assigned: some of the items you selected are no longer in this list/)
        assert.match(res.text, new RegExp(`value="milestone:${ids.ownMilestone}" checked`), 'the selection is kept')
        assert.match(res.text, new RegExp(`<option value="user:${ids.strandLeadUser}" selected>`))
      }
      assert.deepEqual(
        await db().selectFrom('milestone').selectAll().where('id', '=', ids.ownMilestone).executeTakeFirstOrThrow(),
        ownBefore,
      )
      const objective = await db()
        .selectFrom('objective')
        .selectAll()
        .where('id', '=', ids.ownObjective)
        .executeTakeFirstOrThrow()
      assert.equal(objective.owner_user_id, null)
      const northfield = await db()
        .selectFrom('milestone')
        .selectAll()
        .where('id', '=', ids.northfieldMilestone)
        .executeTakeFirstOrThrow()
      assert.equal(northfield.owner_user_id, null)
      assert.equal((await assignAudit()).length, before.length, 'no audit entries')
    })

    it('refuses an owner of another council, and asks for the items and the owner', async () => {
      const before = await assignAudit()
      const foreign = await assign(team, P.owners(B), {
        items: [`milestone:${ids.ownMilestone}`],
        ownedBy: `user:${ids.northfieldAdmin}`,
      })
      assert.equal(foreign.status, 400)
      assert.match(foreign.text, /That person does not have access to this council/)
      const none = await assign(team, P.owners(B), { ownedBy: '' })
      assert.equal(none.status, 400)
      assert.match(none.text, /Select the items to assign/)
      assert.match(none.text, /Choose who to assign them to/)
      const malformed = await assign(team, P.owners(B), {
        items: ['milestone:1; drop'],
        ownedBy: `contact:${contactId}`,
      })
      assert.equal(malformed.status, 400)
      assert.match(malformed.text, /Select items from the list/)
      const milestone = await db()
        .selectFrom('milestone')
        .selectAll()
        .where('id', '=', ids.ownMilestone)
        .executeTakeFirstOrThrow()
      assert.equal(milestone.owner_user_id, null)
      assert.equal((await assignAudit()).length, before.length)
    })
  })
}
