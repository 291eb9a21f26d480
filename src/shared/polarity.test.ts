import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { directionMeaning, isBetter } from './polarity.js'

describe('which way is better', () => {
  it('compares two values by polarity; equal values and neutral figures are never better', () => {
    assert.equal(isBetter(20, 10, 'higher'), true)
    assert.equal(isBetter(10, 20, 'higher'), false)
    assert.equal(isBetter(10, 20, 'lower'), true)
    assert.equal(isBetter(20, 10, 'lower'), false)
    assert.equal(isBetter(10, 10, 'higher'), false)
    assert.equal(isBetter(10, 10, 'lower'), false)
    assert.equal(isBetter(20, 10, 'neutral'), false)
    assert.equal(isBetter(10, 20, 'neutral'), false)
  })

  it('says whether a rise or a fall is good news', () => {
    assert.equal(directionMeaning(true, 'higher'), 'better')
    assert.equal(directionMeaning(false, 'higher'), 'worse')
    assert.equal(directionMeaning(true, 'lower'), 'worse')
    assert.equal(directionMeaning(false, 'lower'), 'better')
    assert.equal(directionMeaning(true, 'neutral'), 'neither')
  })
})
