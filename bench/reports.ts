// npm run bench:reports — a synthetic large council (12 strands, 60 objectives, 200 milestones, 80 measures
// x 60 months): time to build and render the report as HTML, DOCX (charts drawn by resvg in worker threads) and
// PDF (printed by Chromium), as a draft (made every time) and published (made once, then served as kept).
// Prints one line per figure: `<figure>: <value> <unit> (<data size>)`.
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../src/db/connect.js'
import { migrateToLatest } from '../src/db/migrate.js'
import { draftContent } from '../src/reports/report-service.js'
import { configureNunjucks } from '../src/server/nunjucks-setup.js'
import { exportReport, type ReportFormat } from '../src/reports/report-export.js'
import { chromiumPrinter, closeSharedBrowser } from '../src/exports/chromium.js'
import { chartWorkerCount, closeChartWorkers, forgetChartImages, svgsToPng } from '../src/exports/svg-to-png.js'
import { forgetDrawnCharts } from '../src/charts/drawn.js'
import { councilMeasuresCache } from '../src/measures/measure-service.js'
import { forgetServedFiles, keptReportFile } from '../src/reports/report-file-cache.js'
import { keptReportPage } from '../src/reports/report-page-cache.js'
import { printCss } from '../src/exports/print-html.js'
import { nextPeriod } from '../src/shared/calendar.js'
import { recordPlanItems } from '../src/plan/plan-history-repository.js'

const STRANDS = 12
const OBJECTIVES = 60
const MILESTONES = 200
const MEASURES = 80
const MONTHS = 60
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

const database = await openDatabase({})
await migrateToLatest(database.db)
const db = database.db
const org = await db
  .insertInto('organisation')
  .values({ slug: 'big', name: 'Large Council', kind: 'council' })
  .returning('id')
  .executeTakeFirstOrThrow()
const plan = await db
  .insertInto('plan')
  .values({ organisation_id: org.id, title: 'Large plan', starts_on: '2019-04-01' })
  .returning('id')
  .executeTakeFirstOrThrow()
const strandIds: number[] = []
for (let s = 0; s < STRANDS; s++) {
  const row = await db
    .insertInto('strand')
    .values({
      plan_id: plan.id,
      code: String(s + 1),
      half: s < 6 ? 'A' : 'B',
      title: `Strand ${s + 1}`,
      lead_title: 'Head of Service',
      position: s + 1,
      created_at: '2019-04-01T00:00:00Z',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  strandIds.push(row.id)
}
const objectiveIds: number[] = []
for (let o = 0; o < OBJECTIVES; o++) {
  const row = await db
    .insertInto('objective')
    .values({
      strand_id: strandIds[o % STRANDS]!,
      title: `Objective ${o + 1}`,
      description: 'What changes for children',
      position: o + 1,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  objectiveIds.push(row.id)
}
await db
  .insertInto('milestone')
  .values(
    Array.from({ length: MILESTONES }, (_, i) => {
      const due = `2023-${String((i % 12) + 1).padStart(2, '0')}-15`
      const done = i % 3 !== 0
      return {
        objective_id: objectiveIds[i % OBJECTIVES]!,
        title: `Milestone ${i + 1}`,
        owner: 'Team manager',
        due_on: due,
        status: done ? ('complete' as const) : ('on-track' as const),
        completed_on: done ? due : null,
        evidence: '',
        position: i + 1,
      }
    }),
  )
  .execute()
// Reports read the plan as recorded (plan_record): record every item as it stands, from the plan's start.
{
  const started = new Date('2019-04-01T00:00:00Z')
  const strands = await db.selectFrom('strand').selectAll().where('plan_id', '=', plan.id).execute()
  const objectives = await db.selectFrom('objective').selectAll().where('strand_id', 'in', strandIds).execute()
  const milestones = await db.selectFrom('milestone').selectAll().where('objective_id', 'in', objectiveIds).execute()
  const record = (itemType: 'strand' | 'objective' | 'milestone', rows: Array<{ id: number }>) =>
    rows.map((row) => ({ itemType, itemId: row.id, state: row, recordedAt: started }))
  await db
    .transaction()
    .execute((trx) =>
      recordPlanItems(trx, plan.id, null, [
        ...record('strand', strands),
        ...record('objective', objectives),
        ...record('milestone', milestones),
      ]),
    )
}
for (let m = 0; m < MEASURES; m++) {
  const measure = await db
    .insertInto('measure')
    .values({
      organisation_id: org.id,
      code: `M${m}`,
      name: `Measure ${m + 1}`,
      unit: 'percent',
      polarity: m % 2 ? 'higher' : 'lower',
      frequency: 'monthly',
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await db
    .insertInto('measure_strand')
    .values({ measure_id: measure.id, strand_id: strandIds[m % STRANDS]! })
    .execute()
  let period = '2019-01-01'
  const values = Array.from({ length: MONTHS }, (_, j) => {
    const row = { measure_id: measure.id, period, value: 20 + ((m * 7 + j * 13) % 23) / 2 + (j > 45 ? 3 : 0), note: '' }
    period = nextPeriod(period, 'monthly')
    return row
  })
  await db.insertInto('measure_value').values(values).execute()
  await db
    .insertInto('measure_target')
    .values({
      measure_id: measure.id,
      value: 25,
      target_date: null,
      note: '',
      set_by: null,
      set_at: '2019-01-01T00:00:00Z',
    })
    .execute()
}
const report = await db
  .insertInto('report')
  .values({ organisation_id: org.id, quarter_start: '2023-10-01', summary: 'Summary' })
  .returningAll()
  .executeTakeFirstOrThrow()
const council = { organisationId: org.id, name: 'Large Council', slug: 'big' }
const env = configureNunjucks()
const css = await printCss()

const median = async (runs: number, fn: () => Promise<unknown>) => {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now()
    await fn()
    times.push(performance.now() - t0)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!
}

let html = ''
const htmlMs = await median(5, async () => {
  const content = await draftContent(db, council, report)
  html = env.render('reports/views/report-print.njk', { report, content, inlineCss: css, print: true })
})
// The same with the measures' summaries (SPC) and every chart computed afresh, as for the first reading after a
// restart (the figure above reuses them: the measures have not changed since the reading before, see
// src/measures/measure-service.ts and src/charts/drawn.ts).
const htmlColdMs = await median(5, async () => {
  councilMeasuresCache.clear()
  forgetDrawnCharts()
  const content = await draftContent(db, council, report)
  env.render('reports/views/report-print.njk', { report, content, inlineCss: css, print: true })
})
const content = await draftContent(db, council, report)
// The two halves of the HTML figure: reading and rating (the plan as recorded, measures, SPC) and rendering.
const buildMs = await median(5, () => draftContent(db, council, report))
const renderMs = await median(5, () =>
  Promise.resolve(env.render('reports/views/report-print.njk', { report, content, inlineCss: css, print: true })),
)
const charts = [...new Set(content.strands.flatMap((s) => s.measures.map((m) => m.chart)))]
await svgsToPng(charts.slice(0, 1)) // start the chart workers and load the fonts before timing
// The same function the download routes call.
const exportAs = (format: ReportFormat, keep?: Parameters<typeof exportReport>[3]['keep']) =>
  exportReport(format, report, content, {
    councilSlug: council.slug,
    printPdf: chromiumPrinter(CHROMIUM),
    render: (view, locals) => Promise.resolve(env.render(view, locals)),
    ...(keep ? { keep } : {}),
  })
// Word with every chart drawn (the images kept from the run before forgotten), then with the images kept.
const docxMs = await median(3, () => {
  forgetChartImages()
  return exportAs('docx')
})
const docxKeptImagesMs = await median(3, () => exportAs('docx'))
const pngMs = await median(3, () => {
  forgetChartImages()
  return svgsToPng(charts)
})
const pdfMs = await median(3, () => exportAs('pdf'))
const xlsxMs = await median(3, () => exportAs('xlsx'))

// The same report published: its files are made on the first download and kept in the database, its printable
// page rendered once and kept in memory; these are the later downloads and readings.
const published = await db
  .updateTable('report')
  .set({ status: 'published', snapshot: JSON.stringify(content), published_at: new Date(), revision: 1 })
  .where('id', '=', report.id)
  .returningAll()
  .executeTakeFirstOrThrow()
const keep = keptReportFile(db, published, 'council')
const exportPublished = (format: ReportFormat) =>
  exportReport(format, published, content, {
    councilSlug: council.slug,
    printPdf: chromiumPrinter(CHROMIUM),
    render: (view, locals) => Promise.resolve(env.render(view, locals)),
    keep,
  })
const keptDocx = (await exportPublished('docx')).body
const keptPdf = (await exportPublished('pdf')).body
// Served from this process's memory, then from the database as another process would (without that memory).
const keptDocxMs = await median(5, () => exportPublished('docx'))
const keptPdfMs = await median(5, () => exportPublished('pdf'))
const storedDocxMs = await median(5, () => {
  forgetServedFiles()
  return exportPublished('docx')
})
const storedPdfMs = await median(5, () => {
  forgetServedFiles()
  return exportPublished('pdf')
})
const printPage = () =>
  keptReportPage(db, published, 'print', () =>
    Promise.resolve(env.render('reports/views/report-print.njk', { report: published, content, print: true })),
  )
await printPage()
const keptHtmlMs = await median(5, printPage)
await closeChartWorkers()
await closeSharedBrowser()
await database.close()

// Before issues 10 and 11 the figures were HTML 201 ms, Word 848 ms, PDF 1.5 s, Excel 229 ms (on a quiet machine).
// Issue 17: charts are kept by their parameters (a draft read again redraws only the charts whose figures
// changed), Word's chart images are drawn in worker threads (one a core, at most 4) and kept by their SVG, a PDF
// prints on a page kept from the print before (no new browser context and renderer each time), and a published
// report's files and pages are made once and then served as kept.
console.log(
  'why Word, PDF and Excel take longer than before the board paper: the PDF is tagged for accessibility with an outline and a page header and footer (tagging alone costs about 40%) and has a cover, contents, changes and chart captions; Word sizes every table column from its content and adds the cover, contents and status tables; Excel writes seven formatted sheets instead of two',
)
console.log(
  'why the HTML build is what it is: most of it is the embedded database (PGlite) answering some 35 queries (the plan as recorded, updates, evidence, the Board, risks, practice) and the garbage they leave, then rating 60 objectives; the measures and their SPC are kept until a measure changes (src/measures/measure-service.ts) and the charts by their figures (src/charts/drawn.ts), so only the figure computed afresh draws them',
)
console.log(
  'why Word with every chart drawn takes longest: resvg lays out each chart’s text reading the font file for each glyph, then draws and the PNG is deflated, about 12 ms of work a chart shared among the chart workers; with the images kept (the same charts as the export before) Word only builds the document',
)
const size = `${STRANDS} strands, ${OBJECTIVES} objectives, ${MILESTONES} milestones, ${MEASURES} measures x ${MONTHS} months`
console.log(
  `report html (build + render, measures and charts kept, median of 5): ${htmlMs.toFixed(0)} ms (${size}; ${(html.length / 1024).toFixed(0)} kB)`,
)
console.log(
  `report html (build + render, measures and charts computed afresh, median of 5): ${htmlColdMs.toFixed(0)} ms (${size})`,
)
console.log(`report content build (median of 5): ${buildMs.toFixed(0)} ms (${size})`)
console.log(`report html render (median of 5): ${renderMs.toFixed(0)} ms (${size})`)
console.log(
  `report docx (every chart drawn by resvg in ${chartWorkerCount()} workers, median of 3): ${docxMs.toFixed(0)} ms (${size}; ${charts.length} charts)`,
)
console.log(
  `report docx (chart images kept from the export before, median of 3): ${docxKeptImagesMs.toFixed(0)} ms (${size}; ${charts.length} charts)`,
)
console.log(
  `chart images for docx (resvg in ${chartWorkerCount()} workers, median of 3): ${pngMs.toFixed(0)} ms (${charts.length} charts)`,
)
console.log(`report pdf (print in Chromium, median of 3): ${pdfMs.toFixed(0)} ms (${size})`)
console.log(`report xlsx (median of 3): ${xlsxMs.toFixed(0)} ms (${size})`)
console.log(
  `published report docx (kept, from memory, median of 5): ${keptDocxMs.toFixed(1)} ms (${size}; ${(keptDocx.length / 1024).toFixed(0)} kB)`,
)
console.log(
  `published report docx (kept, from the database, median of 5): ${storedDocxMs.toFixed(0)} ms (${size}; ${(keptDocx.length / 1024).toFixed(0)} kB)`,
)
console.log(
  `published report pdf (kept, from memory, median of 5): ${keptPdfMs.toFixed(1)} ms (${size}; ${(keptPdf.length / 1024).toFixed(0)} kB)`,
)
console.log(
  `published report pdf (kept, from the database, median of 5): ${storedPdfMs.toFixed(0)} ms (${size}; ${(keptPdf.length / 1024).toFixed(0)} kB)`,
)
console.log(`published report printable page (kept in memory, median of 5): ${keptHtmlMs.toFixed(2)} ms (${size})`)
