// The Word board paper, read back from the file: styles, cover, contents, page numbers and marking,
// table layout, status colours, charts and milestones. Built from a hand-made report; no database.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import JSZip from 'jszip'
import { renderLineChart } from '../charts/line-chart.js'
import { svgsToPng } from '../exports/svg-to-png.js'
import { fitColumns, reportDocx } from './report-docx.js'
import { reportContentSchema, type ReportContent } from './report-snapshot.js'

/** A4 portrait (210 mm = 11906 twips) less two 2 cm margins (1134 twips each). */
const PRINTABLE = 11906 - 2 * 1134
/** The narrowest column allowed: 1.5 cm. */
const MIN_COLUMN = 850

const MEASURE = 'Posts not filled by a permanent social worker'
const chart = renderLineChart({
  id: 'report-chart-1-7',
  title: MEASURE,
  yLabel: 'Percentage (%)',
  unit: 'percent',
  series: [
    {
      label: MEASURE,
      points: [
        { period: 'Apr 2024', value: 31.5 },
        { period: 'May 2024', value: 30.2 },
        { period: 'Jun 2024', value: 28.9 },
        { period: 'Jul 2024', value: 27.4 },
      ],
    },
  ],
  width: 380,
  height: 200,
})

const rated = (
  rag: 'red' | 'amber' | 'green' | 'not-rated',
  impact: 'improving' | 'no-change' | 'worsening' | 'none',
) => ({
  rag,
  derived: {
    rag,
    reasons:
      rag === 'green'
        ? []
        : [{ text: '1 milestone overdue', items: [{ anchor: 'milestone-101', label: 'Recruit six team managers' }] }],
  },
  override: null,
  delivery: { rag, reasons: [] },
  impact: { level: impact, reasons: [] },
})

const milestone = (id: number, title: string, status: string, completed_on: string | null = null) => ({
  id,
  title,
  owner: 'Head of Service',
  due_on: '2024-09-30',
  completed_on,
  status,
  originallyDue: id === 101 ? '2024-05-31' : null,
  timesMoved: id === 101 ? 2 : 0,
})

const recruit = milestone(101, 'Recruit six team managers', 'Overdue; last reported at risk')
const induction = milestone(102, 'Launch the induction programme for new starters', 'Complete', '2024-08-20')

function report(changes: unknown = undefined, cover: unknown = undefined): ReportContent {
  return reportContentSchema.parse({
    schemaVersion: 6,
    councilName: 'Northfield Council',
    planTitle: 'Children’s services improvement plan 2024 to 2026',
    quarter: { start: '2024-07-01', end: '2024-09-30', label: 'Q2 2024/25' },
    dataAsAt: '2024-09-30',
    cover:
      cover === undefined
        ? {
            boardName: 'Northfield Improvement Board',
            meetingOn: '2024-10-17',
            authorRole: 'Head of Improvement',
            accountableRole: 'Director of Children’s Services',
            purpose: 'decision',
            marking: 'OFFICIAL-SENSITIVE',
            revision: 2,
            corrects: { revision: 1, reason: 'the August caseload figure was wrong' },
            approvedBy: 'Sam Patel',
            approvedOn: '2024-10-10',
          }
        : cover,
    narrative: {
      summary: 'Recruitment is improving.\nCaseloads remain high.',
      recommendations: 'Note the progress in workforce.',
      decisions: 'Agree the revised recruitment timetable.',
      decisionsFollowUp: 'The Board agreed the market supplement in July; it has been paid since August.',
    },
    sensitive: [],
    changesSinceLast: changes ?? {
      kind: 'compared',
      previous: { id: 3, label: 'Q1 2024/25', publishedOn: '25 July 2024' },
      statuses: [{ item: 'Strand 1: Workforce', before: 'Amber: some concerns', after: 'Red: off track' }],
      measures: [{ item: MEASURE, before: '31.5%', after: '27.4%' }],
      slowNew: ['Milestone overdue: Recruit six team managers'],
      slowCleared: ['Measure of concern: Agency staff spend'],
      decisionsAsked: 'Approve a market supplement for social workers.',
    },
    strands: [
      {
        id: 1,
        code: '1',
        half: 'A',
        title: 'Workforce',
        lead: 'Head of Service',
        status: rated('red', 'improving'),
        slippage: { replans: 2, daysSlipped: 92 },
        commentary: 'Two team managers started in September.',
        draftCommentary: '',
        impact: '',
        objectives: [
          {
            id: 11,
            anchor: 'objective-11',
            title: 'A stable, permanent workforce',
            intendedImpact: 'Children keep the same social worker.',
            status: rated('red', 'improving'),
            // The overdue milestone is also behind the rating; the induction is due and completed.
            attention: [recruit],
            measures: [{ anchor: 'measure-1-7', label: MEASURE }],
            evidence: [
              {
                anchor: 'evidence-5',
                observedOn: '2024-09-12',
                kind: 'Feedback from staff',
                summary: 'Staff survey: 78% intend to stay',
                direction: 'improving',
                current: true,
                attachmentName: null,
              },
            ],
            practice: [
              {
                anchor: 'objective-11-survey-question-3',
                kind: 'staff-survey',
                label: 'Staff survey: I would recommend working here',
                direction: 'improving',
                current: true,
                detail: '64% favourable in March 2024, up 9 points from 55% in September 2023',
              },
            ],
            completed: [induction],
            dueInQuarter: [induction],
            overdue: [recruit],
            updates: [{ date: '2024-09-20', body: 'Interviews held.', author: 'Head of Service' }],
          },
        ],
        measures: [
          {
            id: 7,
            anchor: 'measure-1-7',
            code: 'WF-VAC',
            name: MEASURE,
            latest: '27.4%',
            latestPeriod: 'Jul 2024',
            current: true,
            currencyNote: '',
            direction: 'improving',
            previous: '28.9%',
            target: '15.0%',
            england: '17.1% (2023)',
            statisticalNeighbours: '19.4% (2023)',
            variation: 'Not enough data for SPC',
            assurance: 'Not enough data for assurance',
            variationKey: 'not-enough-data',
            assuranceKey: 'not-enough-data',
            unit: 'percent',
            chart,
            official: true,
            comparability: '',
            englandValue: 17.1,
            neighboursValue: 19.4,
            data: [],
          },
        ],
      },
      {
        id: 2,
        code: '2',
        half: 'A',
        title: 'Front door',
        lead: 'Service Manager',
        status: rated('amber', 'no-change'),
        slippage: { replans: 0, daysSlipped: 0 },
        commentary: '',
        draftCommentary: 'Contacts were steady.',
        impact: '',
        objectives: [],
        measures: [],
      },
      {
        id: 3,
        code: '3',
        half: 'B',
        title: 'Care leavers',
        lead: '',
        status: rated('green', 'improving'),
        slippage: { replans: 0, daysSlipped: 0 },
        commentary: '',
        draftCommentary: '',
        impact: '',
        objectives: [],
        measures: [],
      },
    ],
    significantChanges: [],
    slowToProgress: {
      overdueMilestones: [],
      objectivesWithoutUpdate: [{ strand: '2', objective: 'Consistent thresholds', lastUpdate: null }],
      measuresOfConcern: [],
      contributionsToStrengthen: [],
    },
    notCurrent: [],
    contributionsReceived: [],
    board: null,
    risks: null,
    practice: null,
    sources: 'Contains public sector information licensed under the Open Government Licence v3.0.',
  })
}

/** The file's XML parts by name. */
async function unzip(docx: Buffer): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(docx)
  const parts = new Map<string, string>()
  for (const name of Object.keys(zip.files).filter((f) => f.endsWith('.xml'))) {
    parts.set(name, await zip.file(name)!.async('string'))
  }
  return parts
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')

/** The text of each paragraph, in order, a tab as "\t". */
const paragraphs = (xml: string) =>
  [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    unescape([...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((t) => t[1] ?? '\t').join('')),
  )

const count = (haystack: string, needle: string) => haystack.split(needle).length - 1
const attr = (element: string, name: string) => new RegExp(`${name}="([^"]*)"`).exec(element)?.[1]

describe('report as a Word board paper', () => {
  let png: Buffer
  let parts: Map<string, string>
  let doc: string
  let text: string[]

  before(async () => {
    ;[png] = (await svgsToPng([chart])) as [Buffer]
    const content = report()
    parts = await unzip(await reportDocx(content, new Map([[chart, png]]), 'Published 11 October 2024, 9:30am.'))
    doc = parts.get('word/document.xml')!
    // The paragraphs of the paper itself, without the entries docx writes into the table of contents.
    text = paragraphs(doc.replace(/<w:sdt>[\s\S]*?<\/w:sdt>/, ''))
  })

  it('defines Arial as the default font and Heading 1 to 3 as outline levels for the navigation pane', () => {
    const styles = parts.get('word/styles.xml')!
    const defaults = /<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(styles)?.[0] ?? ''
    assert.match(defaults, /<w:rFonts [^>]*w:ascii="Arial"[^>]*w:hAnsi="Arial"/)
    for (const level of [1, 2, 3]) {
      const style = new RegExp(`<w:style [^>]*w:styleId="Heading${level}"[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? ''
      assert.match(style, new RegExp(`<w:name w:val="Heading ${level}"/>`), `Heading ${level} is defined`)
      assert.match(style, new RegExp(`<w:outlineLvl w:val="${level - 1}"/>`), `Heading ${level} has its outline level`)
      assert.match(style, /<w:b\/>/, `Heading ${level} is bold`)
    }
    for (const level of [1, 2, 3]) assert.match(doc, new RegExp(`<w:pStyle w:val="Heading${level}"/>`))
  })

  it('opens with a cover page, then a table of contents that Word fills on opening', () => {
    const contentsAt = text.indexOf('Contents')
    assert.ok(contentsAt > 0, 'a Contents title')
    const cover = text.slice(0, contentsAt)
    for (const expected of [
      'Northfield Council',
      'Northfield Improvement Board, meeting on 17 October 2024',
      'Q2 2024/25 progress report',
      'Head of Improvement',
      'Director of Children’s Services',
      'For decision',
      'OFFICIAL-SENSITIVE',
      'Revision 2, correcting revision 1: the August caseload figure was wrong',
      'Approved by Sam Patel on 10 October 2024',
      '30 September 2024',
      'Published 11 October 2024, 9:30am.',
    ]) {
      assert.ok(cover.includes(expected), `cover shows ${expected}`)
    }
    // The contents start a new page, then the TOC field of headings 1 to 3.
    assert.match(doc, /<w:pageBreakBefore\/>(?:(?!<\/w:p>)[\s\S])*Contents/)
    const toc = doc.indexOf('TOC \\h \\o &quot;1-3&quot;')
    assert.ok(toc > doc.indexOf('Contents'), 'the TOC field follows the Contents title')
    assert.match(parts.get('word/settings.xml')!, /<w:updateFields(?: w:val="(true|1)")?\/>/)
  })

  it('numbers pages "Page X of Y" in the footer and carries the title and protective marking in the header', () => {
    const footers = [...parts].filter(([name]) => /^word\/footer\d*\.xml$/.test(name)).map(([, xml]) => xml)
    const headers = [...parts].filter(([name]) => /^word\/header\d*\.xml$/.test(name)).map(([, xml]) => xml)
    assert.equal(footers.length, 1)
    assert.equal(headers.length, 1)
    const footer = footers[0]!
    assert.match(footer, /<w:instrText[^>]*>PAGE<\/w:instrText>/)
    assert.match(footer, /<w:instrText[^>]*>NUMPAGES<\/w:instrText>/)
    // "Page ", the page number, " of ", the number of pages; the marking at the other side.
    assert.match(footer, /Page <\/w:t>[\s\S]*?>PAGE<\/w:instrText>[\s\S]*?> of <\/w:t>[\s\S]*?>NUMPAGES<\/w:instrText>/)
    assert.deepEqual(paragraphs(footer), ['OFFICIAL-SENSITIVE\tPage  of '])
    assert.deepEqual(paragraphs(headers[0]!), ['Q2 2024/25 progress report\tOFFICIAL-SENSITIVE'])
  })

  it('sizes every table to the printable width of A4 with 2 cm margins, no column under 1.5 cm', () => {
    assert.match(doc, /<w:pgSz w:w="11906" w:h="16838"/)
    const margins = /<w:pgMar [^>]*>/.exec(doc)?.[0] ?? ''
    assert.equal(Number(attr(margins, 'w:left')) + Number(attr(margins, 'w:right')), 11906 - PRINTABLE)
    const tables = [...doc.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((m) => m[0])
    assert.ok(tables.length >= 8, `${tables.length} tables`)
    for (const tbl of tables) {
      const grid = /<w:tblGrid>([\s\S]*?)<\/w:tblGrid>/.exec(tbl)?.[1] ?? ''
      const cols = [...grid.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))
      assert.ok(cols.length >= 2, 'each table has its columns')
      assert.equal(
        cols.reduce((a, b) => a + b, 0),
        PRINTABLE,
      )
      for (const col of cols) assert.ok(col >= MIN_COLUMN, `column ${col} twips`)
      // Each cell is as wide as its grid column, in twips, and the table as wide as the page allows.
      for (const [tr] of tbl.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)) {
        const cells = [...tr.matchAll(/<w:tcW w:type="dxa" w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))
        assert.deepEqual(cells, cols)
      }
      assert.match(tbl, new RegExp(`<w:tblW w:type="dxa" w:w="${PRINTABLE}"/>`))
      assert.match(tbl, /<w:tblLayout w:type="fixed"\/>/)
    }
    // The "Now due" column holds "30 September 2024": "September" in 10 point Arial Bold is 5,168
    // thousandths of an em, 1,034 twips, and the column is at least that plus the cell's side margins.
    const milestones = tables.find((t) => t.includes('>Now due<'))!
    const cols = [...milestones.matchAll(/<w:gridCol w:w="(\d+)"\/>/g)].map((m) => Number(m[1]))
    const side = (edge: string) =>
      Number(new RegExp(`<w:tblCellMar>[\\s\\S]*?<w:${edge} w:type="dxa" w:w="(\\d+)"`).exec(milestones)?.[1])
    assert.match(milestones, /30 September 2024/)
    assert.match(milestones, /<w:pStyle w:val="TableText"\/>/, '10 point')
    assert.ok(cols[2]! >= 1034 + side('left') + side('right'), `Now due: ${cols[2]} twips`)
  })

  it('gives a column of long text more room than a column of dates, never breaking a word', () => {
    const { widths, size } = fitColumns([
      ['Milestone', 'Launch the induction programme for new starters and their team managers', 'Recruit six'],
      ['Due', '30 September 2024', '1 May 2024'],
      ['Owner', 'Head of Service', 'Principal Social Worker'],
    ])
    assert.equal(size, 20)
    assert.equal(
      widths.reduce((a, b) => a + b, 0),
      PRINTABLE,
    )
    assert.ok(widths[0]! > widths[1]!, `milestone ${widths[0]} against due ${widths[1]}`)
    // "September" in 10 point Arial Bold is about 1,000 twips, with the cell's padding on top.
    assert.ok(widths[1]! >= 1100, `due ${widths[1]}`)
    // Eight columns of long words step down to a smaller size rather than break them.
    const wide = fitColumns(Array.from({ length: 8 }, () => ['Statistical', 'Consistently', 'improvement']))
    assert.ok(wide.size < 20, `size ${wide.size}`)
    assert.ok(Math.min(...wide.widths) >= MIN_COLUMN)
  })

  it('repeats each header row on every page and never splits a row across pages', () => {
    const rows = count(doc, '<w:tr>') + count(doc, '<w:tr ')
    assert.ok(rows > 10, `${rows} rows`)
    assert.equal(count(doc, '<w:cantSplit/>'), rows, 'every row is kept whole')
    const headerRows = count(doc, '<w:tblHeader/>')
    assert.ok(headerRows >= 8, `${headerRows} header rows`)
    // The header is each table's first row.
    for (const [tbl] of doc.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)) {
      const first = /<w:tr[ >][\s\S]*?<\/w:tr>/.exec(tbl)?.[0] ?? ''
      if (tbl.includes('<w:tblHeader/>')) assert.match(first, /<w:tblHeader\/>/)
    }
  })

  it('colours status cells in GOV.UK red, amber and green, always with their words', () => {
    const cells = [...doc.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((m) => m[0])
    const filled = (fill: string) => cells.filter((c) => c.includes(`w:fill="${fill}"`))
    const red = filled('D4351C')
    assert.ok(red.length >= 1, 'a red cell')
    for (const cell of red) {
      assert.match(paragraphs(cell).join(' '), /^Red: off track$/)
      assert.match(cell, /<w:color w:val="FFFFFF"\/>/)
      assert.match(cell, /<w:b\/>/)
    }
    assert.ok(filled('F47738').some((c) => paragraphs(c).join(' ') === 'Amber: some concerns'))
    assert.ok(filled('F47738').some((c) => paragraphs(c).join(' ') === 'No change'))
    assert.ok(filled('00703C').some((c) => paragraphs(c).join(' ') === 'Green: on track'))
    assert.ok(filled('00703C').some((c) => paragraphs(c).join(' ') === 'Improving'))
    // White on red and green, black on amber and grey.
    for (const cell of filled('00703C')) assert.match(cell, /<w:color w:val="FFFFFF"\/>/)
    for (const cell of filled('F47738')) assert.match(cell, /<w:color w:val="0B0C0C"\/>/)
  })

  it('titles each chart, captions its source and describes it in its text alternative', () => {
    const drawings = [...doc.matchAll(/<wp:docPr [^>]*>/g)].map((m) => m[0])
    assert.equal(drawings.length, 1)
    for (const d of drawings) {
      assert.match(attr(d, 'descr') ?? '', /^Line chart of Posts not filled by a permanent social worker/)
      assert.equal(attr(d, 'title'), `Chart of ${MEASURE}`)
    }
    const at = text.findIndex((t) => t === `${MEASURE}: percentage (%), latest Jul 2024`)
    assert.ok(at > 0, 'a title before the chart')
    assert.match(doc, new RegExp(`${MEASURE}: percentage \\(%\\), latest Jul 2024[\\s\\S]*?<w:drawing>`))
    assert.equal(text[at + 1], '', 'the chart follows its title')
    assert.equal(
      text[at + 2],
      'Source: Figures recorded by the council. Contains public sector information licensed under the Open Government Licence v3.0.',
    )
  })

  it('shows each milestone once per objective, in the first list it is in', () => {
    assert.equal(count(doc, 'Launch the induction programme for new starters'), 1)
    // Behind the rating (first) and overdue (second): in the first table only. (The reasons also name it,
    // in a sentence of their own.)
    const attention = text.indexOf('Behind the delivery rating: open milestones overdue, off track or at risk')
    const due = text.indexOf('Due in the quarter')
    assert.ok(attention > 0 && due > attention, 'the lists in order')
    assert.equal(text.indexOf('Overdue at the quarter end'), -1, 'no list left empty by the milestones shown before')
    assert.equal(text.indexOf('Completed in the quarter'), -1)
    const rows = text.filter((t) => t === 'Recruit six team managers')
    assert.equal(rows.length, 1)
    assert.ok(text.indexOf('Recruit six team managers') > attention && text.indexOf('Recruit six team managers') < due)
  })

  it('says what changed since the last report', () => {
    const at = text.indexOf('Changes since the last report')
    assert.ok(at > 0)
    assert.equal(text[at + 1], 'Compared with the Q1 2024/25 progress report, published 25 July 2024.')
    for (const expected of [
      'Strand 1: Workforce',
      'Amber: some concerns',
      '31.5%',
      '27.4%',
      'Milestone overdue: Recruit six team managers',
      'Measure of concern: Agency staff spend',
      'Approve a market supplement for social workers.',
      'The Board agreed the market supplement in July; it has been paid since August.',
    ]) {
      assert.ok(text.includes(expected), `shows ${expected}`)
    }
  })

  it('puts evidence from practice in Word: each objective’s linked sources, and the section with what is missing', async () => {
    const row = text.indexOf('Staff survey: I would recommend working here')
    assert.ok(row > text.indexOf('A stable, permanent workforce'), 'under its objective')
    assert.equal(
      text[row + 1],
      '64% favourable in March 2024, up 9 points from 55% in September 2023 (shows improvement)',
    )
    assert.ok(
      text.includes(
        'No staff surveys, children’s feedback, case-file audits, practice standards or leadership posts are recorded in Turnaround for this period.',
      ),
      'says when none is recorded',
    )
    const withAudits = reportContentSchema.parse({
      ...report(),
      practice: {
        staffSurveys: null,
        childrenVoice: null,
        caseAudits: {
          asAt: '2024-09-30',
          rounds: [
            {
              id: 1,
              title: 'Round 1',
              auditMonth: '2024-08',
              name: 'August 2024 (Round 1)',
              closedOn: '2024-09-05',
              cases: 8,
              figure: { good: 5, graded: 8, percent: 62.5, text: '62.5%' },
            },
          ],
          latestByDomain: [{ key: 'overall', label: 'Overall', good: 5, graded: 8, percent: 62.5, text: '62.5%' }],
          change: null,
        },
        practiceStandards: null,
        leadership: null,
      },
    })
    const xml = (await unzip(await reportDocx(withAudits, new Map(), 'Draft.'))).get('word/document.xml')!
    // Without the table of contents: the section (before the strands) comes first.
    const audits = paragraphs(xml.replace(/<w:sdt>[\s\S]*?<\/w:sdt>/, ''))
    const at = audits.indexOf('Evidence from practice')
    assert.ok(
      at > audits.indexOf('Progress at a glance: status of each strand') && at > 0,
      'after the summary of progress',
    )
    assert.equal(audits[at + 1], 'Case-file audits')
    assert.equal(
      audits[at + 2],
      'In the latest moderated round, August 2024 (Round 1), 5 of 8 cases audited were good or better (62.5%), by the overall grade after moderation.',
    )
    assert.ok(
      audits.includes(
        'Not recorded in Turnaround for this period: staff surveys, children’s and young people’s feedback, practice standards, leadership posts.',
      ),
    )
  })

  it('says when there was no earlier report, or when changes were not recorded', async () => {
    const first = paragraphs(
      (await unzip(await reportDocx(report({ kind: 'first' }), new Map(), 'Draft.'))).get('word/document.xml')!,
    )
    assert.ok(first.includes('This is the first report: no report for an earlier quarter has been published.'))
    const older = await unzip(await reportDocx(report({ kind: 'not-recorded' }, null), new Map(), 'Draft.'))
    const olderText = paragraphs(older.get('word/document.xml')!)
    assert.ok(
      olderText.includes(
        'Not recorded: this report was published before reports recorded what changed since the last.',
      ),
    )
    // A report from before covers: no marking is guessed, and the cover says what was not recorded.
    assert.ok(!older.get('word/document.xml')!.includes('OFFICIAL'))
    const olderHeader = [...older].find(([name]) => /^word\/header\d*\.xml$/.test(name))?.[1] ?? ''
    assert.deepEqual(paragraphs(olderHeader), ['Q2 2024/25 progress report\t'])
    assert.ok(olderText.some((t) => t.startsWith('This report was published before Turnaround recorded')))
    assert.equal(count(older.get('word/document.xml')!, '<wp:docPr'), 0)
  })
})
