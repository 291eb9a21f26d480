// Every council route, requested by every demo role: who gets the page, who is refused (403), and who is
// told it does not exist (404: another council's data, never confirmed to exist).
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { jsonb, type DatabaseHandle } from '../db/connect.js'
import { seedDemo, DEMO_ACCOUNTS } from '../demo/seed-demo.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, csrfFrom, signedIn, type Agent } from '../test-support/http.js'
import { demoIds } from '../test-support/demo-ids.js'
import { paths } from '../web/paths.js'
import type { Role } from '../db/database.js'

const P = paths.council
const B = 'bradford'
type Ids = Awaited<ReturnType<typeof demoIds>> & { northfieldMeasure: number; northfieldBatch: number }

const ALL: Role[] = [
  'admin',
  'improvement-team',
  'strand-lead',
  'leader',
  'board-member',
  'adviser',
  'partner',
  'viewer',
]
const DRAFT_READERS: Role[] = ['admin', 'improvement-team', 'strand-lead', 'leader', 'board-member', 'adviser']
const EDITORS: Role[] = ['admin', 'improvement-team']
const OWN_STRAND_EDITORS: Role[] = [...EDITORS, 'strand-lead']
const PUBLISHED_ONLY: Role[] = ['partner', 'viewer']

interface RouteCase {
  name: string
  url: (ids: Ids) => string
  /** Roles that get 200; every other Bradford role gets 403... */
  allowed: Role[]
  /** ...except these, who are told it does not exist (404): e.g. drafts, for those who see published work only. */
  hidden?: Role[]
}

const GET_ROUTES: RouteCase[] = [
  { name: 'overview', url: () => P.home(B), allowed: ALL },
  { name: 'plan', url: () => P.plan(B), allowed: DRAFT_READERS },
  { name: 'plan CSV', url: () => P.planCsv(B), allowed: DRAFT_READERS },
  { name: 'new strand form', url: () => P.newStrand(B), allowed: EDITORS },
  { name: 'strand', url: (i) => P.strand(B, i.ownStrand), allowed: DRAFT_READERS },
  { name: 'edit strand', url: (i) => P.editStrand(B, i.ownStrand), allowed: EDITORS },
  { name: 'new objective in own strand', url: (i) => P.newObjective(B, i.ownStrand), allowed: OWN_STRAND_EDITORS },
  { name: 'new objective in other strand', url: (i) => P.newObjective(B, i.otherStrand), allowed: EDITORS },
  { name: 'objective', url: (i) => P.objective(B, i.ownObjective), allowed: DRAFT_READERS },
  { name: 'edit own objective', url: (i) => P.editObjective(B, i.ownObjective), allowed: OWN_STRAND_EDITORS },
  { name: 'edit other objective', url: (i) => P.editObjective(B, i.otherObjective), allowed: EDITORS },
  { name: 'new milestone, own strand', url: (i) => P.newMilestone(B, i.ownObjective), allowed: OWN_STRAND_EDITORS },
  { name: 'edit own milestone', url: (i) => P.editMilestone(B, i.ownMilestone), allowed: OWN_STRAND_EDITORS },
  { name: 'edit other milestone', url: (i) => P.editMilestone(B, i.otherMilestone), allowed: EDITORS },
  { name: 'delete own milestone form', url: (i) => P.deleteMilestone(B, i.ownMilestone), allowed: OWN_STRAND_EDITORS },
  { name: 'versions', url: () => P.versions(B), allowed: ALL },
  { name: 'version 1', url: () => P.version(B, 1), allowed: ALL },
  { name: 'compare', url: () => `${P.compareVersions(B)}?from=1&to=2`, allowed: ALL },
  { name: 'measures', url: () => P.measures(B), allowed: DRAFT_READERS },
  { name: 'measures CSV', url: () => P.measuresCsv(B), allowed: DRAFT_READERS },
  { name: 'measure', url: (i) => P.measure(B, i.derivedMeasure), allowed: DRAFT_READERS },
  { name: 'measure CSV', url: (i) => P.measureCsv(B, i.recordedMeasure), allowed: DRAFT_READERS },
  { name: 'new measure form', url: () => P.newMeasure(B), allowed: EDITORS },
  { name: 'edit measure', url: (i) => P.editMeasure(B, i.recordedMeasure), allowed: EDITORS },
  { name: 'Vital Signs', url: () => P.vitalSigns(B), allowed: DRAFT_READERS },
  { name: 'Vital Signs CSV', url: () => P.vitalSignsCsv(B), allowed: DRAFT_READERS },
  { name: 'import page', url: () => P.importData(B), allowed: EDITORS },
  { name: 'import template', url: () => P.importTemplate(B, 'values', 'csv'), allowed: EDITORS },
  { name: 'reports', url: () => P.reports(B), allowed: ALL },
  { name: 'published report', url: (i) => P.report(B, i.publishedReport), allowed: ALL },
  { name: 'published report, printable', url: (i) => P.reportPrint(B, i.publishedReport), allowed: ALL },
  { name: 'draft report', url: (i) => P.report(B, i.draftReport), allowed: DRAFT_READERS, hidden: PUBLISHED_ONLY },
  {
    name: 'draft compared with the last published',
    url: (i) => P.compareReport(B, i.draftReport),
    allowed: DRAFT_READERS,
    hidden: PUBLISHED_ONLY,
  },
  { name: 'partner requests', url: () => P.partnerRequests(B), allowed: DRAFT_READERS },
  { name: 'national benchmarks', url: () => P.benchmarks(B), allowed: ALL },
  { name: 'a national indicator', url: () => P.benchmarkIndicator(B, 'rereferrals'), allowed: ALL },
  { name: 'our Ofsted inspections', url: () => P.inspections(B), allowed: ALL },
  { name: 'Ofsted judgements of all councils', url: () => P.allInspections(B), allowed: ALL },
  { name: 'load national data', url: () => P.nationalData(B), allowed: ['admin'] },
  { name: 'audit trail', url: () => P.audit(B), allowed: EDITORS },
  { name: 'users', url: () => P.users(B), allowed: ['admin'] },
  { name: 'new user form', url: () => P.newUser(B), allowed: ['admin'] },
  { name: 'edit user', url: (i) => P.editUser(B, i.viewerUser), allowed: ['admin'] },
]

/** Bradford URLs that point at Northfield's records: 404 for everyone, editors included. */
const CROSS_COUNCIL: Array<{ name: string; url: (ids: Ids) => string }> = [
  { name: 'Northfield overview', url: () => P.home('northfield') },
  { name: 'Northfield plan', url: () => P.plan('northfield') },
  { name: 'Northfield strand via Bradford', url: (i) => P.strand(B, i.northfieldStrand) },
  { name: 'Northfield objective via Bradford', url: (i) => P.objective(B, i.northfieldObjective) },
  { name: 'Northfield milestone via Bradford', url: (i) => P.editMilestone(B, i.northfieldMilestone) },
  { name: 'Northfield user via Bradford', url: (i) => P.editUser(B, i.northfieldAdmin) },
  { name: 'Northfield measure via Bradford', url: (i) => P.measure(B, i.northfieldMeasure) },
  { name: 'Northfield measure CSV via Bradford', url: (i) => P.measureCsv(B, i.northfieldMeasure) },
  { name: 'Northfield import via Bradford', url: (i) => P.importBatch(B, i.northfieldBatch) },
  { name: 'a council that does not exist', url: () => P.home('nowhere') },
  { name: 'a malformed id', url: () => `${P.plan(B)}/strands/1abc` },
]

/** POST routes: a permitted role gets past the role check (302 or 400 for a bad form); others 403. */
/**
 * POST routes, each sent by every role with a body that fails validation: a permitted role gets past the
 * role check (400, or 302 where there is nothing to validate); every other role gets 403.
 */
const POST_ROUTES: Array<RouteCase & { body: Record<string, string> }> = [
  { name: 'create strand', url: () => P.newStrand(B), body: {}, allowed: EDITORS },
  { name: 'edit strand', url: (i) => P.editStrand(B, i.ownStrand), body: {}, allowed: EDITORS },
  { name: 'retire strand', url: (i) => P.strandStatus(B, i.ownStrand), body: { status: 'gone' }, allowed: EDITORS },
  {
    name: 'move strand',
    url: (i) => P.moveStrand(B, i.otherStrand),
    body: { direction: 'sideways' },
    allowed: EDITORS,
  },
  {
    name: 'create objective, own strand',
    url: (i) => P.newObjective(B, i.ownStrand),
    body: {},
    allowed: OWN_STRAND_EDITORS,
  },
  { name: 'create objective, other strand', url: (i) => P.newObjective(B, i.otherStrand), body: {}, allowed: EDITORS },
  { name: 'edit own objective', url: (i) => P.editObjective(B, i.ownObjective), body: {}, allowed: OWN_STRAND_EDITORS },
  { name: 'edit other objective', url: (i) => P.editObjective(B, i.otherObjective), body: {}, allowed: EDITORS },
  {
    name: 'retire own objective',
    url: (i) => P.objectiveStatus(B, i.ownObjective),
    body: {},
    allowed: OWN_STRAND_EDITORS,
  },
  { name: 'move other objective', url: (i) => P.moveObjective(B, i.otherObjective), body: {}, allowed: EDITORS },
  {
    name: 'add update, own strand',
    url: (i) => P.objectiveUpdates(B, i.ownObjective),
    body: {},
    allowed: OWN_STRAND_EDITORS,
  },
  { name: 'add update, other strand', url: (i) => P.objectiveUpdates(B, i.otherObjective), body: {}, allowed: EDITORS },
  {
    name: 'create milestone, own strand',
    url: (i) => P.newMilestone(B, i.ownObjective),
    body: {},
    allowed: OWN_STRAND_EDITORS,
  },
  {
    name: 'create milestone, other strand',
    url: (i) => P.newMilestone(B, i.otherObjective),
    body: {},
    allowed: EDITORS,
  },
  { name: 'edit own milestone', url: (i) => P.editMilestone(B, i.ownMilestone), body: {}, allowed: OWN_STRAND_EDITORS },
  { name: 'edit other milestone', url: (i) => P.editMilestone(B, i.otherMilestone), body: {}, allowed: EDITORS },
  { name: 'move own milestone', url: (i) => P.moveMilestone(B, i.ownMilestone), body: {}, allowed: OWN_STRAND_EDITORS },
  { name: 'publish', url: () => P.publishVersion(B), body: { notes: 'x'.repeat(3000) }, allowed: EDITORS },
  { name: 'create measure', url: () => P.newMeasure(B), body: {}, allowed: EDITORS },
  { name: 'start a report', url: () => P.reports(B), body: { quarter: '1999-01-01' }, allowed: EDITORS },
  {
    name: 'report text',
    url: (i) => P.reportNarrative(B, i.draftReport),
    body: { summary: 'x'.repeat(10001) },
    allowed: EDITORS,
    hidden: PUBLISHED_ONLY,
  },
  {
    name: 'report override',
    url: (i) => P.reportOverride(B, i.draftReport),
    body: {},
    allowed: EDITORS,
    hidden: PUBLISHED_ONLY,
  },
  {
    name: 'own strand commentary',
    url: (i) => P.reportCommentary(B, i.draftReport, i.ownStrand),
    body: { commentary: 'x'.repeat(7000) },
    allowed: OWN_STRAND_EDITORS,
    hidden: PUBLISHED_ONLY,
  },
  { name: 'partner request', url: () => P.partnerRequests(B), body: {}, allowed: EDITORS },
  { name: 'edit measure', url: (i) => P.editMeasure(B, i.recordedMeasure), body: {}, allowed: EDITORS },
  { name: 'add value', url: (i) => P.measureValues(B, i.recordedMeasure), body: {}, allowed: EDITORS },
  { name: 'set target', url: (i) => P.measureTargets(B, i.recordedMeasure), body: {}, allowed: EDITORS },
  { name: 'add benchmark', url: (i) => P.measureBenchmarks(B, i.recordedMeasure), body: {}, allowed: EDITORS },
  { name: 'rebaseline', url: (i) => P.measureRebaselines(B, i.recordedMeasure), body: {}, allowed: EDITORS },
  { name: 'add user', url: () => P.newUser(B), body: {}, allowed: ['admin'] },
  { name: 'edit user', url: (i) => P.editUser(B, i.viewerUser), body: {}, allowed: ['admin'] },
]

for (const kind of testDatabaseKinds()) {
  describe(`route access on ${kind.name}`, () => {
    let database: DatabaseHandle
    let ids: Ids
    const agents = new Map<Role, Agent>()
    const tokens = new Map<Role, string>()

    before(async () => {
      database = await kind.open()
      await seedDemo(database.db)
      const northfield = await database.db
        .selectFrom('organisation')
        .select('id')
        .where('slug', '=', 'northfield')
        .executeTakeFirstOrThrow()
      const northfieldMeasure = await database.db
        .insertInto('measure')
        .values({
          organisation_id: northfield.id,
          code: 'NF-1',
          name: 'Northfield measure',
          unit: 'count',
          polarity: 'lower',
          frequency: 'monthly',
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      const northfieldBatch = await database.db
        .insertInto('import_batch')
        .values({
          organisation_id: northfield.id,
          kind: 'values',
          filename: 'nf.csv',
          rows: jsonb({ columns: [], rows: [] }),
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      ids = {
        ...(await demoIds(database.db)),
        northfieldMeasure: northfieldMeasure.id,
        northfieldBatch: northfieldBatch.id,
      }
      const app = buildTestApp(database.db)
      for (const account of DEMO_ACCOUNTS) {
        const bradford = account.access.find((a) => a.council === B)
        if (!bradford || account.access.length > 1) continue // one account per role, Bradford only
        const agent = await signedIn(app, account.email)
        agents.set(bradford.role, agent)
        tokens.set(bradford.role, csrfFrom((await agent.get(P.versions(B))).text))
      }
      // The adviser also sees Northfield: their Bradford access is tested via their own agent.
      const adviser = DEMO_ACCOUNTS.find((a) => a.email === 'adviser@dfe.example')!
      agents.set('adviser', await signedIn(app, adviser.email))
      tokens.set('adviser', csrfFrom((await agents.get('adviser')!.get(P.versions(B))).text))
    })

    after(() => database.close())

    it('has a signed-in agent for every role', () => {
      assert.deepEqual([...agents.keys()].sort(), [...ALL].sort())
    })

    for (const route of GET_ROUTES) {
      it(`GET ${route.name}: 200 for ${route.allowed.join(', ')}; 403 for the rest`, async () => {
        for (const role of ALL) {
          const res = await agents.get(role)!.get(route.url(ids))
          const expected = route.allowed.includes(role) ? 200 : route.hidden?.includes(role) ? 404 : 403
          assert.equal(res.status, expected, `${role} GET ${route.url(ids)}`)
        }
      })
    }

    for (const route of CROSS_COUNCIL) {
      it(`GET ${route.name}: 404 for every Bradford role`, async () => {
        for (const role of ALL.filter((r) => r !== 'adviser')) {
          const res = await agents.get(role)!.get(route.url(ids))
          assert.equal(res.status, 404, `${role} GET ${route.url(ids)}`)
          assert.match(res.text, /Page not found/)
          assert.doesNotMatch(res.text, /Northfield/)
        }
      })
    }

    it('POST to another council’s records is 404, even for an administrator', async () => {
      const admin = agents.get('admin')!
      const body = { _csrf: tokens.get('admin')!, direction: 'up', status: 'complete' }
      for (const url of [
        P.moveStrand(B, ids.northfieldStrand),
        P.editMilestone(B, ids.northfieldMilestone),
        P.deleteMilestone(B, ids.northfieldMilestone),
      ]) {
        const res = await admin.post(url).type('form').send(body)
        assert.equal(res.status, 404, url)
      }
      const still = await database.db
        .selectFrom('milestone')
        .select('id')
        .where('id', '=', ids.northfieldMilestone)
        .executeTakeFirst()
      assert.ok(still, 'Northfield milestone must survive')
    })

    for (const route of POST_ROUTES) {
      it(`POST ${route.name}: allowed for ${route.allowed.join(', ')}; 403 for the rest`, async () => {
        for (const role of ALL) {
          const res = await agents
            .get(role)!
            .post(route.url(ids))
            .type('form')
            .send({ ...route.body, _csrf: tokens.get(role)! })
          const expected = route.allowed.includes(role) ? 400 : route.hidden?.includes(role) ? 404 : 403
          assert.equal(res.status, expected, `${role} POST ${route.url(ids)}`)
        }
      })
    }

    it('POST delete milestone: 403 for those who may not edit it, then deleted by its strand lead', async () => {
      for (const role of ALL.filter((r) => !OWN_STRAND_EDITORS.includes(r))) {
        const res = await agents
          .get(role)!
          .post(P.deleteMilestone(B, ids.ownMilestone))
          .type('form')
          .send({ _csrf: tokens.get(role)! })
        assert.equal(res.status, 403, role)
      }
      const other = await agents
        .get('strand-lead')!
        .post(P.deleteMilestone(B, ids.otherMilestone))
        .type('form')
        .send({ _csrf: tokens.get('strand-lead')! })
      assert.equal(other.status, 403, 'strand lead, another strand')
      const res = await agents
        .get('strand-lead')!
        .post(P.deleteMilestone(B, ids.ownMilestone))
        .type('form')
        .send({ _csrf: tokens.get('strand-lead')! })
      assert.equal(res.status, 302)
    })

    it('POST without a CSRF token is refused for every role', async () => {
      for (const role of ALL) {
        const res = await agents.get(role)!.post(P.publishVersion(B)).type('form').send({ notes: 'no token' })
        assert.equal(res.status, 403, role)
        assert.match(res.text, /This form has expired/)
      }
    })

    it('POST an upload: past the role check (400 without a file) for editors, 403 for the rest', async () => {
      for (const role of ALL) {
        const res = await agents
          .get(role)!
          .post(P.importData(B))
          .field('_csrf', tokens.get(role)!)
          .field('kind', 'values')
        assert.equal(res.status, EDITORS.includes(role) ? 400 : 403, role)
      }
    })

    it('POST a national release, reload the shipped files or link the council: past the role check for admins, 403 for the rest', async () => {
      for (const role of ALL) {
        const res = await agents
          .get(role)!
          .post(P.nationalData(B))
          .field('_csrf', tokens.get(role)!)
          .field('dataset', 'c1-referrals')
        assert.equal(res.status, role === 'admin' ? 400 : 403, role)
        if (role !== 'admin') {
          const reload = await agents
            .get(role)!
            .post(P.reloadNationalData(B))
            .type('form')
            .send({ _csrf: tokens.get(role)! })
          assert.equal(reload.status, 403, `reload as ${role}`)
          const link = await agents
            .get(role)!
            .post(P.linkCouncil(B))
            .type('form')
            .send({ _csrf: tokens.get(role)!, laCode: '805' })
          assert.equal(link.status, 403, `link as ${role}`)
        }
      }
    })

    it('POST to confirm or discard another council’s import is 404', async () => {
      for (const url of [P.confirmImport(B, ids.northfieldBatch), P.discardImport(B, ids.northfieldBatch)]) {
        const res = await agents
          .get('admin')!
          .post(url)
          .type('form')
          .send({ _csrf: tokens.get('admin')! })
        assert.equal(res.status, 404, url)
      }
    })

    it('signed-out requests to council pages redirect to sign-in', async () => {
      const { default: request } = await import('supertest')
      const res = await request(buildTestApp(database.db)).get(P.plan(B))
      assert.equal(res.status, 302)
      assert.equal(res.headers.location, `/sign-in?returnTo=${encodeURIComponent(P.plan(B))}`)
    })
  })
}
