// Hand-made inputs for buildSelfAssessment, for the content unit tests and the tests that need a realistic
// SelfAssessmentContent (the macro render tests). One strand with a red, a green and a retired objective (the
// builder leaves the retired one out), a DfE review and a monitoring visit held before, evidence of each kind but
// children's voice, and one Notice in force.
import type { PlanTree } from '../plan/plan-repository.js'
import type { CouncilMeasures } from '../measures/measure-service.js'
import type { EvidenceInput } from '../reports/report-content.js'
import type {
  FindingInput,
  InterventionInput,
  ReviewEvent,
  SelfAssessmentInput,
} from '../oversight/self-assessment-content.js'
import type { ResolvedLink } from '../oversight/link-repository.js'

/** The data-as-at day of the fixture. */
export const SA_TODAY = '2026-12-07'

const at = (d: string) => new Date(`${d}T12:00:00Z`)

const milestone = (id: number, objectiveId: number, dueOn: string, status: string, completedOn: string | null) =>
  ({
    id,
    objective_id: objectiveId,
    title: `Milestone ${id}`,
    owner: 'Owner',
    owner_user_id: null,
    owner_contact_id: null,
    due_on: dueOn,
    status,
    completed_on: completedOn,
    evidence: '',
    position: id,
    created_at: at('2026-01-01'),
    updated_at: at('2026-01-01'),
  }) as never

const objective = (id: number, strandId: number, title: string, milestones: never[], status = 'active') =>
  ({
    id,
    strand_id: strandId,
    title,
    description: '',
    intended_impact: '',
    carried_from_plan_id: null,
    owner: '',
    owner_user_id: null,
    owner_contact_id: null,
    status,
    retired_on: null,
    position: id,
    created_at: at('2026-01-01'),
    updated_at: at('2026-01-01'),
    milestones,
  }) as never

/**
 * A plan with strand 1 "Front door": objective 10 is red (a milestone overdue since 1 June, over 90 days before
 * SA_TODAY), 11 green (its milestone done on time), 12 retired.
 */
export function saTree(strandTitle = 'Front door'): PlanTree {
  return {
    strands: [
      {
        id: 1,
        plan_id: 1,
        code: '1',
        half: 'A',
        title: strandTitle,
        lead_title: 'Head of Service',
        lead_user_id: null,
        lead_contact_id: null,
        lead_name: null,
        status: 'active',
        retired_on: null,
        position: 1,
        created_at: at('2026-01-01'),
        updated_at: at('2026-01-01'),
        objectives: [
          objective(10, 1, 'Timely decisions', [milestone(100, 10, '2026-06-01', 'on-track', null)]),
          objective(11, 1, 'Better audits', [milestone(110, 11, '2026-09-01', 'complete', '2026-08-20')]),
          objective(12, 1, 'Retired', [], 'retired'),
        ],
      },
    ],
  }
}

export function saEvent(
  id: number,
  kind: ReviewEvent['kind'],
  state: ReviewEvent['state'],
  startsOn: string,
  endsOn: string | null = null,
): ReviewEvent {
  return { id, kind, inspection_type: null, title: '', state, starts_on: startsOn, ends_on: endsOn }
}

export function saEvidence(
  id: number,
  objectiveId: number,
  observedOn: string,
  kind: EvidenceInput['kind'],
  summary: string,
  direction: EvidenceInput['direction'] = 'improving',
): EvidenceInput {
  return {
    id,
    objective_id: objectiveId,
    observed_on: observedOn,
    kind,
    summary,
    direction,
    attachment_name: null,
    created_at: at(observedOn),
  }
}

export function saFinding(
  id: number,
  kind: FindingInput['kind'],
  reference: string,
  text: string,
  over: Partial<FindingInput> = {},
): FindingInput {
  return { id, kind, reference, text, due_on: null, closed_on: null, closure_note: '', ...over }
}

/** A resolved link to target `id` (an objective unless told), as loadLinks gives it. */
export const saLink = (id: number, label: string, type: ResolvedLink['type'] = 'objective'): ResolvedLink => ({
  id,
  type,
  targetId: id,
  label,
  href: `/x/${id}`,
})

/** The Improvement Notice issued on 1 February 2026, with these requirements. */
export function saNotice(requirements: InterventionInput['requirements']): InterventionInput {
  return { id: 1, kind: 'improvement-notice', title: 'Improvement Notice 2026', issued_on: '2026-02-01', requirements }
}

export const NO_MEASURES: CouncilMeasures = {
  measures: [],
  summaries: new Map(),
  strandLinks: new Map(),
  objectiveLinks: new Map(),
}

/**
 * A draft preparing for a DfE review in January 2027. Evidence runs from the end of the March 2026 DfE review;
 * the September monitoring visit's finding F1 is closed, recommendation R1 overdue with an action linked and
 * R2 has nothing linked. Override any part.
 */
export function saInput(over: Partial<SelfAssessmentInput> = {}): SelfAssessmentInput {
  return {
    councilName: 'Testshire',
    title: 'Self-assessment before the DfE review on 20 January 2027',
    status: 'draft',
    dataAsAt: SA_TODAY,
    submitted: null,
    review: saEvent(9, 'dfe-review', 'planned', '2027-01-20'),
    plan: { title: 'Improvement plan', closed_on: null },
    tree: saTree(),
    measures: NO_MEASURES,
    evidence: [
      saEvidence(1, 11, '2026-10-01', 'audit', 'Most plans now name a date'),
      saEvidence(2, 10, '2026-11-02', 'staff', 'Caseloads feel lower', 'no-change'),
    ],
    previousDfeReview: saEvent(1, 'dfe-review', 'held', '2026-03-10', '2026-03-12'),
    previousEvent: {
      event: saEvent(2, 'monitoring-visit', 'held', '2026-09-15', '2026-09-16'),
      findings: [
        saFinding(1, 'strength', '', 'Good leadership'),
        saFinding(2, 'finding', 'F1', 'Slow decisions', { closed_on: '2026-11-01', closure_note: 'Audit shows it' }),
        saFinding(3, 'recommendation', 'R1', 'Train managers', { due_on: '2026-11-30' }),
        saFinding(4, 'recommendation', 'R2', 'Review plans'),
      ],
    },
    interventions: [
      saNotice([
        { id: 1, due_on: null, closed_on: '2026-10-01' },
        { id: 2, due_on: '2026-11-01', closed_on: null },
      ]),
    ],
    links: new Map([
      ['finding:2', [saLink(10, '1: Timely decisions')]],
      ['finding:3', [saLink(11, '1: Better audits')]],
    ]),
    narrative: { overview: 'Much better than a year ago', next: 'Keep going' },
    ...over,
  }
}
