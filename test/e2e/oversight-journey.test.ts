// Intervention and scrutiny in a real browser, in the demo's Bradford with Ofsted's published data loaded: the
// improvement team reads the 2018 Notice's compliance view (every paragraph, its evidence, the overdue one
// flagged); opens the February 2020 monitoring visit, whose findings name the objectives that answer them and
// which are closed; links the one finding nothing answered to an objective and closes it with evidence;
// drafts a self-assessment, writes it, submits it (frozen) and downloads it in Word and PDF; and reads the
// timeline from the 2018 inspection on. Axe on each page.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { describe, it } from 'node:test'
import JSZip from 'jszip'
import { browserJourneys, expectNoAxeViolations, testDatabaseKinds } from './support.js'
import { paths } from '../../src/web/paths.js'
import { submit, textOf, verifyHeading } from './pages/abstract-page.js'
import { OVERSIGHT_JOURNEY_TEST } from './accessibility-pages.js'

const P = paths.council
const B = 'bradford'
const TEAM = 'improvement@bradford.example'
/** The paragraphs of the 2018 Notice that ask something of the council, in the Notice's order. */
const NOTICE_PARAGRAPHS = ['3', '4', '5a', '5b', '5c', '5d', '5e', '9', '10', '11']

for (const kind of testDatabaseKinds()) {
  describe(`intervention and scrutiny in the browser on ${kind.name}`, () => {
    const journeys = browserJourneys(kind, { national: true })

    it(OVERSIGHT_JOURNEY_TEST, async () => {
      const db = journeys.app.database.db
      const team = await journeys.newPage(TEAM)

      // The overview, reached from the navigation, leads to the Notice's compliance view.
      await team.goto(P.home(B))
      await submit(team, team.getByRole('link', { name: 'Oversight', exact: true }).first())
      await verifyHeading(team, 'Oversight')
      await expectNoAxeViolations(team, 'the oversight overview')
      await submit(team, team.locator('[data-qa="intervention-row"] a', { hasText: 'Improvement Notice' }).first())
      await verifyHeading(team, /Improvement Notice/)
      await expectNoAxeViolations(team, 'the compliance view')
      const rows = team.locator('[data-qa="requirement-row"]')
      const paragraphs = (await rows.locator('th').allTextContents()).map((t) => t.trim())
      assert.deepEqual(paragraphs, NOTICE_PARAGRAPHS, 'every paragraph, in the Notice’s order')
      const rowOf = (paragraph: string) =>
        rows.filter({ has: team.locator('th', { hasText: new RegExp(`^\\s*${paragraph}\\s*$`) }) })
      assert.match(await textOf(rowOf('5b')), /progress report/, '5b shows the reports that evidence it')
      assert.match(await textOf(rowOf('11')), /Overdue/, 'the plan was to be delivered by April 2020')
      assert.match(await textOf(rowOf('9')), /No evidence linked/)
      const csv = await team.request.get((await team.locator('[data-qa="compliance-csv"]').getAttribute('href')) ?? '')
      assert.equal(csv.status(), 200)
      const csvText = await csv.text()
      assert.equal(csvText.trim().split(/\r?\n/).length, NOTICE_PARAGRAPHS.length + 1, 'a header and a row each')

      // The February 2020 monitoring visit: its findings name what answers them, and say which are closed.
      await team.goto(P.oversightEvents(B))
      await verifyHeading(team, 'Inspections, visits and reviews')
      await expectNoAxeViolations(team, 'inspections, visits and reviews')
      await submit(team, team.locator('[data-qa="event-row"]', { hasText: '25 February 2020' }).locator('a').first())
      await expectNoAxeViolations(team, 'the February 2020 visit')
      const themes = await textOf(team.locator('[data-qa="event-themes"]'))
      assert.match(themes, /permanence/i)
      const findings = team.locator('[data-qa="finding-row"]')
      const states = await findings.locator('[data-qa="finding-state"]').allTextContents()
      assert.ok(
        states.some((s) => /Closed/.test(s)),
        `one finding is closed (${states.join(', ')})`,
      )
      assert.ok(
        states.some((s) => /No linked action/.test(s)),
        'one finding has nothing answering it yet',
      )
      const linkedRow = findings.filter({ hasText: 'Timely permanence' }).first()
      assert.ok((await linkedRow.count()) > 0, 'a finding names the objective on timely permanence that answers it')

      // The finding nothing answered: link an objective, and close it with the evidence.
      await submit(team, findings.filter({ hasText: 'No linked action' }).first().locator('a').first())
      await expectNoAxeViolations(team, 'a finding with no linked action')
      assert.match(await textOf(team.locator('[data-qa="item-state"]')), /No linked action/)
      const findingUrl = team.url()
      await submit(team, team.locator('[data-qa="close"]'))
      assert.match(await textOf(team.locator('.govuk-error-summary')), /Link the objective or milestone/)
      await expectNoAxeViolations(team, 'closing refused without a link')
      const objectiveOption = await team
        .locator('[data-qa="link-select"] option[value^="objective:"]')
        .first()
        .getAttribute('value')
      assert.ok(objectiveOption, 'an objective can be chosen')
      await team.locator('[data-qa="link-select"]').selectOption(objectiveOption)
      await submit(team, team.locator('[data-qa="add-link"]'))
      assert.equal(team.url(), new URL(findingUrl).href)
      assert.match(await textOf(team.locator('[data-qa="flash"]')), /Link added/)
      assert.doesNotMatch(await textOf(team.locator('[data-qa="item-state"]')), /No linked action/)
      await team
        .getByLabel(/Evidence that it is/)
        .fill('The case-file audit in March showed most children now had a permanence plan.')
      await submit(team, team.locator('[data-qa="close"]'))
      assert.match(await textOf(team.locator('[data-qa="item-state"]')), /Closed/)

      // A self-assessment: drafted from the data, written, submitted and frozen, then downloaded.
      await team.goto(P.selfAssessments(B))
      await verifyHeading(team, 'Self-assessments')
      await submit(team, team.locator('[data-qa="start-self-assessment"]'))
      await verifyHeading(team, 'Start a self-assessment')
      await team.getByLabel('Title').fill('Self-assessment before the walk’s review')
      await submit(team, team.locator('[data-qa="save-self-assessment"]'))
      await verifyHeading(team, 'Self-assessment before the walk’s review')
      await expectNoAxeViolations(team, 'a draft self-assessment')
      assert.ok((await team.locator('[data-qa="delivery"]').count()) > 0, 'objectives carry their delivery ratings')
      const overview = 'Leaders now know where practice is weak; permanence for children in care is our first priority.'
      await team.locator('#overview').fill(overview)
      await submit(team, team.locator('[data-qa="save-narrative"]'))
      assert.equal(await team.locator('#overview').inputValue(), overview)
      await submit(team, team.locator('[data-qa="submit-self-assessment"]'))
      await verifyHeading(team, 'Submit the self-assessment')
      await expectNoAxeViolations(team, 'submitting a self-assessment')
      await submit(team, team.locator('[data-qa="confirm-submit"]'))
      assert.match(await textOf(team.locator('[data-qa="status"]')), /Submitted/)
      assert.equal(await team.locator('[data-qa="narrative-form"]').count(), 0, 'frozen: no form to change it')
      assert.match(await textOf(team.locator('[data-qa="narrative-overview"]')), /permanence for children in care/)

      const word = await team.request.get((await team.locator('[data-qa="export-docx"]').getAttribute('href')) ?? '')
      assert.equal(word.status(), 200)
      const zip = await JSZip.loadAsync(await word.body())
      const documentXml = await zip.file('word/document.xml')!.async('string')
      assert.match(documentXml, /permanence for children in care is our first priority/)
      const pdf = await team.request.get((await team.locator('[data-qa="export-pdf"]').getAttribute('href')) ?? '')
      assert.equal(pdf.status(), 200)
      const pdfBody = await pdf.body()
      assert.equal(pdfBody.subarray(0, 5).toString(), '%PDF-')
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'oversight-journey-')), 'sa.pdf')
      fs.writeFileSync(file, pdfBody)
      const pdfText = execFileSync('pdftotext', [file, '-']).toString().replace(/\s+/g, ' ')
      assert.match(pdfText, /permanence for children in care is our first priority/)

      // A later edit to the plan leaves the submitted self-assessment as it was.
      const [objectiveId] = objectiveOption.split(':').slice(1).map(Number)
      const before = await db
        .selectFrom('objective')
        .select('title')
        .where('id', '=', objectiveId!)
        .executeTakeFirstOrThrow()
      await db
        .updateTable('objective')
        .set({ title: 'Renamed after submission' })
        .where('id', '=', objectiveId!)
        .execute()
      await team.reload()
      assert.doesNotMatch(await textOf(team.locator('main')), /Renamed after submission/)
      await db.updateTable('objective').set({ title: before.title }).where('id', '=', objectiveId!).execute()

      // The timeline tells the story from the 2018 inspection on, and filters.
      await team.goto(P.timeline(B))
      await verifyHeading(team, 'Timeline')
      await expectNoAxeViolations(team, 'the timeline')
      const entries = await team.locator('[data-qa="timeline-entry"]').allTextContents()
      const at = (pattern: RegExp) => entries.findIndex((e) => pattern.test(e))
      const inspection = at(/Standard inspection/)
      const notice = at(/Improvement Notice issued/)
      const visit = at(/February 2020/)
      const direction = at(/Statutory Direction issued/)
      assert.ok(inspection >= 0 && notice > inspection, 'the 2018 inspection, then the Notice')
      assert.ok(visit > notice && direction > visit, 'the February 2020 visit, then the 2021 Direction')
      assert.ok(at(/Improvement Board/) > direction, 'Board meetings follow')
      await team.goto(`${P.timeline(B)}?type=inspection&from=2018&to=2018`)
      const filtered = await team.locator('[data-qa="timeline-entry"]').allTextContents()
      assert.ok(filtered.length >= 1 && filtered.every((e) => !/Improvement Notice issued/.test(e)), 'only inspections')
    })
  })
}
