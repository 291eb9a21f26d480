// Links from a Notice requirement or a finding to what answers it: plan objectives and milestones, reports,
// Board meetings and evidence entries. Read with each target's label, its page and (for a milestone) its
// due date and completion, so the tracking rules (tracking-rules.ts) can judge the item.
import type { DbOrTx, Tx } from '../db/connect.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { paths } from '../web/paths.js'
import { quarterOf } from '../shared/calendar.js'
import { formatDate } from '../shared/dates.js'
import type { LinkTargetType, LinkedTarget } from './tracking-rules.js'

export type LinkSubject = { type: 'requirement'; id: number } | { type: 'finding'; id: number }

export interface ResolvedLink extends LinkedTarget {
  id: number
  targetId: number
  /** What the target is, in a line: "Objective 2.1: Timely permanence plans". */
  label: string
  /** Its page in the app. */
  href: string
}

const SUBJECT_COLUMN = { requirement: 'requirement_id', finding: 'finding_id' } as const
const TARGET_COLUMN: Record<
  LinkTargetType,
  'objective_id' | 'milestone_id' | 'report_id' | 'meeting_id' | 'evidence_id'
> = {
  objective: 'objective_id',
  milestone: 'milestone_id',
  report: 'report_id',
  meeting: 'meeting_id',
  evidence: 'evidence_id',
}

export const LINK_TARGET_LABELS: Record<LinkTargetType, string> = {
  objective: 'Objective',
  milestone: 'Milestone',
  report: 'Progress report',
  meeting: 'Board meeting',
  evidence: 'Evidence entry',
}

/** Links keyed `requirement:<id>` or `finding:<id>`. */
export const subjectKey = (subject: LinkSubject) => `${subject.type}:${subject.id}`

/**
 * The links of the given requirements and findings, each resolved to its target within the council (a
 * target of another council is never shown, whatever the row says). Keyed by subjectKey; a subject with no
 * links has an empty list.
 */
export async function loadLinks(
  db: DbOrTx,
  organisationId: number,
  subjects: readonly LinkSubject[],
): Promise<Map<string, ResolvedLink[]>> {
  const result = new Map<string, ResolvedLink[]>(subjects.map((s) => [subjectKey(s), []]))
  const requirementIds = subjects.filter((s) => s.type === 'requirement').map((s) => s.id)
  const findingIds = subjects.filter((s) => s.type === 'finding').map((s) => s.id)
  if (requirementIds.length === 0 && findingIds.length === 0) return result

  const rows = await db
    .selectFrom('oversight_link as l')
    .leftJoin('objective as o', 'o.id', 'l.objective_id')
    .leftJoin('strand as os', 'os.id', 'o.strand_id')
    .leftJoin('plan as op', 'op.id', 'os.plan_id')
    .leftJoin('milestone as m', 'm.id', 'l.milestone_id')
    .leftJoin('objective as mo', 'mo.id', 'm.objective_id')
    .leftJoin('strand as ms', 'ms.id', 'mo.strand_id')
    .leftJoin('plan as mp', 'mp.id', 'ms.plan_id')
    .leftJoin('report as r', 'r.id', 'l.report_id')
    .leftJoin('board_meeting as b', 'b.id', 'l.meeting_id')
    .leftJoin('evidence_entry as e', 'e.id', 'l.evidence_id')
    .leftJoin('objective as eo', 'eo.id', 'e.objective_id')
    .leftJoin('strand as es', 'es.id', 'eo.strand_id')
    .leftJoin('plan as ep', 'ep.id', 'es.plan_id')
    .select([
      'l.id',
      'l.requirement_id',
      'l.finding_id',
      'l.objective_id',
      'l.milestone_id',
      'l.report_id',
      'l.meeting_id',
      'l.evidence_id',
      'o.title as objective_title',
      'os.code as objective_strand_code',
      'op.organisation_id as objective_org',
      'm.title as milestone_title',
      'm.due_on as milestone_due_on',
      'm.completed_on as milestone_completed_on',
      'mp.organisation_id as milestone_org',
      'r.quarter_start as report_quarter',
      'r.status as report_status',
      'r.revision as report_revision',
      'r.organisation_id as report_org',
      'b.title as meeting_title',
      'b.held_on as meeting_held_on',
      'b.organisation_id as meeting_org',
      'e.summary as evidence_summary',
      'e.observed_on as evidence_observed_on',
      'e.withdrawn_at as evidence_withdrawn_at',
      'e.objective_id as evidence_objective_id',
      'ep.organisation_id as evidence_org',
    ])
    .where((eb) =>
      eb.or([
        ...(requirementIds.length ? [eb('l.requirement_id', 'in', requirementIds)] : []),
        ...(findingIds.length ? [eb('l.finding_id', 'in', findingIds)] : []),
      ]),
    )
    .orderBy('l.id')
    .execute()

  const slug = await db
    .selectFrom('organisation')
    .select('slug')
    .where('id', '=', organisationId)
    .executeTakeFirstOrThrow()
  const P = paths.council
  for (const row of rows) {
    const key = row.requirement_id !== null ? `requirement:${row.requirement_id}` : `finding:${row.finding_id}`
    let link: ResolvedLink | undefined
    if (row.objective_id !== null && row.objective_org === organisationId) {
      link = {
        id: row.id,
        type: 'objective',
        targetId: row.objective_id,
        label: `${row.objective_strand_code}: ${row.objective_title}`,
        href: P.objective(slug.slug, row.objective_id),
      }
    } else if (row.milestone_id !== null && row.milestone_org === organisationId) {
      link = {
        id: row.id,
        type: 'milestone',
        targetId: row.milestone_id,
        label: `${row.milestone_title} (due ${formatDate(row.milestone_due_on)})`,
        href: P.editMilestone(slug.slug, row.milestone_id),
        milestone: { dueOn: row.milestone_due_on!, completedOn: row.milestone_completed_on },
      }
    } else if (row.report_id !== null && row.report_org === organisationId) {
      const revision = row.report_revision! > 1 ? `, revision ${row.report_revision}` : ''
      link = {
        id: row.id,
        type: 'report',
        targetId: row.report_id,
        label: `${quarterOf(row.report_quarter!).label} progress report (${row.report_status}${revision})`,
        href: P.report(slug.slug, row.report_id),
      }
    } else if (row.meeting_id !== null && row.meeting_org === organisationId) {
      link = {
        id: row.id,
        type: 'meeting',
        targetId: row.meeting_id,
        label: `${row.meeting_title} (${formatDate(row.meeting_held_on)})`,
        href: P.boardMeeting(slug.slug, row.meeting_id),
      }
    } else if (row.evidence_id !== null && row.evidence_org === organisationId) {
      const withdrawn = row.evidence_withdrawn_at ? ' (withdrawn)' : ''
      link = {
        id: row.id,
        type: 'evidence',
        targetId: row.evidence_id,
        label: `${formatDate(row.evidence_observed_on)}: ${row.evidence_summary}${withdrawn}`,
        href: P.objectiveEvidence(slug.slug, row.evidence_objective_id!),
      }
    }
    if (link) result.get(key)?.push(link)
  }
  return result
}

/** One link of the council's, with its subject (undefined: not this council's, so not found). */
export async function findLink(db: DbOrTx, organisationId: number, linkId: number) {
  return db
    .selectFrom('oversight_link as l')
    .leftJoin('intervention_requirement as q', 'q.id', 'l.requirement_id')
    .leftJoin('intervention as i', 'i.id', 'q.intervention_id')
    .leftJoin('oversight_finding as f', 'f.id', 'l.finding_id')
    .leftJoin('oversight_event as v', 'v.id', 'f.event_id')
    .selectAll('l')
    .where('l.id', '=', linkId)
    .where((eb) => eb.or([eb('i.organisation_id', '=', organisationId), eb('v.organisation_id', '=', organisationId)]))
    .executeTakeFirst()
}

/** Adds a link (audited); false when the same link is already there. */
export async function addLink(
  trx: Tx,
  actor: Actor,
  subject: LinkSubject,
  target: { type: LinkTargetType; id: number; label: string },
): Promise<boolean> {
  const inserted = await trx
    .insertInto('oversight_link')
    .values({
      [SUBJECT_COLUMN[subject.type]]: subject.id,
      [TARGET_COLUMN[target.type]]: target.id,
      created_by: actor.userId,
    })
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst()
  if (!inserted) return false
  await recordAudit(trx, actor, {
    entityType: subject.type,
    entityId: subject.id,
    action: 'link',
    summary: `Linked ${LINK_TARGET_LABELS[target.type].toLowerCase()} ${target.label}`,
    after: { [target.type]: target.id },
  })
  return true
}

/** Removes a link (audited). */
export async function removeLink(trx: Tx, actor: Actor, link: { id: number } & Record<string, unknown>, label: string) {
  await trx.deleteFrom('oversight_link').where('id', '=', link.id).execute()
  const subject: LinkSubject =
    link.requirement_id !== null
      ? { type: 'requirement', id: link.requirement_id as number }
      : { type: 'finding', id: link.finding_id as number }
  await recordAudit(trx, actor, {
    entityType: subject.type,
    entityId: subject.id,
    action: 'unlink',
    summary: `Removed the link to ${label}`,
    before: link,
  })
}

/** One thing a requirement or finding may be linked to, as the "Add a link" choice offers it. */
export interface LinkChoice {
  type: LinkTargetType
  id: number
  label: string
}

/** Long evidence summaries are cut in the choice list (the whole summary is on the evidence page). */
function shortened(text: string, max = 90): string {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text
}

/**
 * What the council may link to, of the given types, in the order the form lists them: the current plan's
 * objectives and milestones (with due dates) and its evidence entries not withdrawn, the council's reports
 * (every status) and its Board meetings. Also the list a chosen target is checked against, so nothing of
 * another council, or of a type the subject may not link to, can be linked.
 */
export async function linkChoices(
  db: DbOrTx,
  organisationId: number,
  types: readonly LinkTargetType[],
): Promise<LinkChoice[]> {
  const wanted = new Set(types)
  const plan = await db
    .selectFrom('plan')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .orderBy('starts_on', 'desc')
    .orderBy('id', 'desc')
    .executeTakeFirst()
  const planId = plan?.id ?? 0
  const objectiveOrder = <T extends { half: string; strand_position: number; objective_position: number }>(
    a: T,
    b: T,
  ) =>
    a.half.localeCompare(b.half) || a.strand_position - b.strand_position || a.objective_position - b.objective_position

  const [objectives, milestones, reports, meetings, evidence] = await Promise.all([
    wanted.has('objective')
      ? db
          .selectFrom('objective as o')
          .innerJoin('strand as s', 's.id', 'o.strand_id')
          .select([
            'o.id',
            'o.title',
            'o.status',
            's.code',
            's.half',
            's.position as strand_position',
            'o.position as objective_position',
          ])
          .where('s.plan_id', '=', planId)
          .execute()
      : [],
    wanted.has('milestone')
      ? db
          .selectFrom('milestone as m')
          .innerJoin('objective as o', 'o.id', 'm.objective_id')
          .innerJoin('strand as s', 's.id', 'o.strand_id')
          .select([
            'm.id',
            'm.title',
            'm.due_on',
            'm.position',
            's.half',
            's.position as strand_position',
            'o.position as objective_position',
          ])
          .where('s.plan_id', '=', planId)
          .execute()
      : [],
    wanted.has('report')
      ? db
          .selectFrom('report')
          .select(['id', 'quarter_start', 'status', 'revision'])
          .where('organisation_id', '=', organisationId)
          .orderBy('quarter_start', 'desc')
          .orderBy('revision', 'desc')
          .orderBy('id', 'desc')
          .execute()
      : [],
    wanted.has('meeting')
      ? db
          .selectFrom('board_meeting')
          .select(['id', 'title', 'held_on'])
          .where('organisation_id', '=', organisationId)
          .orderBy('held_on', 'desc')
          .orderBy('id', 'desc')
          .execute()
      : [],
    wanted.has('evidence')
      ? db
          .selectFrom('evidence_entry as e')
          .innerJoin('objective as o', 'o.id', 'e.objective_id')
          .innerJoin('strand as s', 's.id', 'o.strand_id')
          .select(['e.id', 'e.summary', 'e.observed_on'])
          .where('s.plan_id', '=', planId)
          .where('e.withdrawn_at', 'is', null)
          .orderBy('e.observed_on', 'desc')
          .orderBy('e.id', 'desc')
          .execute()
      : [],
  ])

  return [
    ...objectives.sort(objectiveOrder).map((o) => ({
      type: 'objective' as const,
      id: o.id,
      label: `${o.code}: ${o.title}${o.status === 'retired' ? ' (retired)' : ''}`,
    })),
    ...milestones
      .sort((a, b) => objectiveOrder(a, b) || a.position - b.position)
      .map((m) => ({ type: 'milestone' as const, id: m.id, label: `${m.title} (due ${formatDate(m.due_on)})` })),
    ...reports.map((r) => ({
      type: 'report' as const,
      id: r.id,
      label: `${quarterOf(r.quarter_start).label} progress report (${r.status}${r.revision > 1 ? `, revision ${r.revision}` : ''})`,
    })),
    ...meetings.map((b) => ({ type: 'meeting' as const, id: b.id, label: `${b.title} (${formatDate(b.held_on)})` })),
    ...evidence.map((e) => ({
      type: 'evidence' as const,
      id: e.id,
      label: `${formatDate(e.observed_on)}: ${shortened(e.summary)}`,
    })),
  ]
}
