// The register's macros rendered as pages and the report call them: the level tag in words, the matrix (its
// band for every cell the same as riskLevel's), and the report's section, public or not, with or without a
// register.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { configureNunjucks } from '../server/nunjucks-setup.js'
import { quarterOf } from '../shared/calendar.js'
import { buildRisksSection } from './risk-report.js'
import { formatShare, riskLevel, riskMatrix, spendShare, vacancy, vacancyText } from './risk-rules.js'

const env = configureNunjucks()
const render = (file: string, macro: string, params: unknown) =>
  env.renderString(`{% from "${file}" import ${macro} %}{{ ${macro}(params) }}`, { params }).trim()
const PARTS = 'governance/views/risk-parts.njk'
const SECTION = 'governance/views/risks-report-section.njk'

describe('risk macros', () => {
  it('riskLevelTag names the level, with the score when given', () => {
    assert.equal(
      render(PARTS, 'riskLevelTag', { level: 'high', score: 12 }),
      '<strong class="govuk-tag govuk-tag--orange" data-qa="risk-level">12 High</strong>',
    )
    assert.equal(
      render(PARTS, 'riskLevelTag', { level: 'low', classes: 'x', attributes: { id: '"a' } }),
      '<strong class="govuk-tag govuk-tag--green x" data-qa="risk-level" id="&quot;a">Low</strong>',
    )
  })

  it('riskMatrix bands every cell as riskLevel does, with its count and level in words', () => {
    const html = render(PARTS, 'riskMatrix', {
      matrix: riskMatrix([
        { likelihood: 5, impact: 3 },
        { likelihood: 5, impact: 3 },
        { likelihood: 1, impact: 1 },
      ]),
      caption: 'Open <items>',
    })
    assert.match(html, /<caption class="govuk-table__caption govuk-table__caption--m">Open &lt;items&gt;<\/caption>/)
    assert.match(html, /<th scope="colgroup" colspan="5"[^>]*>Impact<\/th>/)
    assert.match(html, /<th scope="col" class="govuk-table__header">Likelihood<\/th>/)
    const rows = [...html.matchAll(/<th scope="row"[^>]*>(\d)/g)].map((m) => Number(m[1]))
    assert.deepEqual(rows, [5, 4, 3, 2, 1])
    for (let l = 1; l <= 5; l++)
      for (let i = 1; i <= 5; i++) {
        const level = riskLevel(l * i)
        assert.match(
          html,
          new RegExp(`app-risk-cell--${level}[^"]*" data-qa="cell-${l}-${i}" data-level="${level}">`),
          `cell ${l} x ${i}`,
        )
        assert.match(html, new RegExp(`data-qa="cell-${l}-${i}"[^>]*>[\\s\\S]*?score ${l * i}, ${level}</span>`))
      }
    assert.match(
      html,
      /data-qa="cell-5-3" data-level="extreme"><span class="app-risk-cell__count">2<\/span><span class="govuk-visually-hidden"> items,<\/span>/,
    )
    assert.match(
      html,
      /data-qa="cell-1-1" data-level="low"><span class="app-risk-cell__count">1<\/span><span class="govuk-visually-hidden"> item,/,
    )
    assert.doesNotMatch(html, /style=/)
  })
})

describe('risksReportSection', () => {
  const at = (d: string) => new Date(`${d}T09:00:00Z`)
  const section = buildRisksSection({
    risks: [
      {
        id: 1,
        kind: 'risk',
        reference: 'R1',
        title: 'Agency <reliance>',
        strand: '8: Workforce',
        owner: 'Secret Owner',
        mitigations: 'Managed teams',
        opened_on: '2022-04-01',
        escalated_on: '2022-05-01',
        closed_on: null,
        created_at: at('2022-04-01'),
      },
      {
        id: 2,
        kind: 'issue',
        reference: 'I1',
        title: 'Interim leaders',
        strand: '',
        owner: 'Chief Executive',
        mitigations: '',
        opened_on: '2022-04-01',
        escalated_on: null,
        closed_on: null,
        created_at: at('2022-04-01'),
      },
    ],
    assessments: [
      { id: 1, risk_id: 1, assessed_on: '2022-04-01', likelihood: 4, impact: 4, created_at: at('2022-04-01') },
      { id: 2, risk_id: 2, assessed_on: '2022-04-01', likelihood: 5, impact: 2, created_at: at('2022-04-01') },
    ],
    resources: [
      {
        quarterStart: '2022-04-01',
        programmeBudget: 1_500_000,
        programmeSpend: 1_120_400,
        agencySpend: 3_620_000,
        fteFunded: 6,
        fteInPost: 4,
        note: '',
      },
      {
        quarterStart: '2022-07-01',
        programmeBudget: 1_875_000,
        programmeSpend: 1_698_250,
        agencySpend: 3_810_000,
        fteFunded: 6,
        fteInPost: 6.5,
        note: '',
      },
    ],
    quarter: quarterOf('2022-07-01'),
    asAt: '2022-09-30',
  })

  it('shows the matrix, the open items escalated first and flagged, with owners, and the resources to date', () => {
    const html = render(SECTION, 'risksReportSection', { section })
    assert.match(html, /<h2 class="govuk-heading-l" id="risks">Risks and resources<\/h2>/)
    assert.match(html, /2 open risks and issues, 1 escalated to the Board/)
    assert.match(html, /data-qa="report-risk-matrix"/)
    assert.match(html, /data-qa="cell-4-4" data-level="extreme"><span class="app-risk-cell__count">1</)
    const rows = [...html.matchAll(/data-qa="report-risk-row">[\s\S]*?<\/tr>/g)].map((m) => m[0])
    assert.equal(rows.length, 2)
    assert.match(
      rows[0]!,
      /R1[\s\S]*Agency &lt;reliance&gt;[\s\S]*Escalated to the Board 1 May 2022[\s\S]*Secret Owner[\s\S]*4 x 4 = [\s\S]*16 Extreme/,
    )
    assert.match(
      rows[1]!,
      /I1[\s\S]*Issue[\s\S]*None[\s\S]*5 x 2 = [\s\S]*10 High[\s\S]*New \(first assessed 1 April 2022\)/,
    )
    const money = [...html.matchAll(/data-qa="report-resources-row">[\s\S]*?<\/tr>/g)].map((m) => m[0])
    assert.equal(money.length, 2)
    assert.match(money[0]!, /Q1 2022\/23[\s\S]*£1,500,000[\s\S]*£1,120,400/)
    assert.ok(
      money[0]!.includes(`>${formatShare(spendShare(1_120_400, 1_500_000))}<`),
      'the share as spendShare gives it',
    )
    assert.ok(money[0]!.includes(`>${vacancyText(vacancy(6, 4))}<`))
    assert.ok(money[1]!.includes(`>${vacancyText(vacancy(6, 6.5))}<`), 'more in post than funded')
    assert.match(
      html,
      /data-qa="report-year-to-date">[\s\S]*Q1 to Q2 2022\/23[\s\S]*£3,375,000[\s\S]*£2,818,650[\s\S]*£7,430,000/,
    )
    assert.ok(html.includes(`>${formatShare(spendShare(2_818_650, 3_375_000))}<`))
  })

  it('leaves owners out of the public edition, and says plainly when nothing is recorded', () => {
    const html = render(SECTION, 'risksReportSection', { section, public: true })
    assert.doesNotMatch(html, /Secret Owner|Chief Executive|>Owner</)
    assert.match(html, /Agency &lt;reliance&gt;/)
    const none = render(SECTION, 'risksReportSection', { section: null })
    assert.match(none, /id="risks">Risks and resources<\/h2>/)
    assert.match(none, /data-qa="risks">No risk register or improvement resources are recorded in Turnaround/)
    assert.doesNotMatch(none, /<table/)
  })
})
