// Case-file audit rules: the case reference refuses names and dates of birth (many hand-picked cases each
// way), the percentage good or better and by domain (hand-checked), and the trend between rounds in
// percentage points, naming the rounds.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { AuditGrade } from '../db/database.js'
import {
  REFERENCE_MESSAGES,
  byDomain,
  changeText,
  finalOverall,
  looksLikeDateOfBirth,
  looksLikeName,
  measureValue,
  percentGoodOrBetter,
  percentText,
  referenceProblem,
  roundTrend,
  type GradedCase,
} from './case-audit-rules.js'

describe('the case reference', () => {
  it('accepts case numbers: letters, digits and hyphens with at least one digit', () => {
    for (const ok of [
      'NF-204518',
      'nf-204518',
      '204518',
      'CIN-2024-0001',
      'A1',
      'LCS-99-ABC',
      'CP123456',
      'NF-2015',
      '12345678',
      'CASE-7',
      ' NF-204518 ',
    ])
      assert.equal(referenceProblem(ok), null, ok)
  })

  it('refuses anything like a date of birth, with the message saying what to enter instead', () => {
    for (const dob of [
      '12/03/2015',
      '12.03.15',
      '2015-03-12',
      '12-3-2015',
      '1/1/09',
      'NF-12-03-2015',
      '12 March 2015',
      '12th March 2015',
      '3 mar 15',
      'March 12 2015',
      'March 12, 2015',
      '12-Mar-2015',
      'DOB 2015',
      'dob',
      'D.O.B.',
      'born 2015',
      'date of birth',
      '2015/3/12',
      'Jane Smith 12/03/2015',
    ]) {
      assert.equal(looksLikeDateOfBirth(dob), true, dob)
      assert.equal(referenceProblem(dob), REFERENCE_MESSAGES.dateOfBirth, dob)
    }
    assert.match(REFERENCE_MESSAGES.dateOfBirth, /case number from the case recording system/)
    assert.match(REFERENCE_MESSAGES.dateOfBirth, /letters, digits and hyphens/)
  })

  it('does not take case numbers for dates', () => {
    // 204518 has no separators; 13/14/2015 has no month 14; 2015-13-40 no month 13; CP-123-45 two groups.
    for (const notDate of ['NF-204518', '13/14/2015', '2015-13-40', 'CP-123-45', 'NF-2015', 'MARCH-7'])
      assert.equal(looksLikeDateOfBirth(notDate), false, notDate)
  })

  it('refuses anything like a name, with the message saying what to enter instead', () => {
    for (const name of [
      'Jane Smith',
      'Mary-Jane O’Neil',
      "Mary-Jane O'Neil",
      'Smith, Jane',
      'Jane Ann Smith',
      'jane smith',
      'JANE SMITH',
      'Smith',
      'Jane',
      'J Smith',
    ]) {
      assert.equal(looksLikeName(name), true, name)
      assert.equal(referenceProblem(name), REFERENCE_MESSAGES.name, name)
    }
    assert.match(REFERENCE_MESSAGES.name, /person’s name/)
    assert.match(REFERENCE_MESSAGES.name, /case number from the case recording system/)
  })

  it('refuses what is neither a name nor a case number with the format message, and an empty or long one', () => {
    for (const bad of ['ABC', 'NF 204518', 'NF_204518', 'NF--204518', '-204518', 'NF/204518', '#204518'])
      assert.equal(referenceProblem(bad), REFERENCE_MESSAGES.format, bad)
    assert.equal(referenceProblem('   '), REFERENCE_MESSAGES.empty)
    assert.equal(referenceProblem(`NF-${'1'.repeat(28)}`), REFERENCE_MESSAGES.tooLong)
    assert.equal(referenceProblem(`NF-${'1'.repeat(27)}`), null)
  })
})

const gradedCase = (overall: AuditGrade, extra: Partial<GradedCase> = {}): GradedCase => ({
  grade_voice: overall,
  grade_assessment: overall,
  grade_planning: overall,
  grade_oversight: overall,
  grade_overall: overall,
  moderation: 'not-moderated',
  moderated_overall: null,
  ...extra,
})

describe('the percentage good or better', () => {
  it('counts outstanding and good over the cases graded', () => {
    // 1 outstanding + 2 good of 8 graded = 3/8 = 37.5%.
    const grades: AuditGrade[] = [
      'outstanding',
      'good',
      'good',
      'requires-improvement',
      'requires-improvement',
      'requires-improvement',
      'inadequate',
      'inadequate',
    ]
    assert.deepEqual(percentGoodOrBetter(grades), { good: 3, graded: 8, percent: 37.5 })
    // 2/3 = 66.666...%, stored in the measure to one place: 66.7.
    const twoThirds = percentGoodOrBetter(['good', 'outstanding', 'inadequate'])
    assert.equal(twoThirds.good, 2)
    assert.ok(Math.abs(twoThirds.percent! - 66.6667) < 0.001)
    assert.equal(measureValue(twoThirds), 66.7)
    assert.equal(percentText(twoThirds.percent), '66.7%')
    assert.deepEqual(percentGoodOrBetter([]), { good: 0, graded: 0, percent: null })
    assert.equal(measureValue(percentGoodOrBetter([])), null)
    assert.equal(percentText(null), 'No cases graded')
    assert.equal(percentText(40), '40.0%')
  })

  it('uses the overall grade after moderation', () => {
    assert.equal(
      finalOverall(gradedCase('good', { moderation: 'lowered', moderated_overall: 'requires-improvement' })),
      'requires-improvement',
    )
    assert.equal(
      finalOverall(gradedCase('requires-improvement', { moderation: 'raised', moderated_overall: 'good' })),
      'good',
    )
    assert.equal(finalOverall(gradedCase('good', { moderation: 'agreed' })), 'good')
    // Auditors: good, good, RI, RI, inadequate = 2/5 = 40%. Moderation lowers one good to RI and raises one RI
    // to good: still 2/5 = 40%; raising the inadequate to good too makes 3/5 = 60%.
    const cases = [
      gradedCase('good'),
      gradedCase('good', { moderation: 'lowered', moderated_overall: 'requires-improvement' }),
      gradedCase('requires-improvement', { moderation: 'raised', moderated_overall: 'good' }),
      gradedCase('requires-improvement', { moderation: 'agreed' }),
      gradedCase('inadequate'),
    ]
    assert.equal(percentGoodOrBetter(cases.map(finalOverall)).percent, 40)
    cases[4] = gradedCase('inadequate', { moderation: 'raised', moderated_overall: 'good' })
    assert.equal(percentGoodOrBetter(cases.map(finalOverall)).percent, 60)
  })

  it('works out each domain, overall after moderation', () => {
    // Voice: good, outstanding, RI, RI = 2/4 = 50%. Assessment: all RI = 0%. Planning: good x4 = 100%.
    // Oversight: inadequate, good, inadequate, inadequate = 1/4 = 25%. Overall by auditor good, good, RI, RI;
    // the second lowered to RI: 1/4 = 25%.
    const base = { grade_assessment: 'requires-improvement', grade_planning: 'good' } as const
    const cases: GradedCase[] = [
      { ...gradedCase('good'), ...base, grade_voice: 'good', grade_oversight: 'inadequate' },
      {
        ...gradedCase('good', { moderation: 'lowered', moderated_overall: 'requires-improvement' }),
        ...base,
        grade_voice: 'outstanding',
        grade_oversight: 'good',
      },
      {
        ...gradedCase('requires-improvement'),
        ...base,
        grade_voice: 'requires-improvement',
        grade_oversight: 'inadequate',
      },
      {
        ...gradedCase('requires-improvement'),
        ...base,
        grade_voice: 'requires-improvement',
        grade_oversight: 'inadequate',
      },
    ]
    assert.deepEqual(
      byDomain(cases).map((d) => [d.key, d.good, d.graded, d.percent]),
      [
        ['voice', 2, 4, 50],
        ['assessment', 0, 4, 0],
        ['planning', 4, 4, 100],
        ['oversight', 1, 4, 25],
        ['overall', 1, 4, 25],
      ],
    )
  })
})

describe('the trend across rounds', () => {
  it('gives the change between consecutive rounds in percentage points, naming them, in month order', () => {
    // Given out of order. January 4/10 = 40%; February 5/12 = 41.666...%; March 7/12 = 58.333...%.
    // January to February: +1.666... = up 1.7 points; February to March: +16.666... = up 16.7 points.
    const rounds = [
      { id: 3, title: 'Round C', auditMonth: '2026-03-01', percent: (100 * 7) / 12 },
      { id: 1, title: 'Round A', auditMonth: '2026-01-01', percent: 40 },
      { id: 2, title: 'Round B', auditMonth: '2026-02-01', percent: (100 * 5) / 12 },
    ]
    const trend = roundTrend(rounds)
    assert.deepEqual(
      trend.map((t) => [t.from.id, t.to.id, t.points]),
      [
        [1, 2, 1.7],
        [2, 3, 16.7],
      ],
    )
    assert.equal(trend[0]!.text, 'Up 1.7 percentage points from January 2026 (Round A) to February 2026 (Round B)')
    assert.equal(trend[1]!.text, 'Up 16.7 percentage points from February 2026 (Round B) to March 2026 (Round C)')
  })

  it('says down, no change, one point, and when a round has nothing graded', () => {
    const a = { id: 1, title: 'A', auditMonth: '2026-01-01', percent: 50 }
    const b = { id: 2, title: 'B', auditMonth: '2026-02-01', percent: 37.5 }
    // 37.5 - 50 = -12.5.
    assert.equal(roundTrend([a, b])[0]!.text, 'Down 12.5 percentage points from January 2026 (A) to February 2026 (B)')
    assert.equal(
      roundTrend([a, { ...b, percent: 50 }])[0]!.text,
      'No change from January 2026 (A) to February 2026 (B)',
    )
    assert.equal(changeText(1, a, b), 'Up 1.0 percentage point from January 2026 (A) to February 2026 (B)')
    const none = roundTrend([a, { ...b, percent: null }])[0]!
    assert.equal(none.points, null)
    assert.match(none.text, /^No change can be worked out from January 2026 \(A\) to February 2026 \(B\)/)
    assert.deepEqual(roundTrend([a]), [])
  })
})
