import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { overdueAt, rateProgress, rateStrand, worst, type MilestoneFact } from './status-rules.js'

const Q3_END = '2022-12-31'
const m = (status: MilestoneFact['status'], due_on: string, completed_on: string | null = null): MilestoneFact => ({
  status,
  due_on,
  completed_on,
})

describe('milestones as at a date', () => {
  it('is overdue when due by the date and not complete by then, even if completed later', () => {
    assert.ok(overdueAt(m('on-track', '2022-12-31'), Q3_END), 'due on the last day and open')
    assert.ok(!overdueAt(m('on-track', '2023-01-01'), Q3_END))
    assert.ok(!overdueAt(m('complete', '2022-11-30', '2022-12-31'), Q3_END))
    assert.ok(overdueAt(m('complete', '2022-11-30', '2023-01-15'), Q3_END), 'finished after the quarter')
  })
})

describe('red, amber, green', () => {
  it('is green when everything due is done and no measure is of concern', () => {
    const r = rateProgress(
      [m('complete', '2022-11-30', '2022-11-28'), m('on-track', '2023-02-28')],
      [{ variation: 'common-cause', assurance: 'hit-and-miss' }],
      Q3_END,
    )
    assert.equal(r.rag, 'green')
  })

  it('is amber for a milestone overdue by 90 days or less, or at risk, or a measure of concern', () => {
    // due 2 October: 90 days before 31 December
    assert.deepEqual(rateProgress([m('on-track', '2022-10-02')], [], Q3_END), {
      rag: 'amber',
      reasons: ['1 milestone overdue'],
    })
    assert.equal(rateProgress([m('at-risk', '2023-03-31')], [], Q3_END).rag, 'amber')
    assert.deepEqual(rateProgress([], [{ variation: 'special-cause-concern', assurance: 'hit-and-miss' }], Q3_END), {
      rag: 'amber',
      reasons: ['1 measure showing special cause concern'],
    })
    assert.equal(
      rateProgress([], [{ variation: 'common-cause', assurance: 'consistently-failing' }], Q3_END).rag,
      'amber',
    )
  })

  it('is red for a milestone overdue by more than 90 days, one off track, or a measure worsening and failing', () => {
    // due 1 October: 91 days before 31 December
    const r = rateProgress([m('on-track', '2022-10-01'), m('at-risk', '2023-03-31')], [], Q3_END)
    assert.deepEqual(r, { rag: 'red', reasons: ['1 milestone overdue by more than 90 days', '1 milestone at risk'] })
    assert.equal(rateProgress([m('off-track', '2023-03-31')], [], Q3_END).rag, 'red')
    assert.equal(
      rateProgress([m('off-track', '2022-06-30', '2022-06-30')], [], Q3_END).rag,
      'green',
      'a finished milestone is not off track',
    )
    assert.equal(
      rateProgress([], [{ variation: 'special-cause-concern', assurance: 'consistently-failing' }], Q3_END).rag,
      'red',
    )
  })

  it('is not rated with nothing to judge by, and a strand takes the worst of its parts', () => {
    assert.equal(rateProgress([], [], Q3_END).rag, 'not-rated')
    assert.equal(worst(['green', 'amber', 'not-rated']), 'amber')
    assert.equal(worst(['green', 'red', 'amber']), 'red')
    assert.equal(worst([]), 'not-rated')
  })

  it('rates a strand by the worst of its objectives and its own measures, naming what decided it', () => {
    const concern = { variation: 'special-cause-concern', assurance: 'hit-and-miss' } as const
    assert.deepEqual(
      rateStrand(
        [
          { title: 'Front door', rag: 'green' },
          { title: 'Early help', rag: 'amber' },
        ],
        [],
        Q3_END,
      ),
      { rag: 'amber', reasons: ['Objective "Early help" is amber'] },
    )
    assert.deepEqual(rateStrand([{ title: 'Front door', rag: 'green' }], [concern], Q3_END), {
      rag: 'amber',
      reasons: ['1 measure showing special cause concern'],
    })
    assert.deepEqual(rateStrand([{ title: 'Front door', rag: 'green' }], [], Q3_END), {
      rag: 'green',
      reasons: ['All objectives green'],
    })
    assert.deepEqual(rateStrand([], [], Q3_END), { rag: 'not-rated', reasons: ['Nothing to judge by'] })
  })
})
