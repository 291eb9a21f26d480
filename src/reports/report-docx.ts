// The report as a Word board paper: a cover, a table of contents, named Arial styles with Heading 1 to 3
// (Word's navigation pane), a running header with the title and protective marking, "Page X of Y" in the
// footer, tables whose columns are sized from their content, status cells coloured with their words, and
// each chart titled, captioned and described in its text alternative.
import {
  Document,
  Footer,
  Header,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Tab,
  TabStopType,
  Table,
  TableCell,
  TableLayoutType,
  TableOfContents,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { objectiveMilestoneLists, reasonsText } from './report-words.js'
import { RAG_LABELS, type Rag } from './status-rules.js'
import { IMPACT_LABELS } from '../impact/impact-rules.js'
import { EVIDENCE_DIRECTION_LABELS } from '../impact/evidence-kinds.js'
import { formatDate } from '../shared/dates.js'
import { UNIT_LABELS, formatValue } from '../shared/units.js'
import { DECISION_OUTCOME_LABELS } from '../governance/action-rules.js'
import { RISK_LEVEL_LABELS } from '../governance/risk-rules.js'
import { practiceWordBlocks, type WordKit } from './practice-docx.js'
import type {
  ChangesSinceLast,
  MeasureRow,
  Rated,
  ReportContent,
  ReportCover,
  ReportObjective,
  ReportStrand,
} from './report-snapshot.js'

type Block = Paragraph | Table | TableOfContents
type HeadingValue = (typeof HeadingLevel)[keyof typeof HeadingLevel]

// ---------------------------------------------------------------------------------------------------
// The page: A4 portrait with 2 cm margins. Measures are in twips (twentieths of a point).

const PAGE_WIDTH = 11906
const PAGE_HEIGHT = 16838
const MARGIN = 1134
/** The width between the margins, which every table fills. */
const PRINTABLE_WIDTH = PAGE_WIDTH - 2 * MARGIN
/** No table column is narrower than this (1.5 cm). */
const MIN_COLUMN_TWIPS = 850
/** The left and right padding inside a table cell. */
const CELL_MARGIN = 100
/**
 * Table text sizes tried in turn (half-points), each with the share of the width its longest words may
 * take: 10 point when that leaves room for the rest of the text, else 9 point, and 8 point only when
 * nothing larger fits.
 */
const SMALLEST_TABLE_SIZE = 16
const TABLE_SIZES = [
  { size: 20, share: 0.85 },
  { size: 18, share: 1 },
  { size: SMALLEST_TABLE_SIZE, share: 1 },
]
/** The paragraph style of table text at each size. */
const TABLE_TEXT_STYLES: Record<number, string> = { 20: 'TableText', 18: 'TableText9', 16: 'TableText8' }
/** A chart's width on the page, in pixels (Word's 96 to the inch). */
const CHART_WIDTH_PX = 620

// ---------------------------------------------------------------------------------------------------
// Colours: GOV.UK's, with text that reads against each fill.

const BLACK = '0B0C0C'
const SECONDARY_TEXT = '505A5F'
const HEADER_FILL = 'F3F2F1'

interface StatusColour {
  fill: string
  text: string
}
const RED: StatusColour = { fill: 'D4351C', text: 'FFFFFF' }
const AMBER: StatusColour = { fill: 'F47738', text: BLACK }
const GREEN: StatusColour = { fill: '00703C', text: 'FFFFFF' }
const GREY: StatusColour = { fill: 'B1B4B6', text: BLACK }

const RAG_COLOURS: Record<Rag, StatusColour> = { red: RED, amber: AMBER, green: GREEN, 'not-rated': GREY }
type ImpactLevel = keyof typeof IMPACT_LABELS
const IMPACT_COLOURS: Record<ImpactLevel, StatusColour> = {
  improving: GREEN,
  'no-change': AMBER,
  worsening: RED,
  none: GREY,
}

/** A day for people: an ISO date formatted, a day already in words (as `publishedOn` is stored) kept. */
const dayText = (value: string) => (/^\d{4}-\d{2}-\d{2}/.test(value) ? formatDate(value) : value)

const PURPOSE_LABELS: Record<ReportCover['purpose'], string> = {
  decision: 'For decision',
  assurance: 'For assurance',
  information: 'For information',
}

// ---------------------------------------------------------------------------------------------------
// Column widths from content. A word is never broken: each column is at least as wide as its longest
// word (measured in Arial Bold, which is never narrower than Arial), and the rest of the width is shared
// in proportion to the columns' typical text.

/** Arial Bold advance widths (thousandths of an em) of the printable ASCII characters, space to tilde. */
const ARIAL_BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 333, 333, 584, 584, 584, 611, 1015, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
  556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
  280, 389, 584,
]
/** Any other character: as wide as a round capital (O), or a full em for the long dash and the ellipsis. */
const OTHER_WIDTH = 778
const WIDE_CHARACTERS = new Set(['—', '…', '‰', '™'])

/** The width of `text` in twips at `size` half-points. */
function textWidth(text: string, size: number): number {
  let units = 0
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0
    units += code >= 32 && code <= 126 ? ARIAL_BOLD[code - 32]! : WIDE_CHARACTERS.has(ch) ? 1000 : OTHER_WIDTH
  }
  // thousandths of an em x (size / 2) points x 20 twips a point
  return (units * size) / 100
}

function longestWord(text: string, size: number): number {
  let widest = 0
  for (const word of text.split(/\s+/)) if (word) widest = Math.max(widest, textWidth(word, size))
  return widest
}

/** Each column's width (twips) when its text is `size` half-points, or null when its words do not fit. */
function widthsAt(columns: string[][], size: number, share: number): number[] | null {
  const padding = 2 * CELL_MARGIN + 60
  // A single word wider than half the page (a long web address) may wrap; no column is made wider for it.
  const mins = columns.map((texts) =>
    Math.max(
      MIN_COLUMN_TWIPS,
      Math.ceil(Math.min(PRINTABLE_WIDTH / 2, Math.max(0, ...texts.map((t) => longestWord(t, size)))) + padding),
    ),
  )
  const needed = mins.reduce((a, b) => a + b, 0)
  if (needed > PRINTABLE_WIDTH * share) return null
  const typical = columns.map((texts, i) => {
    const body = texts.length > 1 ? texts.slice(1) : texts
    const mean = body.reduce((sum, t) => sum + Math.min(textWidth(t, size), PRINTABLE_WIDTH * 3), 0) / body.length
    return Math.max(mins[i]!, mean + padding)
  })
  return shareOut(mins, typical)
}

/** Shares the printable width in proportion to `typical`, each column keeping at least its minimum. */
function shareOut(mins: number[], typical: number[]): number[] {
  const widths: Array<number | null> = mins.map(() => null)
  for (;;) {
    const open = widths.flatMap((w, i) => (w === null ? [i] : []))
    const space = PRINTABLE_WIDTH - widths.reduce<number>((sum, w) => sum + (w ?? 0), 0)
    const total = open.reduce((sum, i) => sum + typical[i]!, 0)
    const short = open.filter((i) => (space * typical[i]!) / total < mins[i]!)
    if (!short.length) {
      for (const i of open) widths[i] = (space * typical[i]!) / total
      break
    }
    for (const i of short) widths[i] = mins[i]!
  }
  return whole(widths.map((w, i) => Math.max(mins[i]!, w ?? 0)))
}

/** Whole twips that add up to the printable width exactly; the widest column takes the remainder. */
function whole(widths: number[]): number[] {
  const out = widths.map((w) => Math.floor(w))
  const widest = out.indexOf(Math.max(...out))
  out[widest] = out[widest]! + PRINTABLE_WIDTH - out.reduce((a, b) => a + b, 0)
  return out
}

/**
 * Column widths (twips, adding up to the printable width) and the text size (half-points) for a table
 * whose columns hold `columns[i]` (the header first): the largest size at which no word is broken
 * (TABLE_SIZES).
 */
export function fitColumns(columns: string[][]): { widths: number[]; size: number } {
  for (const { size, share } of TABLE_SIZES) {
    const widths = widthsAt(columns, size, share)
    if (widths) return { widths, size }
  }
  // Words too long to fit at any size: each column its minimum, the rest shared by the longest words.
  const size = SMALLEST_TABLE_SIZE
  const words = columns.map((texts) => Math.max(1, ...texts.map((t) => longestWord(t, size))))
  const spare = PRINTABLE_WIDTH - MIN_COLUMN_TWIPS * columns.length
  const total = words.reduce((a, b) => a + b, 0)
  return { widths: whole(words.map((w) => MIN_COLUMN_TWIPS + (spare * w) / total)), size }
}

// ---------------------------------------------------------------------------------------------------
// Building blocks.

/** A table cell's text, optionally coloured (a status: the fill always with its words). */
interface Cell {
  text: string
  colour?: StatusColour
  bold?: boolean
}
type CellInput = string | Cell

const asCell = (c: CellInput): Cell => (typeof c === 'string' ? { text: c } : c)

const heading = (text: string, level: HeadingValue) => new Paragraph({ text, heading: level })
const para = (text: string) => new Paragraph({ children: [new TextRun(text)] })
const paras = (text: string, empty = 'None.') => (text.trim() || empty).split(/\n+/).map(para)
const bullets = (items: string[], empty: string) =>
  items.length ? items.map((text) => new Paragraph({ text, bullet: { level: 0 } })) : [para(empty)]
/** A table's caption, kept with the table below it. */
const caption = (text: string) => new Paragraph({ text, style: 'TableCaption', keepNext: true })

function textCell(cell: Cell, width: number, size: number, header: boolean): TableCell {
  const bold = header || cell.bold || Boolean(cell.colour)
  const color = cell.colour?.text
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    shading: cell.colour
      ? { fill: cell.colour.fill, color: 'auto', type: ShadingType.CLEAR }
      : header
        ? { fill: HEADER_FILL, color: 'auto', type: ShadingType.CLEAR }
        : undefined,
    // The size comes from the paragraph style, so each run carries only what differs from it.
    children: (cell.text || ' ').split(/\n+/).map(
      (line) =>
        new Paragraph({
          style: TABLE_TEXT_STYLES[size] ?? 'TableText',
          children: [new TextRun({ text: line, ...(bold ? { bold } : {}), ...(color ? { color } : {}) })],
        }),
    ),
  })
}

/**
 * A table across the printable width: columns sized from their content, the header row (when there is
 * one) repeated on every page, and no row split across pages.
 */
function table(header: string[] | null, rows: CellInput[][]): Table {
  const cells = rows.map((r) => r.map(asCell))
  const count = header?.length ?? cells[0]?.length ?? 1
  const columns = Array.from({ length: count }, (_, i) => [header?.[i] ?? '', ...cells.map((r) => r[i]?.text ?? '')])
  const { widths, size } = fitColumns(columns)
  const row = (r: Cell[], isHeader: boolean) =>
    new TableRow({
      ...(isHeader ? { tableHeader: true } : {}),
      cantSplit: true,
      children: widths.map((w, i) => textCell(r[i] ?? { text: '' }, w, size, isHeader)),
    })
  return new Table({
    width: { size: PRINTABLE_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 40, bottom: 40 },
    rows: [
      ...(header
        ? [
            row(
              header.map((text) => ({ text })),
              true,
            ),
          ]
        : []),
      ...cells.map((r) => row(r, false)),
    ],
  })
}

/** Label and value rows, the labels in bold (the cover's details). */
const detailsTable = (rows: Array<[string, string]>) =>
  table(
    null,
    rows.map(([label, value]) => [{ text: label, bold: true }, value]),
  )

function textBlock(title: string, text: string, level: HeadingValue = HeadingLevel.HEADING_2, empty = 'None.') {
  return [heading(title, level), ...paras(text, empty)]
}

// ---------------------------------------------------------------------------------------------------
// Statuses: the colour and its words.

const ragCell = (rag: Rag): Cell => ({ text: RAG_LABELS[rag], colour: RAG_COLOURS[rag] })
const deliveryCell = (status: Rated): Cell =>
  status.delivery ? ragCell(status.delivery.rag) : { text: 'Not rated apart' }
const impactCell = (status: Rated): Cell =>
  status.impact
    ? { text: IMPACT_LABELS[status.impact.level], colour: IMPACT_COLOURS[status.impact.level] }
    : { text: 'Not rated apart' }

/** Why the status is what it is: set by hand (with the rule's own status), then the rule's reasons. */
function whyText(status: Rated): string {
  const byHand = status.override
    ? `Set by hand${status.override.by ? ` by ${status.override.by}` : ''}: ${status.override.reason}; the rule gives ${RAG_LABELS[status.derived.rag].toLowerCase()}.`
    : ''
  return [byHand, reasonsText(status.derived.reasons)].filter(Boolean).join(' ') || 'No concerns.'
}

const statusTable = (status: Rated) =>
  table(['Overall', 'Delivery', 'Impact'], [[ragCell(status.rag), deliveryCell(status), impactCell(status)]])

// ---------------------------------------------------------------------------------------------------
// The parts of the paper.

function coverPage(content: ReportContent, status: string): Block[] {
  const { cover } = content
  const title = `${content.quarter.label} progress report`
  const blocks: Block[] = [
    new Paragraph({ children: [new TextRun({ text: content.councilName, bold: true, size: 32 })] }),
  ]
  if (cover) {
    blocks.push(
      new Paragraph({
        children: [
          new TextRun({
            text: `${cover.boardName}, ${cover.meetingOn ? `meeting on ${dayText(cover.meetingOn)}` : 'meeting date not yet set'}`,
            size: 28,
          }),
        ],
      }),
    )
  }
  blocks.push(new Paragraph({ text: title, heading: HeadingLevel.TITLE }), para(content.planTitle))
  const rows: Array<[string, string]> = cover
    ? [
        ['Report author', cover.authorRole || 'Not recorded'],
        ['Accountable officer', cover.accountableRole || 'Not recorded'],
        ['Purpose', PURPOSE_LABELS[cover.purpose]],
        ['Protective marking', cover.marking],
        [
          'Revision',
          `Revision ${cover.revision}` +
            (cover.corrects ? `, correcting revision ${cover.corrects.revision}: ${cover.corrects.reason}` : ''),
        ],
        [
          'Approved',
          cover.approvedBy
            ? `Approved by ${cover.approvedBy}${cover.approvedOn ? ` on ${dayText(cover.approvedOn)}` : ''}`
            : 'Not yet approved',
        ],
        ['Data as at', formatDate(content.dataAsAt)],
        ['Status', status],
      ]
    : [
        ['Data as at', formatDate(content.dataAsAt)],
        ['Status', status],
      ]
  blocks.push(detailsTable(rows))
  if (!cover)
    blocks.push(
      para(
        'This report was published before Turnaround recorded a board paper’s cover: its Board, author, purpose and protective marking were not recorded.',
      ),
    )
  return blocks
}

function contents(): Block[] {
  return [
    new Paragraph({
      pageBreakBefore: true,
      spacing: { after: 240 },
      children: [new TextRun({ text: 'Contents', bold: true, size: 32 })],
    }),
    new TableOfContents('Contents', { hyperlink: true, headingStyleRange: '1-3' }),
  ]
}

function summary(content: ReportContent): Block[] {
  const { narrative } = content
  return [
    new Paragraph({ text: 'Summary and recommendations', heading: HeadingLevel.HEADING_1, pageBreakBefore: true }),
    ...textBlock('Summary', narrative.summary),
    ...textBlock('Recommendations', narrative.recommendations),
    ...textBlock('Decisions the Board is asked to make', narrative.decisions),
    ...textBlock(
      'What became of the decisions asked for in the last report',
      narrative.decisionsFollowUp,
      HeadingLevel.HEADING_2,
      content.changesSinceLast.kind === 'first' ? 'There was no earlier report.' : 'Not recorded.',
    ),
  ]
}

function changesSinceLast(changes: ChangesSinceLast): Block[] {
  const blocks: Block[] = [heading('Changes since the last report', HeadingLevel.HEADING_1)]
  if (changes.kind === 'first') {
    blocks.push(para('This is the first report: no report for an earlier quarter has been published.'))
    return blocks
  }
  if (changes.kind === 'not-recorded') {
    blocks.push(para('Not recorded: this report was published before reports recorded what changed since the last.'))
    return blocks
  }
  const changeTable = (rows: ChangesSinceLast & { kind: 'compared' }, key: 'statuses' | 'measures', none: string) =>
    rows[key].length
      ? table(
          ['Item', 'Before', 'After'],
          rows[key].map((c) => [c.item, c.before, c.after]),
        )
      : para(none)
  blocks.push(
    para(
      `Compared with the ${changes.previous.label} progress report, published ${dayText(changes.previous.publishedOn)}.`,
    ),
    heading('Statuses that moved', HeadingLevel.HEADING_2),
    changeTable(changes, 'statuses', 'No status moved.'),
    heading('Measures that changed', HeadingLevel.HEADING_2),
    changeTable(changes, 'measures', 'No measure changed.'),
    heading('Newly slow to progress', HeadingLevel.HEADING_2),
    ...bullets(changes.slowNew, 'Nothing is newly slow to progress.'),
    heading('No longer slow to progress', HeadingLevel.HEADING_2),
    ...bullets(changes.slowCleared, 'Nothing has cleared the slow-to-progress list.'),
    ...textBlock('Decisions the Board was asked to make last time', changes.decisionsAsked, HeadingLevel.HEADING_2),
  )
  return blocks
}

function atAGlance(content: ReportContent): Block[] {
  const slow = content.slowToProgress
  return [
    heading('Progress at a glance: status of each strand', HeadingLevel.HEADING_1),
    caption(`Status of each strand at ${formatDate(content.quarter.end)}`),
    table(
      ['Strand', 'Overall', 'Delivery', 'Impact', 'Why'],
      content.strands.map((s) => [
        `${s.code}. ${s.title}`,
        ragCell(s.status.rag),
        deliveryCell(s.status),
        impactCell(s.status),
        whyText(s.status),
      ]),
    ),
    heading('Measures that changed significantly', HeadingLevel.HEADING_2),
    ...bullets(
      content.significantChanges.map(
        (m) => `${m.name} (strand ${m.strand}): ${m.variation.toLowerCase()}, latest ${m.latest}`,
      ),
      'No measure shows special cause variation at its latest value.',
    ),
    heading('Data not current', HeadingLevel.HEADING_1),
    ...(content.notCurrent === null
      ? [para('This report was published before Turnaround checked whether each figure was current.')]
      : bullets(
          content.notCurrent.map((m) => `${m.name} (strand ${m.strand}): ${m.note}`),
          "Every measure's latest figure was current at the quarter end.",
        )),
    heading('Slow to progress', HeadingLevel.HEADING_1),
    heading('Overdue milestones', HeadingLevel.HEADING_2),
    slow.overdueMilestones.length
      ? table(
          ['Milestone', 'Strand', 'Due', 'Days overdue'],
          slow.overdueMilestones.map((m) => [m.title, m.strand, formatDate(m.due_on), String(m.daysOverdue)]),
        )
      : para('No milestone was overdue at the quarter end.'),
    heading('Objectives with no progress update in the quarter', HeadingLevel.HEADING_2),
    ...bullets(
      slow.objectivesWithoutUpdate.map(
        (o) =>
          `${o.objective} (strand ${o.strand})${o.lastUpdate ? `: last update ${formatDate(o.lastUpdate)}` : ': never updated'}`,
      ),
      'None.',
    ),
    heading('Measures of concern', HeadingLevel.HEADING_2),
    ...bullets(
      slow.measuresOfConcern.map((m) => `${m.name} (strand ${m.strand}): ${m.variation}; ${m.assurance}`),
      'None.',
    ),
    heading('Contributions to strengthen', HeadingLevel.HEADING_2),
    ...bullets(
      slow.contributionsToStrengthen.map(
        (c) =>
          `${c.partner}: ${c.description}${c.strand ? ` (strand ${c.strand})` : ''}, due ${formatDate(c.due_on)}, ${c.detail}`,
      ),
      'Every partner contribution asked for by the quarter end was received.',
    ),
  ]
}

/** An objective's milestones, each once: in the first of its lists (behind the rating, overdue, due, completed). */
function milestoneTables(o: ReportObjective): Block[] {
  return objectiveMilestoneLists(o).flatMap(({ caption: title, milestones }) => [
    caption(title),
    table(
      ['Milestone', 'Owner', 'Now due', 'Originally due', 'Times moved', 'At quarter end'],
      milestones.map((m) => [
        m.title,
        m.owner,
        formatDate(m.due_on),
        m.originallyDue ? formatDate(m.originallyDue) : 'Not moved',
        String(m.timesMoved),
        m.status + (m.completed_on ? ` (${formatDate(m.completed_on)})` : ''),
      ]),
    ),
  ])
}

function objectiveSection(o: ReportObjective): Block[] {
  const blocks: Block[] = [heading(o.title, HeadingLevel.HEADING_2)]
  if (o.intendedImpact) blocks.push(para(`What will be different for children and families: ${o.intendedImpact}`))
  blocks.push(statusTable(o.status), para(`Why: ${whyText(o.status)}`))
  if (o.measures.length) blocks.push(para(`Success measures: ${o.measures.map((m) => m.label).join('; ')}`))
  blocks.push(...milestoneTables(o))
  if (o.evidence.length)
    blocks.push(
      caption('Evidence entries'),
      table(
        ['Date', 'Kind', 'What it shows'],
        o.evidence.map((e) => [
          formatDate(e.observedOn),
          e.kind,
          `${e.summary} (${EVIDENCE_DIRECTION_LABELS[e.direction].toLowerCase()}${e.current ? '' : '; older than six months, not counted'})` +
            (e.attachmentName ? `\nAttachment: ${e.attachmentName}` : ''),
        ]),
      ),
    )
  if (o.practice.length)
    blocks.push(
      caption('Evidence from practice'),
      table(
        ['Source', 'What it shows'],
        o.practice.map((p) => [
          p.label,
          `${p.detail} (${EVIDENCE_DIRECTION_LABELS[p.direction].toLowerCase()}${p.current ? '' : '; not current, not counted'})`,
        ]),
      ),
    )
  for (const u of o.updates) {
    blocks.push(
      new Paragraph({
        keepNext: true,
        children: [
          new TextRun({ text: `Update, ${formatDate(u.date)}${u.author ? `, ${u.author}` : ''}`, bold: true }),
        ],
      }),
      ...paras(u.body),
    )
  }
  return blocks
}

/** The PNG's size in pixels, from its header. */
function pngSize(png: Buffer): { width: number; height: number } {
  return png.length >= 24 && png.subarray(1, 4).toString('latin1') === 'PNG'
    ? { width: png.readUInt32BE(16), height: png.readUInt32BE(20) }
    : { width: 2, height: 1 }
}

function chartBlocks(m: MeasureRow, png: Buffer, sources: string | undefined): Block[] {
  const unit = m.unit in UNIT_LABELS ? UNIT_LABELS[m.unit as keyof typeof UNIT_LABELS] : m.unit
  const desc = /<desc[^>]*>([^<]*)<\/desc>/.exec(m.chart)?.[1]
  const description = desc
    ? unescapeXml(desc)
    : `Chart of ${m.name}: latest ${m.latest}${m.latestPeriod ? ` (${m.latestPeriod})` : ''}. ${m.variation}. ${m.assurance}.`
  const size = pngSize(png)
  const source = `Source: Figures recorded by the council.${m.official && sources ? ` ${sources}` : ''}`
  return [
    heading(
      `${m.name}: ${unit.toLowerCase()}, ${m.latestPeriod ? `latest ${m.latestPeriod}` : 'no figures yet'}`,
      HeadingLevel.HEADING_3,
    ),
    new Paragraph({
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: png,
          transformation: { width: CHART_WIDTH_PX, height: Math.round((CHART_WIDTH_PX * size.height) / size.width) },
          altText: { name: `Chart of ${m.name}`, title: `Chart of ${m.name}`, description },
        }),
      ],
    }),
    new Paragraph({ text: source, style: 'Caption' }),
  ]
}

function strandSection(s: ReportStrand, content: ReportContent, chartImages: Map<string, Buffer>): Block[] {
  const blocks: Block[] = [
    heading(`Strand ${s.code}: ${s.title}`, HeadingLevel.HEADING_1),
    para(`Lead: ${s.lead || 'not set'}.`),
    statusTable(s.status),
  ]
  if (s.status.derived.rag !== 'green' || s.status.override) blocks.push(para(`Why: ${whyText(s.status)}`))
  blocks.push(
    para(
      s.slippage.replans
        ? `Due dates moved ${s.slippage.replans} ${s.slippage.replans === 1 ? 'time' : 'times'} in this strand, ${s.slippage.daysSlipped} days in all.`
        : 'No due date in this strand has moved.',
    ),
  )
  if (s.commentary) blocks.push(...textBlock('Commentary from the strand lead', s.commentary))
  else if (s.draftCommentary)
    blocks.push(
      ...textBlock('Commentary drafted from the figures (not yet reviewed by the strand lead)', s.draftCommentary),
    )
  if (s.impact) blocks.push(...textBlock('Evidence of impact on children and families', s.impact))
  for (const o of s.objectives) blocks.push(...objectiveSection(o))
  if (!s.measures.length) return blocks
  blocks.push(
    heading(`Success measures for strand ${s.code}`, HeadingLevel.HEADING_2),
    table(
      ['Measure', 'Latest', 'Previous', 'Target', 'England', 'Statistical neighbours', 'Variation', 'Assurance'],
      s.measures.map((m) => [
        m.name,
        `${m.latest}${m.latestPeriod ? ` (${m.latestPeriod})` : ''}` +
          (m.current === false ? `\nNot current: ${m.currencyNote}` : ''),
        m.previous,
        m.target,
        m.england,
        m.statisticalNeighbours,
        m.variation,
        m.assurance,
      ]),
    ),
  )
  for (const m of s.measures.filter((x) => x.comparability)) {
    blocks.push(para(`Not like for like: ${m.name}. ${m.comparability}`))
  }
  if (content.sources && s.measures.some((m) => m.official)) {
    blocks.push(para(`Figures marked “official”: ${content.sources}`))
  }
  for (const m of s.measures) {
    const png = chartImages.get(m.chart)
    if (png) blocks.push(...chartBlocks(m, png, content.sources))
  }
  return blocks
}

// ---------------------------------------------------------------------------------------------------
// Styles, header and footer.

const headingStyle = (size: number, outlineLevel: number) => ({
  run: { font: 'Arial', size, bold: true, color: BLACK },
  paragraph: { outlineLevel, keepNext: true, keepLines: true, spacing: { before: 360, after: 120 } },
})

const STYLES = {
  default: {
    document: { run: { font: 'Arial', size: 22, color: BLACK }, paragraph: { spacing: { after: 120 } } },
    title: {
      run: { font: 'Arial', size: 48, bold: true, color: BLACK },
      paragraph: { spacing: { before: 480, after: 240 } },
    },
    heading1: headingStyle(32, 0),
    heading2: headingStyle(28, 1),
    heading3: headingStyle(24, 2),
    caption: {
      run: { font: 'Arial', size: 18, color: SECONDARY_TEXT },
      paragraph: { spacing: { before: 60, after: 240 } },
    },
  },
  paragraphStyles: [
    {
      id: 'TableText',
      name: 'Table text',
      basedOn: 'Normal',
      quickFormat: true,
      run: { size: 20 },
      paragraph: { spacing: { before: 20, after: 20 } },
    },
    { id: 'TableText9', name: 'Table text 9 pt', basedOn: 'TableText', run: { size: 18 } },
    { id: 'TableText8', name: 'Table text 8 pt', basedOn: 'TableText', run: { size: 16 } },
    {
      id: 'TableCaption',
      name: 'Table caption',
      basedOn: 'Normal',
      next: 'Normal',
      quickFormat: true,
      run: { bold: true, size: 22 },
      paragraph: { keepNext: true, spacing: { before: 240, after: 80 } },
    },
  ],
}

/**
 * One line across the page: `left` at the margin, `right` against the other. As the printed PDF does: the
 * title and marking at the head of every page, the marking and "Page X of Y" at its foot.
 */
const band = (left: TextRun[], right: TextRun[]) =>
  new Paragraph({
    tabStops: [{ type: TabStopType.RIGHT, position: PRINTABLE_WIDTH }],
    children: [...left, new TextRun({ children: [new Tab()] }), ...right],
  })

/** The protective marking, when the report recorded one (a report from before covers did not). */
const markingRun = (cover: ReportCover | null) => (cover ? [new TextRun({ text: cover.marking, bold: true })] : [])

const runningHeader = (title: string, cover: ReportCover | null) =>
  new Header({ children: [band([new TextRun({ text: title, size: 18 })], markingRun(cover))] })

const pageFooter = (cover: ReportCover | null) =>
  new Footer({
    children: [
      band(markingRun(cover), [
        new TextRun({ size: 18, children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] }),
      ]),
    ],
  })

// ---------------------------------------------------------------------------------------------------

/** `chartImages` maps a chart's SVG to its PNG; `status` is the line saying whether it is a draft or published. */
export async function reportDocx(
  content: ReportContent,
  chartImages: Map<string, Buffer>,
  status: string,
): Promise<Buffer> {
  const title = `${content.quarter.label} progress report`
  const blocks: Block[] = [
    ...coverPage(content, status),
    ...contents(),
    ...summary(content),
    ...changesSinceLast(content.changesSinceLast),
    ...atAGlance(content),
    heading('Evidence from practice', HeadingLevel.HEADING_1),
    ...practiceWordBlocks(WORD_KIT, content.practice),
    ...boardBlocks(content.board),
    ...risksBlocks(content.risks),
    ...contributionBlocks(content),
    ...content.strands.flatMap((s) => strandSection(s, content, chartImages)),
  ]
  const doc = new Document({
    creator: 'Turnaround',
    title,
    subject: `${content.councilName}: ${content.planTitle}`,
    description: `${content.councilName} improvement plan progress report`,
    features: { updateFields: true },
    styles: STYLES,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_WIDTH, height: PAGE_HEIGHT },
            margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN, header: 567, footer: 567 },
          },
        },
        headers: { default: runningHeader(title, content.cover) },
        footers: { default: pageFooter(content.cover) },
        children: blocks,
      },
    ],
  })
  return Packer.toBuffer(doc)
}

/** The Board's decisions, with what became of them, and its action log as at the day read. */
function boardBlocks(board: ReportContent['board']): Block[] {
  const blocks: Block[] = [heading("The Board's decisions and actions", HeadingLevel.HEADING_1)]
  if (!board)
    return [...blocks, para('No Board meetings, decisions or actions are recorded in Turnaround for this report.')]
  blocks.push(
    ...bullets(
      board.meetings.map((m) => `${m.title}, ${formatDate(m.heldOn)}: ${m.present} present, ${m.apologies} apologies`),
      'The Board did not meet in the quarter.',
    ),
    heading('Decisions and what became of them', HeadingLevel.HEADING_2),
    board.decisions.length
      ? table(
          ['Meeting', 'Decision', 'Taken on', 'What became of it'],
          board.decisions.map((d) => [
            `${d.meetingTitle}, ${formatDate(d.meetingOn)}`,
            d.text,
            d.takenOn ?? '',
            `${DECISION_OUTCOME_LABELS[d.outcome]}: ${d.outcomeText}`,
          ]),
        )
      : para('No decisions to report.'),
    heading('Action log', HeadingLevel.HEADING_2),
    para(
      `${board.counts.open} open (${board.counts.overdue} overdue); ${board.counts.closedInQuarter} closed in the quarter.`,
    ),
    board.actions.length
      ? table(
          ['Action', 'Owner', 'Due', 'State', 'Raised at'],
          board.actions.map((a) => [
            a.text + (a.carriedForward ? ' (carried forward)' : ''),
            a.owner,
            formatDate(a.dueOn),
            a.stateText,
            a.raisedAt,
          ]),
        )
      : para('No actions were open or closed in the quarter.'),
  )
  return blocks
}

const money = (value: number) => formatValue(value, 'money', 0)

/** The risk register (matrix and open items) and the improvement resources, as at the day read. */
function risksBlocks(risks: ReportContent['risks']): Block[] {
  const blocks: Block[] = [heading('Risks and resources', HeadingLevel.HEADING_1)]
  if (!risks)
    return [...blocks, para('No risk register or improvement resources are recorded in Turnaround for this report.')]
  blocks.push(
    caption('Open risks and issues by likelihood (rows) and impact (columns)'),
    table(
      ['Likelihood', 'Impact 1', 'Impact 2', 'Impact 3', 'Impact 4', 'Impact 5'],
      risks.matrix.map((row, i) => [String(5 - i), ...row.map(String)]),
    ),
    caption(`Open risks and issues (${risks.escalatedCount} escalated to the Board)`),
    risks.items.length
      ? table(
          ['Ref', 'Risk or issue', 'Strand', 'Owner', 'L x I', 'Level', 'Trend', 'Mitigations'],
          risks.items.map((r) => [
            r.reference,
            `${r.title}${r.kind === 'issue' ? ' (issue)' : ''}${r.escalatedOn ? ', escalated to the Board' : ''}`,
            r.strand,
            r.owner,
            `${r.likelihood} x ${r.impact} = ${r.score}`,
            RISK_LEVEL_LABELS[r.level],
            r.trendText,
            r.mitigations,
          ]),
        )
      : para('No risks or issues were open.'),
    heading('Improvement resources', HeadingLevel.HEADING_2),
  )
  const quarters = [...risks.earlierQuarters, ...(risks.resources ? [risks.resources] : [])]
  blocks.push(
    quarters.length
      ? table(
          ['Quarter', 'Budget', 'Spend', 'Agency spend', 'Team FTE funded', 'Team FTE in post', 'Note'],
          quarters.map((q) => [
            q.quarterLabel,
            money(q.programmeBudget),
            money(q.programmeSpend),
            money(q.agencySpend),
            formatValue(q.fteFunded, 'count', 1),
            formatValue(q.fteInPost, 'count', 1),
            q.note,
          ]),
        )
      : para('No resources are recorded for the quarter.'),
  )
  if (risks.yearToDate)
    blocks.push(
      para(
        `${risks.yearToDate.label}: budget ${money(risks.yearToDate.programmeBudget)}, spend ${money(risks.yearToDate.programmeSpend)}, agency spend ${money(risks.yearToDate.agencySpend)}.`,
      ),
    )
  return blocks
}

/** Partners' answers received in the quarter. (What needs strengthening is in the slow-to-progress list.) */
function contributionBlocks(content: ReportContent): Block[] {
  const received = content.contributionsReceived
  return [
    heading('Contributions from partners', HeadingLevel.HEADING_1),
    received === null
      ? para('This report was published before partners answered in Turnaround.')
      : received.length
        ? table(
            ['Partner', 'Asked for', 'Due', 'Received', 'Answer'],
            received.map((c) => [
              c.partner,
              c.description + (c.strand ? ` (strand ${c.strand})` : ''),
              formatDate(c.dueOn),
              formatDate(c.receivedOn) + (c.late ? ' (late)' : ''),
              c.response + (c.attachmentName ? `\nAttached: ${c.attachmentName}` : ''),
            ]),
          )
        : para('No partner contribution was received in the quarter.'),
  ]
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}

// ---------------------------------------------------------------------------------------------------
// The same kit for other Word documents (the self-assessment sent before a review): the page, styles,
// tables, status colours and chart images of this board paper, so both read alike.

export type WordBlock = Block
export type WordCell = CellInput
export const WORD_RAG_COLOURS = RAG_COLOURS
export const WORD_IMPACT_COLOURS = IMPACT_COLOURS
export const wordHeading = heading
export const wordParagraphs = paras
export const wordBullets = bullets
export const wordCaption = caption
export const wordTable = table
/** The kit src/reports/practice-docx.ts draws with. */
export const WORD_KIT: WordKit = { heading, paragraphs: (text) => paras(text), caption, table }
export const wordDetailsTable = detailsTable

/** A chart as a Word image (its PNG) with its text alternative, titled above and captioned below. */
export function wordChart(png: Buffer, chart: { title: string; description: string; caption: string }): WordBlock[] {
  const size = pngSize(png)
  return [
    heading(chart.title, HeadingLevel.HEADING_3),
    new Paragraph({
      keepNext: true,
      children: [
        new ImageRun({
          type: 'png',
          data: png,
          transformation: { width: CHART_WIDTH_PX, height: Math.round((CHART_WIDTH_PX * size.height) / size.width) },
          altText: { name: chart.title, title: chart.title, description: chart.description },
        }),
      ],
    }),
    new Paragraph({ text: chart.caption, style: 'Caption' }),
  ]
}

/** The text alternative an SVG chart carries (its <desc>), or undefined. */
export function chartDescription(svg: string): string | undefined {
  const desc = /<desc[^>]*>([^<]*)<\/desc>/.exec(svg)?.[1]
  return desc === undefined ? undefined : unescapeXml(desc)
}

/**
 * A Word document on the board paper's A4 page and styles, `title` and `marking` at the head of every
 * page and the marking with "Page X of Y" at its foot.
 */
export function wordDocument(options: {
  title: string
  subject: string
  description: string
  marking: string
  children: WordBlock[]
}): Promise<Buffer> {
  const marking = [new TextRun({ text: options.marking, bold: true })]
  const doc = new Document({
    creator: 'Turnaround',
    title: options.title,
    subject: options.subject,
    description: options.description,
    styles: STYLES,
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_WIDTH, height: PAGE_HEIGHT },
            margin: { top: MARGIN, right: MARGIN, bottom: MARGIN, left: MARGIN, header: 567, footer: 567 },
          },
        },
        headers: {
          default: new Header({ children: [band([new TextRun({ text: options.title, size: 18 })], marking)] }),
        },
        footers: {
          default: new Footer({
            children: [
              band(marking, [
                new TextRun({ size: 18, children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES] }),
              ]),
            ],
          }),
        },
        children: options.children,
      },
    ],
  })
  return Packer.toBuffer(doc)
}
