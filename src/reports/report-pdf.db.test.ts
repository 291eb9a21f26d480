// Report PDFs over HTTP with a fake printer: a published report's PDF is printed once and kept (for the
// council's edition and the public edition apart), a draft's every time, and a crowd is told to try again.
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import request from 'supertest'
import type { DatabaseHandle } from '../db/connect.js'
import type { PdfHeader, PdfPrinter } from '../exports/chromium.js'
import { testDatabaseKinds } from '../test-support/databases.js'
import { buildTestApp, signedIn } from '../test-support/http.js'
import { paths } from '../web/paths.js'

const P = paths.council
const B = 'bradford'

/** A printer that counts what it prints and returns a PDF saying which print it was. */
function countingPrinter() {
  const printed: { html: string; header: PdfHeader }[] = []
  const printer: PdfPrinter = async (html, header) => {
    printed.push({ html, header })
    await new Promise((resolve) => setTimeout(resolve, 20))
    return Buffer.from(`%PDF-1.7 fake print ${printed.length}`)
  }
  return { printer, printed }
}

/** supertest's binary body. */
function binary(req: request.Test) {
  return req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = []
    res.on('data', (c: Buffer) => chunks.push(c))
    res.on('end', () => done(null, Buffer.concat(chunks)))
  })
}

for (const kind of testDatabaseKinds()) {
  describe(`report PDFs on ${kind.name}`, () => {
    let database: DatabaseHandle
    let draftId: number
    let publishedId: number

    before(async () => {
      database = await kind.openDemo()
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

    it('prints a published report once, however often and however many at once ask for it', async () => {
      const { printer, printed } = countingPrinter()
      const app = buildTestApp(database.db, () => {}, {}, { pdfPrinter: printer })
      const viewer = await signedIn(app, 'councillor@bradford.example')
      const url = P.reportExport(B, publishedId, 'pdf')
      // Three at once: one print, the others wait for it.
      const first = await Promise.all([1, 2, 3].map(() => binary(viewer.get(url)).expect(200)))
      assert.equal(printed.length, 1)
      assert.deepEqual(
        first.map((r) => (r.body as Buffer).toString()),
        Array(3).fill('%PDF-1.7 fake print 1'),
      )
      assert.match(printed[0]!.html, /progress report/)
      // Asked again, and by another app (another process sharing the database): served from what was kept.
      const again = await binary(viewer.get(url)).expect(200).expect('Content-Type', 'application/pdf')
      assert.equal((again.body as Buffer).toString(), '%PDF-1.7 fake print 1')
      const other = countingPrinter()
      const otherApp = buildTestApp(database.db, () => {}, {}, { pdfPrinter: other.printer })
      const board = await signedIn(otherApp, 'board@bradford.example')
      assert.equal(((await binary(board.get(url)).expect(200)).body as Buffer).toString(), '%PDF-1.7 fake print 1')
      assert.equal(printed.length, 1)
      assert.equal(other.printed.length, 0)

      // The public edition leaves out what is not for the public: kept apart from the council's.
      const publicUrl = paths.publicReportPdf(B, publishedId)
      const pub = await binary(request(app).get(publicUrl)).expect(200)
      assert.equal((pub.body as Buffer).toString(), '%PDF-1.7 fake print 2')
      await binary(request(app).get(publicUrl)).expect(200)
      assert.equal(printed.length, 2)
      const kept = await database.db
        .selectFrom('report_file')
        .select(['edition'])
        .where('report_id', '=', publishedId)
        .orderBy('edition')
        .execute()
      assert.deepEqual(
        kept.map((k) => k.edition),
        ['council', 'public'],
      )
    })

    it('prints a draft every time it is asked for, and keeps none', async () => {
      const { printer, printed } = countingPrinter()
      const app = buildTestApp(database.db, () => {}, {}, { pdfPrinter: printer })
      const team = await signedIn(app, 'improvement@bradford.example')
      const url = P.reportExport(B, draftId, 'pdf')
      await binary(team.get(url)).expect(200)
      await binary(team.get(url)).expect(200)
      assert.equal(printed.length, 2)
      const kept = await database.db
        .selectFrom('report_file')
        .select('edition')
        .where('report_id', '=', draftId)
        .execute()
      assert.deepEqual(kept, [])
    })

    it('tells a request that finds the queue full to try again in a minute, offering the other versions', async () => {
      let release!: () => void
      const released = new Promise<void>((resolve) => (release = resolve))
      let started = 0
      const slow: PdfPrinter = async () => {
        started++
        await released
        return Buffer.from('%PDF-1.7 slow')
      }
      const app = buildTestApp(database.db, () => {}, { pdfConcurrency: 1, pdfMaxWaiting: 0 }, { pdfPrinter: slow })
      const team = await signedIn(app, 'improvement@bradford.example')
      const url = P.reportExport(B, draftId, 'pdf')
      const printing = binary(team.get(url)).then((r) => r)
      while (started === 0) await new Promise((resolve) => setTimeout(resolve, 10))

      try {
        const busy = await team.get(url).timeout(10_000)
        assert.equal(busy.status, 503)
        assert.equal(busy.headers['retry-after'], '60')
        assert.match(busy.text, /Too many PDFs are being made right now/)
        assert.match(busy.text, /Try again in a minute/)
        assert.match(busy.text, new RegExp(`href="${P.reportExport(B, draftId, 'docx')}"`))
        assert.match(busy.text, new RegExp(`href="${P.reportExport(B, draftId, 'xlsx')}"`))
        assert.match(busy.text, new RegExp(`href="${P.reportPrint(B, draftId)}"`))
        // The refused request printed nothing.
        assert.equal(started, 1)
      } finally {
        release()
      }
      assert.equal((await printing).status, 200)
      await binary(team.get(url)).expect(200)
      assert.equal(started, 2)
    })
  })
}
