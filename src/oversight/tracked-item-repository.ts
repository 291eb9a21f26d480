// A tracked item (a Notice requirement, or a finding or recommendation from an inspection, visit or
// review): the finding as its page shows it, and closing (met, with the evidence) and reopening either kind,
// each audited in the same transaction.
import type { DbOrTx, Tx } from '../db/connect.js'
import type { OversightFinding } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import type { LinkSubject } from './link-repository.js'

/** A finding with its event (for the page) and who closed it, within the council. */
export async function findFinding(db: DbOrTx, organisationId: number, findingId: number) {
  return db
    .selectFrom('oversight_finding as f')
    .innerJoin('oversight_event as v', 'v.id', 'f.event_id')
    .leftJoin('app_user as u', 'u.id', 'f.closed_by')
    .selectAll('f')
    .select([
      'v.title as event_title',
      'v.kind as event_kind',
      'v.inspection_type as event_inspection_type',
      'v.starts_on as event_starts_on',
      'v.organisation_id',
      'u.display_name as closed_by_name',
    ])
    .where('v.organisation_id', '=', organisationId)
    .where('f.id', '=', findingId)
    .executeTakeFirst()
}

export type FindingWithEvent = NonNullable<Awaited<ReturnType<typeof findFinding>>>

/** The finding's own columns (what the audit trail records). */
export function findingRow(f: FindingWithEvent | OversightFinding): OversightFinding {
  return {
    id: f.id,
    event_id: f.event_id,
    kind: f.kind,
    reference: f.reference,
    theme: f.theme,
    text: f.text,
    due_on: f.due_on,
    position: f.position,
    closed_on: f.closed_on,
    closure_note: f.closure_note,
    closed_by: f.closed_by,
    created_at: f.created_at,
    updated_at: f.updated_at,
  }
}

/** What closing records, and what reopening clears. */
export interface Closure {
  closed_on: string | null
  closure_note: string
  closed_by: number | null
}

const TABLE = { requirement: 'intervention_requirement', finding: 'oversight_finding' } as const

async function setClosure(trx: Tx, subject: LinkSubject, closure: Closure) {
  // One statement per table keeps the column types checked.
  if (subject.type === 'requirement') {
    await trx
      .updateTable(TABLE.requirement)
      .set({ ...closure, updated_at: new Date() })
      .where('id', '=', subject.id)
      .execute()
  } else {
    await trx
      .updateTable(TABLE.finding)
      .set({ ...closure, updated_at: new Date() })
      .where('id', '=', subject.id)
      .execute()
  }
}

/** Marks the item met (a requirement) or closed (a finding) on `closedOn`, with the evidence in `note`. */
export async function closeItem(
  trx: Tx,
  actor: Actor,
  subject: LinkSubject,
  name: string,
  before: Closure,
  closedOn: string,
  note: string,
): Promise<void> {
  const after: Closure = { closed_on: closedOn, closure_note: note, closed_by: actor.userId }
  await setClosure(trx, subject, after)
  await recordAudit(trx, actor, {
    entityType: subject.type,
    entityId: subject.id,
    action: 'close',
    summary: `${subject.type === 'requirement' ? 'Marked met' : 'Closed'}: ${name}`,
    before: { closed_on: before.closed_on, closure_note: before.closure_note, closed_by: before.closed_by },
    after,
  })
}

/** Opens the item again, clearing when and by whom it was closed and the evidence note (kept in the audit). */
export async function reopenItem(trx: Tx, actor: Actor, subject: LinkSubject, name: string, before: Closure) {
  const after: Closure = { closed_on: null, closure_note: '', closed_by: null }
  await setClosure(trx, subject, after)
  await recordAudit(trx, actor, {
    entityType: subject.type,
    entityId: subject.id,
    action: 'reopen',
    summary: `Reopened: ${name}`,
    before: { closed_on: before.closed_on, closure_note: before.closure_note, closed_by: before.closed_by },
    after,
  })
}
