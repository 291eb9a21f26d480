// The rules of a reporting round, checked by hand against a calendar. Q2 2026/27 ends on Wednesday
// 30 September 2026; Q3 on Thursday 31 December 2026. Weekends are skipped (bank holidays are not).
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  addWorkingDays,
  decidePeriodEdit,
  defaultRoundDates,
  isRoundLocked,
  lockedMessage,
  mayEditPeriod,
  periodLockFor,
  quartersToOpen,
  reminderDue,
  roundDateProblems,
  roundState,
  type RoundDates,
} from './round-rules.js'
import type { RoundLockFacts } from '../plan/period-lock.js'

const Q2 = '2026-07-01'
/** Q2 2026/27 with its default dates, opened in time. */
const q2Dates: RoundDates = {
  data_cutoff_on: '2026-09-30',
  updates_due_on: '2026-10-14',
  commentary_due_on: '2026-10-21',
  locks_on: '2026-10-26',
}
const round = (extra: Partial<RoundLockFacts & { reminder_days: number }> = {}) => ({
  id: 1,
  quarter_start: Q2,
  ...q2Dates,
  reminder_days: 3,
  locked_at: null,
  unlocked_at: null,
  unlock_reason: '',
  ...extra,
})

describe('a round’s default dates', () => {
  it('counts working days, skipping weekends', () => {
    assert.equal(addWorkingDays('2026-09-30', 10), '2026-10-14', 'Wednesday + 10 working days is two weeks on')
    assert.equal(addWorkingDays('2026-10-02', 1), '2026-10-05', 'Friday + 1 is Monday')
    assert.equal(addWorkingDays('2026-10-03', 1), '2026-10-05', 'Saturday + 1 is Monday')
    assert.equal(addWorkingDays('2026-10-14', 0), '2026-10-14')
  })

  it('sets the cut-off at the quarter’s end, then 10, 5 and 3 working days', () => {
    assert.deepEqual(defaultRoundDates(Q2, '2026-10-01'), q2Dates)
    // Q3 ends on a Thursday: 10 working days reach Thursday 14 January, 5 more Thursday 21, 3 more Tuesday 26.
    assert.deepEqual(defaultRoundDates('2026-10-01', '2026-12-07'), {
      data_cutoff_on: '2026-12-31',
      updates_due_on: '2027-01-14',
      commentary_due_on: '2027-01-21',
      locks_on: '2027-01-26',
    })
  })

  it('counts from today when a round is opened after the usual deadline has passed', () => {
    // Opened on Monday 7 December for Q2: updates Monday 21 December, commentary 28, lock 31.
    assert.deepEqual(defaultRoundDates(Q2, '2026-12-07'), {
      data_cutoff_on: '2026-09-30',
      updates_due_on: '2026-12-21',
      commentary_due_on: '2026-12-28',
      locks_on: '2026-12-31',
    })
  })

  it('offers the quarter just ended and the current one', () => {
    assert.deepEqual(
      quartersToOpen('2026-12-07').map((q) => q.label),
      ['Q2 2026/27', 'Q3 2026/27'],
    )
    assert.deepEqual(
      quartersToOpen('2027-01-01').map((q) => q.start),
      ['2026-10-01', '2027-01-01'],
    )
  })
})

describe('checking a round’s dates', () => {
  const today = '2026-10-01'
  const problems = (change: Partial<RoundDates>) =>
    roundDateProblems(Q2, { ...q2Dates, ...change }, today).map((p) => `${p.field}: ${p.message}`)

  it('accepts the defaults', () => {
    assert.deepEqual(problems({}), [])
  })

  it('keeps the cut-off between the first day of the quarter’s last month and 10 days after its end', () => {
    const message = 'dataCutoffOn: The data cut-off for Q2 2026/27 must be between 1 September 2026 and 10 October 2026'
    assert.deepEqual(problems({ data_cutoff_on: '2026-08-31' }), [message])
    assert.deepEqual(problems({ data_cutoff_on: '2026-09-01' }), [])
    assert.deepEqual(problems({ data_cutoff_on: '2026-10-10' }), [])
    assert.deepEqual(problems({ data_cutoff_on: '2026-10-11' }), [message])
  })

  it('puts updates on or after the cut-off, commentary strictly after updates, and the lock on or after commentary', () => {
    assert.deepEqual(problems({ updates_due_on: '2026-09-29' }), [
      'updatesDueOn: The deadline for owners’ updates must be the same as or after the data cut-off',
    ])
    assert.deepEqual(problems({ updates_due_on: '2026-09-30' }), [])
    assert.deepEqual(problems({ commentary_due_on: '2026-10-14' }), [
      'commentaryDueOn: The deadline for strand leads’ commentary must be after the deadline for owners’ updates',
    ])
    assert.deepEqual(problems({ locks_on: '2026-10-20' }), [
      'locksOn: The lock date must be the same as or after the deadline for commentary',
    ])
    assert.deepEqual(problems({ locks_on: '2026-10-21' }), [])
  })

  it('refuses a lock date in the past', () => {
    assert.deepEqual(
      roundDateProblems(Q2, q2Dates, '2026-10-27').map((p) => p.message),
      ['The lock date must be today or in the future'],
    )
    assert.deepEqual(roundDateProblems(Q2, q2Dates, '2026-10-26'), [], 'the lock date may be today')
  })
})

describe('a round’s state on each day', () => {
  it('is open to the updates deadline, then each deadline passes the day after, then it locks on its lock date', () => {
    const r = round()
    assert.equal(roundState(r, '2026-10-01'), 'open')
    assert.equal(roundState(r, '2026-10-14'), 'open', 'the deadline day itself')
    assert.equal(roundState(r, '2026-10-15'), 'updates-overdue')
    assert.equal(roundState(r, '2026-10-21'), 'updates-overdue')
    assert.equal(roundState(r, '2026-10-22'), 'commentary-overdue')
    assert.equal(roundState(r, '2026-10-25'), 'commentary-overdue')
    assert.equal(roundState(r, '2026-10-26'), 'locked', 'locked on its date, even before the scheduler runs')
    assert.ok(!isRoundLocked(r, '2026-10-25'))
    assert.ok(isRoundLocked(r, '2026-10-26'))
  })

  it('is locked from the moment it is locked by hand, before its lock date', () => {
    const r = round({ locked_at: new Date('2026-10-20T09:00:00Z') })
    assert.equal(roundState(r, '2026-10-20'), 'locked')
    assert.ok(isRoundLocked(r, '2026-10-20'))
  })

  it('stays reopened after its lock date until locked again', () => {
    const reopened = round({
      locked_at: new Date('2026-10-26T00:05:00Z'),
      unlocked_at: new Date('2026-11-02T10:00:00Z'),
      unlock_reason: 'September caseload entered for the wrong team',
    })
    assert.equal(roundState(reopened, '2026-11-02'), 'reopened')
    assert.equal(roundState(reopened, '2027-03-01'), 'reopened')
    assert.ok(!isRoundLocked(reopened, '2027-03-01'))
    const relocked = round({ locked_at: new Date('2026-11-03T12:00:00Z'), unlocked_at: null })
    assert.equal(roundState(relocked, '2026-11-03'), 'locked')
  })
})

describe('who may change the quarter’s data', () => {
  const open = round()
  const locked = round({ locked_at: new Date('2026-10-26T00:05:00Z') })
  const reopened = round({ locked_at: new Date('2026-10-26T00:05:00Z'), unlocked_at: new Date('2026-11-02T10:00:00Z') })
  const day = '2026-11-02'

  it('lets owners and editors change it while the round is open', () => {
    assert.ok(mayEditPeriod('strand-lead', open, '2026-10-20'))
    assert.ok(mayEditPeriod('improvement-team', open, '2026-10-20'))
    assert.ok(mayEditPeriod('strand-lead', undefined, day), 'no round: no lock')
  })

  it('lets nobody change it while it is locked, the improvement team included', () => {
    for (const role of ['admin', 'improvement-team', 'strand-lead', 'leader'] as const)
      assert.ok(!mayEditPeriod(role, locked, day), role)
  })

  it('lets only the improvement team and administrators change it while it is reopened', () => {
    assert.ok(mayEditPeriod('improvement-team', reopened, day))
    assert.ok(mayEditPeriod('admin', reopened, day))
    assert.ok(!mayEditPeriod('strand-lead', reopened, day))
    assert.ok(!mayEditPeriod('leader', reopened, day))
  })
})

describe('which periods a lock covers', () => {
  const q1Locked: RoundLockFacts = {
    id: 1,
    quarter_start: '2026-04-01',
    locks_on: '2026-07-24',
    locked_at: new Date('2026-07-21T10:00:00Z'),
    unlocked_at: null,
    unlock_reason: '',
  }
  const q2 = (extra: Partial<RoundLockFacts> = {}): RoundLockFacts => ({
    id: 2,
    quarter_start: Q2,
    locks_on: '2026-10-26',
    locked_at: null,
    unlocked_at: null,
    unlock_reason: '',
    ...extra,
  })
  const day = '2026-11-02'

  it('covers periods that end by the quarter’s end, and names the earliest locked round', () => {
    assert.equal(periodLockFor([q1Locked, q2()], '2026-06-30', '2026-10-01').state, 'locked', 'June, in Q1')
    assert.equal(periodLockFor([q1Locked, q2()], '2026-03-31', '2026-10-01').state, 'locked', 'March, before Q1')
    assert.equal(periodLockFor([q1Locked, q2()], '2026-08-31', '2026-10-01').state, 'open', 'August, in open Q2')
    const june = periodLockFor([q1Locked, q2({ locked_at: new Date('2026-10-26T00:05:00Z') })], '2026-06-30', day)
    assert.equal(june.state === 'locked' && june.round.id, 1)
    // The year 2026/27 ends on 31 March 2027, after Q2: its annual figure can still be entered.
    assert.equal(periodLockFor([q1Locked, q2({ locked_at: new Date() })], '2027-03-31', day).state, 'open')
  })

  it('says when and how it was locked, and records the reopening’s reason with a correction', () => {
    assert.equal(
      lockedMessage(q1Locked),
      'Q1 2026/27 was locked on 21 July 2026: its data can no longer be changed. The improvement team can reopen it with a reason.',
    )
    const reopened = q2({
      locked_at: new Date('2026-10-26T00:05:00Z'),
      unlocked_at: new Date('2026-11-02T10:00:00Z'),
      unlock_reason: 'September caseload entered for the wrong team',
    })
    assert.deepEqual(decidePeriodEdit('improvement-team', [q1Locked, reopened], ['2026-09-30'], day), {
      allowed: true,
      auditNote: 'Q2 2026/27 reopened: September caseload entered for the wrong team',
    })
    assert.deepEqual(decidePeriodEdit('strand-lead', [q1Locked, reopened], ['2026-09-30'], day), {
      allowed: false,
      message:
        'Q2 2026/27 is locked. The improvement team has reopened it to correct it: only they can change its data.',
    })
    // One period in locked Q1 refuses the whole change, even for the improvement team.
    const mixed = decidePeriodEdit('improvement-team', [q1Locked, reopened], ['2026-06-30', '2026-09-30'], day)
    assert.equal(mixed.allowed, false)
    assert.deepEqual(decidePeriodEdit('strand-lead', [q1Locked, q2()], ['2026-09-30'], '2026-10-01'), {
      allowed: true,
      auditNote: '',
    })
  })
})

describe('the reminders and digests due on a day', () => {
  const due = (today: string, extra: Parameters<typeof round>[0] = {}) =>
    reminderDue(round(extra), today).map((m) =>
      m.kind === 'digest' ? `digest ${m.deadline}` : `${m.when} ${m.deadline}`,
    )

  it('reminds from 3 days before each deadline and on the day, and sends a digest after it', () => {
    assert.deepEqual(due('2026-10-10'), [], '4 days before the updates deadline')
    assert.deepEqual(due('2026-10-11'), ['before updates'])
    assert.deepEqual(due('2026-10-13'), ['before updates'], 'a missed day is made up: each goes once')
    assert.deepEqual(due('2026-10-14'), ['on-the-day updates'])
    assert.deepEqual(due('2026-10-15'), ['digest updates'])
    assert.deepEqual(due('2026-10-18'), ['digest updates', 'before commentary'])
    assert.deepEqual(due('2026-10-21'), ['digest updates', 'on-the-day commentary'])
    assert.deepEqual(due('2026-10-22'), ['digest updates', 'digest commentary'])
  })

  it('sends nothing before the day with no days set, nor once the round has locked or been reopened', () => {
    assert.deepEqual(due('2026-10-13', { reminder_days: 0 }), [])
    assert.deepEqual(due('2026-10-14', { reminder_days: 0 }), ['on-the-day updates'])
    assert.deepEqual(due('2026-10-26'), [], 'locked on its lock date')
    assert.deepEqual(due('2026-10-18', { locked_at: new Date('2026-10-17T12:00:00Z') }), [])
    assert.deepEqual(
      due('2026-10-22', { locked_at: new Date('2026-10-17T12:00:00Z'), unlocked_at: new Date('2026-10-18T09:00:00Z') }),
      [],
    )
  })
})
