// Reads an uploaded CSV or XLSX file into rows of text cells keyed by lower-cased column name.
// Row numbers are as a person sees them in a spreadsheet: the header is row 1.
import { isUtf8 } from 'node:buffer'
import { Readable } from 'node:stream'
import zlib from 'node:zlib'
import { parse } from 'csv-parse'
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

/**
 * What an uploaded table may hold, checked while it is read (before it is read, for the zip inside an XLSX
 * file), so a small file that expands cannot fill the server's memory or the database. The rows allow a
 * long-format measures import of 100,000 values (bench/measures.ts) twice over; the shipped national releases
 * have at most 32 columns and 655 characters in a cell.
 */
export const UPLOAD_LIMITS = {
  rows: 200_000,
  columns: 200,
  /** Characters in one cell. */
  cellCharacters: 2_000,
  /** Cells read: rows times columns. */
  cells: 1_000_000,
  /** Characters of text in all the cells read. */
  textCharacters: 10_000_000,
  /** Bytes an XLSX file's zip entries expand to, all together. */
  unzippedBytes: 100 * 1024 * 1024,
  /** How many times larger than its compressed size a zip entry of more than 1 MB may expand. */
  compressionRatio: 200,
} as const

/**
 * How many problems a preview of an upload lists: the rest are counted, not listed (a file with a problem on
 * every one of 200,000 rows would otherwise make a page of tens of megabytes).
 */
export const SHOWN_PROBLEMS = 50

/**
 * The first SHOWN_PROBLEMS problems, how many there are in all (as a number and in words) and, when some are
 * not listed, a line saying how many more there are.
 */
export function firstProblems<T>(problems: readonly T[]) {
  const more = problems.length - SHOWN_PROBLEMS
  return {
    problems: problems.slice(0, SHOWN_PROBLEMS),
    problemCount: problems.length,
    problemCountText: `${count(problems.length)} ${problems.length === 1 ? 'problem' : 'problems'}`,
    moreProblems: more > 0 ? `and ${count(more)} more ${more === 1 ? 'problem' : 'problems'}` : '',
  }
}

/** Rows read before the reader lets other requests run. */
const ROWS_PER_SLICE = 500

const count = (n: number) => n.toLocaleString('en-GB')
const megabytes = (bytes: number) => `${count(Math.ceil(bytes / 1024 / 1024))} MB`

/** Lets other requests (and timers) run between slices of a long read. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve))

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
  const table = kind === 'csv' ? await readCsv(buffer) : await readXlsx(buffer)
  if (table.columns.length === 0) throw new UploadError('The selected file has no header row')
  if (table.rows.length === 0) throw new UploadError('The selected file has a header row but no data rows')
  return table
}

/**
 * Builds a table row by row, refusing the file as soon as it passes one of UPLOAD_LIMITS, and letting other
 * requests run every few hundred rows.
 */
class TableBuilder {
  readonly rows: TableRow[] = []
  columns: string[] = []
  private cells = 0
  private text = 0
  private sinceYield = 0

  header(names: string[]) {
    // Spreadsheets often save empty cells after the last heading: those are not columns.
    let last = names.length
    while (last > 0 && names[last - 1] === '') last--
    if (last > UPLOAD_LIMITS.columns) throw tooManyColumns(last)
    this.columns = names.slice(0, last).map(normaliseHeader)
  }

  /**
   * Adds a data row (cells in column order, as text); an empty row is skipped. Says when the reader should let
   * other requests run (every ROWS_PER_SLICE rows): a promise per row would cost more than the row itself.
   */
  row(rowNumber: number, values: string[]): boolean {
    let empty = true
    for (let j = 0; j < values.length; j++) {
      if (values[j] !== '') {
        empty = false
        break
      }
    }
    if (empty) return false
    if (this.rows.length >= UPLOAD_LIMITS.rows) {
      throw new UploadError(
        `The selected file has more than ${count(UPLOAD_LIMITS.rows)} rows; the most we can read is ${count(UPLOAD_LIMITS.rows)}: split it into smaller files`,
      )
    }
    const cells: Record<string, string> = {}
    const columns = this.columns
    for (let j = 0; j < columns.length; j++) {
      const column = columns[j]!
      const value = values[j] ?? ''
      if (value.length > UPLOAD_LIMITS.cellCharacters) {
        throw new UploadError(
          `Row ${rowNumber}, column ${column || j + 1} has ${count(value.length)} characters; the most a cell can hold is ${count(UPLOAD_LIMITS.cellCharacters)}`,
        )
      }
      this.text += value.length
      if (column) cells[column] = value
    }
    this.cells += columns.length
    if (this.cells > UPLOAD_LIMITS.cells) {
      throw new UploadError(
        `The selected file has more than ${count(UPLOAD_LIMITS.cells)} cells (rows times columns); the most we can read is ${count(UPLOAD_LIMITS.cells)}: split it into smaller files`,
      )
    }
    if (this.text > UPLOAD_LIMITS.textCharacters) {
      throw new UploadError(
        `The selected file has more than ${count(UPLOAD_LIMITS.textCharacters)} characters of text; the most we can read is ${count(UPLOAD_LIMITS.textCharacters)}: split it into smaller files`,
      )
    }
    this.rows.push({ rowNumber, cells })
    if (++this.sinceYield < ROWS_PER_SLICE) return false
    this.sinceYield = 0
    return true
  }

  table(): Table {
    return { columns: this.columns.filter(Boolean), rows: this.rows }
  }
}

function tooManyColumns(n: number) {
  return new UploadError(
    `The selected file has ${count(n)} columns; the most we can read is ${count(UPLOAD_LIMITS.columns)}`,
  )
}

/** Where the first byte that is not valid UTF-8 is, or -1 when the whole buffer is valid. */
export function firstInvalidUtf8(buffer: Uint8Array): number {
  // Node's own check (strict, like the walk below) answers for a whole valid file at once; the walk finds where.
  if (isUtf8(buffer)) return -1
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

async function readCsv(buffer: Buffer): Promise<Table> {
  const invalid = firstInvalidUtf8(buffer)
  if (invalid >= 0) {
    // Row numbers as a spreadsheet shows them: the header is row 1.
    const row = buffer.subarray(0, invalid).filter((b) => b === 0x0a).length + 1
    throw new UploadError(
      `Row ${row} has characters that are not UTF-8 text: save the file as "CSV UTF-8" and upload it again`,
    )
  }
  await checkCsvShape(buffer)
  const parser = parse({
    bom: true,
    relax_column_count: true,
    skip_empty_lines: false,
    trim: true,
    // A record longer than every cell at its longest is refused while it is read, not after.
    max_record_size: UPLOAD_LIMITS.columns * (UPLOAD_LIMITS.cellCharacters + 3),
  })
  // Fed in slices, so the parser never holds more than a slice of the file beyond the record it is reading.
  const feed = Readable.from(
    (function* () {
      for (let i = 0; i < buffer.length; i += 64 * 1024) yield buffer.subarray(i, i + 64 * 1024)
    })(),
  )
  feed.pipe(parser)
  const builder = new TableBuilder()
  let line = 0
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      line++
      if (line === 1) {
        builder.header(record)
        continue
      }
      if (record.length > UPLOAD_LIMITS.columns && record.slice(UPLOAD_LIMITS.columns).some((c) => c !== '')) {
        throw new UploadError(
          `Row ${line} has ${count(record.length)} cells; the most we can read is ${count(UPLOAD_LIMITS.columns)}`,
        )
      }
      if (builder.row(line, record)) await nextTurn()
    }
  } catch (error) {
    feed.destroy()
    parser.destroy()
    if (error instanceof UploadError) throw error
    const code = (error as { code?: string }).code
    if (code === 'CSV_MAX_RECORD_SIZE') {
      throw new UploadError(
        `Row ${line + 1} is longer than ${count(UPLOAD_LIMITS.columns * UPLOAD_LIMITS.cellCharacters)} characters; the most we can read is ${count(UPLOAD_LIMITS.columns)} cells of ${count(UPLOAD_LIMITS.cellCharacters)} characters`,
      )
    }
    throw new UploadError(`The selected file could not be read as CSV: ${(error as Error).message}`)
  }
  return builder.table()
}

/**
 * Counts the records and the cells in each, minding quotes, in one quick pass over the bytes: a parser takes
 * far longer over a row of 50,000 cells than this does, so the limits on rows and columns are checked here,
 * before parsing, with the actual figures. The pass pauses every megabyte to let other requests run.
 */
async function checkCsvShape(buffer: Buffer): Promise<void> {
  const COMMA = 0x2c
  const QUOTE = 0x22
  const NEWLINE = 0x0a
  let quoted = false
  let cells = 1
  // Cells up to the last one with something in it: empty cells after it are not counted.
  let lastFilled = 0
  let filled = false
  let record = 1
  let rows = 0
  for (let i = 0; i < buffer.length; i++) {
    if (i % (1024 * 1024) === 0 && i > 0) await nextTurn()
    const byte = buffer[i]!
    if (byte === QUOTE) {
      quoted = !quoted
      filled = true
      lastFilled = cells
    } else if (quoted) continue
    else if (byte === COMMA) cells++
    else if (byte === NEWLINE) {
      if (filled) endRecord()
      record++
      cells = 1
      lastFilled = 0
      filled = false
    } else if (byte !== 0x20 && byte !== 0x09 && byte !== 0x0d) {
      filled = true
      lastFilled = cells
    }
  }
  if (filled) endRecord()
  if (rows - 1 > UPLOAD_LIMITS.rows) {
    throw new UploadError(
      `The selected file has ${count(rows - 1)} rows; the most we can read is ${count(UPLOAD_LIMITS.rows)}: split it into smaller files`,
    )
  }

  function endRecord() {
    rows++
    if (lastFilled <= UPLOAD_LIMITS.columns) return
    if (rows === 1) throw tooManyColumns(lastFilled)
    throw new UploadError(
      `Row ${record} has ${count(lastFilled)} cells; the most we can read is ${count(UPLOAD_LIMITS.columns)}`,
    )
  }
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
  await checkZip(buffer)
  // The streaming reader reads the zip entry by entry and the first worksheet row by row, so reading stops
  // at a limit without the rest of the workbook ever being held in memory.
  const input = Readable.from([buffer])
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  })
  const builder = new TableBuilder()
  let sheets = 0
  try {
    for await (const sheet of reader) {
      sheets++
      let headerSeen = false
      for await (const row of sheet as unknown as AsyncIterable<ExcelJS.Row>) {
        if (!headerSeen) {
          headerSeen = true
          if (row.number !== 1) builder.header([])
          if (row.cellCount > UPLOAD_LIMITS.columns && lastFilledCell(row) > UPLOAD_LIMITS.columns)
            throw tooManyColumns(lastFilledCell(row))
          if (row.number === 1) {
            builder.header(Array.from({ length: row.cellCount }, (_, j) => cellText(row.getCell(j + 1).value)))
            continue
          }
        }
        const values = builder.columns.map((_, j) => cellText(row.getCell(j + 1).value))
        if (builder.row(row.number, values)) await nextTurn()
      }
      break
    }
  } catch (error) {
    input.destroy()
    if (error instanceof UploadError) throw error
    throw new UploadError('The selected file could not be read as an XLSX spreadsheet')
  }
  input.destroy()
  if (!sheets) throw new UploadError('The selected spreadsheet has no worksheets')
  return builder.table()
}

function lastFilledCell(row: ExcelJS.Row): number {
  let last = 0
  row.eachCell((_, col) => (last = col))
  return last
}

// ---------------------------------------------------------------------------------------------------------
// The zip inside an XLSX file, checked before it is unzipped
// ---------------------------------------------------------------------------------------------------------

interface ZipEntry {
  name: string
  method: number
  compressedSize: number
  size: number
  localOffset: number
}

const END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06])
const NOT_XLSX = 'The selected file could not be read as an XLSX spreadsheet'

/** The entries the zip's central directory lists, or an UploadError when it cannot be read. */
export function zipEntries(buffer: Buffer): ZipEntry[] {
  // The end-of-central-directory record is in the last 22 bytes, or up to 64 KB before when it has a comment.
  let end = -1
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      end = i
      break
    }
  }
  if (end < 0) throw new UploadError(NOT_XLSX)
  const total = buffer.readUInt16LE(end + 10)
  const directoryOffset = buffer.readUInt32LE(end + 16)
  // Zip64 (0xffff entries, 0xffffffff offsets) is for files far larger than anyone uploads here.
  if (total === 0xffff || directoryOffset === 0xffffffff) throw new UploadError(NOT_XLSX)
  const entries: ZipEntry[] = []
  let at = directoryOffset
  for (let n = 0; n < total; n++) {
    if (at + 46 > buffer.length || buffer.readUInt32LE(at) !== 0x02014b50) throw new UploadError(NOT_XLSX)
    const nameLength = buffer.readUInt16LE(at + 28)
    const entry = {
      method: buffer.readUInt16LE(at + 10),
      compressedSize: buffer.readUInt32LE(at + 20),
      size: buffer.readUInt32LE(at + 24),
      localOffset: buffer.readUInt32LE(at + 42),
      name: buffer.toString('utf8', at + 46, at + 46 + nameLength),
    }
    entries.push(entry)
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32)
  }
  return entries
}

/** Where an entry's compressed data is, from its local header. */
function entryData(buffer: Buffer, entry: ZipEntry): Buffer {
  const at = entry.localOffset
  if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== 0x04034b50) throw new UploadError(NOT_XLSX)
  const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28)
  if (start + entry.compressedSize > buffer.length) throw new UploadError(NOT_XLSX)
  return buffer.subarray(start, start + entry.compressedSize)
}

/** How many bytes compressed data inflates to, stopping once it passes the limit (off the event loop). */
function inflatedLength(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const inflate = zlib.createInflateRaw()
    let length = 0
    inflate.on('data', (chunk: Buffer) => {
      length += chunk.length
      if (length > limit) {
        inflate.destroy()
        resolve(length)
      }
    })
    inflate.on('end', () => resolve(length))
    inflate.on('error', () => reject(new UploadError(NOT_XLSX)))
    inflate.end(data)
  })
}

/**
 * Refuses an XLSX file whose zip would expand past UPLOAD_LIMITS: first by the sizes its central directory
 * declares, then by unzipping each entry and counting (a file can declare sizes it does not keep to). Every
 * byte before the central directory must belong to a listed entry, so nothing is hidden from the check.
 */
export async function checkZip(buffer: Buffer): Promise<void> {
  const entries = zipEntries(buffer)
  let declared = 0
  for (const entry of entries) {
    declared += entry.size
    if (entry.size > 1024 * 1024 && entry.size > entry.compressedSize * UPLOAD_LIMITS.compressionRatio) {
      const ratio = Math.round(entry.size / Math.max(entry.compressedSize, 1))
      throw new UploadError(
        `The selected spreadsheet expands ${count(ratio)} times when unzipped (${megabytes(entry.size)} from ${count(entry.compressedSize)} bytes); the most we accept is ${count(UPLOAD_LIMITS.compressionRatio)} times`,
      )
    }
  }
  if (declared > UPLOAD_LIMITS.unzippedBytes) {
    throw new UploadError(
      `The selected spreadsheet expands to ${megabytes(declared)} when unzipped; the most we can read is ${megabytes(UPLOAD_LIMITS.unzippedBytes)}`,
    )
  }
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset)
  let covered = 0
  for (const entry of byOffset) {
    // Between entries there may be a data descriptor (at most 16 bytes), nothing more.
    if (entry.localOffset < covered || entry.localOffset > covered + 16) throw new UploadError(NOT_XLSX)
    const data = entryData(buffer, entry)
    covered = data.byteOffset - buffer.byteOffset + data.length
    if (entry.method === 0) {
      if (entry.size !== entry.compressedSize) throw new UploadError(NOT_XLSX)
    } else if (entry.method === 8) {
      const actual = await inflatedLength(data, entry.size)
      if (actual !== entry.size) throw new UploadError(NOT_XLSX)
    } else throw new UploadError(NOT_XLSX)
  }
  const directoryOffset = buffer.readUInt32LE(buffer.lastIndexOf(END_OF_DIRECTORY) + 16)
  if (directoryOffset < covered || directoryOffset > covered + 16) throw new UploadError(NOT_XLSX)
}
