// A published report is rendered once: its Word document and Excel annex are made on the first download and kept
// in the database (served from there by any of the app's processes), and its pages are rendered once and kept in
// memory. A draft is made and rendered on every request, so a change to it shows at once; a correction published
// supersedes the report, whose files and pages are then made afresh, saying so. (Its PDF: report-pdf.db.test.ts.)
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import JSZip from 'jszip'
import request from 'supertest'
import type { DatabaseHandle } from '../db/connect.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, postForm, signedIn, type Agent } from '../test-support/http.js'
import { paths } from '../web/paths.js'
import { forgetServedFiles } from './report-file-cache.js'
import { reportPagesRendered } from './report-page-cache.js'

const P = paths.council
const B = 'bradford'

/** supertest's binary body. */
function binary(req: request.Test) {
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = []
    res.on('data', (c: Buffer) => chunks.push(c))
    res.on('end', () => done(null, Buffer.concat(chunks)))
  })
}

/** The text of a Word document's body. */
async function wordText(docx: Buffer): Promise<string> {
  const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string')
  return xml.replace(/<[^>]+>/g, '')
}

for (const kind of testDatabaseKinds()) {
  describe(`a published report rendered once on ${kind.name}`, () => {
    let database: DatabaseHandle
    let app: ReturnType<typeof buildTestApp>
    let team: Agent
    let publishedId: number
    let draftId: number

    before(async () => {
      database = await kind.openDemo()
      app = buildTestApp(database.db)
      team = await signedIn(app, 'improvement@bradford.example')
      const reports = await database.db
        .selectFrom('report')
        .innerJoin('organisation', 'organisation.id', 'report.organisation_id')
        .selectAll('report')
        .where('organisation.slug', '=', B)
        .execute()
      publishedId = reports.find((r) => r.status === 'published' && r.public_at)!.id
      draftId = reports.find((r) => r.status === 'draft')!.id
    })
    after(() => database.close())

    const keptFiles = (reportId: number) =>
      database.db
        .selectFrom('report_file')
        .select(['edition', 'format', 'body'])
        .where('report_id', '=', reportId)
        .orderBy('format')
        .execute()

    it('makes its Word document and Excel annex once, then serves them from the database', async () => {
      const word = await binary(team.get(P.reportExport(B, publishedId, 'docx'))).expect(200)
      const excel = await binary(team.get(P.reportExport(B, publishedId, 'xlsx'))).expect(200)
      const kept = await keptFiles(publishedId)
      assert.deepEqual(
        kept.map((k) => `${k.edition} ${k.format}`),
        ['council docx', 'council xlsx'],
      )
      assert.deepEqual(Buffer.from(kept[0]!.body), word.body)
      assert.deepEqual(Buffer.from(kept[1]!.body), excel.body)
      assert.match(await wordText(word.body as Buffer), /progress report/)

      // Served again from this process's memory, without asking the database.
      assert.deepEqual((await binary(team.get(P.reportExport(B, publishedId, 'docx'))).expect(200)).body, word.body)
      // What is kept is what is served, without making it again: put something else in its place and ask again, as
      // another process sharing the database would (without the files this one remembers).
      forgetServedFiles()
      await database.db
        .updateTable('report_file')
        .set({ body: Buffer.from('kept Word document') })
        .where('report_id', '=', publishedId)
        .where('format', '=', 'docx')
        .execute()
      const again = await binary(team.get(P.reportExport(B, publishedId, 'docx'))).expect(200)
      assert.equal((again.body as Buffer).toString(), 'kept Word document')
      const other = await signedIn(buildTestApp(database.db), 'councillor@bradford.example')
      const elsewhere = await binary(other.get(P.reportExport(B, publishedId, 'docx'))).expect(200)
      assert.equal((elsewhere.body as Buffer).toString(), 'kept Word document')
    })

    it('renders its page, printable page and public edition once, and the same as before they were kept', async () => {
      const firstTime = reportPagesRendered()
      const page = await team.get(P.report(B, publishedId)).expect(200)
      const print = await team
        .get(P.reportPrint(B, publishedId))
        .expect(200)
        .expect('Content-Type', /text\/html/)
      const pub = await request(app).get(paths.publicReport(B, publishedId)).expect(200)
      assert.equal(reportPagesRendered(), firstTime + 3)
      for (const html of [page.text, print.text, pub.text]) {
        assert.match(html, /data-qa="cover"[\s\S]*data-qa="contents"/)
        assert.match(html, /<h2 class="govuk-heading-l" id="practice">Evidence from practice<\/h2>/)
      }
      assert.match(page.text, /data-qa="frozen"/, 'the page around the sections is still drawn')
      assert.match(pub.text, /Partners' contributions are discussed with the partners/)

      // Asked again, by anyone: served as kept, and the same.
      const councillor = await signedIn(app, 'councillor@bradford.example')
      const again = [
        await councillor.get(P.report(B, publishedId)).expect(200),
        await councillor.get(P.reportPrint(B, publishedId)).expect(200),
        await request(app).get(paths.publicReport(B, publishedId)).expect(200),
      ]
      assert.equal(reportPagesRendered(), firstTime + 3)
      assert.equal(again[1]!.text, print.text)
      assert.equal(again[2]!.text.replace(/nonce="[^"]+"/g, ''), pub.text.replace(/nonce="[^"]+"/g, ''))
      // The report's sections, from its cover to what the reader may do with it (which is theirs).
      const sections = (html: string) =>
        html
          .slice(html.indexOf('data-qa="cover"'), html.indexOf('</main>'))
          .split('<h2 class="govuk-heading-m govuk-!-margin-top-8" id="approval">')[0]!
          .trimEnd()
      assert.equal(sections(again[0]!.text), sections(page.text))
    })

    it('makes and renders a draft every time, so that a change shows at once, and keeps none of it', async () => {
      const before = reportPagesRendered()
      const url = P.reportExport(B, draftId, 'docx')
      await binary(team.get(url)).expect(200)
      const saved = await postForm(team, P.report(B, draftId), P.reportNarrative(B, draftId), {
        summary: 'Caseloads fell below twenty for the first time this quarter',
        recommendations: '',
        decisions: '',
        decisionsFollowUp: '',
      })
      assert.equal(saved.status, 302)
      const word = await binary(team.get(url)).expect(200)
      assert.match(await wordText(word.body as Buffer), /Caseloads fell below twenty for the first time this quarter/)
      assert.match(
        (await team.get(P.reportPrint(B, draftId)).expect(200)).text,
        /Caseloads fell below twenty for the first time this quarter/,
      )
      assert.deepEqual(await keptFiles(draftId), [])
      assert.equal(reportPagesRendered(), before, 'nothing of a draft is kept')
    })

    it('makes the files and pages afresh once a correction supersedes the report', async () => {
      const director = await signedIn(app, 'director@bradford.example')
      const started = await postForm(team, P.correctReport(B, publishedId), P.correctReport(B, publishedId), {
        reason: 'A figure for March was misread',
      })
      assert.equal(started.status, 302)
      const correction = Number(started.headers.location!.split('/').pop())
      for (const [agent, step] of [
        [team, P.submitReport(B, correction)],
        [director, P.approveReport(B, correction)],
        [team, P.publishReport(B, correction)],
      ] as const)
        assert.equal((await postForm(agent, P.report(B, correction), step, {})).status, 302, step)

      const before = reportPagesRendered()
      // The superseded report's Word document is made again (not the one kept while it was in force), and says so.
      const old = await binary(team.get(P.reportExport(B, publishedId, 'docx'))).expect(200)
      assert.notEqual((old.body as Buffer).toString(), 'kept Word document')
      assert.match(await wordText(old.body as Buffer), /superseded by a correction/)
      const oldPrint = await team.get(P.reportPrint(B, publishedId)).expect(200)
      assert.match(oldPrint.text, /superseded by a correction/)
      assert.equal(reportPagesRendered(), before + 1)
      // The correction, published, is a report of its own: made and rendered once too.
      const newer = await binary(team.get(P.reportExport(B, correction, 'docx'))).expect(200)
      assert.match(await wordText(newer.body as Buffer), /Revision 2/)
      await team.get(P.reportPrint(B, correction)).expect(200)
      await team.get(P.reportPrint(B, correction)).expect(200)
      assert.equal(reportPagesRendered(), before + 2)
      assert.deepEqual(
        (await keptFiles(correction)).map((k) => `${k.edition} ${k.format}`),
        ['council docx'],
      )
    })
  })
}
