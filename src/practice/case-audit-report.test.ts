// The case-file audits report section: only rounds closed by the day read, the latest few, the latest by
// domain and the change between the latest two (hand-checked), rendered by its macro; and the demo's rounds
// give the percentages its comment states.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { AuditGrade } from '../db/database.js'
import { configureNunjucks } from '../server/nunjucks-setup.js'
import { demoCases, NORTHFIELD_ROUNDS } from '../demo/case-audit-demo.js'
import { buildCaseAuditSection, REPORT_ROUNDS, type ClosedRoundInput } from './case-audit-report.js'
import { finalOverall, moderationSummary, percentGoodOrBetter, type GradedCase } from './case-audit-rules.js'

const graded = (overall: AuditGrade): GradedCase => ({
  grade_voice: 'good',
  grade_assessment: 'inadequate',
  grade_planning: overall,
  grade_oversight: 'requires-improvement',
  grade_overall: overall,
  moderation: 'not-moderated',
  moderated_overall: null,
})

/** A round of `good` good cases out of `total`. */
function round(id: number, month: string, closedOn: string | null, good: number, total: number): ClosedRoundInput {
  return {
    id,
    title: `Round ${id}`,
    audit_month: month,
    closed_on: closedOn,
    cases: Array.from({ length: total }, (_, i) => graded(i < good ? 'good' : 'requires-improvement')),
  }
}

const env = configureNunjucks()
const render = (params: unknown) =>
  env.renderString(
    '{% from "practice/views/case-audit-report-section.njk" import caseAuditReportSection %}{{ caseAuditReportSection(params) }}',
    { params },
  )

describe('the case-file audits report section', () => {
  it('reads only rounds closed by the day, and the change between the latest two', () => {
    const rounds = [
      round(1, '2026-01-01', '2026-02-10', 4, 10), // 40%
      round(2, '2026-02-01', '2026-03-12', 5, 8), // 62.5%
      round(3, '2026-03-01', '2026-04-20', 9, 10), // 90%, closed after the day read
      round(4, '2026-04-01', null, 10, 10), // open
    ]
    const s = buildCaseAuditSection(rounds, '2026-03-31')!
    assert.deepEqual(
      s.rounds.map((r) => [r.id, r.cases, r.figure.percent, r.figure.text]),
      [
        [1, 10, 40, '40.0%'],
        [2, 8, 62.5, '62.5%'],
      ],
    )
    // 62.5 - 40 = 22.5 points.
    assert.deepEqual(s.change, {
      points: 22.5,
      text: 'Up 22.5 percentage points from January 2026 (Round 1) to February 2026 (Round 2)',
    })
    // The latest (round 2) by domain: voice 8/8, assessment 0/8, planning 5/8, oversight 0/8, overall 5/8.
    assert.deepEqual(
      s.latestByDomain.map((d) => [d.key, d.good, d.graded, d.text]),
      [
        ['voice', 8, 8, '100.0%'],
        ['assessment', 0, 8, '0.0%'],
        ['planning', 5, 8, '62.5%'],
        ['oversight', 0, 8, '0.0%'],
        ['overall', 5, 8, '62.5%'],
      ],
    )
    assert.equal(buildCaseAuditSection(rounds, '2026-02-09'), null)
    const one = buildCaseAuditSection(rounds, '2026-02-10')!
    assert.equal(one.rounds.length, 1)
    assert.equal(one.change, null)
  })

  it('lists only the latest rounds', () => {
    const many = Array.from({ length: REPORT_ROUNDS + 2 }, (_, i) =>
      round(i + 1, `2025-${String(i + 1).padStart(2, '0')}-01`, '2025-12-31', 1, 2),
    )
    const s = buildCaseAuditSection(many, '2026-01-01')!
    assert.equal(s.rounds.length, REPORT_ROUNDS)
    assert.equal(s.rounds[0]!.id, 3)
    assert.equal(s.rounds.at(-1)!.id, REPORT_ROUNDS + 2)
  })

  it('renders with its anchor, the rounds, the change and the domains; and says when there is none', () => {
    const s = buildCaseAuditSection(
      [round(1, '2026-01-01', '2026-02-10', 4, 10), round(2, '2026-02-01', '2026-03-12', 5, 8)],
      '2026-03-31',
    )
    const html = render({ section: s, public: true })
    assert.match(html, /<h3 class="govuk-heading-m" id="case-audits">Case-file audits<\/h3>/)
    assert.match(
      html,
      /In the latest moderated round, February 2026 \(Round 2\), 5 of 8 cases audited were good or better \(62.5%\)/,
    )
    assert.match(html, /Up 22.5 percentage points from January 2026 \(Round 1\) to February 2026 \(Round 2\)/)
    assert.match(
      html,
      /<th scope="row" class="govuk-table__header">January 2026 \(Round 1\)<\/th>\s*<td[^>]*>10<\/td>\s*<td[^>]*>40.0%<\/td>/,
    )
    assert.match(html, /Management oversight<\/th>\s*<td[^>]*>0 of 8<\/td>/)
    const none = render({ section: null })
    assert.match(none, /id="case-audits"/)
    assert.match(none, /No case-file audit round had been moderated and closed/)
    assert.doesNotMatch(none, /<table/)
  })
})

describe('the demo’s case-file audits', () => {
  it('rise from 40.0% to 64.3% good or better, with moderation as the round notes say', () => {
    // 4/10, 5/12, 5/11, 7/13, 7/12, 9/14.
    const expected = [40, 41.7, 45.5, 53.8, 58.3, 64.3]
    NORTHFIELD_ROUNDS.forEach((spec, i) => {
      const cases = demoCases(i)
      assert.equal(cases.length, spec.cases)
      const p = percentGoodOrBetter(cases.map(finalOverall))
      assert.equal(Math.round(p.percent! * 10) / 10, expected[i])
      const m = moderationSummary(cases)
      assert.equal(m.raised, spec.raised, `round ${i} raised`)
      assert.equal(m.lowered, spec.lowered, `round ${i} lowered`)
      assert.equal(new Set(cases.map((c) => c.reference)).size, cases.length)
      for (const c of cases) assert.match(c.reference, /^NF-\d{6}$/)
    })
    // The latest: 9 agreed of 10 moderated (as the plan's evidence for objective 4.1 says).
    assert.deepEqual(moderationSummary(demoCases(5)), { moderated: 10, agreed: 9, raised: 0, lowered: 1 })
  })
})
