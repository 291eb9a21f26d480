import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { matchNational, nationalKindOf, unrecordedNational, type MatchableEvent } from './national-match.js'

const national = [
  { id: 7, kind: 'standard inspection', started_on: '2018-09-17' },
  { id: 8, kind: 'monitoring visit', started_on: '2024-05-22' },
  { id: 9, kind: 'standard inspection', started_on: '2022-11-21' },
]
const event = (over: Partial<MatchableEvent>): MatchableEvent => ({
  national_inspection_id: null,
  kind: 'inspection',
  inspection_type: 'standard',
  starts_on: '2018-09-17',
  ...over,
})

describe('matching a recorded inspection to the national Ofsted data', () => {
  it('matches on kind and first day, or on the id it was recorded from', () => {
    assert.equal(matchNational(event({}), national)?.id, 7)
    assert.equal(
      matchNational(event({ inspection_type: 'short' }), national),
      undefined,
      'a short inspection is another kind',
    )
    assert.equal(matchNational(event({ starts_on: '2018-09-18' }), national), undefined)
    assert.equal(matchNational(event({ national_inspection_id: 9, starts_on: '2022-11-20' }), national)?.id, 9)
    assert.equal(
      matchNational(event({ kind: 'monitoring-visit', inspection_type: null, starts_on: '2024-05-22' }), national)?.id,
      8,
    )
  })

  it('never matches a review, and lists the national records not yet recorded', () => {
    assert.equal(nationalKindOf('dfe-review', null), null)
    assert.equal(matchNational(event({ kind: 'dfe-review', inspection_type: null }), national), undefined)
    assert.deepEqual(
      unrecordedNational([event({})], national).map((n) => n.id),
      [8, 9],
    )
  })
})
