// Render tests for the app's own Nunjucks macros. Every macro takes one `params` object (the govuk-frontend
// convention), and every macro in views/ and src/ must have a test here: the last tests fail when a macro is
// added without one, or when a macro takes anything other than `params`.
import assert from 'node:assert/strict'
import fs from 'node:fs'
import path from 'node:path'
import { describe, it } from 'node:test'
import { projectRoot } from '../shared/project-root.js'
import { paths } from '../web/paths.js'
import { configureNunjucks } from './nunjucks-setup.js'
import { changeBetween } from '../shared/units.js'
import {
  NARRATIVE_SECTIONS,
  buildSelfAssessment,
  evidenceWindowText,
  statusText,
} from '../oversight/self-assessment-content.js'
import { TRACKING_TAGS } from '../oversight/tracking-rules.js'
import { saEvent, saEvidence, saInput } from '../test-support/self-assessment-fixture.js'
import { quarterOf } from '../shared/calendar.js'
import type { PracticeSections } from '../impact/practice-sources.js'
import { buildStaffSurveySection } from '../voice/survey-report.js'
import { buildChildrenVoiceSection } from '../voice/voice-report.js'
import { buildCaseAuditSection } from '../practice/case-audit-report.js'
import type { GradedCase } from '../practice/case-audit-rules.js'
import { buildPracticeStandardSection } from '../practice/practice-standard-report.js'
import { buildLeadershipSection } from '../practice/leadership-report.js'

/** Each macro this file tests, with the template it is imported from. */
const MACROS: Record<string, string> = {
  variationTag: 'macros/spc.njk',
  assuranceTag: 'macros/spc.njk',
  change: 'macros/spc.njk',
  milestoneStatusTag: 'macros/status.njk',
  impactTag: 'macros/status.njk',
  activeStatusTag: 'macros/status.njk',
  postButton: 'macros/status.njk',
  dateField: 'macros/forms.njk',
  ragTag: 'reports/views/rag.njk',
  milestoneList: 'reports/views/report-body.njk',
  reasonList: 'reports/views/report-body.njk',
  statusLine: 'reports/views/report-body.njk',
  reportSummary: 'reports/views/report-body.njk',
  strandSection: 'reports/views/report-body.njk',
  reportCover: 'reports/views/report-body.njk',
  reportContents: 'reports/views/report-body.njk',
  narrativeSection: 'reports/views/report-body.njk',
  changesSection: 'reports/views/report-body.njk',
  risksSection: 'reports/views/report-body.njk',
  boardReportSection: 'governance/views/board-report-section.njk',
  memberTable: 'governance/views/board-parts.njk',
  actionState: 'governance/views/action-macros.njk',
  riskLevelTag: 'governance/views/risk-parts.njk',
  riskMatrix: 'governance/views/risk-parts.njk',
  risksReportSection: 'governance/views/risks-report-section.njk',
  requestTable: 'partners/views/partner-parts.njk',
  staffSurveyReportSection: 'voice/views/survey-report-section.njk',
  childrenVoiceReportSection: 'voice/views/voice-report-section.njk',
  caseAuditReportSection: 'practice/views/case-audit-report-section.njk',
  practiceStandardReportSection: 'practice/views/practice-standard-report-section.njk',
  leadershipReportSection: 'practice/views/leadership-report-section.njk',
  practiceSection: 'reports/views/report-body.njk',
  practiceParts: 'reports/views/report-body.njk',
  ogl: 'national/views/attribution.njk',
  nationalTabs: 'national/views/attribution.njk',
  grade: 'national/views/grade.njk',
  measureDataTable: 'measures/views/data-table.njk',
  measureTable: 'measures/views/measure-table.njk',
  ownerSelect: 'accounts/views/owner-select.njk',
  deliveryTag: 'home/views/home-parts.njk',
  boardFacts: 'home/views/home-parts.njk',
  overdueTable: 'home/views/home-parts.njk',
  myItemsPanel: 'home/views/my-items.njk',
  returnsPanel: 'home/views/returns.njk',
  publishedPlan: 'home/views/viewer-parts.njk',
  saRag: 'oversight/views/self-assessment-body.njk',
  saHeader: 'oversight/views/self-assessment-body.njk',
  saContents: 'oversight/views/self-assessment-body.njk',
  saNarrative: 'oversight/views/self-assessment-body.njk',
  evidenceTable: 'oversight/views/self-assessment-body.njk',
  saSections: 'oversight/views/self-assessment-body.njk',
}

const env = configureNunjucks()
const rendered = new Set<string>()

/** Renders one macro the way a page calls it: imported from its template, given one params object. */
function render(macro: string, params: unknown, context: Record<string, unknown> = {}): string {
  const file = MACROS[macro]
  assert.ok(file, `${macro} is not in MACROS`)
  rendered.add(macro)
  return env.renderString(`{% from "${file}" import ${macro} %}{{ ${macro}(params) }}`, { ...context, params }).trim()
}

/** govuk-frontend's own markup is indented and spread over lines: compare it with whitespace collapsed. */
function squash(html: string): string {
  return html.replace(/\s+/g, ' ')
}

function assertIncludes(html: string, ...fragments: string[]): void {
  for (const fragment of fragments) assert.ok(html.includes(fragment), `expected ${fragment} in:\n${html}`)
}

function assertExcludes(html: string, ...fragments: string[]): void {
  for (const fragment of fragments) assert.ok(!html.includes(fragment), `did not expect ${fragment} in:\n${html}`)
}

const SCRIPT = '<script>alert(1)</script>'
const ESCAPED_SCRIPT = '&lt;script&gt;alert(1)&lt;/script&gt;'
const council = { slug: 'testshire', name: 'Testshire' }

describe('SPC macros (macros/spc.njk)', () => {
  it('variationTag shows the variation in words, coloured by kind', () => {
    assert.equal(
      render('variationTag', { variation: 'special-cause-concern' }),
      '<strong class="govuk-tag govuk-tag--orange" data-qa="variation">Special cause concern</strong>',
    )
    assert.equal(
      render('variationTag', { variation: 'special-cause-improvement' }),
      '<strong class="govuk-tag govuk-tag--blue" data-qa="variation">Special cause improvement</strong>',
    )
    assert.equal(
      render('variationTag', { variation: 'common-cause' }),
      '<strong class="govuk-tag govuk-tag--grey" data-qa="variation">Common cause variation</strong>',
    )
  })

  it('variationTag takes classes and attributes, escaping their values', () => {
    assert.equal(
      render('variationTag', {
        variation: 'special-cause-neither',
        classes: 'app-extra',
        attributes: { 'data-measure': '"><b>' },
      }),
      '<strong class="govuk-tag govuk-tag--purple app-extra" data-qa="variation" data-measure="&quot;&gt;&lt;b&gt;">Special cause variation</strong>',
    )
  })

  it('assuranceTag shows the assurance in words, coloured by kind', () => {
    assert.equal(
      render('assuranceTag', { assurance: 'consistently-failing' }),
      '<strong class="govuk-tag govuk-tag--red" data-qa="assurance">Consistently failing the target</strong>',
    )
    assert.equal(
      render('assuranceTag', { assurance: 'consistently-passing' }),
      '<strong class="govuk-tag govuk-tag--green" data-qa="assurance">Consistently passing the target</strong>',
    )
    assert.equal(
      render('assuranceTag', { assurance: 'hit-and-miss', attributes: { id: 'a1' } }),
      '<strong class="govuk-tag govuk-tag--yellow" data-qa="assurance" id="a1">Hit and miss against the target</strong>',
    )
  })

  it('change says the direction in words, in the unit', () => {
    assert.equal(
      render('change', { change: changeBetween(10, 14.25, 'percent'), decimals: 1 }),
      'Up 4.3 percentage points',
    )
    assert.equal(render('change', { change: changeBetween(6, 3, 'count'), decimals: 0 }), 'Down 3 (50.0%)')
    assert.equal(render('change', { change: changeBetween(10, 8.5, 'days'), decimals: 2 }), 'Down 1.50 days (15.0%)')
    assert.equal(render('change', { change: changeBetween(5, 5, 'percent'), decimals: 1 }), 'No change')
    assert.equal(render('change', { change: null, decimals: 1 }), 'No earlier value')
    assert.equal(render('change', {}), 'No earlier value')
  })
})

describe('status macros (macros/status.njk)', () => {
  it('milestoneStatusTag shows the status in words and colour, and one red Overdue tag with what was last reported', () => {
    assert.equal(
      render('milestoneStatusTag', { status: 'at-risk' }),
      '<strong class="govuk-tag govuk-tag--yellow">At risk</strong>',
    )
    assert.equal(
      render('milestoneStatusTag', { status: 'on-track', overdue: true }),
      '<strong class="govuk-tag govuk-tag--red">Overdue</strong> <span class="govuk-body-s">last reported on track</span>',
    )
    assert.equal(
      render('milestoneStatusTag', { status: 'complete', classes: 'app-x', attributes: { 'data-qa': 'status' } }),
      '<strong class="govuk-tag govuk-tag--blue app-x" data-qa="status">Complete</strong>',
    )
  })

  it('impactTag shows the impact level in words, with its own tag for no evidence yet', () => {
    assert.equal(
      render('impactTag', { level: 'none' }),
      '<strong class="govuk-tag govuk-tag--grey" data-qa="impact">No evidence of impact yet</strong>',
    )
    assert.equal(
      render('impactTag', { level: 'worsening' }),
      '<strong class="govuk-tag govuk-tag--red" data-qa="impact">Worsening</strong>',
    )
  })

  it('activeStatusTag shows Active, or Retired with its date', () => {
    assert.equal(
      render('activeStatusTag', { status: 'active' }),
      '<strong class="govuk-tag govuk-tag--green">Active</strong>',
    )
    assert.equal(
      render('activeStatusTag', { status: 'retired', retiredOn: '2024-03-01' }),
      '<strong class="govuk-tag govuk-tag--grey">Retired 1 March 2024</strong>',
    )
    assert.equal(
      render('activeStatusTag', { status: 'retired', attributes: { 'data-qa': 'retired' } }),
      '<strong class="govuk-tag govuk-tag--grey" data-qa="retired">Retired</strong>',
    )
  })

  it('postButton renders a POST form with the CSRF token, fields, escaped text and attributes', () => {
    const html = render('postButton', {
      action: '/c/testshire/strands/3/move',
      csrfToken: 'token-1',
      fields: { direction: 'up' },
      text: `Up ${SCRIPT}`,
      hiddenText: `move ${SCRIPT} up`,
      attributes: { 'data-qa': 'move-up' },
    })
    assertIncludes(
      html,
      '<form method="post" action="/c/testshire/strands/3/move" class="app-inline-form">',
      '<input type="hidden" name="_csrf" value="token-1">',
      '<input type="hidden" name="direction" value="up">',
      `<button type="submit" class="app-link-button govuk-body-s" data-qa="move-up">Up ${ESCAPED_SCRIPT}<span class="govuk-visually-hidden"> move ${ESCAPED_SCRIPT} up</span></button>`,
    )
    assertExcludes(html, '<script>')
  })

  it('postButton takes trusted html instead of text, and no attributes', () => {
    const html = render('postButton', { action: '/a', csrfToken: 't', html: 'Retire <em>now</em>', text: 'ignored' })
    assertIncludes(html, '<button type="submit" class="app-link-button govuk-body-s">Retire <em>now</em></button>')
    assertExcludes(html, 'ignored', 'data-qa', 'govuk-visually-hidden')
  })
})

describe('form macros (macros/forms.njk)', () => {
  it('dateField renders day, month and year inputs with the submitted values, legend and hint', () => {
    const html = squash(
      render('dateField', {
        name: 'dueOn',
        legend: `Due ${SCRIPT}`,
        hint: 'For example, 31 3 2023',
        values: { 'dueOn-day': '31', 'dueOn-month': '3', 'dueOn-year': '2023', 'other-day': '9' },
      }),
    )
    assertIncludes(
      html,
      `<legend class="govuk-fieldset__legend govuk-fieldset__legend--s"> Due ${ESCAPED_SCRIPT} </legend>`,
      '<div id="dueOn-hint" class="govuk-hint"> For example, 31 3 2023 </div>',
      'id="dueOn-day" name="dueOn-day" type="text" value="31"',
      'id="dueOn-month" name="dueOn-month" type="text" value="3"',
      'id="dueOn-year" name="dueOn-year" type="text" value="2023"',
      'class="govuk-input govuk-date-input__input govuk-input--width-4"',
    )
    assertExcludes(html, '<script>', 'govuk-form-group--error', 'govuk-input--error', 'value="9"')
  })

  it('dateField shows the field’s error from the form errors, and no hint unless given', () => {
    const html = squash(
      render('dateField', {
        name: 'requestedOn',
        legend: 'Asked for on',
        values: {},
        errors: { fields: { requestedOn: { text: 'Enter the date <it> was asked for' }, dueOn: { text: 'Other' } } },
      }),
    )
    assertIncludes(
      html,
      '<div class="govuk-form-group govuk-form-group--error">',
      '<span class="govuk-visually-hidden">Error:</span> Enter the date &lt;it&gt; was asked for',
      'id="requestedOn-day" name="requestedOn-day"',
      'class="govuk-input govuk-date-input__input govuk-input--error govuk-input--width-2"',
    )
    assertExcludes(html, 'govuk-hint', 'Other')
  })
})

describe('report macros (src/reports/views)', () => {
  const rag = (value: string, override?: unknown) => ({
    rag: value,
    override,
    derived: {
      rag: 'amber',
      reasons: [
        { text: '2 milestones overdue', items: [{ anchor: 'milestone-5', label: 'Audit <b>' }] },
        { text: 'No update <b>', items: [] },
      ],
    },
  })

  it('ragTag shows red, amber or green in words with its colour', () => {
    assert.equal(
      render('ragTag', { status: rag('red') }),
      '<strong class="govuk-tag govuk-tag--red" data-qa="rag">Red: off track</strong>',
    )
    assert.equal(
      render('ragTag', { status: rag('amber') }),
      '<strong class="govuk-tag govuk-tag--orange" data-qa="rag">Amber: some concerns</strong>',
    )
    assert.equal(
      render('ragTag', { status: rag('not-rated'), attributes: { id: 'rag-1' } }),
      '<strong class="govuk-tag govuk-tag--grey" data-qa="rag" id="rag-1">Not rated</strong>',
    )
  })

  it('ragTag says who set a status by hand, why, and what the rule gives', () => {
    assert.equal(
      render('ragTag', { status: rag('green', { by: 'Ann <Lead>', reason: SCRIPT }) }),
      '<strong class="govuk-tag govuk-tag--green" data-qa="rag">Green: on track</strong> ' +
        `<span class="govuk-body-s">(set by hand by Ann &lt;Lead&gt;: ${ESCAPED_SCRIPT}; the rule gives amber: some concerns)</span>`,
    )
  })

  const milestone = (title: string, id = 1) => ({
    id,
    title,
    owner: 'Head of service',
    due_on: '2024-01-15',
    status: 'Complete',
    completed_on: '2024-01-20',
  })

  it('milestoneList lists milestones under an escaped caption, and nothing when there are none', () => {
    const html = render('milestoneList', { milestones: [milestone(`Audit ${SCRIPT}`)], caption: `Done ${SCRIPT}` })
    assertIncludes(
      html,
      `<caption class="govuk-table__caption govuk-table__caption--s">Done ${ESCAPED_SCRIPT}</caption>`,
      `<td class="govuk-table__cell">Audit ${ESCAPED_SCRIPT}</td>`,
      '<td class="govuk-table__cell">Head of service</td>',
      '<td class="govuk-table__cell app-nowrap">15 January 2024</td>',
      '<td class="govuk-table__cell">Complete (20 January 2024)</td>',
    )
    assertExcludes(html, '<script>')
    assert.equal(render('milestoneList', { milestones: [], caption: 'Due in the quarter' }), '')
  })

  it('reasonList gives each reason in words with links to the items behind it, escaped', () => {
    const html = render('reasonList', { reasons: rag('amber').derived.reasons })
    assertIncludes(
      html,
      '<ul class="govuk-list govuk-!-font-size-16 govuk-!-margin-bottom-1" data-qa="reasons">',
      '<li>2 milestones overdue: <a class="govuk-link" href="#milestone-5">Audit &lt;b&gt;</a></li>',
      '<li>No update &lt;b&gt;</li>',
    )
    assertExcludes(html, '<b>')
  })

  it('statusLine shows the overall status, and delivery and impact apart when rated', () => {
    const status = {
      ...rag('amber'),
      delivery: { rag: 'green', reasons: [] },
      impact: { level: 'none', reasons: [] },
    }
    const html = render('statusLine', { status })
    assertIncludes(
      html,
      'Overall: <strong class="govuk-tag govuk-tag--orange" data-qa="rag">Amber: some concerns</strong>',
      'Delivery: <strong class="govuk-tag govuk-tag--green" data-qa="delivery">Green: on track</strong>',
      'Impact: <strong class="govuk-tag govuk-tag--grey" data-qa="impact">No evidence of impact yet</strong>',
    )
    const older = render('statusLine', { status: rag('red') })
    assertIncludes(older, 'Overall: <strong class="govuk-tag govuk-tag--red" data-qa="rag">Red: off track</strong>')
    assertExcludes(older, 'Delivery:', 'Impact:')
  })

  const content = {
    councilName: `Testshire ${SCRIPT}`,
    planTitle: 'Improvement plan',
    dataAsAt: '2024-03-31',
    quarter: { end: '2024-03-31', label: 'January to March 2024' },
    sources: 'DfE children in need statistics',
    narrative: { summary: `Fewer ${SCRIPT}`, recommendations: '', decisions: 'Agree targets', decisionsFollowUp: '' },
    sensitive: ['summary'],
    cover: {
      boardName: 'Improvement Board',
      meetingOn: '2024-04-18',
      authorRole: 'Head of Improvement',
      accountableRole: 'Director',
      purpose: 'decision',
      marking: 'OFFICIAL-SENSITIVE',
      revision: 2,
      corrects: { revision: 1, reason: `Wrong figure ${SCRIPT}` },
      approvedBy: 'Dee Rector',
      approvedOn: '2024-04-10',
    },
    changesSinceLast: {
      kind: 'compared',
      previous: { id: 3, label: 'Q3 2023/24', publishedOn: '11 January 2024' },
      statuses: [{ item: 'Strand 1: Front door', before: 'Green: on track', after: 'Amber: some concerns' }],
      measures: [],
      slowNew: [`Overdue milestone: Audit ${SCRIPT} (strand 1)`],
      slowCleared: [],
      decisionsAsked: 'Agree the rota',
    },
    significantChanges: [],
    slowToProgress: {
      overdueMilestones: [],
      objectivesWithoutUpdate: [],
      measuresOfConcern: [],
      contributionsToStrengthen: [
        {
          partner: 'Police',
          description: 'Data',
          strand: '2',
          due_on: '2024-02-01',
          reason: 'missing',
          detail: 'not received',
        },
      ],
    },
    strands: [
      {
        id: 11,
        code: '1',
        title: `Front door ${SCRIPT}`,
        lead: null,
        commentary: 'Steady progress',
        status: rag('red'),
        objectives: [
          {
            id: 21,
            title: 'Timely assessments',
            status: rag('green'),
            attention: [],
            // Due and completed in the quarter: listed once, as due.
            completed: [milestone('Triage rota', 5)],
            dueInQuarter: [milestone('Triage rota', 5)],
            overdue: [],
            updates: [{ date: '2024-02-10', author: 'Sam', body: 'Going well' }],
          },
        ],
        measures: [
          {
            name: 'Re-referrals',
            latest: '21.0%',
            latestPeriod: 'March 2024',
            previous: '22.0%',
            target: '20.0%',
            england: '22.4%',
            statisticalNeighbours: '23.1%',
            variation: 'Common cause variation',
            assurance: 'Hit and miss',
            official: true,
            unit: 'percent',
            chart: '<svg data-qa="chart"></svg>',
          },
        ],
      },
    ],
  }

  it('reportSummary shows each strand’s status and what is slow to progress', () => {
    const html = render('reportSummary', { content })
    assertIncludes(
      html,
      '<h2 class="govuk-heading-l" id="at-a-glance">Progress at a glance</h2>',
      'Status of each strand at 31 March 2024',
      `<a class="govuk-link" href="#strand-11">1. Front door ${ESCAPED_SCRIPT}</a>`,
      '<strong class="govuk-tag govuk-tag--red" data-qa="rag">Red: off track</strong>',
      '<li>2 milestones overdue: <a class="govuk-link" href="#milestone-5">Audit &lt;b&gt;</a></li>',
      'Not rated apart',
      'No measure shows special cause variation at its latest value.',
      'No milestone was overdue at the quarter end.',
      '<li>Police: Data (strand 2), due 1 February 2024, not received</li>',
    )
    assertExcludes(html, '<script>')
  })

  it('strandSection shows a strand with its objectives, milestones, updates and measures', () => {
    const html = render('strandSection', { strand: content.strands[0], content })
    assertIncludes(
      html,
      `<h2 class="govuk-heading-l govuk-!-margin-top-8" id="strand-11">Strand 1: Front door ${ESCAPED_SCRIPT}</h2>`,
      '<p class="govuk-body govuk-!-margin-bottom-1">Lead: not set.</p>',
      'Overall: <strong class="govuk-tag govuk-tag--red" data-qa="rag">Red: off track</strong>',
      '<li>No update &lt;b&gt;</li>',
      'No due date in this strand has moved.',
      '<p class="govuk-body app-pre-wrap" data-qa="commentary">Steady progress</p>',
      '<h3 class="govuk-heading-m" id="objective-21">Timely assessments</h3>',
      '<strong class="govuk-tag govuk-tag--green" data-qa="rag">Green: on track</strong>',
      'Due in the quarter</caption>',
      '<td class="govuk-table__cell">Triage rota</td>',
      'Chart 1.1: Re-referrals (percentage (%)), to March 2024',
      `data-qa="chart-caption">Source: figures recorded by Testshire ${ESCAPED_SCRIPT}; England and statistical neighbours: DfE children in need statistics.</figcaption>`,
      '<strong>Update, 10 February 2024, Sam</strong>',
      'data-qa="measure-table-11"',
      '<td class="govuk-table__cell">21.0% (March 2024)</td>',
      '<p class="govuk-body-s" data-qa="ogl-attribution">Figures marked “official”: DfE children in need statistics</p>',
      '<svg data-qa="chart"></svg>',
    )
    assertExcludes(html, '<script>', 'Completed in the quarter', 'Overdue at the quarter end')
    assert.equal(
      html.split('>Triage rota<').length - 1,
      1,
      'a milestone due and completed in the quarter is listed once',
    )
    const withheld = render('strandSection', {
      strand: content.strands[0],
      content: { ...content, sensitive: ['strand-11'] },
      public: true,
    })
    assertIncludes(withheld, 'data-qa="commentary-withheld"')
    assertExcludes(withheld, 'Steady progress')
  })

  it('reportCover shows where the paper goes, who wrote it and answers for it, its purpose, marking and revision', () => {
    const html = render('reportCover', { content, status: 'Published 20 April 2024.' })
    assertIncludes(
      html,
      'data-qa="marking">OFFICIAL-SENSITIVE</p>',
      `<p class="govuk-body-l govuk-!-margin-bottom-1">Testshire ${ESCAPED_SCRIPT}</p>`,
      'Improvement Board, meeting of 18 April 2024',
      'For decision',
      'Head of Improvement',
      '10 April 2024 by Dee Rector',
      `2: corrects revision 1 (Wrong figure ${ESCAPED_SCRIPT})`,
      'data-qa="data-as-at">31 March 2024</dd>',
      'Published 20 April 2024.',
    )
    assertExcludes(html, '<script>')
    const old = render('reportCover', { content: { ...content, cover: null } })
    assertIncludes(old, 'data-qa="marking">OFFICIAL</p>')
    assertExcludes(old, 'Purpose', 'Revision')
  })

  it('reportContents links each section and strand', () => {
    const html = render('reportContents', { content })
    assertIncludes(
      html,
      '<a class="govuk-link" href="#changes">Changes since the last report</a>',
      '<a class="govuk-link" href="#risks">Risks and resources</a>',
      `<a class="govuk-link" href="#strand-11">Strand 1: Front door ${ESCAPED_SCRIPT}</a>`,
    )
  })

  it('narrativeSection shows the text, and in the public edition says a sensitive part is left out', () => {
    const html = render('narrativeSection', { content })
    assertIncludes(html, `data-qa="summary">Fewer ${ESCAPED_SCRIPT}</p>`, 'data-qa="recommendations">None.</p>')
    assertExcludes(html, 'decisions-follow-up', '<script>')
    const pub = render('narrativeSection', { content, public: true })
    assertIncludes(pub, 'data-qa="summary">Not in the public edition: this part is marked OFFICIAL-SENSITIVE.</p>')
    assertIncludes(pub, 'data-qa="decisions">Agree targets</p>')
  })

  it('changesSection says what moved since the last report, or that there was none', () => {
    const html = render('changesSection', { content })
    assertIncludes(
      html,
      'Compared with the Q3 2023/24 report, published 11 January 2024.',
      '<th scope="col" class="govuk-table__header">Q3 2023/24</th>',
      '<td class="govuk-table__cell">Strand 1: Front door</td><td class="govuk-table__cell">Green: on track</td><td class="govuk-table__cell">Amber: some concerns</td>',
      'Measures that changed: none.',
      `<li>Overdue milestone: Audit ${ESCAPED_SCRIPT} (strand 1)</li>`,
      'data-qa="changes-decisions">Agree the rota</p>',
      'What became of them is not yet written.',
    )
    assertExcludes(html, '<script>')
    assertIncludes(
      render('changesSection', { content: { ...content, changesSinceLast: { kind: 'first' } } }),
      'data-qa="changes-first"',
    )
  })

  it('risksSection says plainly when no Board record, register or partner answer is kept for the report', () => {
    const html = render('risksSection', {
      content: { ...content, board: null, risks: null, contributionsReceived: [] },
    })
    assertIncludes(
      html,
      '<h2 class="govuk-heading-l" id="board">',
      'No Board meetings, decisions or actions are recorded in Turnaround for this report.',
      '<h2 class="govuk-heading-l" id="risks">Risks and resources</h2>',
      'No risk register or improvement resources are recorded in Turnaround',
      'No partner contribution was received in the quarter.',
    )
  })

  it('risksSection shows partners’ answers, linking the evidence on screen, and none in the public edition', () => {
    const received = [
      {
        requestId: 9,
        partner: 'District health',
        description: 'Health assessments',
        strand: '2: Care',
        dueOn: '2022-11-30',
        receivedOn: '2022-12-02',
        response: `Done ${SCRIPT}`,
        attachmentName: 'audit.pdf',
        late: true,
      },
    ]
    const withAnswers = { ...content, board: null, risks: null, contributionsReceived: received }
    const html = render('risksSection', { content: withAnswers, attachmentsIn: 'testshire' })
    assertIncludes(
      html,
      `Done ${ESCAPED_SCRIPT}`,
      'Late',
      `href="${paths.council.partnerRequestAttachment('testshire', 9)}"`,
    )
    assertExcludes(html, SCRIPT)
    const publicHtml = render('risksSection', { content: withAnswers, public: true })
    assertExcludes(publicHtml, 'Health assessments', 'audit.pdf')
  })
})

describe('partner macros (src/partners/views)', () => {
  it('requestTable links each request to its answer page, with its state, and the day received when answered', () => {
    const rows = [
      {
        id: 5,
        due_on: '2026-12-20',
        title: `Health checks ${SCRIPT}`,
        strand_code: '2',
        strand_title: 'Care',
        stateTag: 'govuk-tag--green',
        stateLabel: 'Answered on time',
        received_on: '2026-12-18',
      },
    ]
    const params = { rows, caption: 'Answered', qa: 'answered-requests', councilSlug: 'testshire' }
    const html = render('requestTable', { ...params, answered: true })
    assertIncludes(
      html,
      `href="${paths.council.contribution('testshire', 5)}"`,
      `Health checks ${ESCAPED_SCRIPT}`,
      'Answered on time',
      '18 December 2026',
      '2: Care',
    )
    assertExcludes(render('requestTable', params), '18 December 2026')
  })
})

describe('Board and risk macros (src/governance/views)', () => {
  const action = {
    id: 1,
    text: 'Recruit four permanent team managers',
    owner: 'Head of Workforce',
    dueOn: '2022-11-30',
    state: 'overdue' as const,
    stateText: 'Overdue by 31 days',
    raisedAt: 'Board, 12 October 2022',
    raisedOn: '2022-10-12',
    carriedForward: true,
    progress: '',
  }
  const section = {
    boardName: 'Testshire Improvement Board',
    meetings: [{ heldOn: '2022-10-12', title: 'Board', present: 7, apologies: 1 }],
    decisions: [
      {
        id: 1,
        meetingOn: '2022-10-12',
        meetingTitle: 'Board',
        text: 'Agree the workforce plan',
        takenOn: 'Q2 2022/23 report',
        outcome: 'overdue' as const,
        outcomeText: '1 action overdue',
        actions: [action],
      },
    ],
    actions: [action],
    counts: { open: 0, overdue: 1, closedInQuarter: 0 },
  }

  it('boardReportSection shows decisions with what became of them, and the action log; owners not in public', () => {
    const html = render('boardReportSection', { section })
    assertIncludes(
      html,
      'id="board"',
      'Agree the workforce plan',
      'Q2 2022/23 report',
      'Overdue by 31 days',
      'Head of Workforce',
    )
    assertExcludes(render('boardReportSection', { section, public: true }), 'Head of Workforce')
  })

  it('memberTable lists members, with change links only for an editor', () => {
    const list = [
      { id: 4, name: 'Independent chair', is_chair: true, role_title: 'Chair', member_of: 'DfE', joined_on: null },
    ]
    const html = render('memberTable', { list, caption: 'Current members', editor: true, councilSlug: 'testshire' })
    assertIncludes(html, 'Current members', 'Chair</strong>', `href="${paths.council.editBoardMember('testshire', 4)}"`)
    assertExcludes(render('memberTable', { list, caption: 'Current members' }), 'href=')
  })

  it('actionState names the state in words beside its tag', () => {
    assert.equal(
      render('actionState', {
        action: { tagClass: 'govuk-tag--red', stateLabel: 'Overdue', stateDetail: 'by 3 days' },
      }),
      '<strong class="govuk-tag govuk-tag--red" data-qa="action-state">Overdue</strong> <span class="govuk-body-s">by 3 days</span>',
    )
  })

  it('riskLevelTag names the level with its score', () =>
    assert.equal(
      render('riskLevelTag', { level: 'extreme', score: 20 }),
      '<strong class="govuk-tag govuk-tag--red" data-qa="risk-level">20 Extreme</strong>',
    ))

  it('riskMatrix gives each cell its count and band in words', () =>
    assertIncludes(
      render('riskMatrix', {
        matrix: [
          [0, 0, 1, 0, 0],
          [0, 0, 0, 0, 0],
          [0, 0, 0, 0, 0],
          [0, 0, 0, 0, 0],
          [0, 0, 0, 0, 0],
        ],
        caption: 'Open items',
      }),
      'data-qa="cell-5-3" data-level="extreme"><span class="app-risk-cell__count">1</span>',
      'score 15, extreme',
    ))

  it('risksReportSection says plainly when nothing is recorded', () =>
    assertIncludes(
      render('risksReportSection', { section: null }),
      '<h2 class="govuk-heading-l" id="risks">Risks and resources</h2>',
      'No risk register or improvement resources are recorded in Turnaround',
    ))
})

describe('evidence from practice macros (src/voice/views, src/practice/views)', () => {
  // Q4 2025/26 read on 15 May 2026: round 2 is the latest, 150 of 200 (75%); S1 fell from 60 to 45 of 100.
  const favourable = (sa: number, a: number, n: number, d: number, sd: number) => ({
    strongly_agree: sa,
    agree: a,
    neither: n,
    disagree: d,
    strongly_disagree: sd,
  })
  const staffSurveys = buildStaffSurveySection({
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
    ],
    questions: [{ id: 11, code: 'S1', text: 'I have regular supervision' }],
    results: [
      { questionId: 11, roundId: 1, closedOn: '2025-09-30', counts: favourable(20, 40, 15, 15, 10) },
      { questionId: 11, roundId: 2, closedOn: '2026-03-31', counts: favourable(15, 30, 25, 20, 10) },
    ],
    notes: [
      {
        id: 5,
        held_on: '2026-02-10',
        themes: ['Caseloads'],
        summary: 'Said in February.',
        response: 'Review caseloads.',
      },
    ],
    quarter: quarterOf('2026-02-01'),
    asAt: '2026-05-15',
  })

  // Q3 2026/27 read on 31 December 2026: two items heard, one action done in the quarter and one still open.
  const childrenVoice = buildChildrenVoiceSection({
    quarter: quarterOf('2026-11-01'),
    asAt: '2026-12-31',
    feedback: [
      {
        themeId: 1,
        theme: 'Knowing my social worker',
        heardOn: '2026-11-12',
        source: 'advocacy-app',
        tone: 'positive',
      },
      { themeId: 1, theme: 'Knowing my social worker', heardOn: '2026-12-02', source: 'complaint', tone: 'negative' },
    ],
    actions: [
      {
        theme: 'Where I live',
        youSaid: 'Visits after school',
        weDid: 'Moved visits',
        status: 'done',
        doneOn: '2026-10-10',
      },
      {
        theme: 'Knowing my social worker',
        youSaid: 'Fewer changes',
        weDid: 'Keep workers',
        status: 'planned',
        doneOn: null,
      },
    ],
  })

  /** A closed round of `good` good cases out of `total`, by the overall grade. */
  const auditRound = (id: number, month: string, closedOn: string, good: number, total: number) => ({
    id,
    title: `Round ${id}`,
    audit_month: month,
    closed_on: closedOn,
    cases: Array.from({ length: total }, (_, i): GradedCase => ({
      grade_voice: 'good',
      grade_assessment: 'inadequate',
      grade_planning: 'good',
      grade_oversight: 'requires-improvement',
      grade_overall: i < good ? 'good' : 'requires-improvement',
      moderation: 'not-moderated',
      moderated_overall: null,
    })),
  })
  // 4 of 10 (40%) then 5 of 8 (62.5%): up 22.5 points.
  const caseAudits = buildCaseAuditSection(
    [auditRound(1, '2026-01-01', '2026-02-10', 4, 10), auditRound(2, '2026-02-01', '2026-03-12', 5, 8)],
    '2026-03-31',
  )

  /** A month of the standard below, recorded on 5 July 2026. */
  const standardMonth = (month: string, caseload: number, due: number, seen: number) => ({
    standard_id: 1,
    month,
    caseload,
    due,
    seen_local: seen,
    seen_statutory: null,
    created_at: new Date('2026-07-05T10:00:00Z'),
  })
  // Visits every 4 weeks against a statutory 6, read on 10 July 2026: June's 105 of 120 is the latest month, and
  // 120 x (30.4375/28 - 30.4375/42) = 43.5 extra visits a month.
  const practiceStandards = buildPracticeStandardSection(
    [
      {
        id: 1,
        title: 'Visits to children in care',
        applies_to: 'Children in care',
        local_every: 4,
        local_unit: 'weeks',
        statutory_every: 6,
        statutory_unit: 'weeks',
        statutory_source: 'Care Planning Regulations 2010, reg 28',
        measure_id: 7,
        created_at: new Date('2026-03-01T10:00:00Z'),
      },
    ],
    [
      standardMonth('2026-04-01', 110, 100, 80),
      standardMonth('2026-05-01', 115, 110, 99),
      standardMonth('2026-06-01', 120, 120, 105),
    ],
    quarterOf('2026-04-01'),
    '2026-07-10',
  )

  // On 31 December 2026 both posts are held permanently; a year before only the Front Door was.
  const recorded = new Date('2025-01-01T09:00:00Z')
  const leadership = buildLeadershipSection({
    posts: [
      {
        id: 1,
        title: `Director ${SCRIPT}`,
        tier: 'director',
        created_on: null,
        deleted_on: null,
        created_at: recorded,
      },
      {
        id: 2,
        title: 'Head of Service',
        tier: 'head-of-service',
        created_on: null,
        deleted_on: null,
        created_at: recorded,
      },
    ],
    periods: [
      { post_id: 1, starts_on: '2025-01-01', status: 'interim', created_at: recorded },
      { post_id: 1, starts_on: '2026-11-01', status: 'permanent', created_at: new Date('2026-11-02T09:00:00Z') },
      { post_id: 2, starts_on: '2025-01-01', status: 'permanent', created_at: recorded },
    ],
    quarter: quarterOf('2026-10-01'),
    asAt: '2026-12-31',
  })

  const practice: PracticeSections = { staffSurveys, childrenVoice, caseAudits, practiceStandards, leadership }

  it('staffSurveyReportSection shows the round and each question; public leaves out the round note and what was said', () => {
    const html = render('staffSurveyReportSection', { section: staffSurveys })
    assertIncludes(
      html,
      '<h3 class="govuk-heading-m" id="staff-surveys">Staff surveys</h3>',
      '150 responses from 200 invited, a response rate of 75%. Run on paper too.',
      'S1: I have regular supervision</th>',
      'Down 15 points from 60% in September 2025',
      'Said in February.',
      'What the service will do: Review caseloads.',
    )
    const pub = render('staffSurveyReportSection', { section: staffSurveys, public: true })
    assertIncludes(pub, 'a response rate of 75%.', 'What the service will do: Review caseloads.')
    assertExcludes(pub, 'Run on paper too', 'Said in February')
    assertIncludes(
      render('staffSurveyReportSection', { section: null }),
      'No staff survey rounds or staff reference group notes are recorded',
    )
  })

  it('childrenVoiceReportSection counts what was heard by theme and tone; public leaves out where it was heard', () => {
    const html = render('childrenVoiceReportSection', { section: childrenVoice })
    assertIncludes(
      html,
      '<h3 class="govuk-heading-m" id="children-voice">Children and young people’s voice</h3>',
      '2 items heard in Q3 2026/27: 1 positive, 0 mixed, 1 negative.',
      'data-qa="sources">Advocacy app (1), Complaint (1)</td>',
      '<td class="govuk-table__cell">Fewer changes</td>',
    )
    const pub = render('childrenVoiceReportSection', { section: childrenVoice, public: true })
    assertIncludes(pub, 'Knowing my social worker', '1 positive, 0 mixed, 1 negative')
    assertExcludes(pub, 'data-qa="sources"', 'Complaint', 'Where it was heard')
  })

  it('caseAuditReportSection shows the latest round, the change and the rounds, the same in public', () => {
    const html = render('caseAuditReportSection', { section: caseAudits })
    assertIncludes(
      html,
      '<h3 class="govuk-heading-m" id="case-audits">Case-file audits</h3>',
      'In the latest moderated round, February 2026 (Round 2), 5 of 8 cases audited were good or better (62.5%)',
      'Up 22.5 percentage points from January 2026 (Round 1) to February 2026 (Round 2).',
      'January 2026 (Round 1)</th>',
    )
    assert.equal(render('caseAuditReportSection', { section: caseAudits, public: true }), html)
    const none = render('caseAuditReportSection', { section: null, asAtText: '31 March 2026' })
    assertIncludes(none, 'No case-file audit round had been moderated and closed in Turnaround by 31 March 2026.')
    assertExcludes(none, '<table')
  })

  it('practiceStandardReportSection shows each standard against the minimum with the extra visits, the same in public', () => {
    const html = render('practiceStandardReportSection', { section: practiceStandards })
    assertIncludes(
      html,
      '<h3 class="govuk-heading-m" id="practice-standards">Practice standards</h3>',
      '1 standard recorded, 1 set more frequent than the statutory minimum.',
      'data-qa="report-latest">June 2026: 87.5% (105 of 120)</td>',
      'April 2026: 80.0%<br>May 2026: 90.0%<br>June 2026: 87.5%',
      'data-qa="report-extra">43.5</td>',
    )
    assert.equal(render('practiceStandardReportSection', { section: practiceStandards, public: true }), html)
    assertIncludes(
      render('practiceStandardReportSection', { section: null }),
      'No practice standards were recorded in Turnaround by this report’s day.',
    )
  })

  it('leadershipReportSection gives the share held permanently and each post’s status, escaped, the same in public', () => {
    const html = render('leadershipReportSection', { section: leadership })
    assertIncludes(
      html,
      '<h3 class="govuk-heading-m" id="leadership">Leadership stability</h3>',
      '2 of 2 senior posts were held permanently on 31 December 2026 (100%), against 1 of 2 (50%) a year earlier',
      `1 November 2026: Director ${ESCAPED_SCRIPT}, interim to permanent`,
      '<strong class="govuk-tag govuk-tag--green">Permanent</strong>',
    )
    assertExcludes(html, SCRIPT)
    assert.equal(render('leadershipReportSection', { section: leadership, public: true }), html)
    assertIncludes(
      render('leadershipReportSection', { section: null }),
      'No senior posts are recorded in Turnaround for this council.',
    )
  })

  it('practiceParts draws each source recorded and names those that are not, or says none is', () => {
    assertIncludes(
      render('practiceParts', { practice: null }),
      '<p class="govuk-body" data-qa="practice-none">No staff surveys, children’s feedback, case-file audits, practice standards or leadership posts are recorded in Turnaround for this period.</p>',
    )
    const one = render('practiceParts', {
      practice: { staffSurveys: null, childrenVoice: null, caseAudits, practiceStandards: null, leadership: null },
    })
    assertIncludes(
      one,
      '<h3 class="govuk-heading-m" id="case-audits">Case-file audits</h3>',
      '<p class="govuk-body" data-qa="practice-missing">Not recorded in Turnaround for this period: staff surveys, children’s and young people’s feedback, practice standards, leadership posts.</p>',
    )
    assertExcludes(one, 'id="staff-surveys"', 'id="leadership"', 'data-qa="practice-none"')
    const pub = render('practiceParts', { practice, public: true })
    assertIncludes(pub, 'id="staff-surveys"', 'id="children-voice"', 'id="practice-standards"', 'id="leadership"')
    assertExcludes(pub, 'data-qa="practice-missing"', 'Said in February', 'Complaint')
  })

  it('practiceSection heads the evidence from practice, with each source under it', () => {
    const html = render('practiceSection', { content: { practice } })
    assert.ok(html.startsWith('<h2 class="govuk-heading-l" id="practice">Evidence from practice</h2>'), html)
    assertIncludes(html, 'id="staff-surveys"', 'id="case-audits"', 'Said in February.')
    assertExcludes(render('practiceSection', { content: { practice }, public: true }), 'Said in February')
    assertIncludes(
      render('practiceSection', { content: { practice: null } }),
      '<h2 class="govuk-heading-l" id="practice">Evidence from practice</h2>',
      'data-qa="practice-none"',
    )
  })
})

describe('national data macros (src/national/views)', () => {
  it('ogl credits the source, escaped, and links to the licence', () => {
    assert.equal(
      render('ogl', { text: `Source: DfE ${SCRIPT}.` }),
      `<p class="govuk-body-s govuk-!-margin-top-6" data-qa="ogl-attribution">Source: DfE ${ESCAPED_SCRIPT}. ` +
        '<a class="govuk-link" href="https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" rel="license">Open Government Licence v3.0</a>.</p>',
    )
  })

  it('ogl takes trusted html and attributes', () => {
    const html = render('ogl', { html: 'Source: <a href="/dfe">DfE</a>.', attributes: { id: 'licence' } })
    assertIncludes(html, 'data-qa="ogl-attribution" id="licence">Source: <a href="/dfe">DfE</a>. <a class="govuk-link"')
  })

  it('nationalTabs links every national page but the active one, and data management only if allowed', () => {
    const html = render('nationalTabs', { council, active: 'benchmarks', can: () => false })
    assertIncludes(
      html,
      '<nav class="govuk-!-margin-bottom-6" aria-label="National data">',
      '<li><strong>National benchmarks</strong></li>',
      `<li><a class="govuk-link" href="${paths.council.inspections('testshire')}">Our Ofsted inspections</a></li>`,
      `<li><a class="govuk-link" href="${paths.council.allInspections('testshire')}">Ofsted judgements of all councils</a></li>`,
    )
    assertExcludes(html, 'National data loads', paths.council.benchmarks('testshire'))

    const asked: string[] = []
    const can = (capability: string) => (asked.push(capability), true)
    const admin = render('nationalTabs', { council, active: 'data', can })
    assert.deepEqual(asked, ['national:loads'])
    assertIncludes(
      admin,
      `<li><a class="govuk-link" href="${paths.council.benchmarks('testshire')}">National benchmarks</a></li>`,
      '<li><strong>National data loads</strong></li>',
    )
    assertIncludes(
      render('nationalTabs', { council, active: 'all', can }),
      '<li><strong>Ofsted judgements of all councils</strong></li>',
      `<li><a class="govuk-link" href="${paths.council.nationalData('testshire')}">National data loads</a></li>`,
    )
  })

  it('grade gives an Ofsted judgement in words, or Not judged', () => {
    const labels = { inadequate: 'Inadequate', 'requires improvement': 'Requires improvement to be good' }
    assert.equal(render('grade', { grade: 'requires improvement', labels }), 'Requires improvement to be good')
    assert.equal(render('grade', { grade: null, labels }), 'Not judged')
    assert.equal(render('grade', { grade: 'inadequate', labels: { inadequate: SCRIPT } }), ESCAPED_SCRIPT)
  })
})

describe('measure macros (src/measures/views)', () => {
  const measure = { id: 7, name: `Re-referrals ${SCRIPT}`, unit: 'percent', decimals: 1 }
  const summary = {
    measure,
    change: changeBetween(22.25, 21, 'percent'),
    latest: { value: 21, label: 'March 2024' },
    previous: { label: 'February 2024' },
    target: { value: 20 },
    benchmarks: [{ text: 'England 22.4%' }, { text: 'Neighbours 23.1%' }],
    spc: {
      variation: 'special-cause-improvement',
      assurance: 'hit-and-miss',
      points: [
        {
          mean: 22,
          lowerLimit: 18,
          upperLimit: 26,
          signals: ['beyond-limit', 'run'],
          directions: { 'beyond-limit': 'high', run: 'high' },
          specialCause: 'improvement',
        },
        { mean: 22, lowerLimit: null, upperLimit: null, signals: [], directions: {}, specialCause: null },
      ],
    },
    points: [
      { label: 'February 2024', value: null, note: `Late ${SCRIPT}` },
      { label: 'March 2024', value: 21, note: '' },
    ],
  }

  it('measureDataTable lists each period, latest first, with its SPC mean, limits and signals', () => {
    const html = render('measureDataTable', { summary })
    assertIncludes(
      html,
      '<table class="govuk-table" data-qa="measure-data-7">',
      `<caption class="govuk-table__caption govuk-visually-hidden">Re-referrals ${ESCAPED_SCRIPT} by period, with statistical process control</caption>`,
      '<th scope="row" class="govuk-table__header app-nowrap">March 2024</th>',
      '<td class="govuk-table__cell govuk-table__cell--numeric">21.0%</td>',
      '<td class="govuk-table__cell govuk-table__cell--numeric">18.0%</td>',
      '<td class="govuk-table__cell govuk-body-s">Above the upper limit (improvement); Run of 7 points above the mean</td>',
      '<td class="govuk-table__cell govuk-table__cell--numeric">Missing</td>',
      `<td class="govuk-table__cell govuk-body-s">Late ${ESCAPED_SCRIPT}</td>`,
    )
    assert.ok(html.indexOf('March 2024') < html.indexOf('February 2024'), 'latest period first')
    assertExcludes(html, '<script>', 'No data yet')

    const empty = render('measureDataTable', { summary: { measure, points: [], spc: { points: [] } } })
    assertIncludes(empty, '<td class="govuk-table__cell" colspan="7">No data yet</td>')
  })

  it('measureTable shows each measure’s latest value, change, target, benchmarks and SPC verdicts', () => {
    const noData = {
      ...summary,
      measure: { ...measure, id: 8, name: 'Caseloads' },
      latest: null,
      previous: null,
      change: null,
      target: null,
      benchmarks: [],
    }
    const html = render('measureTable', { rows: [summary, noData], caption: `Strand 1: ${SCRIPT}`, council })
    assertIncludes(
      html,
      '<table class="govuk-table" data-qa="measures-table">',
      `<caption class="govuk-table__caption govuk-table__caption--m">Strand 1: ${ESCAPED_SCRIPT}</caption>`,
      `<a class="govuk-link" href="${paths.council.measure('testshire', 7)}">Re-referrals ${ESCAPED_SCRIPT}</a>`,
      '21.0%<br><span class="govuk-body-s">March 2024</span>',
      'Down 1.3 percentage points<br><span class="govuk-body-s">since February 2024</span>',
      '<td class="govuk-table__cell govuk-table__cell--numeric">20.0%</td>',
      'England 22.4%<br>Neighbours 23.1%',
      '<strong class="govuk-tag govuk-tag--blue" data-qa="variation">Special cause improvement</strong>',
      '<strong class="govuk-tag govuk-tag--yellow" data-qa="assurance">Hit and miss against the target</strong>',
      `<a class="govuk-link" href="${paths.council.measure('testshire', 8)}">Caseloads</a>`,
      '<td class="govuk-table__cell govuk-table__cell--numeric">No data</td>',
      '<td class="govuk-table__cell">No earlier value</td>',
      '<td class="govuk-table__cell govuk-table__cell--numeric">None</td>',
      '<td class="govuk-table__cell govuk-body-s">None</td>',
    )
    assertExcludes(html, '<script>', 'Not current')

    const stale = { ...summary, currency: { current: false, note: `Latest figure is for March 2024 ${SCRIPT}` } }
    assertIncludes(
      render('measureTable', { rows: [stale], caption: 'Stale', council }),
      '<span class="govuk-body-s">March 2024</span><br><strong class="govuk-tag govuk-tag--grey" data-qa="not-current-tag" ' +
        `title="Latest figure is for March 2024 ${ESCAPED_SCRIPT}">Not current</strong>`,
    )
    assertExcludes(html, 'data-qa="measure-owner"')
    const owned = { ...summary, ownerText: `Ann Lee, Head of Performance ${SCRIPT}` }
    assertIncludes(
      render('measureTable', { rows: [owned], caption: 'Owned', council }),
      `Re-referrals ${ESCAPED_SCRIPT}</a><br><span class="govuk-body-s" data-qa="measure-owner">` +
        `Owner: Ann Lee, Head of Performance ${ESCAPED_SCRIPT}</span></th>`,
    )
  })
})

describe('owner macros (src/accounts/views)', () => {
  const options = {
    people: [{ value: 'user:4', text: `Ann Lee, Strand lead ${SCRIPT}` }],
    contacts: [{ value: 'contact:9', text: 'Sam Roe (Police), Inspector' }],
  }

  it('ownerSelect groups people with an account and contacts without one, with the current owner selected', () => {
    const html = squash(
      render('ownerSelect', {
        id: 'ownedBy',
        label: { text: 'Milestone owner' },
        hint: { text: 'Who answers for it' },
        value: 'contact:9',
        options,
      }),
    )
    assertIncludes(
      html,
      '<label class="govuk-label" for="ownedBy">Milestone owner</label>',
      '<div id="ownedBy-hint" class="govuk-hint">Who answers for it</div>',
      '<select class="govuk-select" id="ownedBy" name="ownedBy" aria-describedby="ownedBy-hint" data-qa="owner-select">',
      '<option value="">Unassigned</option>',
      `<optgroup label="People with an account"> <option value="user:4">Ann Lee, Strand lead ${ESCAPED_SCRIPT}</option> </optgroup>`,
      '<optgroup label="Contacts without an account"> <option value="contact:9" selected>Sam Roe (Police), Inspector</option> </optgroup>',
    )
    assertExcludes(html, '<script>', 'govuk-form-group--error')
  })

  it('ownerSelect shows an error, a hint with a link, its own first option, and leaves out an empty group', () => {
    const html = squash(
      render('ownerSelect', {
        id: 'lead',
        label: { text: 'Strand lead', classes: 'govuk-label--s' },
        hint: { html: '<a class="govuk-link" href="/contacts">Add a contact</a>' },
        value: '',
        options: { people: options.people, contacts: [] },
        noneText: 'Choose someone',
        errorMessage: { text: `Choose someone from the list ${SCRIPT}` },
      }),
    )
    assertIncludes(
      html,
      '<div class="govuk-form-group govuk-form-group--error">',
      '<label class="govuk-label govuk-label--s" for="lead">Strand lead</label>',
      '<div id="lead-hint" class="govuk-hint"><a class="govuk-link" href="/contacts">Add a contact</a></div>',
      `<p id="lead-error" class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> Choose someone from the list ${ESCAPED_SCRIPT}</p>`,
      'class="govuk-select govuk-select--error" id="lead" name="lead" aria-describedby="lead-hint lead-error"',
      '<option value="" selected>Choose someone</option>',
    )
    assertExcludes(html, 'Contacts without an account', '<script>')
  })
})

describe('home page macros (src/home/views)', () => {
  it('deliveryTag shows the delivery rating in words with its colour', () => {
    assert.equal(
      render('deliveryTag', { rag: 'amber' }),
      '<strong class="govuk-tag govuk-tag--orange" data-qa="delivery">Amber: some concerns</strong>',
    )
    assert.equal(
      render('deliveryTag', { rag: 'red' }),
      '<strong class="govuk-tag govuk-tag--red" data-qa="delivery">Red: off track</strong>',
    )
    assert.equal(
      render('deliveryTag', { rag: 'not-rated' }),
      '<strong class="govuk-tag govuk-tag--grey" data-qa="delivery">Not rated</strong>',
    )
  })

  it('boardFacts gives the next Board meeting and links the latest published report, escaped', () => {
    const html = render('boardFacts', {
      nextBoard: { meetingOn: '2024-04-18', boardName: `Improvement Board ${SCRIPT}` },
      latestReport: { id: 4, quarterLabel: 'January to March 2024', publishedAt: '2024-04-20' },
      slug: 'testshire',
    })
    assertIncludes(
      html,
      `data-qa="next-board">18 April 2024 (Improvement Board ${ESCAPED_SCRIPT})</dd>`,
      `data-qa="latest-report"><a class="govuk-link" href="${paths.council.report('testshire', 4)}">` +
        'January to March 2024 progress report</a>, published 20 April 2024</dd>',
    )
    assertExcludes(html, '<script>')
    const none = render('boardFacts', { nextBoard: null, latestReport: null, slug: 'testshire' })
    assertIncludes(
      none,
      'data-qa="next-board">No Board meeting date set</dd>',
      'data-qa="latest-report">None published yet</dd>',
    )
    assertExcludes(none, 'href=')
    assertIncludes(
      render('boardFacts', { nextBoard: { meetingOn: '2024-04-18', boardName: '' }, latestReport: null }),
      'data-qa="next-board">18 April 2024</dd>',
    )
  })

  it('overdueTable lists each overdue milestone with its strand and due date, linked to its objective', () => {
    const html = render('overdueTable', {
      milestones: [
        {
          id: 5,
          title: `Rota agreed ${SCRIPT}`,
          due_on: '2024-01-15',
          status: 'on-track',
          objective: { id: 3, strand: { code: '2' } },
        },
      ],
      caption: 'Overdue milestones, oldest first',
      slug: 'testshire',
      qa: 'overdue',
    })
    assertIncludes(
      html,
      '<table class="govuk-table" data-qa="overdue">',
      '<caption class="govuk-table__caption govuk-visually-hidden">Overdue milestones, oldest first</caption>',
      `<a class="govuk-link" href="${paths.council.objective('testshire', 3)}#milestone-5">Rota agreed ${ESCAPED_SCRIPT}</a>`,
      '<td class="govuk-table__cell">2</td>',
      '<td class="govuk-table__cell app-nowrap">15 January 2024</td>',
      '<strong class="govuk-tag govuk-tag--red">Overdue</strong> <span class="govuk-body-s">last reported on track</span>',
    )
    assertExcludes(html, '<script>')
  })

  const owed = (id: number, title: string, dueOn: string) => ({
    type: 'milestone',
    id,
    title,
    where: 'Strand 1 > Front door',
    dueOn,
    kindLabel: 'Milestone',
  })

  it('myItemsPanel lists what the person still owes, marks late ones and links each form', () => {
    const html = render('myItemsPanel', {
      mine: {
        open: true,
        quarterLabel: 'January to March 2024',
        todo: [owed(5, `Rota ${SCRIPT}`, '2024-04-10'), owed(6, 'Audit', '2024-04-30')],
        done: 1,
        total: 3,
      },
      slug: 'testshire',
      today: '2024-04-20',
    })
    assertIncludes(
      html,
      'data-qa="my-items-count">January to March 2024 reporting round: you have done 1 of 3 items.</p>',
      '<table class="govuk-table" data-qa="my-items">',
      `<td class="govuk-table__cell">Milestone: Rota ${ESCAPED_SCRIPT}<br><span class="govuk-body-s">Strand 1 &gt; Front door</span></td>`,
      '<td class="govuk-table__cell app-nowrap">10 April 2024 <strong class="govuk-tag govuk-tag--red">Late</strong></td>',
      '<td class="govuk-table__cell app-nowrap">30 April 2024</td>',
      `<a class="govuk-link" href="${paths.council.myUpdate('testshire', 'milestone', 6)}">Update<span class="govuk-visually-hidden"> Audit</span></a>`,
      `<a class="govuk-link" href="${paths.council.myUpdates('testshire')}">Go to my updates</a>`,
    )
    assertExcludes(html, '<script>', 'nothing left to update')
  })

  it('myItemsPanel says when everything is done, and when no round is open', () => {
    const done = render('myItemsPanel', {
      mine: { open: true, quarterLabel: 'January to March 2024', todo: [], done: 1, total: 1 },
      slug: 'testshire',
      today: '2024-04-20',
    })
    assertIncludes(done, 'you have done 1 of 1 item.</p>', 'You have nothing left to update in this round.')
    assertExcludes(done, 'data-qa="my-items"')
    const closed = render('myItemsPanel', { mine: { open: false }, slug: 'testshire', today: '2024-04-20' })
    assertIncludes(
      closed,
      'data-qa="my-items-none">No reporting round is open, so you owe no updates now. ' +
        `<a class="govuk-link" href="${paths.council.myUpdates('testshire')}">My updates</a></p>`,
    )
    assertExcludes(closed, 'my-items-count')
  })

  const count = (total: number, done: number) => ({
    total,
    done,
    outstanding: total - done,
    percentDone: total ? Math.round((100 * done) / total) : null,
  })
  const openRound = {
    open: true,
    round: { id: 9, updates_due_on: '2024-04-10', commentary_due_on: '2024-04-17', locks_on: '2024-04-24' },
    quarterLabel: 'January to March 2024',
    stateLabel: 'Open',
    stateTag: 'govuk-tag--blue',
    summary: {
      ...count(9, 2),
      byStrand: [{ label: `Strand 1 ${SCRIPT}`, ...count(4, 1) }],
      byPerson: [],
    },
    behind: [{ name: 'Ann Lee', ...count(3, 0) }],
    unowned: { name: 'No owner', ...count(2, 0) },
  }

  it('returnsPanel shows the open round’s returns overall, by strand and the people most behind', () => {
    const html = squash(render('returnsPanel', { returns: openRound, slug: 'testshire' }))
    assertIncludes(
      html,
      'January to March 2024: <strong class="govuk-tag govuk-tag--blue">Open</strong>.',
      'Owners’ updates due 10 April 2024, strand leads’ commentary due 17 April 2024, locks 24 April 2024.',
      'data-qa="returns-overall"><strong>22%</strong> returned: 2 of 9 items done, 7 outstanding.</p>',
      `<th scope="row" class="govuk-table__header">Strand 1 ${ESCAPED_SCRIPT}</th> <td class="govuk-table__cell govuk-table__cell--numeric">1</td> ` +
        '<td class="govuk-table__cell govuk-table__cell--numeric">3</td> <td class="govuk-table__cell govuk-table__cell--numeric">25%</td>',
      '<th scope="row" class="govuk-table__header">Ann Lee</th> <td class="govuk-table__cell govuk-table__cell--numeric">3 of 3</td> ' +
        '<td class="govuk-table__cell govuk-table__cell--numeric">0%</td>',
      `data-qa="returns-unowned">2 outstanding items have no owner to remind. <a class="govuk-link" href="${paths.council.owners('testshire')}">Assign owners</a>`,
      `<a class="govuk-link" href="${paths.council.round('testshire', 9)}">Track returns and remind those outstanding` +
        '<span class="govuk-visually-hidden"> for January to March 2024</span></a>',
    )
    assertExcludes(html, '<script>', 'no-open-round', 'Everyone has made their returns')

    const allIn = squash(
      render('returnsPanel', { returns: { ...openRound, behind: [], unowned: null }, slug: 'testshire' }),
    )
    assertIncludes(allIn, 'Everyone has made their returns.')
    assertExcludes(allIn, 'returns-behind', 'returns-unowned')

    const nothingOwed = render('returnsPanel', {
      returns: { ...openRound, summary: { ...count(0, 0), byStrand: [], byPerson: [] }, behind: [], unowned: null },
      slug: 'testshire',
    })
    assertIncludes(nothingOwed, 'Nothing is owed in this round: no item of the plan has an owner yet.')
    assertExcludes(nothingOwed, 'returns-overall', 'returns-by-strand')
  })

  it('returnsPanel with no round open offers the quarter to open, the locked round, or nothing once the plan has closed', () => {
    const toOpen = { start: '2024-01-01', end: '2024-03-31', label: 'January to March 2024' }
    const offer = squash(
      render('returnsPanel', {
        returns: { open: false, toOpen, lastRound: null },
        slug: 'testshire',
        planClosed: null,
      }),
    )
    assertIncludes(
      offer,
      'data-qa="no-open-round">',
      `No reporting round is open. <a class="govuk-link" href="${paths.council.newRound('testshire')}?quarter=2024-01-01">` +
        'Open the round for January to March 2024</a>, the quarter that ended on 31 March 2024.',
    )
    assertExcludes(offer, 'data-qa="returns"')

    const locked = squash(
      render('returnsPanel', {
        returns: { open: false, toOpen: null, lastRound: { id: 9, quarterLabel: 'January to March 2024' } },
        slug: 'testshire',
      }),
    )
    assertIncludes(
      locked,
      'No reporting round is open: the round for January to March 2024 is locked. ' +
        `<a class="govuk-link" href="${paths.council.rounds('testshire')}">See all reporting rounds</a>`,
    )
    assertExcludes(locked, 'Open the round')

    const closed = render('returnsPanel', {
      returns: { open: false, toOpen, lastRound: null },
      slug: 'testshire',
      planClosed: '2024-02-01',
    })
    assertIncludes(closed, 'The plan has closed, so there is nothing to report on until the next plan starts.')
    assertExcludes(closed, 'Open the round', 'href=')
  })

  it('publishedPlan links the latest published version, escaped, or says there is none', () => {
    const html = render('publishedPlan', {
      plan: { id: 1 },
      latestVersion: { number: 2, published_at: '2024-03-05' },
      councilName: `Testshire ${SCRIPT}`,
      slug: 'testshire',
    })
    assertIncludes(
      html,
      `You can read the published versions of Testshire ${ESCAPED_SCRIPT}'s improvement plan.`,
      `<a class="govuk-link" href="${paths.council.version('testshire', 2)}">Read the latest version (version 2, published 5 March 2024)</a>`,
    )
    assertExcludes(html, '<script>', 'No version has been published yet')
    const unpublished = render('publishedPlan', {
      plan: { id: 1 },
      latestVersion: null,
      councilName: 'Testshire',
      slug: 'testshire',
    })
    assertIncludes(unpublished, 'No version has been published yet.')
    assertExcludes(unpublished, 'href=')
    assert.equal(
      render('publishedPlan', { plan: null, latestVersion: null, councilName: 'Testshire', slug: 'testshire' }),
      '<p class="govuk-body">There is no improvement plan yet.</p>',
    )
  })
})

describe('self-assessment macros (src/oversight/views)', () => {
  // Built by the real builder from hand-made inputs: user text carries a script to show it is escaped.
  const content = buildSelfAssessment(
    saInput({
      councilName: `Testshire ${SCRIPT}`,
      review: { ...saEvent(9, 'dfe-review', 'planned', '2027-01-20'), title: `January review ${SCRIPT}` },
      evidence: [
        saEvidence(1, 11, '2026-10-01', 'audit', `Most plans name a date ${SCRIPT}`),
        saEvidence(2, 10, '2026-11-02', 'staff', 'Caseloads feel lower', 'no-change'),
        saEvidence(3, 10, '2026-03-12', 'children', 'On the review’s last day: before the window'),
      ],
      narrative: { overview: `Much better ${SCRIPT}`, next: 'Keep going' },
    }),
  )
  const sectionsParams = {
    content,
    trackingTags: TRACKING_TAGS,
    evidenceWindow: evidenceWindowText(content.evidence),
  }

  it('saRag shows a delivery rating in words with its colour', () => {
    assert.equal(
      render('saRag', { delivery: { rag: 'red', label: 'Red: off track' } }),
      '<strong class="govuk-tag govuk-tag--red" data-qa="delivery">Red: off track</strong>',
    )
    assert.equal(
      render('saRag', { delivery: { rag: 'amber', label: 'Amber: some concerns' } }),
      '<strong class="govuk-tag govuk-tag--orange" data-qa="delivery">Amber: some concerns</strong>',
    )
    assert.equal(
      render('saRag', { delivery: content.strands[0]!.objectives[1]!.rating.delivery }),
      '<strong class="govuk-tag govuk-tag--green" data-qa="delivery">Green: on track</strong>',
    )
    assert.equal(
      render('saRag', { delivery: { rag: 'not-rated', label: `Not rated ${SCRIPT}` } }),
      `<strong class="govuk-tag govuk-tag--grey" data-qa="delivery">Not rated ${ESCAPED_SCRIPT}</strong>`,
    )
  })

  it('saHeader says whose it is, what it prepares for, the data-as-at day, where it stands and its marking', () => {
    const html = render('saHeader', { content, statusLine: statusText(content), marking: 'OFFICIAL-SENSITIVE' })
    assertIncludes(
      html,
      `<dd class="govuk-summary-list__value">Testshire ${ESCAPED_SCRIPT}</dd>`,
      `data-qa="review">January review ${ESCAPED_SCRIPT} (DfE progress review, 20 January 2027, planned)</dd>`,
      '<dd class="govuk-summary-list__value">Improvement plan</dd>',
      'data-qa="data-as-at">7 December 2026</dd>',
      '<strong class="govuk-tag govuk-tag--grey" data-qa="status">Draft</strong>',
      '<span class="govuk-body-s">Draft, with figures as they stand on 7 December 2026.',
      '<dt class="govuk-summary-list__key">Protective marking</dt><dd class="govuk-summary-list__value">OFFICIAL-SENSITIVE</dd>',
    )
    assertExcludes(html, '<script>', 'Submitted')

    const submitted = buildSelfAssessment(
      saInput({ status: 'submitted', submitted: { on: '2026-12-07', by: 'Iris Team' }, review: null, plan: null }),
    )
    const sent = render('saHeader', { content: submitted, statusLine: statusText(submitted) })
    assertIncludes(
      sent,
      'data-qa="review">Not linked to a review</dd>',
      '<dd class="govuk-summary-list__value">No improvement plan recorded</dd>',
      '<strong class="govuk-tag govuk-tag--green" data-qa="status">Submitted</strong>',
      'Submitted on 7 December 2026 by Iris Team.',
    )
    assertExcludes(sent, 'Protective marking', 'Draft')
  })

  it('saContents links each section in order', () => {
    const html = render('saContents', {})
    assertIncludes(
      html,
      '<h2 class="govuk-heading-m" id="contents-heading">Contents</h2>',
      '<li><a class="govuk-link" href="#assessment">Our assessment</a></li>',
      '<li><a class="govuk-link" href="#evidence">Evidence since the last review</a></li>',
      '<li><a class="govuk-link" href="#practice">Practice evidence</a></li>',
      '<li><a class="govuk-link" href="#requirements">The Notice’s requirements</a></li>',
    )
    const anchors = [...html.matchAll(/href="#([\w-]+)"/g)].map((m) => m[1])
    assert.deepEqual(anchors, [
      'assessment',
      'progress',
      'measures',
      'evidence',
      'practice',
      'since-last-review',
      'requirements',
    ])
  })

  it('saNarrative shows each section’s words, escaped, and Not written. for an empty one', () => {
    const html = render('saNarrative', { content, sections: NARRATIVE_SECTIONS })
    assertIncludes(
      html,
      '<h2 class="govuk-heading-l" id="assessment">Our assessment</h2>',
      '<h3 class="govuk-heading-m">Our overall view</h3>',
      `<p class="govuk-body app-pre-wrap" data-qa="narrative-overview">Much better ${ESCAPED_SCRIPT}</p>`,
      '<h3 class="govuk-heading-m">What is working for children</h3>',
      '<p class="govuk-body app-pre-wrap" data-qa="narrative-strengths">Not written.</p>',
      '<p class="govuk-body app-pre-wrap" data-qa="narrative-weaknesses">Not written.</p>',
      '<p class="govuk-body app-pre-wrap" data-qa="narrative-next">Keep going</p>',
    )
    assertExcludes(html, '<script>')
    assert.equal(html.split('Not written.').length - 1, 2, 'only the two empty sections say Not written.')
  })

  it('evidenceTable renders one row per entry with its date, objective, kind, summary escaped and direction', () => {
    const html = render('evidenceTable', {
      entries: content.evidence.entries,
      qa: 'evidence',
      caption: `Evidence ${SCRIPT}`,
    })
    assertIncludes(
      html,
      '<table class="govuk-table govuk-!-font-size-16" data-qa="evidence">',
      `<caption class="govuk-table__caption govuk-table__caption--s">Evidence ${ESCAPED_SCRIPT}</caption>`,
      '<td class="govuk-table__cell app-nowrap">2 November 2026</td>',
      '<td class="govuk-table__cell">1: Timely decisions</td>',
      '<td class="govuk-table__cell">Feedback from staff</td>',
      '<td class="govuk-table__cell">Shows no change</td>',
      `<td class="govuk-table__cell">Most plans name a date ${ESCAPED_SCRIPT}</td>`,
      '<td class="govuk-table__cell">Case audit finding</td>',
      '<td class="govuk-table__cell">Shows improvement</td>',
    )
    assertExcludes(html, '<script>', 'before the window')
    assert.equal(html.split('<tr class="govuk-table__row">').length - 1, 3, 'a header row and one row per entry')
    assert.ok(html.indexOf('2 November 2026') < html.indexOf('1 October 2026'), 'newest first, as given')

    const empty = render('evidenceTable', { entries: [], qa: 'practice-staff' })
    assertIncludes(empty, 'data-qa="practice-staff"')
    assertExcludes(empty, '<caption', 'govuk-table__cell')
  })

  it('saSections shows ratings, evidence, practice evidence, the last review’s findings and the Notice', () => {
    const html = render('saSections', sectionsParams)
    assertIncludes(
      html,
      '<caption class="govuk-table__caption govuk-table__caption--m">Strand 1: Front door</caption>',
      '<th scope="row" class="govuk-table__header">Strand 1 overall</th>',
      '<tr class="govuk-table__row" data-qa="objective-10">',
      '<th scope="row" class="govuk-table__header govuk-!-font-weight-regular">Timely decisions</th>',
      '<strong class="govuk-tag govuk-tag--red" data-qa="delivery">Red: off track</strong>',
      '<strong class="govuk-tag govuk-tag--yellow" data-qa="impact">No change</strong>',
      'Delivery: 1 milestone overdue by more than 90 days: Milestone 100.<br>',
      '<strong class="govuk-tag govuk-tag--green" data-qa="delivery">Green: on track</strong>',
      '<p class="govuk-body">No measure is linked to the plan.</p>',
      'data-qa="evidence-window">Entries observed since the last DfE review: DfE progress review, March 2026 (10 March 2026 to 12 March 2026).</p>',
      '<table class="govuk-table govuk-!-font-size-16" data-qa="evidence">',
      '<table class="govuk-table govuk-!-font-size-16" data-qa="practice-audit">',
      '<table class="govuk-table govuk-!-font-size-16" data-qa="practice-staff">',
      '<h3 class="govuk-heading-m">The voice of children and families</h3>\n' +
        '<p class="govuk-body" data-qa="practice-children-none">None recorded since 12 March 2026.</p>',
      `<td class="govuk-table__cell">Most plans name a date ${ESCAPED_SCRIPT}</td>`,
      '<li>3 in all</li>',
      '<li>1 closed</li>',
      '<li>1 with no linked action</li>',
      '<li>1 overdue</li>',
      '<td class="govuk-table__cell"><strong>F1</strong> Finding: Slow decisions</td>',
      '<strong class="govuk-tag govuk-tag--green" data-qa="tracking">Closed</strong>',
      '<td class="govuk-table__cell">Closed 1 November 2026: Audit shows it</td>',
      'Recommendation: Train managers<br><span class="govuk-body-s">Due 30 November 2026</span>',
      '<strong class="govuk-tag govuk-tag--red" data-qa="tracking">Overdue</strong>',
      '<strong class="govuk-tag govuk-tag--orange" data-qa="tracking">No linked action</strong>',
      '<td class="govuk-table__cell">Nothing linked</td>',
      '<li>Improvement Notice 2026 (Improvement Notice, issued 1 February 2026): 2 requirements; 1 met, 1 overdue, 1 with no evidence linked.</li>',
    )
    assertExcludes(html, '<script>', 'evidence-none', 'Good leadership', 'No improvement plan is recorded')

    const bare = buildSelfAssessment(
      saInput({
        plan: null,
        tree: { strands: [] },
        evidence: [],
        previousDfeReview: null,
        previousEvent: null,
        interventions: [],
      }),
    )
    const none = render('saSections', {
      ...sectionsParams,
      content: bare,
      evidenceWindow: evidenceWindowText(bare.evidence),
    })
    assertIncludes(
      none,
      '<p class="govuk-body">No improvement plan is recorded.</p>',
      '<p class="govuk-body" data-qa="evidence-none">None recorded since 7 June 2026.</p>',
      '<p class="govuk-body" data-qa="practice-audit-none">None recorded since 7 June 2026.</p>',
      '<p class="govuk-body" data-qa="no-last-review">No earlier review or visit is recorded.</p>',
      '<p class="govuk-body" data-qa="no-requirements">No Notice or Direction is in force.</p>',
    )
    assertExcludes(none, 'data-qa="strand-', '<table')
  })
})

describe('every macro', () => {
  /** Every `{% macro name(args) %}` in the app's templates (views/ and src/), with where it is. */
  function findMacros(): Array<{ name: string; args: string; file: string }> {
    const found: Array<{ name: string; args: string; file: string }> = []
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name)
        if (entry.isDirectory()) walk(full)
        else if (entry.name.endsWith('.njk')) {
          for (const m of fs.readFileSync(full, 'utf8').matchAll(/\{%-?\s*macro\s+([A-Za-z_$][\w$]*)\s*\(([^)]*)\)/g)) {
            found.push({ name: m[1]!, args: m[2]!.trim(), file: path.relative(projectRoot, full) })
          }
        }
      }
    }
    walk(path.join(projectRoot, 'views'))
    walk(path.join(projectRoot, 'src'))
    return found
  }

  const macros = findMacros()

  it('finds the app’s macros', () => {
    assert.ok(macros.length >= Object.keys(MACROS).length, `found only ${macros.length} macros`)
  })

  it('has a render test for every macro in the app, and none for macros that are gone', () => {
    const untested = macros.filter((m) => !(m.name in MACROS)).map((m) => `${m.name} (${m.file})`)
    assert.deepEqual(untested, [], 'add a render test to src/server/macros.test.ts for each of these macros')
    const names = new Set(macros.map((m) => m.name))
    assert.deepEqual(
      Object.keys(MACROS).filter((name) => !names.has(name)),
      [],
      'these macros are listed in MACROS but no longer exist',
    )
    for (const m of macros)
      assert.ok(m.file.endsWith(MACROS[m.name]!), `${m.name} is in ${m.file}, not ${MACROS[m.name]}`)
    assert.deepEqual(
      Object.keys(MACROS).filter((name) => !rendered.has(name)),
      [],
      'these macros are listed in MACROS but no test rendered them',
    )
  })

  it('has each macro defined once, taking one params object', () => {
    const seen = new Map<string, string>()
    for (const m of macros) {
      assert.ok(!seen.has(m.name), `${m.name} is defined in both ${seen.get(m.name)} and ${m.file}: share one macro`)
      seen.set(m.name, m.file)
      assert.equal(m.args, 'params', `${m.name} (${m.file}) should take one params object, not (${m.args})`)
    }
  })
})
