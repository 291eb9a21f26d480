// The fictional demo council's live plan: Northfield's improvement plan, success measures, evidence of impact
// and quarterly reports, every date set relative to the day the demo is loaded, so a newcomer sees the
// product at work today (milestones due next week, one overdue, some slipping, a draft report for this
// quarter). All of it is invented for the demo: no real council, person or figure is described.
//
// The dates are worked out by pure functions (tested in northfield-live.test.ts); seedNorthfieldLive only
// writes what they return.
import type { Tx } from '../db/connect.js'
import type {
  EvidenceDirection,
  EvidenceKind,
  Milestone,
  MilestoneStatus,
  StrandHalf,
  VitalSign,
} from '../db/database.js'
import { recordPlanItems, type PlanItemRecord } from '../plan/plan-history-repository.js'
import { addDays, nextPeriod, periodRange, quarterOf } from '../shared/calendar.js'
import type { Polarity } from '../shared/polarity.js'
import type { Unit } from '../shared/units.js'

export interface NorthfieldPeople {
  organisationId: number
  /** admin@northfield.example: records the plan's history, writes the updates, evidence and reports. */
  editorUserId: number
}

// ---------------------------------------------------------------------------------------------------------
// The calendar of the demo, from the day it is loaded
// ---------------------------------------------------------------------------------------------------------

export interface LiveCalendar {
  today: string
  /** First day of the financial quarter that began 9 to 12 months before today. */
  planStart: string
  /** Two years after the start, less a day. */
  planEnd: string
  /** First day of the current financial quarter. */
  quarterStart: string
  /** First day of the previous financial quarter. */
  previousQuarterStart: string
  /** The last complete month before today (its first day): the latest figure of each measure. */
  lastMonth: string
}

/** The first day of the financial quarter before the one starting on `quarterStart`. */
function previousQuarter(quarterStart: string): string {
  return quarterOf(addDays(quarterStart, -1)).start
}

/** The first day of the month before the one `date` is in. */
function previousMonth(date: string): string {
  return `${addDays(`${date.slice(0, 7)}-01`, -1).slice(0, 7)}-01`
}

export function liveCalendar(today: string): LiveCalendar {
  const quarterStart = quarterOf(today).start
  const previousQuarterStart = previousQuarter(quarterStart)
  const planStart = previousQuarter(previousQuarter(previousQuarterStart))
  const planEnd = addDays(nextPeriod(nextPeriod(planStart, 'annual'), 'annual'), -1)
  return { today, planStart, planEnd, quarterStart, previousQuarterStart, lastMonth: previousMonth(today) }
}

/**
 * A day, relative to today: days from today (negative: before it); or days before today but not before the
 * current quarter began (something done this quarter); or days before the current quarter began.
 */
export type When = number | { thisQuarter: number } | { lastQuarter: number }

export function dateOf(when: When, cal: LiveCalendar): string {
  if (typeof when === 'number') return addDays(cal.today, when)
  if ('thisQuarter' in when) {
    const day = addDays(cal.today, -when.thisQuarter)
    return day < cal.quarterStart ? cal.quarterStart : day
  }
  return addDays(cal.quarterStart, -when.lastQuarter)
}

/**
 * The moment something was done on a past day, at `hour` UTC. Something done today is put at midnight, so
 * nothing is recorded later than the moment the demo is loaded.
 */
export function momentOn(date: string, hour: number, cal: LiveCalendar): Date {
  if (date > cal.today) throw new Error(`The demo cannot record ${date}, after ${cal.today}`)
  if (date === cal.today) return new Date(`${date}T00:00:00Z`)
  return new Date(`${date}T${String(hour).padStart(2, '0')}:00:00Z`)
}

/** When the plan and everything in it was created: 9am on its first day. */
function planCreated(cal: LiveCalendar): Date {
  return new Date(`${cal.planStart}T09:00:00Z`)
}

// ---------------------------------------------------------------------------------------------------------
// The plan, as written: dates relative to today
// ---------------------------------------------------------------------------------------------------------

interface MilestoneSpec {
  title: string
  /** A job title or team, never a named person. */
  owner: string
  /** The due date as first planned. */
  due: When
  /** The status it was added with (default on track). */
  initial?: MilestoneStatus
  /** Each time the due date was moved later: when, to what, and why. */
  moves?: Array<{ on: When; to: When; reason: string }>
  /** Status reported after it was added (completion apart). */
  reported?: Array<{ on: When; status: MilestoneStatus }>
  completed?: When
  evidence?: string
}

interface ObjectiveSpec {
  /** "1.1": how the measures and tests refer to it. */
  key: string
  title: string
  description: string
  intendedImpact: string
  milestones: MilestoneSpec[]
  updates: Array<{ on: When; body: string }>
  evidence: Array<{ on: number; kind: EvidenceKind; direction: EvidenceDirection; summary: string }>
}

interface StrandSpec {
  code: string
  half: StrandHalf
  title: string
  /** A job title, never a named person. */
  leadTitle: string
  objectives: ObjectiveSpec[]
}

const PLAN_TITLE = 'Northfield Improvement Plan'

const STRANDS: StrandSpec[] = [
  {
    code: '1',
    half: 'A',
    title: 'Help and protection',
    leadTitle: 'Head of Service, Help and Protection',
    objectives: [
      {
        key: '1.1',
        title: 'Get the right help first time at the front door',
        description:
          'Screen every contact within one working day and make consistent threshold decisions with partners, so families are not referred again for the same worry.',
        intendedImpact:
          'Families get the right help from their first contact, so fewer children are referred again within a year.',
        milestones: [
          {
            title: 'Agree a revised threshold document with the safeguarding partnership',
            owner: 'Front door service manager',
            due: -230,
            completed: -236,
            evidence: 'Threshold document agreed by the safeguarding partnership executive.',
          },
          {
            title: 'Place a health practitioner and a police officer in the front door team',
            owner: 'Front door service manager',
            due: -150,
            completed: -145,
            evidence: 'Both posts filled and working to a shared rota.',
          },
          {
            title: 'Complete six monthly audits of contact decisions and report the findings',
            owner: 'Quality assurance team',
            due: { thisQuarter: 15 },
            completed: { thisQuarter: 20 },
            evidence: 'Audit summary reported to the senior leadership team.',
          },
          {
            title: 'Train all front door staff in the revised threshold document',
            owner: 'Workforce development team',
            due: -6,
            initial: 'not-started',
            reported: [{ on: -100, status: 'on-track' }],
          },
        ],
        updates: [
          {
            on: { lastQuarter: 40 },
            body: 'Health and police colleagues now sit in the front door team. Early audits show more consistent threshold decisions, and re-referrals have started to fall.',
          },
          {
            on: { thisQuarter: 10 },
            body: 'Re-referrals have stayed below their earlier level for several months. The last threshold training sessions had to be rebooked, so training will finish later than planned.',
          },
        ],
        evidence: [
          {
            on: -40,
            kind: 'audit',
            direction: 'improving',
            summary:
              'An audit of 20 recent contacts found the threshold decision right in 17, against 11 of 20 in the audit before the plan began.',
          },
        ],
      },
      {
        key: '1.2',
        title: 'Make child protection plans lead to change',
        description:
          'Write plans with clear actions and timescales that families understand, and review progress in core groups every six weeks.',
        intendedImpact: 'Children on protection plans are safe sooner, and fewer need a second plan within two years.',
        milestones: [
          {
            title: 'Publish a child protection plan template written with parents',
            owner: 'Child protection chairs',
            due: -180,
            completed: -190,
            evidence: 'Template published on the practice guidance pages.',
          },
          {
            title: 'Build the new assessment and plan template into the case recording system',
            owner: 'Business systems team',
            due: -100,
            moves: [
              {
                on: -110,
                to: -8,
                reason: 'The case recording system supplier could not make the change until its next release.',
              },
            ],
          },
          {
            title: 'Run plan-writing workshops for every child protection team',
            owner: 'Principal Social Worker',
            due: { thisQuarter: 5 },
            completed: { thisQuarter: 8 },
            evidence: 'Workshops held with all four teams; attendance recorded.',
          },
          {
            title: 'Review every child who has been on a plan for more than 15 months',
            owner: 'Child protection chairs',
            due: 60,
            initial: 'not-started',
            reported: [{ on: -30, status: 'on-track' }],
          },
        ],
        updates: [
          {
            on: { lastQuarter: 15 },
            body: 'The new plan template is in use on paper. Building it into the case recording system has moved to the supplier’s next release.',
          },
        ],
        evidence: [
          {
            on: -70,
            kind: 'audit',
            direction: 'no-change',
            summary:
              'A dip sample of 12 child protection plans found clearer actions in most, but half still had no timescales a family could follow.',
          },
          {
            on: -25,
            kind: 'children',
            direction: 'improving',
            summary:
              'Parents at three core groups said they now understood what had to change and by when; two said it was the first time the plan had made sense to them.',
          },
        ],
      },
    ],
  },
  {
    code: '2',
    half: 'A',
    title: 'Children in care and care leavers',
    leadTitle: 'Head of Service, Children in Care',
    objectives: [
      {
        key: '2.1',
        title: 'Hear children’s voices in visits and reviews',
        description:
          'Social workers see children on their own at visits, record what they say in their own words, and act on it.',
        intendedImpact:
          'Children in care say they are listened to, and their plans change because of what they have said.',
        milestones: [
          {
            title: 'Agree a visiting standard with the Children in Care Council',
            owner: 'Participation team',
            due: -200,
            completed: -196,
            evidence: 'Standard agreed and signed off by the Corporate Parenting Panel.',
          },
          {
            title: 'Add a "seen alone" question and the child’s own words to the visit record',
            owner: 'Business systems team',
            due: -120,
            completed: -125,
            evidence: 'Visit record changed; guidance sent to all teams.',
          },
          {
            title: 'Send out the first annual survey of children in care',
            owner: 'Participation team',
            due: 4,
            initial: 'not-started',
            reported: [{ on: -45, status: 'on-track' }],
          },
          {
            title: 'Report the survey findings to the Corporate Parenting Panel',
            owner: 'Head of Service, Children in Care',
            due: 90,
            initial: 'not-started',
          },
        ],
        updates: [
          {
            on: { lastQuarter: 20 },
            body: 'Visit records now show whether the child was seen alone. The Children in Care Council helped write the survey that goes out shortly.',
          },
        ],
        evidence: [
          {
            on: -55,
            kind: 'children',
            direction: 'improving',
            summary:
              'The Children in Care Council told the Corporate Parenting Panel that more of its members now see their social worker on their own and know how to reach them.',
          },
        ],
      },
      {
        key: '2.2',
        title: 'Stay in touch with care leavers and help them into homes and work',
        description:
          'Personal advisers keep in regular contact with every care leaver up to the age of 25, and partners offer homes, training and jobs.',
        intendedImpact:
          'Care leavers have someone they trust to turn to, a safe home, and a way into education, training or work.',
        milestones: [
          {
            title: 'Agree a care leavers’ housing protocol with the district housing team',
            owner: 'Leaving care service manager',
            due: -160,
            completed: -166,
            evidence: 'Protocol signed by both services.',
          },
          {
            title: 'Open a drop-in hub for care leavers',
            owner: 'Leaving care service manager',
            due: -45,
            moves: [
              {
                on: -50,
                to: 10,
                reason: 'Building works at the hub premises were delayed by the landlord.',
              },
            ],
          },
          {
            title: 'Offer every care leaver a named contact in the council’s apprenticeship scheme',
            owner: 'Employment and skills team',
            due: { thisQuarter: 10 },
            completed: { thisQuarter: 14 },
            evidence: 'Named contacts listed in each pathway plan.',
          },
        ],
        updates: [
          {
            on: { thisQuarter: 5 },
            body: 'The landlord delayed the building works, so the drop-in hub opens a few weeks later than planned. Personal advisers are meeting young people at the library meanwhile.',
          },
        ],
        evidence: [
          {
            on: -90,
            kind: 'partner',
            direction: 'no-change',
            summary:
              'The district housing team reported that the number of care leavers in bed and breakfast or sofa surfing is about the same as six months ago.',
          },
        ],
      },
    ],
  },
  {
    code: '3',
    half: 'B',
    title: 'Workforce',
    leadTitle: 'Head of Workforce Development',
    objectives: [
      {
        key: '3.1',
        title: 'Build a stable permanent workforce',
        description:
          'Recruit and keep permanent social workers and managers, and rely less on agency staff, so that caseloads are manageable.',
        intendedImpact: 'Children keep the same social worker for longer and do not have to retell their story.',
        milestones: [
          {
            title: 'Launch a recruitment campaign for experienced social workers',
            owner: 'HR business partner',
            due: -210,
            completed: -212,
            evidence: 'Campaign launched; applications tracked monthly.',
          },
          {
            title: 'Agree a market supplement for hard-to-fill posts',
            owner: 'HR business partner',
            due: -130,
            completed: -118,
            evidence: 'Supplement agreed by the council’s employment committee.',
          },
          {
            title: 'Appoint a permanent manager for the assessment team',
            owner: 'Assistant Director, Children’s Social Care',
            due: -150,
            moves: [
              {
                on: -160,
                to: -60,
                reason: 'Recruitment to the team lead post took longer than planned: the first round did not appoint.',
              },
              {
                on: -66,
                to: 40,
                reason: 'A second round of interviews is booked; an interim manager covers the team meanwhile.',
              },
            ],
            reported: [{ on: -65, status: 'at-risk' }],
          },
          {
            title: 'Start the second group of newly qualified social workers in the social work academy',
            owner: 'Workforce development team',
            due: 12,
            initial: 'not-started',
            reported: [{ on: -80, status: 'on-track' }],
          },
        ],
        updates: [
          {
            on: { lastQuarter: 50 },
            body: 'The first round of interviews for the assessment team manager did not appoint. An interim manager is covering and the post will be advertised again.',
          },
          {
            on: { thisQuarter: 8 },
            body: 'Agency use rose last month after five permanent social workers left the east locality team. Exit interviews point to caseload pressure; a recovery plan for the team is being drawn up.',
          },
        ],
        evidence: [
          {
            on: -20,
            kind: 'data',
            direction: 'worsening',
            summary:
              'Five permanent social workers left the east locality team in two months; their children were moved to agency social workers, and a third of them have had a change of worker.',
          },
        ],
      },
      {
        key: '3.2',
        title: 'Give social workers regular, reflective supervision',
        description:
          'Managers supervise every social worker at least monthly, record decisions on the child’s file, and make time to reflect on practice.',
        intendedImpact: 'Children’s plans move on because managers check and challenge the work on every case.',
        milestones: [
          {
            title: 'Agree a supervision policy and recording template',
            owner: 'Principal Social Worker',
            due: -170,
            completed: -175,
            evidence: 'Policy published; template in use in all teams.',
          },
          {
            title: 'Train all team managers in reflective supervision',
            owner: 'Workforce development team',
            due: { thisQuarter: 25 },
            completed: { thisQuarter: 30 },
            evidence: 'All team managers trained; feedback collected.',
          },
          {
            title: 'Move supervision records into the case recording system',
            owner: 'Business systems team',
            due: 25,
            initial: 'not-started',
            reported: [
              { on: -90, status: 'on-track' },
              { on: -12, status: 'off-track' },
            ],
          },
          {
            title: 'Audit supervision records in every team',
            owner: 'Quality assurance team',
            due: 150,
            initial: 'not-started',
          },
        ],
        updates: [
          {
            on: { thisQuarter: 3 },
            body: 'Moving supervision records into the case recording system is off track: the supplier has not yet given a date for the work. Managers keep using the paper template meanwhile.',
          },
        ],
        evidence: [
          {
            on: -35,
            kind: 'staff',
            direction: 'improving',
            summary:
              'In the staff survey, 68% of social workers said supervision helps them reflect on their practice, against 49% a year earlier.',
          },
        ],
      },
    ],
  },
  {
    code: '4',
    half: 'B',
    title: 'Leadership, performance and quality assurance',
    leadTitle: 'Assistant Director, Quality and Performance',
    objectives: [
      {
        key: '4.1',
        title: 'Give leaders an accurate view of practice',
        description:
          'Run a quarterly audit programme with moderation, and report what it finds, with performance data, to leaders and the Improvement Board.',
        intendedImpact: 'Weaknesses in practice are found and put right quickly, so fewer children are left drifting.',
        milestones: [
          {
            title: 'Publish the quarterly audit programme',
            owner: 'Quality assurance team',
            due: -240,
            completed: -244,
            evidence: 'Programme published and shared with partners.',
          },
          {
            title: 'Moderate a sample of every audit round',
            owner: 'Quality assurance team',
            due: -100,
            completed: -101,
            evidence: 'Moderation notes kept with each audit round.',
          },
          {
            title: 'Launch a monthly performance report for team managers',
            owner: 'Performance and intelligence team',
            due: 120,
            initial: 'not-started',
            reported: [{ on: -20, status: 'on-track' }],
          },
        ],
        updates: [
          {
            on: { lastQuarter: 25 },
            body: 'Moderation of the latest audit round agreed with the auditors’ grades in most cases. Work on a monthly performance report for team managers has started.',
          },
        ],
        evidence: [
          {
            on: -230,
            kind: 'document',
            direction: 'no-change',
            summary:
              'The first quarterly audit report found audits done on time, but moderation changed a third of the grades, so auditors did not yet grade consistently.',
          },
          {
            on: -50,
            kind: 'audit',
            direction: 'improving',
            summary: 'Moderation of the latest audit round agreed with the auditors’ grades in 9 of 10 cases.',
          },
        ],
      },
      {
        key: '4.2',
        title: 'Agree a shared offer of early help with partners',
        description:
          'Agree with health, police, schools and the voluntary sector what early help each will offer, and how families are referred between them.',
        intendedImpact:
          'Families find help early from whichever service they turn to first, without being passed between services.',
        milestones: [
          {
            title: 'Map the early help each partner offers today',
            owner: 'Early help partnership manager',
            due: -110,
            completed: -112,
            evidence: 'Map shared with the safeguarding partnership.',
          },
          {
            title: 'Agree the shared offer at the safeguarding partnership executive',
            owner: 'Early help partnership manager',
            due: 45,
            initial: 'not-started',
            reported: [{ on: -40, status: 'on-track' }],
          },
          {
            title: 'Publish the offer for families online and in family hubs',
            owner: 'Communications team',
            due: 180,
            initial: 'not-started',
          },
        ],
        updates: [
          {
            on: { thisQuarter: 12 },
            body: 'Partners have mapped the early help they offer. A draft shared offer goes to the safeguarding partnership executive for agreement.',
          },
        ],
        // Deliberately none, and no measure: the product then says "no evidence of impact yet".
        evidence: [],
      },
    ],
  },
]

// ---------------------------------------------------------------------------------------------------------
// The plan, dated
// ---------------------------------------------------------------------------------------------------------

export interface MilestoneFields {
  due_on: string
  status: MilestoneStatus
  completed_on: string | null
}

/** A milestone as it was recorded at a moment: as added, or after a change (with why, for a move). */
export interface MilestoneStep extends MilestoneFields {
  at: Date
  reason: string
}

export interface LiveMilestone extends MilestoneFields {
  title: string
  owner: string
  evidence: string
  createdAt: Date
  /** The last change (its creation when it never changed). */
  updatedAt: Date
  /** The milestone as added, then after each change, in date order; the last step is the milestone now. */
  steps: MilestoneStep[]
}

export interface LiveEvidence {
  observedOn: string
  kind: EvidenceKind
  direction: EvidenceDirection
  summary: string
  createdAt: Date
}

export interface LiveObjective {
  key: string
  title: string
  description: string
  intendedImpact: string
  milestones: LiveMilestone[]
  updates: Array<{ at: Date; body: string }>
  evidence: LiveEvidence[]
}

export interface LiveStrand {
  code: string
  half: StrandHalf
  title: string
  leadTitle: string
  objectives: LiveObjective[]
}

export interface LivePlan {
  calendar: LiveCalendar
  title: string
  createdAt: Date
  strands: LiveStrand[]
}

export function northfieldPlan(today: string): LivePlan {
  const cal = liveCalendar(today)
  return {
    calendar: cal,
    title: PLAN_TITLE,
    createdAt: planCreated(cal),
    strands: STRANDS.map((s) => ({
      code: s.code,
      half: s.half,
      title: s.title,
      leadTitle: s.leadTitle,
      objectives: s.objectives.map((o) => ({
        key: o.key,
        title: o.title,
        description: o.description,
        intendedImpact: o.intendedImpact,
        milestones: o.milestones.map((m) => datedMilestone(m, cal)),
        updates: o.updates.map((u) => ({ at: momentOn(dateOf(u.on, cal), 12, cal), body: u.body })),
        evidence: o.evidence.map((e) => {
          const observedOn = dateOf(e.on, cal)
          return {
            observedOn,
            kind: e.kind,
            direction: e.direction,
            summary: e.summary,
            createdAt: momentOn(observedOn, 17, cal),
          }
        }),
      })),
    })),
  }
}

interface MilestoneEvent {
  date: string
  hour: number
  reason: string
  apply: (f: MilestoneFields) => MilestoneFields
}

/** A milestone's dates from today, and its history: added at the plan's start, then each change in turn. */
function datedMilestone(m: MilestoneSpec, cal: LiveCalendar): LiveMilestone {
  const created = planCreated(cal)
  const events: MilestoneEvent[] = [
    ...(m.moves ?? []).map((move) => {
      const to = dateOf(move.to, cal)
      return {
        date: dateOf(move.on, cal),
        hour: 10,
        reason: move.reason,
        apply: (f: MilestoneFields) => ({ ...f, due_on: to }),
      }
    }),
    ...(m.reported ?? []).map((r) => ({
      date: dateOf(r.on, cal),
      hour: 11,
      reason: '',
      apply: (f: MilestoneFields) => ({ ...f, status: r.status }),
    })),
    ...(m.completed === undefined
      ? []
      : [dateOf(m.completed, cal)].map((on) => ({
          date: on,
          hour: 17,
          reason: '',
          apply: (f: MilestoneFields) => ({ ...f, status: 'complete' as const, completed_on: on }),
        }))),
  ]
  // In date order, then hour; a stable sort keeps the written order of changes on the same day.
  events.sort((a, b) => a.date.localeCompare(b.date) || a.hour - b.hour)
  let fields: MilestoneFields = { due_on: dateOf(m.due, cal), status: m.initial ?? 'on-track', completed_on: null }
  const steps: MilestoneStep[] = [{ ...fields, at: created, reason: '' }]
  for (const e of events) {
    if (e.date <= cal.planStart) throw new Error(`"${m.title}" changes on ${e.date}, before the plan began`)
    const previous = steps[steps.length - 1]!.at
    const at = momentOn(e.date, e.hour, cal)
    const next = e.apply(fields)
    if (next.due_on !== fields.due_on && next.due_on <= fields.due_on)
      throw new Error(`"${m.title}" has its due date moved earlier, not later`)
    fields = next
    // Two changes recorded the same moment (both today) are a minute apart, so their order is kept.
    steps.push({ ...fields, at: at > previous ? at : new Date(previous.getTime() + 60_000), reason: e.reason })
  }
  return {
    title: m.title,
    owner: m.owner,
    evidence: m.evidence ?? '',
    ...fields,
    createdAt: created,
    updatedAt: steps[steps.length - 1]!.at,
    steps,
  }
}

/** A milestone row's history records: its state at each step, ending with the row as it is. */
export function milestoneRecords(row: Milestone, steps: MilestoneStep[]): PlanItemRecord[] {
  return steps.map((s) => ({
    itemType: 'milestone',
    itemId: row.id,
    state: { ...row, due_on: s.due_on, status: s.status, completed_on: s.completed_on },
    reason: s.reason,
    recordedAt: s.at,
  }))
}

// ---------------------------------------------------------------------------------------------------------
// Success measures: fixed, invented monthly series ending with the last complete month
// ---------------------------------------------------------------------------------------------------------

const FICTIONAL_SOURCE = 'Fictional figures for the demo council'

interface MeasureSpec {
  code: string
  name: string
  definition: string
  unit: Unit
  polarity: Polarity
  owner: string
  decimals: number
  validMax: number | null
  vitalSign: VitalSign | null
  target: { value: number; note: string }
  objectives: string[]
  strands: string[]
  /** Oldest first; the last is the last complete month. */
  values: number[]
}

const MEASURES: MeasureSpec[] = [
  {
    // Sustained improvement: the last eight months all below the mean (a run), after the front door changes.
    code: 'NF-REREFERRALS',
    name: 'Re-referrals within 12 months (%)',
    definition: 'Referrals in the month for a child who had a previous referral in the 12 months before.',
    unit: 'percent',
    polarity: 'lower',
    owner: 'Front door service manager',
    decimals: 1,
    validMax: 100,
    vitalSign: null,
    target: { value: 21, note: 'In line with similar councils by the end of the plan.' },
    objectives: ['1.1'],
    strands: ['1'],
    values: [
      25.8, 23.4, 26.3, 24.9, 22.7, 26.1, 24.2, 25.6, 23.1, 26.8, 24.4, 22.9, 25.7, 24.0, 26.0, 23.6, 21.4, 21.9, 20.6,
      21.2, 19.8, 20.5, 19.6, 20.1,
    ],
  },
  {
    // Stable: common cause variation only.
    code: 'NF-SEEN-ALONE',
    name: 'Children in care seen alone at their last visit (%)',
    definition: 'Children in care at the month end whose last statutory visit recorded that they were seen alone.',
    unit: 'percent',
    polarity: 'higher',
    owner: 'Head of Service, Children in Care',
    decimals: 1,
    validMax: 100,
    vitalSign: null,
    target: { value: 90, note: 'Agreed with the Children in Care Council.' },
    objectives: ['2.1'],
    strands: ['2'],
    values: [
      80.4, 82.9, 79.6, 81.8, 83.1, 80.2, 78.9, 82.4, 81.0, 79.3, 83.4, 80.7, 82.0, 79.8, 81.5, 83.0, 80.1, 82.6, 79.4,
      81.9, 80.6, 82.8,
    ],
  },
  {
    // Stable: common cause variation only.
    code: 'NF-CARE-LEAVERS',
    name: 'Care leavers aged 19 to 21 in touch (%)',
    definition: 'Care leavers aged 19 to 21 with whom the council was in touch in the month.',
    unit: 'percent',
    polarity: 'higher',
    owner: 'Leaving care service manager',
    decimals: 1,
    validMax: 100,
    vitalSign: null,
    target: { value: 90, note: 'Above the latest national average.' },
    objectives: ['2.2'],
    strands: ['2'],
    values: [
      86.2, 84.1, 87.5, 85.0, 86.9, 83.8, 86.0, 87.8, 84.6, 85.9, 87.1, 84.3, 86.6, 85.2, 87.4, 84.8, 86.3, 85.5,
    ],
  },
  {
    // A recent concern: the latest month above the upper process limit.
    code: 'NF-AGENCY',
    name: 'Agency social workers (% of social workers)',
    definition:
      'Agency social workers as a share of all social workers in post at the month end (full-time equivalent).',
    unit: 'percent',
    polarity: 'lower',
    owner: 'Head of Workforce Development',
    decimals: 1,
    validMax: 100,
    vitalSign: 'workforce',
    target: { value: 15, note: 'Halfway to the national average by the end of the plan.' },
    objectives: ['3.1'],
    strands: ['3'],
    values: [
      20.8, 22.1, 19.7, 21.4, 20.2, 22.6, 21.0, 19.5, 21.8, 20.4, 22.3, 20.9, 19.8, 21.6, 20.3, 22.0, 21.1, 19.9, 21.7,
      20.6, 22.2, 20.8, 21.3, 27.9,
    ],
  },
  {
    // Stable: common cause variation only.
    code: 'NF-CASELOAD',
    name: 'Average caseload of social workers',
    definition: 'Children allocated per social worker holding cases at the month end.',
    unit: 'count',
    polarity: 'lower',
    owner: 'Head of Workforce Development',
    decimals: 1,
    validMax: null,
    vitalSign: 'workforce',
    target: { value: 18, note: 'The caseload the council’s workforce strategy aims for.' },
    objectives: ['3.1', '3.2'],
    strands: ['3'],
    values: [
      19.4, 18.6, 19.9, 18.9, 19.6, 18.3, 19.2, 20.1, 18.8, 19.5, 18.5, 19.8, 19.0, 18.7, 19.7, 18.4, 19.3, 20.0, 18.9,
      19.4,
    ],
  },
]

export interface LiveMeasure extends Omit<MeasureSpec, 'values' | 'target'> {
  values: Array<{ period: string; value: number }>
  target: { value: number; note: string; targetDate: string; setAt: Date }
}

export function northfieldMeasures(today: string): LiveMeasure[] {
  const cal = liveCalendar(today)
  return MEASURES.map(({ values, target, ...m }) => {
    let first = cal.lastMonth
    for (let i = 1; i < values.length; i++) first = previousMonth(first)
    const periods = periodRange(first, cal.lastMonth, 'monthly')
    return {
      ...m,
      values: values.map((value, i) => ({ period: periods[i]!, value })),
      target: { ...target, targetDate: cal.planEnd, setAt: planCreated(cal) },
    }
  })
}

// ---------------------------------------------------------------------------------------------------------
// Reports to the Improvement Board: this quarter's and last quarter's, both drafts
// ---------------------------------------------------------------------------------------------------------

export interface LiveReport {
  quarterStart: string
  summary: string
  recommendations: string
  decisions: string
  createdAt: Date
  updatedAt: Date
  commentary: Array<{ strandCode: string; commentary: string; impact: string }>
}

export function northfieldReports(today: string): LiveReport[] {
  const cal = liveCalendar(today)
  // Last quarter's report was started in the first fortnight after that quarter ended.
  const startedAfter = (days: number) => {
    const day = addDays(cal.quarterStart, days)
    return momentOn(day < cal.today ? day : cal.today, 10, cal)
  }
  return [
    {
      quarterStart: cal.previousQuarterStart,
      summary:
        'The front door changes are bedding in: health and police staff work in the team and re-referrals have begun to fall. The care leavers’ housing protocol and the supervision policy are in place. Appointing a permanent manager for the assessment team has slipped, and an interim manager is covering.',
      recommendations:
        'The Board is asked to note the progress at the front door, to ask the case recording system supplier for a firm date for the new plan template, and to keep the assessment team manager appointment under review.',
      decisions: 'Proposed: agree the revised date for building the plan template into the case recording system.',
      createdAt: startedAfter(3),
      updatedAt: startedAfter(10),
      commentary: [],
    },
    {
      quarterStart: cal.quarterStart,
      summary:
        'Most of the plan is on track, and re-referrals to the front door have stayed lower for more than half a year. The main concern is the workforce: agency use rose sharply last month after permanent social workers left the east locality team, and two workforce milestones are at risk or off track. Two help and protection milestones are overdue.',
      recommendations:
        'The Board is asked to note the sustained fall in re-referrals; to ask the Head of Workforce Development for a recovery plan for the east locality team by the next meeting; and to ask health and police partners to confirm their part in the shared early help offer.',
      decisions:
        'To be confirmed at the meeting. Proposed: accept the new date for the care leavers’ drop-in hub, and make workforce a standing item until agency use falls.',
      createdAt: momentOn(dateOf({ thisQuarter: 4 }, cal), 10, cal),
      updatedAt: momentOn(dateOf({ thisQuarter: 1 }, cal), 15, cal),
      commentary: [
        {
          strandCode: '3',
          commentary:
            'Appointing a permanent manager for the assessment team has slipped twice; an interim manager is in post and a second round of interviews is booked. Moving supervision records into the case recording system is off track while we wait for the supplier.',
          impact:
            'Agency use rose in the latest month beyond what normal variation explains, after permanent staff left the east locality team, and children there have had more changes of social worker. Staff say supervision is more helpful than a year ago.',
        },
      ],
    },
  ]
}

// ---------------------------------------------------------------------------------------------------------
// Writing it to the database
// ---------------------------------------------------------------------------------------------------------

/** Seeds Northfield's live plan, its measures, evidence and two draft reports, all dated from `today`. */
export async function seedNorthfieldLive(
  trx: Tx,
  people: NorthfieldPeople,
  today: string,
): Promise<{ planId: number }> {
  const livePlan = northfieldPlan(today)
  const cal = livePlan.calendar
  const created = livePlan.createdAt
  const plan = await trx
    .insertInto('plan')
    .values({
      organisation_id: people.organisationId,
      title: livePlan.title,
      starts_on: cal.planStart,
      ends_on: cal.planEnd,
      created_at: created,
    })
    .returning('id')
    .executeTakeFirstOrThrow()

  const history: PlanItemRecord[] = []
  const strandIds = new Map<string, number>()
  const objectiveIds = new Map<string, number>()
  for (const [strandIndex, s] of livePlan.strands.entries()) {
    const strand = await trx
      .insertInto('strand')
      .values({
        plan_id: plan.id,
        code: s.code,
        half: s.half,
        title: s.title,
        lead_title: s.leadTitle,
        lead_user_id: null,
        position: strandIndex + 1,
        created_at: created,
        updated_at: created,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    strandIds.set(s.code, strand.id)
    history.push({ itemType: 'strand', itemId: strand.id, state: strand, recordedAt: created })
    for (const [objectiveIndex, o] of s.objectives.entries()) {
      const objective = await trx
        .insertInto('objective')
        .values({
          strand_id: strand.id,
          title: o.title,
          description: o.description,
          intended_impact: o.intendedImpact,
          position: objectiveIndex + 1,
          created_at: created,
          updated_at: created,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      objectiveIds.set(o.key, objective.id)
      history.push({ itemType: 'objective', itemId: objective.id, state: objective, recordedAt: created })
      for (const [milestoneIndex, m] of o.milestones.entries()) {
        const row = await trx
          .insertInto('milestone')
          .values({
            objective_id: objective.id,
            title: m.title,
            owner: m.owner,
            due_on: m.due_on,
            status: m.status,
            completed_on: m.completed_on,
            evidence: m.evidence,
            position: milestoneIndex + 1,
            created_at: m.createdAt,
            updated_at: m.updatedAt,
          })
          .returningAll()
          .executeTakeFirstOrThrow()
        history.push(...milestoneRecords(row, m.steps))
      }
      if (o.updates.length)
        await trx
          .insertInto('objective_update')
          .values(
            o.updates.map((u) => ({
              objective_id: objective.id,
              body: u.body,
              author_user_id: people.editorUserId,
              created_at: u.at,
            })),
          )
          .execute()
      if (o.evidence.length)
        await trx
          .insertInto('evidence_entry')
          .values(
            o.evidence.map((e) => ({
              objective_id: objective.id,
              observed_on: e.observedOn,
              kind: e.kind,
              summary: e.summary,
              direction: e.direction,
              attachment_name: null,
              attachment_type: null,
              attachment: null,
              created_by: people.editorUserId,
              created_at: e.createdAt,
            })),
          )
          .execute()
    }
  }
  // The whole plan's history in date order (a stable sort keeps each item's steps in turn).
  history.sort((a, b) => a.recordedAt!.getTime() - b.recordedAt!.getTime())
  await recordPlanItems(trx, plan.id, people.editorUserId, history)

  for (const [index, m] of northfieldMeasures(today).entries()) {
    const measure = await trx
      .insertInto('measure')
      .values({
        organisation_id: people.organisationId,
        code: m.code,
        name: m.name,
        definition: m.definition,
        unit: m.unit,
        polarity: m.polarity,
        frequency: 'monthly',
        source: FICTIONAL_SOURCE,
        owner: m.owner,
        valid_min: 0,
        valid_max: m.validMax,
        decimals: m.decimals,
        vital_sign: m.vitalSign,
        formula: null,
        national_indicator: null,
        position: index + 1,
        created_at: created,
        updated_at: created,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('measure_value')
      .values(m.values.map((v) => ({ measure_id: measure.id, period: v.period, value: v.value, note: '' })))
      .execute()
    await trx
      .insertInto('measure_target')
      .values({
        measure_id: measure.id,
        value: m.target.value,
        target_date: m.target.targetDate,
        note: m.target.note,
        set_by: people.editorUserId,
        set_at: m.target.setAt,
      })
      .execute()
    await trx
      .insertInto('measure_objective')
      .values(m.objectives.map((key) => ({ measure_id: measure.id, objective_id: objectiveIds.get(key)! })))
      .execute()
    await trx
      .insertInto('measure_strand')
      .values(m.strands.map((code) => ({ measure_id: measure.id, strand_id: strandIds.get(code)! })))
      .execute()
  }

  for (const r of northfieldReports(today)) {
    const report = await trx
      .insertInto('report')
      .values({
        organisation_id: people.organisationId,
        quarter_start: r.quarterStart,
        status: 'draft',
        board_name: 'Northfield Children’s Services Improvement Board',
        // The Board meets three weeks into the quarter after the one reported on.
        meeting_on: addDays(nextPeriod(r.quarterStart, 'quarterly'), 20),
        author_role: 'Improvement Programme Manager',
        accountable_role: 'Director of Children’s Services',
        purpose: 'assurance',
        summary: r.summary,
        recommendations: r.recommendations,
        decisions: r.decisions,
        created_by: people.editorUserId,
        created_at: r.createdAt,
        updated_at: r.updatedAt,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    if (r.commentary.length)
      await trx
        .insertInto('report_commentary')
        .values(
          r.commentary.map((c) => ({
            report_id: report.id,
            strand_id: strandIds.get(c.strandCode)!,
            commentary: c.commentary,
            impact: c.impact,
            updated_by: people.editorUserId,
            updated_at: r.updatedAt,
          })),
        )
        .execute()
  }

  return { planId: plan.id }
}
