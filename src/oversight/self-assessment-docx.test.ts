// The self-assessment in Word, read back from the file: the cover, headings per section, the ratings table
// with words beside each colour, the measures table, the chart with its text alternative, the practice
// sections saying plainly when nothing is recorded, and the narrative. Built from hand-made content.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import JSZip from 'jszip'
import { renderLineChart } from '../charts/line-chart.js'
import { svgsToPng } from '../exports/svg-to-png.js'
import { selfAssessmentDocx } from './self-assessment-docx.js'
import { selfAssessmentFilename } from './self-assessment-export.js'
import {
  SELF_ASSESSMENT_SCHEMA_VERSION,
  selfAssessmentContentSchema,
  type SelfAssessmentContent,
} from './self-assessment-content.js'

const MEASURE = 'Re-referrals within 12 months'
const chart = renderLineChart({
  id: 'self-assessment-chart-7',
  title: MEASURE,
  yLabel: 'Percentage (%)',
  unit: 'percent',
  series: [
    {
      label: MEASURE,
      points: [
        { period: 'Sep 2026', value: 24.1 },
        { period: 'Oct 2026', value: 22.8 },
        { period: 'Nov 2026', value: 21.0 },
      ],
    },
  ],
  width: 380,
  height: 200,
})

const rating = {
  delivery: {
    rag: 'red' as const,
    label: 'Red: off track',
    reasons: '1 milestone overdue by more than 90 days: Train managers',
  },
  impact: { level: 'improving' as const, label: 'Improving', reasons: '1 source of evidence improving: Audit' },
}

const content: SelfAssessmentContent = selfAssessmentContentSchema.parse({
  schemaVersion: SELF_ASSESSMENT_SCHEMA_VERSION,
  councilName: 'Test council',
  title: 'Self-assessment before the DfE review on 20 January 2027',
  status: 'submitted',
  dataAsAt: '2026-12-07',
  submitted: { on: '2026-12-07', by: 'Iris Team' },
  review: {
    title: 'DfE progress review, January 2027',
    kindLabel: 'DfE progress review',
    startsOn: '2027-01-20',
    endsOn: null,
    state: 'planned',
  },
  planTitle: 'Improvement plan',
  strands: [
    {
      id: 1,
      code: '1',
      title: 'Front door',
      lead: 'Head of Service',
      rating,
      objectives: [{ id: 10, title: 'Timely decisions', rating }],
    },
  ],
  measures: [
    {
      id: 7,
      code: 'RR',
      name: MEASURE,
      unitLabel: 'Percentage (%)',
      latest: '21.0%',
      latestPeriod: 'Nov 2026',
      target: '20.0%',
      variation: 'Common cause variation',
      variationKey: 'common-cause',
      assurance: 'Hit and miss against the target',
      assuranceKey: 'hit-and-miss',
      signal: 'None',
      chart,
    },
  ],
  evidence: {
    since: '2026-06-07',
    basis: 'six-months',
    previousReview: null,
    entries: [
      {
        id: 1,
        objective: '1: Timely decisions',
        observedOn: '2026-11-01',
        kind: 'audit',
        kindLabel: 'Case audit finding',
        summary: 'Most plans now reviewed on time',
        direction: 'improving',
        directionLabel: 'Shows improvement',
      },
    ],
  },
  practice: [
    { kind: 'audit', heading: 'Case-file audits', entries: [] },
    { kind: 'children', heading: 'The voice of children and families', entries: [] },
    { kind: 'staff', heading: 'The voice of staff', entries: [] },
  ],
  sinceLastReview: {
    event: {
      title: 'Monitoring visit, September 2026',
      kindLabel: 'Monitoring visit',
      startsOn: '2026-09-15',
      endsOn: null,
    },
    items: [
      {
        kindLabel: 'Finding',
        reference: 'F1',
        text: 'Decisions are slow',
        dueOn: null,
        state: 'in-progress',
        stateLabel: 'In progress',
        answeredBy: ['1: Timely decisions'],
        closedOn: null,
        closureNote: '',
      },
    ],
    counts: { total: 1, closed: 0, inProgress: 1, noAction: 0, overdue: 0 },
  },
  requirements: [
    {
      title: 'Improvement Notice 2026',
      kindLabel: 'Improvement Notice',
      issuedOn: '2026-02-01',
      total: 4,
      met: 1,
      overdue: 2,
      noEvidence: 1,
    },
  ],
  narrative: {
    overview: 'Our view: services are better.',
    strengths: '',
    weaknesses: 'Plans drift.',
    next: 'Train managers.',
  },
})

describe('self-assessment in Word', () => {
  let xml: string
  let zip: JSZip
  before(async () => {
    const [png] = await svgsToPng([chart])
    zip = await JSZip.loadAsync(await selfAssessmentDocx(content, new Map([[chart, png!]]), 'OFFICIAL'))
    xml = await zip.file('word/document.xml')!.async('string')
  })

  const paragraphsWithStyle = (style: string) =>
    [...xml.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="([^"]+)"\/>(?:(?!<\/w:p>).)*?<\/w:p>/gs)]
      .filter((m) => m[1] === style)
      .map((m) => [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((t) => t[1]).join(''))

  it('has the title on the cover and a heading for each section', () => {
    assert.deepEqual(paragraphsWithStyle('Title'), [content.title])
    assert.deepEqual(paragraphsWithStyle('Heading1'), [
      'Our assessment',
      'Progress against objectives',
      'Key measures',
      'Evidence since the last review',
      'Practice evidence',
      'Since the last review',
      'The Notice’s requirements',
    ])
    const h2 = paragraphsWithStyle('Heading2')
    for (const heading of [
      'Our overall view',
      'What is working for children',
      'Strand 1: Front door',
      'Case-file audits',
    ])
      assert.ok(h2.includes(heading), `${heading} is not a Heading 2: ${h2.join('; ')}`)
  })

  it('writes the narrative, saying when a section is not written', () => {
    assert.match(xml, /Our view: services are better\./)
    assert.match(xml, /Plans drift\./)
    assert.match(xml, /Not written\./)
  })

  it('puts each status colour beside its words, in tables', () => {
    assert.match(xml, /<w:tbl>/)
    assert.match(xml, /w:fill="D4351C"(?:(?!<\/w:tc>).)*Red: off track/s)
    assert.match(xml, /w:fill="00703C"(?:(?!<\/w:tc>).)*Improving/s)
    assert.match(xml, /Hit and miss against the target/)
  })

  it('includes the chart as an image with its text alternative', () => {
    assert.match(xml, /descr="[^"]*Re-referrals within 12 months/)
    const images = Object.keys(zip.files).filter((f) => /^word\/media\/.*\.png$/.test(f))
    assert.equal(images.length, 1)
  })

  it('says plainly when no practice evidence is recorded, and follows up the last review', () => {
    assert.equal((xml.match(/None recorded since 7 June 2026\./g) ?? []).length, 3)
    assert.match(xml, /1 in all; 0 closed, 1 in progress, 0 with no linked action\./)
    assert.match(xml, /4 requirements; 1 met, 2 overdue, 1 with no evidence linked\./)
  })

  it('is named after the council and the day its data are as at', () => {
    assert.equal(selfAssessmentFilename('bradford', content, 'docx'), 'bradford-self-assessment-2026-12-07.docx')
    assert.equal(
      selfAssessmentFilename('bradford', { ...content, status: 'draft' }, 'pdf'),
      'bradford-self-assessment-2026-12-07-draft.pdf',
    )
  })
})
