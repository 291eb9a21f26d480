// The date checks behind the leadership forms: a change must start after the period in force (so periods never
// overlap), not in the future, and while the post exists; a post's own dates must hold all its periods.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { checkChangeDate, checkPostDates } from './leadership-validation.js'

describe('checkChangeDate', () => {
  const post = { created_on: '2024-01-01', deleted_on: '2026-06-01' }
  const today = '2026-03-01'

  it('accepts a day after the latest start, up to today, while the post exists', () => {
    assert.equal(checkChangeDate('2025-02-02', post, '2025-02-01', today), null)
    assert.equal(checkChangeDate(today, post, '2025-02-01', today), null)
    assert.equal(checkChangeDate('2024-01-01', post, null, today), null, 'the first period, on the day it was created')
  })

  it('refuses the same day as, or a day before, the period in force: periods cannot overlap', () => {
    assert.match(
      checkChangeDate('2025-02-01', post, '2025-02-01', today) ?? '',
      /after 1 February 2025, when the period in force began/,
    )
    assert.match(checkChangeDate('2024-06-01', post, '2025-02-01', today) ?? '', /periods cannot overlap/)
  })

  it('refuses the future, before the post was created and from its removal on', () => {
    assert.match(checkChangeDate('2026-03-02', post, null, today) ?? '', /today or in the past/)
    assert.match(
      checkChangeDate('2023-12-31', post, null, today) ?? '',
      /on or after the day the post was created, 1 January 2024/,
    )
    assert.match(checkChangeDate('2026-06-01', post, null, '2026-07-01') ?? '', /removed on 1 June 2026/)
  })
})

describe('checkPostDates', () => {
  it('keeps every period inside the post’s life', () => {
    const periods = { first: '2024-01-01', last: '2025-05-01' }
    assert.deepEqual(checkPostDates({ createdOn: '2024-01-01', deletedOn: '2025-05-02' }, periods), [])
    assert.deepEqual(
      checkPostDates({ createdOn: '2024-01-02', deletedOn: '2025-05-01' }, periods).map((p) => p.field),
      ['createdOn', 'deletedOn'],
    )
    assert.deepEqual(
      checkPostDates({ createdOn: '2024-01-01', deletedOn: '2024-01-01' }, null).map((p) => p.text),
      ['The date the post was removed must be after the date it was created'],
    )
    assert.deepEqual(checkPostDates({ createdOn: null, deletedOn: null }, periods), [])
  })
})
