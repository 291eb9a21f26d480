// Loads the demo: Bradford's improvement plan (from the public documents, in our own words), a second
// small council to show that councils never see each other's data, and one demo account per role.
import type { Db, DbOrTx } from '../db/connect.js'
import { jsonb } from '../db/connect.js'
import { hashPassword } from '../accounts/password.js'
import { recordAudit } from '../audit/audit-repository.js'
import { loadPlanTree } from '../plan/plan-repository.js'
import { snapshotPlan, type PlanSnapshot } from '../versions/plan-snapshot.js'
import { bradfordPlan } from './bradford-plan.js'
import { seedDemoMeasures } from './demo-measures.js'
import { seedDemoReports } from './demo-reports.js'
import type { DemoStrand } from './demo-plan-types.js'
import type { Role } from '../db/database.js'

export const DEMO_PASSWORD = 'Turnaround-demo-2026'

// Bradford's DfE local authority code (380) links it to the shipped national statistics.
const DEMO_COUNCIL = { slug: 'bradford', name: 'City of Bradford Metropolitan District Council', laCode: '380' }
const OTHER_DEMO_COUNCIL = { slug: 'northfield', name: 'Northfield Borough Council (fictional)' }

export interface DemoAccount {
  email: string
  displayName: string
  employer: 'bradford' | 'northfield' | 'dfe' | 'partner'
  access: Array<{ council: 'bradford' | 'northfield'; role: Role }>
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
    access: [{ council: 'bradford', role: 'board-member' }],
  },
  {
    email: 'adviser@dfe.example',
    displayName: 'Demo DfE Adviser',
    employer: 'dfe',
    access: [
      { council: 'bradford', role: 'adviser' },
      { council: 'northfield', role: 'adviser' },
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
]

/** Strands the demo strand lead leads, so their edit rights can be seen. */
const STRAND_LEAD_CODES = ['1', '2']

const NORTHFIELD_PLAN: DemoStrand[] = [
  {
    code: '1',
    half: 'A',
    title: 'Help and protection',
    leadTitle: 'Head of Safeguarding',
    addedOn: '2024-01-08',
    objectives: [
      {
        title: 'Timely child protection conferences',
        description: 'Initial conferences held within 15 working days of the strategy discussion.',
        milestones: [
          {
            title: 'Review conference scheduling',
            owner: 'Safeguarding unit',
            due: '2024-03-31',
            status: 'complete',
            completedOn: '2024-03-20',
            evidence: '',
          },
        ],
        updates: [],
      },
    ],
  },
  {
    code: '2',
    half: 'B',
    title: 'Workforce',
    leadTitle: 'Principal Social Worker',
    addedOn: '2024-01-08',
    objectives: [
      {
        title: 'Reduce reliance on agency social workers',
        description: 'Recruit and keep permanent social workers.',
        milestones: [
          {
            title: 'Launch a recruitment campaign',
            owner: 'HR business partner',
            due: '2024-06-30',
            status: 'on-track',
            completedOn: null,
            evidence: '',
          },
        ],
        updates: [],
      },
    ],
  },
]

export async function isDatabaseEmpty(db: DbOrTx): Promise<boolean> {
  const row = await db.selectFrom('organisation').select('id').limit(1).executeTakeFirst()
  return row === undefined
}

export async function seedDemo(db: Db): Promise<void> {
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
      partner: await org('partner', 'District health partnership (demo)', 'partner'),
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
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      userIds.set(account.email, user.id)
      for (const access of account.access) {
        await trx
          .insertInto('membership')
          .values({ user_id: user.id, organisation_id: orgIds[access.council], role: access.role })
          .execute()
      }
    }

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
    await insertPlan(trx, orgIds.northfield, 'Northfield Improvement Plan', '2024-01-08', NORTHFIELD_PLAN, {
      leadFor: () => null,
      updateAuthor: () => userIds.get('admin@northfield.example')!,
    })

    // Two published versions: before and after strand 3b (children with disabilities) joined in January 2023.
    const plan = await trx.selectFrom('plan').selectAll().where('id', '=', bradfordPlanId).executeTakeFirstOrThrow()
    const full = snapshotPlan(plan, await loadPlanTree(trx, bradfordPlanId))
    const beforeDisabilities = {
      ...asAt(full, '2022-12-15'),
      strands: asAt(full, '2022-12-15').strands.filter((s) => s.code !== '3b'),
    }
    await trx
      .insertInto('plan_version')
      .values([
        {
          plan_id: bradfordPlanId,
          number: 1,
          notes: 'Plan as agreed by the refreshed Improvement Board.',
          snapshot: jsonb(beforeDisabilities),
          published_by: improvementId,
          published_at: '2022-12-15T10:00:00Z',
        },
        {
          plan_id: bradfordPlanId,
          number: 2,
          notes: 'Strand 3b, children with disabilities, added.',
          snapshot: jsonb(full),
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
    await seedDemoReports(trx, { organisationId: orgIds.bradford, name: DEMO_COUNCIL.name }, strandIds, improvementId)

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

/** The plan as it stood on a past date: milestones finished later were still in progress then. */
function asAt(snapshot: PlanSnapshot, date: string): PlanSnapshot {
  return {
    ...snapshot,
    strands: snapshot.strands.map((s) => ({
      ...s,
      objectives: s.objectives.map((o) => ({
        ...o,
        milestones: o.milestones.map((m) =>
          m.completedOn && m.completedOn > date ? { ...m, status: 'on-track' as const, completedOn: null } : m,
        ),
      })),
    })),
  }
}

async function insertPlan(
  trx: DbOrTx,
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
      .returning('id')
      .executeTakeFirstOrThrow()
    for (const [objectiveIndex, o] of s.objectives.entries()) {
      const objective = await trx
        .insertInto('objective')
        .values({ strand_id: strand.id, title: o.title, description: o.description, position: objectiveIndex + 1 })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (o.milestones.length) {
        await trx
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
            })),
          )
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
  }
  return plan.id
}
