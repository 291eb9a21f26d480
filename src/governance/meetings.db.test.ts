// The Improvement Board: the Board and its members, meetings with decisions on reports, attendance and agenda,
// the action log (added, closed, reopened, filtered, CSV), carry-forward to the next meeting and the report's
// Board section; each change validated with what was typed kept and audited; read by the Board and the adviser,
// changed only by the improvement team and admins, refused to partners, and never seen by another council.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { organisationIdOf } from '../test-support/demo-ids.js'
import { buildTestApp, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { addDays, quarterOf } from '../shared/calendar.js'
import { todayIso } from '../shared/dates.js'
import { paths } from '../web/paths.js'
import { loadBoardSection } from './board-report.js'

const P = paths.council
const B = 'bradford'
const N = 'northfield'

for (const kind of testDatabaseKinds()) {
  describe(`The Improvement Board on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let board: Agent
    let adviser: Agent
    let partner: Agent
    let northfield: Agent
    let bradfordId: number
    let report: { id: number; quarter_start: string }
    const today = todayIso()
    const heldOn = addDays(today, -20)
    let meetingId: number
    let plannedId: number
    let memberId: number
    let overdueActionId: number
    let openActionId: number

    const db = () => database.db
    const auditOf = (type: string, id: number) =>
      db()
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', type)
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()
    const idFrom = (location: unknown, pattern: RegExp) => {
      const id = pattern.exec(String(location))?.[1]
      assert.ok(id, `redirected to the record, not ${String(location)}`)
      return Number(id)
    }

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      board = await signedIn(app, 'board@bradford.example')
      adviser = await signedIn(app, 'adviser@dfe.example')
      partner = await signedIn(app, 'partner@partner.example')
      northfield = await signedIn(app, 'admin@northfield.example')
      bradfordId = await organisationIdOf(database.db, B)
      report = await database.db
        .selectFrom('report')
        .select(['id', 'quarter_start'])
        .where('organisation_id', '=', bradfordId)
        .where('status', '=', 'published')
        .orderBy('quarter_start')
        .executeTakeFirstOrThrow()
    })
    after(() => database.close())

    it('shows the demo’s Board, its meetings with what was carried forward, and the report’s Board section', async () => {
      const page = await board.get(P.board(B))
      assert.equal(page.status, 200)
      assert.match(page.text, /<h1[^>]*>Children’s Services Improvement Board<\/h1>/)
      assert.match(page.text, /Every 6 weeks/)
      const [current, former] = [
        /data-qa="members">[\s\S]*?<\/table>/,
        /data-qa="former-members">[\s\S]*?<\/table>/,
      ].map((re) => re.exec(page.text)?.[0] ?? '')
      assert.match(current!, /Independent chair <strong class="govuk-tag govuk-tag--purple">Chair<\/strong>/)
      assert.match(current!, /Police partner/)
      assert.doesNotMatch(current!, /Schools representative/)
      assert.match(former!, /Schools representative[\s\S]*31 January 2023/)
      // Last met 16 February 2023: due six weeks later, long past.
      assert.match(
        page.text,
        /30 March 2023 <strong class="govuk-tag govuk-tag--red" data-qa="meeting-overdue">Overdue/,
      )
      assert.match(page.text, /0 open actions<\/a>, none overdue/)
      assert.match(page.text, new RegExp(`href="${P.risks(B)}"[\\s\\S]*href="${P.resources(B)}"`))
      assert.doesNotMatch(page.text, /data-qa="add-member"|data-qa="change-board"/, 'a Board member only reads')

      const february = await db()
        .selectFrom('board_meeting')
        .select('id')
        .where('organisation_id', '=', bradfordId)
        .where('held_on', '=', '2023-02-16')
        .executeTakeFirstOrThrow()
      const meeting = await board.get(P.boardMeeting(B, february.id))
      assert.equal(meeting.status, 200)
      const carried = /data-qa="carried-forward">[\s\S]*?<\/table>/.exec(meeting.text)?.[0] ?? ''
      // Due 30 November 2022: 78 days overdue on 16 February 2023.
      assert.match(carried, /missing front door data[\s\S]*?Overdue<\/strong> <span class="govuk-body-s">by 78 days/)
      assert.match(carried, /against the workforce targets[\s\S]*?>Open<\/strong>/)
      const closed = /data-qa="closed-since">[\s\S]*?<\/table>/.exec(meeting.text)?.[0] ?? ''
      assert.match(closed, /Publish the revised workforce targets[\s\S]*Show each measure against a benchmark/)
      assert.match(meeting.text, /Taken on the <a class="govuk-link" href="[^"]+">Q3 2022\/23 report<\/a>/)
      assert.match(
        meeting.text,
        /Paper: <a class="govuk-link" href="\/councils\/bradford\/reports\/\d+">Q3 2022\/23 report \(draft\)/,
      )
      assert.match(meeting.text, /Paper: <a class="govuk-link" href="https:\/\/papers\.bradford\.example\//)
      assert.match(meeting.text, /data-qa="attendance-row">[\s\S]*?Sent apologies/)
      assert.doesNotMatch(meeting.text, /data-qa="(change-meeting|add-action|record-attendance)"/)

      const section = await loadBoardSection(db(), bradfordId, quarterOf('2022-10-01'), '2022-12-31')
      assert.ok(section)
      assert.deepEqual(section.meetings, [
        { heldOn: '2022-11-17', title: 'Improvement Board', present: 7, apologies: 1 },
      ])
      assert.deepEqual(
        section.decisions.map((d) => [d.takenOn, d.outcome]),
        [
          ['Q2 2022/23 report', 'in-progress'],
          ['Q2 2022/23 report', 'overdue'],
          ['Q2 2022/23 report', 'done'],
        ],
      )
      assert.deepEqual(section.counts, { open: 1, overdue: 1, closedInQuarter: 2 })

      // Northfield's planned meeting: its matters arising, with the overdue action flagged.
      const planned = await db()
        .selectFrom('board_meeting as m')
        .innerJoin('organisation as o', 'o.id', 'm.organisation_id')
        .select('m.id')
        .where('o.slug', '=', N)
        .where('m.held_on', '>', today)
        .executeTakeFirstOrThrow()
      const next = await northfield.get(P.boardMeeting(N, planned.id))
      assert.equal(next.status, 200)
      assert.match(next.text, /Planned Improvement Board meeting/)
      assert.match(
        /data-qa="carried-forward">[\s\S]*?<\/table>/.exec(next.text)?.[0] ?? '',
        /agency supplier[\s\S]*?Overdue<\/strong>[\s\S]*audit findings[\s\S]*?>Open<\/strong>/,
      )
    })

    it('sets up the Board and its members, audited, with what was typed kept', async () => {
      await db().deleteFrom('board').where('organisation_id', '=', bradfordId).execute()
      const empty = await team.get(P.board(B))
      assert.match(empty.text, /data-qa="set-up-board"/)
      const refused = await postForm(team, P.editBoard(B), P.editBoard(B), {
        name: 'Kept Board name',
        chairTitle: '',
        cadenceWeeks: '0',
        remit: 'Kept remit',
      })
      assert.equal(refused.status, 400)
      assert.match(refused.text, /Enter the chair’s title/)
      assert.match(refused.text, /How often the Board meets must be between 1 and 26 weeks/)
      assert.match(refused.text, /value="Kept Board name"/)
      assert.match(refused.text, /Kept remit/)
      for (const cadence of ['6', '4']) {
        const saved = await postForm(team, P.editBoard(B), P.editBoard(B), {
          name: 'Improvement Board',
          chairTitle: 'Independent chair',
          cadenceWeeks: cadence,
          remit: '',
        })
        assert.equal(saved.status, 302)
      }
      const row = await db()
        .selectFrom('board')
        .selectAll()
        .where('organisation_id', '=', bradfordId)
        .executeTakeFirstOrThrow()
      assert.equal(row.cadence_weeks, 4)
      assert.deepEqual(
        (await auditOf('board', row.id)).map((e) => [
          e.action,
          (e.before as { cadence_weeks?: number } | null)?.cadence_weeks,
        ]),
        [
          ['create', undefined],
          ['update', 6],
        ],
      )

      const badMember = await postForm(team, P.newBoardMember(B), P.newBoardMember(B), {
        name: 'Education partner',
        roleTitle: 'Head of education',
        memberOf: '',
        ...dateFields('joinedOn', '2023-03-01'),
        ...dateFields('leftOn', '2023-02-01'),
      })
      assert.equal(badMember.status, 400)
      assert.match(badMember.text, /The date they left must be on or after the date they joined/)
      assert.match(badMember.text, /value="Head of education"/)
      const added = await postForm(team, P.newBoardMember(B), P.newBoardMember(B), {
        name: 'Education partner',
        roleTitle: 'Head of education',
        memberOf: 'Bradford Council',
        isChair: '',
        ...dateFields('joinedOn', '2023-03-01'),
      })
      assert.equal(added.status, 302)
      memberId = (
        await db()
          .selectFrom('board_member')
          .select('id')
          .where('organisation_id', '=', bradfordId)
          .where('name', '=', 'Education partner')
          .executeTakeFirstOrThrow()
      ).id
      const left = await postForm(team, P.editBoardMember(B, memberId), P.editBoardMember(B, memberId), {
        name: 'Education partner',
        roleTitle: 'Head of education',
        memberOf: 'Bradford Council',
        ...dateFields('joinedOn', '2023-03-01'),
        ...dateFields('leftOn', '2024-03-31'),
      })
      assert.equal(left.status, 302)
      const entries = await auditOf('board-member', memberId)
      assert.deepEqual(
        entries.map((e) => [e.action, e.summary]),
        [
          ['create', 'Added Education partner to the Board'],
          ['update', 'Recorded that Education partner left the Board'],
        ],
      )
      const page = await team.get(P.board(B))
      assert.match(
        /data-qa="former-members">[\s\S]*?<\/table>/.exec(page.text)?.[0] ?? '',
        /Education partner[\s\S]*31 March 2024/,
      )
    })

    it('records a meeting with decisions on reports, its attendance and agenda; refuses a link that is not https', async () => {
      const form = await team.get(P.newBoardMeeting(B))
      assert.equal(form.status, 200)
      assert.match(form.text, /name="title" type="text" value="Improvement Board"/)
      assert.match(form.text, new RegExp(`<option value="${report.id}">Q2 2022/23 report \\(published\\)</option>`))
      assert.ok(
        form.text.indexOf('report (published)') < form.text.indexOf('report (draft)'),
        'published reports first',
      )

      const refused = await postForm(team, P.newBoardMeeting(B), P.newBoardMeeting(B), {
        'heldOn-day': '31',
        'heldOn-month': '2',
        'heldOn-year': '2023',
        title: ' ',
        reportId: String(report.id),
        summary: 'Kept summary',
        minutes: 'Kept minutes',
        'decision-1-id': '',
        'decision-1-text': 'Kept decision',
        'decision-1-report': '999999',
      })
      assert.equal(refused.status, 400)
      assert.match(refused.text, /The date of the meeting must be a real date/)
      assert.match(refused.text, /Enter the meeting’s title/)
      assert.match(refused.text, /Choose the report decision 1 was taken on from the list, or None/)
      assert.match(refused.text, /href="#decision-1-report"/)
      assert.match(refused.text, /Kept minutes/)
      assert.match(refused.text, />Kept decision<\/textarea>/)

      const res = await postForm(team, P.newBoardMeeting(B), P.newBoardMeeting(B), {
        ...dateFields('heldOn', heldOn),
        title: 'Improvement Board',
        reportId: String(report.id),
        summary: 'The Board considered the report.',
        minutes: 'Full minutes.',
        'decision-1-id': '',
        'decision-1-text': '  Ask for a recovery plan  ',
        'decision-1-report': String(report.id),
        'decision-2-id': '',
        'decision-2-text': '',
        'decision-2-report': '',
        'decision-3-id': '',
        'decision-3-text': 'Note the staff survey',
        'decision-3-report': '',
      })
      assert.equal(res.status, 302)
      meetingId = idFrom(res.headers.location, /\/board\/meetings\/(\d+)$/)
      const decisions = await db()
        .selectFrom('board_decision')
        .select(['position', 'text', 'report_id'])
        .where('meeting_id', '=', meetingId)
        .orderBy('position')
        .execute()
      assert.deepEqual(decisions, [
        { position: 1, text: 'Ask for a recovery plan', report_id: report.id },
        { position: 2, text: 'Note the staff survey', report_id: null },
      ])
      const [created] = await auditOf('board-meeting', meetingId)
      assert.equal(created?.action, 'create')
      assert.deepEqual(
        (created?.after as { decisions: Array<{ text: string }> }).decisions.map((d) => d.text),
        ['Ask for a recovery plan', 'Note the staff survey'],
      )

      const members = await db()
        .selectFrom('board_member')
        .select(['id', 'name'])
        .where('organisation_id', '=', bradfordId)
        .execute()
      const idOf = (name: string) => members.find((m) => m.name === name)!.id
      const attendanceForm = await team.get(P.meetingAttendance(B, meetingId))
      assert.doesNotMatch(attendanceForm.text, /Schools representative/, 'left before the meeting')
      const attendance = await postForm(team, P.meetingAttendance(B, meetingId), P.meetingAttendance(B, meetingId), {
        [`member-${idOf('Independent chair')}`]: 'present',
        [`member-${idOf('Police partner')}`]: 'apologies',
        [`member-${idOf('Health partner')}`]: 'none',
      })
      assert.equal(attendance.status, 302)
      assert.deepEqual(
        await db()
          .selectFrom('board_attendance')
          .select(['member_id', 'status'])
          .where('meeting_id', '=', meetingId)
          .orderBy('status', 'desc')
          .execute(),
        [
          { member_id: idOf('Independent chair'), status: 'present' },
          { member_id: idOf('Police partner'), status: 'apologies' },
        ],
      )

      const agenda = {
        'item-1-title': 'Progress report',
        'item-1-report': String(report.id),
        'item-1-paperTitle': '',
        'item-1-paperUrl': '',
        'item-2-title': 'Workforce',
        'item-2-report': '',
        'item-2-paperTitle': 'Workforce paper',
        'item-2-paperUrl': 'http://papers.example/workforce.pdf',
        'item-3-title': '',
        'item-3-report': '',
        'item-3-paperTitle': '',
        'item-3-paperUrl': '',
      }
      const badLink = await postForm(team, P.meetingAgenda(B, meetingId), P.meetingAgenda(B, meetingId), agenda)
      assert.equal(badLink.status, 400)
      assert.match(
        badLink.text,
        /href="#item-2-paperUrl">The link to item 2’s paper must be a web address starting with https:\/\//,
      )
      assert.match(
        badLink.text,
        /id="item-2-paperUrl" name="item-2-paperUrl" type="url" spellcheck="false" value="http:\/\/papers\.example\/workforce\.pdf"/,
      )
      assert.match(badLink.text, /name="item-2-paperTitle" type="text" value="Workforce paper"/)
      const saved = await postForm(team, P.meetingAgenda(B, meetingId), P.meetingAgenda(B, meetingId), {
        ...agenda,
        'item-2-paperUrl': 'https://papers.example/workforce.pdf',
      })
      assert.equal(saved.status, 302)
      const page = await adviser.get(P.boardMeeting(B, meetingId))
      assert.match(
        page.text,
        new RegExp(
          `Progress report[\\s\\S]*?href="${P.report(B, report.id)}">Q2 2022/23 report \\(published\\)[\\s\\S]*?Workforce[\\s\\S]*?href="https://papers.example/workforce.pdf" rel="noreferrer noopener">Workforce paper`,
        ),
      )
      assert.match(page.text, /Full minutes\./)
      const auditSummaries = (await auditOf('board-meeting', meetingId)).map((e) => e.summary)
      assert.equal(auditSummaries.length, 3)
      assert.match(auditSummaries[1]!, /^Recorded attendance/)
      assert.match(auditSummaries[2]!, /^Changed the agenda/)
    })

    it('adds, changes, closes and reopens actions, audited; keeps a decision’s actions; filters the log; carries forward', async () => {
      const decisionId = (
        await db()
          .selectFrom('board_decision')
          .select('id')
          .where('meeting_id', '=', meetingId)
          .where('position', '=', 1)
          .executeTakeFirstOrThrow()
      ).id
      const url = P.newBoardAction(B, meetingId)
      const refused = await postForm(team, url, url, {
        text: 'Kept action',
        owner: '',
        ...dateFields('dueOn', addDays(heldOn, -1)),
        decisionId: String(decisionId),
      })
      assert.equal(refused.status, 400)
      assert.match(refused.text, /Enter who owns the action/)
      assert.match(refused.text, />Kept action<\/textarea>/)
      const tooEarly = await postForm(team, url, url, {
        text: 'Kept action',
        owner: 'Director',
        ...dateFields('dueOn', addDays(heldOn, -1)),
        decisionId: String(decisionId),
      })
      assert.equal(tooEarly.status, 400)
      assert.match(tooEarly.text, /The due date must be on or after the meeting/)
      for (const [text, due] of [
        ['Write the recovery plan', addDays(heldOn, 5)],
        ['Share the staff survey', addDays(today, 30)],
      ] as const) {
        const added = await postForm(team, url, url, {
          text,
          owner: 'Director of Children’s Services',
          ...dateFields('dueOn', due),
          decisionId: text.startsWith('Write') ? String(decisionId) : '',
        })
        assert.equal(added.status, 302)
      }
      const rows = await db()
        .selectFrom('board_action')
        .select(['id', 'text', 'decision_id', 'created_by'])
        .where('meeting_id', '=', meetingId)
        .orderBy('id')
        .execute()
      assert.deepEqual(
        rows.map((r) => [r.text, r.decision_id]),
        [
          ['Write the recovery plan', decisionId],
          ['Share the staff survey', null],
        ],
      )
      ;[overdueActionId, openActionId] = rows.map((r) => r.id) as [number, number]

      // A decision with actions keeps its id when reworded, and cannot be removed.
      const edit = P.editBoardMeeting(B, meetingId)
      const editForm = await team.get(edit)
      assert.match(editForm.text, new RegExp(`name="decision-1-id" value="${decisionId}"`))
      const meetingFields = {
        ...dateFields('heldOn', heldOn),
        title: 'Improvement Board',
        reportId: String(report.id),
        summary: '',
        minutes: 'Full minutes.',
      }
      const removing = await postForm(team, edit, edit, {
        ...meetingFields,
        'decision-1-id': String(decisionId),
        'decision-1-text': '',
        'decision-1-report': '',
      })
      assert.equal(removing.status, 400)
      assert.match(removing.text, /Decision 1 has actions, so it cannot be removed/)
      const reworded = await postForm(team, edit, edit, {
        ...meetingFields,
        'decision-1-id': '',
        'decision-1-text': 'A new first decision',
        'decision-1-report': '',
        'decision-2-id': String(decisionId),
        'decision-2-text': 'Ask for a recovery plan by the next meeting',
        'decision-2-report': String(report.id),
      })
      assert.equal(reworded.status, 302)
      const kept = await db()
        .selectFrom('board_decision')
        .selectAll()
        .where('id', '=', decisionId)
        .executeTakeFirstOrThrow()
      assert.deepEqual([kept.position, kept.text], [2, 'Ask for a recovery plan by the next meeting'])
      assert.equal(
        (
          await db()
            .selectFrom('board_action')
            .select('decision_id')
            .where('id', '=', overdueActionId)
            .executeTakeFirstOrThrow()
        ).decision_id,
        decisionId,
      )

      // Close, refuse a day in the future, reopen, and change the progress note.
      const change = P.editBoardAction(B, openActionId)
      const future = await postForm(team, change, change, {
        intent: 'close',
        outcome: 'done',
        ...dateFields('closedOn', addDays(today, 1)),
      })
      assert.equal(future.status, 400)
      assert.match(future.text, /The day it was closed must be today or in the past/)
      assert.match(future.text, />Share the staff survey<\/textarea>/, 'the change form still shows the action')
      assert.equal(
        (await postForm(team, change, change, { intent: 'close', outcome: 'done', ...dateFields('closedOn', today) }))
          .status,
        302,
      )
      const closed = await db()
        .selectFrom('board_action')
        .selectAll()
        .where('id', '=', openActionId)
        .executeTakeFirstOrThrow()
      assert.deepEqual([closed.outcome, closed.closed_on], ['done', today])
      const closedLog = await board.get(`${P.boardActions(B)}?state=closed`)
      assert.match(closedLog.text, /Share the staff survey/)
      assert.equal((await postForm(team, change, change, { intent: 'reopen' })).status, 302)
      const progress = await postForm(team, change, change, {
        intent: 'save',
        text: 'Share the staff survey',
        owner: 'Principal social worker',
        ...dateFields('dueOn', addDays(today, 30)),
        decisionId: '',
        progress: 'Survey closes next week',
      })
      assert.equal(progress.status, 302)
      const reopened = await db()
        .selectFrom('board_action')
        .selectAll()
        .where('id', '=', openActionId)
        .executeTakeFirstOrThrow()
      assert.deepEqual([reopened.outcome, reopened.closed_on, reopened.owner], [null, null, 'Principal social worker'])
      assert.deepEqual(
        (await auditOf('board-action', openActionId)).map((e) => e.action),
        ['create', 'close', 'reopen', 'update'],
      )

      // The log by state, and its CSV. Due five days after the meeting of twenty days ago: fifteen days overdue.
      const overdue = await board.get(`${P.boardActions(B)}?state=overdue`)
      assert.equal(overdue.status, 200)
      assert.match(
        overdue.text,
        /Write the recovery plan[\s\S]*?Overdue<\/strong> <span class="govuk-body-s">by 15 days/,
      )
      assert.doesNotMatch(overdue.text, /Share the staff survey/)
      assert.doesNotMatch(
        overdue.text,
        /Change<span class="govuk-visually-hidden"> the action/,
        'no change links for the Board',
      )
      const open = await board.get(P.boardActions(B))
      assert.match(
        open.text,
        /Write the recovery plan[\s\S]*Share the staff survey/,
        'open includes overdue, soonest due first',
      )
      const csv = await board.get(`${P.boardActionsCsv(B)}?state=all`)
      assert.equal(csv.status, 200)
      assert.match(String(csv.headers['content-type']), /^text\/csv/)
      const lines = csv.text.trim().split('\r\n')
      assert.equal(
        lines[0],
        'Action,Owner,Due on,State,State in words,Closed on,Progress,Meeting held on,Meeting,Decision',
      )
      assert.ok(
        lines.includes(
          `Write the recovery plan,Director of Children’s Services,${addDays(heldOn, 5)},overdue,Overdue by 15 days,,,${heldOn},Improvement Board,2. Ask for a recovery plan by the next meeting`,
        ),
        lines.join('\n'),
      )
      assert.equal(lines.length, 1 + 2 + 6, 'the two new actions and the demo’s six')

      // A planned meeting carries the open actions forward; the next report shows the decision and its action.
      const planned = await postForm(team, P.newBoardMeeting(B), P.newBoardMeeting(B), {
        ...dateFields('heldOn', addDays(today, 14)),
        title: 'Improvement Board',
        reportId: '',
        summary: '',
        minutes: '',
      })
      assert.equal(planned.status, 302)
      plannedId = idFrom(planned.headers.location, /\/board\/meetings\/(\d+)$/)
      const next = await board.get(P.boardMeeting(B, plannedId))
      const carried = /data-qa="carried-forward">[\s\S]*?<\/table>/.exec(next.text)?.[0] ?? ''
      assert.match(
        carried,
        /Write the recovery plan[\s\S]*?Overdue<\/strong> <span class="govuk-body-s">by 15 days[\s\S]*Share the staff survey[\s\S]*?>Open</,
      )
      assert.match(next.text, /data-qa="none-closed-since"/)
      const section = await loadBoardSection(db(), bradfordId, quarterOf(heldOn), today)
      const decision = section?.decisions.find((d) => d.id === decisionId)
      assert.deepEqual(
        [decision?.takenOn, decision?.outcome, decision?.actions.map((a) => [a.text, a.state])],
        ['Q2 2022/23 report', 'overdue', [['Write the recovery plan', 'overdue']]],
      )
    })

    it('lets the Board and the adviser read, refuses every change to them, and everything to partners', async () => {
      const reads = [
        P.board(B),
        P.boardMeetings(B),
        P.boardMeeting(B, meetingId),
        P.boardActions(B),
        P.boardActionsCsv(B),
      ]
      const changes = [
        P.editBoard(B),
        P.newBoardMember(B),
        P.editBoardMember(B, memberId),
        P.newBoardMeeting(B),
        P.editBoardMeeting(B, meetingId),
        P.meetingAttendance(B, meetingId),
        P.meetingAgenda(B, meetingId),
        P.newBoardAction(B, meetingId),
        P.editBoardAction(B, overdueActionId),
      ]
      for (const agent of [board, adviser]) {
        for (const url of reads) assert.equal((await agent.get(url)).status, 200, url)
        for (const url of changes) {
          assert.equal((await agent.get(url)).status, 403, url)
          assert.equal(
            (await postForm(agent, P.board(B), url, { name: 'Taken over', text: 'Taken over' })).status,
            403,
            url,
          )
        }
      }
      for (const url of [...reads, ...changes]) assert.equal((await partner.get(url)).status, 403, url)
      const action = await db()
        .selectFrom('board_action')
        .selectAll()
        .where('id', '=', overdueActionId)
        .executeTakeFirstOrThrow()
      assert.equal(action.text, 'Write the recovery plan')
    })

    it('never shows one council’s Board records to another', async () => {
      for (const url of [
        P.boardMeeting(N, meetingId),
        P.editBoardMeeting(N, meetingId),
        P.meetingAttendance(N, meetingId),
        P.meetingAgenda(N, meetingId),
        P.newBoardAction(N, meetingId),
        P.editBoardAction(N, overdueActionId),
        P.editBoardMember(N, memberId),
      ])
        assert.equal((await northfield.get(url)).status, 404, url)
      const post = await postForm(northfield, P.boardActions(N), P.editBoardAction(N, overdueActionId), {
        intent: 'close',
        outcome: 'dropped',
        ...dateFields('closedOn', today),
      })
      assert.equal(post.status, 404)
      const log = await northfield.get(`${P.boardActions(N)}?state=all`)
      assert.equal(log.status, 200)
      assert.doesNotMatch(log.text, /Write the recovery plan|Share the staff survey/)
      assert.equal((await team.get(P.boardMeeting(B, 999999))).status, 404)
      assert.equal((await team.get('/councils/bradford/board/actions/abc/edit')).status, 404)
      void plannedId
    })
  })
}
