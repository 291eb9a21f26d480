// CSV downloads: every cell a spreadsheet would run as a formula is neutralised, and plain numbers stay numbers.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { neutraliseFormula, toCsv } from './csv.js'

describe('CSV cells', () => {
  it('neutralises formulas, including those that start with a minus and a digit', () => {
    for (const payload of [
      "-2+3+cmd|' /C calc'!A0",
      '-1+HYPERLINK("http://example.com","x")',
      '=SUM(A1:A2)',
      '+1+1',
      '@SUM(A1)',
      '\t=1+1',
      '\r=1+1',
      '-',
      '-1-1',
      '-2e3+cmd',
    ]) {
      assert.equal(neutraliseFormula(payload), `'${payload}`, JSON.stringify(payload))
    }
  })

  it('leaves plain numbers, percentages and ordinary text alone', () => {
    for (const plain of ['-12', '-3.5', '-3.5%', '0', '42', 'Front door', 'R1', 'a-1', ''])
      assert.equal(neutraliseFormula(plain), plain)
  })

  it('writes the payloads quoted where they must be, prefixed, with numbers as numbers', () => {
    assert.equal(
      toCsv(
        ['Name', 'Value'],
        [
          ["-2+3+cmd|' /C calc'!A0", -4.5],
          ['-1+HYPERLINK("x")', '-7'],
        ],
      ),
      'Name,Value\r\n\'-2+3+cmd|\' /C calc\'!A0,-4.5\r\n"\'-1+HYPERLINK(""x"")",-7\r\n',
    )
  })
})
