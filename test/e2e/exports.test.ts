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
        [
          'About',
          'Strand status',
          'Measures',
          'Measure values',
          'Benchmarks',
          'Milestones',
          'Slow to progress',
          'Board actions',
          'Risks',
          'Resources',
          'Partner answers',
        ],
      )
      const values = book.getWorksheet('Measure values')!
      const rows = values.getSheetValues().filter(Boolean) as unknown[][]
      assert.deepEqual(rows[0]!.slice(1, 4), ['Strand', 'Measure code', 'Measure'])
      // Q2 2022/23 ends 30 September 2022: the workforce data (to November 2021) are all shown.
      assert.ok(
        rows.some(
          (r) =>
            r[2] === 'VS-OPEN-CASES' &&
            r[5] instanceof Date &&
            r[5].toISOString().startsWith('2021-11-01') &&
            r[7] === 6150,
        ),
        'a value is a number, its period a date',
      )
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

      // Tagged for accessibility, on more than one page.
      const info = pdfInfo(file)
      assert.equal(info.get('Tagged'), 'yes', 'the PDF is not tagged')
      const pageCount = Number(info.get('Pages'))
      assert.ok(pageCount > 1, `${pageCount} pages`)

      // An outline (bookmarks) made from the headings.
      const outline = pdfOutline(body)
      assert.ok(outline.count > 0, 'the PDF has no outline')
      for (const heading of ['Q2 2022/23 progress report', 'Progress at a glance', 'Strand 8: Workforce'])
        assert.ok(outline.titles.includes(heading), `"${heading}" is not in the outline: ${outline.titles.join('; ')}`)

      // Every page has the title and protective marking at its head, and "Page N of M" at its foot.
      const pages = pageLines(text)
      assert.equal(pages.length, pageCount)
      pages.forEach((lines, i) => {
        assert.match(lines[0] ?? '', /^Q2 2022\/23 progress report\s+OFFICIAL$/, `page ${i + 1}'s header`)
        assert.match(
          lines.at(-1) ?? '',
          new RegExp(`^OFFICIAL\\s+Page ${i + 1} of ${pageCount}$`),
          `page ${i + 1}'s footer`,
        )
      })

      // No heading, caption or table header alone at the foot of a page; no empty page at the end.
      const print = await viewer.request.get(P.reportPrint(B, ids.publishedReport))
      assert.equal(print.status(), 200)
      const labels = pageLabels(await print.text())
      assert.ok(labels.headings.has('Slow to progress') && labels.tableHeaders.size > 1)
      pages.slice(0, -1).forEach((lines, i) => {
        const orphan = orphanAtFoot(lines.slice(1, -1), labels)
        assert.equal(orphan, undefined, `page ${i + 1} ends with "${orphan}"`)
      })
      const lastPage = pages.at(-1)!.slice(1, -1).join('').replace(/\s/g, '')
      assert.ok(lastPage.length > 40, `the last page has only "${lastPage}"`)
    })

    it('never exports a draft to someone who may only see published reports', async () => {
      assert.equal((await viewer.request.get(P.reportExport(B, ids.draftReport, 'xlsx'))).status(), 404)
      assert.equal((await board.request.get(P.reportExport(B, ids.draftReport, 'txt'))).status(), 404)
    })
  })
}

/** `pdfinfo`'s fields ("Tagged", "Pages", ...) by name. */
function pdfInfo(file: string): Map<string, string> {
  const fields = new Map<string, string>()
  for (const line of execFileSync('pdfinfo', [file], { encoding: 'utf8' }).split('\n')) {
    const field = /^([^:]+):\s*(.*)$/.exec(line)
    if (field) fields.set(field[1]!, field[2]!.trim())
  }
  return fields
}

/**
 * The document outline of a PDF as Chromium writes it (uncompressed objects): the /Count of its /Outlines
 * dictionary (the number of entries) and each entry's title (literal strings; Chromium writes ASCII ones so).
 */
function pdfOutline(pdf: Buffer): { count: number; titles: string[] } {
  const raw = pdf.toString('latin1')
  const root = /\/Type\s*\/Outlines\b[^>]*?\/Count\s+(\d+)/.exec(raw)
  const titles = [...raw.matchAll(/\/Title\s*\(((?:\\.|[^\\)])*)\)\s*\/Dest\b/g)].map((m) =>
    m[1]!.replace(/\\([()\\])/g, '$1'),
  )
  return { count: root ? Number(root[1]) : 0, titles }
}

/** `pdftotext -layout` output as pages (split at form feeds), each a list of its non-blank lines, trimmed. */
function pageLines(text: string): string[][] {
  return text
    .split('\f')
    .slice(0, -1)
    .map((page) =>
      page
        .split('\n')
        .map((line) => line.replace(/\s+/g, ' ').trim())
        .filter(Boolean),
    )
}

const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!)
    .replace(/\s+/g, ' ')
    .trim()
const wordsKey = (text: string) => text.split(' ').sort().join(' ')

/**
 * What must never be last on a page, from the print page's HTML: headings, table captions and paragraphs that
 * are only bold text (as they print, one line or a few), and each table's header row (its words in any order,
 * since a header cell may wrap onto a second line).
 */
function pageLabels(html: string): { headings: Set<string>; tableHeaders: Set<string> } {
  const texts = (pattern: RegExp) => [...html.matchAll(pattern)].map((m) => textOf(m[1]!)).filter(Boolean)
  return {
    headings: new Set([
      ...texts(/<h[1-6]\b[^>]*>([\s\S]*?)<\/h[1-6]>/g),
      ...texts(/<caption\b[^>]*>([\s\S]*?)<\/caption>/g),
      ...texts(/<p\b[^>]*>\s*<strong>([\s\S]*?)<\/strong>\s*<\/p>/g),
    ]),
    tableHeaders: new Set(texts(/<thead\b[^>]*>([\s\S]*?)<\/thead>/g).map(wordsKey)),
  }
}

/** The heading, caption or table header row that a page's text (header and footer left out) ends with, if any. */
function orphanAtFoot(
  lines: string[],
  labels: { headings: Set<string>; tableHeaders: Set<string> },
): string | undefined {
  for (let n = 1; n <= Math.min(3, lines.length); n++) {
    const tail = lines.slice(-n).join(' ')
    if (labels.headings.has(tail) || labels.tableHeaders.has(wordsKey(tail))) return tail
  }
  return undefined
}
