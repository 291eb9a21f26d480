// Each council's risk and issue register, with dated assessments, and its improvement resources by quarter.
//
// Bradford's register is ours, written for the demo over 2022/23 from the pressures the public documents
// describe (the Commissioner's review of January 2022 and the scrutiny report of March 2023): reliance on
// agency social workers while permanent posts stay vacant, caseloads, demand at the front door, the cost of
// placements and agency staff, partners not yet working as one, interim leaders, the move to a Children and
// Families Trust in April 2023, and an improvement team too small for the plan. Every score, date, owner and
// figure is illustrative, and the resources say so in their notes.
// Northfield's (fictional) are dated from the day the demo is loaded: assessed over the last two quarters,
// with resources for the last four.
import type { Tx } from '../db/connect.js'
import type { RiskKind } from '../db/database.js'
import { addDays, daysBetween, nextPeriod, quarterOf } from '../shared/calendar.js'
import type { DemoContext } from './demo-context.js'

export interface DemoAssessment {
  on: string
  likelihood: number
  impact: number
  note: string
}

export interface DemoRisk {
  kind: RiskKind
  reference: string
  title: string
  description: string
  /** The strand's code in the council's plan, or null. */
  strand: string | null
  owner: string
  mitigations: string
  openedOn: string
  escalatedOn?: string
  closed?: { on: string; note: string }
  /** Oldest first; the first is dated the day the item was opened. */
  assessments: DemoAssessment[]
}

export interface DemoResources {
  quarterStart: string
  budget: number
  spend: number
  agency: number
  funded: number
  inPost: number
  note: string
}

const ILLUSTRATIVE = 'Illustrative figures for the demo.'

export function bradfordRisks(): DemoRisk[] {
  return [
    {
      kind: 'risk',
      reference: 'R1',
      title: 'Reliance on agency social workers',
      description:
        'Permanent posts stay vacant and are covered by agency staff, so children see their social worker change and the cost of the service rises.',
      strand: '8',
      owner: 'Assistant Director, Workforce',
      mitigations:
        'Managed agency teams on fixed terms; a recruitment campaign with a market supplement; a conversion offer for agency staff who stay.',
      openedOn: '2022-04-01',
      escalatedOn: '2022-05-19',
      assessments: [
        {
          on: '2022-04-01',
          likelihood: 4,
          impact: 4,
          note: 'Opened with the plan: well over a hundred posts covered by agency staff.',
        },
        { on: '2022-07-14', likelihood: 5, impact: 4, note: 'Agency numbers rose again over the summer.' },
        {
          on: '2022-12-08',
          likelihood: 4,
          impact: 4,
          note: 'First agency staff converted to permanent posts; the trend is turning.',
        },
      ],
    },
    {
      kind: 'risk',
      reference: 'R2',
      title: 'Permanent social workers not recruited or kept',
      description:
        'Experienced staff leave faster than they can be replaced, and most new starters are newly qualified.',
      strand: '8',
      owner: 'Head of Workforce Development',
      mitigations:
        'A new career pathway and protected caseloads for newly qualified staff; exit interviews reported monthly; professional fees and parking paid.',
      openedOn: '2022-04-01',
      assessments: [
        { on: '2022-04-01', likelihood: 4, impact: 5, note: 'More leavers than starters in the last year.' },
        { on: '2022-09-29', likelihood: 4, impact: 4, note: 'The pathway is launched; fewer leavers in the quarter.' },
        { on: '2023-02-23', likelihood: 3, impact: 4, note: 'Two quarters of net growth in permanent staff.' },
      ],
    },
    {
      kind: 'risk',
      reference: 'R3',
      title: 'Caseloads too high for good practice',
      description: 'Social workers holding too many children cannot visit, plan and record well enough.',
      strand: '3a',
      owner: 'Head of Service, Children in Need and Child Protection',
      mitigations: 'A weekly caseload review by team; extra managed teams where caseloads are highest.',
      openedOn: '2022-04-01',
      assessments: [
        { on: '2022-04-01', likelihood: 3, impact: 4, note: 'Average caseloads just inside the local standard.' },
        {
          on: '2022-07-14',
          likelihood: 4,
          impact: 4,
          note: 'Demand rose and caseloads went over the standard in two teams.',
        },
        { on: '2022-12-08', likelihood: 4, impact: 4, note: 'No change: new teams started, demand rose again.' },
      ],
    },
    {
      kind: 'risk',
      reference: 'R4',
      title: 'Demand at the front door outstrips capacity',
      description:
        'Contacts and referrals keep rising, and decisions at the front door take longer than the one working day expected.',
      strand: '1',
      owner: 'Head of the Front Door',
      mitigations:
        'Conversations with referrers before a referral is taken; partners’ staff in the front door; daily tracking of decisions over one working day.',
      openedOn: '2022-04-01',
      escalatedOn: '2022-09-22',
      assessments: [
        { on: '2022-04-01', likelihood: 4, impact: 4, note: 'Referrals up since schools returned.' },
        {
          on: '2022-09-15',
          likelihood: 4,
          impact: 5,
          note: 'A backlog of contacts built up in August; escalated to the Board.',
        },
        {
          on: '2023-01-19',
          likelihood: 3,
          impact: 5,
          note: 'The backlog is cleared; contacts handled by conversation are holding.',
        },
      ],
    },
    {
      kind: 'risk',
      reference: 'R5',
      title: 'Overspend on placements and agency staff squeezes the improvement budget',
      description:
        'Spending on agency staff and placements runs ahead of the budget, and the one-off improvement money from reserves could be drawn into it.',
      strand: '11',
      owner: 'Finance Business Partner, Children’s Services',
      mitigations:
        'The improvement budget is ring-fenced and reported to the Board each quarter; a placement sufficiency plan; monthly agency spend reviews.',
      openedOn: '2022-04-01',
      assessments: [
        {
          on: '2022-04-01',
          likelihood: 3,
          impact: 5,
          note: 'The three-year budget is agreed, with growth for demand.',
        },
        { on: '2022-10-20', likelihood: 4, impact: 5, note: 'The mid-year forecast shows an overspend on placements.' },
        {
          on: '2023-02-16',
          likelihood: 4,
          impact: 4,
          note: 'Ring-fence confirmed by the Council; the overspend remains.',
        },
      ],
    },
    {
      kind: 'risk',
      reference: 'R6',
      title: 'Partners’ contribution to the front door and strategy meetings falls short',
      description:
        'Health and police attendance at strategy meetings is uneven, and there is no partnership vision every agency owns.',
      strand: '10',
      owner: 'Partnership Business Manager',
      mitigations:
        'A partnership agreement on attendance; attendance reported to the safeguarding partnership each month; a shared vision drafted with partners.',
      openedOn: '2022-04-01',
      assessments: [
        { on: '2022-04-01', likelihood: 3, impact: 3, note: 'Attendance figures are not yet collected.' },
        {
          on: '2022-08-11',
          likelihood: 3,
          impact: 4,
          note: 'First figures show health missing many strategy meetings.',
        },
        { on: '2022-12-15', likelihood: 2, impact: 4, note: 'Attendance improving since the agreement was signed.' },
      ],
    },
    {
      kind: 'risk',
      reference: 'R7',
      title: 'The move to a Children and Families Trust disrupts delivery',
      description:
        'Staff and managers’ attention could shift to the transfer in April 2023, and support services could be split.',
      strand: '7',
      owner: 'Director of Children’s Services',
      mitigations:
        'A transition plan with the improvement plan at its heart; staff briefings each month; support services agreed before the transfer.',
      openedOn: '2022-07-01',
      assessments: [
        { on: '2022-07-01', likelihood: 3, impact: 4, note: 'Opened when the Trust’s start date was set.' },
        {
          on: '2023-01-26',
          likelihood: 3,
          impact: 3,
          note: 'Support service agreements signed; the transfer date holds.',
        },
      ],
    },
    {
      kind: 'risk',
      reference: 'R8',
      title: 'Improvement team too small to deliver the plan',
      description: 'A very small permanent team supports a large plan; progress tracking and evidence could slip.',
      strand: '7',
      owner: 'Head of Improvement and Performance',
      mitigations:
        'A DfE-funded improvement consultant; two fixed-term project officers; reporting made lighter so strand leads update in minutes.',
      openedOn: '2022-04-01',
      assessments: [
        { on: '2022-04-01', likelihood: 4, impact: 3, note: 'Two of the six funded posts are vacant.' },
        { on: '2022-10-06', likelihood: 4, impact: 3, note: 'Funding agreed for two more posts; not yet filled.' },
        { on: '2023-03-09', likelihood: 3, impact: 3, note: 'Project officers in post.' },
      ],
    },
    {
      kind: 'issue',
      reference: 'I1',
      title: 'Senior leadership posts filled by interims',
      description: 'Several senior posts are held by interim leaders, so decisions and relationships do not last.',
      strand: '7',
      owner: 'Chief Executive',
      mitigations:
        'Permanent recruitment to the Director and Assistant Director posts; a handover standard for interims.',
      openedOn: '2022-04-01',
      assessments: [
        { on: '2022-04-01', likelihood: 5, impact: 4, note: 'Most of the senior team is interim.' },
        {
          on: '2022-11-10',
          likelihood: 5,
          impact: 3,
          note: 'Two permanent appointments made; one post still interim.',
        },
      ],
    },
    {
      kind: 'issue',
      reference: 'I2',
      title: 'Gaps in performance data after the case recording change',
      description:
        'Some front door and visiting figures could not be produced for two months after the recording system changed.',
      strand: '12',
      owner: 'Head of Performance and Intelligence',
      mitigations: 'Reports rebuilt on the new system; manual counts in the meantime, checked by team managers.',
      openedOn: '2022-06-02',
      closed: {
        on: '2022-10-27',
        note: 'Every report is back on the new system and checked against the manual counts.',
      },
      assessments: [
        { on: '2022-06-02', likelihood: 5, impact: 3, note: 'Two monthly returns missing.' },
        { on: '2022-08-25', likelihood: 5, impact: 2, note: 'Manual counts cover the gap.' },
      ],
    },
  ]
}

export function bradfordResources(): DemoResources[] {
  return [
    {
      quarterStart: '2022-04-01',
      budget: 1_500_000,
      spend: 1_120_400,
      agency: 3_620_000,
      funded: 6,
      inPost: 4,
      note: `Programme starts; two team posts vacant. ${ILLUSTRATIVE}`,
    },
    {
      quarterStart: '2022-07-01',
      budget: 1_875_000,
      spend: 1_698_250,
      agency: 3_810_000,
      funded: 6,
      inPost: 4.5,
      note: ILLUSTRATIVE,
    },
    {
      quarterStart: '2022-10-01',
      budget: 1_875_000,
      spend: 2_010_730,
      agency: 3_950_000,
      funded: 8,
      inPost: 5.5,
      note: `Spend ran ahead of budget: a managed team was kept on over the winter. ${ILLUSTRATIVE}`,
    },
    {
      quarterStart: '2023-01-01',
      budget: 2_250_000,
      spend: 2_406_900,
      agency: 3_740_000,
      funded: 8,
      inPost: 6.5,
      note: ILLUSTRATIVE,
    },
  ]
}

/** Northfield's register, dated within the last two quarters before `today`. */
export function northfieldRisks(today: string): DemoRisk[] {
  const start = quarterOf(addDays(quarterOf(today).start, -1)).start
  const span = daysBetween(start, today)
  // A day `f` of the way from the start of last quarter to today.
  const at = (f: number) => addDays(start, Math.floor(span * f))
  return [
    {
      kind: 'risk',
      reference: 'NR1',
      title: 'Social worker turnover in the assessment teams',
      description: 'Three experienced social workers have given notice; newer staff would hold the most complex work.',
      strand: '3',
      owner: 'Principal Social Worker',
      mitigations: 'Retention payments agreed for the assessment teams; a senior practitioner post in each team.',
      openedOn: at(0.05),
      escalatedOn: at(0.7),
      assessments: [
        { on: at(0.05), likelihood: 4, impact: 4, note: 'Two leavers in the quarter.' },
        { on: at(0.7), likelihood: 4, impact: 5, note: 'A third resignation; escalated to the Board.' },
      ],
    },
    {
      kind: 'risk',
      reference: 'NR2',
      title: 'Too few local placements for older children in care',
      description: 'Teenagers are placed far from home because there are not enough local foster carers.',
      strand: '2',
      owner: 'Head of Children in Care',
      mitigations:
        'A foster carer recruitment drive aimed at teenagers; joint commissioning with neighbouring councils.',
      openedOn: at(0.1),
      assessments: [
        { on: at(0.1), likelihood: 3, impact: 4, note: 'Two placements out of the area this quarter.' },
        { on: at(0.6), likelihood: 4, impact: 4, note: 'More requests than carers for over-12s.' },
      ],
    },
    {
      kind: 'risk',
      reference: 'NR3',
      title: 'Supervision not recorded on the child’s file',
      description:
        'Managers’ supervision happens but is not always written on the child’s record, so oversight is hard to see.',
      strand: '4',
      owner: 'Head of Quality Assurance',
      mitigations: 'A supervision template in the case system; monthly dip samples.',
      openedOn: at(0.15),
      assessments: [
        { on: at(0.15), likelihood: 3, impact: 3, note: 'Audits found gaps in half the files sampled.' },
        { on: at(0.55), likelihood: 2, impact: 3, note: 'The template is in use; fewer gaps found.' },
        { on: at(0.9), likelihood: 2, impact: 3, note: 'Holding steady.' },
      ],
    },
    {
      kind: 'risk',
      reference: 'NR4',
      title: 'Case management system upgrade slips',
      description: 'A later upgrade would delay the new front door forms and the reports that depend on them.',
      strand: '4',
      owner: 'Head of Business Intelligence',
      mitigations: 'Weekly check-ins with the supplier; the forms can run on the current version for a quarter.',
      openedOn: at(0.2),
      assessments: [
        { on: at(0.2), likelihood: 2, impact: 4, note: 'The supplier’s timetable is tight.' },
        { on: at(0.75), likelihood: 2, impact: 4, note: 'Still on the revised date.' },
      ],
    },
    {
      kind: 'risk',
      reference: 'NR5',
      title: 'Initial health assessments for children coming into care are late',
      description: 'The health partner’s capacity for initial assessments could not keep up with admissions.',
      strand: '2',
      owner: 'Designated Nurse for Children in Care',
      mitigations: 'A weekly joint tracker with the health partner; extra clinics booked ahead.',
      openedOn: at(0.8),
      assessments: [{ on: at(0.8), likelihood: 3, impact: 3, note: 'Raised by the health partner.' }],
    },
    {
      kind: 'issue',
      reference: 'NI1',
      title: 'Child protection visits out of timescale',
      description:
        'A backlog of visits to children on child protection plans built up when two teams were short-staffed.',
      strand: '1',
      owner: 'Head of Help and Protection',
      mitigations: 'Visits reallocated across teams; daily tracking by team managers until the backlog is cleared.',
      openedOn: at(0.3),
      escalatedOn: at(0.35),
      assessments: [
        { on: at(0.3), likelihood: 5, impact: 4, note: 'The backlog was found in the monthly audit.' },
        { on: at(0.85), likelihood: 5, impact: 3, note: 'Half the backlog cleared.' },
      ],
    },
  ]
}

/** Northfield's resources for the last four quarters, this one included (its spend so far). */
export function northfieldResources(today: string): DemoResources[] {
  const current = quarterOf(today).start
  let start = current
  for (let i = 0; i < 3; i++) start = quarterOf(addDays(start, -1)).start
  const quarters = [start]
  for (let i = 1; i < 4; i++) quarters.push(nextPeriod(quarters[i - 1]!, 'quarterly'))
  const figures: Array<Omit<DemoResources, 'quarterStart'>> = [
    { budget: 320_000, spend: 287_450, agency: 612_000, funded: 5, inPost: 4, note: 'Invented figures.' },
    {
      budget: 320_000,
      spend: 331_800,
      agency: 648_500,
      funded: 5,
      inPost: 4,
      note: 'Invented figures: a short overspend on training.',
    },
    { budget: 350_000, spend: 342_120.5, agency: 655_250, funded: 5.5, inPost: 4.5, note: 'Invented figures.' },
    {
      budget: 350_000,
      spend: 141_600,
      agency: 271_000,
      funded: 5.5,
      inPost: 5,
      note: 'Invented figures: spend so far in the quarter.',
    },
  ]
  return quarters.map((quarterStart, i) => ({ quarterStart, ...figures[i]! }))
}

/** The moment something dated `day` was recorded: mid-morning that day, and never after the demo is loaded. */
function recordedAt(day: string, today: string): Date {
  return day >= today ? new Date(`${today}T00:00:00Z`) : new Date(`${day}T10:00:00Z`)
}

async function writeRegister(
  trx: Tx,
  council: DemoContext['bradford'],
  risks: DemoRisk[],
  resources: DemoResources[],
  today: string,
) {
  const strands = await trx.selectFrom('strand').select(['id', 'code']).where('plan_id', '=', council.planId).execute()
  const strandId = new Map(strands.map((s) => [s.code, s.id]))
  for (const r of risks) {
    const strand = r.strand === null ? null : strandId.get(r.strand)
    if (strand === undefined) throw new Error(`The demo risk ${r.reference} names strand ${r.strand}, not in the plan`)
    const risk = await trx
      .insertInto('risk')
      .values({
        organisation_id: council.organisationId,
        kind: r.kind,
        reference: r.reference,
        title: r.title,
        description: r.description,
        strand_id: strand,
        owner: r.owner,
        mitigations: r.mitigations,
        opened_on: r.openedOn,
        escalated_on: r.escalatedOn ?? null,
        closed_on: r.closed?.on ?? null,
        closed_note: r.closed?.note ?? '',
        created_by: council.userId,
        created_at: recordedAt(r.openedOn, today),
        updated_at: recordedAt(r.closed?.on ?? r.assessments.at(-1)!.on, today),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
    await trx
      .insertInto('risk_assessment')
      .values(
        r.assessments.map((a) => ({
          risk_id: risk.id,
          assessed_on: a.on,
          likelihood: a.likelihood,
          impact: a.impact,
          note: a.note,
          created_by: council.userId,
          created_at: recordedAt(a.on, today),
        })),
      )
      .execute()
  }
  await trx
    .insertInto('resource_quarter')
    .values(
      resources.map((q) => ({
        organisation_id: council.organisationId,
        quarter_start: q.quarterStart,
        programme_budget: q.budget,
        programme_spend: q.spend,
        agency_spend: q.agency,
        team_fte_funded: q.funded,
        team_fte_in_post: q.inPost,
        note: q.note,
        updated_by: council.userId,
        updated_at: recordedAt(nextPeriod(q.quarterStart, 'quarterly'), today),
      })),
    )
    .execute()
}

export async function seedRiskDemo(trx: Tx, demo: DemoContext): Promise<void> {
  await writeRegister(trx, demo.bradford, bradfordRisks(), bradfordResources(), demo.today)
  await writeRegister(trx, demo.northfield, northfieldRisks(demo.today), northfieldResources(demo.today), demo.today)
}
