// The action log's rules, checked by hand: states on a day, carry-forward, decision outcomes, the next meeting.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  actionStateOn,
  actionStateText,
  carryForward,
  decisionOutcome,
  decisionOutcomeText,
  matchesFilter,
  meetingSchedule,
  nextMeetingDue,
  type RaisedAction,
} from './action-rules.js'

const open = (due_on: string) => ({ due_on, outcome: null, closed_on: null })
const closed = (due_on: string, outcome: 'done' | 'dropped', closed_on: string) => ({ due_on, outcome, closed_on })

describe('the state of an action on a day', () => {
  it('is open up to and on its due date, overdue from the day after', () => {
    const a = open('2026-03-10')
    assert.equal(actionStateOn(a, '2026-03-01'), 'open')
    assert.equal(actionStateOn(a, '2026-03-10'), 'open')
    assert.equal(actionStateOn(a, '2026-03-11'), 'overdue')
    assert.equal(actionStateText(a, '2026-03-10'), 'Open, due 10 March 2026')
    assert.equal(actionStateText(a, '2026-03-11'), 'Overdue by 1 day')
    // 10 March to 1 April: 22 days.
    assert.equal(actionStateText(a, '2026-04-01'), 'Overdue by 22 days')
  })

  it('reads closed from the day it was closed, and as it stood before that', () => {
    const late = closed('2026-03-10', 'done', '2026-03-20')
    assert.equal(actionStateOn(late, '2026-03-05'), 'open')
    assert.equal(actionStateOn(late, '2026-03-19'), 'overdue', 'closed after the day: still overdue then')
    assert.equal(actionStateOn(late, '2026-03-20'), 'done')
    assert.equal(actionStateText(late, '2026-06-30'), 'Done on 20 March 2026')
    const dropped = closed('2026-03-10', 'dropped', '2026-03-01')
    assert.equal(actionStateOn(dropped, '2026-02-28'), 'open')
    assert.equal(actionStateOn(dropped, '2026-03-01'), 'dropped')
    assert.equal(actionStateText(dropped, '2026-03-31'), 'Dropped on 1 March 2026')
  })

  it('filters the log: open takes in overdue, closed takes in done and dropped', () => {
    assert.deepEqual(
      (['open', 'overdue', 'done', 'dropped'] as const).map((s) => [
        matchesFilter(s, 'open'),
        matchesFilter(s, 'overdue'),
        matchesFilter(s, 'closed'),
        matchesFilter(s, 'all'),
      ]),
      [
        [true, false, false, true],
        [true, true, false, true],
        [false, false, true, true],
        [false, false, true, true],
      ],
    )
  })
})

describe('actions carried forward to a meeting', () => {
  type A = RaisedAction & { name: string }
  const a = (name: string, raisedOn: string, due_on: string, close?: ['done' | 'dropped', string]): A => ({
    name,
    raisedOn,
    due_on,
    outcome: close?.[0] ?? null,
    closed_on: close?.[1] ?? null,
  })
  const actions: A[] = [
    a('raised at this meeting', '2026-03-01', '2026-03-20'),
    a('open, not yet due', '2026-01-15', '2026-04-30'),
    a('overdue', '2026-01-15', '2026-02-01'),
    a('closed after this meeting', '2026-01-15', '2026-02-10', ['done', '2026-03-05']),
    a('closed on the meeting day', '2025-12-01', '2026-02-10', ['done', '2026-03-01']),
    a('closed since the meeting before', '2026-01-15', '2026-02-10', ['dropped', '2026-02-02']),
    a('closed before the meeting before', '2025-12-01', '2026-01-10', ['done', '2026-01-14']),
    a('closed on the day of the meeting before', '2025-12-01', '2026-01-10', ['done', '2026-01-15']),
  ]
  const names = (list: A[]) => list.map((x) => x.name)

  it('carries forward what was still open on the day, oldest due first, and lists what closed since', () => {
    const result = carryForward(actions, { heldOn: '2026-03-01', previousHeldOn: '2026-01-15' }, '2026-06-01')
    assert.equal(result.readOn, '2026-03-01')
    assert.deepEqual(names(result.carried), ['overdue', 'closed after this meeting', 'open, not yet due'])
    assert.deepEqual(names(result.closedSince), ['closed since the meeting before', 'closed on the meeting day'])
  })

  it('reads a planned meeting’s matters arising as they stand today', () => {
    const result = carryForward(actions, { heldOn: '2026-04-10', previousHeldOn: '2026-03-01' }, '2026-03-03')
    assert.equal(result.readOn, '2026-03-03')
    // The action raised on 1 March is earlier than the planned meeting, so it is carried forward too.
    assert.deepEqual(names(result.carried), [
      'overdue',
      'closed after this meeting',
      'raised at this meeting',
      'open, not yet due',
    ])
    assert.deepEqual(names(result.closedSince), [], 'closed on 1 March, the day of the meeting before')
    assert.equal(actionStateOn(result.carried[1]!, result.readOn), 'overdue', 'closed on 5 March: after today')
    assert.equal(actionStateOn(result.carried[2]!, result.readOn), 'open', 'due 20 March, not overdue today')
  })

  it('carries nothing to the first meeting', () => {
    const result = carryForward(actions, { heldOn: '2025-12-01', previousHeldOn: null }, '2026-06-01')
    assert.deepEqual([result.carried, result.closedSince], [[], []])
  })
})

describe('what became of a decision', () => {
  it('is overdue if any action is, in progress if any is open, done if all closed with one done', () => {
    assert.equal(decisionOutcome([]), 'no-action')
    assert.equal(decisionOutcome(['done', 'open', 'overdue']), 'overdue')
    assert.equal(decisionOutcome(['done', 'open']), 'in-progress')
    assert.equal(decisionOutcome(['done', 'dropped']), 'done')
    assert.equal(decisionOutcome(['dropped', 'dropped']), 'no-action')
    assert.equal(decisionOutcomeText(['done', 'overdue', 'done']), '1 overdue, 2 done')
    assert.equal(decisionOutcomeText(['open', 'done']), '1 open, 1 done')
    assert.equal(decisionOutcomeText(['done', 'dropped']), '1 done, 1 dropped')
    assert.equal(decisionOutcomeText([]), 'No action was set')
    assert.equal(decisionOutcomeText(['dropped', 'dropped']), '2 dropped')
  })
})

describe('the next meeting', () => {
  it('is due the cadence after the last meeting held, overdue once that day has passed', () => {
    // 17 November 2022 + 6 weeks = 29 December 2022.
    assert.equal(nextMeetingDue('2022-11-17', 6), '2022-12-29')
    assert.equal(nextMeetingDue(null, 6), null)
    const dates = ['2026-01-10', '2026-02-21', '2026-04-20', '2026-05-30']
    assert.deepEqual(meetingSchedule(dates, 6, '2026-04-03'), {
      lastHeldOn: '2026-02-21',
      nextDueOn: '2026-04-04',
      overdue: false,
      overdueDays: 0,
      plannedOn: '2026-04-20',
    })
    assert.deepEqual(meetingSchedule(dates, 6, '2026-04-07'), {
      lastHeldOn: '2026-02-21',
      nextDueOn: '2026-04-04',
      overdue: true,
      overdueDays: 3,
      plannedOn: '2026-04-20',
    })
    assert.equal(meetingSchedule(dates, 6, '2026-04-20').lastHeldOn, '2026-04-20', 'a meeting today is held')
    assert.deepEqual(meetingSchedule([], 6, '2026-04-20'), {
      lastHeldOn: null,
      nextDueOn: null,
      overdue: false,
      overdueDays: 0,
      plannedOn: null,
    })
  })
})
