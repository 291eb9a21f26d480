import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { renderXmrChart, type XmrView } from './xmr-chart.js'
import { renderLineChart } from './line-chart.js'
import { renderStepChart } from './step-chart.js'
import { renderBarChart } from './bar-chart.js'
import { CHART_CLASS, linePath, niceTicks, spreadLabels } from './svg.js'
import { forgetDrawnCharts } from './drawn.js'

/** Every opened tag is closed, in order: enough to know the SVG is well formed. */
function balanced(svg: string): boolean {
  const stack: string[] = []
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m
    if (selfClosing) continue
    if (closing) {
      if (stack.pop() !== name) return false
    } else stack.push(name!)
  }
  return stack.length === 0
}

const months = (values: Array<number | null>) => values.map((value, i) => ({ period: `M${i + 1}`, value }))

describe('XmR chart', () => {
  // Twelve values with a mean of 12 and limits of 6.7 and 17.8, then 20: beyond the upper limit.
  const values = [10, 12, 11, 13, 12, 11, null, 10, 12, 13, 11, 12, 20]
  const spc: XmrView = {
    points: values.map((value, i) => ({
      period: `M${i + 1}`,
      value,
      upperLimit: 17.8,
      lowerLimit: 6.7,
      specialCause: value === 20 ? 'concern' : null,
      segment: 0,
    })),
    segments: [{ from: 'M1', mean: 12, upperLimit: 17.8, lowerLimit: 6.7 }],
    verdict: 'Special cause concern. Hit and miss against the target.',
  }
  const svg = renderXmrChart({
    id: 'c1',
    title: 'Caseload <&> "average"',
    yLabel: 'Count',
    unit: 'count',
    spc,
    target: 9,
    benchmarks: [{ label: 'England', value: 25 }],
  })

  it('is drawn afresh when a figure changes, never served the chart kept for the old figures', () => {
    const params = { id: 'c1', title: 'Caseload', yLabel: 'Count', unit: 'count' as const, spc, target: 9 }
    const kept = renderXmrChart(params)
    const changed = {
      ...params,
      spc: { ...spc, points: spc.points.map((p, i) => (i === 3 ? { ...p, value: 14 } : p)) },
    }
    const drawn = renderXmrChart(changed)
    assert.notEqual(drawn, kept)
    assert.equal(renderXmrChart({ ...params }), kept, 'the same figures: the same chart')
    forgetDrawnCharts()
    assert.equal(renderXmrChart(changed), drawn, 'what is kept is what drawing gives')
  })

  it('is well formed, titled, described and labelled for assistive technology', () => {
    assert.ok(balanced(svg))
    assert.match(svg, /role="img" aria-labelledby="c1-title c1-desc"/)
    assert.match(svg, /<title id="c1-title">Caseload &lt;&amp;&gt; &quot;average&quot;<\/title>/)
    assert.match(
      svg,
      /<desc id="c1-desc">XmR chart of Caseload &lt;&amp;&gt; &quot;average&quot;: 12 values from M1 to M13\./,
    )
    assert.match(svg, /Mean 12, process limits 6\.7 to 17\.8\. 1 point shows special cause variation\./)
    assert.match(svg, /Special cause concern\. Hit and miss against the target\.<\/desc>/)
    assert.doesNotMatch(svg, /<script|href=/)
  })

  it('draws one marker per value, signal points as a distinct shape, and a gap for the missing period', () => {
    assert.equal((svg.match(/class="signal"/g) ?? []).length, 1)
    assert.equal((svg.match(/class="point"/g) ?? []).length, 11)
    const path = /<path d="(M[^"]+)" fill="none"/.exec(svg)![1]!
    assert.equal((path.match(/M/g) ?? []).length, 2, 'the line restarts after the gap')
  })

  it('shows the mean, limits, target and benchmark with their values in words', () => {
    assert.match(svg, /Mean 12/)
    assert.match(svg, /Upper limit/)
    assert.match(svg, /Target 9/)
    assert.match(svg, /England 25/)
  })
})

describe('line chart', () => {
  it('draws each series with a legend, a gap for missing values, and a text alternative', () => {
    const svg = renderLineChart({
      id: 'l1',
      title: 'Re-referrals',
      yLabel: 'Percentage (%)',
      unit: 'percent',
      series: [
        { label: 'Bradford', points: months([20, null, 22]) },
        { label: 'England', points: months([21, 21.5, 22.5]) },
      ],
    })
    assert.ok(balanced(svg))
    assert.equal((svg.match(/class="point"/g) ?? []).length, 5)
    assert.match(svg, />Bradford<\/text>/)
    assert.match(svg, /Bradford: 2 values, latest 22\.0% \(M3\)\. England: 3 values/)
    assert.match(svg, /Too few values for statistical process control/)
  })

  it('copes with no data at all', () => {
    const svg = renderLineChart({
      id: 'e',
      title: 'Empty',
      yLabel: 'Count',
      unit: 'count',
      series: [{ label: 'x', points: [] }],
    })
    assert.ok(balanced(svg))
    assert.match(svg, /no data yet/)
  })
})

describe('svg helpers', () => {
  it('chooses ticks that cover the range in steps of 1, 2 or 5', () => {
    assert.deepEqual(niceTicks(0, 38), [0, 10, 20, 30, 40])
    assert.deepEqual(niceTicks(6.4, 9.1), [6, 7, 8, 9, 10]) // range 2.7 / 5 = 0.54 -> step 1
    assert.deepEqual(niceTicks(5, 5), [4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6]) // padded to 4.5..5.5, step 0.2
  })

  it('breaks a path at missing values', () => {
    assert.equal(
      linePath([
        { x: 0, y: 1 },
        { x: 1, y: null },
        { x: 2, y: 3 },
        { x: 3, y: 4 },
      ]),
      'M0 1M2 3L3 4',
    )
  })

  it('spreads labels so none overlap, keeping their order', () => {
    const out = spreadLabels([{ y: 100 }, { y: 101 }, { y: 50 }], 14)
    assert.deepEqual(
      out.map((l) => l.y),
      [50, 100, 114],
    )
  })
})

describe('step chart', () => {
  const svg = renderStepChart({
    id: 's1',
    title: 'Councils judged better',
    xLabel: 'Months since judged inadequate',
    yLabel: 'Share judged better',
    start: 0,
    steps: [
      { x: 6, y: 0.2, lower: 0.05, upper: 0.5 },
      { x: 18, y: 0.5, lower: 0.2, upper: 0.8 },
    ],
    summary: 'Half were judged better by 18 months.',
    formatX: (v) => String(v),
    formatY: (v) => `${Math.round(v * 100)}%`,
  })

  it('draws the estimate as steps that rise at each event, with its band and a text alternative', () => {
    assert.ok(balanced(svg))
    assert.match(svg, /role="img" aria-labelledby="s1-title s1-desc"/)
    assert.match(
      svg,
      /<desc id="s1-desc">Step chart of share judged better against months since judged inadequate\. Half were judged better by 18 months\.<\/desc>/,
    )
    const steps = /<path class="steps" d="([^"]+)"/.exec(svg)![1]!
    // From 0 at month 0, along to month 6, up to 20%, along to month 18, up to 50%, along to the end.
    assert.equal((steps.match(/H/g) ?? []).length, 3)
    assert.equal((steps.match(/V/g) ?? []).length, 2)
    assert.equal((svg.match(/class="band"/g) ?? []).length, 2)
    assert.match(svg, /95% confidence interval/)
  })
})

describe('every chart kind under the Content-Security-Policy', () => {
  // The CSP (src/server/middleware/security-headers.ts) allows no style attribute and no inline <style>: a chart
  // is scaled by its class in public/stylesheets/app.css, and drawn by presentation attributes (fill, stroke).
  const spc: XmrView = {
    points: [10, 12, 11, 13, 12, 11, 10, 12, 13, 11, 12, 20].map((value, i) => ({
      period: `M${i + 1}`,
      value,
      upperLimit: 17.8,
      lowerLimit: 6.7,
      specialCause: value === 20 ? 'concern' : null,
      segment: 0,
    })),
    segments: [{ from: 'M1', mean: 12, upperLimit: 17.8, lowerLimit: 6.7 }],
    verdict: 'Special cause concern.',
  }
  const charts: Record<string, string> = {
    xmr: renderXmrChart({ id: 'x', title: 'Caseload', yLabel: 'Count', unit: 'count', spc, target: 9 }),
    line: renderLineChart({
      id: 'l',
      title: 'Re-referrals',
      yLabel: 'Percentage (%)',
      unit: 'percent',
      series: [
        { label: 'Bradford', points: months([20, null, 22]) },
        { label: 'England', points: months([21, 21.5, 22.5]) },
      ],
      benchmarks: [{ label: 'Region', value: 21 }],
    }),
    bar: renderBarChart({
      id: 'b',
      title: 'Rate per 10,000',
      bars: [
        { label: 'Bradford', value: 40, highlight: true },
        { label: 'Leeds', value: 35 },
        { label: 'Kirklees', value: null, note: 'suppressed' },
      ],
      references: [{ label: 'England', value: 38 }],
      format: (v) => String(v),
    }),
    step: renderStepChart({
      id: 's',
      title: 'Share still inadequate',
      xLabel: 'Months',
      yLabel: 'Share',
      steps: [
        { x: 6, y: 0.8, lower: 0.7, upper: 0.9 },
        { x: 12, y: 0.5, lower: 0.4, upper: 0.6 },
      ],
      start: 1,
      summary: 'Half judged better within a year.',
      formatX: (x) => `${x} months`,
      formatY: (y) => `${Math.round(y * 100)}%`,
    }),
  }

  for (const [kind, svg] of Object.entries(charts)) {
    it(`the ${kind} chart has no style attribute or element, and scales by its class`, () => {
      assert.ok(balanced(svg))
      assert.doesNotMatch(svg, /\sstyle=/i)
      assert.doesNotMatch(svg, /<style/i)
      assert.match(svg, new RegExp(`^<svg [^>]*viewBox="0 0 \\d+ \\d+"[^>]* class="${CHART_CLASS}"`))
      // Drawn on white by an element of its own: the Word images (resvg) and the PDF need no stylesheet for it.
      assert.match(svg, /<rect x="0" y="0" width="\d+" height="\d+" fill="#ffffff"\/>/)
    })
  }
})
