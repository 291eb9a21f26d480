// Northfield's people: who owns which strand, objective, milestone and measure (users of the council, two
// external contacts, and a few left "unassigned" to show where the old free text went), a partner's requests,
// and the reporting round for the quarter before last, locked with every return in (the round for the
// quarter just ended is left for the improvement team to open). Dated from `today`, like the plan.
import type { Tx } from '../db/connect.js'
import type { ReturnItemType } from '../db/database.js'
import { addDays, quarterOf } from '../shared/calendar.js'
import { liveCalendar, momentOn } from './northfield-live.js'

export interface NorthfieldTeam {
  organisationId: number
  planId: number
  partnerOrganisationId: number
  improvementId: number
  strandLeadId: number
  directorId: number
  partnerId: number
}

/** Who owns a milestone or measure, by its role label (the label stays; the person is added). */
type OwnerKey = 'strandLead' | 'director' | 'improvement' | 'healthContact' | 'policeContact' | 'unassigned'

const OWNER_BY_LABEL: Record<string, OwnerKey> = {
  'Front door service manager': 'strandLead',
  'Child protection chairs': 'strandLead',
  'Principal Social Worker': 'strandLead',
  'Participation team': 'strandLead',
  'Head of Service, Children in Care': 'strandLead',
  'Leaving care service manager': 'strandLead',
  'Quality assurance team': 'improvement',
  'Performance and intelligence team': 'improvement',
  'Communications team': 'improvement',
  'HR business partner': 'director',
  'Assistant Director, Children’s Social Care': 'director',
  'Workforce development team': 'director',
  'Head of Workforce Development': 'director',
  'Early help partnership manager': 'healthContact',
  // Left for the improvement team to assign: they show as "Unassigned (was: ...)".
  'Employment and skills team': 'unassigned',
  'Business systems team': 'unassigned',
}

/** The strand leads, by strand code: two strands for the demo strand lead, one contact. */
const LEAD_BY_STRAND: Record<string, OwnerKey> = {
  '1': 'strandLead',
  '2': 'strandLead',
  '3': 'director',
  '4': 'policeContact',
}

export async function seedNorthfieldPeople(trx: Tx, team: NorthfieldTeam, today: string): Promise<void> {
  const cal = liveCalendar(today)
  const contact = async (name: string, employer: string, role: string, email: string) =>
    (
      await trx
        .insertInto('contact')
        .values({ organisation_id: team.organisationId, name, employer, role, email })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id
  const healthContactId = await contact(
    'Priya Shah',
    'Northfield Health and Care Partnership (fictional)',
    'Designated Nurse for Safeguarding',
    'priya.shah@health.example',
  )
  const policeContactId = await contact(
    'Sam Okafor',
    'Northfield Police (fictional)',
    'Detective Inspector, Public Protection',
    'sam.okafor@police.example',
  )
  const owner = (key: OwnerKey | undefined) => {
    switch (key) {
      case 'strandLead':
        return { owner_user_id: team.strandLeadId, owner_contact_id: null }
      case 'director':
        return { owner_user_id: team.directorId, owner_contact_id: null }
      case 'improvement':
        return { owner_user_id: team.improvementId, owner_contact_id: null }
      case 'healthContact':
        return { owner_user_id: null, owner_contact_id: healthContactId }
      case 'policeContact':
        return { owner_user_id: null, owner_contact_id: policeContactId }
      default:
        return { owner_user_id: null, owner_contact_id: null }
    }
  }

  const strands = await trx
    .selectFrom('strand')
    .select(['id', 'code', 'lead_title'])
    .where('plan_id', '=', team.planId)
    .execute()
  for (const s of strands) {
    const lead = owner(LEAD_BY_STRAND[s.code])
    await trx
      .updateTable('strand')
      .set({ lead_user_id: lead.owner_user_id, lead_contact_id: lead.owner_contact_id })
      .where('id', '=', s.id)
      .execute()
    // An objective is owned by its strand's lead, under the lead's role label.
    await trx
      .updateTable('objective')
      .set({ owner: s.lead_title, ...lead })
      .where('strand_id', '=', s.id)
      .execute()
  }
  const strandIds = strands.map((s) => s.id)
  for (const [label, key] of Object.entries(OWNER_BY_LABEL)) {
    if (key === 'unassigned') continue
    await trx
      .updateTable('milestone')
      .set(owner(key))
      .where('owner', '=', label)
      .where('objective_id', 'in', trx.selectFrom('objective').select('id').where('strand_id', 'in', strandIds))
      .execute()
    await trx
      .updateTable('measure')
      .set(owner(key))
      .where('owner', '=', label)
      .where('organisation_id', '=', team.organisationId)
      .execute()
  }

  // Two requests to the health partnership: one answered last quarter, one open in this round.
  const strandByCode = new Map(strands.map((s) => [s.code, s.id]))
  await trx
    .insertInto('partner_request')
    .values([
      {
        organisation_id: team.organisationId,
        partner: 'Northfield Health and Care Partnership (fictional)',
        partner_organisation_id: team.partnerOrganisationId,
        owner_user_id: team.partnerId,
        description: 'Health visitors’ attendance at initial child protection conferences, by month',
        strand_id: strandByCode.get('1') ?? null,
        requested_on: addDays(cal.previousQuarterStart, -20),
        due_on: addDays(cal.previousQuarterStart, 10),
        received_on: addDays(cal.previousQuarterStart, 8),
        response: 'Attendance was 78%, 81% and 85% in the three months; the figures by locality are attached.',
        responded_by: team.partnerId,
        responded_at: momentOn(addDays(cal.previousQuarterStart, 8), 11, cal),
        created_by: team.improvementId,
      },
      {
        organisation_id: team.organisationId,
        partner: 'Northfield Health and Care Partnership (fictional)',
        partner_organisation_id: team.partnerOrganisationId,
        owner_user_id: team.partnerId,
        description: 'Initial health assessments for children entering care completed within 20 working days',
        strand_id: strandByCode.get('2') ?? null,
        requested_on: addDays(today, -9),
        due_on: addDays(today, 5),
        received_on: null,
        created_by: team.improvementId,
      },
    ])
    .execute()

  // Last-but-one quarter's round: locked, every return in.
  const earlier = quarterOf(addDays(cal.previousQuarterStart, -1))
  const earlierRound = await insertRound(trx, team, earlier.start, earlier.end, [10, 15, 18], true)
  await returnEverything(trx, team, earlierRound, momentOn(addDays(earlier.end, 8), 14, cal))

  // The quarter just ended has no round yet: opening it is the improvement team's first step in the demo.
}

/** A round for the quarter [start, end], its deadlines the given days after the quarter's end. */
async function insertRound(
  trx: Tx,
  team: NorthfieldTeam,
  quarterStart: string,
  quarterEnd: string,
  [updates, commentary, locks]: [number, number, number],
  locked: boolean,
): Promise<number> {
  const locksOn = addDays(quarterEnd, locks)
  const row = await trx
    .insertInto('reporting_round')
    .values({
      organisation_id: team.organisationId,
      quarter_start: quarterStart,
      data_cutoff_on: quarterEnd,
      updates_due_on: addDays(quarterEnd, updates),
      commentary_due_on: addDays(quarterEnd, commentary),
      locks_on: locksOn,
      reminder_days: 3,
      opened_by: team.improvementId,
      opened_at: new Date(`${addDays(quarterEnd, -7)}T09:00:00Z`),
      locked_at: locked ? new Date(`${locksOn}T00:00:00Z`) : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return row.id
}

/**
 * Returns for the items the plan's people own (strand commentary apart: it lives in the report), by all of
 * them or only by the owners named.
 */
async function returnEverything(
  trx: Tx,
  team: NorthfieldTeam,
  roundId: number,
  at: Date,
  onlyBy?: number[],
): Promise<void> {
  const inPlan = trx
    .selectFrom('objective')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .select('objective.id')
    .where('strand.plan_id', '=', team.planId)
  const owned = (type: ReturnItemType, rows: Array<{ id: number; owner_user_id: number | null }>) =>
    rows
      .filter((r) => r.owner_user_id !== null && (!onlyBy || onlyBy.includes(r.owner_user_id)))
      .map((r) => ({ round_id: roundId, item_type: type, item_id: r.id, user_id: r.owner_user_id, returned_at: at }))
  const rows = [
    ...owned(
      'milestone',
      await trx
        .selectFrom('milestone')
        .select(['id', 'owner_user_id'])
        .where('objective_id', 'in', inPlan)
        .where('status', '!=', 'complete')
        .execute(),
    ),
    ...owned(
      'objective',
      await trx.selectFrom('objective').select(['id', 'owner_user_id']).where('id', 'in', inPlan).execute(),
    ),
    ...owned(
      'measure',
      await trx
        .selectFrom('measure')
        .select(['id', 'owner_user_id'])
        .where('organisation_id', '=', team.organisationId)
        .execute(),
    ),
    // Strand commentary counts as returned only in a round with every return in (the open round's is
    // read from the quarter's report).
    ...(onlyBy
      ? []
      : owned(
          'strand',
          await trx
            .selectFrom('strand')
            .select(['id', 'lead_user_id as owner_user_id'])
            .where('plan_id', '=', team.planId)
            .execute(),
        )),
  ]
  if (rows.length) await trx.insertInto('round_return').values(rows).execute()
}
