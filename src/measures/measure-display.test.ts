import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { pointDecimals } from './measure-display.js'

const point = (value: number, upperLimit: number, lowerLimit: number, side?: 'high' | 'low') => ({
  value,
  upperLimit,
  lowerLimit,
  directions: side ? { 'beyond-limit': side } : {},
})

describe('decimals that never contradict the words', () => {
  it('keeps the measure’s decimals when the point and its limit already differ', () => {
    assert.equal(pointDecimals(point(40.2, 37.7, 10, 'high'), 'percent', 1), 1)
  })

  it('shows more decimals for a point beyond a limit that would look equal to it', () => {
    // 37.72 is above an upper limit of 37.68: both "37.7%" at one decimal, "37.72%" and "37.68%" at two.
    assert.equal(pointDecimals(point(37.72, 37.68, 10, 'high'), 'percent', 1), 2)
    // 9.9996 below a lower limit of 10.0004: equal until the fourth decimal.
    assert.equal(pointDecimals(point(9.9996, 20, 10.0004, 'low'), 'count', 1), 4)
  })

  it('leaves points that are not beyond a limit alone', () => {
    assert.equal(pointDecimals(point(37.69, 37.68, 10), 'percent', 1), 1)
  })
})
