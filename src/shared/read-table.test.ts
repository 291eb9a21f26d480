import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { performance } from 'node:perf_hooks'
import ExcelJS from 'exceljs'
import { firstInvalidUtf8, readTable, UPLOAD_LIMITS, UploadError, zipEntries } from './read-table.js'

describe('reading an uploaded table', () => {
  it('reads a CSV into rows keyed by column, the header being row 1', async () => {
    const table = await readTable(Buffer.from('Measure Code,Period,Value\nVS-CASELOAD,2021-11,19.4\n'), 'v.csv')
    assert.deepEqual(table.columns, ['measure_code', 'period', 'value'])
    assert.deepEqual(table.rows, [
      { rowNumber: 2, cells: { measure_code: 'VS-CASELOAD', period: '2021-11', value: '19.4' } },
    ])
  })

  it('refuses a file that is not UTF-8, naming the row', async () => {
    // "café" in Windows-1252: the é is the single byte 0xE9, which UTF-8 never allows on its own.
    const file = Buffer.concat([
      Buffer.from('measure_code,period,value,note\nA,2021-11,1,ok\nA,2021-12,2,caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n'),
    ])
    await assert.rejects(readTable(file, 'v.csv'), (error: unknown) => {
      assert.ok(error instanceof UploadError)
      assert.match(error.message, /^Row 3 has characters that are not UTF-8 text/)
      return true
    })
  })

  it('finds the first invalid UTF-8 byte, and accepts every valid sequence', () => {
    assert.equal(firstInvalidUtf8(Buffer.from('plain, £ é € 𝄞')), -1)
    assert.equal(firstInvalidUtf8(Buffer.from([0x41, 0xc3])), 1, 'a sequence cut short')
    assert.equal(firstInvalidUtf8(Buffer.from([0xc0, 0x80])), 0, 'an overlong form')
    assert.equal(firstInvalidUtf8(Buffer.from([0xed, 0xa0, 0x80])), 0, 'a surrogate')
    assert.equal(firstInvalidUtf8(Buffer.from([0x41, 0x80])), 1, 'a stray continuation byte')
  })
})

describe('the limits on what an upload may hold', () => {
  const refusedWith = (pattern: RegExp) => (error: unknown) => {
    assert.ok(error instanceof UploadError, `expected an UploadError, got ${String(error)}`)
    assert.match(error.message, pattern)
    return true
  }

  it('refuses a CSV with 50,000 columns at once, saying how many it has and how many it may have', async () => {
    const header = Array.from({ length: 50_000 }, (_, i) => `c${i}`).join(',')
    const row = Array.from({ length: 50_000 }, () => '1').join(',')
    const file = Buffer.from(`${header}\n${[row, row, row, row, row].join('\n')}\n`)
    const started = performance.now()
    await assert.rejects(
      readTable(file, 'wide.csv'),
      refusedWith(/^The selected file has 50,000 columns; the most we can read is 200$/),
    )
    assert.ok(performance.now() - started < 1000, `refused quickly (${Math.round(performance.now() - started)} ms)`)
  })

  it('refuses a CSV row with more cells than the limit, even when the header is short', async () => {
    const file = Buffer.from(`a,b\n1,2\n${Array.from({ length: 300 }, () => 'x').join(',')}\n`)
    await assert.rejects(readTable(file, 'v.csv'), refusedWith(/^Row 3 has 300 cells; the most we can read is 200$/))
  })

  it('refuses a CSV with more rows than the limit', async () => {
    const lines = ['measure_code,period,value']
    for (let i = 0; i <= UPLOAD_LIMITS.rows; i++) lines.push(`M,2021-01,${i}`)
    await assert.rejects(
      readTable(Buffer.from(lines.join('\n')), 'long.csv'),
      refusedWith(/^The selected file has 200,001 rows; the most we can read is 200,000: split it into smaller files$/),
    )
  })

  it('refuses a CSV cell longer than the limit, naming its row and column', async () => {
    const file = Buffer.from(`measure_code,period,value,note\nM,2021-01,1,ok\nM,2021-02,2,${'n'.repeat(5000)}\n`)
    await assert.rejects(
      readTable(file, 'v.csv'),
      refusedWith(/^Row 3, column note has 5,000 characters; the most a cell can hold is 2,000$/),
    )
  })

  it('reads a long-format file of 100,000 values, as the measures benchmark imports, letting timers run meanwhile', async () => {
    const lines = ['measure_code,period,value,note']
    for (let i = 0; i < 100_000; i++) lines.push(`M${i % 80},2021-01,${(100 + (i % 37) / 3).toFixed(2)},`)
    let ticks = 0
    const timer = setInterval(() => ticks++, 1)
    try {
      const table = await readTable(Buffer.from(lines.join('\n')), 'bench.csv')
      const ticksWhileReading = ticks
      assert.equal(table.rows.length, 100_000)
      assert.ok(ticksWhileReading > 0, 'other work ran while the file was read')
    } finally {
      clearInterval(timer)
    }
  })

  async function workbookWith(rows: unknown[][]) {
    const workbook = new ExcelJS.Workbook()
    const sheet = workbook.addWorksheet('Values')
    for (const row of rows) sheet.addRow(row)
    return Buffer.from(await workbook.xlsx.writeBuffer())
  }

  it('refuses an XLSX file whose one cell unzips to 10 MB, before reading it', async () => {
    const file = await workbookWith([
      ['measure_code', 'note'],
      ['M', 'a'.repeat(10 * 1024 * 1024)],
    ])
    assert.ok(file.length < 200 * 1024, `the file is small (${file.length} bytes)`)
    await assert.rejects(
      readTable(file, 'bomb.xlsx'),
      refusedWith(
        /^The selected spreadsheet expands [\d,]+ times when unzipped \(\d+ MB from [\d,]+ bytes\); the most we accept is 200 times$/,
      ),
    )
  })

  it('refuses an XLSX file that declares smaller sizes than its entries unzip to', async () => {
    const file = await workbookWith([
      ['measure_code', 'note'],
      ['M', 'a'.repeat(3 * 1024 * 1024)],
    ])
    // Rewrite the shared strings' declared size, in the central directory, to 1 KB.
    const strings = zipEntries(file).find((e) => e.name === 'xl/sharedStrings.xml')!
    assert.ok(strings.size > 3 * 1024 * 1024)
    let directory = file.length
    while ((directory = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), directory - 1)) >= 0) {
      if (file.toString('utf8', directory + 46, directory + 46 + 20) === 'xl/sharedStrings.xml') break
    }
    assert.ok(directory >= 0)
    file.writeUInt32LE(1024, directory + 24)
    await assert.rejects(
      readTable(file, 'liar.xlsx'),
      refusedWith(/^The selected file could not be read as an XLSX spreadsheet$/),
    )
  })

  it('refuses an XLSX cell longer than the limit, and an XLSX file with too many columns', async () => {
    const long = await workbookWith([
      ['measure_code', 'note'],
      ['M', 'b'.repeat(2001)],
    ])
    await assert.rejects(
      readTable(long, 'v.xlsx'),
      refusedWith(/^Row 2, column note has 2,001 characters; the most a cell can hold is 2,000$/),
    )
    const wide = await workbookWith([Array.from({ length: 500 }, (_, i) => `c${i}`), ['1']])
    await assert.rejects(
      readTable(wide, 'v.xlsx'),
      refusedWith(/^The selected file has 500 columns; the most we can read is 200$/),
    )
  })

  it('still reads an XLSX file row by row as before: text, numbers and dates', async () => {
    const file = await workbookWith([
      ['Measure Code', 'Period', 'Value'],
      ['VS-CASELOAD', new Date(Date.UTC(2021, 10, 1)), 19.4],
      [],
      ['VS-CASELOAD', '2021-12', 18],
    ])
    const table = await readTable(file, 'v.xlsx')
    assert.deepEqual(table.columns, ['measure_code', 'period', 'value'])
    assert.deepEqual(table.rows, [
      { rowNumber: 2, cells: { measure_code: 'VS-CASELOAD', period: '2021-11-01', value: '19.4' } },
      { rowNumber: 4, cells: { measure_code: 'VS-CASELOAD', period: '2021-12', value: '18' } },
    ])
  })
})
