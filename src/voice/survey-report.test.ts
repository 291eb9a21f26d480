// The staff surveys report section: what it takes from a quarter as at a day (the latest round closed by
// then, each question against the round before, the notes of the quarter), and the macro that renders it,
// with the public edition leaving out the round's note and what was said at the reference group.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { configureNunjucks } from '../server/nunjucks-setup.js'
import { quarterOf } from '../shared/calendar.js'
import { buildStaffSurveySection, staffSurveySectionSchema, type StaffSurveySectionInput } from './survey-report.js'

const counts = (sa: number, a: number, n: number, d: number, sd: number) => ({
  strongly_agree: sa,
  agree: a,
  neither: n,
  disagree: d,
  strongly_disagree: sd,
})

function input(quarterDay: string, asAt: string): StaffSurveySectionInput {
  return {
    rounds: [
      { id: 1, closed_on: '2025-09-30', audience: 'All staff', invited: 200, responded: 120, note: '' },
      {
        id: 2,
        closed_on: '2026-03-31',
        audience: 'All staff',
        invited: 200,
        responded: 150,
        note: 'Run on paper too.',
      },
      { id: 3, closed_on: '2026-09-30', audience: 'All staff', invited: 200, responded: 160, note: '' },
    ],
    questions: [
      { id: 10, code: 'S2', text: 'My caseload is manageable' },
      { id: 11, code: 'S1', text: 'I have regular supervision' },
    ],
    results: [
      // S1: 60 of 100, then 45 of 100 (z = -2.124, a significant fall of 15 points)
      { questionId: 11, roundId: 1, closedOn: '2025-09-30', counts: counts(20, 40, 15, 15, 10) },
      { questionId: 11, roundId: 2, closedOn: '2026-03-31', counts: counts(15, 30, 25, 20, 10) },
      // S2: first asked in round 2, 2 of 10 favourable (too few to test later)
      { questionId: 10, roundId: 2, closedOn: '2026-03-31', counts: counts(1, 1, 4, 3, 1) },
      { questionId: 10, roundId: 3, closedOn: '2026-09-30', counts: counts(0, 1, 5, 3, 1) },
    ],
    notes: [
      {
        id: 5,
        held_on: '2026-02-10',
        themes: ['Caseloads'],
        summary: 'Said in February.',
        response: 'Review caseloads.',
      },
      { id: 6, held_on: '2026-04-20', themes: ['IT'], summary: 'Said in April.', response: '' },
    ],
    quarter: quarterOf(quarterDay),
    asAt,
  }
}

describe('the staff surveys report section', () => {
  it('takes the latest round closed in or before the quarter, each question against the round before', () => {
    // Q4 2025/26 (January to March 2026), read on 15 May 2026: round 2 is the latest; 150 of 200 is 75%.
    const s = buildStaffSurveySection(input('2026-02-01', '2026-05-15'))!
    staffSurveySectionSchema.parse(s)
    assert.equal(s.quarterLabel, 'Q4 2025/26')
    assert.equal(s.round?.id, 2)
    assert.equal(s.round?.responseRate, 75)
    assert.deepEqual(
      s.questions.map((q) => [
        q.code,
        q.respondents,
        q.share,
        q.changePoints === null ? null : Math.round(q.changePoints),
      ]),
      [
        ['S1', 100, 45, -15],
        ['S2', 10, 20, null],
      ],
    )
    assert.equal(s.questions[0]!.direction, 'worsening')
    assert.equal(s.questions[0]!.significance, 'significant at 95%')
    assert.equal(s.questions[0]!.changeText, 'down 15 points from 60% in September 2025')
    assert.equal(s.questions[1]!.changeText, 'first asked in this round')
    // Only the note of the quarter (February), not April's.
    assert.deepEqual(
      s.notes.map((n) => n.id),
      [5],
    )
  })

  it('reads as at the day: a round closed after it is left out; too few responses are said so', () => {
    // Q3 2026/27 read on 15 September 2026: round 3 (30 September) had not closed, so round 2 again.
    assert.equal(buildStaffSurveySection(input('2026-09-01', '2026-09-15'))!.round?.id, 2)
    // Read on 31 October: round 3; S2 went from 2 of 10 to 1 of 10, too few to test; S1 not asked.
    const s = buildStaffSurveySection(input('2026-09-01', '2026-10-31'))!
    assert.equal(s.round?.id, 3)
    assert.deepEqual(
      s.questions.map((q) => [q.code, q.significance, q.direction]),
      [['S2', 'too few responses to test', 'no-change']],
    )
    // Before any round closed and before the group met: null.
    assert.equal(buildStaffSurveySection(input('2025-06-01', '2025-06-30')), null)
  })

  it('renders the section with its anchor; the public edition leaves out the round note and what was said', () => {
    const env = configureNunjucks()
    const section = buildStaffSurveySection(input('2026-02-01', '2026-05-15'))
    const render = (isPublic: boolean) =>
      env.renderString(
        '{% from "voice/views/survey-report-section.njk" import staffSurveyReportSection %}{{ staffSurveyReportSection(params) }}',
        { params: { section, public: isPublic } },
      )
    const full = render(false)
    assert.match(full, /<h3 class="govuk-heading-m" id="staff-surveys">Staff surveys<\/h3>/)
    assert.match(full, /150 responses from 200 invited, a response rate of 75%\. Run on paper too\./)
    assert.match(
      full,
      /S1: I have regular supervision<\/th>[\s\S]*?45%[\s\S]*?Down 15 points from 60% in September 2025[\s\S]*?Significant at 95%/,
    )
    assert.match(full, /Said in February\./)
    assert.match(full, /What the service will do: Review caseloads\./)
    const pub = render(true)
    assert.doesNotMatch(pub, /Run on paper too/)
    assert.doesNotMatch(pub, /Said in February/)
    assert.match(pub, /Review caseloads/)
    const none = env.renderString(
      '{% from "voice/views/survey-report-section.njk" import staffSurveyReportSection %}{{ staffSurveyReportSection(params) }}',
      { params: { section: null } },
    )
    assert.match(none, /id="staff-surveys"[\s\S]*No staff survey rounds or staff reference group notes are recorded/)
  })
})
