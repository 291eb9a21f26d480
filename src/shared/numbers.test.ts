import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { readNumber } from './numbers.js'

const value = (raw: string) => {
  const r = readNumber(raw)
  return r.ok ? r.value : r.reason
}

describe('reading a number strictly', () => {
  it('reads numbers as people write them', () => {
    assert.equal(value('12.5'), 12.5)
    assert.equal(value(' 1,234 '), 1234)
    assert.equal(value('1,234,567.25'), 1234567.25)
    assert.equal(value('37.7%'), 37.7)
    assert.equal(value('£1,200'), 1200)
    assert.equal(value('-3'), -3)
    assert.equal(value('.5'), 0.5)
    assert.equal(value('-0'), 0)
  })

  it('refuses what only looks like a number, saying why', () => {
    assert.match(String(value('1,2,3')), /commas may only separate thousands/)
    assert.match(String(value('12,34')), /commas may only separate thousands/)
    assert.match(String(value('1e-400')), /exponent notation/)
    assert.match(String(value('1E5')), /exponent notation/)
    assert.match(String(value('NaN')), /is not a number/)
    assert.match(String(value('Infinity')), /is not a number/)
    assert.match(String(value('12.5.1')), /is not a number/)
    assert.match(String(value('')), /empty/)
    assert.match(String(value('9'.repeat(400))), /too large/)
  })
})
