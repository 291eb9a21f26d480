// The demo's intervention and scrutiny records: the Improvement Notice or Statutory Direction with its
// numbered requirements, the inspections, visits and reviews with their findings, what answers each of
// them in the plan, the Improvement Board's meetings, and a self-assessment being drafted.
//
// Bradford's are its real history from the public documents (the Notice of December 2018, the Executive
// reports of 2018 and 2020, the Commissioner's report of January 2022, the scrutiny report of March 2023):
// the dates, paragraph numbers and themes are theirs, every sentence is ours. Where a source gives only
// the month of a visit or review, the day is our choice and the summary says so.
// Northfield's are invented, dated from the day the demo is loaded like its live plan (northfield-live.ts).
//
// Each council's records are first described as plain data (bradfordOversight, northfieldOversight: pure,
// tested), then written in a handful of batched inserts by writeOversight. Plan items are named by title
// and resolved when written, so a renamed objective or milestone fails the seeding instead of linking
// nothing.
import type { Tx } from '../db/connect.js'
import type {
  FindingKind,
  InspectionType,
  InterventionKind,
  JudgementDomain,
  OverseerRole,
  OversightEventKind,
  OversightEventState,
} from '../db/database.js'
import { addDays, addMonths, quarterOf } from '../shared/calendar.js'
import { liveCalendar, northfieldPlan } from './northfield-live.js'

// ---------------------------------------------------------------------------------------------------------
// The shape of the records, as data
// ---------------------------------------------------------------------------------------------------------

/** Something in the council's own records that answers a requirement or finding, named as the demo names it. */
export type DemoTarget =
  | { objective: string }
  | { milestone: string }
  /** A progress report, by the first day of the quarter it covers. */
  | { report: string }
  /** A Board meeting, by the day it was held. */
  | { meeting: string }
  /** An evidence entry, by its objective's title and the day it was observed. */
  | { evidence: { objective: string; observedOn: string } }

export interface DemoClosure {
  on: string
  note: string
}

export interface DemoRequirement {
  paragraph: string
  title: string
  dueOn?: string
  closed?: DemoClosure
  evidence: DemoTarget[]
}

export interface DemoIntervention {
  key: string
  kind: InterventionKind
  title: string
  issuedOn: string
  issuedBy: string
  overseer: OverseerRole
  reviewIntervalMonths: number
  monitoringIntervalMonths: number | null
  summary: string
  ended?: { on: string; note: string }
  requirements: DemoRequirement[]
}

export interface DemoFinding {
  kind: FindingKind
  reference?: string
  theme: string
  text: string
  closed?: DemoClosure
  /** Only objectives, milestones and evidence answer a finding. */
  answers: Array<Exclude<DemoTarget, { report: string } | { meeting: string }>>
}

export interface DemoEvent {
  /** How the self-assessment names its review; unique within a council. */
  key: string
  kind: OversightEventKind
  inspectionType?: InspectionType
  title: string
  /** The key of the intervention it falls under. */
  intervention?: string
  state: OversightEventState
  startsOn: string
  endsOn?: string
  publishedOn?: string
  summary: string
  themes: string[]
  judgements?: Partial<Record<JudgementDomain, string>>
  findings: DemoFinding[]
}

export interface DemoMeeting {
  heldOn: string
  title: string
  summary: string
  /** The progress report it considered, by the first day of its quarter. */
  report?: string
  decisions: string[]
}

export interface DemoSelfAssessment {
  title: string
  /** The key of the review it is written for. */
  review: string
  narrative: Record<string, string>
}

export interface DemoOversight {
  interventions: DemoIntervention[]
  events: DemoEvent[]
  meetings: DemoMeeting[]
  selfAssessment?: DemoSelfAssessment
}

// ---------------------------------------------------------------------------------------------------------
// Bradford: the real history, in our own words
// ---------------------------------------------------------------------------------------------------------

const DFE = 'Department for Education'
const NOTICE = 'notice-2018'
const DIRECTION = 'direction-2021'
const MONTH_ONLY = 'The source gives only the month; the day shown is illustrative.'

// Bradford's plan items, by their titles in bradford-plan.ts.
const B = {
  frontDoor: 'Conversation-led handling of contacts',
  thresholds: 'Shared understanding of thresholds',
  strategy: 'Prompt strategy discussions',
  neglect: 'Recognising neglect and domestic abuse',
  careService: 'Specialist children in care and care leavers service',
  permanence: 'Timely permanence',
  digitalVoice: 'Digital participation for children',
  shaping: 'Children shaping services',
  trust: 'Move to the Children and Families Trust',
  governance: 'Improvement governance and capacity',
  recruitment: 'Permanent recruitment and less agency reliance',
  caseloads: 'Keeping staff and manageable caseloads',
  supervision: 'Regular, reflective supervision',
  performance: 'Reliable performance information',
  quality: 'Quality assurance that drives improvement',
  hearing: 'Hearing from staff and children',
} as const
const Q2_2022 = '2022-07-01'
const Q3_2022 = '2022-10-01'
const COMMISSIONER_EVIDENCE = { evidence: { objective: B.performance, observedOn: '2022-01-14' } }

export function bradfordOversight(): DemoOversight {
  return {
    interventions: [
      {
        key: NOTICE,
        kind: 'improvement-notice',
        title: 'Improvement Notice',
        issuedOn: '2018-12-04',
        issuedBy: DFE,
        overseer: 'adviser',
        reviewIntervalMonths: 6,
        monitoringIntervalMonths: 4,
        summary:
          'Issued after Ofsted judged children’s services inadequate in the inspection report of 29 October 2018. The Department chose a non-statutory route: an adviser to support the council, an improvement plan overseen by an Improvement Board, and DfE reviews of progress at least every six months, with statutory powers held in reserve.',
        ended: {
          on: '2021-07-26',
          note: 'Superseded by a Statutory Direction after Ofsted raised serious concerns about children in the council’s care.',
        },
        requirements: [
          {
            paragraph: '3',
            title: 'Work with the adviser the DfE appoints',
            evidence: [{ objective: B.governance }],
          },
          {
            paragraph: '4',
            title:
              'Have an improvement plan that brings lasting improvement, covering the inspection’s areas and the adviser’s advice',
            evidence: [{ objective: B.governance }],
          },
          {
            paragraph: '5a',
            title: 'Keep the plan and the record of progress against it up to date',
            closed: {
              on: '2020-07-15',
              note: 'The plan was expanded with dedicated project support, and a team of project coordinators kept progress against each workstream up to date (Commissioner’s review, January 2022).',
            },
            evidence: [{ objective: B.governance }],
          },
          {
            paragraph: '5b',
            title:
              'Have an improvement board with an independent chair, and report progress to it on a timetable agreed with the DfE',
            closed: {
              on: '2019-01-08',
              note: 'By early January 2019 the Improvement Board was meeting every fortnight, chaired by the DfE’s adviser (Executive update, January 2019). It later met monthly; the Board’s meetings and progress reports here show it continuing.',
            },
            evidence: [{ report: Q2_2022 }, { meeting: '2022-11-17' }, { meeting: '2023-02-16' }],
          },
          {
            paragraph: '5c',
            title:
              'Give the board data, analysis and evidence of the difference improvements make for children and families',
            evidence: [{ report: Q2_2022 }, { meeting: '2022-11-17' }],
          },
          {
            paragraph: '5d',
            title: 'Point out the objectives that are slow to progress and where contributions must be stronger',
            evidence: [{ report: Q2_2022 }],
          },
          {
            paragraph: '5e',
            title: 'Take frontline staff’s and children’s views into account in shaping practice and standards',
            evidence: [{ objective: B.hearing }, { objective: B.digitalVoice }],
          },
          {
            paragraph: '9',
            title: 'Give reviewers access to staff and leaders, accurate data, facilities and records',
            evidence: [],
          },
          {
            paragraph: '10',
            title: 'Send our own assessment of improvement before each review',
            closed: {
              on: '2020-02-26',
              note: 'At the February 2020 monitoring visit inspectors found the council’s self-assessment accurate.',
            },
            evidence: [{ objective: B.performance }],
          },
          {
            paragraph: '11',
            title: 'Aim to deliver the plan’s actions by the end of April 2020',
            dueOn: '2020-04-30',
            evidence: [{ objective: B.governance }],
          },
        ],
      },
      {
        key: DIRECTION,
        kind: 'statutory-direction',
        title: 'Statutory Direction',
        issuedOn: '2021-07-26',
        issuedBy: DFE,
        overseer: 'commissioner',
        reviewIntervalMonths: 6,
        monitoringIntervalMonths: null,
        summary:
          'Issued on the decision of the Under-Secretary of State for Children and Families, after Ofsted wrote in July 2021 of serious concern for children in the council’s care, and monitoring visits had shown slow progress. A Children’s Services Commissioner, appointed on 14 September 2021, was to judge whether children’s social care should leave the council’s control for a time.',
        requirements: [
          {
            paragraph: '1',
            title:
              'Instruct the council on immediate improvements, and say what further improvement and support it needs',
            evidence: [{ objective: B.governance }],
          },
          {
            paragraph: '2',
            title: 'Gather evidence on whether the council can improve itself in a reasonable time',
            closed: {
              on: '2022-01-14',
              note: 'The Commissioner’s report concluded that the council could not bring about the changes needed on its own within 18 months to two years.',
            },
            evidence: [COMMISSIONER_EVIDENCE],
          },
          {
            paragraph: '3',
            title: 'Advise on other ways to deliver and govern children’s social care, outside the council’s control',
            closed: {
              on: '2022-01-14',
              note: 'The Commissioner preferred an executive commissioner model; given its legal limits, the council chose a voluntary trust, which the plan then prepared for.',
            },
            evidence: [{ objective: B.trust }],
          },
          {
            paragraph: '4',
            title: 'Report to the Under-Secretary of State by 14 January 2022',
            dueOn: '2022-01-14',
            closed: {
              on: '2022-01-14',
              note: 'The Commissioner’s report was made to the minister on time; its findings are recorded as evidence against the plan’s objectives.',
            },
            evidence: [COMMISSIONER_EVIDENCE],
          },
        ],
      },
    ],
    events: [
      {
        key: 'jtai-2017',
        kind: 'jtai',
        title: 'Joint targeted area inspection: abuse and neglect',
        state: 'held',
        startsOn: '2017-02-27',
        endsOn: '2017-03-03',
        summary:
          'Ofsted, the Care Quality Commission and the inspectorates of constabulary and probation looked together at how agencies respond to abuse and neglect, with a close look at children living with domestic abuse. The findings were largely positive, with 34 strengths, but some practice issues echoed the 2014 inspection.',
        themes: ['Multi-agency response to abuse and neglect', 'Children living with domestic abuse'],
        findings: [],
      },
      {
        key: 'ilacs-2018',
        kind: 'inspection',
        inspectionType: 'standard',
        title: 'Inspection of local authority children’s services (ILACS)',
        state: 'held',
        startsOn: '2018-09-17',
        endsOn: '2018-09-28',
        publishedOn: '2018-10-29',
        summary:
          'Services for children needing help and protection had failed seriously, leaving some children at risk of significant harm, so the overall judgement was inadequate. Services had declined in every area since 2014, driven by rising demand and the loss of many experienced social workers and managers. The recommendations below are our summary of the areas the inspection asked the council to improve.',
        themes: [
          'Help and protection',
          'Front door and the multi-agency safeguarding hub',
          'Neglect and domestic abuse',
          'Children in care and care leavers',
          'Leadership and workforce',
        ],
        findings: [
          {
            kind: 'strength',
            theme: 'Children in care and care leavers',
            text: 'Most children in care had supportive social workers, especially in the throughcare teams, where workers knew their children well.',
            answers: [],
          },
          {
            kind: 'strength',
            theme: 'Help and protection',
            text: 'Strategy meetings were held promptly.',
            answers: [],
          },
          {
            kind: 'finding',
            theme: 'Help and protection',
            text: 'Children who needed protection were not always spotted, or helped early enough and in the right way.',
            answers: [{ objective: B.thresholds }],
          },
          {
            kind: 'finding',
            theme: 'Front door and the multi-agency safeguarding hub',
            text: 'The safeguarding hub did not work well, so some children were left where they might come to harm.',
            answers: [{ objective: B.frontDoor }],
          },
          {
            kind: 'finding',
            theme: 'Help and protection',
            text: 'Safety planning during child protection enquiries was weak, and initial conferences were held late.',
            answers: [{ objective: B.strategy }],
          },
          {
            kind: 'finding',
            theme: 'Leadership and workforce',
            text: 'Practice varied from one locality team to another, despite wide training in the council’s practice model.',
            answers: [{ objective: B.supervision }],
          },
          {
            kind: 'recommendation',
            theme: 'Front door and the multi-agency safeguarding hub',
            text: 'Make the front door recognise risk and respond to it quickly and consistently.',
            closed: {
              on: '2021-04-21',
              note: 'Monitoring visits from 2019 to April 2021 found the front door improved and the improvement kept up (Commissioner’s review, January 2022).',
            },
            answers: [{ objective: B.frontDoor }, { objective: B.thresholds }],
          },
          {
            kind: 'recommendation',
            theme: 'Help and protection',
            text: 'Keep children safe while enquiries are under way, and hold initial child protection conferences without delay.',
            answers: [
              { objective: B.strategy },
              { milestone: 'Audit the quality of safety planning during enquiries' },
            ],
          },
          {
            kind: 'recommendation',
            theme: 'Neglect and domestic abuse',
            text: 'Recognise neglect and domestic abuse, and the needs of vulnerable groups of children, and act on them.',
            answers: [{ objective: B.neglect }],
          },
          {
            kind: 'recommendation',
            theme: 'Leadership and workforce',
            text: 'Stabilise the workforce and strengthen managers’ oversight of practice.',
            answers: [{ objective: B.recruitment }, { objective: B.supervision }],
          },
        ],
      },
      monitoringVisit(
        'mv-2019-03',
        '2019-03-13',
        'First monitoring visit',
        `${MONTH_ONLY} Its letter was not published.`,
      ),
      dfeReview(
        'review-2019-05',
        '2019-05-15',
        'With the other checks that year, found leaders gaining a sound grasp of how much had to change, and some progress at the front door; practice, supervision, frontline management, data and quality assurance were still weak, and progress was too slow.',
      ),
      monitoringVisit(
        'mv-2019-06',
        '2019-06-12',
        'Second monitoring visit',
        `${MONTH_ONLY} Like the other checks in 2019, it found leaders coming to see that the problems ran deeper than the 2018 inspection had shown, with social work vacancies the main obstacle.`,
      ),
      monitoringVisit(
        'mv-2019-10',
        '2019-10-16',
        'Third monitoring visit',
        `${MONTH_ONLY} Some progress at the front door, but weaknesses in practice and frontline management remained and progress was too slow.`,
      ),
      dfeReview(
        'review-2019-12',
        '2019-12-11',
        'Noted more stability and focus since a permanent Director and Deputy Director for social care arrived in November 2019; overall progress was still too slow.',
      ),
      {
        key: 'mv-2020-02',
        kind: 'monitoring-visit',
        title: 'Fourth monitoring visit: permanence for children in care',
        intervention: NOTICE,
        state: 'held',
        startsOn: '2020-02-25',
        endsOn: '2020-02-26',
        publishedOn: '2020-03-19',
        summary:
          'Two inspectors looked at how quickly children in care reach a permanent home, and at whether performance information and quality assurance give managers and leaders a true picture of practice and of children’s experiences. They read case records, audits and performance data, talked with councillors, managers and social workers, and met a small group of children in care. The findings here follow the council’s report of the inspectors’ feedback; the recommendations are our reading of it.',
        themes: [
          'Permanence for children in care',
          'Whether performance information and quality assurance give leaders an accurate view of practice and children’s experiences',
        ],
        findings: [
          {
            kind: 'strength',
            theme: 'Quality assurance',
            text: 'Our self-assessment matched what inspectors found.',
            answers: [],
          },
          {
            kind: 'strength',
            theme: 'Permanence',
            text: 'There was some better practice, and some children in care were benefiting from it.',
            answers: [],
          },
          {
            kind: 'strength',
            theme: 'Leadership',
            text: 'Leaders are rightly focused on building what the whole service needs for better care planning and compliance.',
            answers: [],
          },
          {
            kind: 'strength',
            theme: 'Leadership',
            text: 'A new senior management team with the right qualifications and knowledge has been recruited.',
            answers: [],
          },
          {
            kind: 'finding',
            theme: 'Permanence',
            text: 'Children wait too long for a permanent home: their plans drift and decisions are delayed.',
            answers: [{ objective: B.permanence }],
          },
          {
            kind: 'finding',
            theme: 'Leadership',
            text: 'The improvement plan stalled at first, while permanent senior leaders were recruited and the size of the task became clear.',
            closed: {
              on: '2020-07-15',
              note: 'Every senior leadership post in children’s services was filled permanently during 2020, after the Director and Deputy Director arrived in November 2019, and the plan was given dedicated project support (Commissioner’s review, January 2022).',
            },
            answers: [{ objective: B.governance }],
          },
          {
            kind: 'finding',
            theme: 'Permanence',
            text: 'The new team’s changes have not yet made a difference for most children in care who need a stable, permanent home.',
            answers: [],
          },
          {
            kind: 'recommendation',
            theme: 'Permanence',
            text: 'Make sure managers drive a timely permanence plan for every child in care.',
            answers: [
              { objective: B.permanence },
              { milestone: 'Set up permanence tracking for every child in care' },
              { milestone: 'Agree a permanence plan by the second review for every child entering care' },
            ],
          },
          {
            kind: 'recommendation',
            theme: 'Performance information and quality assurance',
            text: 'Use performance information and audits to track the permanence decision for each child.',
            closed: {
              on: '2022-07-29',
              note: 'A permanence tracker now covers every child in care, and the monthly performance report shows each team’s figures, so managers see which children are waiting.',
            },
            answers: [
              { objective: B.performance },
              { milestone: 'Set up permanence tracking for every child in care' },
              { milestone: 'Refresh the monthly performance report with team-level views' },
            ],
          },
        ],
      },
      dfeReview(
        'review-2020-07',
        '2020-07-15',
        'Every senior leadership post was now filled permanently and middle managers had been recruited, but social workers were leaving as fast as they joined and the service relied heavily on agency staff. Children entering care waited a long time for an agreed permanence plan.',
      ),
      {
        key: 'fv-2020-12',
        kind: 'focused-visit',
        title: 'Focused visit',
        intervention: NOTICE,
        state: 'held',
        startsOn: '2020-12-08',
        endsOn: '2020-12-09',
        summary: `${MONTH_ONLY} A wider look than a monitoring visit. With the other checks in 2020, it found that the service had been reorganised into four localities and practice standards introduced, and audits, supervision and challenge from reviewing officers gave better oversight; but the workforce was unstable, too many children moved placement, and every issue from 2018 was still not resolved.`,
        themes: ['Workforce', 'Care planning and placements', 'Management oversight'],
        findings: [],
      },
      dfeReview(
        'review-2021-03',
        '2021-03-17',
        'Some areas of practice had held up or improved despite the pandemic, but the Department judged the pace since 2018 too slow and said the next six months would be decisive.',
      ),
      monitoringVisit(
        'mv-2021-04',
        '2021-04-20',
        'Monitoring visit',
        `${MONTH_ONLY} The service’s foundations had been rebuilt: a better front door, a new training programme, stronger quality assurance and performance management, and more social workers and managers, with caseloads falling for most. Core practice, though, was improving too slowly to make a difference for children and families.`,
      ),
      {
        key: 'mv-2021-09',
        kind: 'monitoring-visit',
        title: 'Monitoring visit: children in care',
        intervention: DIRECTION,
        state: 'held',
        startsOn: '2021-09-08',
        endsOn: '2021-09-09',
        summary: `${MONTH_ONLY} Inspectors found serious weaknesses in services and practice for children in care, and few real improvements in their experiences, though staff remained committed. They named six areas to improve.`,
        themes: ['Children in care', 'Residential care', 'Corporate parenting', 'Workforce'],
        findings: [
          {
            kind: 'recommendation',
            reference: '1',
            theme: 'Residential care',
            text: 'Urgently raise the standard of care in the council’s own children’s homes.',
            answers: [{ objective: B.careService }],
          },
          {
            kind: 'recommendation',
            reference: '2',
            theme: 'Placements',
            text: 'Commission placements better, so children get homes that meet their needs.',
            answers: [],
          },
          {
            kind: 'recommendation',
            reference: '3',
            theme: 'Corporate parenting',
            text: 'Make the council a more effective corporate parent.',
            answers: [{ objective: B.shaping }],
          },
          {
            kind: 'recommendation',
            reference: '4',
            theme: 'Care planning',
            text: 'Make care planning and managers’ oversight consistent, including for children living at home under a court order.',
            answers: [{ objective: B.permanence }, { objective: B.supervision }],
          },
          {
            kind: 'recommendation',
            reference: '5',
            theme: 'Workforce',
            text: 'Stabilise the workforce further and bring social workers’ caseloads down.',
            answers: [{ objective: B.recruitment }, { objective: B.caseloads }],
          },
          {
            kind: 'recommendation',
            reference: '6',
            theme: 'Voice and influence',
            text: 'Give children and young people a stronger say in improving the service.',
            answers: [{ objective: B.digitalVoice }, { objective: B.shaping }],
          },
        ],
      },
      {
        key: 'commissioner-2021',
        kind: 'commissioner-review',
        title: 'Children’s Services Commissioner’s review',
        intervention: DIRECTION,
        state: 'held',
        startsOn: '2021-09-14',
        endsOn: '2022-01-14',
        summary:
          'The Commissioner met leaders, staff and partners and read the adviser’s reports, Board minutes and Ofsted’s letters. Three years after the inspection, progress had been too slow and the council would need 18 months to two years, with outside help, to make the changes required.',
        themes: ['Capacity to improve', 'Leadership', 'Alternative delivery arrangements'],
        findings: [
          {
            kind: 'finding',
            theme: 'Leadership',
            text: 'Three years on from the inspection, children’s services still have no permanent team of senior leaders.',
            answers: [{ objective: B.governance }],
          },
          {
            kind: 'finding',
            theme: 'Improvement planning',
            text: 'The improvement plan grew too large and drove the tracking of actions rather than improvement itself.',
            closed: {
              on: '2022-05-12',
              note: 'A shorter plan began in April 2022, overseen by the refreshed Improvement Board under the Commissioner’s chair, which first met on 12 May 2022.',
            },
            answers: [
              { objective: B.governance },
              { milestone: "First meeting of the refreshed Improvement Board under the Commissioner's chairing" },
            ],
          },
          {
            kind: 'recommendation',
            theme: 'Alternative delivery arrangements',
            text: 'Run children’s services outside the council’s direct control for a time, through another delivery model.',
            answers: [{ objective: B.trust }],
          },
        ],
      },
    ],
    meetings: [
      {
        heldOn: '2022-11-17',
        title: 'Improvement Board',
        report: Q2_2022,
        summary:
          'The Board considered the progress report for July to September 2022. The new front door model is in place and the first figures suggest fewer repeat referrals, but some partner data for the front door is still missing.',
        decisions: [
          'Agreed the revised workforce targets.',
          'Asked partners for the missing front door data by the end of November.',
          'Asked for each measure in future reports to be shown against a benchmark or target.',
        ],
      },
      {
        heldOn: '2023-02-16',
        title: 'Improvement Board',
        report: Q3_2022,
        summary:
          'The Board considered the progress report for October to December 2022, the first to show each measure against a benchmark or target. Contacts at the front door are now handled by conversation and re-referrals are falling. The improvement team is small and its external support is funded only to the end of March.',
        decisions: [
          'Asked the Strategic Director to secure improvement team capacity beyond March 2023.',
          'Asked for the plan to be updated by the end of March to reflect the 2022 inspection.',
          'Noted the new strand for children with disabilities.',
        ],
      },
    ],
  }
}

function monitoringVisit(key: string, startsOn: string, title: string, summary: string): DemoEvent {
  return {
    key,
    kind: 'monitoring-visit',
    title,
    intervention: NOTICE,
    state: 'held',
    startsOn,
    endsOn: addDays(startsOn, 1),
    summary,
    themes: [],
    findings: [],
  }
}

function dfeReview(key: string, startsOn: string, summary: string): DemoEvent {
  return {
    key,
    kind: 'dfe-review',
    title: 'DfE progress review',
    intervention: NOTICE,
    state: 'held',
    startsOn,
    summary: `${MONTH_ONLY} ${summary}`,
    themes: [],
    findings: [],
  }
}

// ---------------------------------------------------------------------------------------------------------
// Northfield: invented, dated from today
// ---------------------------------------------------------------------------------------------------------

/** How many days after today the next DfE review is planned: inside the six weeks the overview warns about. */
export const NORTHFIELD_NEXT_REVIEW_DAYS = 28

const N = {
  frontDoor: 'Get the right help first time at the front door',
  plans: 'Make child protection plans lead to change',
  voice: 'Hear children’s voices in visits and reviews',
  workforce: 'Build a stable permanent workforce',
  supervision: 'Give social workers regular, reflective supervision',
  view: 'Give leaders an accurate view of practice',
} as const
const N_AUDITS = 'Complete six monthly audits of contact decisions and report the findings'

export function northfieldOversight(today: string): DemoOversight {
  const cal = liveCalendar(today)
  const inspected = addMonths(today, -17)
  const issued = addMonths(today, -15)
  const lastVisit = addDays(today, -90)
  const nextReview = addDays(today, NORTHFIELD_NEXT_REVIEW_DAYS)
  const auditsDone = northfieldPlan(today)
    .strands.flatMap((s) => s.objectives.flatMap((o) => o.milestones))
    .find((m) => m.title === N_AUDITS)?.completed_on
  if (!auditsDone) throw new Error(`Northfield's plan no longer completes "${N_AUDITS}"`)
  // The Board meets three weeks into each quarter (as Northfield's reports say): the last two quarters'
  // meetings, and this quarter's once it has been held, when it considered last quarter's report.
  const quarterBefore = quarterOf(addDays(cal.previousQuarterStart, -1)).start
  const meetings: DemoMeeting[] = [
    {
      heldOn: addDays(quarterBefore, 20),
      title: 'Improvement Board',
      summary:
        'The Board reviewed the first months of the improvement plan with the DfE adviser. Front door changes are under way; agency use is still high.',
      decisions: [
        'Agreed to take a workforce update at every meeting.',
        'Asked the safeguarding partnership to confirm health and police staff for the front door team.',
      ],
    },
    {
      heldOn: addDays(cal.previousQuarterStart, 20),
      title: 'Improvement Board',
      summary:
        'The Board heard that the revised threshold document is in use and the quarterly audit programme has begun. Recruiting permanent social workers and managers is slower than planned.',
      decisions: [
        'Asked for a monthly report on agency use until it falls.',
        'Agreed that the Board sees each round of audit findings alongside the performance data.',
      ],
    },
  ]
  const thisQuarterMeeting = addDays(cal.quarterStart, 20)
  if (thisQuarterMeeting < today) {
    meetings.push({
      heldOn: thisQuarterMeeting,
      title: 'Improvement Board',
      report: cal.previousQuarterStart,
      summary:
        'The Board considered last quarter’s progress report: re-referrals are falling, and workforce remains the main risk.',
      decisions: [
        'Agreed the revised date for building the plan template into the case recording system.',
        'Kept the assessment team manager appointment under review at each meeting.',
      ],
    })
  }

  return {
    interventions: [
      {
        key: 'notice',
        kind: 'improvement-notice',
        title: 'Improvement Notice (fictional)',
        issuedOn: issued,
        issuedBy: DFE,
        overseer: 'adviser',
        reviewIntervalMonths: 6,
        monitoringIntervalMonths: 4,
        summary:
          'A fictional notice for the demo, issued after the inspection judged Northfield’s children’s services inadequate. It appoints an adviser, asks for an improvement plan overseen by an Improvement Board, and sets DfE progress reviews every six months.',
        requirements: [
          {
            paragraph: '3',
            title: 'Work with the adviser the Department appoints',
            evidence: [{ meeting: meetings[0]!.heldOn }],
          },
          {
            paragraph: '4',
            title: 'Agree an improvement plan that answers every area for improvement the inspection raised',
            closed: {
              on: cal.planStart,
              note: 'The Northfield Improvement Plan, agreed by the Board, covers each area the inspection raised and began on this day.',
            },
            evidence: [{ objective: N.frontDoor }, { objective: N.view }],
          },
          {
            paragraph: '5a',
            title: 'Set up an improvement board with an independent chair and report progress to it every quarter',
            evidence: meetings.map((m) => ({ meeting: m.heldOn })),
          },
          {
            paragraph: '5b',
            title: 'Show data and evidence of the difference made for children in every report to the board',
            evidence: [{ report: cal.previousQuarterStart }, { objective: N.view }],
          },
          {
            paragraph: '6',
            title: 'Send the Department the council’s own assessment of progress before each review',
            evidence: [],
          },
          {
            paragraph: '7',
            title: 'Cut the share of social work posts filled by agency staff to one in five within a year',
            dueOn: addMonths(issued, 12),
            evidence: [{ objective: N.workforce }],
          },
        ],
      },
    ],
    events: [
      {
        key: 'inspection',
        kind: 'inspection',
        inspectionType: 'standard',
        title: 'Inspection of local authority children’s services (fictional)',
        state: 'held',
        startsOn: inspected,
        endsOn: addDays(inspected, 11),
        publishedOn: addDays(inspected, 40),
        summary:
          'An invented inspection for the demo. Inspectors found that too many children waited for help at the front door, that child protection plans did not lead to change, and that an unstable workforce and weak audit left leaders without a clear view of practice.',
        themes: [
          'Front door and thresholds',
          'Child protection planning',
          'Children in care',
          'Workforce',
          'Quality assurance',
        ],
        judgements: {
          overall: 'inadequate',
          leaders: 'inadequate',
          help_and_protection: 'inadequate',
          in_care: 'requires improvement',
          care_leavers: 'requires improvement',
        },
        findings: [
          {
            kind: 'strength',
            theme: 'Children in care',
            text: 'Care leavers spoke warmly of their personal advisers.',
            answers: [],
          },
          {
            kind: 'recommendation',
            theme: 'Front door and thresholds',
            text: 'Make threshold decisions at the front door consistent and timely, with partners.',
            answers: [{ objective: N.frontDoor }],
          },
          {
            kind: 'recommendation',
            theme: 'Children in care',
            text: 'Make sure children in care are seen on their own and their views are recorded and acted on.',
            answers: [{ objective: N.voice }],
          },
          {
            kind: 'recommendation',
            theme: 'Workforce',
            text: 'Rely less on agency social workers, so children keep the same worker.',
            answers: [{ objective: N.workforce }],
          },
          {
            kind: 'recommendation',
            theme: 'Quality assurance',
            text: 'Give leaders an accurate picture of frontline practice through audit and performance data.',
            answers: [{ objective: N.view }],
          },
        ],
      },
      {
        key: 'review-1',
        kind: 'dfe-review',
        title: 'DfE progress review',
        intervention: 'notice',
        state: 'held',
        startsOn: addMonths(today, -11),
        summary:
          'The adviser and DfE officials found the improvement plan taking shape and partners committed to a revised threshold document, but agency use still high.',
        themes: ['Leadership', 'Workforce'],
        findings: [],
      },
      {
        key: 'visit-1',
        kind: 'monitoring-visit',
        title: 'Monitoring visit: the front door',
        intervention: 'notice',
        state: 'held',
        startsOn: addMonths(today, -7),
        endsOn: addDays(addMonths(today, -7), 1),
        summary:
          'Inspectors found threshold decisions becoming more consistent since the revised threshold document, though not yet in every team.',
        themes: ['Front door and thresholds'],
        findings: [],
      },
      {
        key: 'review-2',
        kind: 'dfe-review',
        title: 'DfE progress review',
        intervention: 'notice',
        state: 'held',
        startsOn: addMonths(today, -5),
        summary:
          'Officials saw front door decisions becoming more consistent and a visiting standard agreed with children in care, and asked for faster progress on child protection plans and on appointing permanent managers.',
        themes: ['Performance', 'Workforce and management oversight'],
        findings: [],
      },
      {
        key: 'visit-2',
        kind: 'monitoring-visit',
        title: 'Monitoring visit: help and protection',
        intervention: 'notice',
        state: 'held',
        startsOn: lastVisit,
        endsOn: addDays(lastVisit, 1),
        publishedOn: addDays(lastVisit, 25),
        summary:
          'Inspectors looked at whether child protection plans lead to change, and at how well managers oversee the work.',
        themes: ['Child protection plans', 'Management oversight'],
        findings: [
          {
            kind: 'strength',
            theme: 'Front door',
            text: 'Health and police staff in the front door team help make quicker, more consistent decisions.',
            answers: [],
          },
          {
            kind: 'finding',
            theme: 'Child protection plans',
            text: 'Many child protection plans still have no timescales a family can follow.',
            answers: [
              { objective: N.plans },
              { milestone: 'Build the new assessment and plan template into the case recording system' },
            ],
          },
          {
            kind: 'finding',
            theme: 'Management oversight',
            text: 'Supervision records seldom show reflection on the work or clear next steps for the child.',
            answers: [
              { objective: N.supervision },
              { milestone: 'Move supervision records into the case recording system' },
            ],
          },
          {
            kind: 'recommendation',
            theme: 'Front door',
            text: 'Audit a sample of front door decisions every month and report what the audits find.',
            closed: {
              on: auditsDone,
              note: 'Six monthly audits of contact decisions are done and reported to senior leaders; the latest found the threshold decision right in 17 of 20 contacts.',
            },
            answers: [{ milestone: N_AUDITS }],
          },
          {
            kind: 'recommendation',
            theme: 'Disabled children',
            text: 'Make sure reviews of disabled children’s plans happen on time.',
            answers: [],
          },
        ],
      },
      {
        key: 'next-review',
        kind: 'dfe-review',
        title: 'DfE progress review',
        intervention: 'notice',
        state: 'planned',
        startsOn: nextReview,
        summary: 'The next six-monthly review of progress under the Notice, with the adviser.',
        themes: [],
        findings: [],
      },
    ],
    meetings,
    selfAssessment: {
      title: 'Self-assessment for the next DfE progress review',
      review: 'next-review',
      narrative: {
        overview:
          'Since the inspection we have agreed an improvement plan, put health and police staff into the front door team, and begun auditing practice every quarter. Repeat referrals have fallen, and children in care are more often seen on their own. The workforce is still our biggest risk: agency use rose again after permanent staff left the east locality team.',
        next: 'Before the review we will finish training front door staff, appoint a permanent manager for the assessment team and agree a recovery plan for the east locality team. The Board will see this assessment before it is sent.',
      },
    },
  }
}

// ---------------------------------------------------------------------------------------------------------
// Writing it
// ---------------------------------------------------------------------------------------------------------

export interface OversightCouncil {
  organisationId: number
  /** The council's improvement plan, whose objectives and milestones the records link to. */
  planId: number
  /** The improvement team member who recorded them and closed what is met. */
  userId: number
}

export async function seedBradfordOversight(trx: Tx, council: OversightCouncil): Promise<void> {
  await writeOversight(trx, council, bradfordOversight())
}

export async function seedNorthfieldOversight(trx: Tx, council: OversightCouncil, today: string): Promise<void> {
  await writeOversight(trx, council, northfieldOversight(today))
}

type LinkRow = {
  requirement_id: number | null
  finding_id: number | null
  objective_id: number | null
  milestone_id: number | null
  report_id: number | null
  meeting_id: number | null
  evidence_id: number | null
  created_by: number
}

/** Looks a name up, failing loudly: a demo link to nothing is a bug in the demo. */
function lookup<K>(map: Map<K, number>, key: K, what: string): number {
  const id = map.get(key)
  if (id === undefined) throw new Error(`The demo links to ${what} "${String(key)}", which it does not hold`)
  return id
}

/** Ids by name, for names that occur once: a name found twice cannot be linked to. */
function uniqueIds<T>(rows: T[], name: (row: T) => string, id: (row: T) => number): Map<string, number> {
  const ids = new Map<string, number>()
  const seen = new Set<string>()
  for (const row of rows) {
    const key = name(row)
    if (seen.has(key)) ids.delete(key)
    else ids.set(key, id(row))
    seen.add(key)
  }
  return ids
}

export async function writeOversight(trx: Tx, council: OversightCouncil, data: DemoOversight): Promise<void> {
  const { organisationId, planId, userId } = council

  // What the records may link to, in this council's plan and reports only.
  const objectives = await trx
    .selectFrom('objective')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .select(['objective.id', 'objective.title'])
    .where('strand.plan_id', '=', planId)
    .execute()
  const milestones = await trx
    .selectFrom('milestone')
    .innerJoin('objective', 'objective.id', 'milestone.objective_id')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .select(['milestone.id', 'milestone.title'])
    .where('strand.plan_id', '=', planId)
    .execute()
  const evidence = await trx
    .selectFrom('evidence_entry')
    .innerJoin('objective', 'objective.id', 'evidence_entry.objective_id')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .select(['evidence_entry.id', 'objective.title', 'evidence_entry.observed_on'])
    .where('strand.plan_id', '=', planId)
    .execute()
  const reports = await trx
    .selectFrom('report')
    .select(['id', 'quarter_start'])
    .where('organisation_id', '=', organisationId)
    .execute()
  const objectiveIds = uniqueIds(
    objectives,
    (o) => o.title,
    (o) => o.id,
  )
  const milestoneIds = uniqueIds(
    milestones,
    (m) => m.title,
    (m) => m.id,
  )
  const evidenceIds = uniqueIds(
    evidence,
    (e) => `${e.title}|${e.observed_on}`,
    (e) => e.id,
  )
  const reportIds = uniqueIds(
    reports,
    (r) => r.quarter_start,
    (r) => r.id,
  )

  const meetingIds = new Map<string, number>()
  if (data.meetings.length) {
    const rows = await trx
      .insertInto('board_meeting')
      .values(
        data.meetings.map((m) => ({
          organisation_id: organisationId,
          held_on: m.heldOn,
          title: m.title,
          summary: m.summary,
          report_id: m.report === undefined ? null : lookup(reportIds, m.report, 'the report for the quarter from'),
          created_by: userId,
        })),
      )
      .returning(['id', 'held_on'])
      .execute()
    for (const r of rows) meetingIds.set(r.held_on, r.id)
    const decisions = data.meetings.flatMap((m) =>
      m.decisions.map((text, i) => ({ meeting_id: meetingIds.get(m.heldOn)!, position: i + 1, text })),
    )
    if (decisions.length) await trx.insertInto('board_decision').values(decisions).execute()
  }

  const target = (t: DemoTarget): Omit<LinkRow, 'requirement_id' | 'finding_id' | 'created_by'> => {
    const none = { objective_id: null, milestone_id: null, report_id: null, meeting_id: null, evidence_id: null }
    if ('objective' in t) return { ...none, objective_id: lookup(objectiveIds, t.objective, 'the objective') }
    if ('milestone' in t) return { ...none, milestone_id: lookup(milestoneIds, t.milestone, 'the milestone') }
    if ('report' in t) return { ...none, report_id: lookup(reportIds, t.report, 'the report for the quarter from') }
    if ('meeting' in t) return { ...none, meeting_id: lookup(meetingIds, t.meeting, 'the Board meeting of') }
    const key = `${t.evidence.objective}|${t.evidence.observedOn}`
    return { ...none, evidence_id: lookup(evidenceIds, key, 'the evidence entry') }
  }
  const links: LinkRow[] = []

  const interventionIds = new Map<string, number>()
  for (const i of data.interventions) {
    const { id } = await trx
      .insertInto('intervention')
      .values({
        organisation_id: organisationId,
        kind: i.kind,
        title: i.title,
        issued_on: i.issuedOn,
        issued_by: i.issuedBy,
        overseer_role: i.overseer,
        review_interval_months: i.reviewIntervalMonths,
        monitoring_interval_months: i.monitoringIntervalMonths,
        summary: i.summary,
        ended_on: i.ended?.on ?? null,
        ended_note: i.ended?.note ?? '',
        created_by: userId,
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    interventionIds.set(i.key, id)
    const rows = await trx
      .insertInto('intervention_requirement')
      .values(
        i.requirements.map((r, index) => ({
          intervention_id: id,
          paragraph: r.paragraph,
          title: r.title,
          due_on: r.dueOn ?? null,
          position: index + 1,
          closed_on: r.closed?.on ?? null,
          closure_note: r.closed?.note ?? '',
          closed_by: r.closed ? userId : null,
        })),
      )
      .returning(['id', 'paragraph'])
      .execute()
    const requirementIds = new Map(rows.map((r) => [r.paragraph, r.id]))
    for (const r of i.requirements) {
      const requirementId = requirementIds.get(r.paragraph)!
      for (const t of r.evidence)
        links.push({ requirement_id: requirementId, finding_id: null, ...target(t), created_by: userId })
    }
  }

  const events = await trx
    .insertInto('oversight_event')
    .values(
      data.events.map((e) => ({
        organisation_id: organisationId,
        kind: e.kind,
        inspection_type: e.inspectionType ?? null,
        title: e.title,
        intervention_id:
          e.intervention === undefined ? null : lookup(interventionIds, e.intervention, 'the intervention'),
        national_inspection_id: null,
        state: e.state,
        starts_on: e.startsOn,
        ends_on: e.endsOn ?? null,
        published_on: e.publishedOn ?? null,
        summary: e.summary,
        themes: JSON.stringify(e.themes),
        judgements: JSON.stringify(e.judgements ?? {}),
        created_by: userId,
      })),
    )
    .returning(['id', 'kind', 'starts_on'])
    .execute()
  const eventIds = new Map(events.map((e) => [`${e.kind}|${e.starts_on}`, e.id]))
  const eventId = (e: DemoEvent) => lookup(eventIds, `${e.kind}|${e.startsOn}`, 'the event')

  const findingSpecs = data.events.flatMap((e) => e.findings.map((f, i) => ({ event: eventId(e), position: i + 1, f })))
  if (findingSpecs.length) {
    const rows = await trx
      .insertInto('oversight_finding')
      .values(
        findingSpecs.map(({ event, position, f }) => ({
          event_id: event,
          kind: f.kind,
          reference: f.reference ?? '',
          theme: f.theme,
          text: f.text,
          due_on: null,
          position,
          closed_on: f.closed?.on ?? null,
          closure_note: f.closed?.note ?? '',
          closed_by: f.closed ? userId : null,
        })),
      )
      .returning(['id', 'event_id', 'position'])
      .execute()
    const findingIds = new Map(rows.map((r) => [`${r.event_id}|${r.position}`, r.id]))
    for (const { event, position, f } of findingSpecs) {
      const findingId = findingIds.get(`${event}|${position}`)!
      for (const t of f.answers)
        links.push({ requirement_id: null, finding_id: findingId, ...target(t), created_by: userId })
    }
  }

  if (links.length) await trx.insertInto('oversight_link').values(links).execute()

  if (data.selfAssessment) {
    const review = data.events.find((e) => e.key === data.selfAssessment!.review)
    if (!review)
      throw new Error(`The self-assessment is for the review "${data.selfAssessment.review}", not in the demo`)
    await trx
      .insertInto('self_assessment')
      .values({
        organisation_id: organisationId,
        title: data.selfAssessment.title,
        review_event_id: eventId(review),
        status: 'draft',
        narrative: JSON.stringify(data.selfAssessment.narrative),
        snapshot: null,
        created_by: userId,
      })
      .execute()
  }
}
