// Loads the demo: Bradford's improvement plan (from the public documents, in our own words), a second
// small council to show that councils never see each other's data, and one demo account per role.
import type { Db, DbOrTx, Tx } from '../db/connect.js'
import { jsonb } from '../db/connect.js'
import { hashPassword } from '../accounts/password.js'
import { recordAudit } from '../audit/audit-repository.js'
import { snapshotPlan } from '../versions/plan-snapshot.js'
import { bradfordPlan } from './bradford-plan.js'
import { seedDemoMeasures } from './demo-measures.js'
import { redrawPublishedDemoReports, seedDemoReports } from './demo-reports.js'
import { seedBradfordOutcomes } from './bradford-outcomes.js'
import { seedNorthfieldPeople } from './northfield-people.js'
import { seedNorthfieldLive } from './northfield-live.js'
import { seedBradfordOversight, seedNorthfieldOversight } from './oversight-demo.js'
import type { DemoStrand } from './demo-plan-types.js'
import type { DemoContext } from './demo-context.js'
import { seedBoardDemo } from './board-demo.js'
import { seedRiskDemo } from './risk-demo.js'
import { seedPartnerDemo } from './partner-demo.js'
import { seedVoiceDemo } from './voice-demo.js'
import { seedSurveyDemo } from './survey-demo.js'
import { seedLeadershipDemo } from './leadership-demo.js'
import { seedPracticeStandardDemo } from './practice-standard-demo.js'
import { seedCaseAuditDemo } from './case-audit-demo.js'
import type { Milestone, MilestoneStatus, OversightPost, Role } from '../db/database.js'
import { loadRecordedPlan, recordPlanItems, type PlanItemRecord } from '../plan/plan-history-repository.js'

export const DEMO_PASSWORD = 'Turnaround-demo-2026'

// Bradford's DfE local authority code (380) links it to the shipped national statistics.
const DEMO_COUNCIL = { slug: 'bradford', name: 'City of Bradford Metropolitan District Council', laCode: '380' }
const OTHER_DEMO_COUNCIL = { slug: 'northfield', name: 'Northfield Borough Council (fictional)' }

export interface DemoAccount {
  email: string
  displayName: string
  employer: 'bradford' | 'northfield' | 'dfe' | 'partner' | 'northfieldHealth'
  /** `post`: access held by the overseer (granted by a service-level administrator). */
  access: Array<{ council: 'bradford' | 'northfield'; role: Role; post?: OversightPost }>
  /** A service-level administrator: above councils, with no council access of their own. */
  serviceAdmin?: true
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'admin@bradford.example',
    displayName: 'Demo Administrator',
    employer: 'bradford',
    access: [{ council: 'bradford', role: 'admin' }],
  },
  {
    email: 'improvement@bradford.example',
    displayName: 'Demo Improvement Officer',
    employer: 'bradford',
    access: [{ council: 'bradford', role: 'improvement-team' }],
  },
  {
    email: 'strand-lead@bradford.example',
    displayName: 'Demo Strand Lead',
    employer: 'bradford',
    access: [{ council: 'bradford', role: 'strand-lead' }],
  },
  {
    email: 'director@bradford.example',
    displayName: 'Demo Director',
    employer: 'bradford',
    access: [{ council: 'bradford', role: 'leader' }],
  },
  {
    email: 'board@bradford.example',
    displayName: 'Demo Board Chair',
    employer: 'bradford',
    access: [{ council: 'bradford', role: 'board-member', post: 'board-chair' }],
  },
  {
    email: 'adviser@dfe.example',
    displayName: 'Demo DfE Adviser',
    employer: 'dfe',
    access: [
      { council: 'bradford', role: 'adviser', post: 'adviser' },
      { council: 'northfield', role: 'adviser', post: 'adviser' },
    ],
  },
  {
    email: 'partner@partner.example',
    displayName: 'Demo Partner Contact',
    employer: 'partner',
    access: [{ council: 'bradford', role: 'partner' }],
  },
  {
    email: 'councillor@bradford.example',
    displayName: 'Demo Scrutiny Councillor',
    employer: 'bradford',
    access: [{ council: 'bradford', role: 'viewer' }],
  },
  {
    email: 'admin@northfield.example',
    displayName: 'Northfield Administrator',
    employer: 'northfield',
    access: [{ council: 'northfield', role: 'admin' }],
  },
  // Northfield's team for its live plan and reporting rounds (src/demo/northfield-people.ts).
  {
    email: 'improvement@northfield.example',
    displayName: 'Jo Adeyemi',
    employer: 'northfield',
    access: [{ council: 'northfield', role: 'improvement-team' }],
  },
  {
    email: 'strand-lead@northfield.example',
    displayName: 'Alex Morgan',
    employer: 'northfield',
    access: [{ council: 'northfield', role: 'strand-lead' }],
  },
  {
    email: 'director@northfield.example',
    displayName: 'Ruth Okonjo',
    employer: 'northfield',
    access: [{ council: 'northfield', role: 'leader' }],
  },
  {
    email: 'board@northfield.example',
    displayName: 'Chris Hale',
    employer: 'northfield',
    access: [{ council: 'northfield', role: 'board-member', post: 'board-chair' }],
  },
  {
    email: 'service@turnaround.example',
    displayName: 'Demo Service Administrator',
    employer: 'dfe',
    access: [],
    serviceAdmin: true,
  },
  {
    email: 'partner@northfield-health.example',
    displayName: 'Pat Evans',
    employer: 'northfieldHealth',
    access: [{ council: 'northfield', role: 'partner' }],
  },
]

/** Strands the demo strand lead leads, so their edit rights can be seen. */
const STRAND_LEAD_CODES = ['1', '2']

export async function isDatabaseEmpty(db: DbOrTx): Promise<boolean> {
  const row = await db.selectFrom('organisation').select('id').limit(1).executeTakeFirst()
  return row === undefined
}

/** Loads the demo; `today` (by default the real one) anchors the fictional council's live plan. */
export async function seedDemo(db: Db, today: string = new Date().toISOString().slice(0, 10)): Promise<void> {
  const hashes = new Map<string, string>()
  for (const account of DEMO_ACCOUNTS) hashes.set(account.email, await hashPassword(DEMO_PASSWORD))

  await db.transaction().execute(async (trx) => {
    const org = async (slug: string, name: string, kind: 'council' | 'dfe' | 'partner', laCode: string | null = null) =>
      (
        await trx
          .insertInto('organisation')
          .values({ slug, name, kind, la_code: laCode })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    const orgIds = {
      bradford: await org(DEMO_COUNCIL.slug, DEMO_COUNCIL.name, 'council', DEMO_COUNCIL.laCode),
      northfield: await org(OTHER_DEMO_COUNCIL.slug, OTHER_DEMO_COUNCIL.name, 'council'),
      dfe: await org('dfe', 'Department for Education', 'dfe'),
      partner: await org('partner', 'District health partnership', 'partner'),
      northfieldHealth: await org('northfield-health', 'Northfield Health and Care Partnership (fictional)', 'partner'),
    }

    const userIds = new Map<string, number>()
    for (const account of DEMO_ACCOUNTS) {
      const user = await trx
        .insertInto('app_user')
        .values({
          email: account.email,
          display_name: account.displayName,
          password_hash: hashes.get(account.email)!,
          employer_organisation_id: orgIds[account.employer],
          service_admin: account.serviceAdmin ?? false,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      userIds.set(account.email, user.id)
      for (const access of account.access) {
        await trx
          .insertInto('membership')
          .values({
            user_id: user.id,
            organisation_id: orgIds[access.council],
            role: access.role,
            oversight_post: access.post ?? null,
            granted_by: null,
          })
          .execute()
      }
    }
    await trx
      .insertInto('council_partner')
      .values([
        { council_id: orgIds.bradford, partner_id: orgIds.partner, sector: 'health' },
        { council_id: orgIds.northfield, partner_id: orgIds.northfieldHealth, sector: 'health' },
      ])
      .execute()

    const strandLeadId = userIds.get('strand-lead@bradford.example')!
    const improvementId = userIds.get('improvement@bradford.example')!
    const bradfordPlanId = await insertPlan(
      trx,
      orgIds.bradford,
      "Children's Services Improvement Plan 2022 to 2024",
      '2022-04-01',
      bradfordPlan,
      {
        leadFor: (code) => (STRAND_LEAD_CODES.includes(code) ? strandLeadId : null),
        updateAuthor: (code) => (STRAND_LEAD_CODES.includes(code) ? strandLeadId : improvementId),
      },
    )

    // Two published versions, each a snapshot of the plan as recorded on its day: before and after strand 3b
    // (children with disabilities) joined in January 2023.
    const plan = await trx.selectFrom('plan').selectAll().where('id', '=', bradfordPlanId).executeTakeFirstOrThrow()
    const recordedOn = async (moment: string) =>
      snapshotPlan(plan, (await loadRecordedPlan(trx, bradfordPlanId, new Date(moment))).tree)
    await trx
      .insertInto('plan_version')
      .values([
        {
          plan_id: bradfordPlanId,
          number: 1,
          notes: 'Plan as agreed by the refreshed Improvement Board.',
          snapshot: jsonb(await recordedOn('2022-12-15T10:00:00Z')),
          published_by: improvementId,
          published_at: '2022-12-15T10:00:00Z',
        },
        {
          plan_id: bradfordPlanId,
          number: 2,
          notes: 'Strand 3b, children with disabilities, added.',
          snapshot: jsonb(await recordedOn('2023-02-02T10:00:00Z')),
          published_by: improvementId,
          published_at: '2023-02-02T10:00:00Z',
        },
      ])
      .execute()

    const strandIds = new Map(
      (await trx.selectFrom('strand').select(['id', 'code']).where('plan_id', '=', bradfordPlanId).execute()).map(
        (s) => [s.code, s.id],
      ),
    )
    await seedDemoMeasures(trx, orgIds.bradford, strandIds, improvementId)
    const objectiveIds = new Map(
      (
        await trx
          .selectFrom('objective')
          .innerJoin('strand', 'strand.id', 'objective.strand_id')
          .select(['objective.id', 'objective.position', 'strand.code'])
          .where('strand.plan_id', '=', bradfordPlanId)
          .execute()
      ).map((o) => [`${o.code}/${o.position}`, o.id]),
    )
    await seedBradfordOutcomes(
      trx,
      orgIds.bradford,
      (strandCode, index) => objectiveIds.get(`${strandCode}/${index + 1}`),
      improvementId,
    )
    await seedDemoReports(
      trx,
      { organisationId: orgIds.bradford, name: DEMO_COUNCIL.name },
      strandIds,
      improvementId,
      userIds.get('director@bradford.example')!,
    )
    // The 2022 to 2024 plan's period ended on 31 March 2024, and it is closed: it chases nothing now.
    await trx
      .updateTable('plan')
      .set({
        ends_on: '2024-03-31',
        closed_on: '2024-03-31',
        closed_note: 'The plan’s two-year period ended; what is still open goes into the next plan.',
      })
      .where('id', '=', bradfordPlanId)
      .execute()
    // The Notice and Direction, inspections, visits and reviews, and Board meetings (after the reports they cite).
    await seedBradfordOversight(trx, { organisationId: orgIds.bradford, planId: bradfordPlanId, userId: improvementId })
    // The fictional council last, so the demo council's ids stay as they were before it had a live plan.
    const northfield = await seedNorthfieldLive(
      trx,
      { organisationId: orgIds.northfield, editorUserId: userIds.get('admin@northfield.example')! },
      today,
    )
    await seedNorthfieldPeople(
      trx,
      {
        organisationId: orgIds.northfield,
        planId: northfield.planId,
        partnerOrganisationId: orgIds.northfieldHealth,
        improvementId: userIds.get('improvement@northfield.example')!,
        strandLeadId: userIds.get('strand-lead@northfield.example')!,
        directorId: userIds.get('director@northfield.example')!,
        partnerId: userIds.get('partner@northfield-health.example')!,
      },
      today,
    )
    await seedNorthfieldOversight(
      trx,
      {
        organisationId: orgIds.northfield,
        planId: northfield.planId,
        userId: userIds.get('improvement@northfield.example')!,
      },
      today,
    )
    // The Board (members, meetings, decisions, actions), the risk register and resources, and partners' requests.
    const demo: DemoContext = {
      bradford: {
        organisationId: orgIds.bradford,
        planId: bradfordPlanId,
        userId: improvementId,
        partnerOrganisationId: orgIds.partner,
        partnerUserId: userIds.get('partner@partner.example')!,
      },
      northfield: {
        organisationId: orgIds.northfield,
        planId: northfield.planId,
        userId: userIds.get('improvement@northfield.example')!,
        partnerOrganisationId: orgIds.northfieldHealth,
        partnerUserId: userIds.get('partner@northfield-health.example')!,
      },
      today,
    }
    await seedBoardDemo(trx, demo)
    await seedRiskDemo(trx, demo)
    await seedPartnerDemo(trx, demo)
    // Evidence from practice: staff surveys, children’s voice, case-file audits, practice standards, leadership.
    await seedSurveyDemo(trx, demo)
    await seedVoiceDemo(trx, demo)
    await seedCaseAuditDemo(trx, demo)
    await seedPracticeStandardDemo(trx, demo)
    await seedLeadershipDemo(trx, demo)
    await redrawPublishedDemoReports(trx, { organisationId: orgIds.bradford, name: DEMO_COUNCIL.name })

    for (const organisationId of [orgIds.bradford, orgIds.northfield]) {
      await recordAudit(
        trx,
        { organisationId, userId: null },
        {
          entityType: 'demo',
          entityId: organisationId,
          action: 'create',
          summary: 'Demo data loaded',
        },
      )
    }
  })
}

async function insertPlan(
  trx: Tx,
  organisationId: number,
  title: string,
  startsOn: string,
  strands: DemoStrand[],
  people: { leadFor: (code: string) => number | null; updateAuthor: (code: string) => number },
): Promise<number> {
  const plan = await trx
    .insertInto('plan')
    .values({ organisation_id: organisationId, title, starts_on: startsOn })
    .returning('id')
    .executeTakeFirstOrThrow()
  for (const [strandIndex, s] of strands.entries()) {
    const strand = await trx
      .insertInto('strand')
      .values({
        plan_id: plan.id,
        code: s.code,
        half: s.half,
        title: s.title,
        lead_title: s.leadTitle,
        lead_user_id: people.leadFor(s.code),
        position: strandIndex + 1,
        created_at: `${s.addedOn}T09:00:00Z`,
        updated_at: `${s.addedOn}T09:00:00Z`,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    const added = new Date(`${s.addedOn}T09:00:00Z`)
    const history: PlanItemRecord[] = [{ itemType: 'strand', itemId: strand.id, state: strand, recordedAt: added }]
    for (const [objectiveIndex, o] of s.objectives.entries()) {
      const objective = await trx
        .insertInto('objective')
        .values({
          strand_id: strand.id,
          title: o.title,
          description: o.description,
          intended_impact: o.intendedImpact,
          position: objectiveIndex + 1,
          created_at: added,
          updated_at: added,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      history.push({ itemType: 'objective', itemId: objective.id, state: objective, recordedAt: added })
      if (o.milestones.length) {
        const milestones = await trx
          .insertInto('milestone')
          .values(
            o.milestones.map((m, i) => ({
              objective_id: objective.id,
              title: m.title,
              owner: m.owner,
              due_on: m.due,
              status: m.status,
              completed_on: m.completedOn,
              evidence: m.evidence,
              position: i + 1,
              created_at: added,
              updated_at: added,
            })),
          )
          .returningAll()
          .execute()
        history.push(...milestoneHistory(milestones, added))
      }
      for (const e of o.evidence ?? []) {
        await trx
          .insertInto('evidence_entry')
          .values({
            objective_id: objective.id,
            observed_on: e.observedOn,
            kind: e.kind,
            direction: e.direction,
            summary: e.summary,
            created_by: people.updateAuthor(s.code),
            // Recorded the day it was observed, or the day the plan began if that was later.
            created_at: new Date(Math.max(Date.parse(`${e.observedOn}T17:00:00Z`), added.getTime())),
          })
          .execute()
      }
      if (o.updates.length) {
        await trx
          .insertInto('objective_update')
          .values(
            o.updates.map((u) => ({
              objective_id: objective.id,
              body: u.body,
              author_user_id: people.updateAuthor(s.code),
              created_at: `${u.date}T12:00:00Z`,
            })),
          )
          .execute()
      }
    }
    await recordPlanItems(trx, plan.id, null, history)
  }
  return plan.id
}

/**
 * A demo milestone's history in date order: added with the strand (not started, or on track), then its
 * last reported status as it came about: at risk or off track six weeks before it was due, complete on the
 * day it was completed. So a version or report of an earlier date shows only what was known then.
 */
function milestoneHistory(milestones: Milestone[], added: Date): PlanItemRecord[] {
  const day = 86_400_000
  return milestones.flatMap((m) => {
    const initial: MilestoneStatus = m.status === 'not-started' ? 'not-started' : 'on-track'
    const records: PlanItemRecord[] = [
      { itemType: 'milestone', itemId: m.id, state: { ...m, status: initial, completed_on: null }, recordedAt: added },
    ]
    const changedOn =
      m.status === 'complete'
        ? new Date(Math.max(added.getTime() + 60_000, Date.parse(`${m.completed_on}T17:00:00Z`)))
        : m.status === 'at-risk' || m.status === 'off-track'
          ? new Date(Math.max(added.getTime() + day, Date.parse(`${m.due_on}T09:00:00Z`) - 42 * day))
          : null
    if (changedOn) records.push({ itemType: 'milestone', itemId: m.id, state: m, recordedAt: changedOn })
    return records
  })
}
