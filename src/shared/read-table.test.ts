import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { firstInvalidUtf8, readTable, UploadError } from './read-table.js'

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
