// A self-assessment as a file, made as the progress report's are (src/reports/report-export.ts): Word with the
// charts drawn as PNGs, or PDF by printing the print view in Debian's Chromium (tagged, with an outline).
import type { PdfPrinter } from '../exports/chromium.js'
import { printCss } from '../exports/print-html.js'
import { svgsToPng } from '../exports/svg-to-png.js'
import { selfAssessmentDocx } from './self-assessment-docx.js'
import { TRACKING_TAGS } from './tracking-rules.js'
import {
  NARRATIVE_SECTIONS,
  evidenceWindowText,
  statusText,
  type SelfAssessmentContent,
} from './self-assessment-content.js'

const FORMATS = ['docx', 'pdf'] as const
export type SelfAssessmentFormat = (typeof FORMATS)[number]

/** Sent to the DfE, not published. */
export const SELF_ASSESSMENT_MARKING = 'OFFICIAL'

const CONTENT_TYPES: Record<SelfAssessmentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
}

export function isSelfAssessmentFormat(value: unknown): value is SelfAssessmentFormat {
  return typeof value === 'string' && (FORMATS as readonly string[]).includes(value)
}

export interface SelfAssessmentExportOptions {
  councilSlug: string
  /** Prints the HTML to PDF (the app's queued Chromium). */
  printPdf: PdfPrinter
  /** Renders a Nunjucks view to HTML (the app's renderer). */
  render: (view: string, locals: Record<string, unknown>) => Promise<string>
}

/** What the page and the print view render the content with (self-assessment-body.njk). */
export function contentLocals(content: SelfAssessmentContent) {
  return {
    content,
    statusLine: statusText(content),
    evidenceWindow: evidenceWindowText(content.evidence),
    trackingTags: TRACKING_TAGS,
    sections: NARRATIVE_SECTIONS,
    marking: SELF_ASSESSMENT_MARKING,
  }
}

/** `bradford-self-assessment-2026-12-07.docx`: the day its data are as at; a draft says so. */
export function selfAssessmentFilename(
  councilSlug: string,
  content: Pick<SelfAssessmentContent, 'dataAsAt' | 'status'>,
  format: SelfAssessmentFormat,
): string {
  return `${councilSlug}-self-assessment-${content.dataAsAt}${content.status === 'draft' ? '-draft' : ''}.${format}`
}

export async function exportSelfAssessment(
  format: SelfAssessmentFormat,
  content: SelfAssessmentContent,
  options: SelfAssessmentExportOptions,
): Promise<{ body: Buffer; contentType: string; filename: string }> {
  return {
    body: await build(format, content, options),
    contentType: CONTENT_TYPES[format],
    filename: selfAssessmentFilename(options.councilSlug, content, format),
  }
}

async function build(
  format: SelfAssessmentFormat,
  content: SelfAssessmentContent,
  options: SelfAssessmentExportOptions,
): Promise<Buffer> {
  switch (format) {
    case 'docx': {
      const charts = content.measures.map((m) => m.chart)
      const pngs = await svgsToPng(charts)
      return selfAssessmentDocx(content, new Map(charts.map((svg, i) => [svg, pngs[i]!])), SELF_ASSESSMENT_MARKING)
    }
    case 'pdf': {
      const html = await options.render('oversight/views/self-assessment-print.njk', {
        ...contentLocals(content),
        inlineCss: await printCss(),
      })
      return options.printPdf(html, { title: content.title, marking: SELF_ASSESSMENT_MARKING })
    }
  }
}
