import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { rateDelivery, rateOverall, worst, type MilestoneItem } from './status-rules.js'
import { rateImpact, type EvidenceSource, type ImpactResult } from '../impact/impact-rules.js'
import { overdueAt, statusText, type MilestoneFact } from '../plan/milestone-status.js'

const Q3_END = '2022-12-31'
let nextId = 1
const m = (status: MilestoneFact['status'], due_on: string, completed_on: string | null = null): MilestoneItem => {
  const id = nextId++
  return { status, due_on, completed_on, ref: { anchor: `milestone-${id}`, label: `M${id}` } }
}
const anchors = (r: { reasons: Array<{ items: Array<{ anchor: string }> }> }) =>
  r.reasons.map((x) => x.items.map((i) => i.anchor))
const texts = (r: { reasons: Array<{ text: string }> }) => r.reasons.map((x) => x.text)
const source = (direction: EvidenceSource['direction'], current = true): EvidenceSource => ({
  ref: { anchor: `evidence-${nextId++}`, label: 'E' },
  direction,
  current,
})

describe('milestones as at a date', () => {
  it('is overdue when due before the date and not complete by then, even if completed later', () => {
    assert.ok(!overdueAt(m('on-track', '2022-12-31'), Q3_END), 'due on the last day is not yet overdue')
    assert.ok(overdueAt(m('on-track', '2022-12-30'), Q3_END))
    assert.ok(!overdueAt(m('on-track', '2023-01-01'), Q3_END))
    assert.ok(!overdueAt(m('complete', '2022-11-30', '2022-12-31'), Q3_END))
    assert.ok(overdueAt(m('complete', '2022-11-30', '2023-01-15'), Q3_END), 'finished after the quarter')
  })

  it('never shows an overdue milestone as simply on track', () => {
    assert.equal(statusText(m('on-track', '2022-12-01'), Q3_END), 'Overdue; last reported on track')
    assert.equal(statusText(m('at-risk', '2022-12-01'), Q3_END), 'Overdue; last reported at risk')
    assert.equal(statusText(m('on-track', '2022-12-31'), Q3_END), 'On track')
    assert.equal(statusText(m('complete', '2022-11-30', '2023-01-15'), Q3_END), 'Overdue; last reported on track')
    assert.equal(statusText(m('complete', '2022-11-30', '2022-11-29'), Q3_END), 'Complete')
  })
})

describe('delivery, from milestones', () => {
  it('is green when everything due is done, and not rated with no milestones', () => {
    assert.equal(
      rateDelivery([m('complete', '2022-11-30', '2022-11-28'), m('on-track', '2023-02-28')], Q3_END).rag,
      'green',
    )
    assert.deepEqual(rateDelivery([], Q3_END), { rag: 'not-rated', reasons: [{ text: 'No milestones', items: [] }] })
  })

  it('is amber for a milestone overdue by 90 days or less, or one at risk, naming each', () => {
    // Due 2 October: 90 days before 31 December.
    const overdue = m('on-track', '2022-10-02')
    const atRisk = m('at-risk', '2023-03-31')
    const r = rateDelivery([overdue, atRisk, m('on-track', '2023-03-31')], Q3_END)
    assert.equal(r.rag, 'amber')
    assert.deepEqual(texts(r), ['1 milestone overdue', '1 milestone at risk'])
    assert.deepEqual(anchors(r), [[overdue.ref.anchor], [atRisk.ref.anchor]])
  })

  it('is red for a milestone overdue by more than 90 days or one off track, listing amber reasons after', () => {
    // Due 1 October: 91 days before 31 December.
    const late = m('on-track', '2022-10-01')
    const offTrack = m('off-track', '2023-03-31')
    const atRisk = m('at-risk', '2023-03-31')
    const r = rateDelivery([late, offTrack, atRisk], Q3_END)
    assert.equal(r.rag, 'red')
    assert.deepEqual(texts(r), [
      '1 milestone overdue by more than 90 days',
      '1 milestone off track',
      '1 milestone at risk',
    ])
    assert.deepEqual(anchors(r), [[late.ref.anchor], [offTrack.ref.anchor], [atRisk.ref.anchor]])
    assert.equal(
      rateDelivery([m('off-track', '2022-06-30', '2022-06-30')], Q3_END).rag,
      'green',
      'a finished milestone is not off track',
    )
  })

  it('counts a milestone due on the quarter end as not yet overdue', () => {
    assert.equal(rateDelivery([m('on-track', '2022-12-31')], Q3_END).rag, 'green')
  })
})

describe('impact, from current evidence', () => {
  it('is "no evidence of impact yet" with no sources, or only ones that are not current', () => {
    assert.equal(rateImpact([]).level, 'none')
    assert.deepEqual(texts(rateImpact([])), [
      'No evidence of impact yet: no linked measure, evidence entry or evidence from practice',
    ])
    const old = source('improving', false)
    const r = rateImpact([old])
    assert.equal(r.level, 'none')
    assert.deepEqual(texts(r), ['No evidence of impact yet', '1 source not current, so not counted'])
    assert.deepEqual(anchors(r), [[], [old.ref.anchor]])
  })

  it('is worsening when any current source worsens, even beside improving ones', () => {
    const worse = source('worsening')
    const r = rateImpact([source('improving'), worse, source('worsening', false)])
    assert.equal(r.level, 'worsening')
    assert.deepEqual(texts({ reasons: r.concerns }), ['1 source of evidence worsening'])
    assert.deepEqual(anchors({ reasons: r.concerns }), [[worse.ref.anchor]])
  })

  it('is improving when a current source improves and none worsens, and no change otherwise', () => {
    assert.equal(rateImpact([source('improving'), source('no-change')]).level, 'improving')
    assert.equal(rateImpact([source('no-change'), source('improving', false)]).level, 'no-change')
  })
})

describe('overall status: never Green without current evidence of impact', () => {
  const impact = (...sources: EvidenceSource[]): ImpactResult => rateImpact(sources)
  const onTime = rateDelivery([m('complete', '2022-11-30', '2022-11-28')], Q3_END)

  it('is green only when delivery is green (or not rated) and impact is improving', () => {
    assert.equal(rateOverall(onTime, impact(source('improving'))).rag, 'green')
    assert.deepEqual(texts(rateOverall(rateDelivery([], Q3_END), impact(source('improving')))), [
      'Current evidence of improvement; no milestones to judge delivery by',
    ])
  })

  it('is amber with milestones on time but no evidence of impact yet, and says so', () => {
    const r = rateOverall(onTime, impact())
    assert.equal(r.rag, 'amber')
    assert.deepEqual(texts(r), [
      'No evidence of impact yet: no linked measure, evidence entry or evidence from practice',
    ])
  })

  it('is amber with no change, and red with worsening evidence', () => {
    assert.equal(rateOverall(onTime, impact(source('no-change'))).rag, 'amber')
    assert.equal(rateOverall(onTime, impact(source('worsening'))).rag, 'red')
  })

  it('takes the worse of delivery and impact, giving the reasons of each part of concern', () => {
    const offTrack = m('off-track', '2023-03-31')
    const r = rateOverall(rateDelivery([offTrack], Q3_END), impact(source('no-change')))
    assert.equal(r.rag, 'red')
    assert.deepEqual(texts(r), ['1 milestone off track', '1 source of evidence showing no change'])
    assert.equal(rateOverall(rateDelivery([offTrack], Q3_END), impact(source('improving'))).rag, 'red')
  })

  it('orders statuses from not rated to red', () => {
    assert.equal(worst(['green', 'amber', 'not-rated']), 'amber')
    assert.equal(worst(['green', 'red', 'amber']), 'red')
    assert.equal(worst([]), 'not-rated')
  })
})
