// Reads everything the timeline tells, for one council only: its inspections, visits and reviews, the
// inspections in Ofsted's published data for its area, its interventions and their requirements, its Board
// meetings and decisions, its reports and its closed findings.
import type { DbOrTx } from '../db/connect.js'
import { councilLaCode, inspectionsOf } from '../national/national-repository.js'
import { listReports } from '../reports/report-repository.js'
import { todayIso } from '../shared/dates.js'
import { councilDecisions } from '../governance/meeting-repository.js'
import type { TimelineSources } from './timeline.js'

export async function timelineSources(db: DbOrTx, organisationId: number): Promise<TimelineSources> {
  const laCode = await councilLaCode(db, organisationId)
  const [events, national, interventions, requirements, meetings, decisions, reports, findings] = await Promise.all([
    db
      .selectFrom('oversight_event')
      .select([
        'id',
        'kind',
        'inspection_type',
        'title',
        'state',
        'starts_on',
        'ends_on',
        'national_inspection_id',
        'judgements',
      ])
      .where('organisation_id', '=', organisationId)
      .orderBy('starts_on')
      .orderBy('id')
      .execute(),
    laCode === null ? Promise.resolve([]) : inspectionsOf(db, laCode),
    db
      .selectFrom('intervention')
      .select(['id', 'kind', 'title', 'issued_on', 'issued_by', 'ended_on', 'ended_note'])
      .where('organisation_id', '=', organisationId)
      .orderBy('issued_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('intervention_requirement as r')
      .innerJoin('intervention as i', 'i.id', 'r.intervention_id')
      .select(['r.id', 'r.paragraph', 'r.title', 'r.due_on', 'r.closed_on'])
      .where('i.organisation_id', '=', organisationId)
      .orderBy('i.issued_on')
      .orderBy('r.position')
      .orderBy('r.id')
      .execute(),
    db
      .selectFrom('board_meeting')
      .select(['id', 'held_on', 'title', 'summary'])
      .where('organisation_id', '=', organisationId)
      .orderBy('held_on')
      .orderBy('id')
      .execute(),
    councilDecisions(db, organisationId),
    listReports(db, organisationId),
    db
      .selectFrom('oversight_finding as f')
      .innerJoin('oversight_event as e', 'e.id', 'f.event_id')
      .select(['f.id', 'f.kind', 'f.reference', 'f.text', 'f.closed_on'])
      .where('e.organisation_id', '=', organisationId)
      .where('f.closed_on', 'is not', null)
      .orderBy('f.closed_on')
      .orderBy('f.position')
      .orderBy('f.id')
      .execute(),
  ])
  // The national list is newest first; the story reads oldest first.
  return {
    events,
    national: [...national].reverse(),
    interventions,
    requirements,
    meetings,
    decisions,
    reports: [...reports].reverse(),
    findings,
    today: todayIso(),
  }
}
