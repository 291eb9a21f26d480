// The schedule of reviews and visits, hand-checked against the 2018 Notice's six-monthly reviews.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dueAfterDate, dueText, inForce, nextDue, type ScheduleEvent } from './schedule.js'

const notice = {
  issued_on: '2018-12-04',
  ended_on: null,
  review_interval_months: 6,
  monitoring_interval_months: 4,
}
const held = (kind: ScheduleEvent['kind'], startsOn: string): ScheduleEvent => ({ kind, state: 'held', startsOn })

describe('the next DfE review and monitoring visit', () => {
  it('counts from the Notice before any review, and from the last review held after', () => {
    const [review, visit] = nextDue(notice, [], '2019-01-10')
    assert.equal(review!.dueBy, '2019-06-04')
    assert.equal(review!.lastHeldOn, null)
    assert.equal(review!.warning, null)
    assert.equal(visit!.dueBy, '2019-04-04')

    const events = [
      held('dfe-review', '2019-05-14'),
      held('monitoring-visit', '2019-03-12'),
      held('monitoring-visit', '2019-06-18'),
    ]
    const [r2, v2] = nextDue(notice, events, '2019-10-01')
    assert.equal(r2!.dueBy, '2019-11-14', 'six months after 14 May')
    assert.equal(r2!.daysLeft, 44)
    assert.equal(r2!.warning, null, '44 days is outside the six-week warning')
    assert.equal(v2!.dueBy, '2019-10-18', 'four months after the June visit')
    assert.equal(v2!.warning, 'soon')
  })

  it('warns six weeks ahead, and says overdue once the day has passed with nothing held', () => {
    const events = [held('dfe-review', '2019-05-14')]
    assert.equal(nextDue(notice, events, '2019-10-03')[0]!.warning, 'soon', '42 days before')
    assert.equal(nextDue(notice, events, '2019-10-02')[0]!.warning, null, '43 days before')
    const late = nextDue(notice, events, '2019-11-20')[0]!
    assert.equal(late.warning, 'overdue')
    assert.equal(dueText(late), 'Overdue by 6 days')
  })

  it('shows a planned review when it comes before the interval, and ignores a planned one after', () => {
    const events: ScheduleEvent[] = [
      held('dfe-review', '2019-05-14'),
      { kind: 'dfe-review', state: 'planned', startsOn: '2019-10-20' },
    ]
    const review = nextDue(notice, events, '2019-10-01')[0]!
    assert.equal(review.dueBy, '2019-10-20')
    assert.equal(review.basis, 'planned')
    const later: ScheduleEvent[] = [
      held('dfe-review', '2019-05-14'),
      { kind: 'dfe-review', state: 'planned', startsOn: '2019-12-20' },
    ]
    assert.equal(nextDue(notice, later, '2019-10-01')[0]!.dueBy, '2019-11-14')
  })

  it('counts an inspection or focused visit as the last visit, but a review held before the Notice not at all', () => {
    const events = [held('focused-visit', '2020-12-01'), held('dfe-review', '2018-06-01')]
    const [review, visit] = nextDue(notice, events, '2021-01-05')
    assert.equal(visit!.dueBy, '2021-04-01')
    assert.equal(review!.lastHeldOn, null)
  })

  it('schedules nothing for an intervention no longer in force, and no visits when none are expected', () => {
    const ended = { ...notice, ended_on: '2021-07-26' }
    assert.equal(inForce(ended, '2021-07-25'), true)
    assert.equal(inForce(ended, '2021-07-26'), false, 'not on the day it ends')
    assert.equal(inForce(notice, '2018-12-03'), false, 'not before it is issued')
    assert.deepEqual(nextDue(ended, [], '2021-07-26'), [])
    assert.equal(nextDue({ ...notice, monitoring_interval_months: null }, [], '2019-01-10').length, 1)
    assert.equal(dueText({ daysLeft: 1, dueBy: '2019-01-11' }), 'Due in 1 day')
    assert.equal(dueText({ daysLeft: 0, dueBy: '2019-01-10' }), 'Due today')
    assert.equal(dueText({ daysLeft: 60, dueBy: '2019-03-11' }), 'Due in 60 days')
    assert.equal(dueText({ daysLeft: 61, dueBy: '2019-03-12' }), 'Due by 12 March 2019', 'far off: a date')
    assert.equal(dueText({ daysLeft: -1776, dueBy: '2022-01-26' }), 'Overdue since 26 January 2022')
    // After the date itself, as the overview shows it.
    assert.equal(dueAfterDate({ daysLeft: 20 }), 'due in 20 days')
    assert.equal(dueAfterDate({ daysLeft: -60 }), 'overdue by 60 days')
    assert.equal(dueAfterDate({ daysLeft: -61 }), 'overdue by more than two months')
    assert.equal(dueAfterDate({ daysLeft: 0 }), 'due today')
  })
})
