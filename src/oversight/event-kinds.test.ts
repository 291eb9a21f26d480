// Titles, themes and the mapping from Ofsted's published data, checked by hand.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  defaultEventTitle,
  eventKindName,
  eventKindOfNational,
  eventTitle,
  findingsHave,
  parseThemes,
  themesText,
} from './event-kinds.js'
import { nationalKindOf } from './national-match.js'

describe('event titles', () => {
  it('defaults to the kind and the month it started', () => {
    assert.equal(defaultEventTitle('monitoring-visit', null, '2019-05-14'), 'Monitoring visit, May 2019')
    assert.equal(defaultEventTitle('inspection', 'short', '2022-11-21'), 'Short inspection, November 2022')
    assert.equal(defaultEventTitle('inspection', null, '2022-11-21'), 'Inspection, November 2022')
    assert.equal(defaultEventTitle('dfe-review', null, '2020-01-31'), 'DfE progress review, January 2020')
  })

  it('uses the typed title when there is one, ignoring spaces alone', () => {
    const event = { kind: 'jtai' as const, inspection_type: null, starts_on: '2023-03-01' }
    assert.equal(eventTitle({ ...event, title: 'Neglect JTAI' }), 'Neglect JTAI')
    assert.equal(eventTitle({ ...event, title: '   ' }), 'Joint targeted area inspection (JTAI), March 2023')
    assert.equal(eventKindName('inspection', 'standard'), 'Standard inspection')
  })
})

describe('themes typed one a line', () => {
  it('drops blank lines and repeats, and tidies spaces, keeping the order typed', () => {
    assert.deepEqual(parseThemes('Children in care\r\n\n  Care  leavers \nchildren in care\nHelp'), [
      'Children in care',
      'Care leavers',
      'Help',
    ])
    assert.deepEqual(parseThemes('   \n'), [])
    assert.equal(themesText(['A', 'B']), 'A\nB')
  })
})

describe('records in Ofsted’s published data', () => {
  it('maps each national kind to an event kind, and back again', () => {
    for (const national of ['standard inspection', 'short inspection', 'focused visit', 'monitoring visit']) {
      const mapped = eventKindOfNational(national)
      assert.ok(mapped, national)
      assert.equal(nationalKindOf(mapped.kind, mapped.inspectionType), national)
    }
    assert.equal(eventKindOfNational('latest judgement'), null)
  })

  it('counts findings in words', () => {
    assert.equal(findingsHave(1), '1 finding or recommendation has')
    assert.equal(findingsHave(3), '3 findings or recommendations have')
  })
})
