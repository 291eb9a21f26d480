// The practice standards report section: built as at a day (months recorded later left out, the quarter's
// months picked out, the flag and the extra visits at the latest caseload), and its macro rendered, with and
// without standards.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { configureNunjucks } from '../server/nunjucks-setup.js'
import { quarterOf } from '../shared/calendar.js'
import { buildPracticeStandardSection } from './practice-standard-report.js'

const env = configureNunjucks()
const render = (params: unknown) =>
  env
    .renderString(
      '{% from "practice/views/practice-standard-report-section.njk" import practiceStandardReportSection %}{{ practiceStandardReportSection(params) }}',
      { params },
    )
    .trim()

const visits = {
  id: 1,
  title: 'Visits to children in care',
  applies_to: 'Children in care',
  local_every: 4,
  local_unit: 'weeks' as const,
  statutory_every: 6,
  statutory_unit: 'weeks' as const,
  statutory_source: 'Care Planning Regulations 2010, reg 28',
  measure_id: 7,
  created_at: new Date('2026-03-01T10:00:00Z'),
}
const supervision = {
  ...visits,
  id: 2,
  title: 'Supervision',
  applies_to: 'Social workers',
  statutory_every: null,
  statutory_unit: null,
  statutory_source: '',
  created_at: new Date('2026-05-01T10:00:00Z'),
}
const month = (standardId: number, m: string, caseload: number, due: number, seen: number, recorded: string) => ({
  standard_id: standardId,
  month: m,
  caseload,
  due,
  seen_local: seen,
  seen_statutory: null,
  created_at: new Date(`${recorded}T10:00:00Z`),
})
const months = [
  month(1, '2026-04-01', 110, 100, 80, '2026-05-05'),
  month(1, '2026-05-01', 115, 110, 99, '2026-06-05'),
  month(1, '2026-06-01', 120, 120, 105, '2026-07-05'),
  // Recorded late: on 20 July, after the day read below.
  month(1, '2026-07-01', 130, 125, 100, '2026-07-20'),
]

describe('the practice standards report section', () => {
  it('is null before any standard was recorded', () => {
    assert.equal(buildPracticeStandardSection([visits], months, quarterOf('2026-01-01'), '2026-02-28'), null)
  })

  it('reads as at the day: the latest month recorded by then, the quarter’s months, and the extra visits', () => {
    const s = buildPracticeStandardSection([visits, supervision], months, quarterOf('2026-04-01'), '2026-07-10')
    assert.ok(s)
    assert.equal(s.quarterLabel, 'Q1 2026/27')
    assert.equal(s.exceedingCount, 1)
    const [v, sup] = s.standards
    // July was recorded on 20 July: after the day read, so June (120 children) is the latest.
    assert.equal(v?.latest?.month, '2026-06-01')
    // 105 of 120 = 87.5%
    assert.equal(v?.latest?.percentLocalText, '87.5%')
    assert.deepEqual(
      v?.quarterMonths.map((m) => [m.label, m.percentLocal]),
      // 80/100 = 80%; 99/110 = 90%; 105/120 = 87.5%
      [
        ['April 2026', 80],
        ['May 2026', 90],
        ['June 2026', 87.5],
      ],
    )
    // 120 x (30.4375/28 - 30.4375/42) = 43.48
    assert.equal(v?.extraVisits, 43.5)
    assert.equal(v?.caseloadMonth, 'June 2026')
    assert.equal(sup?.exceeds, false)
    assert.equal(sup?.extraVisits, null)
    assert.equal(sup?.latest, null)
    // Read later, July counts: 130 x 0.3623512 = 47.1
    const later = buildPracticeStandardSection([visits], months, quarterOf('2026-07-01'), '2026-07-31')
    assert.equal(later?.standards[0]?.extraVisits, 47.1)
    assert.deepEqual(
      later?.standards[0]?.quarterMonths.map((m) => m.month),
      ['2026-07-01'],
    )
  })

  it('renders the standards beside their minimum, the flag and the working; and says when there are none', () => {
    const section = buildPracticeStandardSection([visits, supervision], months, quarterOf('2026-04-01'), '2026-07-10')
    for (const edition of [false, true]) {
      const html = render({ section, public: edition })
      assert.match(html, /^<h3 class="govuk-heading-m" id="practice-standards">Practice standards<\/h3>/)
      assert.match(html, /2 standards recorded, 1 set more frequent than the statutory minimum/)
      assert.match(html, /Every 4 weeks<br><strong class="govuk-tag govuk-tag--yellow">More frequent than the minimum/)
      assert.match(html, /data-qa="report-latest">June 2026: 87.5% \(105 of 120\)/)
      assert.match(html, /April 2026: 80.0%<br>May 2026: 90.0%<br>June 2026: 87.5%/)
      assert.match(html, /data-qa="report-extra">43.5</)
      assert.match(html, /None set in law/)
      assert.match(
        html,
        /Visits to children in care, at the caseload of June 2026: 120 on the caseload x \(30.4375 days in an average month ÷ 28 days − 30.4375 ÷ 42 days\) = 120 x \(1.087 − 0.725 a month each\) = 43.5 extra visits a month./,
      )
    }
    assert.match(render({ section: null }), /No practice standards were recorded in Turnaround by this report’s day/)
  })
})
