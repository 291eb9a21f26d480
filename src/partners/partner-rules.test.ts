// The short unique names of partner organisations and the comparison of their names, checked by hand.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { sameName, slugBase, uniqueSlug } from './partner-rules.js'

describe('the slug of a new partner organisation', () => {
  it('keeps letters and digits, joined by single hyphens', () => {
    assert.equal(slugBase('West Yorkshire Police'), 'west-yorkshire-police')
    assert.equal(slugBase('  Bradford Schools’ Forum (2023) '), 'bradford-schools-forum-2023')
    assert.equal(slugBase('Health & Care Partnership'), 'health-and-care-partnership')
    assert.equal(slugBase('Crèche Café'), 'creche-cafe')
    assert.equal(slugBase('!!!'), 'partner')
  })

  it('is at most 60 characters and never ends with a hyphen', () => {
    const slug = slugBase(`${'a'.repeat(59)} b`)
    assert.equal(slug, 'a'.repeat(59))
    assert.equal(slugBase('x'.repeat(80)).length, 60)
  })

  it('takes the next free number when the slug is taken', () => {
    assert.equal(uniqueSlug('Police', new Set()), 'police')
    assert.equal(uniqueSlug('Police', new Set(['police'])), 'police-2')
    assert.equal(uniqueSlug('Police', new Set(['police', 'police-2', 'police-4'])), 'police-3')
  })
})

describe('partner names', () => {
  it('are the same whatever their case and spacing', () => {
    assert.equal(sameName('West Yorkshire  Police', ' west yorkshire police'), true)
    assert.equal(sameName('West Yorkshire Police', 'West Yorkshire Fire'), false)
  })
})
