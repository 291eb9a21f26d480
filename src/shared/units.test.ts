import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { changeBetween, changeCells, changeColumns, changeShort, changeWords, formatValue, roundTo } from './units.js'

describe('values in their unit', () => {
  it('writes each unit as people read it', () => {
    assert.equal(formatValue(37.69751693, 'percent'), '37.7%')
    assert.equal(formatValue(6150, 'count'), '6,150')
    assert.equal(formatValue(19.4, 'count'), '19.4')
    assert.equal(formatValue(1200, 'money', 0), '£1,200')
    assert.equal(formatValue(null, 'count'), 'No data')
  })
})

describe('changes', () => {
  it('reads a change in a percentage in percentage points, never as a relative percentage', () => {
    // A vacancy rate from 12.0% to 37.7%: up 25.7 points (a relative 214% would mislead).
    const c = changeBetween(12, 37.7, 'percent')
    assert.equal(c.relativePercent, null)
    assert.equal(changeWords(c), 'Up 25.7 percentage points')
    assert.equal(changeShort(c), '+25.7 pts')
    assert.deepEqual(changeColumns('percent'), ['change_percentage_points'])
    assert.deepEqual(changeCells(c, 'percent'), [25.7])
    assert.equal(changeWords(changeBetween(10, 9, 'percent')), 'Down 1.0 percentage point')
  })

  it('reads a change in a count both ways: the difference and its share of the start', () => {
    // Open cases from 3,870 to 6,150: up 2,280, which is 58.9% of 3,870.
    const c = changeBetween(3870, 6150, 'count')
    assert.equal(changeWords(c), 'Up 2,280 (58.9%)')
    assert.equal(changeShort(c), '+2,280 (+58.9%)')
    assert.deepEqual(changeColumns('count'), ['change', 'change_percent'])
    assert.deepEqual(changeCells(c, 'count'), [2280, 58.9])
    assert.equal(changeWords(changeBetween(20, 18.5, 'count')), 'Down 1.5 (7.5%)')
  })

  it('has no relative change from zero, says when nothing changed, and when there is nothing to compare', () => {
    assert.equal(changeBetween(0, 4, 'count').relativePercent, null)
    assert.equal(changeWords(changeBetween(0, 4, 'count')), 'Up 4')
    assert.equal(changeWords(changeBetween(5, 5.01, 'percent')), 'No change')
    assert.equal(changeWords(null), 'No earlier value')
    assert.deepEqual(changeCells(null, 'count'), [null, null])
  })

  it('rounds numbers for files so binary noise never shows', () => {
    assert.equal(roundTo(11.949685534591195), 11.9497)
    assert.equal(roundTo(0.1 + 0.2), 0.3)
    assert.equal(roundTo(-0.00001), 0)
    assert.equal(roundTo(2.345, 1), 2.3)
  })
})
