// Reads an uploaded CSV or XLSX file into rows of text cells keyed by lower-cased column name.
// Row numbers are as a person sees them in a spreadsheet: the header is row 1.
import { parse } from 'csv-parse/sync'
import ExcelJS from 'exceljs'
import { plainText } from './text.js'

export interface TableRow {
  rowNumber: number
  cells: Record<string, string>
}

export interface Table {
  columns: string[]
  rows: TableRow[]
}

export class UploadError extends Error {}

export const MAX_UPLOAD_BYTES = 5 * 1024 * 1024
const MAX_ROWS = 200_000

export function fileKind(filename: string): 'csv' | 'xlsx' | undefined {
  const lower = filename.toLowerCase()
  if (lower.endsWith('.csv')) return 'csv'
  if (lower.endsWith('.xlsx')) return 'xlsx'
  return undefined
}

function normaliseHeader(h: unknown): string {
  return plainText(h)
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
}

export async function readTable(buffer: Buffer, filename: string): Promise<Table> {
  const kind = fileKind(filename)
  if (!kind) throw new UploadError('The selected file must be a CSV or XLSX file')
  if (buffer.length === 0) throw new UploadError('The selected file is empty')
  const table = kind === 'csv' ? readCsv(buffer) : await readXlsx(buffer)
  if (table.columns.length === 0) throw new UploadError('The selected file has no header row')
  if (table.rows.length === 0) throw new UploadError('The selected file has a header row but no data rows')
  if (table.rows.length > MAX_ROWS) {
    throw new UploadError(
      `The selected file has ${table.rows.length} rows: split it into files of ${MAX_ROWS} rows or fewer`,
    )
  }
  return table
}

/** Where the first byte that is not valid UTF-8 is, or -1 when the whole buffer is valid. */
export function firstInvalidUtf8(buffer: Uint8Array): number {
  for (let i = 0; i < buffer.length;) {
    const byte = buffer[i]!
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte <= 0xdf
          ? 2
          : byte >= 0xe0 && byte <= 0xef
            ? 3
            : byte >= 0xf0 && byte <= 0xf4
              ? 4
              : 0
    if (length === 0 || i + length > buffer.length) return i
    for (let k = 1; k < length; k++) if ((buffer[i + k]! & 0xc0) !== 0x80) return i
    // Overlong forms, surrogates and code points above U+10FFFF are not valid UTF-8 either.
    const second = buffer[i + 1] ?? 0
    if ((byte === 0xe0 && second < 0xa0) || (byte === 0xed && second > 0x9f)) return i
    if ((byte === 0xf0 && second < 0x90) || (byte === 0xf4 && second > 0x8f)) return i
    i += length
  }
  return -1
}

function readCsv(buffer: Buffer): Table {
  const invalid = firstInvalidUtf8(buffer)
  if (invalid >= 0) {
    // Row numbers as a spreadsheet shows them: the header is row 1.
    const row = buffer.subarray(0, invalid).filter((b) => b === 0x0a).length + 1
    throw new UploadError(
      `Row ${row} has characters that are not UTF-8 text: save the file as "CSV UTF-8" and upload it again`,
    )
  }
  let records: string[][]
  try {
    records = parse(buffer, { bom: true, relax_column_count: true, skip_empty_lines: false, trim: true })
  } catch (error) {
    throw new UploadError(`The selected file could not be read as CSV: ${(error as Error).message}`)
  }
  const [header = [], ...body] = records
  const columns = header.map(normaliseHeader)
  const rows: TableRow[] = []
  body.forEach((record, i) => {
    if (record.every((c) => c === '')) return
    rows.push({ rowNumber: i + 2, cells: Object.fromEntries(columns.map((c, j) => [c, record[j] ?? ''])) })
  })
  return { columns: columns.filter(Boolean), rows }
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if (typeof value === 'object') {
    if ('result' in value) return cellText(value.result)
    if ('richText' in value) return value.richText.map((r) => r.text).join('')
    if ('text' in value) return String(value.text)
    if ('error' in value) return String(value.error)
  }
  return plainText(value).trim()
}

async function readXlsx(buffer: Buffer): Promise<Table> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer)
  } catch {
    throw new UploadError('The selected file could not be read as an XLSX spreadsheet')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new UploadError('The selected spreadsheet has no worksheets')
  const header = sheet.getRow(1)
  const columns: string[] = []
  header.eachCell({ includeEmpty: true }, (cell, col) => {
    columns[col - 1] = normaliseHeader(cellText(cell.value))
  })
  const rows: TableRow[] = []
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return
    const cells: Record<string, string> = {}
    columns.forEach((c, j) => {
      if (c) cells[c] = cellText(row.getCell(j + 1).value)
    })
    if (Object.values(cells).every((v) => v === '')) return
    rows.push({ rowNumber, cells })
  })
  return { columns: columns.filter(Boolean), rows }
}
