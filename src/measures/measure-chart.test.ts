import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { summariseMeasure } from './measure-summary.js'
import { measureChart, xmrView } from './measure-chart.js'
import type { MeasureRow } from './measure-repository.js'

const measure = {
  id: 7,
  code: 'CASELOAD',
  name: 'Average caseload',
  unit: 'count',
  polarity: 'lower',
  frequency: 'monthly',
  decimals: 1,
  formula: null,
} as MeasureRow

function summary(values: number[], target: number | null) {
  const series = new Map(values.map((value, i) => [`2022-${String(i + 1).padStart(2, '0')}-01`, { value, note: '' }]))
  const targets = target === null ? [] : [{ id: 1, value: target, target_date: null, note: '', set_at: new Date() }]
  return summariseMeasure(measure, series, targets, [], [])
}

describe('a measure as a chart', () => {
  it('draws an XmR chart from 12 values, labelled by month, with the SPC verdict in words', () => {
    const s = summary([10, 12, 11, 13, 12, 11, 10, 12, 13, 11, 12, 30], 9)
    const view = xmrView(s)
    assert.equal(view.points[0]!.period, 'Jan 2022')
    assert.equal(view.points[11]!.specialCause, 'concern', 'a caseload far above the limit is a concern')
    assert.equal(view.verdict, 'Special cause concern. Hit and miss against the target.')
    const svg = measureChart(s)
    assert.match(svg, /XmR chart of Average caseload: 12 values from Jan 2022 to Dec 2022\./)
  })

  it('draws a line chart when there are fewer than 12 values', () => {
    const svg = measureChart(summary([10, 12, 11], null))
    assert.doesNotMatch(svg, /XmR chart/)
    assert.match(svg, /Average caseload/)
  })
})
