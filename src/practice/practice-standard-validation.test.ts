// The practice standard forms read strictly: whole numbers, due within the caseload, seen within due, the
// statutory count never below the local one where the local interval is the shorter, and a statutory
// minimum needing its source.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readMonthChoice, readMonthForm, readStandardForm } from './practice-standard-validation.js'

const weeks = (every: number) => ({ every, unit: 'weeks' as const })

describe('the month form', () => {
  it('reads whole numbers, commas allowed', () => {
    const read = readMonthForm(
      { caseload: '1,200', due: '1,000', seenLocal: '950', seenStatutory: '' },
      weeks(4),
      weeks(6),
    )
    assert.deepEqual(read, {
      ok: true,
      value: { caseload: 1200, due: 1000, seenLocal: 950, seenStatutory: null, note: '' },
    })
  })

  it('refuses fractions, words and negative numbers by field', () => {
    const read = readMonthForm({ caseload: '12.5', due: 'ten', seenLocal: '-1' }, weeks(4), weeks(6))
    assert.equal(read.ok, false)
    if (read.ok) return
    assert.equal(read.errors.fields.caseload?.text, 'The caseload must be a whole number, like 12')
    assert.equal(read.errors.fields.due?.text, 'The number due a visit must be a whole number, like 12')
    assert.equal(
      read.errors.fields.seenLocal?.text,
      'The number seen within the local standard must be from 0 to 100,000',
    )
  })

  it('keeps due within the caseload and seen within due', () => {
    const read = readMonthForm({ caseload: '10', due: '11', seenLocal: '12', seenStatutory: '13' }, weeks(4), weeks(6))
    assert.equal(read.ok, false)
    if (read.ok) return
    assert.deepEqual(
      read.errors.summary.map((s) => s.href),
      ['#due', '#seenLocal', '#seenStatutory'],
    )
  })

  it('refuses fewer seen within the minimum than within a shorter local standard, but not a longer one', () => {
    const shorter = readMonthForm({ caseload: '10', due: '10', seenLocal: '8', seenStatutory: '7' }, weeks(4), weeks(6))
    assert.equal(shorter.ok, false)
    const longer = readMonthForm({ caseload: '10', due: '10', seenLocal: '8', seenStatutory: '7' }, weeks(8), weeks(6))
    assert.equal(longer.ok, true)
    const none = readMonthForm({ caseload: '10', due: '10', seenLocal: '8', seenStatutory: '7' }, weeks(4), null)
    assert.equal(none.ok, false, 'no minimum: nothing can be seen within it')
  })

  it('reads the month chosen', () => {
    assert.deepEqual(readMonthChoice({ monthOfYear: '3', year: '2026' }), { ok: true, value: '2026-03-01' })
    assert.equal(readMonthChoice({ monthOfYear: '13', year: '2026' }).ok, false)
  })
})

describe('the standard form', () => {
  const base = { title: 'Visits', appliesTo: 'Children in care', localEvery: '4', localUnit: 'weeks' }

  it('needs the source of a statutory minimum, and ignores the minimum’s fields when there is none', () => {
    const missing = readStandardForm({ ...base, hasStatutory: 'yes', statutoryEvery: '6', statutoryUnit: 'weeks' })
    assert.equal(missing.ok, false)
    if (!missing.ok) assert.deepEqual(Object.keys(missing.errors.fields), ['statutorySource'])
    const none = readStandardForm({ ...base, hasStatutory: 'no', statutoryEvery: 'x', statutorySource: 'Policy' })
    assert.deepEqual(none.ok && [none.value.statutoryEvery, none.value.statutoryUnit, none.value.statutorySource], [
      null,
      null,
      'Policy',
    ])
  })

  it('limits weeks to 52 and days to 366', () => {
    const read = readStandardForm({
      ...base,
      localEvery: '53',
      hasStatutory: 'yes',
      statutoryEvery: '367',
      statutoryUnit: 'days',
      statutorySource: 'x',
    })
    assert.equal(read.ok, false)
    if (read.ok) return
    assert.equal(read.errors.fields.localEvery?.text, 'The local interval in weeks must be from 1 to 52')
    assert.equal(read.errors.fields.statutoryEvery?.text, 'The statutory minimum interval must be from 1 to 366')
  })
})
