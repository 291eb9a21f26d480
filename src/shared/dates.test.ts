import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dateParts, formatDate, formatDateTime, todayIso } from './dates.js'

describe('dates', () => {
  it('formats dates and times for people, in UK time', () => {
    assert.equal(formatDate('2023-02-02'), '2 February 2023')
    assert.equal(formatDate(''), '')
    assert.equal(formatDate(null), '')
    assert.equal(formatDateTime(new Date('2023-07-01T11:05:00Z')), '1 July 2023, 12:05 pm')
    assert.equal(formatDateTime(new Date('2023-01-20T12:00:00Z')), '20 January 2023, 12:00 pm')
  })

  it('splits a date into the fields of a date input', () => {
    assert.deepEqual(dateParts('2023-03-05'), { day: '5', month: '3', year: '2023' })
    assert.deepEqual(dateParts(null), { day: '', month: '', year: '' })
  })

  it('knows today in the UK, not in UTC', () => {
    assert.equal(todayIso(new Date('2023-06-30T23:30:00Z')), '2023-07-01')
    assert.equal(todayIso(new Date('2023-12-31T23:30:00Z')), '2023-12-31')
  })
})
