// The timeline: entries from every source appear for the council (events, Ofsted's published data, the Notice
// and its requirements, Board meetings and decisions, reports, closed findings), filters narrow them, the CSV
// holds exactly the page's rows, a bad year is explained rather than failing, and another council's records
// never appear.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { organisationIdOf } from '../test-support/demo-ids.js'
import { buildTestApp, signedIn, type Agent } from '../test-support/http.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'
const N = 'northfield'

interface PageEntry {
  type: string
  date: string
  title: string
  href: string
}

/** The entries of a timeline page, in the page's order. */
function pageEntries(html: string): PageEntry[] {
  const rows = [
    ...html.matchAll(/<tr class="govuk-table__row" data-qa="timeline-entry" data-type="([^"]+)">([\s\S]*?)<\/tr>/g),
  ]
  return rows.map((m) => {
    const cell = m[2]!
    const date = /app-nowrap">([^<]+)<\/td>/.exec(cell)?.[1]?.trim() ?? ''
    const link = /<a class="govuk-link" href="([^"]+)">([^<]*)<\/a>/.exec(cell)
    return { type: m[1]!, date, href: link?.[1] ?? '', title: unescape(link?.[2] ?? '') }
  })
}

function unescape(html: string): string {
  return html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

/** Parses the CSV this app writes (RFC 4180, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (c === '"') quoted = false
      else cell += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(cell)
      cell = ''
    } else if (c === '\r') continue
    else if (c === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else cell += c
  }
  return rows
}

for (const kind of testDatabaseKinds()) {
  describe(`the timeline on ${kind.name}`, () => {
    let database: DatabaseHandle
    let team: Agent
    let board: Agent
    let viewer: Agent
    let partner: Agent
    let northfield: Agent
    const ids = { event: 0, planned: 0, intervention: 0, requirement: 0, meeting: 0, finding: 0, northfieldMeeting: 0 }

    before(async () => {
      database = await kind.openDemo({ national: true })
      const db = database.db
      const app = buildTestApp(db)
      team = await signedIn(app, 'improvement@bradford.example')
      board = await signedIn(app, 'board@bradford.example')
      viewer = await signedIn(app, 'councillor@bradford.example')
      partner = await signedIn(app, 'partner@partner.example')
      northfield = await signedIn(app, 'admin@northfield.example')
      const bradford = await organisationIdOf(db, B)
      const north = await organisationIdOf(db, N)
      const laCode = (
        await db.selectFrom('organisation').select('la_code').where('id', '=', bradford).executeTakeFirstOrThrow()
      ).la_code
      assert.ok(laCode, 'the demo links Bradford to its local authority')

      // Our own story in 2011, a year the demo does not use: an inspection Ofsted's data also holds, the
      // Notice issued the same day, a requirement due and met, a meeting with two decisions, a closed finding.
      await db
        .insertInto('ofsted_inspection')
        .values([
          {
            area_code: laCode,
            kind: 'standard inspection',
            started_on: '2011-02-03',
            overall: 'inadequate',
            source: 'test',
          },
          {
            area_code: laCode,
            kind: 'focused visit',
            started_on: '2011-08-09',
            published_on: '2011-09-20',
            source: 'test',
          },
        ])
        .execute()
      ids.event = (
        await db
          .insertInto('oversight_event')
          .values({
            organisation_id: bradford,
            kind: 'inspection',
            inspection_type: 'standard',
            title: 'Test inspection of children’s services',
            starts_on: '2011-02-03',
            ends_on: '2011-02-14',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      ids.planned = (
        await db
          .insertInto('oversight_event')
          .values({
            organisation_id: bradford,
            kind: 'dfe-review',
            title: 'Test review',
            state: 'planned',
            starts_on: '2011-11-01',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      ids.intervention = (
        await db
          .insertInto('intervention')
          .values({
            organisation_id: bradford,
            kind: 'improvement-notice',
            title: 'Test notice to improve',
            issued_on: '2011-02-03',
            issued_by: 'Department for Education',
            overseer_role: 'adviser',
            ended_on: '2011-12-20',
            ended_note: 'Test notice lifted',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      ids.requirement = (
        await db
          .insertInto('intervention_requirement')
          .values({
            intervention_id: ids.intervention,
            paragraph: '7z',
            title: 'Test requirement',
            due_on: '2011-06-30',
            position: 1,
            closed_on: '2011-07-04',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      ids.meeting = (
        await db
          .insertInto('board_meeting')
          .values({ organisation_id: bradford, held_on: '2011-03-10', title: 'Test Board meeting' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      await db
        .insertInto('board_decision')
        .values([
          { meeting_id: ids.meeting, position: 1, text: 'Test decision one' },
          { meeting_id: ids.meeting, position: 2, text: 'Test decision two' },
        ])
        .execute()
      ids.finding = (
        await db
          .insertInto('oversight_finding')
          .values({
            event_id: ids.event,
            kind: 'recommendation',
            reference: 'T1',
            text: 'Test recommendation',
            position: 1,
            closed_on: '2011-10-05',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
      // Another council's meeting in the same year.
      ids.northfieldMeeting = (
        await db
          .insertInto('board_meeting')
          .values({ organisation_id: north, held_on: '2011-03-10', title: 'Northfield private meeting' })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id
    })
    after(() => database.close())

    it('tells 2011’s story from every source, in order, on the same day the inspection before the Notice', async () => {
      const page = await team.get(`${P.timeline(B)}?from=2011&to=2011`)
      assert.equal(page.status, 200)
      const entries = pageEntries(page.text)
      assert.deepEqual(
        entries.map((e) => [e.date, e.type, e.title, e.href]),
        [
          ['3 February 2011', 'inspection', 'Test inspection of children’s services', P.oversightEvent(B, ids.event)],
          [
            '3 February 2011',
            'intervention',
            'Improvement Notice issued by the Department for Education',
            P.intervention(B, ids.intervention),
          ],
          ['10 March 2011', 'meeting', 'Test Board meeting', P.boardMeeting(B, ids.meeting)],
          ['10 March 2011', 'decision', 'Test decision one', P.boardMeeting(B, ids.meeting)],
          ['10 March 2011', 'decision', 'Test decision two', P.boardMeeting(B, ids.meeting)],
          ['30 June 2011', 'requirement-due', 'Requirement 7z due', P.requirement(B, ids.requirement)],
          ['4 July 2011', 'requirement-met', 'Requirement 7z met', P.requirement(B, ids.requirement)],
          ['9 August 2011', 'visit', 'Focused visit', P.inspections(B)],
          ['5 October 2011', 'finding-closed', 'Recommendation T1 closed', P.finding(B, ids.finding)],
          ['1 November 2011', 'review', 'Test review', P.oversightEvent(B, ids.planned)],
          ['20 December 2011', 'intervention', 'Improvement Notice ended', P.intervention(B, ids.intervention)],
        ],
      )
      assert.match(page.text, /Overall judgement: Inadequate/, 'the judgement read from Ofsted’s record it matches')
      assert.match(page.text, /From Ofsted’s published data/)
      assert.match(page.text, /<strong class="govuk-tag govuk-tag--grey">Planned<\/strong>/)
      assert.match(page.text, /data-qa="timeline-year">2011</)
      assert.doesNotMatch(page.text, /Northfield private meeting/)
    })

    it('shows the demo’s published reports and groups the whole story by year, oldest first', async () => {
      const page = await board.get(P.timeline(B))
      assert.equal(page.status, 200)
      const entries = pageEntries(page.text)
      const reports = entries.filter((e) => e.type === 'report')
      assert.ok(reports.length > 0, 'the Bradford demo has published reports')
      assert.ok(reports.every((r) => /progress report published|Public edition/.test(r.title)))
      assert.ok(reports.some((r) => r.href.startsWith(`${P.reports(B)}/`)))
      const years = [...page.text.matchAll(/data-qa="timeline-year">(\d{4})</g)].map((m) => Number(m[1]))
      assert.deepEqual(
        years,
        [...years].sort((a, b) => a - b),
      )
      assert.equal(new Set(years).size, years.length, 'one heading a year')
      assert.equal(years[0], 2011, 'our 2011 story comes first')
      for (const e of entries) {
        assert.ok(
          e.href.startsWith('/councils/bradford/') || e.href.startsWith('/public/bradford/'),
          `${e.title} links inside Bradford: ${e.href}`,
        )
      }
      assert.doesNotMatch(page.text, /Northfield private meeting/)
    })

    it('narrows to the chosen types and years, newest first when asked', async () => {
      const page = await team.get(`${P.timeline(B)}?type=meeting&type=decision&from=2011&to=2011&order=newest`)
      assert.equal(page.status, 200)
      const entries = pageEntries(page.text)
      assert.deepEqual(
        entries.map((e) => e.title),
        ['Test Board meeting', 'Test decision one', 'Test decision two'],
      )
      assert.match(
        page.text,
        /<input class="govuk-checkboxes__input" id="type-6" name="type" type="checkbox" value="meeting" checked>/,
      )
      assert.match(page.text, /data-qa="timeline-count">3 of \d+ entries/)
      const all = pageEntries((await team.get(`${P.timeline(B)}?type=meeting&type=decision`)).text)
      assert.ok(all.length > 3, 'the demo’s meetings too')
      assert.ok(all.every((e) => e.type === 'meeting' || e.type === 'decision'))
    })

    it('explains a year it cannot read instead of failing', async () => {
      const page = await team.get(`${P.timeline(B)}?from=twenty&to=2011`)
      assert.equal(page.status, 400)
      assert.match(page.text, /There is a problem/)
      assert.match(page.text, /The ‘from’ year must be a year in 4 digits, like 2018/)
      assert.match(page.text, /href="#from"/)
      assert.match(page.text, /name="from" type="text" spellcheck="false" value="twenty"/)
      assert.ok(
        pageEntries(page.text).every((e) => e.date.endsWith('2011') || !e.date),
        'the year it could read still applies',
      )
      const backwards = await team.get(`${P.timeline(B)}?from=2012&to=2011`)
      assert.equal(backwards.status, 400)
      assert.match(backwards.text, /The ‘to’ year must be the same as or after the ‘from’ year/)
      const csv = await team.get(`${P.timelineCsv(B)}?from=18`)
      assert.equal(csv.status, 400)
      assert.match(csv.text, /The ‘from’ year must be a year in 4 digits/)
    })

    it('downloads the same rows as the page, filtered the same way', async () => {
      for (const query of ['', '?from=2011&to=2011', '?type=report&type=inspection&order=newest']) {
        const page = await team.get(`${P.timeline(B)}${query}`)
        const csv = await team.get(`${P.timelineCsv(B)}${query}`)
        assert.equal(csv.status, 200)
        assert.match(String(csv.headers['content-type']), /^text\/csv/)
        assert.match(
          String(csv.headers['content-disposition']),
          /attachment; filename="?timeline-bradford-\d{4}-\d{2}-\d{2}\.csv"?/,
        )
        const [header, ...rows] = parseCsv(csv.text)
        assert.deepEqual(header, ['date', 'type', 'title', 'detail', 'link'])
        const entries = pageEntries(page.text)
        assert.equal(rows.length, entries.length, `same number of rows for "${query}"`)
        assert.deepEqual(
          rows.map((r) => [r[2], r[4]]),
          entries.map((e) => [e.title, e.href]),
        )
        assert.ok(rows.every((r) => /^\d{4}-\d{2}-\d{2}$/.test(r[0]!)))
        if (query) assert.match(page.text, new RegExp(`href="${P.timelineCsv(B)}\\?`))
      }
      const [, ...year] = parseCsv((await team.get(`${P.timelineCsv(B)}?from=2011&to=2011`)).text)
      assert.deepEqual(year[0], [
        '2011-02-03',
        'Inspection',
        'Test inspection of children’s services',
        'Standard inspection. 3 February 2011 to 14 February 2011. Overall judgement: Inadequate',
        P.oversightEvent(B, ids.event),
      ])
      assert.ok(year.some((r) => r[3] === 'From Ofsted’s published data. Report published 20 September 2011'))
    })

    it('never shows one council’s records to another', async () => {
      const page = await northfield.get(`${P.timeline(N)}?from=2011&to=2011`)
      assert.equal(page.status, 200)
      assert.deepEqual(
        pageEntries(page.text).map((e) => e.title),
        ['Northfield private meeting'],
      )
      const csv = await northfield.get(P.timelineCsv(N))
      assert.doesNotMatch(csv.text, /Test |\/councils\/bradford|\/public\/bradford/)
      assert.equal((await northfield.get(P.timeline(B))).status, 404)
      assert.equal((await northfield.get(P.timelineCsv(B))).status, 404)
    })

    it('is for those who read oversight, not viewers or partners', async () => {
      for (const agent of [viewer, partner]) {
        assert.equal((await agent.get(P.timeline(B))).status, 403)
        assert.equal((await agent.get(P.timelineCsv(B))).status, 403)
      }
    })
  })
}
