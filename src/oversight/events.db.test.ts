// Inspections, visits and reviews and their findings: recorded and changed by the improvement team (audited,
// validated with what was typed kept), recorded from Ofsted's published data without retyping its judgements,
// listed with their warnings, exported as CSV, and never seen by another council or by roles without access.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { paths } from '../web/paths.js'
import { addDays } from '../shared/calendar.js'
import { todayIso } from '../shared/dates.js'

const P = paths.council
const B = 'bradford'

for (const kind of testDatabaseKinds()) {
  describe(`inspections, visits and reviews on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let board: Agent
    let adviser: Agent
    let viewer: Agent
    let partner: Agent
    let northfield: Agent
    let visitId: number
    let findingId: number
    /** The demo's events come first: the tests look only at those they record. */
    let demoMaxId: number

    const events = () =>
      database.db
        .selectFrom('oversight_event as e')
        .innerJoin('organisation as o', 'o.id', 'e.organisation_id')
        .selectAll('e')
        .where('o.slug', '=', B)
        .where('e.id', '>', demoMaxId)
        .orderBy('e.id')
        .execute()
    const auditOf = (entity: string, id: number) =>
      database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', entity)
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()
    const nationalOf = (startedOn: string) =>
      database.db
        .selectFrom('ofsted_inspection')
        .selectAll()
        .where('area_code', '=', '380')
        .where('started_on', '=', startedOn)
        .executeTakeFirstOrThrow()
    const idFrom = (location: string | undefined) => Number(/\/(\d+)$/.exec(location ?? '')?.[1])

    before(async () => {
      database = await kind.openDemo({ national: true })
      const max = await database.db
        .selectFrom('oversight_event')
        .select((eb) => eb.fn.max('id').as('id'))
        .executeTakeFirst()
      demoMaxId = max?.id ?? 0
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      board = await signedIn(app, 'board@bradford.example')
      adviser = await signedIn(app, 'adviser@dfe.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
      partner = await signedIn(app, 'partner@partner.example')
      northfield = await signedIn(app, 'admin@northfield.example')
    })
    after(() => database.close())

    it('refuses an inspection without its type and an end before the start, keeping what was typed', async () => {
      const res = await postForm(team, P.newOversightEvent(B), P.newOversightEvent(B), {
        kind: 'inspection',
        title: 'Our own title',
        state: 'held',
        ...dateFields('startsOn', '2019-05-14'),
        ...dateFields('endsOn', '2019-05-10'),
        summary: 'Typed summary',
        themes: 'Neglect\nPermanence',
      })
      assert.equal(res.status, 400)
      assert.match(res.text, /There is a problem/)
      assert.match(res.text, /Select whether it was a standard or a short inspection/)
      assert.match(res.text, /href="#inspectionType"/)
      assert.match(res.text, /value="Our own title"/)
      assert.match(res.text, /Typed summary/)
      assert.match(res.text, /Neglect\nPermanence/)
      assert.match(res.text, /name="endsOn-day" type="text" value="10"/)

      const late = await postForm(team, P.newOversightEvent(B), P.newOversightEvent(B), {
        kind: 'dfe-review',
        state: 'held',
        ...dateFields('startsOn', '2019-05-14'),
        ...dateFields('endsOn', '2019-05-10'),
      })
      assert.equal(late.status, 400)
      assert.match(late.text, /The end date must be the same as or after the start date/)
      assert.deepEqual(await events(), [])
    })

    it('records a visit with its themes as a list, drops a type sent with it, audited, and shows it', async () => {
      const res = await postForm(team, P.newOversightEvent(B), P.newOversightEvent(B), {
        kind: 'monitoring-visit',
        inspectionType: 'standard',
        judgement_overall: 'good',
        title: '',
        state: 'held',
        ...dateFields('startsOn', '2019-03-12'),
        ...dateFields('endsOn', '2019-03-13'),
        summary: 'Some progress on assessments',
        themes: 'Front door\n\n  Assessments \nfront door',
      })
      assert.equal(res.status, 302)
      const [saved] = await events()
      assert.ok(saved)
      visitId = saved.id
      assert.equal(res.headers.location, P.oversightEvent(B, visitId))
      assert.equal(saved.inspection_type, null, 'a type is for inspections only')
      assert.deepEqual(saved.judgements, {}, 'a visit is not graded')
      assert.deepEqual(saved.themes, ['Front door', 'Assessments'])
      assert.equal(saved.title, '')
      assert.equal(saved.national_inspection_id, null, 'no 2019 visit is in the national data')
      const [entry] = await auditOf('oversight-event', visitId)
      assert.equal(entry?.action, 'create')
      assert.match(entry?.summary ?? '', /Monitoring visit, March 2019/)

      const page = await adviser.get(P.oversightEvent(B, visitId))
      assert.equal(page.status, 200)
      assert.match(page.text, /<h1[^>]*>Monitoring visit, March 2019<\/h1>/)
      assert.match(page.text, /<li>Front door<\/li>\s*<li>Assessments<\/li>/)
      assert.match(page.text, /12 March 2019 to 13 March 2019/)
      assert.match(page.text, /No strengths, findings or recommendations recorded yet/)
      assert.doesNotMatch(page.text, /data-qa="change-event"/, 'an adviser reads, does not change')
      assert.doesNotMatch(page.text, /data-qa="add-finding"/)
    })

    it('changes an event, audited with before and after, showing what is stored', async () => {
      const form = P.editOversightEvent(B, visitId)
      const page = await team.get(form)
      assert.equal(page.status, 200)
      assert.match(page.text, /Front door\nAssessments<\/textarea>/)
      assert.match(page.text, /value="monitoring-visit" checked/)
      const res = await postForm(team, form, form, {
        kind: 'monitoring-visit',
        title: 'Spring visit (test)',
        state: 'held',
        ...dateFields('startsOn', '2019-03-12'),
        ...dateFields('endsOn', '2019-03-11'),
        summary: 'Changed',
        themes: 'Front door',
      })
      assert.equal(res.status, 400, 'the end is before the start')
      assert.match(res.text, /value="Spring visit \(test\)"/)
      const notices = await database.db
        .selectFrom('intervention as i')
        .innerJoin('organisation as o', 'o.id', 'i.organisation_id')
        .select(['i.id', 'o.slug'])
        .execute()
      const ours = notices.find((n) => n.slug === B)
      const theirs = notices.find((n) => n.slug === 'northfield')
      assert.ok(ours && theirs, 'the demo has a Notice for each council')
      const foreign = await postForm(team, form, form, {
        kind: 'monitoring-visit',
        state: 'held',
        interventionId: String(theirs.id),
        ...dateFields('startsOn', '2019-03-12'),
      })
      assert.equal(foreign.status, 400, 'another council’s Notice')
      assert.match(foreign.text, /Select the Notice or Direction from the list/)
      const ok = await postForm(team, form, form, {
        kind: 'monitoring-visit',
        title: 'Spring visit (test)',
        interventionId: String(ours.id),
        state: 'held',
        ...dateFields('startsOn', '2019-03-12'),
        summary: 'Changed',
        themes: 'Front door',
      })
      assert.equal(ok.status, 302)
      const [saved] = await events()
      assert.equal(saved?.title, 'Spring visit (test)')
      assert.equal(saved?.ends_on, null)
      assert.equal(saved?.intervention_id, ours.id)
      assert.deepEqual(saved?.themes, ['Front door'])
      const update = (await auditOf('oversight-event', visitId)).at(-1)
      assert.equal(update?.action, 'update')
      assert.equal((update?.before as { summary: string }).summary, 'Some progress on assessments')
      assert.equal((update?.after as { summary: string }).summary, 'Changed')
    })

    it('lists Ofsted’s published inspections not yet recorded, and records one without retyping its judgements', async () => {
      const inspection = await nationalOf('2022-11-21')
      assert.equal(inspection.kind, 'standard inspection')
      assert.equal(inspection.overall, 'inadequate')
      const list = await team.get(P.oversightEvents(B))
      assert.equal(list.status, 200)
      assert.match(list.text, /In Ofsted’s published data, not yet recorded here/)
      const recordLink = `${P.newOversightEvent(B)}?national=${inspection.id}`
      assert.ok(list.text.includes(`href="${recordLink}"`), 'a "Record this" link for the 2022 inspection')

      const form = await team.get(recordLink)
      assert.equal(form.status, 200)
      assert.match(form.text, /value="inspection" checked/)
      assert.match(form.text, /value="standard" checked/)
      assert.match(form.text, /name="startsOn-day" type="text" value="21"/)
      assert.match(form.text, /name="national" value="\d+"/)
      assert.match(form.text, /The judgements come from Ofsted’s published data/)
      assert.doesNotMatch(form.text, /name="judgement_overall"/, 'no judgement to type')

      const res = await postForm(team, recordLink, P.newOversightEvent(B), {
        national: String(inspection.id),
        kind: 'inspection',
        inspectionType: 'standard',
        judgement_overall: 'outstanding',
        state: 'held',
        ...dateFields('startsOn', '2022-11-21'),
        ...dateFields('endsOn', '2022-12-02'),
        ...dateFields('publishedOn', '2023-01-31'),
        themes: '',
      })
      assert.equal(res.status, 302)
      const recorded = (await events()).at(-1)!
      assert.equal(recorded.national_inspection_id, inspection.id)
      assert.deepEqual(recorded.judgements, {}, 'what the form sent is ignored')
      const page = await team.get(P.oversightEvent(B, recorded.id))
      assert.match(page.text, /From Ofsted’s published data/)
      assert.match(page.text, /Overall effectiveness\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*Inadequate/)

      const after = await team.get(P.oversightEvents(B))
      assert.ok(!after.text.includes(`href="${recordLink}"`), 'recorded, so no longer listed as not recorded')
      const again = await team.get(recordLink)
      assert.equal(again.status, 302, 'recording it twice goes to the one recorded')
      assert.equal(again.headers.location, P.oversightEvent(B, recorded.id))
    })

    it('hides a published visit that an event matches by kind and first day', async () => {
      const visit = await nationalOf('2024-05-22')
      assert.equal(visit.kind, 'monitoring visit')
      const link = `href="${P.newOversightEvent(B)}?national=${visit.id}"`
      assert.ok((await team.get(P.oversightEvents(B))).text.includes(link))
      const res = await postForm(team, P.newOversightEvent(B), P.newOversightEvent(B), {
        kind: 'monitoring-visit',
        state: 'held',
        ...dateFields('startsOn', '2024-05-22'),
      })
      assert.equal(res.status, 302)
      const matched = (await events()).at(-1)!
      assert.equal(matched.national_inspection_id, null, 'matched on its day, not named')
      const page = await team.get(P.oversightEvent(B, matched.id))
      assert.match(page.text, /Report published\s*<\/dt>\s*<dd class="govuk-summary-list__value">\s*12 July 2024/)
      assert.doesNotMatch(page.text, />Judgements<\/h2>/, 'a visit is not graded')
      const filtered = await team.get(`${P.oversightEvents(B)}?kind=monitoring-visit`)
      assert.ok(filtered.text.includes(`href="${P.oversightEvent(B, matched.id)}"`))
      assert.ok(!filtered.text.includes(`href="${P.oversightEvent(B, visitId + 1)}"`), 'the inspection is filtered out')
      assert.ok(!(await team.get(P.oversightEvents(B))).text.includes(link))
      assert.equal((await team.get(P.oversightEvents(B))).status, 200)
    })

    it('refuses a national record of another council', async () => {
      const other = await database.db
        .selectFrom('ofsted_inspection')
        .select('id')
        .where('area_code', '!=', '380')
        .executeTakeFirstOrThrow()
      assert.equal((await team.get(`${P.newOversightEvent(B)}?national=${other.id}`)).status, 404)
    })

    it('adds findings after the others, audited, going to the finding’s page, and refuses one without text', async () => {
      const form = P.newFinding(B, visitId)
      const page = await team.get(form)
      assert.equal(page.status, 200)
      assert.match(page.text, /The themes recorded for it: Front door/)
      const empty = await postForm(team, form, form, {
        kind: 'finding',
        reference: 'F1',
        theme: 'Front door',
        text: ' ',
      })
      assert.equal(empty.status, 400)
      assert.match(empty.text, /Enter what it says/)
      assert.match(empty.text, /value="F1"/)

      const first = await postForm(team, form, form, {
        kind: 'finding',
        reference: 'F1',
        theme: 'Front door',
        text: 'Referrals wait too long for a decision',
        ...dateFields('dueOn', addDays(todayIso(), -1)),
      })
      assert.equal(first.status, 302)
      findingId = idFrom(first.headers.location)
      assert.equal(first.headers.location, P.finding(B, findingId))
      await postForm(team, form, form, {
        kind: 'recommendation',
        reference: 'R1',
        text: 'Audit the front door monthly',
      })
      await postForm(team, form, form, { kind: 'strength', text: 'Leaders know their services well' })
      const findings = await database.db
        .selectFrom('oversight_finding')
        .selectAll()
        .where('event_id', '=', visitId)
        .orderBy('position')
        .execute()
      assert.deepEqual(
        findings.map((f) => [f.position, f.kind, f.reference]),
        [
          [1, 'finding', 'F1'],
          [2, 'recommendation', 'R1'],
          [3, 'strength', ''],
        ],
      )
      const [entry] = await auditOf('finding', findingId)
      assert.equal(entry?.action, 'create')

      const event = await team.get(P.oversightEvent(B, visitId))
      assert.match(event.text, /2 findings or recommendations have no linked action/)
      assert.match(event.text, /<caption[^>]*>Strengths<\/caption>/)
      assert.match(event.text, /<caption[^>]*>Recommendations<\/caption>/)
      assert.ok(event.text.includes(`href="${P.finding(B, findingId)}"`))
      assert.match(event.text, />Overdue<\/strong>/)
      const list = await team.get(P.oversightEvents(B))
      const row = list.text.split('data-qa="event-row"').find((r) => r.includes(P.oversightEvent(B, visitId)))
      assert.match(row ?? '', /2 with no linked action/)
      assert.match(row ?? '', /1 overdue/)
    })

    it('changes a finding, audited, and refuses a due date on a strength', async () => {
      const form = P.editFinding(B, findingId)
      const page = await team.get(form)
      assert.equal(page.status, 200)
      assert.match(page.text, /Referrals wait too long for a decision<\/textarea>/)
      const strength = await postForm(team, form, form, {
        kind: 'strength',
        text: 'Changed',
        ...dateFields('dueOn', '2030-01-01'),
      })
      assert.equal(strength.status, 400)
      assert.match(strength.text, /Remove the due date: a strength needs no action/)
      const res = await postForm(team, form, form, {
        kind: 'finding',
        reference: 'F1',
        theme: 'Front door',
        text: 'Referrals wait too long for a decision by a manager',
        ...dateFields('dueOn', '2030-01-01'),
      })
      assert.equal(res.status, 302)
      assert.equal(res.headers.location, P.finding(B, findingId))
      const update = (await auditOf('finding', findingId)).at(-1)
      assert.equal(update?.action, 'update')
      assert.equal((update?.after as { due_on: string }).due_on, '2030-01-01')
    })

    it('exports every finding and recommendation with its state and what answers it', async () => {
      const objective = await database.db
        .selectFrom('objective as o')
        .innerJoin('strand as s', 's.id', 'o.strand_id')
        .innerJoin('plan as p', 'p.id', 's.plan_id')
        .innerJoin('organisation as org', 'org.id', 'p.organisation_id')
        .select(['o.id', 'o.title', 's.code'])
        .where('org.slug', '=', B)
        .where('o.title', 'not like', '%,%')
        .where('o.title', 'not like', '%"%')
        .orderBy('o.id')
        .executeTakeFirstOrThrow()
      await database.db
        .insertInto('oversight_link')
        .values({ finding_id: findingId, objective_id: objective.id })
        .execute()
      const res = await board.get(P.findingsCsv(B))
      assert.equal(res.status, 200)
      assert.match(res.headers['content-type'] ?? '', /text\/csv/)
      const all = res.text.trim().split('\r\n')
      assert.equal(
        all[0],
        'Event,Event kind,Event date,Kind,Reference,Theme,Text,Due on,State,Closed on,Linked actions,Closure note',
      )
      assert.ok(all.length > 4, 'the demo’s findings too')
      const lines = all.filter((l) => l.startsWith('Spring visit (test),'))
      assert.equal(lines.length, 3, 'the three added here')
      const f1 = lines.find((l) => l.includes(',F1,'))
      assert.ok(f1)
      assert.ok(
        f1.startsWith(
          `Spring visit (test),Monitoring visit,2019-03-12,Finding,F1,Front door,Referrals wait too long for a decision by a manager,2030-01-01,In progress,,Objective ${objective.code}: ${objective.title},`,
        ),
        f1,
      )
      assert.ok(lines.some((l) => l.includes(',Recommendation,R1,,Audit the front door monthly,,No linked action,')))
      assert.ok(lines.some((l) => l.includes(',Strength,,,Leaders know their services well,,Strength noted,')))
    })

    it('keeps another council out: its events and findings are not found', async () => {
      const n = 'northfield'
      assert.equal((await northfield.get(P.oversightEvent(n, visitId))).status, 404)
      assert.equal((await northfield.get(P.editOversightEvent(n, visitId))).status, 404)
      assert.equal((await northfield.get(P.newFinding(n, visitId))).status, 404)
      assert.equal((await northfield.get(P.editFinding(n, findingId))).status, 404)
      const post = await postForm(northfield, P.oversightEvents(n), P.editFinding(n, findingId), {
        kind: 'finding',
        text: 'Taken over',
      })
      assert.equal(post.status, 404)
      const list = await northfield.get(P.oversightEvents(n))
      assert.equal(list.status, 200)
      assert.doesNotMatch(list.text, /Spring visit \(test\)/)
      assert.doesNotMatch((await northfield.get(P.findingsCsv(n))).text, /Referrals/)
    })

    it('lets readers read and only editors change; partners and viewers see none of it', async () => {
      for (const agent of [viewer, partner]) {
        assert.equal((await agent.get(P.oversightEvents(B))).status, 403)
        assert.equal((await agent.get(P.oversightEvent(B, visitId))).status, 403)
        assert.equal((await agent.get(P.findingsCsv(B))).status, 403)
      }
      assert.equal((await board.get(P.oversightEvents(B))).status, 200)
      assert.equal((await board.get(P.oversightEvent(B, visitId))).status, 200)
      for (const url of [
        P.newOversightEvent(B),
        P.editOversightEvent(B, visitId),
        P.newFinding(B, visitId),
        P.editFinding(B, findingId),
      ]) {
        assert.equal((await board.get(url)).status, 403, url)
      }
      const post = await postForm(board, P.oversightEvents(B), P.editFinding(B, findingId), {
        kind: 'finding',
        text: 'Changed by the Board',
      })
      assert.equal(post.status, 403)
      const list = await board.get(P.oversightEvents(B))
      assert.doesNotMatch(list.text, /data-qa="add-event"/)
      assert.doesNotMatch(list.text, /data-qa="record-national"/)
    })
  })
}
