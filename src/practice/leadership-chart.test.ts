import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { CHART_CLASS } from '../charts/svg.js'
import { renderLeadershipTimeline } from './leadership-chart.js'

describe('the leadership timeline under the Content-Security-Policy', () => {
  const svg = renderLeadershipTimeline({
    id: 't',
    from: '2021-01-01',
    to: '2023-01-01',
    summary: 'One post, held permanently at the end.',
    rows: [
      {
        title: 'Director of children’s services',
        segments: [
          { status: 'interim', startedOn: '2020-06-01', from: '2021-01-01', to: '2022-03-01', open: false },
          { status: 'permanent', startedOn: '2022-03-01', from: '2022-03-01', to: '2023-01-01', open: true },
        ],
      },
    ],
  })

  it('has no style attribute or element: its class scales it, and a white rectangle is its background', () => {
    assert.doesNotMatch(svg, /\sstyle=/i)
    assert.doesNotMatch(svg, /<style/i)
    assert.match(svg, new RegExp(`^<svg [^>]*viewBox="0 0 \\d+ \\d+"[^>]* class="${CHART_CLASS}"`))
    assert.match(svg, /<rect x="0" y="0" width="\d+" height="\d+" fill="#ffffff"\/>/)
  })
})
