// The page of a requirement or finding: its state and warnings in words, linking it to what answers it
// (only the council's own things, of the types it may link to, each once), closing it with evidence,
// reopening it, removing a link, every change audited, and who may see and change it.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { demoIds, organisationIdOf, userIdOf } from '../test-support/demo-ids.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'

for (const kind of testDatabaseKinds()) {
  describe(`requirement and finding pages on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let board: Agent
    let viewer: Agent
    let partner: Agent
    let adviser: Agent
    let ids: Awaited<ReturnType<typeof demoIds>>
    /** Bradford's: an overdue requirement, one due later, a recommendation, a strength and a Board meeting. */
    const own = { overdue: 0, later: 0, eventId: 0, recommendation: 0, strength: 0, meeting: 0 }
    /** Northfield's: a requirement, a finding and a link. */
    const theirs = { requirement: 0, finding: 0, link: 0 }

    const linksOf = (column: 'requirement_id' | 'finding_id', id: number) =>
      database.db.selectFrom('oversight_link').selectAll().where(column, '=', id).orderBy('id').execute()
    const auditOf = (entity: string, id: number) =>
      database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', entity)
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()
    const findingRow = (id: number) =>
      database.db.selectFrom('oversight_finding').selectAll().where('id', '=', id).executeTakeFirstOrThrow()
    const flashOf = async (agent: Agent, url: string) =>
      /data-qa="flash"[\s\S]*?<\/div>\s*<\/div>/.exec((await agent.get(url)).text)?.[0] ?? ''

    before(async () => {
      database = await kind.openDemo()
      const db = database.db
      const app = buildTestApp(db)
      team = await signedIn(app, 'improvement@bradford.example')
      board = await signedIn(app, 'board@bradford.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
      partner = await signedIn(app, 'partner@partner.example')
      adviser = await signedIn(app, 'adviser@dfe.example')
      ids = await demoIds(db)
      const bradford = await organisationIdOf(db, B)
      const northfield = await organisationIdOf(db, 'northfield')

      const intervention = async (organisationId: number) =>
        (
          await db
            .insertInto('intervention')
            .values({
              organisation_id: organisationId,
              kind: 'improvement-notice',
              title: 'Tracked items test Notice',
              issued_on: '2018-03-27',
              issued_by: 'Department for Education',
              overseer_role: 'adviser',
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      const requirement = async (interventionId: number, paragraph: string, dueOn: string | null, position: number) =>
        (
          await db
            .insertInto('intervention_requirement')
            .values({
              intervention_id: interventionId,
              paragraph,
              title: `Requirement ${paragraph}`,
              due_on: dueOn,
              position,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      const event = async (organisationId: number) =>
        (
          await db
            .insertInto('oversight_event')
            .values({
              organisation_id: organisationId,
              kind: 'monitoring-visit',
              title: 'Tracked items test visit',
              starts_on: '2019-05-01',
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id
      const finding = async (eventId: number, kind: 'strength' | 'recommendation', position: number) =>
        (
          await db
            .insertInto('oversight_finding')
            .values({
              event_id: eventId,
              kind,
              reference: kind === 'strength' ? '' : 'T1',
              theme: 'Supervision',
              text: kind === 'strength' ? 'Managers know their teams well.' : 'Make supervision regular and recorded.',
              due_on: kind === 'strength' ? null : '2099-01-01',
              position,
            })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id

      const ownNotice = await intervention(bradford)
      own.overdue = await requirement(ownNotice, '3a', '2020-01-31', 1)
      own.later = await requirement(ownNotice, '3b', '2099-12-31', 2)
      own.eventId = await event(bradford)
      own.recommendation = await finding(own.eventId, 'recommendation', 1)
      own.strength = await finding(own.eventId, 'strength', 2)
      own.meeting = (
        await db
          .insertInto('board_meeting')
          .values({ organisation_id: bradford, held_on: '2022-06-01', title: 'Test Board meeting' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id

      theirs.requirement = await requirement(await intervention(northfield), '1', null, 1)
      theirs.finding = await finding(await event(northfield), 'recommendation', 1)
      theirs.link = (
        await db
          .insertInto('oversight_link')
          .values({ requirement_id: theirs.requirement, objective_id: ids.northfieldObjective })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    })
    after(() => database.close())

    it('shows a requirement’s state and warnings in words, and offers all five kinds of link', async () => {
      const page = await team.get(P.requirement(B, own.overdue))
      assert.equal(page.status, 200)
      assert.match(page.text, /<h1[^>]*>Paragraph 3a: Requirement 3a<\/h1>/)
      assert.match(page.text, /data-qa="item-state">Overdue</)
      assert.match(page.text, /Overdue: it was due by 31 January 2020 and is not yet met\./)
      assert.match(page.text, /No evidence is linked to this requirement yet\./)
      assert.match(page.text, /data-qa="no-links">Nothing is linked yet\./)
      for (const group of ['Objectives', 'Milestones', 'Progress reports', 'Board meetings', 'Evidence entries']) {
        assert.match(page.text, new RegExp(`<optgroup label="${group}">`), group)
      }
      assert.match(page.text, new RegExp(`value="meeting:${own.meeting}">Test Board meeting \\(1 June 2022\\)<`))
      assert.match(page.text, new RegExp(`value="objective:${ids.ownObjective}"`))
      assert.match(
        page.text,
        new RegExp(`value="report:${ids.publishedReport}">Q2 2022/23 progress report \\(published\\)<`),
      )
      assert.doesNotMatch(page.text, new RegExp(`value="objective:${ids.northfieldObjective}"`))
      assert.match(page.text, /data-qa="close-form"/)
      assert.match(page.text, /Tracked items test Notice/)
    })

    it('shows a finding with its visit, and offers only objectives, milestones and evidence', async () => {
      const page = await team.get(P.finding(B, own.recommendation))
      assert.equal(page.status, 200)
      assert.match(page.text, /<h1[^>]*>Recommendation T1: Supervision<\/h1>/)
      assert.match(page.text, new RegExp(`href="${P.oversightEvent(B, own.eventId)}">Tracked items test visit</a>`))
      assert.match(page.text, /Monitoring visit, 1 May 2019/)
      assert.match(page.text, /Make supervision regular and recorded\./)
      assert.match(page.text, /data-qa="item-state">No linked action</)
      assert.match(page.text, /No objective or milestone answers this yet\./)
      assert.match(page.text, /<optgroup label="Objectives">/)
      assert.match(page.text, /<optgroup label="Milestones">/)
      assert.match(page.text, /<optgroup label="Evidence entries">/)
      assert.doesNotMatch(page.text, /<optgroup label="Progress reports">/)
      assert.doesNotMatch(page.text, /<optgroup label="Board meetings">/)
    })

    it('links what the council owns, audited, once', async () => {
      const page = P.requirement(B, own.later)
      const action = P.requirementLinks(B, own.later)
      const res = await postForm(team, page, action, { target: `meeting:${own.meeting}` })
      assert.equal(res.status, 302)
      assert.equal(res.headers.location, page)
      const [link] = await linksOf('requirement_id', own.later)
      assert.equal(link?.meeting_id, own.meeting)
      const entry = (await auditOf('requirement', own.later)).at(-1)
      assert.equal(entry?.action, 'link')
      assert.equal(entry?.summary, 'Linked board meeting Test Board meeting (1 June 2022)')
      const after = await team.get(page)
      assert.match(after.text, /Link added/)
      assert.match(after.text, /data-qa="item-state">In progress</)
      assert.doesNotMatch(after.text, new RegExp(`value="meeting:${own.meeting}"`), 'no longer offered')
      assert.match(after.text, new RegExp(`href="${P.boardMeeting(B, own.meeting)}">Test Board meeting`))

      const again = await postForm(team, page, action, { target: `meeting:${own.meeting}` })
      assert.equal(again.status, 302)
      assert.match(await flashOf(team, page), /Already linked[\s\S]*was already linked, so nothing changed/)
      assert.equal((await linksOf('requirement_id', own.later)).length, 1)
    })

    it('refuses another council’s item, a type the item may not link to, or no choice, linking nothing', async () => {
      const page = P.requirement(B, own.later)
      const theirsTried = await postForm(team, page, P.requirementLinks(B, own.later), {
        target: `objective:${ids.northfieldObjective}`,
      })
      assert.equal(theirsTried.status, 400)
      assert.match(theirsTried.text, /That is not one of this council’s current plan items, reports or Board meetings/)
      assert.match(theirsTried.text, /href="#target"/)
      assert.equal((await linksOf('requirement_id', own.later)).length, 1)

      const findingPage = P.finding(B, own.recommendation)
      const report = await postForm(team, findingPage, P.findingLinks(B, own.recommendation), {
        target: `report:${ids.publishedReport}`,
      })
      assert.equal(report.status, 400)
      assert.match(report.text, /can be linked only to an objective, a milestone or an evidence entry/)
      const none = await postForm(team, findingPage, P.findingLinks(B, own.recommendation), { target: '' })
      assert.equal(none.status, 400)
      assert.match(none.text, /Choose what to link from the list/)
      assert.deepEqual(await linksOf('finding_id', own.recommendation), [])
    })

    it('refuses to close without an action linked or an evidence note, or with a day to come, keeping what was typed', async () => {
      const page = P.finding(B, own.recommendation)
      const action = P.closeFinding(B, own.recommendation)
      assert.equal(
        (
          await postForm(team, page, P.findingLinks(B, own.recommendation), {
            target: `evidence:${ids.bradfordEvidence}`,
          })
        ).status,
        302,
      )
      const res = await postForm(team, page, action, { ...dateFields('closedOn', '2023-02-01'), note: '  ' })
      assert.equal(res.status, 400)
      assert.match(res.text, /Say what shows it is met: the evidence, in a sentence or two/)
      assert.match(res.text, /Link the objective or milestone that answered it first/)
      assert.match(res.text, /href="#note"/)
      assert.match(res.text, /href="#target"/)
      assert.match(res.text, /name="closedOn-year" type="text" value="2023"/)

      const future = await postForm(team, page, action, { ...dateFields('closedOn', '2099-01-01'), note: 'All done.' })
      assert.equal(future.status, 400)
      assert.match(future.text, /The day it was met cannot be in the future/)
      assert.match(future.text, />All done\.<\/textarea>/)
      assert.equal((await findingRow(own.recommendation)).closed_on, null)
    })

    it('closes a finding with its action and evidence, audited, and shows who closed it', async () => {
      const page = P.finding(B, own.recommendation)
      assert.equal(
        (await postForm(team, page, P.findingLinks(B, own.recommendation), { target: `milestone:${ids.ownMilestone}` }))
          .status,
        302,
      )
      const res = await postForm(team, page, P.closeFinding(B, own.recommendation), {
        ...dateFields('closedOn', '2023-02-01'),
        note: 'Audits show monthly supervision for every worker.',
      })
      assert.equal(res.status, 302)
      const row = await findingRow(own.recommendation)
      assert.equal(row.closed_on, '2023-02-01')
      assert.equal(row.closure_note, 'Audits show monthly supervision for every worker.')
      assert.equal(row.closed_by, await userIdOf(database.db, 'improvement@bradford.example'))
      const entry = (await auditOf('finding', own.recommendation)).at(-1)
      assert.equal(entry?.action, 'close')
      assert.deepEqual(entry?.before, { closed_on: null, closure_note: '', closed_by: null })
      assert.equal((entry?.after as { closed_on: string }).closed_on, '2023-02-01')

      const shown = await adviser.get(page)
      assert.match(shown.text, /data-qa="item-state">Closed</)
      assert.match(shown.text, /1 February 2023/)
      assert.match(shown.text, /Demo Improvement Officer/)
      assert.match(shown.text, /Audits show monthly supervision for every worker\./)
      assert.doesNotMatch(shown.text, /data-qa="reopen"/, 'an adviser reads, not reopens')
      assert.match((await team.get(page)).text, /data-qa="reopen"/)
    })

    it('marks a requirement met with its linked evidence', async () => {
      const page = P.requirement(B, own.later)
      const res = await postForm(team, page, P.closeRequirement(B, own.later), {
        ...dateFields('closedOn', '2022-06-02'),
        note: 'The Board agreed the plan on 1 June.',
      })
      assert.equal(res.status, 302)
      const shown = await team.get(page)
      assert.match(shown.text, /Paragraph 3b marked as met/)
      assert.match(shown.text, /data-qa="item-state">Met</)
      assert.match(shown.text, /2 June 2022/)
      assert.equal((await auditOf('requirement', own.later)).at(-1)?.action, 'close')
    })

    it('reopens, clearing the closure and keeping the old values in the audit', async () => {
      const page = P.finding(B, own.recommendation)
      const res = await postForm(team, page, P.reopenFinding(B, own.recommendation), {})
      assert.equal(res.status, 302)
      const row = await findingRow(own.recommendation)
      assert.equal(row.closed_on, null)
      assert.equal(row.closure_note, '')
      assert.equal(row.closed_by, null)
      const entry = (await auditOf('finding', own.recommendation)).at(-1)
      assert.equal(entry?.action, 'reopen')
      assert.equal((entry?.before as { closed_on: string }).closed_on, '2023-02-01')
      assert.equal(
        (entry?.before as { closure_note: string }).closure_note,
        'Audits show monthly supervision for every worker.',
      )
      const shown = await team.get(page)
      assert.match(shown.text, /Recommendation T1 reopened/)
      assert.doesNotMatch(shown.text, /data-qa="item-state">Closed</)
      assert.match(shown.text, /data-qa="close-form"/)
    })

    it('removes a link, audited, and never another council’s', async () => {
      const [link] = await linksOf('finding_id', own.recommendation)
      assert.ok(link?.evidence_id, 'the evidence link, added first')
      const page = P.finding(B, own.recommendation)
      const res = await postForm(team, page, P.deleteOversightLink(B, link.id), {})
      assert.equal(res.status, 302)
      assert.equal(res.headers.location, page)
      const left = await linksOf('finding_id', own.recommendation)
      assert.deepEqual(
        left.map((l) => l.milestone_id),
        [ids.ownMilestone],
      )
      const entry = (await auditOf('finding', own.recommendation)).at(-1)
      assert.equal(entry?.action, 'unlink')
      assert.equal((entry?.before as { evidence_id: number }).evidence_id, ids.bradfordEvidence)

      const theirsTried = await postForm(team, page, P.deleteOversightLink(B, theirs.link), {})
      assert.equal(theirsTried.status, 404)
      assert.equal((await linksOf('requirement_id', theirs.requirement)).length, 1)
    })

    it('treats another council’s requirement or finding as not found', async () => {
      assert.equal((await team.get(P.requirement(B, theirs.requirement))).status, 404)
      assert.equal((await team.get(P.finding(B, theirs.finding))).status, 404)
      const page = P.requirement(B, own.overdue)
      for (const action of [
        P.requirementLinks(B, theirs.requirement),
        P.closeRequirement(B, theirs.requirement),
        P.reopenRequirement(B, theirs.requirement),
        P.findingLinks(B, theirs.finding),
        P.closeFinding(B, theirs.finding),
      ]) {
        const res = await postForm(team, page, action, { target: `objective:${ids.ownObjective}`, note: 'x' })
        assert.equal(res.status, 404, action)
      }
      assert.equal((await linksOf('requirement_id', theirs.requirement)).length, 1)
      assert.deepEqual(await linksOf('finding_id', theirs.finding), [])
    })

    it('lets a Board member read but not change, and shows viewers and partners nothing', async () => {
      const page = P.requirement(B, own.later)
      const shown = await board.get(page)
      assert.equal(shown.status, 200)
      assert.doesNotMatch(shown.text, /data-qa="add-link-form"/)
      assert.doesNotMatch(shown.text, /data-qa="remove-link"/)
      assert.doesNotMatch(shown.text, /data-qa="reopen"/)
      const token = csrfFrom(shown.text)
      const [link] = await linksOf('requirement_id', own.later)
      assert.ok(link)
      for (const action of [
        P.requirementLinks(B, own.later),
        P.closeRequirement(B, own.overdue),
        P.reopenRequirement(B, own.later),
        P.deleteOversightLink(B, link.id),
      ]) {
        const res = await board
          .post(action)
          .type('form')
          .send({ target: `objective:${ids.ownObjective}`, note: 'x', _csrf: token })
        assert.equal(res.status, 403, action)
      }
      assert.equal((await linksOf('requirement_id', own.later)).length, 1)
      for (const agent of [viewer, partner]) {
        assert.equal((await agent.get(page)).status, 403)
        assert.equal((await agent.get(P.finding(B, own.recommendation))).status, 403)
      }
    })

    it('notes a strength without tracking it to closure', async () => {
      const page = P.finding(B, own.strength)
      const shown = await team.get(page)
      assert.equal(shown.status, 200)
      assert.match(shown.text, /data-qa="item-state">Strength noted</)
      assert.match(shown.text, /data-qa="strength-note"/)
      assert.doesNotMatch(shown.text, /data-qa="close-form"/)
      assert.doesNotMatch(shown.text, /No objective or milestone answers this yet/)
      const res = await postForm(team, page, P.closeFinding(B, own.strength), {
        ...dateFields('closedOn', '2023-02-01'),
        note: 'Noted.',
      })
      assert.equal(res.status, 400)
      assert.match(res.text, /A strength needs no action, so it is not closed/)
      assert.equal((await findingRow(own.strength)).closed_on, null)
    })
  })
}
