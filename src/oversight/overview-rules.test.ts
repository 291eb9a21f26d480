// The overview's words and tallies, checked by hand.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dueBasis, dueWarning, findingCounts, requirementCounts } from './overview-rules.js'
import type { Tracking } from './tracking-rules.js'

const notice = { label: 'Improvement Notice', issuedOn: '2018-12-04' }
const t = (state: Tracking['state'], flags: Partial<Tracking> = {}): Tracking => ({
  state,
  overdue: false,
  noAction: false,
  actionLate: false,
  ...flags,
})

describe('why a review or visit is due when it is', () => {
  it('names the last one held, or the Notice, or says it is planned', () => {
    assert.equal(
      dueBasis({ kind: 'dfe-review', basis: 'interval', lastHeldOn: '2019-05-14', intervalMonths: 6 }, notice),
      '6 months after the review on 14 May 2019',
    )
    assert.equal(
      dueBasis({ kind: 'monitoring-visit', basis: 'interval', lastHeldOn: '2019-06-18', intervalMonths: 1 }, notice),
      '1 month after the last visit or inspection on 18 June 2019',
    )
    assert.equal(
      dueBasis({ kind: 'dfe-review', basis: 'interval', lastHeldOn: null, intervalMonths: 6 }, notice),
      '6 months after the Improvement Notice was issued on 4 December 2018',
    )
    assert.equal(
      dueBasis({ kind: 'dfe-review', basis: 'planned', lastHeldOn: '2019-05-14', intervalMonths: 6 }, notice),
      'Planned',
    )
  })
})

describe('the warning as a review or visit comes close', () => {
  const review = { kind: 'dfe-review' as const, label: 'DfE progress review', dueBy: '2020-06-21' }
  it('says how soon, and what to prepare', () => {
    assert.deepEqual(dueWarning({ ...review, daysLeft: 20, warning: 'soon' }), {
      text: 'The next DfE progress review is due in 20 days: prepare the self-assessment',
      action: 'self-assessments',
      actionText: 'Self-assessments',
    })
    assert.equal(
      dueWarning({ ...review, daysLeft: -3, warning: 'overdue' })?.text,
      'The next DfE progress review is overdue by 3 days: prepare the self-assessment',
    )
    assert.equal(
      dueWarning({ ...review, daysLeft: 0, warning: 'soon' })?.text.startsWith(
        'The next DfE progress review is due today',
      ),
      true,
    )
    const visit = dueWarning({
      kind: 'monitoring-visit',
      label: 'Ofsted monitoring visit',
      dueBy: '2020-06-02',
      daysLeft: 1,
      warning: 'soon',
    })
    assert.equal(visit?.action, 'findings')
    assert.match(visit?.text ?? '', /^The next Ofsted monitoring visit is due in 1 day: /)
  })
  it('gives a date rather than a count of days when it is long overdue', () => {
    assert.equal(
      dueWarning({ ...review, dueBy: '2022-01-26', daysLeft: -1776, warning: 'overdue' })?.text,
      'The next DfE progress review has been overdue since 26 January 2022: prepare the self-assessment',
    )
  })
  it('says nothing when it is not close', () => {
    assert.equal(dueWarning({ ...review, daysLeft: 60, warning: null }), null)
  })
})

describe('tallies', () => {
  it('counts open findings with each warning, closed ones, and never strengths', () => {
    const counts = findingCounts([
      { kind: 'strength', tracking: t('noted') },
      { kind: 'finding', tracking: t('closed') },
      { kind: 'finding', tracking: t('overdue', { overdue: true, noAction: true }) },
      { kind: 'recommendation', tracking: t('no-action', { noAction: true }) },
      { kind: 'recommendation', tracking: t('in-progress') },
    ])
    assert.deepEqual(counts, { open: 3, noAction: 2, overdue: 1, closed: 1 })
  })
  it('counts requirements met, overdue and with no evidence', () => {
    assert.deepEqual(
      requirementCounts([
        t('closed'),
        t('overdue', { overdue: true, noAction: true }),
        t('no-action', { noAction: true }),
        t('in-progress'),
      ]),
      { total: 4, met: 1, overdue: 1, noEvidence: 2 },
    )
  })
})
