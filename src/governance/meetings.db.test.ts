// Board meetings: recorded and changed by the improvement team with their decisions in order, validated with
// what was typed kept, audited with the decisions before and after, read by the Board, and never seen by
// another council.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { organisationIdOf } from '../test-support/demo-ids.js'
import { buildTestApp, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { quarterOf } from '../shared/calendar.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'
const N = 'northfield'

for (const kind of testDatabaseKinds()) {
  describe(`Board meetings on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let board: Agent
    let adviser: Agent
    let viewer: Agent
    let partner: Agent
    let northfield: Agent
    let report: { id: number; quarter_start: string }
    let meetingId: number

    const decisionsOf = (id: number) =>
      database.db
        .selectFrom('board_decision')
        .select(['position', 'text'])
        .where('meeting_id', '=', id)
        .orderBy('position')
        .execute()
    const meetingCount = async () =>
      Number(
        (
          await database.db
            .selectFrom('board_meeting')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      )
    const auditOf = (id: number) =>
      database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', 'board-meeting')
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      board = await signedIn(app, 'board@bradford.example')
      adviser = await signedIn(app, 'adviser@dfe.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
      partner = await signedIn(app, 'partner@partner.example')
      northfield = await signedIn(app, 'admin@northfield.example')
      report = await database.db
        .selectFrom('report')
        .select(['id', 'quarter_start'])
        .where('organisation_id', '=', await organisationIdOf(database.db, B))
        .where('status', '=', 'published')
        .orderBy('quarter_start')
        .executeTakeFirstOrThrow()
    })
    after(() => database.close())

    it('offers the council’s reports by quarter and status, and suggests a title', async () => {
      const page = await team.get(P.newBoardMeeting(B))
      assert.equal(page.status, 200)
      assert.match(page.text, /name="title" type="text" value="Improvement Board"/)
      assert.match(
        page.text,
        new RegExp(`<option value="${report.id}">${quarterOf(report.quarter_start).label}, published`),
      )
      assert.match(page.text, /<option value="" selected>None<\/option>/)
    })

    it('refuses a meeting without a date or title, keeping what was typed', async () => {
      const countBefore = await meetingCount()
      const res = await postForm(team, P.newBoardMeeting(B), P.newBoardMeeting(B), {
        'heldOn-day': '31',
        'heldOn-month': '2',
        'heldOn-year': '2019',
        title: ' ',
        reportId: String(report.id),
        summary: 'Kept summary',
        decisions: 'Kept decision one\nKept decision two',
      })
      assert.equal(res.status, 400)
      assert.match(res.text, /There is a problem/)
      assert.match(res.text, /The date the meeting was held must be a real date/)
      assert.match(res.text, /href="#heldOn-day"/)
      assert.match(res.text, /Enter the meeting’s title/)
      assert.match(res.text, /name="heldOn-day" type="text" value="31"/)
      assert.match(res.text, /Kept summary/)
      assert.match(res.text, /Kept decision one\nKept decision two/)
      assert.match(res.text, new RegExp(`<option value="${report.id}" selected>`))
      assert.equal(await meetingCount(), countBefore)
    })

    it('refuses a report that is not one of the council’s', async () => {
      const other = await database.db
        .selectFrom('report')
        .select('id')
        .where('organisation_id', '=', await organisationIdOf(database.db, N))
        .executeTakeFirst()
      const res = await postForm(team, P.newBoardMeeting(B), P.newBoardMeeting(B), {
        ...dateFields('heldOn', '2019-03-14'),
        title: 'Improvement Board',
        reportId: String(other?.id ?? 999999),
        summary: '',
        decisions: '',
      })
      assert.equal(res.status, 400)
      assert.match(res.text, /Choose the progress report from the list, or None/)
    })

    it('records a meeting with its decisions in order, audited', async () => {
      const res = await postForm(team, P.newBoardMeeting(B), P.newBoardMeeting(B), {
        ...dateFields('heldOn', '2019-03-14'),
        title: '  Improvement Board  ',
        reportId: String(report.id),
        summary: 'The Board reviewed the first quarter.',
        decisions: '  Agree the terms of reference \r\n\r\nAdopt the improvement plan\r\n   \r\nMeet every six weeks',
      })
      assert.equal(res.status, 302)
      const id = /\/board\/meetings\/(\d+)$/.exec(String(res.headers.location))?.[1]
      assert.ok(id, `redirected to the meeting, not ${String(res.headers.location)}`)
      meetingId = Number(id)
      const meeting = await database.db
        .selectFrom('board_meeting')
        .selectAll()
        .where('id', '=', meetingId)
        .executeTakeFirstOrThrow()
      assert.equal(meeting.organisation_id, await organisationIdOf(database.db, B))
      assert.equal(meeting.held_on, '2019-03-14')
      assert.equal(meeting.title, 'Improvement Board')
      assert.equal(meeting.report_id, report.id)
      assert.equal(meeting.summary, 'The Board reviewed the first quarter.')
      assert.deepEqual(await decisionsOf(meeting.id), [
        { position: 1, text: 'Agree the terms of reference' },
        { position: 2, text: 'Adopt the improvement plan' },
        { position: 3, text: 'Meet every six weeks' },
      ])
      const [entry, ...more] = await auditOf(meeting.id)
      assert.equal(more.length, 0)
      assert.equal(entry?.action, 'create')
      assert.deepEqual((entry?.after as { decisions: string[] }).decisions, [
        'Agree the terms of reference',
        'Adopt the improvement plan',
        'Meet every six weeks',
      ])

      const page = await board.get(P.boardMeeting(B, meeting.id))
      assert.equal(page.status, 200)
      assert.match(page.text, /Improvement Board, 14 March 2019/)
      assert.match(
        page.text,
        /<ol class="govuk-list govuk-list--number" data-qa="decisions">\s*<li>Agree the terms of reference<\/li><li>Adopt the improvement plan<\/li><li>Meet every six weeks<\/li>/,
      )
      assert.match(page.text, new RegExp(`href="${P.report(B, report.id)}" data-qa="meeting-report"`))
      assert.doesNotMatch(page.text, /data-qa="change-meeting"/, 'a Board member reads, and does not change')
    })

    it('lists meetings newest first with the report and number of decisions', async () => {
      const added = await postForm(team, P.newBoardMeeting(B), P.newBoardMeeting(B), {
        ...dateFields('heldOn', '2019-05-02'),
        title: 'Extraordinary Improvement Board',
        reportId: '',
        summary: '',
        decisions: '',
      })
      assert.equal(added.status, 302)
      const list = await adviser.get(P.boardMeetings(B))
      assert.equal(list.status, 200)
      const rows = [...list.text.matchAll(/data-qa="meeting-row">[\s\S]*?<\/tr>/g)]
        .map((m) => m[0])
        .filter((row) => row.includes(' 2019<'))
      assert.equal(rows.length, 2, 'the two meetings of 2019, after the demo’s later ones')
      assert.match(
        rows[0]!,
        /2 May 2019[\s\S]*Extraordinary Improvement Board[\s\S]*None[\s\S]*data-qa="decision-count">0/,
      )
      assert.match(
        rows[1]!,
        new RegExp(
          `14 March 2019[\\s\\S]*${quarterOf(report.quarter_start).label}, published[\\s\\S]*data-qa="decision-count">3`,
        ),
      )
      assert.doesNotMatch(list.text, /data-qa="record-meeting"/, 'an adviser reads, and does not record')
      assert.match((await team.get(P.boardMeetings(B))).text, /data-qa="record-meeting"/)
    })

    it('changes a meeting, replacing its decisions, audited before and after', async () => {
      const form = await team.get(P.editBoardMeeting(B, meetingId))
      assert.equal(form.status, 200)
      assert.match(form.text, /Agree the terms of reference\nAdopt the improvement plan\nMeet every six weeks/)
      assert.match(form.text, /name="heldOn-month" type="text" value="3"/)
      const res = await postForm(team, P.editBoardMeeting(B, meetingId), P.editBoardMeeting(B, meetingId), {
        ...dateFields('heldOn', '2019-03-15'),
        title: 'Improvement Board',
        reportId: '',
        summary: 'Moved by a day.',
        decisions: 'Adopt the improvement plan\nAsk for a monthly performance report',
      })
      assert.equal(res.status, 302)
      const meeting = await database.db
        .selectFrom('board_meeting')
        .selectAll()
        .where('id', '=', meetingId)
        .executeTakeFirstOrThrow()
      assert.equal(meeting.held_on, '2019-03-15')
      assert.equal(meeting.report_id, null)
      assert.deepEqual(await decisionsOf(meetingId), [
        { position: 1, text: 'Adopt the improvement plan' },
        { position: 2, text: 'Ask for a monthly performance report' },
      ])
      const entries = await auditOf(meetingId)
      const update = entries.at(-1)
      assert.equal(update?.action, 'update')
      const beforeState = update?.before as { decisions: string[]; held_on: string; report_id: number | null }
      const afterState = update?.after as { decisions: string[]; held_on: string; report_id: number | null }
      assert.equal(beforeState.decisions.length, 3)
      assert.equal(beforeState.report_id, report.id)
      assert.deepEqual(afterState.decisions, ['Adopt the improvement plan', 'Ask for a monthly performance report'])
      assert.equal(afterState.held_on, '2019-03-15')
    })

    it('lets only the improvement team and admins record or change meetings', async () => {
      for (const agent of [board, adviser]) {
        assert.equal((await agent.get(P.newBoardMeeting(B))).status, 403)
        assert.equal((await agent.get(P.editBoardMeeting(B, meetingId))).status, 403)
      }
      const refused = await postForm(board, P.boardMeeting(B, meetingId), P.editBoardMeeting(B, meetingId), {
        ...dateFields('heldOn', '2019-03-16'),
        title: 'Taken over',
        reportId: '',
        summary: '',
        decisions: '',
      })
      assert.equal(refused.status, 403)
      const meeting = await database.db
        .selectFrom('board_meeting')
        .select('title')
        .where('id', '=', meetingId)
        .executeTakeFirstOrThrow()
      assert.equal(meeting.title, 'Improvement Board')
    })

    it('shows nothing to viewers and partners', async () => {
      for (const agent of [viewer, partner]) {
        assert.equal((await agent.get(P.boardMeetings(B))).status, 403)
        assert.equal((await agent.get(P.boardMeeting(B, meetingId))).status, 403)
        assert.equal((await agent.get(P.newBoardMeeting(B))).status, 403)
      }
    })

    it('never shows one council’s meeting to another', async () => {
      assert.equal((await northfield.get(P.boardMeeting(N, meetingId))).status, 404)
      assert.equal((await northfield.get(P.editBoardMeeting(N, meetingId))).status, 404)
      const post = await postForm(northfield, P.boardMeetings(N), P.editBoardMeeting(N, meetingId), {
        ...dateFields('heldOn', '2019-03-16'),
        title: 'Taken over',
        reportId: '',
        summary: '',
        decisions: '',
      })
      assert.equal(post.status, 404)
      const list = await northfield.get(P.boardMeetings(N))
      assert.equal(list.status, 200)
      assert.doesNotMatch(list.text, /14 March 2019|2 May 2019/)
      assert.doesNotMatch(list.text, new RegExp(`/board/meetings/${meetingId}"`))
      assert.equal((await team.get(P.boardMeeting(B, 999999))).status, 404)
      assert.equal((await team.get('/councils/bradford/board/meetings/abc')).status, 404)
    })
  })
}
