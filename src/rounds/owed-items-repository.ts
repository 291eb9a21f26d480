// The reads behind "what is owed in a round" (owed-items.ts): the plan in force at the quarter's end with its
// owners, the council's typed-in measures and their values near the quarter, its partner requests, the
// quarter's report commentary and the round's returns, as plain rows for the rules.
import type { DbOrTx } from '../db/connect.js'
import type { Frequency } from '../shared/calendar.js'
import type { MilestoneStatus, ReportingRound, ReturnItemType } from '../db/database.js'
import { addDays, quarterOf } from '../shared/calendar.js'
import { findPlanInForce } from '../plan/plan-lifecycle-repository.js'

/** The round facts the rules read. */
export type RoundFacts = Pick<
  ReportingRound,
  'id' | 'organisation_id' | 'quarter_start' | 'data_cutoff_on' | 'updates_due_on' | 'commentary_due_on' | 'locks_on'
>

/** Everything the rules need, as plain rows (already limited to the round's council). */
export interface OwedItemsData {
  strands: Array<{
    id: number
    code: string
    title: string
    status: 'active' | 'retired'
    leadTitle: string
    leadUserId: number | null
    leadContactId: number | null
  }>
  objectives: Array<{
    id: number
    strandId: number
    title: string
    status: 'active' | 'retired'
    ownerLabel: string
    ownerUserId: number | null
    ownerContactId: number | null
  }>
  milestones: Array<{
    id: number
    objectiveId: number
    title: string
    status: MilestoneStatus
    completedOn: string | null
    ownerLabel: string
    ownerUserId: number | null
    ownerContactId: number | null
  }>
  measures: Array<{
    id: number
    code: string
    name: string
    frequency: Frequency
    /** True when computed from other measures (never typed in): such a measure owes nothing. */
    derived: boolean
    ownerLabel: string
    ownerUserId: number | null
    ownerContactId: number | null
    /** Strands of the plan it is linked to, in plan order. */
    strandIds: number[]
  }>
  measureValues: Array<{ measureId: number; period: string; updatedAt: Date }>
  partnerRequests: Array<{
    id: number
    partner: string
    description: string
    strandId: number | null
    requestedOn: string
    dueOn: string
    receivedOn: string | null
    ownerUserId: number | null
    ownerContactId: number | null
    partnerOrganisationId: number | null
    respondedBy: number | null
    respondedAt: Date | null
  }>
  /** The quarter's report commentary (from its report in force or in preparation). */
  commentary: Array<{ strandId: number; commentary: string; updatedBy: number | null; updatedAt: Date }>
  returns: Array<{ itemType: ReturnItemType; itemId: number; userId: number | null; returnedAt: Date }>
  /** The council's members among the owners (someone who has left the council owns nothing). */
  users: Array<{ id: number; name: string; email: string }>
  contacts: Array<{ id: number; name: string; email: string }>
}

/** Reads the data the rules need for one round (owedItemsFrom turns it into what is owed). */
export async function loadOwedItemsData(db: DbOrTx, round: RoundFacts): Promise<OwedItemsData> {
  const organisationId = round.organisation_id
  const inForce = await findPlanInForce(db, organisationId, quarterOf(round.quarter_start).end)
  // A plan closed before the quarter began asks nothing of anyone in it.
  const plan = inForce && (inForce.closed_on === null || inForce.closed_on >= round.quarter_start) ? inForce : undefined
  const strands = plan
    ? await db
        .selectFrom('strand')
        .select(['id', 'code', 'title', 'status', 'lead_title', 'lead_user_id', 'lead_contact_id'])
        .where('plan_id', '=', plan.id)
        .orderBy('half')
        .orderBy('position')
        .orderBy('id')
        .execute()
    : []
  const strandIds = strands.map((s) => s.id)
  const objectives = strandIds.length
    ? await db
        .selectFrom('objective')
        .select(['id', 'strand_id', 'title', 'status', 'owner', 'owner_user_id', 'owner_contact_id'])
        .where('strand_id', 'in', strandIds)
        .orderBy('position')
        .orderBy('id')
        .execute()
    : []
  const objectiveIds = objectives.map((o) => o.id)
  const milestones = objectiveIds.length
    ? await db
        .selectFrom('milestone')
        .select(['id', 'objective_id', 'title', 'status', 'completed_on', 'owner', 'owner_user_id', 'owner_contact_id'])
        .where('objective_id', 'in', objectiveIds)
        .orderBy('due_on')
        .orderBy('position')
        .orderBy('id')
        .execute()
    : []
  const measures = await db
    .selectFrom('measure')
    .select(['id', 'code', 'name', 'frequency', 'formula', 'owner', 'owner_user_id', 'owner_contact_id'])
    .where('organisation_id', '=', organisationId)
    .orderBy('position')
    .orderBy('id')
    .execute()
  const measureIds = measures.map((m) => m.id)
  const links = measureIds.length
    ? await db
        .selectFrom('measure_strand')
        .select(['measure_id', 'strand_id'])
        .where('measure_id', 'in', measureIds)
        .execute()
    : []
  const strandRank = new Map(strandIds.map((id, i) => [id, i]))
  // Values for periods that can end in the quarter: an annual period began up to a year before it.
  const quarter = quarterOf(round.quarter_start)
  const measureValues = measureIds.length
    ? await db
        .selectFrom('measure_value')
        .select(['measure_id', 'period', 'updated_at'])
        .where('measure_id', 'in', measureIds)
        .where('period', '>', addDays(quarter.start, -366))
        .where('period', '<=', quarter.end)
        .execute()
    : []
  const partnerRequests = await db
    .selectFrom('partner_request')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('due_on')
    .orderBy('id')
    .execute()
  const commentary = await db
    .selectFrom('report_commentary')
    .innerJoin('report', 'report.id', 'report_commentary.report_id')
    .select([
      'report_commentary.strand_id',
      'report_commentary.commentary',
      'report_commentary.updated_by',
      'report_commentary.updated_at',
      'report.status',
    ])
    .where('report.organisation_id', '=', organisationId)
    .where('report.quarter_start', '=', round.quarter_start)
    .where('report.status', '!=', 'superseded')
    .execute()
  const returns = await db
    .selectFrom('round_return')
    .select(['item_type', 'item_id', 'user_id', 'returned_at'])
    .where('round_id', '=', round.id)
    .execute()

  const userIds = new Set<number>()
  const contactIds = new Set<number>()
  const note = (userId: number | null, contactId: number | null) => {
    if (userId !== null) userIds.add(userId)
    if (contactId !== null) contactIds.add(contactId)
  }
  for (const s of strands) note(s.lead_user_id, s.lead_contact_id)
  for (const o of objectives) note(o.owner_user_id, o.owner_contact_id)
  for (const m of milestones) note(m.owner_user_id, m.owner_contact_id)
  for (const m of measures) note(m.owner_user_id, m.owner_contact_id)
  for (const r of partnerRequests) note(r.owner_user_id, r.owner_contact_id)
  const users = userIds.size
    ? await db
        .selectFrom('app_user')
        .innerJoin('membership', 'membership.user_id', 'app_user.id')
        .select(['app_user.id', 'app_user.display_name', 'app_user.email'])
        .where('app_user.id', 'in', [...userIds])
        .where('membership.organisation_id', '=', organisationId)
        .execute()
    : []
  const contacts = contactIds.size
    ? await db
        .selectFrom('contact')
        .select(['id', 'name', 'email'])
        .where('id', 'in', [...contactIds])
        .where('organisation_id', '=', organisationId)
        .execute()
    : []

  return {
    strands: strands.map((s) => ({
      id: s.id,
      code: s.code,
      title: s.title,
      status: s.status,
      leadTitle: s.lead_title,
      leadUserId: s.lead_user_id,
      leadContactId: s.lead_contact_id,
    })),
    objectives: objectives.map((o) => ({
      id: o.id,
      strandId: o.strand_id,
      title: o.title,
      status: o.status,
      ownerLabel: o.owner,
      ownerUserId: o.owner_user_id,
      ownerContactId: o.owner_contact_id,
    })),
    milestones: milestones.map((m) => ({
      id: m.id,
      objectiveId: m.objective_id,
      title: m.title,
      status: m.status,
      completedOn: m.completed_on,
      ownerLabel: m.owner,
      ownerUserId: m.owner_user_id,
      ownerContactId: m.owner_contact_id,
    })),
    measures: measures.map((m) => ({
      id: m.id,
      code: m.code,
      name: m.name,
      frequency: m.frequency,
      derived: m.formula !== null,
      ownerLabel: m.owner,
      ownerUserId: m.owner_user_id,
      ownerContactId: m.owner_contact_id,
      strandIds: links
        .filter((l) => l.measure_id === m.id && strandRank.has(l.strand_id))
        .map((l) => l.strand_id)
        .sort((a, b) => strandRank.get(a)! - strandRank.get(b)!),
    })),
    measureValues: measureValues.map((v) => ({ measureId: v.measure_id, period: v.period, updatedAt: v.updated_at })),
    partnerRequests: partnerRequests.map((r) => ({
      id: r.id,
      partner: r.partner,
      description: r.description,
      strandId: r.strand_id,
      requestedOn: r.requested_on,
      dueOn: r.due_on,
      receivedOn: r.received_on,
      ownerUserId: r.owner_user_id,
      ownerContactId: r.owner_contact_id,
      partnerOrganisationId: r.partner_organisation_id,
      respondedBy: r.responded_by,
      respondedAt: r.responded_at,
    })),
    // The report being prepared wins over the published one (a correction under way is the newer word).
    commentary: [...commentary]
      .sort((a, b) => Number(a.status !== 'published') - Number(b.status !== 'published'))
      .map((c) => ({
        strandId: c.strand_id,
        commentary: c.commentary,
        updatedBy: c.updated_by,
        updatedAt: c.updated_at,
      })),
    returns: returns.map((r) => ({
      itemType: r.item_type,
      itemId: r.item_id,
      userId: r.user_id,
      returnedAt: r.returned_at,
    })),
    users: users.map((u) => ({ id: u.id, name: u.display_name, email: u.email })),
    contacts: contacts.map((c) => ({ id: c.id, name: c.name, email: c.email })),
  }
}

/** The organisation a person works for (a partner's people answer the requests addressed to it). */
export async function employerOf(db: DbOrTx, userId: number): Promise<number | null> {
  const row = await db
    .selectFrom('app_user')
    .select('employer_organisation_id')
    .where('id', '=', userId)
    .executeTakeFirst()
  return row?.employer_organisation_id ?? null
}
