// The Improvement Board for each council: chair, members, cadence; meetings with attendance, agenda, decisions and
// actions. The meetings themselves (and their decisions) are seeded with the oversight record
// (src/demo/oversight-demo.ts): here they gain their attendance, agenda and papers, minutes, the report each
// decision was taken on, and the actions set at them. Members are named by their roles at Bradford (no real
// names); Northfield and its people are fictional. All words are our own.
import type { Tx } from '../db/connect.js'
import type { ActionOutcome, AttendanceStatus } from '../db/database.js'
import { addDays, quarterOf } from '../shared/calendar.js'
import type { DemoContext } from './demo-context.js'
import { liveCalendar, momentOn } from './northfield-live.js'

/** How many days after the demo's day Northfield's next (planned) Board meeting is. */
export const NORTHFIELD_PLANNED_MEETING_DAYS = 21

interface DemoMember {
  key: string
  name: string
  role: string
  from: string
  chair?: true
  /** The demo account that is this member, by email. */
  email?: string
  joinedOn: string
  leftOn?: string
}

interface DemoAgendaItem {
  title: string
  /** A report of the council's, by the first day of its quarter. */
  report?: string
  paper?: { title: string; url: string }
}

interface DemoAction {
  /** The decision it carries out, by its position at the meeting. */
  decision: number | null
  text: string
  owner: string
  dueOn: string
  closed?: { outcome: ActionOutcome; on: string }
  progress?: string
}

interface DemoMeetingRecord {
  heldOn: string
  /** A meeting that is not in the oversight record: a planned one. */
  planned?: { title: string }
  attendance?: Record<string, AttendanceStatus>
  agenda: DemoAgendaItem[]
  minutes?: string
  /** The report the meeting's decisions were taken on, by the first day of its quarter. */
  decisionsTakenOn?: string
  actions: DemoAction[]
  /** When the actions were entered (they are left out of reports read as at an earlier day). */
  recordedAt: Date
}

interface DemoBoard {
  name: string
  chairTitle: string
  cadenceWeeks: number
  remit: string
  members: DemoMember[]
  meetings: DemoMeetingRecord[]
}

// ---------------------------------------------------------------------------------------------------------
// Bradford
// ---------------------------------------------------------------------------------------------------------

const Q2_2022 = '2022-07-01'
const Q3_2022 = '2022-10-01'
const BRADFORD_PAPERS = 'https://papers.bradford.example/board'

function bradfordBoard(): DemoBoard {
  const joined = '2022-05-12'
  return {
    name: 'Children’s Services Improvement Board',
    chairTitle: 'Independent chair',
    cadenceWeeks: 6,
    remit:
      'Oversees the improvement plan for children’s social care and the council’s response to the Improvement Notice and Statutory Direction. Receives a progress report every quarter, holds leaders and partners to account for what they agreed to do, and tells the Department for Education how the work is going.',
    members: [
      {
        key: 'chair',
        name: 'Independent chair',
        role: 'Chair of the Improvement Board',
        from: 'Appointed with the Department for Education',
        chair: true,
        email: 'board@bradford.example',
        joinedOn: joined,
      },
      {
        key: 'dcs',
        name: 'Director of Children’s Services',
        role: 'Strategic Director, Children’s Services',
        from: 'Bradford Council',
        email: 'director@bradford.example',
        joinedOn: joined,
      },
      { key: 'ceo', name: 'Chief Executive', role: 'Head of paid service', from: 'Bradford Council', joinedOn: joined },
      {
        key: 'member',
        name: 'Lead member for children',
        role: 'Portfolio holder for children and families',
        from: 'Bradford Council',
        joinedOn: joined,
      },
      {
        key: 'dfe',
        name: 'DfE adviser',
        role: 'Adviser to the council on its improvement',
        from: 'Department for Education',
        joinedOn: joined,
      },
      {
        key: 'health',
        name: 'Health partner',
        role: 'Designated nurse for safeguarding children',
        from: 'District health partnership',
        joinedOn: joined,
      },
      {
        key: 'police',
        name: 'Police partner',
        role: 'Head of safeguarding',
        from: 'West Yorkshire Police',
        joinedOn: joined,
      },
      {
        key: 'schools',
        name: 'Schools representative',
        role: 'Headteacher representing the district’s schools',
        from: 'Schools forum',
        joinedOn: joined,
        leftOn: '2023-01-31',
      },
    ],
    meetings: [
      {
        heldOn: '2022-11-17',
        recordedAt: new Date('2022-11-17T17:30:00Z'),
        attendance: {
          chair: 'present',
          dcs: 'present',
          ceo: 'present',
          member: 'present',
          dfe: 'present',
          health: 'present',
          police: 'apologies',
          schools: 'present',
        },
        agenda: [
          { title: 'Apologies and the minutes of the last meeting' },
          { title: 'Quarterly progress report, July to September 2022', report: Q2_2022 },
          {
            title: 'The front door: data from partners',
            paper: {
              title: 'Front door data: a note for the Board',
              url: `${BRADFORD_PAPERS}/2022-11-17/front-door-data.pdf`,
            },
          },
          {
            title: 'Revised workforce targets',
            paper: { title: 'Workforce targets, revised', url: `${BRADFORD_PAPERS}/2022-11-17/workforce-targets.pdf` },
          },
          { title: 'Any other business' },
        ],
        minutes: [
          'The chair welcomed members. The police partner had sent apologies. The minutes of the last meeting were agreed.',
          'The Director introduced the progress report for July to September 2022. The new front door model is working and the first figures suggest fewer children are referred again within a year, but the figures are early. Members asked how the front door is judged without data from health and police, and heard that two months of partner data are missing.',
          'The Board discussed the revised workforce targets. Members agreed them, and asked to see progress against them at each meeting rather than once a quarter.',
          'The DfE adviser asked that each measure in the next report be shown against a benchmark or a target, so the Board can tell a real change from normal variation. The Board agreed.',
        ].join('\n\n'),
        decisionsTakenOn: Q2_2022,
        actions: [
          {
            decision: 1,
            text: 'Publish the revised workforce targets in the plan and in the next progress report',
            owner: 'Director of Children’s Services',
            dueOn: '2022-12-09',
            closed: { outcome: 'done', on: '2022-12-05' },
          },
          {
            decision: 1,
            text: 'Report progress against the workforce targets at each Board meeting',
            owner: 'Director of Children’s Services',
            dueOn: '2023-03-31',
            closed: { outcome: 'done', on: '2023-03-30' },
            progress: 'Reported at the February meeting; a standing item from then on.',
          },
          {
            decision: 2,
            text: 'Send the improvement team the missing front door data for September and October',
            owner: 'Health partner and police partner',
            dueOn: '2022-11-30',
            closed: { outcome: 'done', on: '2023-02-20' },
            progress: 'Health data arrived in December. Police data followed after the February meeting.',
          },
          {
            decision: 3,
            text: 'Show each measure against a benchmark or target in the next progress report',
            owner: 'Head of Improvement and Performance',
            dueOn: '2023-01-31',
            closed: { outcome: 'done', on: '2022-12-20' },
          },
        ],
      },
      {
        heldOn: '2023-02-16',
        recordedAt: new Date('2023-02-16T17:30:00Z'),
        attendance: {
          chair: 'present',
          dcs: 'present',
          ceo: 'apologies',
          member: 'present',
          dfe: 'present',
          health: 'present',
          police: 'present',
        },
        agenda: [
          { title: 'Apologies and the minutes of the last meeting' },
          { title: 'Matters arising: actions carried forward' },
          { title: 'Quarterly progress report, October to December 2022', report: Q3_2022 },
          {
            title: 'Improvement team capacity from April 2023',
            paper: {
              title: 'Improvement team: funding and posts',
              url: `${BRADFORD_PAPERS}/2023-02-16/team-capacity.pdf`,
            },
          },
          { title: 'A new strand for children with disabilities' },
        ],
        minutes: [
          'The chair welcomed members. The Chief Executive had sent apologies. The minutes of the last meeting were agreed.',
          'Matters arising: the workforce targets are in the plan and the report now shows each measure against a benchmark or target. Police data for the front door is still outstanding, more than two months after it was due; the police partner undertook to send it within the week.',
          'The Director introduced the progress report for October to December 2022. Contacts at the front door are now handled by a conversation with the person calling, and repeat referrals are falling. The improvement team is small, and its outside support is paid for only until the end of March.',
          'The Board noted the new strand for children with disabilities and asked for the plan to be brought up to date with the 2022 inspection’s findings.',
        ].join('\n\n'),
        decisionsTakenOn: Q3_2022,
        actions: [
          {
            decision: 1,
            text: 'Confirm the funding for the improvement team from April 2023',
            owner: 'Director of Children’s Services',
            dueOn: '2023-03-31',
            closed: { outcome: 'done', on: '2023-03-24' },
          },
          {
            decision: 2,
            text: 'Update the plan to answer the findings of the 2022 inspection',
            owner: 'Head of Improvement and Performance',
            dueOn: '2023-03-31',
            closed: { outcome: 'done', on: '2023-04-12' },
            progress: 'Updated plan agreed by the Director on 12 April, after a delay for consultation with partners.',
          },
        ],
      },
    ],
  }
}

// ---------------------------------------------------------------------------------------------------------
// Northfield: fictional, dated from the demo's day
// ---------------------------------------------------------------------------------------------------------

const NORTHFIELD_PAPERS = 'https://papers.northfield.example/board'

function northfieldBoard(today: string): DemoBoard {
  const cal = liveCalendar(today)
  // The meetings of src/demo/oversight-demo.ts: three weeks into each of the last two quarters, and into this
  // one once that day has passed.
  const meetingBefore = addDays(quarterOf(addDays(cal.previousQuarterStart, -1)).start, 20)
  const lastQuarterMeeting = addDays(cal.previousQuarterStart, 20)
  const thisQuarterMeeting = addDays(cal.quarterStart, 20)
  const thisQuarterHeld = thisQuarterMeeting < today
  const planned = addDays(today, NORTHFIELD_PLANNED_MEETING_DAYS)
  const recordedAt = (day: string) => momentOn(day, 17, cal)
  const closedBy = (day: string, outcome: ActionOutcome = 'done') => (day < today ? { outcome, on: day } : undefined)

  const meetings: DemoMeetingRecord[] = [
    {
      heldOn: meetingBefore,
      recordedAt: recordedAt(meetingBefore),
      attendance: {
        chair: 'present',
        dcs: 'present',
        ceo: 'present',
        member: 'present',
        dfe: 'present',
        health: 'present',
        police: 'apologies',
        schools: 'present',
      },
      agenda: [
        { title: 'Apologies and the minutes of the last meeting' },
        { title: 'The improvement plan: the first months' },
        { title: 'The front door: staffing from partners' },
      ],
      minutes:
        'The Board reviewed the first months of the improvement plan with the DfE adviser. Changes at the front door are under way, but agency use is still high. Members asked the safeguarding partnership to confirm health and police staff for the front door team.',
      actions: [
        {
          decision: 2,
          text: 'Confirm the health and police staff who will work in the front door team',
          owner: 'Safeguarding partnership',
          dueOn: addDays(meetingBefore, 42),
          closed: closedBy(addDays(meetingBefore, 35)),
        },
      ],
    },
    {
      heldOn: lastQuarterMeeting,
      recordedAt: recordedAt(lastQuarterMeeting),
      attendance: {
        chair: 'present',
        dcs: 'present',
        ceo: 'apologies',
        member: 'present',
        dfe: 'present',
        health: 'present',
        police: 'present',
      },
      agenda: [
        { title: 'Apologies and the minutes of the last meeting' },
        { title: 'Matters arising: actions carried forward' },
        {
          title: 'Workforce: agency use',
          paper: {
            title: 'Agency social workers: the position in the spring',
            url: `${NORTHFIELD_PAPERS}/agency-use-spring.pdf`,
          },
        },
        {
          title: 'The quarterly audit programme',
          paper: { title: 'Audit programme: first round', url: `${NORTHFIELD_PAPERS}/audit-round-1.pdf` },
        },
      ],
      minutes: [
        'The chair welcomed members; the Chief Executive had sent apologies. The minutes of the last meeting were agreed. Health and police staff are now named for the front door team.',
        'The Director reported that the revised threshold document is in use and the quarterly audit programme has begun. Recruiting permanent social workers and managers is slower than planned and agency use remains high.',
        'The Board asked for a monthly report on agency use until it falls, and for a plan with the agency supplier to move long-serving agency staff into permanent posts. Members agreed that each round of audit findings should come to the Board with the performance data beside it.',
      ].join('\n\n'),
      actions: [
        {
          decision: 1,
          text: 'Send the Board a monthly report on agency use',
          owner: 'Head of Workforce Development',
          dueOn: addDays(lastQuarterMeeting, 28),
          closed: closedBy(addDays(lastQuarterMeeting, 27)),
          progress: 'The first report went out within the month; one has followed every month since.',
        },
        {
          decision: 1,
          text: 'Agree with the agency supplier a plan to move long-serving agency social workers into permanent posts',
          owner: 'Head of Workforce Development',
          dueOn: addDays(lastQuarterMeeting, 56),
          progress: 'Talks with the supplier have begun; no plan is agreed yet.',
        },
        {
          decision: 2,
          text: 'Bring the next round of audit findings to the Board with the performance data',
          owner: 'Quality assurance team',
          dueOn: planned,
        },
      ],
    },
  ]
  if (thisQuarterHeld) {
    meetings.push({
      heldOn: thisQuarterMeeting,
      recordedAt: recordedAt(thisQuarterMeeting),
      attendance: {
        chair: 'present',
        dcs: 'present',
        ceo: 'present',
        member: 'apologies',
        dfe: 'present',
        health: 'present',
        police: 'absent',
      },
      agenda: [
        { title: 'Apologies and the minutes of the last meeting' },
        { title: 'Matters arising: actions carried forward' },
        { title: 'Quarterly progress report for last quarter', report: cal.previousQuarterStart },
      ],
      minutes: [
        'The chair welcomed members; the lead member had sent apologies. The minutes of the last meeting were agreed. The monthly agency report is in place; the plan with the agency supplier is late.',
        'The Director introduced last quarter’s progress report. Re-referrals are falling and workforce remains the main risk. The supplier of the case recording system has moved its date for the new plan template; the Board agreed the revised date and asked for it in writing.',
      ].join('\n\n'),
      decisionsTakenOn: cal.previousQuarterStart,
      actions: [
        {
          decision: 1,
          text: 'Confirm the new date for the plan template in writing with the case recording system supplier',
          owner: 'Business systems team',
          dueOn: addDays(thisQuarterMeeting, 14),
          closed: closedBy(addDays(thisQuarterMeeting, 10)),
        },
        {
          decision: 2,
          text: 'Report on the appointment of a permanent assessment team manager at each meeting',
          owner: 'Assistant Director, Children’s Social Care',
          dueOn: planned,
        },
      ],
    })
  }
  meetings.push({
    heldOn: planned,
    planned: { title: 'Improvement Board' },
    recordedAt: momentOn(today, 12, cal),
    agenda: [
      { title: 'Apologies and the minutes of the last meeting' },
      { title: 'Matters arising: actions carried forward' },
      ...(thisQuarterHeld
        ? []
        : [{ title: 'Quarterly progress report for last quarter', report: cal.previousQuarterStart }]),
      {
        title: 'Workforce: a recovery plan for the east locality team',
        paper: {
          title: 'East locality team: recovery plan (draft)',
          url: `${NORTHFIELD_PAPERS}/east-locality-recovery.pdf`,
        },
      },
      { title: 'Audit findings with the performance data' },
    ],
    actions: [],
  })

  return {
    name: 'Northfield Improvement Board',
    chairTitle: 'Independent chair',
    cadenceWeeks: 12,
    remit:
      'Holds the council and its partners to account for the improvement plan. Meets three weeks into each quarter to consider the progress report for the quarter before, and more often when the plan needs it.',
    members: [
      {
        key: 'chair',
        name: 'Chris Hale',
        role: 'Independent chair',
        from: 'Appointed with the Department for Education',
        chair: true,
        email: 'board@northfield.example',
        joinedOn: cal.planStart,
      },
      {
        key: 'dcs',
        name: 'Ruth Okonjo',
        role: 'Director of Children’s Services',
        from: 'Northfield Borough Council',
        email: 'director@northfield.example',
        joinedOn: cal.planStart,
      },
      {
        key: 'ceo',
        name: 'Dana Whitfield',
        role: 'Chief Executive',
        from: 'Northfield Borough Council',
        joinedOn: cal.planStart,
      },
      {
        key: 'member',
        name: 'Imran Baig',
        role: 'Lead member for children',
        from: 'Northfield Borough Council',
        joinedOn: cal.planStart,
      },
      {
        key: 'dfe',
        name: 'Helen Marsh',
        role: 'DfE adviser',
        from: 'Department for Education',
        joinedOn: cal.planStart,
      },
      {
        key: 'health',
        name: 'Priya Shah',
        role: 'Designated Nurse for Safeguarding',
        from: 'Northfield Health and Care Partnership (fictional)',
        joinedOn: cal.planStart,
      },
      {
        key: 'police',
        name: 'Sam Okafor',
        role: 'Detective Inspector, Public Protection',
        from: 'Northfield Police (fictional)',
        joinedOn: cal.planStart,
      },
      {
        key: 'schools',
        name: 'Tom Ellery',
        role: 'Headteacher representative',
        from: 'Northfield schools',
        joinedOn: cal.planStart,
        leftOn: addDays(cal.previousQuarterStart, -1),
      },
    ],
    meetings,
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writing it to the database
// ---------------------------------------------------------------------------------------------------------

async function seedBoard(trx: Tx, organisationId: number, userId: number, data: DemoBoard): Promise<void> {
  await trx
    .insertInto('board')
    .values({
      organisation_id: organisationId,
      name: data.name,
      chair_title: data.chairTitle,
      cadence_weeks: data.cadenceWeeks,
      remit: data.remit,
    })
    .execute()

  const emails = data.members.flatMap((m) => (m.email ? [m.email] : []))
  const users = new Map(
    emails.length
      ? (await trx.selectFrom('app_user').select(['id', 'email']).where('email', 'in', emails).execute()).map((u) => [
          u.email,
          u.id,
        ])
      : [],
  )
  const memberIds = new Map<string, number>()
  for (const m of data.members) {
    const row = await trx
      .insertInto('board_member')
      .values({
        organisation_id: organisationId,
        name: m.name,
        role_title: m.role,
        member_of: m.from,
        is_chair: m.chair ?? false,
        user_id: m.email ? (users.get(m.email) ?? null) : null,
        joined_on: m.joinedOn,
        left_on: m.leftOn ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    memberIds.set(m.key, row.id)
  }

  const reports = new Map(
    (
      await trx
        .selectFrom('report')
        .select(['id', 'quarter_start'])
        .where('organisation_id', '=', organisationId)
        .orderBy('revision')
        .execute()
    ).map((r) => [r.quarter_start, r.id]),
  )
  const reportId = (quarterStart: string) => {
    const id = reports.get(quarterStart)
    if (id === undefined) throw new Error(`The Board demo needs the report for the quarter from ${quarterStart}`)
    return id
  }

  for (const m of data.meetings) {
    let meetingId: number
    if (m.planned) {
      meetingId = (
        await trx
          .insertInto('board_meeting')
          .values({ organisation_id: organisationId, held_on: m.heldOn, title: m.planned.title, created_by: userId })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    } else {
      const found = await trx
        .selectFrom('board_meeting')
        .select('id')
        .where('organisation_id', '=', organisationId)
        .where('held_on', '=', m.heldOn)
        .orderBy('id')
        .executeTakeFirst()
      if (!found) throw new Error(`The Board demo needs the meeting of ${m.heldOn} (src/demo/oversight-demo.ts)`)
      meetingId = found.id
      if (m.minutes)
        await trx.updateTable('board_meeting').set({ minutes: m.minutes }).where('id', '=', meetingId).execute()
    }

    if (m.attendance) {
      const rows = Object.entries(m.attendance).map(([key, status]) => {
        const memberId = memberIds.get(key)
        if (memberId === undefined) throw new Error(`No Board member ${key} in the demo`)
        return { meeting_id: meetingId, member_id: memberId, status }
      })
      if (rows.length) await trx.insertInto('board_attendance').values(rows).execute()
    }
    if (m.agenda.length) {
      await trx
        .insertInto('board_agenda_item')
        .values(
          m.agenda.map((item, i) => ({
            meeting_id: meetingId,
            position: i + 1,
            title: item.title,
            report_id: item.report === undefined ? null : reportId(item.report),
            paper_title: item.paper?.title ?? '',
            paper_url: item.paper?.url ?? '',
          })),
        )
        .execute()
    }
    if (m.decisionsTakenOn !== undefined) {
      await trx
        .updateTable('board_decision')
        .set({ report_id: reportId(m.decisionsTakenOn) })
        .where('meeting_id', '=', meetingId)
        .execute()
    }
    const decisions = new Map(
      (
        await trx.selectFrom('board_decision').select(['id', 'position']).where('meeting_id', '=', meetingId).execute()
      ).map((d) => [d.position, d.id]),
    )
    if (m.actions.length) {
      await trx
        .insertInto('board_action')
        .values(
          m.actions.map((a) => {
            const decisionId = a.decision === null ? null : decisions.get(a.decision)
            if (decisionId === undefined) throw new Error(`No decision ${a.decision} at the meeting of ${m.heldOn}`)
            return {
              organisation_id: organisationId,
              meeting_id: meetingId,
              decision_id: decisionId,
              text: a.text,
              owner: a.owner,
              due_on: a.dueOn,
              outcome: a.closed?.outcome ?? null,
              closed_on: a.closed?.on ?? null,
              progress: a.progress ?? '',
              created_by: userId,
              created_at: m.recordedAt,
              updated_at: m.recordedAt,
            }
          }),
        )
        .execute()
    }
  }
}

export async function seedBoardDemo(trx: Tx, demo: DemoContext): Promise<void> {
  await seedBoard(trx, demo.bradford.organisationId, demo.bradford.userId, bradfordBoard())
  await seedBoard(trx, demo.northfield.organisationId, demo.northfield.userId, northfieldBoard(demo.today))
}
