// Leadership stability over HTTP and as read by the report and the impact evidence: the demo's figures for
// Bradford on a chosen day (from the Commissioner's review), a post added (audited) and a duplicate refused
// with what was typed kept, a change of holder recorded (audited) and an overlapping or future one refused,
// objectives linked (only the council's own), the report's section and the evidence as at a day, and who may
// read, change or even see them.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { organisationIdOf } from '../test-support/demo-ids.js'
import { buildTestApp, dateFields, postForm, signedIn, type Agent } from '../test-support/http.js'
import { addDays, addMonths, quarterOf } from '../shared/calendar.js'
import { formatDate, todayIso } from '../shared/dates.js'
import { paths } from '../web/paths.js'
import { loadLeadershipSection } from './leadership-report.js'
import { loadLeadershipEvidence } from './leadership-evidence.js'
import { leadershipOverview } from './leadership-repository.js'

const P = paths.council
const B = 'bradford'
const N = 'northfield'
const DCS = 'Director of Children’s Services'

for (const kind of testDatabaseKinds()) {
  describe(`Leadership stability on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let board: Agent
    let viewer: Agent
    let northfield: Agent
    let bradfordId: number
    let northfieldId: number
    const today = todayIso()

    const postId = async (organisationId: number, title: string) =>
      (
        await database.db
          .selectFrom('leadership_post')
          .select('id')
          .where('organisation_id', '=', organisationId)
          .where('title', '=', title)
          .executeTakeFirstOrThrow()
      ).id
    const periodsOf = (id: number) =>
      database.db
        .selectFrom('leadership_period')
        .select(['starts_on', 'status', 'note'])
        .where('post_id', '=', id)
        .orderBy('starts_on')
        .execute()
    const auditOf = (entityType: string) =>
      database.db
        .selectFrom('audit_log')
        .selectAll()
        .where('entity_type', '=', entityType)
        .where('organisation_id', '=', bradfordId)
        .orderBy('id')
        .execute()

    before(async () => {
      database = await kind.openDemo()
      const app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      board = await signedIn(app, 'board@bradford.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
      northfield = await signedIn(app, 'admin@northfield.example')
      bradfordId = await organisationIdOf(database.db, B)
      northfieldId = await organisationIdOf(database.db, N)
    })
    after(() => database.close())

    it('shows Bradford’s posts as they stood on 31 December 2021, with the share and changes', async () => {
      const page = await board.get(`${P.leadership(B)}?on-day=31&on-month=12&on-year=2021`)
      assert.equal(page.status, 200)
      // DCS acting, both deputies interim or acting, the AD interim; only the Head of Service permanent: 1 of 5.
      assert.match(page.text, /data-qa="share-permanent">20%</)
      // A year before (31 December 2020) every post but the seconded (acting) AD was permanent: 4 of 5.
      assert.match(page.text, /data-qa="share-detail">1 of 5 senior posts; 4 of 5 \(80%\) a year earlier/)
      // After 31 December 2020: DCS 2 (vacant, acting), DD social care 1, DD education 1, AD 3 = 7.
      assert.match(page.text, /data-qa="changes-12">7</)
      // After 31 December 2018 also DCS July 2019 and DD social care November 2019 = 9 (the AD's first period is not one).
      assert.match(page.text, /data-qa="changes-36">9</)
      const dcs = [...page.text.matchAll(/data-qa="post-row">[\s\S]*?<\/tr>/g)]
        .map((m) => m[0])
        .find((r) => r.includes(DCS))
      assert.ok(dcs)
      assert.match(
        dcs,
        /govuk-tag--blue" data-qa="status">Acting<\/strong><br><span class="govuk-body-s">since 1 November 2021/,
      )
      assert.match(page.text, /<svg[^>]*role="img"/)
      assert.match(page.text, /data-qa="timeline-row"/)
      assert.match(page.text, /data-qa="linked-objectives">[\s\S]*Improvement governance and capacity/)
      assert.doesNotMatch(page.text, /data-qa="add-post"/, 'a Board member reads, and does not add')

      const csv = await board.get(P.leadershipCsv(B))
      assert.equal(csv.status, 200)
      assert.match(csv.headers['content-type'] ?? '', /text\/csv/)
      assert.match(csv.text, /^post,tier,post_created_on,post_removed_on,status,from,until,is_change,note\r\n/)
      assert.match(csv.text, new RegExp(`${DCS},director,,,interim,2018-11-01,2019-07-01,yes,`))
      assert.match(csv.text, new RegExp(`${DCS},director,,,acting,2021-11-01,,yes,`))

      const bad = await board.get(`${P.leadership(B)}?on-day=31&on-month=2&on-year=2021`)
      assert.equal(bad.status, 200)
      assert.match(bad.text, /The day to show must be a real date/)
    })

    it('adds a post with its first period (audited); refuses a duplicate title and a bad date, keeping what was typed', async () => {
      const fields = {
        title: 'Head of Service, Front Door',
        tier: 'head-of-service',
        status: 'interim',
        ...dateFields('startsOn', addDays(today, -100)),
        note: 'Kept note',
        ...dateFields('createdOn', addDays(today, -100)),
      }
      const res = await postForm(team, P.newLeadershipPost(B), P.newLeadershipPost(B), fields)
      assert.equal(res.status, 302)
      const id = await postId(bradfordId, 'Head of Service, Front Door')
      assert.deepEqual(await periodsOf(id), [{ starts_on: addDays(today, -100), status: 'interim', note: 'Kept note' }])
      const created = (await auditOf('leadership-post')).at(-1)
      assert.equal(created?.action, 'create')
      assert.equal(created?.entity_id, String(id))

      const clash = await postForm(team, P.newLeadershipPost(B), P.newLeadershipPost(B), {
        ...fields,
        title: 'head of service, front door',
        ...dateFields('deletedOn', addDays(today, -200)),
      })
      assert.equal(clash.status, 400)
      assert.match(clash.text, /There is a problem/)
      assert.match(clash.text, /href="#title">There is already a post called head of service, front door/)
      assert.match(
        clash.text,
        /href="#deletedOn-day">The date the post was removed must be after the date it was created/,
      )
      assert.match(clash.text, /name="title" type="text" value="head of service, front door"/)
      assert.match(clash.text, /value="head-of-service" checked/)
      assert.match(clash.text, /value="interim" checked/)
      assert.match(clash.text, />Kept note</)
      const missing = await postForm(team, P.newLeadershipPost(B), P.newLeadershipPost(B), {
        title: 'Assistant Director, Early Help',
        ...dateFields('startsOn', addDays(today, 3)),
      })
      assert.equal(missing.status, 400)
      assert.match(missing.text, /Choose the tier of the post/)
      assert.match(missing.text, /Choose how the post is held/)
      const future = await postForm(team, P.newLeadershipPost(B), P.newLeadershipPost(B), {
        title: 'Assistant Director, Early Help',
        tier: 'assistant-director',
        status: 'vacant',
        ...dateFields('startsOn', addDays(today, 3)),
      })
      assert.equal(future.status, 400)
      assert.match(future.text, /must be today or in the past/)
      const count = await database.db
        .selectFrom('leadership_post')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('organisation_id', '=', bradfordId)
        .executeTakeFirstOrThrow()
      assert.equal(Number(count.n), 6, 'the five demo posts and the one added')
    })

    it('records a change of holder (audited, ending the period before); refuses an overlapping or future one', async () => {
      const id = await postId(bradfordId, 'Head of Service, Front Door')
      const url = P.leadershipPostChanges(B, id)
      const overlap = await postForm(team, url, url, {
        status: 'permanent',
        ...dateFields('startsOn', addDays(today, -100)),
        note: 'Typed note',
      })
      assert.equal(overlap.status, 400)
      assert.match(
        overlap.text,
        new RegExp(
          `href="#startsOn-day">The date of the change must be after ${formatDate(addDays(today, -100))}, when the period in force began: periods cannot overlap`,
        ),
      )
      assert.match(overlap.text, /value="permanent" checked/)
      assert.match(overlap.text, />Typed note</)
      const early = await postForm(team, url, url, {
        status: 'vacant',
        ...dateFields('startsOn', addDays(today, -150)),
      })
      assert.equal(early.status, 400)
      const future = await postForm(team, url, url, { status: 'vacant', ...dateFields('startsOn', addDays(today, 1)) })
      assert.equal(future.status, 400)
      assert.match(future.text, /The date of the change must be today or in the past/)
      assert.equal((await periodsOf(id)).length, 1, 'nothing saved by a refused change')

      const good = await postForm(team, url, url, {
        status: 'permanent',
        ...dateFields('startsOn', addDays(today, -10)),
      })
      assert.equal(good.status, 302)
      assert.deepEqual(
        (await periodsOf(id)).map((p) => [p.starts_on, p.status]),
        [
          [addDays(today, -100), 'interim'],
          [addDays(today, -10), 'permanent'],
        ],
      )
      const audit = (await auditOf('leadership-period')).at(-1)
      assert.equal(audit?.action, 'create')
      assert.equal((audit?.before as { status: string }).status, 'interim')
      assert.equal((audit?.after as { status: string }).status, 'permanent')
      const history = await board.get(url)
      assert.equal(history.status, 200)
      assert.equal([...history.text.matchAll(/data-qa="period-row"/g)].length, 2)
      assert.doesNotMatch(history.text, /data-qa="change-form"/, 'a Board member has no form')
      assert.match(
        history.text,
        new RegExp(`Permanent</strong>[\\s\\S]*?${formatDate(addDays(today, -10))}[\\s\\S]*?Still so`),
      )

      // A post's dates cannot leave its periods outside it.
      const edit = await postForm(team, P.editLeadershipPost(B, id), P.editLeadershipPost(B, id), {
        title: 'Head of Service, Front Door',
        tier: 'head-of-service',
        ...dateFields('createdOn', addDays(today, -50)),
      })
      assert.equal(edit.status, 400)
      assert.match(edit.text, /must be on or before its first holder period/)
      const renamed = await postForm(team, P.editLeadershipPost(B, id), P.editLeadershipPost(B, id), {
        title: 'Head of Service, Integrated Front Door',
        tier: 'head-of-service',
      })
      assert.equal(renamed.status, 302)
      const update = (await auditOf('leadership-post')).at(-1)
      assert.equal(update?.action, 'update')
      assert.equal((update?.before as { title: string }).title, 'Head of Service, Front Door')
      assert.equal((update?.after as { created_on: string | null }).created_on, null)
    })

    it('links objectives of the council’s own plan only, audited; the evidence reads the share a year apart', async () => {
      const choices = await team.get(P.leadershipObjectives(B))
      assert.equal(choices.status, 200)
      assert.match(choices.text, /value="\d+" checked/, 'the demo’s link is ticked')
      const theirs = await database.db
        .selectFrom('leadership_objective')
        .select('objective_id')
        .where('organisation_id', '=', northfieldId)
        .executeTakeFirstOrThrow()
      const refused = await postForm(team, P.leadershipObjectives(B), P.leadershipObjectives(B), {
        objectives: String(theirs.objective_id),
      })
      assert.equal(refused.status, 400)
      assert.match(refused.text, /Choose objectives from the list/)
      const workforce = await database.db
        .selectFrom('objective')
        .innerJoin('strand', 'strand.id', 'objective.strand_id')
        .innerJoin('plan', 'plan.id', 'strand.plan_id')
        .select('objective.id')
        .where('plan.organisation_id', '=', bradfordId)
        .where('objective.title', '=', 'Growing our own social workers')
        .executeTakeFirstOrThrow()
      const saved = await postForm(team, P.leadershipObjectives(B), P.leadershipObjectives(B), {
        objectives: String(workforce.id),
      })
      assert.equal(saved.status, 302)
      const links = await database.db
        .selectFrom('leadership_objective')
        .select('objective_id')
        .where('organisation_id', '=', bradfordId)
        .execute()
      assert.deepEqual(
        links.map((l) => l.objective_id),
        [workforce.id],
        'the one ticked is linked; the demo’s, unticked, is not',
      )
      assert.deepEqual((await auditOf('leadership-link')).map((a) => a.action).sort(), ['link', 'unlink'])

      // Bradford at the end of 2021: 1 of 5 permanent against 4 of 5 a year before, so worsening.
      const [bradford, ...more] = await loadLeadershipEvidence(database.db, bradfordId, '2021-12-31')
      assert.equal(more.length, 0)
      assert.deepEqual(bradford, {
        objectiveId: workforce.id,
        kind: 'leadership',
        anchor: 'leadership',
        label: 'Leadership stability: senior posts held permanently',
        direction: 'worsening',
        current: true,
        detail:
          '1 of 5 senior posts held permanently on 31 December 2021 (20%), down from 4 of 5 (80%) on 31 December 2020; 7 changes in the last 12 months',
      })
      // Before anything was recorded: not current, and no change.
      const [early] = await loadLeadershipEvidence(database.db, bradfordId, '2018-01-01')
      assert.equal(early?.current, false)
      assert.equal(early?.direction, 'no-change')

      // Northfield today: 7 of 8 permanent against 4 of 8 a year before; 4 changes (AD, two heads of service
      // made permanent and a second interim).
      const [north] = await loadLeadershipEvidence(database.db, northfieldId, today)
      assert.equal(north?.direction, 'improving')
      assert.equal(north?.current, true)
      assert.equal(
        north?.detail,
        `7 of 8 senior posts held permanently on ${formatDate(today)} (88%), up from 4 of 8 (50%) on ${formatDate(addMonths(today, -12))}; 4 changes in the last 12 months`,
      )
    })

    it('reads the report’s section as at a day, leaving out what was recorded later', async () => {
      const q3 = await loadLeadershipSection(database.db, bradfordId, quarterOf('2021-10-01'), '2021-12-31')
      assert.ok(q3)
      assert.equal(q3.posts.length, 5, 'the post added today is not in a 2021 report')
      assert.deepEqual([q3.share.permanent, q3.share.counted, q3.share.percent], [1, 5, 20])
      assert.deepEqual([q3.yearBefore.permanent, q3.yearBefore.counted, q3.yearBefore.percent], [4, 5, 80])
      assert.equal(q3.direction, 'worsening')
      assert.equal(q3.changes12.total, 7)
      assert.equal(q3.changes36.total, 9)
      assert.deepEqual(q3.changes12.byTier, {
        director: 2,
        'deputy-director': 2,
        'assistant-director': 3,
        'head-of-service': 0,
      })
      // Oldest first, then by title: the AD and the Director in October; in November the AD, both deputies and
      // the Director.
      assert.deepEqual(
        q3.quarterChanges.map((c) => [c.startsOn, c.previousStatus, c.status]),
        [
          ['2021-10-01', 'vacant', 'interim'],
          ['2021-10-01', 'permanent', 'vacant'],
          ['2021-11-01', 'interim', 'interim'],
          ['2021-11-01', 'permanent', 'interim'],
          ['2021-11-01', 'permanent', 'acting'],
          ['2021-11-01', 'vacant', 'acting'],
        ],
      )
      assert.equal(q3.quarterChanges.length, 6)
      // At the end of 2019 only three posts had been recorded, all held permanently.
      const q3of2019 = await loadLeadershipSection(database.db, bradfordId, quarterOf('2019-10-01'), '2019-12-31')
      assert.deepEqual(
        q3of2019?.posts.map((p) => p.status),
        ['permanent', 'permanent', 'permanent'],
      )
      assert.equal(await loadLeadershipSection(database.db, bradfordId, quarterOf('2017-10-01'), '2017-12-31'), null)
    })

    it('lets the Board read but not change; shows nothing to viewers; keeps councils apart', async () => {
      const dcs = await postId(bradfordId, DCS)
      for (const url of [P.leadership(B), P.leadershipCsv(B), P.leadershipPostChanges(B, dcs)])
        assert.equal((await board.get(url)).status, 200, url)
      for (const url of [P.newLeadershipPost(B), P.editLeadershipPost(B, dcs), P.leadershipObjectives(B)])
        assert.equal((await board.get(url)).status, 403, url)
      const change = await postForm(board, P.leadership(B), P.leadershipPostChanges(B, dcs), {
        status: 'permanent',
        ...dateFields('startsOn', today),
      })
      assert.equal(change.status, 403)
      assert.equal((await periodsOf(dcs)).length, 5)
      for (const url of [P.leadership(B), P.leadershipCsv(B), P.leadershipPostChanges(B, dcs)])
        assert.equal((await viewer.get(url)).status, 403, url)

      for (const url of [P.leadershipPostChanges(N, dcs), P.editLeadershipPost(N, dcs)])
        assert.equal((await northfield.get(url)).status, 404, url)
      const post = await postForm(northfield, P.leadership(N), P.leadershipPostChanges(N, dcs), {
        status: 'vacant',
        ...dateFields('startsOn', today),
      })
      assert.equal(post.status, 404)
      assert.equal((await periodsOf(dcs)).length, 5)
      const theirs = await northfield.get(P.leadership(N))
      assert.equal(theirs.status, 200)
      assert.doesNotMatch(theirs.text, /Children’s Social Care|Education and Learning/)
      assert.match(theirs.text, /Head of Service, Quality Assurance/)
      assert.match(theirs.text, /data-qa="share-permanent">88%</)
      // For the hub: Northfield's 8 posts with 2 + 4 + 2 + 1 + 3 + 4 + 1 + 3 = 20 periods, the latest 2 months ago.
      const overview = await leadershipOverview(database.db, northfieldId)
      assert.deepEqual([overview.posts, overview.periods, overview.latestChangeOn], [8, 20, addMonths(today, -2)])
      assert.ok(overview.lastRecordedAt instanceof Date)
      assert.equal((await team.get(P.leadershipPostChanges(B, 999_999))).status, 404)
      assert.equal((await team.get('/councils/bradford/practice/leadership/posts/abc/changes')).status, 404)
    })
  })
}
