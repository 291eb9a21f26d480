// Checks every row of a staff survey results file and names each problem by row, column and reason. Pure:
// the question bank, the round's responses and its current results are passed in. Nothing is written unless
// there are no problems at all. The file holds one row per question: its counts on the five-point scale.
import type { Table } from '../shared/read-table.js'
import { AGREEMENT_OPTIONS, respondents, type Counts } from './survey-rules.js'

export interface SurveyImportProblem {
  row: number
  column: string
  reason: string
}

export interface BankQuestion {
  id: number
  code: string | null
  text: string
}

export interface SurveyImportRow {
  row: number
  /** The question in the bank, or null when the row adds a new one. */
  questionId: number | null
  code: string | null
  text: string
  counts: Counts
  /** Against the round's current results: a new result, a change to one, or the same counts again. */
  change: 'new' | 'changed' | 'unchanged'
  before: Counts | null
}

export const SURVEY_COLUMNS = {
  required: ['question', ...AGREEMENT_OPTIONS] as string[],
  optional: ['question_code'],
}

export const MAX_QUESTION_LENGTH = 300
const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,19}$/

/** A count of people: a whole number, 0 or more (a spreadsheet may write 12 as "12.0"). */
function readCount(raw: string | undefined): { ok: true; value: number } | { ok: false; reason: string } {
  const text = (raw ?? '').trim().replace(/,/g, '')
  if (!text) return { ok: false, reason: 'the count is empty: enter 0 if nobody chose it' }
  if (!/^\d+(\.0+)?$/.test(text)) {
    return { ok: false, reason: `"${text.slice(0, 20)}" is not a whole number of people, 0 or more` }
  }
  const value = Number(text)
  if (value > 1_000_000) return { ok: false, reason: `${value} is more people than any survey holds` }
  return { ok: true, value }
}

const sameCounts = (a: Counts, b: Counts) => AGREEMENT_OPTIONS.every((o) => a[o] === b[o])

export function validateSurveyImport(
  table: Table,
  input: {
    questions: readonly BankQuestion[]
    /** The responses received in the round: no question can have more answers than that. */
    responded: number
    /** The round's results as they are now, by question id. */
    current: ReadonlyMap<number, Counts>
  },
): { rows: SurveyImportRow[]; problems: SurveyImportProblem[] } {
  const problems: SurveyImportProblem[] = SURVEY_COLUMNS.required
    .filter((c) => !table.columns.includes(c))
    .map((c) => ({ row: 1, column: c, reason: `the column "${c}" is missing from the header row` }))
  if (problems.length) return { rows: [], problems }
  const byCode = new Map(input.questions.filter((q) => q.code).map((q) => [q.code!.toLowerCase(), q]))
  const byText = new Map(input.questions.map((q) => [q.text.toLowerCase(), q]))
  const rows: SurveyImportRow[] = []
  const seen = new Map<string, number>()
  for (const { rowNumber: row, cells } of table.rows) {
    const before = problems.length
    const code = (cells.question_code ?? '').trim()
    const text = (cells.question ?? '').trim().replace(/\s+/g, ' ')
    let question: BankQuestion | undefined
    if (code && !CODE_PATTERN.test(code)) {
      problems.push({
        row,
        column: 'question_code',
        reason: 'a question code is up to 20 letters, digits, dots, dashes or underscores, like Q4 or SUP-1',
      })
    } else if (code) {
      question = byCode.get(code.toLowerCase())
      if (!question) {
        const clash = byText.get(text.toLowerCase())
        if (!text) problems.push({ row, column: 'question', reason: `"${code}" is a new code: enter the question` })
        else if (clash)
          problems.push({
            row,
            column: 'question_code',
            reason: `this question is already in the bank${clash.code ? ` with the code "${clash.code}"` : ' without a code'}: use that, or leave the code empty`,
          })
      }
    } else if (!text) {
      problems.push({ row, column: 'question', reason: 'the question is empty: enter its wording or its code' })
    } else question = byText.get(text.toLowerCase())
    if (!question && text.length > MAX_QUESTION_LENGTH)
      problems.push({
        row,
        column: 'question',
        reason: `the question must be ${MAX_QUESTION_LENGTH} characters or fewer`,
      })

    const counts = {} as Counts
    let countsOk = true
    for (const option of AGREEMENT_OPTIONS) {
      const read = readCount(cells[option])
      if (read.ok) counts[option] = read.value
      else {
        countsOk = false
        problems.push({ row, column: option, reason: read.reason })
      }
    }
    if (countsOk) {
      const n = respondents(counts)
      if (n === 0) problems.push({ row, column: 'strongly_agree', reason: 'every count is 0: nobody answered' })
      else if (n > input.responded)
        problems.push({
          row,
          column: 'strongly_agree',
          reason: `the counts add up to ${n}, more than the ${input.responded} responses received in this round`,
        })
    }

    const key = question ? `id:${question.id}` : `text:${text.toLowerCase()}|${code.toLowerCase()}`
    if (question || text) {
      const first = seen.get(key) ?? (code ? seen.get(`code:${code.toLowerCase()}`) : undefined)
      if (first !== undefined)
        problems.push({
          row,
          column: 'question',
          reason: `a duplicate of row ${first}: the same question appears twice`,
        })
      else {
        seen.set(key, row)
        if (code) seen.set(`code:${code.toLowerCase()}`, row)
      }
    }

    if (problems.length === before) {
      const previous = question ? (input.current.get(question.id) ?? null) : null
      rows.push({
        row,
        questionId: question?.id ?? null,
        code: question ? question.code : code || null,
        text: question ? question.text : text,
        counts,
        change: previous === null ? 'new' : sameCounts(previous, counts) ? 'unchanged' : 'changed',
        before: previous,
      })
    }
  }
  return { rows, problems }
}
