// The report as a Word document: headings, tables, and each chart as an image with its text alternative.
import {
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx'
import { overallText, partsText, reasonsText } from './report-words.js'
import { EVIDENCE_DIRECTION_LABELS } from '../impact/evidence-kinds.js'
import { formatDate } from '../shared/dates.js'
import type { ReportContent } from './report-snapshot.js'

type Block = Paragraph | Table

const heading = (text: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel]) =>
  new Paragraph({ text, heading: level })
const para = (text: string) => new Paragraph({ children: [new TextRun(text)] })

function table(header: string[], rows: string[][]): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: [new Paragraph({ children: [new TextRun({ text, bold })] })] })
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: header.map((h) => cell(h, true)) }),
      ...rows.map((r) => new TableRow({ children: r.map((c) => cell(c)) })),
    ],
  })
}

function textBlock(title: string, text: string): Block[] {
  return [heading(title, HeadingLevel.HEADING_2), ...(text || 'None.').split(/\n+/).map(para)]
}

/** `chartImages` maps a chart's SVG to its PNG (drawn by Chromium). */
export async function reportDocx(
  content: ReportContent,
  chartImages: Map<string, Buffer>,
  status: string,
): Promise<Buffer> {
  const blocks: Block[] = [
    new Paragraph({ text: `${content.quarter.label} progress report`, heading: HeadingLevel.TITLE }),
    para(`${content.councilName}: ${content.planTitle}`),
    para(status),
    ...textBlock('Summary', content.narrative.summary),
    ...textBlock('Recommendations', content.narrative.recommendations),
    ...textBlock('Decisions the Board is asked to make', content.narrative.decisions),
    heading('Progress at a glance: status of each strand', HeadingLevel.HEADING_1),
    table(
      ['Strand', 'Overall', 'Delivery and impact', 'Why'],
      content.strands.map((s) => [
        `${s.code}. ${s.title}`,
        overallText(s.status),
        partsText(s.status),
        reasonsText(s.status.derived.reasons),
      ]),
    ),
    heading('Data not current', HeadingLevel.HEADING_1),
    ...(content.notCurrent === null
      ? [para('This report was published before Turnaround checked whether each figure was current.')]
      : content.notCurrent.length
        ? content.notCurrent.map((m) => para(`${m.name} (strand ${m.strand}): ${m.note}`))
        : [para("Every measure's latest figure was current at the quarter end.")]),
    heading('Slow to progress', HeadingLevel.HEADING_1),
    heading('Overdue milestones', HeadingLevel.HEADING_2),
    content.slowToProgress.overdueMilestones.length
      ? table(
          ['Milestone', 'Strand', 'Due', 'Days overdue'],
          content.slowToProgress.overdueMilestones.map((m) => [
            m.title,
            m.strand,
            formatDate(m.due_on),
            String(m.daysOverdue),
          ]),
        )
      : para('None.'),
    heading('Objectives with no progress update in the quarter', HeadingLevel.HEADING_2),
    ...(content.slowToProgress.objectivesWithoutUpdate.length
      ? content.slowToProgress.objectivesWithoutUpdate.map((o) => para(`${o.objective} (strand ${o.strand})`))
      : [para('None.')]),
    heading('Measures of concern', HeadingLevel.HEADING_2),
    ...(content.slowToProgress.measuresOfConcern.length
      ? content.slowToProgress.measuresOfConcern.map((m) =>
          para(`${m.name} (strand ${m.strand}): ${m.variation}; ${m.assurance}`),
        )
      : [para('None.')]),
    heading('Contributions to strengthen', HeadingLevel.HEADING_2),
    ...(content.slowToProgress.contributionsToStrengthen.length
      ? content.slowToProgress.contributionsToStrengthen.map((c) =>
          para(`${c.partner}: ${c.description}, due ${formatDate(c.due_on)}, not received`),
        )
      : [para('None.')]),
  ]
  for (const s of content.strands) {
    blocks.push(heading(`Strand ${s.code}: ${s.title}`, HeadingLevel.HEADING_1))
    blocks.push(para(`Lead: ${s.lead || 'not set'}. Overall: ${overallText(s.status)}. ${partsText(s.status)}.`))
    if (s.status.derived.rag !== 'green') blocks.push(para(`Why: ${reasonsText(s.status.derived.reasons)}`))
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
    for (const o of s.objectives) {
      blocks.push(heading(o.title, HeadingLevel.HEADING_2))
      if (o.intendedImpact) blocks.push(para(`What will be different for children and families: ${o.intendedImpact}`))
      blocks.push(para(`${overallText(o.status)}. ${partsText(o.status)}. ${reasonsText(o.status.derived.reasons)}`))
      const milestones = [
        ...new Map([...o.attention, ...o.completed, ...o.overdue].map((m) => [m.id || m.title, m])).values(),
      ]
      const rows = milestones.map((m) => [
        m.title,
        m.owner,
        formatDate(m.due_on),
        m.originallyDue ? `${formatDate(m.originallyDue)} (moved ${m.timesMoved})` : 'Not moved',
        m.status,
      ])
      if (rows.length) blocks.push(table(['Milestone', 'Owner', 'Now due', 'Originally due', 'At quarter end'], rows))
      if (o.evidence.length)
        blocks.push(
          table(
            ['Date', 'Kind', 'What it shows'],
            o.evidence.map((e) => [
              formatDate(e.observedOn),
              e.kind,
              `${e.summary} (${EVIDENCE_DIRECTION_LABELS[e.direction].toLowerCase()}${e.current ? '' : '; older than six months, not counted'})`,
            ]),
          ),
        )
    }
    if (s.measures.length) {
      blocks.push(heading(`Success measures for strand ${s.code}`, HeadingLevel.HEADING_2))
      blocks.push(
        table(
          ['Measure', 'Latest', 'Previous', 'Target', 'England', 'Statistical neighbours', 'Variation', 'Assurance'],
          s.measures.map((m) => [
            m.name,
            `${m.latest} ${m.latestPeriod}`.trim() + (m.current === false ? ` (not current: ${m.currencyNote})` : ''),
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
        if (!png) continue
        const desc = /<desc[^>]*>([^<]*)<\/desc>/.exec(m.chart)?.[1] ?? m.name
        blocks.push(
          new Paragraph({
            children: [
              new ImageRun({
                type: 'png',
                data: png,
                transformation: { width: 600, height: 300 },
                altText: { name: m.name, title: m.name, description: unescapeXml(desc) },
              }),
            ],
          }),
        )
      }
    }
  }
  const doc = new Document({
    creator: 'Turnaround',
    title: `${content.quarter.label} progress report`,
    description: `${content.councilName} improvement plan progress report`,
    sections: [{ children: blocks }],
  })
  return Packer.toBuffer(doc)
}

function unescapeXml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
}
