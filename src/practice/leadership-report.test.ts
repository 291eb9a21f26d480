// The report's leadership section: built as at a day from what was recorded by then (hand-checked on a small
// structure), and its macro rendered, with and without posts, and the timeline chart's text alternative.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { configureNunjucks } from '../server/nunjucks-setup.js'
import { quarterOf } from '../shared/calendar.js'
import {
  buildLeadershipSection,
  leadershipSectionSchema,
  type RecordedPeriod,
  type RecordedPost,
} from './leadership-report.js'
import { leadershipEvidence } from './leadership-evidence.js'
import { renderLeadershipTimeline } from './leadership-chart.js'
import { timelineSegments } from './leadership-rules.js'

const env = configureNunjucks()
const render = (params: unknown) =>
  env
    .renderString(
      '{% from "practice/views/leadership-report-section.njk" import leadershipReportSection %}{{ leadershipReportSection(params) }}',
      { params },
    )
    .trim()

const at = (d: string) => new Date(`${d}T09:00:00Z`)
// Two posts recorded in 2025; a third recorded only in 2027 (after the day read), though dated 2026.
const POSTS: RecordedPost[] = [
  {
    id: 1,
    title: 'Director of <Children’s> Services',
    tier: 'director',
    created_on: null,
    deleted_on: null,
    created_at: at('2025-01-01'),
  },
  {
    id: 2,
    title: 'Head of Service, Front Door',
    tier: 'head-of-service',
    created_on: null,
    deleted_on: null,
    created_at: at('2025-01-01'),
  },
  {
    id: 3,
    title: 'Late post',
    tier: 'assistant-director',
    created_on: null,
    deleted_on: null,
    created_at: at('2027-01-05'),
  },
]
const PERIODS: RecordedPeriod[] = [
  { post_id: 1, starts_on: '2025-01-01', status: 'interim', created_at: at('2025-01-01') },
  { post_id: 1, starts_on: '2026-11-01', status: 'permanent', created_at: at('2026-11-02') },
  { post_id: 2, starts_on: '2025-01-01', status: 'permanent', created_at: at('2025-01-01') },
  { post_id: 2, starts_on: '2026-12-01', status: 'vacant', created_at: at('2027-01-05') }, // recorded late
  { post_id: 3, starts_on: '2026-01-01', status: 'vacant', created_at: at('2027-01-05') },
]

describe('buildLeadershipSection', () => {
  const section = buildLeadershipSection({
    posts: POSTS,
    periods: PERIODS,
    quarter: quarterOf('2026-10-01'),
    asAt: '2026-12-31',
  })

  it('reads only what was recorded by the day: both posts permanent, up from 1 of 2', () => {
    assert.ok(section)
    leadershipSectionSchema.parse(section)
    // On 31 December 2026 the Director is permanent (from 1 November) and the Front Door vacancy was not yet
    // recorded, so 2 of 2 = 100%; a year before, only the Front Door: 1 of 2 = 50%.
    assert.deepEqual(section.share, { day: '2026-12-31', counted: 2, permanent: 2, percent: 100 })
    assert.deepEqual(section.yearBefore, { day: '2025-12-31', counted: 2, permanent: 1, percent: 50 })
    assert.equal(section.direction, 'improving')
    assert.equal(section.changes12.total, 1)
    assert.equal(section.changes36.byTier.director, 1)
    assert.deepEqual(
      section.posts.map((p) => [p.title, p.status, p.since]),
      [
        ['Director of <Children’s> Services', 'permanent', '2026-11-01'],
        ['Head of Service, Front Door', 'permanent', '2025-01-01'],
      ],
    )
    assert.deepEqual(section.quarterChanges, [
      {
        title: 'Director of <Children’s> Services',
        tier: 'director',
        startsOn: '2026-11-01',
        status: 'permanent',
        previousStatus: 'interim',
      },
    ])
  })

  it('is null when no post had been recorded by the day', () => {
    assert.equal(
      buildLeadershipSection({ posts: POSTS, periods: PERIODS, quarter: quarterOf('2024-10-01'), asAt: '2024-12-31' }),
      null,
    )
  })

  it('renders the subsection with its anchor, figures in words and statuses as tags with their names', () => {
    const html = render({ section, public: true })
    assert.match(html, /^<h3 class="govuk-heading-m" id="leadership">Leadership stability<\/h3>/)
    assert.match(
      html,
      /2 of 2 senior posts were held permanently on 31 December 2026 \(100%\), against 1 of 2 \(50%\) a year earlier, on 31 December 2025: more stable\./,
    )
    assert.match(html, /There was 1 change of holder in the 12 months to that day and 1 in 36 months/)
    assert.match(html, /Director of &lt;Children’s&gt; Services/, 'escaped')
    assert.match(html, /<strong class="govuk-tag govuk-tag--green">Permanent<\/strong>/)
    assert.match(
      html,
      /data-qa="report-leadership-changes">[\s\S]*1 November 2026: Director of &lt;Children’s&gt; Services, interim to permanent/,
    )
    assert.match(render({ section: null }), /No senior posts are recorded in Turnaround for this council\./)
    // One interim after another is a change of holder, said as such rather than "interim to interim".
    const again = render({
      section: {
        ...section,
        quarterChanges: [
          {
            title: 'Head of Service',
            tier: 'head-of-service',
            startsOn: '2026-11-02',
            status: 'interim',
            previousStatus: 'interim',
          },
        ],
      },
    })
    assert.match(again, /2 November 2026: Head of Service, a new interim holder/)
  })
})

describe('leadershipEvidence', () => {
  it('gives one entry per linked objective with the same direction, detail and currency', () => {
    const entries = leadershipEvidence([7, 9], POSTS.slice(0, 2), PERIODS.slice(0, 3), '2026-12-31')
    assert.equal(entries.length, 2)
    assert.deepEqual(
      entries.map((e) => [e.objectiveId, e.kind, e.anchor, e.direction, e.current]),
      [
        [7, 'leadership', 'leadership', 'improving', true],
        [9, 'leadership', 'leadership', 'improving', true],
      ],
    )
    assert.equal(
      entries[0]?.detail,
      '2 of 2 senior posts held permanently on 31 December 2026 (100%), up from 1 of 2 (50%) on 31 December 2025; 1 change in the last 12 months',
    )
    assert.deepEqual(leadershipEvidence([], POSTS, PERIODS, '2026-12-31'), [])
    const none = leadershipEvidence([7], POSTS, PERIODS, '2024-06-30')
    assert.deepEqual([none[0]?.current, none[0]?.direction], [false, 'no-change'])
  })
})

describe('renderLeadershipTimeline', () => {
  it('draws a bar per period with its status in words, a key and a text alternative', () => {
    const svg = renderLeadershipTimeline({
      id: 't',
      from: '2025-01-01',
      to: '2027-01-01',
      rows: [
        {
          title: 'Director <x>',
          segments: timelineSegments(POSTS[0]!, PERIODS.slice(0, 2), '2025-01-01', '2027-01-01'),
        },
      ],
      summary: 'Summary <here>',
    })
    assert.match(svg, /role="img" aria-labelledby="t-title t-desc"/)
    assert.match(svg, /<desc id="t-desc">Summary &lt;here&gt;<\/desc>/)
    assert.equal([...svg.matchAll(/<rect [^>]*><title>/g)].length, 2)
    assert.match(svg, /<title>Director &lt;x&gt;: Interim from 1 January 2025<\/title>/)
    for (const word of ['Permanent', 'Interim', 'Acting', 'Vacant']) assert.match(svg, new RegExp(`>${word}</text>`))
    assert.match(svg, />2026<\/text>/)
  })
})
