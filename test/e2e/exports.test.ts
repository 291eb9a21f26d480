// Report exports, which need Debian's Chromium (PDF printing, chart images in Word), downloaded from the
// report page's links in a signed-in browser: the files parse and hold the report's content.
import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { after, before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import JSZip from 'jszip'
import type { Browser, Page } from 'playwright-core'
import { demoIds } from '../../src/test-support/demo-ids.js'
import { closeSharedBrowser } from '../../src/exports/chromium.js'
import { paths } from '../../src/web/paths.js'
import { launchBrowser, startApp, testDatabaseKinds, type RunningApp } from './support.js'
import { ReportPage, type ReportFormat } from './pages/report-page.js'
import { SignInPage } from './pages/sign-in-page.js'

const P = paths.council
const B = 'bradford'

for (const kind of testDatabaseKinds()) {
  describe(`report exports on ${kind.name}`, () => {
    let app: RunningApp
    let browser: Browser
    let board: Page
    let viewer: Page
    let ids: Awaited<ReturnType<typeof demoIds>>

    before(async () => {
      app = await startApp(kind)
      browser = await launchBrowser()
      ids = await demoIds(app.database.db)
      board = await as('board@bradford.example')
      viewer = await as('councillor@bradford.example')
    })
    after(async () => {
      await closeSharedBrowser()
      await browser?.close()
      await app?.stop()
    })

    async function as(email: string): Promise<Page> {
      const page = await (await browser.newContext({ baseURL: app.baseUrl })).newPage()
      await SignInPage.signInAs(page, email)
      return page
    }

    /** Opens the report and follows its download link for the format. */
    const download = async (page: Page, id: number, format: ReportFormat) => {
      const report = await ReportPage.open(page, B, id)
      const res = await report.download(format)
      assert.equal(res.status(), 200, `${format} returned ${res.status()}`)
      return { res, body: await res.body() }
    }

    it('exports the data annex as XLSX with every measure value shown', async () => {
      const { res, body } = await download(board, ids.publishedReport, 'xlsx')
      assert.match(String(res.headers()['content-disposition']), /bradford-Q2-2022-23-progress-report\.xlsx/)
      const book = new ExcelJS.Workbook()
      await book.xlsx.load(body as unknown as ArrayBuffer)
      assert.deepEqual(
        book.worksheets.map((w) => w.name),
        ['Strand status', 'Measure values'],
      )
      const values = book.getWorksheet('Measure values')!
      const rows = values.getSheetValues().filter(Boolean) as unknown[][]
      assert.deepEqual(rows[0]!.slice(1, 4), ['Strand', 'Measure code', 'Measure'])
      // Q2 2022/23 ends 30 September 2022: the workforce data (to November 2021) are all shown.
      assert.ok(rows.some((r) => r[2] === 'VS-OPEN-CASES' && r[5] === '2021-11-01' && r[7] === 6150))
      assert.equal(book.getWorksheet('Strand status')!.rowCount, 13) // header + 12 strands: 3b joined in January 2023
    })

    it('exports Word with headings, tables and the charts as images with alt text', async () => {
      const { body } = await download(board, ids.publishedReport, 'docx')
      const zip = await JSZip.loadAsync(body)
      const xml = await zip.file('word/document.xml')!.async('string')
      assert.match(xml, /Q2 2022\/23 progress report/)
      assert.match(xml, /Progress at a glance: status of each strand/)
      assert.match(xml, /<w:tbl>/)
      assert.match(xml, /descr="XmR chart of Posts not filled by a permanent social worker \(% of posts\)/)
      const images = Object.keys(zip.files).filter((f) => /^word\/media\/.*\.png$/.test(f))
      assert.ok(images.length >= 8, `${images.length} chart images`)
      const png = await zip.file(images[0]!)!.async('nodebuffer')
      assert.equal(png.subarray(1, 4).toString(), 'PNG')
    })

    it('exports PDF by printing the report in Chromium, with the report text on its pages', async () => {
      const { body } = await download(viewer, ids.publishedReport, 'pdf')
      assert.equal(body.subarray(0, 5).toString(), '%PDF-')
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-')), 'report.pdf')
      fs.writeFileSync(file, body)
      const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
      assert.match(text, /Q2 2022\/23 progress report/)
      assert.match(text, /Slow to progress/)
      assert.match(text, /Strand 8: Workforce/)
    })

    it('never exports a draft to someone who may only see published reports', async () => {
      assert.equal((await viewer.request.get(P.reportExport(B, ids.draftReport, 'xlsx'))).status(), 404)
      assert.equal((await board.request.get(P.reportExport(B, ids.draftReport, 'txt'))).status(), 404)
    })
  })
}
