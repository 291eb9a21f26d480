// Inspections, visits and reviews of one council, and their strengths, findings and recommendations. Every
// query is scoped to the council; every change is audited in the transaction that makes it.
import { sql } from 'kysely'
import { jsonb, type DbOrTx, type Tx } from '../db/connect.js'
import type {
  FindingKind,
  InspectionType,
  JudgementDomain,
  OversightEvent,
  OversightEventKind,
  OversightEventState,
  OversightFinding,
} from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { eventTitle } from './event-kinds.js'

export interface EventInput {
  kind: OversightEventKind
  inspectionType: InspectionType | null
  title: string
  interventionId: number | null
  nationalInspectionId: number | null
  state: OversightEventState
  startsOn: string
  endsOn: string | null
  publishedOn: string | null
  summary: string
  themes: string[]
  judgements: Partial<Record<JudgementDomain, string>>
}

export interface FindingInput {
  kind: FindingKind
  reference: string
  theme: string
  text: string
  dueOn: string | null
}

/** The council's events, newest first, with the title of the intervention each falls under. */
export async function listEvents(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('oversight_event as e')
    .leftJoin('intervention as i', (join) =>
      join.onRef('i.id', '=', 'e.intervention_id').on('i.organisation_id', '=', organisationId),
    )
    .selectAll('e')
    .select('i.title as intervention_title')
    .where('e.organisation_id', '=', organisationId)
    .orderBy('e.starts_on', 'desc')
    .orderBy('e.id', 'desc')
    .execute()
}

export async function findEvent(db: DbOrTx, organisationId: number, eventId: number) {
  return db
    .selectFrom('oversight_event')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', eventId)
    .executeTakeFirst()
}

/** The council's Notices and Directions, newest first: what an event may fall under. */
export async function listInterventionChoices(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('intervention')
    .select(['id', 'kind', 'title', 'issued_on', 'ended_on'])
    .where('organisation_id', '=', organisationId)
    .orderBy('issued_on', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

const eventColumns = (input: EventInput) => ({
  kind: input.kind,
  inspection_type: input.inspectionType,
  title: input.title,
  intervention_id: input.interventionId,
  national_inspection_id: input.nationalInspectionId,
  state: input.state,
  starts_on: input.startsOn,
  ends_on: input.endsOn,
  published_on: input.publishedOn,
  summary: input.summary,
  themes: jsonb(input.themes),
  judgements: jsonb(input.judgements),
})

export async function createEvent(trx: Tx, actor: Actor, input: EventInput): Promise<OversightEvent> {
  const row = await trx
    .insertInto('oversight_event')
    .values({ organisation_id: actor.organisationId, created_by: actor.userId, ...eventColumns(input) })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'oversight-event',
    entityId: row.id,
    action: 'create',
    summary: `Recorded ${eventTitle(row)}`,
    after: row,
  })
  return row
}

export async function updateEvent(
  trx: Tx,
  actor: Actor,
  before: OversightEvent,
  input: EventInput,
): Promise<OversightEvent> {
  const after = await trx
    .updateTable('oversight_event')
    .set({ ...eventColumns(input), updated_at: sql`now()` })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'oversight-event',
    entityId: before.id,
    action: 'update',
    summary: `Changed ${eventTitle(after)}`,
    before,
    after,
  })
  return after
}

/** One event's strengths, findings and recommendations, in the order recorded. */
export async function listEventFindings(db: DbOrTx, organisationId: number, eventId: number) {
  return db
    .selectFrom('oversight_finding as f')
    .innerJoin('oversight_event as e', 'e.id', 'f.event_id')
    .selectAll('f')
    .where('e.organisation_id', '=', organisationId)
    .where('f.event_id', '=', eventId)
    .orderBy('f.position')
    .orderBy('f.id')
    .execute()
}

/** Every finding of the council with its event: newest event first, then as recorded. */
export async function listCouncilFindings(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('oversight_finding as f')
    .innerJoin('oversight_event as e', 'e.id', 'f.event_id')
    .selectAll('f')
    .select([
      'e.title as event_title',
      'e.kind as event_kind',
      'e.inspection_type as event_inspection_type',
      'e.starts_on as event_starts_on',
    ])
    .where('e.organisation_id', '=', organisationId)
    .orderBy('e.starts_on', 'desc')
    .orderBy('e.id', 'desc')
    .orderBy('f.position')
    .orderBy('f.id')
    .execute()
}

/** A finding of the council's (undefined for another council's). */
export async function findFinding(db: DbOrTx, organisationId: number, findingId: number) {
  return db
    .selectFrom('oversight_finding as f')
    .innerJoin('oversight_event as e', 'e.id', 'f.event_id')
    .selectAll('f')
    .where('e.organisation_id', '=', organisationId)
    .where('f.id', '=', findingId)
    .executeTakeFirst()
}

const findingColumns = (input: FindingInput) => ({
  kind: input.kind,
  reference: input.reference,
  theme: input.theme,
  text: input.text,
  due_on: input.dueOn,
})

const findingSummary = (f: Pick<OversightFinding, 'kind' | 'reference' | 'text'>) =>
  `${f.kind}${f.reference ? ` ${f.reference}` : ''}: ${f.text.length > 80 ? `${f.text.slice(0, 79)}…` : f.text}`

/** Adds a finding after the event's others. */
export async function createFinding(
  trx: Tx,
  actor: Actor,
  event: Pick<OversightEvent, 'id' | 'title' | 'kind' | 'inspection_type' | 'starts_on'>,
  input: FindingInput,
): Promise<OversightFinding> {
  const last = await trx
    .selectFrom('oversight_finding')
    .select((eb) => eb.fn.max('position').as('position'))
    .where('event_id', '=', event.id)
    .executeTakeFirst()
  const row = await trx
    .insertInto('oversight_finding')
    .values({ event_id: event.id, position: (last?.position ?? 0) + 1, ...findingColumns(input) })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'finding',
    entityId: row.id,
    action: 'create',
    summary: `Added to ${eventTitle(event)}: ${findingSummary(row)}`,
    after: row,
  })
  return row
}

export async function updateFinding(
  trx: Tx,
  actor: Actor,
  before: OversightFinding,
  input: FindingInput,
): Promise<OversightFinding> {
  const after = await trx
    .updateTable('oversight_finding')
    .set({ ...findingColumns(input), updated_at: sql`now()` })
    .where('id', '=', before.id)
    .where('event_id', 'in', (eb) =>
      eb.selectFrom('oversight_event').select('id').where('organisation_id', '=', actor.organisationId),
    )
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'finding',
    entityId: before.id,
    action: 'update',
    summary: `Changed ${findingSummary(after)}`,
    before,
    after,
  })
  return after
}
