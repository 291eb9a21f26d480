import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { plainText } from './text.js'

describe('plainText', () => {
  it('keeps text and writes numbers, and gives nothing for what is not text', () => {
    assert.equal(plainText('Aug 2018'), 'Aug 2018')
    assert.equal(plainText(12.5), '12.5')
    assert.equal(plainText(null), '')
    assert.equal(plainText(undefined), '')
    assert.equal(plainText({ a: 1 }), '')
    assert.equal(plainText(['x']), '')
    assert.equal(plainText(new Date('2023-01-02T00:00:00Z')), '2023-01-02T00:00:00.000Z')
  })
})
