import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parsePeriod } from './periods.js'

const ok = (period: string) => ({ ok: true, period })

describe('parsePeriod', () => {
  it('reads months in the forms people type', () => {
    for (const text of ['2018-08', '2018-8', '2018-08-31', '31/08/2018', 'Aug 2018', 'August 2018', 'aug 2018']) {
      assert.deepEqual(parsePeriod(text, 'monthly'), ok('2018-08-01'), text)
    }
  })

  it('explains what is wrong with a bad month', () => {
    const empty = parsePeriod('  ', 'monthly')
    assert.equal(empty.ok, false)
    assert.match((empty as { reason: string }).reason, /empty/)
    assert.match((parsePeriod('2018-13', 'monthly') as { reason: string }).reason, /not a real month/)
    assert.match(
      (parsePeriod('next month', 'monthly') as { reason: string }).reason,
      /not a month: use 2018-08 or Aug 2018/,
    )
    assert.equal(parsePeriod('1850-01', 'monthly').ok, false)
  })

  it('refuses a date that does not exist rather than reading its month', () => {
    assert.match((parsePeriod('31/02/2022', 'monthly') as { reason: string }).reason, /not a real date/)
    assert.match((parsePeriod('2022-02-30', 'monthly') as { reason: string }).reason, /not a real date/)
    assert.deepEqual(parsePeriod('29/02/2024', 'monthly'), ok('2024-02-01'), 'a leap day exists')
    assert.match((parsePeriod('29/02/2023', 'monthly') as { reason: string }).reason, /not a real date/)
  })

  it('refuses a quarter with a year out of range or a suffix that is not the next year', () => {
    for (const text of ['0010/11 Q1', '9999/00 Q1', '2100/01 Q4']) {
      const r = parsePeriod(text, 'quarterly')
      assert.equal(r.ok, false, text)
      assert.match((r as { reason: string }).reason, /out of range/, text)
    }
    assert.match(
      (parsePeriod('2022/24 Q1', 'quarterly') as { reason: string }).reason,
      /not a financial year and quarter/,
    )
  })

  it('reads financial quarters, and months that start a quarter', () => {
    assert.deepEqual(parsePeriod('2022/23 Q1', 'quarterly'), ok('2022-04-01'))
    assert.deepEqual(parsePeriod('2022/23 Q3', 'quarterly'), ok('2022-10-01'))
    assert.deepEqual(parsePeriod('2022/23 q4', 'quarterly'), ok('2023-01-01'))
    assert.deepEqual(parsePeriod('2022-10', 'quarterly'), ok('2022-10-01'))
    assert.match((parsePeriod('2022-11', 'quarterly') as { reason: string }).reason, /does not start a quarter/)
  })

  it('reads financial years both ways', () => {
    assert.deepEqual(parsePeriod('2024/25', 'annual'), ok('2024-04-01'))
    assert.deepEqual(parsePeriod('2025', 'annual'), ok('2024-04-01'), 'DfE 2025 = year ending March 2025')
    assert.equal(parsePeriod('2024/26', 'annual').ok, false)
    assert.deepEqual(parsePeriod('1999/00', 'annual'), ok('1999-04-01'))
  })
})
