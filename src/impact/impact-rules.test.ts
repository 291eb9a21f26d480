import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { entryIsCurrent, measureDirection } from './impact-rules.js'

describe('which way a source of evidence points', () => {
  it('reads a measure from its SPC variation and target assurance', () => {
    assert.equal(
      measureDirection({ variation: 'special-cause-concern', assurance: 'consistently-passing' }),
      'worsening',
    )
    assert.equal(measureDirection({ variation: 'special-cause-improvement', assurance: 'hit-and-miss' }), 'improving')
    assert.equal(
      measureDirection({ variation: 'common-cause', assurance: 'consistently-passing' }),
      'improving',
      'holding at target is impact sustained',
    )
    assert.equal(measureDirection({ variation: 'common-cause', assurance: 'consistently-failing' }), 'no-change')
    assert.equal(measureDirection({ variation: 'special-cause-neither', assurance: 'no-target' }), 'no-change')
    assert.equal(measureDirection({ variation: 'not-enough-data', assurance: 'not-enough-data' }), 'no-change')
  })

  it('counts an evidence entry as current for six months after it was observed', () => {
    // Observed 1 July: five whole months to 31 December; observed 30 June: six.
    assert.ok(entryIsCurrent('2022-07-01', '2022-12-31'))
    assert.ok(!entryIsCurrent('2022-06-30', '2022-12-31'))
    assert.ok(entryIsCurrent('2022-12-31', '2022-12-31'))
    assert.ok(!entryIsCurrent('2023-01-01', '2022-12-31'), 'not yet observed on the date')
  })
})
