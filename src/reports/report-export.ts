// A report as a file: PDF (the printable page printed by Debian's Chromium), Word, or the Excel data
// annex. The one function behind the download routes and the reports benchmark.
import { formatDate, formatDateTime } from '../shared/dates.js'
import { htmlToPdf } from '../exports/chromium.js'
import { printCss } from '../exports/print-html.js'
import { svgsToPng } from '../exports/svg-to-png.js'
import { reportDocx } from './report-docx.js'
import { reportXlsx } from './report-xlsx.js'
import type { ReportContent } from './report-snapshot.js'

const REPORT_FORMATS = ['pdf', 'docx', 'xlsx'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export interface ExportedFile {
  body: Buffer
  contentType: string
  filename: string
}

export interface ExportOptions {
  councilSlug: string
  chromiumPath: string
  /** Renders a Nunjucks view to HTML (the app's renderer, or a bare environment in the benchmark). */
  render: (view: string, locals: Record<string, unknown>) => Promise<string>
  now?: Date
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
}

export function isReportFormat(value: unknown): value is ReportFormat {
  return typeof value === 'string' && (REPORT_FORMATS as readonly string[]).includes(value)
}

export async function exportReport(
  format: ReportFormat,
  report: { status: 'draft' | 'published'; published_at: Date | null },
  content: ReportContent,
  options: ExportOptions,
): Promise<ExportedFile> {
  const draft = report.status === 'draft'
  const name = `${options.councilSlug}-${content.quarter.label.replace(/[^A-Za-z0-9]+/g, '-')}-progress-report${draft ? '-draft' : ''}`
  const status = draft
    ? `Draft as at ${formatDate(content.quarter.end)}, produced ${formatDateTime(options.now ?? new Date())}.`
    : `Published ${formatDateTime(report.published_at)}.`
  return {
    body: await build(format, report, content, status, options),
    contentType: CONTENT_TYPES[format],
    filename: `${name}.${format}`,
  }
}

async function build(
  format: ReportFormat,
  report: { status: 'draft' | 'published'; published_at: Date | null },
  content: ReportContent,
  status: string,
  options: ExportOptions,
): Promise<Buffer> {
  switch (format) {
    case 'xlsx':
      return reportXlsx(content)
    case 'docx': {
      const charts = [...new Set(content.strands.flatMap((s) => s.measures.map((m) => m.chart)))]
      const pngs = await svgsToPng(charts)
      return reportDocx(content, new Map(charts.map((svg, i) => [svg, pngs[i]!])), status)
    }
    case 'pdf': {
      const html = await options.render('reports/views/report-print.njk', {
        report,
        content,
        print: true,
        inlineCss: await printCss(),
      })
      return htmlToPdf(options.chromiumPath, html)
    }
  }
}
