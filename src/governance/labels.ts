// How the Board's pages name a report ("Q2 2026/27 report (published)", in selects and beside papers and
// decisions), and a small error helper its forms share.
import type { ReportStatus } from '../db/database.js'
import { quarterOf } from '../shared/calendar.js'
import type { FormErrors } from '../web/forms.js'

export const REPORT_STATUS_WORDS: Record<ReportStatus, string> = {
  draft: 'draft',
  submitted: 'submitted for approval',
  approved: 'approved',
  published: 'published',
  superseded: 'superseded',
}

export interface ReportNaming {
  quarter_start: string
  status: ReportStatus
  revision?: number | null
}

/** "Q3 2022/23 report (published)", with the revision when a report was corrected. */
export function reportLabel(report: ReportNaming): string {
  const revision = report.revision != null && report.revision > 1 ? `, revision ${report.revision}` : ''
  return `${quarterOf(report.quarter_start).label} report (${REPORT_STATUS_WORDS[report.status]}${revision})`
}

/** A decision's report in words: "Q2 2022/23 report". */
export function quarterReportLabel(quarterStart: string): string {
  return `${quarterOf(quarterStart).label} report`
}

/** A select's items: None, then each report (published first, as the list comes), the chosen one selected. */
export function reportItems(reports: ReadonlyArray<ReportNaming & { id: number }>, chosen: string) {
  return [
    { value: '', text: 'None', selected: chosen === '' },
    ...reports.map((r) => ({ value: String(r.id), text: reportLabel(r), selected: chosen === String(r.id) })),
  ]
}

/** An error on a GOV.UK date input found after parsing: shown on the field, linked to its day box. */
export function dateError(field: string, text: string): FormErrors {
  return { summary: [{ text, href: `#${field}-day` }], fields: { [field]: { text } } }
}
