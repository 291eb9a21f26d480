// Importing a round's audited cases from CSV text: the same columns as the round's CSV download, each row
// checked by the case form's own rules (so a name or a date of birth is refused here too), every problem named
// by its row and field. Nothing is saved unless every row is good.
import { AUDIT_GRADES, MODERATION_OUTCOMES, SERVICE_AREAS } from '../db/database.js'
import { readTable, UploadError } from '../shared/read-table.js'
import { GRADE_LABELS, MODERATION_LABELS, SERVICE_AREA_LABELS } from './case-audit-rules.js'
import { caseSchema, type CaseForm } from './case-audit-validation.js'

/** The columns, as the CSV download names them, with the form field each fills and how a person reads it. */
export const IMPORT_COLUMNS = [
  { column: 'case_reference', field: 'reference', label: 'case reference' },
  { column: 'service_area', field: 'serviceArea', label: 'service area' },
  { column: 'childs_voice', field: 'gradeVoice', label: 'the child’s voice' },
  { column: 'assessment', field: 'gradeAssessment', label: 'assessment' },
  { column: 'planning', field: 'gradePlanning', label: 'planning' },
  { column: 'management_oversight', field: 'gradeOversight', label: 'management oversight' },
  { column: 'overall_by_auditor', field: 'gradeOverall', label: 'overall by the auditor' },
  { column: 'moderation', field: 'moderation', label: 'moderation' },
  { column: 'overall_after_moderation', field: 'moderatedOverall', label: 'overall after moderation' },
] as const

const OPTIONAL = new Set<string>(['moderation', 'overall_after_moderation'])

export const MAX_IMPORT_ROWS = 500

const norm = (s: string) =>
  s
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-')

/** A cell read as a key: "Requires improvement to be good", "requires improvement" and "requires-improvement" alike. */
function keyOf<K extends string>(
  value: string,
  keys: readonly K[],
  labels: Record<K, string>,
  extra: Record<string, K> = {},
) {
  const v = norm(value)
  if (v === '') return ''
  for (const k of keys) if (v === k || v === norm(labels[k])) return k
  return extra[v] ?? value
}

const GRADE_EXTRA = { 'requires-improvement-to-be-good': 'requires-improvement', ri: 'requires-improvement' } as const

export interface ImportProblem {
  row: number
  field: string
  message: string
}

export interface ImportResult {
  rows: Array<{ row: number; value: CaseForm }>
  problems: ImportProblem[]
}

/**
 * Reads and checks the text. A problem with the file as a whole (no header, a missing column) is row 1. A
 * reference that appears twice in the file, or is already in the round, is a problem of the later row.
 */
export async function readCaseImport(text: string, existingReferences: readonly string[]): Promise<ImportResult> {
  const problems: ImportProblem[] = []
  let table
  try {
    table = await readTable(Buffer.from(text, 'utf8'), 'cases.csv')
  } catch (error) {
    if (error instanceof UploadError)
      return {
        rows: [],
        problems: [{ row: 1, field: 'file', message: error.message.replace('selected file', 'text') }],
      }
    throw error
  }
  const missing = IMPORT_COLUMNS.filter((c) => !OPTIONAL.has(c.column) && !table.columns.includes(c.column))
  if (missing.length)
    return {
      rows: [],
      problems: missing.map((c) => ({ row: 1, field: c.column, message: `The header row has no ${c.column} column` })),
    }
  if (table.rows.length > MAX_IMPORT_ROWS)
    return {
      rows: [],
      problems: [{ row: 1, field: 'file', message: `Import at most ${MAX_IMPORT_ROWS} cases at once` }],
    }
  const seen = new Set(existingReferences.map((r) => r.toLowerCase()))
  const rows: ImportResult['rows'] = []
  for (const r of table.rows) {
    const cell = (c: string) => r.cells[c] ?? ''
    const grade = (c: string) => keyOf(cell(c), AUDIT_GRADES, GRADE_LABELS, GRADE_EXTRA)
    const body = {
      reference: cell('case_reference'),
      serviceArea: keyOf(cell('service_area'), SERVICE_AREAS, SERVICE_AREA_LABELS),
      gradeVoice: grade('childs_voice'),
      gradeAssessment: grade('assessment'),
      gradePlanning: grade('planning'),
      gradeOversight: grade('management_oversight'),
      gradeOverall: grade('overall_by_auditor'),
      moderation: keyOf(cell('moderation') || 'not-moderated', MODERATION_OUTCOMES, MODERATION_LABELS),
      moderatedOverall: '',
    }
    const parsedModeration = body.moderation
    if (parsedModeration === 'raised' || parsedModeration === 'lowered')
      body.moderatedOverall = grade('overall_after_moderation')
    const parsed = caseSchema.safeParse(body)
    if (!parsed.success) {
      const fields = new Set<string>()
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? 'file')
        if (fields.has(field)) continue
        fields.add(field)
        const column = IMPORT_COLUMNS.find((c) => c.field === field)?.column ?? field
        problems.push({ row: r.rowNumber, field: column, message: issue.message })
      }
      continue
    }
    const reference = parsed.data.reference.toLowerCase()
    if (seen.has(reference)) {
      problems.push({
        row: r.rowNumber,
        field: 'case_reference',
        message: `${parsed.data.reference} is already in this round or earlier in the text`,
      })
      continue
    }
    seen.add(reference)
    rows.push({ row: r.rowNumber, value: parsed.data })
  }
  return { rows, problems }
}
