import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  FROM_OFSTED,
  NO_FILTER,
  PLANNED,
  buildTimeline,
  filterQuery,
  filterTimeline,
  groupByYear,
  oneLine,
  parseTimelineFilter,
  sortTimeline,
  timelineCsvRows,
  type TimelineEntry,
  type TimelineEvent,
  type TimelineSources,
} from './timeline.js'

const EMPTY: TimelineSources = {
  events: [],
  national: [],
  interventions: [],
  requirements: [],
  meetings: [],
  decisions: [],
  reports: [],
  findings: [],
}

const event = (over: Partial<TimelineEvent> & Pick<TimelineEvent, 'id' | 'kind' | 'starts_on'>): TimelineEvent => ({
  inspection_type: null,
  title: '',
  state: 'held',
  ends_on: null,
  national_inspection_id: null,
  judgements: {},
  ...over,
})

const entry = (date: string, type: TimelineEntry['type'], title: string = type): TimelineEntry => ({
  date,
  type,
  title,
  detail: '',
  href: '/x',
})

/** A small story: inspection and Notice on the same day, a visit, a meeting with two decisions, a report. */
const STORY: TimelineSources = {
  ...EMPTY,
  events: [
    event({ id: 1, kind: 'inspection', inspection_type: 'standard', starts_on: '2018-09-10', ends_on: '2018-09-21' }),
    event({ id: 2, kind: 'monitoring-visit', starts_on: '2019-06-04', title: 'First monitoring visit' }),
    event({ id: 3, kind: 'dfe-review', starts_on: '2026-05-01', state: 'planned' }),
  ],
  national: [
    {
      id: 50,
      kind: 'standard inspection',
      started_on: '2018-09-10',
      published_on: '2018-11-01',
      overall: 'Inadequate',
    },
    { id: 51, kind: 'focused visit', started_on: '2020-02-11', published_on: '2020-03-20', overall: null },
  ],
  interventions: [
    {
      id: 7,
      kind: 'improvement-notice',
      title: 'Notice to improve children’s services',
      issued_on: '2018-09-10',
      issued_by: 'Department for Education',
      ended_on: '2022-03-31',
      ended_note: 'Replaced by a Statutory Direction',
    },
  ],
  requirements: [
    { id: 70, paragraph: '5a', title: 'Set up an Improvement Board', due_on: '2018-12-31', closed_on: '2019-01-15' },
    { id: 71, paragraph: '5b', title: 'Write an improvement plan', due_on: null, closed_on: null },
  ],
  meetings: [{ id: 9, held_on: '2019-01-15', title: 'Improvement Board', summary: 'First meeting.\nTerms agreed.' }],
  decisions: [
    { meeting_id: 9, position: 2, text: 'Adopt the plan' },
    { meeting_id: 9, position: 1, text: 'Agree terms of reference' },
  ],
  reports: [
    {
      id: 30,
      quarter_start: '2022-10-01',
      status: 'published',
      revision: 1,
      published_at: new Date('2023-01-20T10:00:00Z'),
      public_at: new Date('2023-01-20T11:00:00Z'),
    },
    {
      id: 31,
      quarter_start: '2023-01-01',
      status: 'draft',
      revision: 1,
      published_at: null,
      public_at: null,
    },
  ],
  findings: [{ id: 80, kind: 'recommendation', reference: 'R3', text: 'Improve supervision', closed_on: '2021-06-30' }],
}

describe('building the timeline', () => {
  const built = sortTimeline(buildTimeline('bradford', STORY))
  const titles = built.map((e) => `${e.date} ${e.type}: ${e.title}`)

  it('tells the whole story in date order, with a sensible order on the same day', () => {
    assert.deepEqual(titles, [
      '2018-09-10 inspection: Standard inspection, September 2018',
      '2018-09-10 intervention: Improvement Notice issued by the Department for Education',
      '2018-12-31 requirement-due: Requirement 5a due',
      '2019-01-15 meeting: Improvement Board',
      '2019-01-15 decision: Agree terms of reference',
      '2019-01-15 decision: Adopt the plan',
      '2019-01-15 requirement-met: Requirement 5a met',
      '2019-06-04 visit: First monitoring visit',
      '2020-02-11 visit: Focused visit',
      '2021-06-30 finding-closed: Recommendation R3 closed',
      '2022-03-31 intervention: Improvement Notice ended',
      '2023-01-20 report: Q3 2022/23 progress report published',
      '2023-01-20 report: Public edition of the Q3 2022/23 report published',
      '2026-05-01 review: DfE progress review, May 2026',
    ])
  })

  it('gives an inspection the overall judgement from the national record it matches', () => {
    const inspection = built[0]!
    assert.equal(inspection.detail, '10 September 2018 to 21 September 2018. Overall judgement: Inadequate')
    assert.equal(inspection.href, '/councils/bradford/oversight/visits/1')
    assert.equal(inspection.note, undefined)
  })

  it('prefers the judgement recorded on the event', () => {
    const [only] = buildTimeline('b', {
      ...STORY,
      events: [event({ id: 1, kind: 'inspection', starts_on: '2018-09-10', judgements: { overall: 'good' } })],
      interventions: [],
      requirements: [],
      meetings: [],
      decisions: [],
      reports: [],
      findings: [],
    })
    assert.match(only!.detail, /Overall judgement: Good$/)
  })

  it('lists Ofsted’s records no event matches, marked as from the published data', () => {
    const national = built.filter((e) => e.note === FROM_OFSTED)
    assert.deepEqual(
      national.map((e) => [e.date, e.type, e.title, e.href]),
      [['2020-02-11', 'visit', 'Focused visit', '/councils/bradford/inspections']],
    )
    assert.equal(national[0]!.detail, 'Report published 20 March 2020')
  })

  it('marks planned events', () => {
    const planned = built.filter((e) => e.note === PLANNED)
    assert.deepEqual(
      planned.map((e) => e.href),
      ['/councils/bradford/oversight/visits/3'],
    )
  })

  it('describes meetings, decisions and reports on one line, linking to each', () => {
    const meeting = built.find((e) => e.type === 'meeting')!
    assert.equal(meeting.detail, 'First meeting. Terms agreed. 2 decisions')
    const decision = built.find((e) => e.type === 'decision')!
    assert.equal(decision.detail, 'Decision 1 of the Improvement Board')
    assert.equal(decision.href, '/councils/bradford/board/meetings/9')
    const edition = built.find((e) => e.title.startsWith('Public edition'))!
    assert.equal(edition.href, '/public/bradford/reports/30')
    assert.equal(built.filter((e) => e.type === 'report').length, 2, 'a draft report is not part of the story')
  })

  it('dates a report by its UK day of publication', () => {
    const [late] = buildTimeline('b', {
      ...EMPTY,
      reports: [
        {
          id: 1,
          quarter_start: '2023-04-01',
          status: 'superseded',
          revision: 2,
          published_at: new Date('2023-07-20T23:30:00Z'),
          public_at: null,
        },
      ],
    })
    assert.equal(late!.date, '2023-07-21', 'half past midnight in British Summer Time')
    assert.equal(
      late!.detail,
      'Quarterly progress report to the Improvement Board. Revision 2, correcting an earlier one. Later replaced by a correction',
    )
  })
})

describe('ordering', () => {
  it('keeps a day in story order both ways, and same-type entries in the order built', () => {
    const entries = [
      entry('2019-01-01', 'decision', 'first decision'),
      entry('2019-01-01', 'meeting'),
      entry('2018-05-05', 'intervention'),
      entry('2019-01-01', 'decision', 'second decision'),
      entry('2018-05-05', 'inspection'),
    ]
    assert.deepEqual(
      sortTimeline(entries, 'oldest').map((e) => e.title),
      ['inspection', 'intervention', 'meeting', 'first decision', 'second decision'],
    )
    assert.deepEqual(
      sortTimeline(entries, 'newest').map((e) => e.title),
      ['meeting', 'first decision', 'second decision', 'inspection', 'intervention'],
    )
  })
})

describe('filtering', () => {
  const entries = [
    entry('2017-03-01', 'inspection'),
    entry('2018-06-01', 'meeting'),
    entry('2018-06-01', 'decision'),
    entry('2019-12-31', 'report'),
    entry('2020-01-01', 'meeting', 'later meeting'),
  ]

  it('keeps everything without a filter, oldest first', () => {
    assert.equal(filterTimeline(entries, NO_FILTER).length, 5)
  })

  it('keeps the chosen types', () => {
    const kept = filterTimeline(entries, { ...NO_FILTER, types: ['meeting', 'report'] })
    assert.deepEqual(
      kept.map((e) => e.title),
      ['meeting', 'report', 'later meeting'],
    )
  })

  it('keeps the years from and to, both included', () => {
    const kept = filterTimeline(entries, { ...NO_FILTER, fromYear: 2018, toYear: 2019 })
    assert.deepEqual(
      kept.map((e) => e.date),
      ['2018-06-01', '2018-06-01', '2019-12-31'],
    )
    assert.deepEqual(
      filterTimeline(entries, { ...NO_FILTER, fromYear: 2020 }).map((e) => e.title),
      ['later meeting'],
    )
    assert.deepEqual(
      filterTimeline(entries, { ...NO_FILTER, toYear: 2017 }).map((e) => e.title),
      ['inspection'],
    )
  })

  it('groups by year in the order given', () => {
    const groups = groupByYear(filterTimeline(entries, { ...NO_FILTER, order: 'newest' }))
    assert.deepEqual(
      groups.map((g) => [g.year, g.entries.length]),
      [
        ['2020', 1],
        ['2019', 1],
        ['2018', 2],
        ['2017', 1],
      ],
    )
  })
})

describe('reading the filter from the address', () => {
  it('reads types, years and the order', () => {
    const { filter, problems } = parseTimelineFilter({
      type: ['meeting', 'nonsense', 'decision'],
      from: ' 2018 ',
      to: '2020',
      order: 'newest',
    })
    assert.deepEqual(problems, [])
    assert.deepEqual(filter, { types: ['meeting', 'decision'], fromYear: 2018, toYear: 2020, order: 'newest' })
    assert.equal(filterQuery(filter), 'type=meeting&type=decision&from=2018&to=2020&order=newest')
  })

  it('reads a single type and defaults to oldest first', () => {
    const { filter } = parseTimelineFilter({ type: 'report', order: 'sideways' })
    assert.deepEqual(filter, { types: ['report'], fromYear: null, toYear: null, order: 'oldest' })
    assert.equal(filterQuery(filter), 'type=report')
  })

  it('explains a year it cannot read, and leaves it out', () => {
    const { filter, problems } = parseTimelineFilter({ from: '18', to: '1999' })
    assert.deepEqual(problems, [
      { field: 'from', message: 'The ‘from’ year must be a year in 4 digits, like 2018' },
      { field: 'to', message: 'The ‘to’ year must be between 2000 and 2100' },
    ])
    assert.equal(filter.fromYear, null)
    assert.equal(filter.toYear, null)
  })

  it('refuses a range that ends before it starts', () => {
    const { filter, problems } = parseTimelineFilter({ from: '2020', to: '2019' })
    assert.deepEqual(
      problems.map((p) => p.field),
      ['to'],
    )
    assert.equal(filter.fromYear, null)
  })
})

describe('the CSV rows', () => {
  it('has the page’s entries with the type’s words and the note in the detail', () => {
    const rows = timelineCsvRows([
      {
        date: '2020-02-11',
        type: 'visit',
        title: 'Focused visit',
        detail: 'Report published',
        href: '/a',
        note: FROM_OFSTED,
      },
      { date: '2021-01-01', type: 'decision', title: 'Adopt', detail: 'Decision 1', href: '/b' },
    ])
    assert.deepEqual(rows, [
      ['2020-02-11', 'Visit', 'Focused visit', 'From Ofsted’s published data. Report published', '/a'],
      ['2021-01-01', 'Board decision', 'Adopt', 'Decision 1', '/b'],
    ])
  })
})

describe('one line', () => {
  it('flattens and shortens at a word', () => {
    assert.equal(oneLine('  a\n b  c '), 'a b c')
    assert.equal(oneLine('the quick brown fox jumps', 15), 'the quick…')
    assert.equal(oneLine('x'.repeat(20), 10), 'xxxxxxxxx…')
  })
})
