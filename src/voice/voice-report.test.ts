// The report's children's voice section: the builder (items heard in the quarter by theme, with tone and source
// counts; actions done in the quarter; those open on the day) with hand-checked figures, and its macro rendered
// for the full and public editions and for a council with nothing recorded.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { configureNunjucks } from '../server/nunjucks-setup.js'
import { quarterOf } from '../shared/calendar.js'
import { buildChildrenVoiceSection, childrenVoiceSectionSchema, type SectionInput } from './voice-report.js'

const env = configureNunjucks()
const render = (params: unknown) =>
  env
    .renderString(
      `{% from "voice/views/voice-report-section.njk" import childrenVoiceReportSection %}{{ childrenVoiceReportSection(params) }}`,
      { params },
    )
    .trim()

// Q3 2026/27 runs from 1 October to 31 December 2026.
const quarter = quarterOf('2026-11-01')
const feedback: SectionInput['feedback'] = [
  { themeId: 1, theme: 'Knowing my social worker', heardOn: '2026-09-30', source: 'survey', tone: 'negative' }, // Q2: out
  { themeId: 1, theme: 'Knowing my social worker', heardOn: '2026-10-01', source: 'advocacy-app', tone: 'positive' },
  { themeId: 1, theme: 'Knowing my social worker', heardOn: '2026-11-12', source: 'advocacy-app', tone: 'positive' },
  { themeId: 1, theme: 'Knowing my social worker', heardOn: '2026-12-02', source: 'complaint', tone: 'negative' },
  { themeId: 2, theme: 'Where I live', heardOn: '2026-10-20', source: 'survey', tone: 'mixed' },
]
const actions: SectionInput['actions'] = [
  { theme: 'Where I live', youSaid: 'A', weDid: 'a', status: 'done', doneOn: '2026-09-15' }, // done before: neither
  { theme: 'Where I live', youSaid: 'B', weDid: 'b', status: 'done', doneOn: '2026-10-10' }, // done in the quarter
  { theme: 'Knowing my social worker', youSaid: 'C', weDid: 'c', status: 'done', doneOn: '2026-12-20' }, // done after 15 Dec
  { theme: 'Knowing my social worker', youSaid: 'D', weDid: 'd', status: 'planned', doneOn: null }, // open
]

describe('the children’s voice section of a report', () => {
  it('counts the quarter to the day read as at, by theme, tone and source', () => {
    const section = buildChildrenVoiceSection({ quarter, asAt: '2026-12-31', feedback, actions })!
    childrenVoiceSectionSchema.parse(section)
    // In Q3: theme 1 has 3 items (2 positive, 1 negative; advocacy app 2, complaint 1); theme 2 has 1 mixed.
    assert.equal(section.heard, 4)
    assert.deepEqual([section.positive, section.mixed, section.negative], [2, 1, 1])
    assert.deepEqual(
      section.themes.map((t) => [t.theme, t.heard, t.positive, t.mixed, t.negative]),
      [
        ['Knowing my social worker', 3, 2, 0, 1],
        ['Where I live', 1, 0, 1, 0],
      ],
    )
    assert.deepEqual(
      section.themes[0]!.sources.map((s) => [s.label, s.count]),
      [
        ['Advocacy app', 2],
        ['Complaint', 1],
      ],
    )
    // Done in Q3 by 31 December: C (20 December) then B (10 October); open on 31 December: D only.
    assert.deepEqual(
      section.done.map((a) => a.youSaid),
      ['C', 'B'],
    )
    assert.deepEqual(
      section.open.map((a) => a.youSaid),
      ['D'],
    )
  })

  it('read as at 15 December, an action done on the 20th is still open, and a later item is not counted', () => {
    const section = buildChildrenVoiceSection({ quarter, asAt: '2026-12-15', feedback, actions })!
    assert.equal(section.heard, 4) // the 2 December complaint is before the 15th, so still 4
    assert.deepEqual(
      section.done.map((a) => a.youSaid),
      ['B'],
    )
    assert.deepEqual(
      section.open.map((a) => [a.youSaid, a.status]),
      [
        ['C', 'in-progress'],
        ['D', 'planned'],
      ],
    )
    const early = buildChildrenVoiceSection({ quarter, asAt: '2026-11-01', feedback, actions })!
    // To 1 November: 1 October (positive) and 20 October (mixed).
    assert.equal(early.heard, 2)
  })

  it('is null for a council with no feedback and no actions', () => {
    assert.equal(buildChildrenVoiceSection({ quarter, asAt: '2026-12-31', feedback: [], actions: [] }), null)
  })

  it('renders with its anchor, the sources only in the full edition, and says so when there is none', () => {
    const section = buildChildrenVoiceSection({ quarter, asAt: '2026-12-31', feedback, actions })!
    const html = render({ section })
    assert.match(html, /^<h3 class="govuk-heading-m" id="children-voice">/)
    assert.match(html, /4 items heard in Q3 2026\/27: 2 positive, 1 mixed, 1 negative/)
    assert.match(html, /Advocacy app \(2\), Complaint \(1\)/)
    assert.match(html, /still open on 31 December 2026/)
    const open = html.slice(html.indexOf('data-qa="report-voice-open"'))
    assert.match(open, /<td class="govuk-table__cell">D<\/td>/)
    const published = render({ section, public: true })
    assert.doesNotMatch(published, /Complaint/)
    assert.match(published, /Knowing my social worker/)
    const none = render({ section: null })
    assert.match(none, /id="children-voice"/)
    assert.match(none, /No feedback from children and young people is recorded/)
  })
})
