// The report's data annex: a summary sheet of statuses and one sheet of every measure value shown.
import ExcelJS from 'exceljs'
import { RAG_LABELS } from './status-rules.js'
import { IMPACT_LABELS } from '../impact/impact-rules.js'
import { reasonsText } from './report-words.js'
import { fileNumber } from '../shared/units.js'
import type { ReportContent } from './report-snapshot.js'

export async function reportXlsx(content: ReportContent): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = 'Turnaround'
  const summary = book.addWorksheet('Strand status')
  summary.addRow([
    'Strand',
    'Title',
    'Overall',
    'Delivery',
    'Impact',
    'Set by hand',
    'Reason or rule',
    'Due dates moved',
    'Days slipped',
  ])
  for (const s of content.strands) {
    summary.addRow([
      s.code,
      s.title,
      RAG_LABELS[s.status.rag],
      s.status.delivery ? RAG_LABELS[s.status.delivery.rag] : '',
      s.status.impact ? IMPACT_LABELS[s.status.impact.level] : '',
      s.status.override ? 'Yes' : 'No',
      s.status.override ? s.status.override.reason : reasonsText(s.status.derived.reasons),
      s.slippage.replans,
      s.slippage.daysSlipped,
    ])
  }
  const values = book.addWorksheet('Measure values')
  values.addRow([
    'Strand',
    'Measure code',
    'Measure',
    'Unit',
    'Period',
    'Period label',
    'Value',
    'Target',
    'Variation',
    'Assurance',
    'How it differs from the England and neighbour figures',
    'Latest figure current at the quarter end',
  ])
  const seen = new Set<number>()
  for (const s of content.strands) {
    for (const m of s.measures) {
      if (seen.has(m.id)) continue
      seen.add(m.id)
      for (const p of m.data) {
        values.addRow([
          s.code,
          m.code,
          m.name,
          m.unit,
          p.period,
          p.label,
          fileNumber(p.value),
          fileNumber(p.target),
          m.variation,
          m.assurance,
          m.comparability,
          m.current === null ? 'Not checked' : m.current ? 'Yes' : `No: ${m.currencyNote}`,
        ])
      }
    }
  }
  for (const sheet of [summary, values]) {
    sheet.getRow(1).font = { bold: true }
    sheet.views = [{ state: 'frozen', ySplit: 1 }]
    sheet.columns.forEach((c) => (c.width = 18))
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}
