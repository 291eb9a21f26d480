// Self-assessments before a review: listed, created, their narrative saved while a draft, and submitted
// (frozen: the content as it stood is stored, and nothing changes it afterwards). Also what a draft is built
// from, read live: the plan, measures and evidence, the reviews before this one and their findings, and the
// requirements of the Notices in force. Every query is scoped to the council.
import type { DbOrTx, Tx } from '../db/connect.js'
import { jsonb } from '../db/connect.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { findCurrentPlan, loadPlanTree } from '../plan/plan-repository.js'
import { loadCouncilMeasures } from '../measures/measure-service.js'
import { listPlanEvidence } from '../impact/evidence-repository.js'
import { loadPracticeEvidence, loadPracticeSections } from '../impact/practice-sources.js'
import { addMonths, quarterOf } from '../shared/calendar.js'
import { loadLinks, type LinkSubject } from './link-repository.js'
import {
  buildSelfAssessment,
  previousEvents,
  readSelfAssessmentSnapshot,
  type FindingInput,
  type InterventionInput,
  type ReviewEvent,
  type SelfAssessmentContent,
} from './self-assessment-content.js'

/** Held reviews and visits offered on the form go back this far. */
const RECENT_HELD_MONTHS = 12

const EVENT_COLUMNS = ['id', 'kind', 'inspection_type', 'title', 'state', 'starts_on', 'ends_on'] as const

/** The council's self-assessments, newest first, with the review each prepares for. */
export async function listSelfAssessments(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('self_assessment as a')
    .leftJoin('oversight_event as e', (join) =>
      join.onRef('e.id', '=', 'a.review_event_id').on('e.organisation_id', '=', organisationId),
    )
    .leftJoin('app_user as u', 'u.id', 'a.submitted_by')
    .select(['a.id', 'a.title', 'a.status', 'a.created_at', 'a.submitted_at', 'u.display_name as submitted_by_name'])
    .select([
      'e.id as review_id',
      'e.kind as review_kind',
      'e.inspection_type as review_inspection_type',
      'e.title as review_title',
      'e.state as review_state',
      'e.starts_on as review_starts_on',
      'e.ends_on as review_ends_on',
    ])
    .where('a.organisation_id', '=', organisationId)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .execute()
}

/** One of the council's self-assessments (undefined: not this council's, so not found). */
export async function findSelfAssessment(db: DbOrTx, organisationId: number, id: number) {
  return db
    .selectFrom('self_assessment as a')
    .leftJoin('app_user as u', 'u.id', 'a.submitted_by')
    .selectAll('a')
    .select('u.display_name as submitted_by_name')
    .where('a.organisation_id', '=', organisationId)
    .where('a.id', '=', id)
    .executeTakeFirst()
}
export type SelfAssessmentRow = NonNullable<Awaited<ReturnType<typeof findSelfAssessment>>>

/** Every review, inspection and visit of the council, oldest first. */
export async function listCouncilEvents(db: DbOrTx, organisationId: number): Promise<ReviewEvent[]> {
  return db
    .selectFrom('oversight_event')
    .select(EVENT_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .orderBy('starts_on')
    .orderBy('id')
    .execute()
}

/** What a self-assessment can prepare for: the planned reviews and visits, and those held in the last year. */
export async function listReviewChoices(db: DbOrTx, organisationId: number, today: string): Promise<ReviewEvent[]> {
  const from = addMonths(today, -RECENT_HELD_MONTHS)
  return db
    .selectFrom('oversight_event')
    .select(EVENT_COLUMNS)
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb.or([eb('state', '=', 'planned'), eb('starts_on', '>=', from)]))
    .orderBy('starts_on')
    .orderBy('id')
    .execute()
}

async function listFindings(db: DbOrTx, organisationId: number, eventId: number): Promise<FindingInput[]> {
  return db
    .selectFrom('oversight_finding as f')
    .innerJoin('oversight_event as e', 'e.id', 'f.event_id')
    .select(['f.id', 'f.kind', 'f.reference', 'f.text', 'f.due_on', 'f.closed_on', 'f.closure_note'])
    .where('e.organisation_id', '=', organisationId)
    .where('f.event_id', '=', eventId)
    .orderBy('f.position')
    .orderBy('f.id')
    .execute()
}

/** The Notices and Directions in force on `asAt` (issued by then, not yet ended), with their requirements. */
async function listInterventionsInForce(
  db: DbOrTx,
  organisationId: number,
  asAt: string,
): Promise<InterventionInput[]> {
  const interventions = await db
    .selectFrom('intervention')
    .select(['id', 'kind', 'title', 'issued_on'])
    .where('organisation_id', '=', organisationId)
    .where('issued_on', '<=', asAt)
    .where((eb) => eb.or([eb('ended_on', 'is', null), eb('ended_on', '>', asAt)]))
    .orderBy('issued_on')
    .orderBy('id')
    .execute()
  if (interventions.length === 0) return []
  const requirements = await db
    .selectFrom('intervention_requirement')
    .select(['id', 'intervention_id', 'due_on', 'closed_on'])
    .where(
      'intervention_id',
      'in',
      interventions.map((i) => i.id),
    )
    .orderBy('position')
    .orderBy('id')
    .execute()
  return interventions.map((i) => ({
    ...i,
    requirements: requirements.filter((r) => r.intervention_id === i.id),
  }))
}

// ---------------------------------------------------------------------------------------------------
// The content: built live for a draft, read from the snapshot once submitted.

interface Council {
  organisationId: number
  name: string
}

/** The content as the live data stand on `asAt` (today for a draft, the day of submission when submitting). */
export async function buildLiveContent(
  db: DbOrTx,
  council: Council,
  assessment: SelfAssessmentRow,
  asAt: string,
  submitted: { on: string; by: string | null } | null = null,
): Promise<SelfAssessmentContent> {
  const org = council.organisationId
  const [plan, events, measures, interventions] = await Promise.all([
    findCurrentPlan(db, org),
    listCouncilEvents(db, org),
    loadCouncilMeasures(db, org, asAt),
    listInterventionsInForce(db, org, asAt),
  ])
  const review = events.find((e) => e.id === assessment.review_event_id) ?? null
  const { previousEvent, previousDfeReview } = previousEvents(events, review, asAt)
  const [tree, evidence, findings, practiceEvidence, practiceSections] = await Promise.all([
    plan ? loadPlanTree(db, plan.id) : Promise.resolve({ strands: [] }),
    plan ? listPlanEvidence(db, plan.id, new Date(`${asAt}T23:59:59.999Z`)) : Promise.resolve([]),
    previousEvent ? listFindings(db, org, previousEvent.id) : Promise.resolve([]),
    loadPracticeEvidence(db, org, asAt),
    loadPracticeSections(db, org, quarterOf(asAt), asAt),
  ])
  const subjects: LinkSubject[] = [
    ...findings.map((f) => ({ type: 'finding' as const, id: f.id })),
    ...interventions.flatMap((i) => i.requirements.map((r) => ({ type: 'requirement' as const, id: r.id }))),
  ]
  return buildSelfAssessment({
    councilName: council.name,
    title: assessment.title,
    status: submitted ? 'submitted' : 'draft',
    dataAsAt: asAt,
    submitted,
    review,
    plan: plan ? { title: plan.title, closed_on: plan.closed_on } : null,
    tree,
    measures,
    evidence,
    practiceEvidence,
    practiceSections,
    previousDfeReview,
    previousEvent: previousEvent ? { event: previousEvent, findings } : null,
    interventions,
    links: await loadLinks(db, org, subjects),
    narrative: assessment.narrative,
  })
}

/** What the page and the files show: the snapshot once submitted, else the draft built as at today. */
export async function selfAssessmentContent(
  db: DbOrTx,
  council: Council,
  assessment: SelfAssessmentRow,
  today: string,
): Promise<SelfAssessmentContent> {
  if (assessment.status === 'submitted') return readSelfAssessmentSnapshot(assessment.snapshot)
  return buildLiveContent(db, council, assessment, today)
}

// ---------------------------------------------------------------------------------------------------
// Changes, each audited in the same transaction.

export async function createSelfAssessment(
  trx: Tx,
  actor: Actor,
  input: { title: string; reviewEventId: number | null },
): Promise<number> {
  const created = await trx
    .insertInto('self_assessment')
    .values({
      organisation_id: actor.organisationId,
      title: input.title,
      review_event_id: input.reviewEventId,
      created_by: actor.userId,
    })
    .returning(['id', 'title', 'review_event_id'])
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'self-assessment',
    entityId: created.id,
    action: 'create',
    summary: `Started the self-assessment “${created.title}”`,
    after: created,
  })
  return created.id
}

/** Locks the row and says whether it is still a draft (a submitted one never changes). */
async function stillDraft(trx: Tx, id: number): Promise<boolean> {
  const row = await trx
    .selectFrom('self_assessment')
    .select('status')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst()
  return row?.status === 'draft'
}

/** Saves the narrative of a draft; false when it has been submitted meanwhile (nothing is changed). */
export async function saveSelfAssessmentNarrative(
  trx: Tx,
  actor: Actor,
  assessment: SelfAssessmentRow,
  narrative: Record<string, string>,
): Promise<boolean> {
  if (!(await stillDraft(trx, assessment.id))) return false
  await trx
    .updateTable('self_assessment')
    .set({ narrative: jsonb(narrative), updated_at: new Date() })
    .where('id', '=', assessment.id)
    .where('organisation_id', '=', actor.organisationId)
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'self-assessment',
    entityId: assessment.id,
    action: 'update',
    summary: `Saved the narrative of the self-assessment “${assessment.title}”`,
    before: { narrative: assessment.narrative },
    after: { narrative },
  })
  return true
}

/**
 * Submits a draft: its content is built as the data stand on `today` and stored, and from then on shown
 * as stored. False when it was already submitted (nothing is changed).
 */
export async function submitSelfAssessment(
  trx: Tx,
  actor: Actor & { displayName: string },
  council: Council,
  assessment: SelfAssessmentRow,
  today: string,
): Promise<boolean> {
  if (!(await stillDraft(trx, assessment.id))) return false
  // Read again inside the lock, so the narrative frozen is the one saved last.
  const current = await findSelfAssessment(trx, council.organisationId, assessment.id)
  if (!current) return false
  const content = await buildLiveContent(trx, council, current, today, { on: today, by: actor.displayName })
  await trx
    .updateTable('self_assessment')
    .set({
      status: 'submitted',
      snapshot: jsonb(content),
      submitted_by: actor.userId,
      submitted_at: new Date(),
      updated_at: new Date(),
    })
    .where('id', '=', assessment.id)
    .where('organisation_id', '=', actor.organisationId)
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'self-assessment',
    entityId: assessment.id,
    action: 'submit',
    summary: `Submitted the self-assessment “${current.title}”, freezing it as at ${today}`,
  })
  return true
}
