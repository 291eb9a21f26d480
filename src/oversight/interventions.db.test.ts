// Notices and Directions: recorded and changed by the improvement team (audited, validated with what was
// typed kept), their numbered requirements, the compliance view with each requirement's state and evidence,
// the same as CSV, and who may see and change them.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { demoIds } from '../test-support/demo-ids.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'
const N = 'northfield'

const noticeFields = (overrides: Record<string, string> = {}) => ({
  kind: 'improvement-notice',
  title: 'Test Notice of 2018',
  ...dateFields('issuedOn', '2018-03-27'),
  issuedBy: 'Department for Education',
  overseerRole: 'commissioner',
  reviewIntervalMonths: '6',
  monitoringIntervalMonths: '3',
  summary: 'Issued after the inadequate judgement.',
  'endedOn-day': '',
  'endedOn-month': '',
  'endedOn-year': '',
  endedNote: '',
  ...overrides,
})

for (const kind of testDatabaseKinds()) {
  describe(`Notices, requirements and the compliance view on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let board: Agent
    let viewer: Agent
    let partner: Agent
    let adviser: Agent
    let northfield: Agent
    let ids: Awaited<ReturnType<typeof demoIds>>
    let noticeId = 0
    const requirementIds: Record<string, number> = {}

    const auditOf = (entity: string, id: number) =>
      database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', entity)
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()
    // The demo may hold interventions of its own: these tests find theirs by title.
    const noticesTitled = (title: string) =>
      database.db.selectFrom('intervention').selectAll().where('title', '=', title).execute()
    const requirementsOf = (interventionId: number) =>
      database.db
        .selectFrom('intervention_requirement')
        .selectAll()
        .where('intervention_id', '=', interventionId)
        .orderBy('position')
        .execute()

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      board = await signedIn(app, 'board@bradford.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
      partner = await signedIn(app, 'partner@partner.example')
      adviser = await signedIn(app, 'adviser@dfe.example')
      northfield = await signedIn(app, 'improvement@northfield.example')
      ids = await demoIds(database.db)
    })
    after(() => database.close())

    it('refuses a Notice with missing fields or an end before its issue, keeping what was typed', async () => {
      const missing = await postForm(
        team,
        P.newIntervention(B),
        P.newIntervention(B),
        noticeFields({ kind: '', title: ' ', reviewIntervalMonths: '30', issuedBy: 'The Secretary of State' }),
      )
      assert.equal(missing.status, 400)
      assert.match(missing.text, /There is a problem/)
      assert.match(missing.text, /Select whether it is an Improvement Notice or a Statutory Direction/)
      assert.match(missing.text, /Enter a title/)
      assert.match(missing.text, /as a whole number of months from 1 to 24, like 6/)
      assert.match(missing.text, /value="The Secretary of State"/)
      assert.match(missing.text, /Issued after the inadequate judgement\./)

      const endedEarly = await postForm(
        team,
        P.newIntervention(B),
        P.newIntervention(B),
        noticeFields(dateFields('endedOn', '2018-01-01')),
      )
      assert.equal(endedEarly.status, 400)
      assert.match(endedEarly.text, /The day it ended must be the same as or after the day it was issued/)
      assert.match(endedEarly.text, /href="#endedOn-day"/)
      assert.match(endedEarly.text, /value="Test Notice of 2018"/)
      assert.deepEqual(await noticesTitled('Test Notice of 2018'), [])
    })

    it('records a Notice, audited, and shows it in force with its details', async () => {
      const res = await postForm(team, P.newIntervention(B), P.newIntervention(B), noticeFields())
      assert.equal(res.status, 302)
      const [saved] = await noticesTitled('Test Notice of 2018')
      assert.ok(saved)
      noticeId = saved.id
      assert.equal(res.headers.location, P.intervention(B, noticeId))
      assert.equal(saved.kind, 'improvement-notice')
      assert.equal(saved.issued_on, '2018-03-27')
      assert.equal(saved.overseer_role, 'commissioner')
      assert.equal(saved.review_interval_months, 6)
      assert.equal(saved.monitoring_interval_months, 3)
      assert.equal(saved.ended_on, null)
      const [entry] = await auditOf('intervention', noticeId)
      assert.equal(entry?.action, 'create')
      assert.equal((entry?.after as { title: string }).title, 'Test Notice of 2018')

      const page = await team.get(P.intervention(B, noticeId))
      assert.equal(page.status, 200)
      assert.match(page.text, /<h1[^>]*>Test Notice of 2018<\/h1>/)
      assert.match(page.text, /In force/)
      assert.match(page.text, /27 March 2018/)
      assert.match(page.text, /Commissioner/)
      assert.match(page.text, /Expected every 3 months/)
      assert.match(page.text, /No requirements recorded yet/)
      assert.match(page.text, /data-qa="add-requirement"/)
    })

    it('changes a Notice, audited with before and after, and shows it ended', async () => {
      const form = P.editIntervention(B, noticeId)
      const page = await team.get(form)
      assert.equal(page.status, 200)
      assert.match(page.text, /value="Test Notice of 2018"/)
      const res = await postForm(
        team,
        form,
        form,
        noticeFields({
          monitoringIntervalMonths: '',
          ...dateFields('endedOn', '2022-06-30'),
          endedNote: 'Lifted after the 2022 inspection',
        }),
      )
      assert.equal(res.status, 302)
      const saved = await database.db
        .selectFrom('intervention')
        .selectAll()
        .where('id', '=', noticeId)
        .executeTakeFirstOrThrow()
      assert.equal(saved.monitoring_interval_months, null)
      assert.equal(saved.ended_on, '2022-06-30')
      const update = (await auditOf('intervention', noticeId)).at(-1)
      assert.equal(update?.action, 'update')
      assert.equal((update?.before as { ended_on: string | null }).ended_on, null)
      assert.equal((update?.after as { ended_on: string }).ended_on, '2022-06-30')
      const view = await team.get(P.intervention(B, noticeId))
      assert.match(view.text, /<strong class="govuk-tag govuk-tag--grey">Ended<\/strong>/)
      assert.match(view.text, /30 June 2022: Lifted after the 2022 inspection/)
      assert.match(view.text, /None expected/)
    })

    it('adds requirements in order, refusing a missing title or a paragraph already used', async () => {
      const form = P.newRequirement(B, noticeId)
      const blank = await postForm(team, form, form, {
        paragraph: '5a',
        title: '',
        ...dateFields('dueOn', '2020-01-31'),
      })
      assert.equal(blank.status, 400)
      assert.match(blank.text, /Enter a short title/)
      assert.match(blank.text, /value="5a"/)
      assert.match(blank.text, /value="2020"/)

      for (const [paragraph, title, due] of [
        ['5a', 'Set up a practice quality board', '2020-01-31'],
        ['5b', 'Cut caseloads for social workers', '2099-12-31'],
        ['6', 'Report progress to the Improvement Board', ''],
        ['7', 'Recruit permanent team managers', ''],
      ] as const) {
        const res = await postForm(team, form, form, {
          paragraph,
          title,
          ...(due ? dateFields('dueOn', due) : { 'dueOn-day': '', 'dueOn-month': '', 'dueOn-year': '' }),
        })
        assert.equal(res.status, 302, `paragraph ${paragraph}`)
        assert.equal(res.headers.location, P.intervention(B, noticeId))
      }
      const saved = await requirementsOf(noticeId)
      assert.deepEqual(
        saved.map((r) => [r.paragraph, r.position, r.due_on]),
        [
          ['5a', 1, '2020-01-31'],
          ['5b', 2, '2099-12-31'],
          ['6', 3, null],
          ['7', 4, null],
        ],
      )
      for (const r of saved) requirementIds[r.paragraph] = r.id
      const [created] = await auditOf('requirement', requirementIds['5a']!)
      assert.equal(created?.action, 'create')

      const clash = await postForm(team, form, form, { paragraph: '5A', title: 'Something else' })
      assert.equal(clash.status, 400)
      assert.match(
        clash.text,
        /Paragraph 5A is already in this Improvement Notice: give each requirement its own paragraph number/,
      )
      assert.match(clash.text, />Something else<\/textarea>/)
      assert.equal((await requirementsOf(noticeId)).length, 4)
    })

    it('changes a requirement, audited, refusing another requirement’s paragraph', async () => {
      const form = P.editRequirement(B, requirementIds['7']!)
      const page = await team.get(form)
      assert.equal(page.status, 200)
      assert.match(page.text, /value="7"/)
      const clash = await postForm(team, form, form, { paragraph: '6', title: 'Recruit permanent team managers' })
      assert.equal(clash.status, 400)
      assert.match(clash.text, /Paragraph 6 is already in this Improvement Notice/)
      const res = await postForm(team, form, form, {
        paragraph: '7',
        title: 'Recruit permanent managers for every team',
      })
      assert.equal(res.status, 302, 'keeping its own paragraph is fine')
      const update = (await auditOf('requirement', requirementIds['7']!)).at(-1)
      assert.equal(update?.action, 'update')
      assert.equal((update?.before as { title: string }).title, 'Recruit permanent team managers')
      assert.equal((update?.after as { title: string }).title, 'Recruit permanent managers for every team')
      assert.equal('intervention_title' in (update?.before as object), false, 'the audit holds the row only')
    })

    it('shows each requirement’s state and evidence, with the overdue ones counted and flagged', async () => {
      // 5b answered by an objective (in progress); 6 by the published report, then met; 5a overdue; 7 bare.
      const link = async (paragraph: string, target: string) => {
        const page = P.requirement(B, requirementIds[paragraph]!)
        const res = await postForm(team, page, P.requirementLinks(B, requirementIds[paragraph]!), { target })
        assert.equal(res.status, 302, `link ${target} to ${paragraph}`)
      }
      await link('5b', `objective:${ids.ownObjective}`)
      await link('6', `report:${ids.publishedReport}`)
      const close = await postForm(
        team,
        P.requirement(B, requirementIds['6']!),
        P.closeRequirement(B, requirementIds['6']!),
        { ...dateFields('closedOn', '2022-05-03'), note: 'The Board has had a report every quarter.' },
      )
      assert.equal(close.status, 302)

      const page = await board.get(P.intervention(B, noticeId))
      assert.equal(page.status, 200)
      assert.match(page.text, /4 requirements:\s+1 met, 1 overdue, 1 with no evidence linked, 1 in progress\./)
      assert.match(page.text, /1 requirement is overdue: past the day it was due and not yet met\./)
      const rows = [
        ...page.text.matchAll(/<tr class="govuk-table__row" data-qa="requirement-row">([\s\S]*?)<\/tr>/g),
      ].map((m) => m[1]!)
      assert.equal(rows.length, 4)
      const state = (row: string) => /data-qa="requirement-state">([^<]+)</.exec(row)?.[1]
      assert.deepEqual(rows.map(state), ['Overdue', 'In progress', 'Met', 'No evidence linked'])
      assert.match(rows[0]!, /<th scope="row" class="govuk-table__header">5a<\/th>/)
      assert.match(
        rows[0]!,
        new RegExp(`href="${P.requirement(B, requirementIds['5a']!)}">Set up a practice quality board`),
      )
      assert.match(rows[0]!, /31 January 2020/)
      assert.match(rows[0]!, /govuk-tag--red/)
      assert.match(rows[1]!, new RegExp(`href="${P.objective(B, ids.ownObjective)}"`))
      assert.match(
        rows[2]!,
        new RegExp(`href="${P.report(B, ids.publishedReport)}">Q2 2022/23 progress report \\(published\\)</a>`),
      )
      assert.match(rows[2]!, /on 3 May 2022/)
      assert.match(rows[3]!, /None linked/)
      assert.match(rows[3]!, /No deadline/)
      assert.doesNotMatch(page.text, /data-qa="add-requirement"/, 'a Board member reads, not adds')
      assert.doesNotMatch(page.text, /data-qa="edit-intervention"/)
    })

    it('downloads the compliance view as CSV', async () => {
      const res = await adviser.get(P.complianceCsv(B, noticeId))
      assert.equal(res.status, 200)
      assert.match(String(res.headers['content-type']), /text\/csv/)
      assert.match(
        String(res.headers['content-disposition']),
        new RegExp(`attachment; filename="?compliance-bradford-${noticeId}\\.csv`),
      )
      const objective = await database.db
        .selectFrom('objective')
        .innerJoin('strand', 'strand.id', 'objective.strand_id')
        .select(['objective.title', 'strand.code'])
        .where('objective.id', '=', ids.ownObjective)
        .executeTakeFirstOrThrow()
      const objectiveLabel = `${objective.code}: ${objective.title}`
      const quoted = /[",]/.test(objectiveLabel) ? `"${objectiveLabel.replace(/"/g, '""')}"` : objectiveLabel
      assert.equal(
        res.text,
        [
          'Paragraph,Requirement,Due on,Status,Met on,Evidence,Evidence note',
          '5a,Set up a practice quality board,2020-01-31,Overdue,,,',
          `5b,Cut caseloads for social workers,2099-12-31,In progress,,${quoted},`,
          '6,Report progress to the Improvement Board,,Met,2022-05-03,Q2 2022/23 progress report (published),The Board has had a report every quarter.',
          '7,Recruit permanent managers for every team,,No evidence linked,,,',
          '',
        ].join('\r\n'),
      )
    })

    it('lets Board members and advisers read but not change; viewers and partners see none of it', async () => {
      assert.equal((await adviser.get(P.intervention(B, noticeId))).status, 200)
      assert.equal((await board.get(P.newIntervention(B))).status, 403)
      assert.equal((await board.get(P.editIntervention(B, noticeId))).status, 403)
      assert.equal((await board.get(P.newRequirement(B, noticeId))).status, 403)
      assert.equal((await board.get(P.editRequirement(B, requirementIds['5a']!))).status, 403)
      const token = csrfFrom((await board.get(P.intervention(B, noticeId))).text)
      const post = await board
        .post(P.editIntervention(B, noticeId))
        .type('form')
        .send({ ...noticeFields({ title: 'Taken over' }), _csrf: token })
      assert.equal(post.status, 403)
      const add = await board
        .post(P.newRequirement(B, noticeId))
        .type('form')
        .send({ paragraph: '99', title: 'Sneaked in', _csrf: token })
      assert.equal(add.status, 403)
      assert.equal((await requirementsOf(noticeId)).length, 4)
      for (const agent of [viewer, partner]) {
        assert.equal((await agent.get(P.intervention(B, noticeId))).status, 403)
        assert.equal((await agent.get(P.complianceCsv(B, noticeId))).status, 403)
      }
    })

    it('never shows or changes one council’s Notice or requirement from another', async () => {
      const res = await postForm(
        northfield,
        P.newIntervention(N),
        P.newIntervention(N),
        noticeFields({ title: 'Northfield Direction', kind: 'statutory-direction' }),
      )
      assert.equal(res.status, 302)
      const theirs = await database.db
        .selectFrom('intervention')
        .select('id')
        .where('title', '=', 'Northfield Direction')
        .executeTakeFirstOrThrow()
      const form = P.newRequirement(N, theirs.id)
      assert.equal((await postForm(northfield, form, form, { paragraph: '1', title: 'Their own' })).status, 302)
      const [theirRequirement] = await requirementsOf(theirs.id)
      assert.ok(theirRequirement)

      assert.equal((await team.get(P.intervention(B, theirs.id))).status, 404)
      assert.equal((await team.get(P.complianceCsv(B, theirs.id))).status, 404)
      assert.equal((await team.get(P.editIntervention(B, theirs.id))).status, 404)
      assert.equal((await team.get(P.newRequirement(B, theirs.id))).status, 404)
      assert.equal((await team.get(P.editRequirement(B, theirRequirement.id))).status, 404)
      const token = csrfFrom((await team.get(P.intervention(B, noticeId))).text)
      const post = await team
        .post(P.editRequirement(B, theirRequirement.id))
        .type('form')
        .send({ paragraph: '1', title: 'Taken over', _csrf: token })
      assert.equal(post.status, 404)
      assert.equal((await requirementsOf(theirs.id))[0]?.title, 'Their own')
      assert.equal((await northfield.get(P.intervention(N, noticeId))).status, 404)
      // Another council's record is a 404 even to those who may not read it: never a 403 that confirms it.
      assert.equal((await viewer.get(P.intervention(B, theirs.id))).status, 404)
    })
  })
}
