// A report as a file: PDF (the printable page printed by Debian's Chromium), Word, or the Excel data
// annex. The one function behind the download routes and the reports benchmark.
import { formatDate, formatDateTime } from '../shared/dates.js'
import type { PdfPrinter } from '../exports/chromium.js'
import { printCss } from '../exports/print-html.js'
import { svgsToPng } from '../exports/svg-to-png.js'
import { reportDocx } from './report-docx.js'
import { reportXlsx } from './report-xlsx.js'
import type { ReportContent } from './report-snapshot.js'
import type { ReportStatus } from '../db/database.js'

const REPORT_FORMATS = ['pdf', 'docx', 'xlsx'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

export interface ExportedFile {
  body: Buffer
  contentType: string
  filename: string
}

export interface ExportOptions {
  councilSlug: string
  /** Prints the HTML to PDF (the app's queued Chromium). */
  printPdf: PdfPrinter
  /** Renders a Nunjucks view to HTML (the app's renderer, or a bare environment in the benchmark). */
  render: (view: string, locals: Record<string, unknown>) => Promise<string>
  /**
   * How the file is obtained: made every time (without it), or for a published report the file kept for it, made
   * only the first time (src/reports/report-file-cache.ts).
   */
  keep?: (format: ReportFormat, make: () => Promise<Buffer>) => Promise<Buffer>
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

/** The report row's fields an export needs. */
export interface ExportedReport {
  status: ReportStatus
  published_at: Date | null
  revision: number
}

/** What a file says about where the report stands, in a line. */
export function statusLine(report: ExportedReport, dataAsAt: string, now: Date): string {
  const revision = report.revision > 1 ? ` Revision ${report.revision}.` : ''
  switch (report.status) {
    case 'published':
      return `Published ${formatDateTime(report.published_at)}.${revision}`
    case 'superseded':
      return `Published ${formatDateTime(report.published_at)}; superseded by a correction.${revision}`
    case 'approved':
      return `Approved, not yet published. Data as at ${formatDate(dataAsAt)}, produced ${formatDateTime(now)}.`
    case 'submitted':
      return `Submitted for approval. Data as at ${formatDate(dataAsAt)}, produced ${formatDateTime(now)}.`
    case 'draft':
      return `Draft. Data as at ${formatDate(dataAsAt)}, produced ${formatDateTime(now)}.`
  }
}

export async function exportReport(
  format: ReportFormat,
  report: ExportedReport,
  content: ReportContent,
  options: ExportOptions,
): Promise<ExportedFile> {
  const frozen = report.status === 'published' || report.status === 'superseded'
  const suffix = frozen ? (report.revision > 1 ? `-revision-${report.revision}` : '') : `-${report.status}`
  const name = `${options.councilSlug}-${content.quarter.label.replace(/[^A-Za-z0-9]+/g, '-')}-progress-report${suffix}`
  const status = statusLine(report, content.dataAsAt, options.now ?? new Date())
  const make = () => build(format, report, content, status, options)
  return {
    body: await (options.keep ? options.keep(format, make) : make()),
    contentType: CONTENT_TYPES[format],
    filename: `${name}.${format}`,
  }
}

async function build(
  format: ReportFormat,
  report: ExportedReport,
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
        statusLine: status,
        inlineCss: await printCss(),
      })
      return options.printPdf(html, {
        title: content.quarter.label + ' progress report',
        marking: content.cover?.marking ?? 'OFFICIAL',
      })
    }
  }
}
