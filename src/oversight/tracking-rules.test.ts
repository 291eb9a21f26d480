// The tracking rules, hand-checked: each case says why the state is what it is.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { closeProblems, tracking, trackingCounts, trackingLabel, type LinkedTarget } from './tracking-rules.js'

const TODAY = '2020-06-01'
const objective: LinkedTarget = { type: 'objective' }
const report: LinkedTarget = { type: 'report' }
const evidence: LinkedTarget = { type: 'evidence' }
const milestone = (dueOn: string, completedOn: string | null = null): LinkedTarget => ({
  type: 'milestone',
  milestone: { dueOn, completedOn },
})

describe('tracking a finding or recommendation', () => {
  const finding = { kind: 'finding' as const, dueOn: null, closedOn: null }

  it('warns when no objective or milestone answers it; evidence alone is not an action', () => {
    assert.equal(tracking(finding, [], TODAY).state, 'no-action')
    const withEvidence = tracking(finding, [evidence], TODAY)
    assert.equal(withEvidence.state, 'no-action')
    assert.equal(withEvidence.noAction, true)
    assert.equal(tracking(finding, [objective], TODAY).state, 'in-progress')
  })

  it('is overdue the day after its due date, not on it, and still says it has no action', () => {
    const due = { ...finding, dueOn: '2020-06-01' }
    assert.equal(tracking(due, [objective], '2020-06-01').state, 'in-progress')
    const late = tracking(due, [], '2020-06-02')
    assert.deepEqual(late, { state: 'overdue', overdue: true, noAction: true, actionLate: false })
  })

  it('says when a linked milestone is late, and ready to close when every linked milestone is complete', () => {
    assert.equal(tracking(finding, [milestone('2020-05-31')], TODAY).state, 'action-late')
    assert.equal(tracking(finding, [milestone('2020-06-01')], TODAY).state, 'in-progress', 'due today is not late')
    assert.equal(tracking(finding, [milestone('2020-05-31', '2020-05-20')], TODAY).state, 'ready-to-close')
    assert.equal(
      tracking(finding, [milestone('2020-05-31', '2020-05-20'), milestone('2020-09-30')], TODAY).state,
      'in-progress',
      'one of two milestones still open',
    )
    assert.equal(
      tracking(finding, [objective, milestone('2020-04-01', '2020-03-01')], TODAY).state,
      'ready-to-close',
      'an objective alongside complete milestones does not hold it open',
    )
  })

  it('once closed, is closed: no warnings even past its due date', () => {
    const closed = { kind: 'recommendation' as const, dueOn: '2020-01-01', closedOn: '2020-03-01' }
    assert.deepEqual(tracking(closed, [], TODAY), {
      state: 'closed',
      overdue: false,
      noAction: false,
      actionLate: false,
    })
  })

  it('notes a strength and never warns about it', () => {
    assert.equal(tracking({ kind: 'strength', dueOn: '2019-01-01', closedOn: null }, [], TODAY).state, 'noted')
  })
})

describe('tracking a Notice requirement', () => {
  const requirement = { kind: 'requirement' as const, dueOn: '2020-04-30', closedOn: null }

  it('counts any link as evidence: a report or Board meeting is enough', () => {
    assert.equal(tracking({ ...requirement, dueOn: null }, [], TODAY).state, 'no-action')
    assert.equal(trackingLabel('requirement', 'no-action'), 'No evidence linked')
    assert.equal(tracking({ ...requirement, dueOn: null }, [report], TODAY).state, 'in-progress')
  })

  it('is overdue after its due date unless met, and reads "Met" when closed', () => {
    assert.equal(tracking(requirement, [report], TODAY).state, 'overdue')
    assert.equal(tracking(requirement, [report], '2020-04-30').state, 'in-progress')
    const met = tracking({ ...requirement, closedOn: '2020-04-20' }, [report], TODAY)
    assert.equal(trackingLabel('requirement', met.state), 'Met')
    assert.equal(trackingLabel('finding', met.state), 'Closed')
  })
})

describe('closing with evidence', () => {
  it('needs a note and a link that answers it, on a day not in the future', () => {
    assert.deepEqual(closeProblems({ kind: 'finding' }, [objective], 'Audit in May: 70% good', TODAY, TODAY), [])
    assert.deepEqual(closeProblems({ kind: 'finding' }, [evidence], 'Audit', TODAY, TODAY), [
      'Link the objective or milestone that answered it first',
    ])
    assert.deepEqual(closeProblems({ kind: 'requirement' }, [evidence], '  ', '2020-06-02', TODAY), [
      'Say what shows it is met: the evidence, in a sentence or two',
      'The day it was met cannot be in the future',
    ])
    assert.deepEqual(closeProblems({ kind: 'requirement' }, [], 'Board in place', TODAY, TODAY), [
      'Link the evidence first: a plan item, report, Board meeting or evidence entry',
    ])
    assert.equal(closeProblems({ kind: 'strength' }, [objective], 'x', TODAY, TODAY).length, 1)
  })
})

describe('counting states', () => {
  it('counts each state, zero for those absent', () => {
    const counts = trackingCounts(['closed', 'closed', 'overdue'])
    assert.equal(counts.closed, 2)
    assert.equal(counts.overdue, 1)
    assert.equal(counts['no-action'], 0)
  })
})
