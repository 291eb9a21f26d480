// Public editions of published reports: the only pages of a council anyone can read without signing in.
// Only a report in force (published, not superseded) whose public edition was published is served, and
// only as its public edition; anything else is "Page not found".
import { Router, type Request } from 'express'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { NotFoundError } from '../web/errors.js'
import { parseId } from '../web/forms.js'
import { renderToString } from '../exports/print-html.js'
import type { PdfPrinter } from '../exports/chromium.js'
import { quarterOf } from '../shared/calendar.js'
import { findCouncilBySlug, findReport, listPublicReports } from './report-repository.js'
import { readReportSnapshot } from './report-snapshot.js'
import { publicEdition } from './public-edition.js'
import { exportReport } from './report-export.js'
import { keptReportFile } from './report-file-cache.js'
import { keptReportPage } from './report-page-cache.js'

export function publicReportRoutes(db: Db, printPdf: PdfPrinter): Router {
  const router = Router()

  async function councilOf(req: Request) {
    const slug = req.params.council
    const council = typeof slug === 'string' ? await findCouncilBySlug(db, slug) : undefined
    if (!council) throw new NotFoundError()
    return council
  }

  async function publicReportOf(req: Request) {
    const council = await councilOf(req)
    const id = parseId(req.params.reportId)
    const report = id ? await findReport(db, council.id, id) : undefined
    if (!report || report.status !== 'published' || !report.public_at) throw new NotFoundError()
    return { council, report, content: publicEdition(readReportSnapshot(report.snapshot)) }
  }

  router.get(paths.publicReports.pattern, async (req, res) => {
    const council = await councilOf(req)
    const reports = (await listPublicReports(db, council.id)).map((r) => ({
      ...r,
      quarter: quarterOf(r.quarter_start),
    }))
    res.render('reports/views/public-reports.njk', { publicCouncil: council, reports })
  })

  router.get(paths.publicReport.pattern, async (req, res) => {
    const { council, report, content } = await publicReportOf(req)
    // Its sections are rendered once and kept (a public edition is of a published report, which never changes).
    const sectionsHtml = await keptReportPage(db, report, 'public', () =>
      renderToString(res, 'reports/views/report-sections.njk', { content, public: true }),
    )
    res.render('reports/views/public-report.njk', {
      publicCouncil: council,
      report,
      content,
      sectionsHtml,
      public: true,
    })
  })

  router.get(paths.publicReportPdf.pattern, async (req, res) => {
    const { council, report, content } = await publicReportOf(req)
    const file = await exportReport('pdf', report, content, {
      councilSlug: council.slug,
      printPdf,
      render: (view, locals) => renderToString(res, view, { ...locals, public: true }),
      // Printed once and kept (a public edition is of a published report, which never changes).
      keep: keptReportFile(db, report, 'public'),
    })
    res.type(file.contentType).attachment(file.filename.replace('.pdf', '-public.pdf')).send(file.body)
  })

  return router
}
