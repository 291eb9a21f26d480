// The rules about requests to partners, checked by hand: a request due on 30 November 2022 (Q3 2022/23).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  answerChangeableUntil,
  commissionedByLabel,
  mayChangeAnswer,
  requestCounts,
  requestState,
  type RequestFacts,
} from './partner-request-state.js'

const due = '2022-11-30'
const awaited: RequestFacts = { due_on: due, received_on: null, responded_at: null }
const answeredOn = (day: string): RequestFacts => ({
  due_on: due,
  received_on: day,
  responded_at: new Date(`${day}T10:00:00Z`),
})

describe('the state of a request to a partner', () => {
  it('is not yet due up to and including its due date, then overdue', () => {
    assert.equal(requestState(awaited, '2022-11-29'), 'not-yet-due')
    assert.equal(requestState(awaited, '2022-11-30'), 'not-yet-due')
    assert.equal(requestState(awaited, '2022-12-01'), 'overdue')
  })

  it('is answered on time when received by the due date, late the day after, whatever today is', () => {
    assert.equal(requestState(answeredOn('2022-11-30'), '2023-06-01'), 'answered-on-time')
    assert.equal(requestState(answeredOn('2022-11-02'), '2022-11-03'), 'answered-on-time')
    assert.equal(requestState(answeredOn('2022-12-01'), '2022-12-01'), 'answered-late')
  })

  it('is marked received when the team received it without an answer here, on time or not', () => {
    assert.equal(requestState({ due_on: due, received_on: '2022-12-20', responded_at: null }, '2023-01-01'), 'received')
    assert.equal(requestState({ due_on: due, received_on: '2022-11-01', responded_at: null }, '2023-01-01'), 'received')
  })

  it('counts open, overdue (also open) and answered requests', () => {
    const requests = [
      awaited,
      { ...awaited, due_on: '2022-12-31' },
      answeredOn('2022-11-20'),
      answeredOn('2022-12-05'),
      { due_on: due, received_on: '2022-12-02', responded_at: null },
    ]
    assert.deepEqual(requestCounts(requests, '2022-12-10'), { open: 2, overdue: 1, answered: 3 })
    assert.deepEqual(requestCounts(requests, '2022-11-30'), { open: 2, overdue: 0, answered: 3 })
    assert.deepEqual(requestCounts([], '2022-11-30'), { open: 0, overdue: 0, answered: 0 })
  })
})

describe('who commissioned a request', () => {
  it('names the Board meeting by its date, or the improvement team', () => {
    assert.equal(commissionedByLabel({ held_on: '2026-01-12' }), 'Board, 12 January 2026')
    assert.equal(commissionedByLabel(null), 'The improvement team')
  })
})

describe('changing an answer', () => {
  const round = (quarterStart: string, locksOn: string, locked = false) => ({
    quarter_start: quarterStart,
    locks_on: locksOn,
    locked_at: locked ? new Date(`${locksOn}T09:00:00Z`) : null,
    unlocked_at: null,
  })
  // Answered on 2 December 2022: in Q3 2022/23 (from 1 October 2022).
  const answer = answeredOn('2022-12-02')

  it('is allowed while no round locks the quarter it was answered in, to the end of the next quarter', () => {
    assert.equal(answerChangeableUntil('2022-12-02'), '2023-03-31')
    assert.equal(answerChangeableUntil('2023-03-31'), '2023-06-30')
    assert.equal(mayChangeAnswer(answer, [], '2023-03-31'), true, 'no rounds at all')
    assert.equal(mayChangeAnswer(answer, [], '2023-04-01'), false, 'the quarter after has ended')
    assert.equal(mayChangeAnswer(answer, [round('2022-10-01', '2023-01-20')], '2023-01-19'), true, 'before its lock')
    assert.equal(mayChangeAnswer(answer, [round('2022-07-01', '2022-10-20', true)], '2023-01-19'), true, 'earlier')
  })

  it('stops on the lock date of that quarter’s round, or once a later quarter’s round has locked', () => {
    assert.equal(mayChangeAnswer(answer, [round('2022-10-01', '2023-01-20')], '2023-01-20'), false)
    assert.equal(mayChangeAnswer(answer, [round('2023-01-01', '2023-04-20', true)], '2023-02-01'), false)
    const reopened = { ...round('2022-10-01', '2023-01-20', true), unlocked_at: new Date('2023-01-25T09:00:00Z') }
    assert.equal(mayChangeAnswer(answer, [reopened], '2023-01-26'), true, 'reopened by the team')
  })

  it('is never allowed for a request still awaited, or one the team marked received', () => {
    assert.equal(mayChangeAnswer(awaited, [], '2022-12-01'), false)
    assert.equal(
      mayChangeAnswer({ due_on: due, received_on: '2022-12-02', responded_at: null }, [], '2022-12-03'),
      false,
    )
  })
})
