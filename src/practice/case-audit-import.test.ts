// Importing a round's cases from CSV text: labels and keys read alike, every problem named by row and column
// (a name or date of birth refused as on the form), a repeated reference refused, and missing columns named.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readCaseImport } from './case-audit-import.js'
import { REFERENCE_MESSAGES } from './case-audit-rules.js'

const HEADER =
  'case_reference,service_area,childs_voice,assessment,planning,management_oversight,overall_by_auditor,moderation,overall_after_moderation'

describe('importing audited cases', () => {
  it('reads labels and keys alike, moderation optional', async () => {
    const text = [
      HEADER,
      'NF-1001,Child protection,Good,Requires improvement to be good,good,Inadequate,Good,Agreed,',
      'NF-1002,children-in-care,outstanding,good,good,good,requires improvement,Grade lowered,inadequate',
      'NF-1003,Early help,RI,RI,RI,RI,Requires improvement to be good,,',
    ].join('\n')
    const r = await readCaseImport(text, [])
    assert.deepEqual(r.problems, [])
    assert.deepEqual(
      r.rows.map((x) => [
        x.row,
        x.value.reference,
        x.value.serviceArea,
        x.value.gradeAssessment,
        x.value.moderation,
        x.value.moderatedOverall,
      ]),
      [
        [2, 'NF-1001', 'child-protection', 'requires-improvement', 'agreed', ''],
        [3, 'NF-1002', 'children-in-care', 'good', 'lowered', 'inadequate'],
        [4, 'NF-1003', 'early-help', 'requires-improvement', 'not-moderated', ''],
      ],
    )
  })

  it('names every problem by row and column, and refuses names, dates of birth and repeats', async () => {
    const text = [
      HEADER,
      'Jane Smith,Child protection,Good,Good,Good,Good,Good,,',
      'NF-1001,Somewhere,Good,Great,Good,Good,Good,,',
      'NF 12/03/2015,Front door,Good,Good,Good,Good,Good,,',
      'NF-1002,Front door,Good,Good,Good,Good,Good,Grade raised,Good',
      'nf-1003,Front door,Good,Good,Good,Good,Good,,',
    ].join('\n')
    const r = await readCaseImport(text, ['NF-1003'])
    assert.deepEqual(r.problems, [
      { row: 2, field: 'case_reference', message: REFERENCE_MESSAGES.name },
      { row: 3, field: 'service_area', message: 'Choose the service area the case was in' },
      { row: 3, field: 'assessment', message: 'Choose the grade for assessment' },
      { row: 4, field: 'case_reference', message: REFERENCE_MESSAGES.dateOfBirth },
      {
        row: 5,
        field: 'overall_after_moderation',
        message: 'The grade after moderation must be better than the auditor’s overall grade when moderation raised it',
      },
      { row: 6, field: 'case_reference', message: 'nf-1003 is already in this round or earlier in the text' },
    ])
    assert.equal(r.rows.length, 0)
  })

  it('names missing columns and an empty text as row 1', async () => {
    const r = await readCaseImport('case_reference,service_area\nNF-1,Front door', [])
    assert.deepEqual(
      r.problems.map((p) => [p.row, p.field]),
      [
        [1, 'childs_voice'],
        [1, 'assessment'],
        [1, 'planning'],
        [1, 'management_oversight'],
        [1, 'overall_by_auditor'],
      ],
    )
    const empty = await readCaseImport(HEADER, [])
    assert.deepEqual(empty.problems, [{ row: 1, field: 'file', message: 'The text has a header row but no data rows' }])
  })
})
