import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { pdfAlternatives } from './error-handler.js'

describe('what a page offers when a PDF cannot be made', () => {
  it('offers a report as Word, spreadsheet and printable page', () => {
    assert.deepEqual(
      pdfAlternatives('/councils/bradford/reports/7/export.pdf?x=1').map((a) => a.href),
      [
        '/councils/bradford/reports/7/export.docx',
        '/councils/bradford/reports/7/export.xlsx',
        '/councils/bradford/reports/7/print',
      ],
    )
  })

  it('offers a self-assessment as Word and printable page (it has no spreadsheet)', () => {
    assert.deepEqual(
      pdfAlternatives('/councils/bradford/oversight/self-assessments/3/export.pdf').map((a) => a.href),
      [
        '/councils/bradford/oversight/self-assessments/3/export.docx',
        '/councils/bradford/oversight/self-assessments/3/print',
      ],
    )
  })

  it('offers the public edition as its web page, never the council’s own files', () => {
    assert.deepEqual(
      pdfAlternatives('/public/bradford/reports/7/report.pdf').map((a) => a.href),
      ['/public/bradford/reports/7'],
    )
  })
})
