// The self-assessment as a Word document, built with the progress report's kit (src/reports/report-docx.ts):
// the same A4 page, Arial styles with Heading 1 and 2 (Word's navigation pane), tables across the page with
// each status colour beside its words, and each chart an image with its text alternative.
import { HeadingLevel, Paragraph, TextRun } from 'docx'
import {
  WORD_IMPACT_COLOURS,
  WORD_KIT,
  WORD_RAG_COLOURS,
  chartDescription,
  wordBullets,
  wordCaption,
  wordChart,
  wordDetailsTable,
  wordDocument,
  wordHeading,
  wordParagraphs,
  wordTable,
  type WordBlock,
  type WordCell,
} from '../reports/report-docx.js'
import { formatDate } from '../shared/dates.js'
import { practiceWordBlocks } from '../reports/practice-docx.js'
import {
  NARRATIVE_SECTIONS,
  evidenceWindowText,
  noneRecordedText,
  rangeText,
  statusText,
  type SelfAssessmentContent,
  type SelfAssessmentEvidence,
} from './self-assessment-content.js'

type Rating = SelfAssessmentContent['strands'][number]['rating']

const H1 = HeadingLevel.HEADING_1
const H2 = HeadingLevel.HEADING_2

const deliveryCell = (r: Rating): WordCell => ({ text: r.delivery.label, colour: WORD_RAG_COLOURS[r.delivery.rag] })
const impactCell = (r: Rating): WordCell => ({ text: r.impact.label, colour: WORD_IMPACT_COLOURS[r.impact.level] })
const reasons = (r: Rating) =>
  [`Delivery: ${r.delivery.reasons || 'no concerns'}.`, `Impact: ${r.impact.reasons || 'none recorded'}.`].join('\n')

function cover(content: SelfAssessmentContent, marking: string): WordBlock[] {
  const review = content.review
  return [
    new Paragraph({ children: [new TextRun({ text: content.councilName, bold: true, size: 32 })] }),
    new Paragraph({ text: content.title, heading: HeadingLevel.TITLE }),
    wordDetailsTable([
      [
        'Prepares for',
        review
          ? `${review.title} (${review.title.includes(review.kindLabel) ? '' : `${review.kindLabel}, `}${rangeText(review)}, ${review.state})`
          : 'Not linked to a review',
      ],
      ['Plan', content.planTitle ?? 'No improvement plan recorded'],
      ['Data as at', formatDate(content.dataAsAt)],
      ['Status', statusText(content)],
      ['Protective marking', marking],
    ]),
  ]
}

function narrative(content: SelfAssessmentContent): WordBlock[] {
  return [
    new Paragraph({ text: 'Our assessment', heading: H1, pageBreakBefore: true }),
    ...NARRATIVE_SECTIONS.flatMap((s) => [
      wordHeading(s.heading, H2),
      ...wordParagraphs(content.narrative[s.key], 'Not written.'),
    ]),
  ]
}

function progress(content: SelfAssessmentContent): WordBlock[] {
  const blocks: WordBlock[] = [wordHeading('Progress against objectives', H1)]
  if (!content.planTitle) return [...blocks, ...wordParagraphs('', 'No improvement plan is recorded.')]
  blocks.push(
    ...wordParagraphs(
      `Delivery rates each objective’s milestones; impact rates the current evidence and measures, as the progress report does, as at ${formatDate(content.dataAsAt)}.`,
    ),
  )
  for (const s of content.strands) {
    blocks.push(
      wordHeading(`Strand ${s.code}: ${s.title}`, H2),
      wordCaption(`Strand ${s.code} and its objectives`),
      wordTable(
        ['Objective', 'Delivery', 'Impact', 'Why'],
        [
          [
            { text: `Strand ${s.code} overall`, bold: true },
            deliveryCell(s.rating),
            impactCell(s.rating),
            reasons(s.rating),
          ],
          ...s.objectives.map((o): WordCell[] => [
            o.title,
            deliveryCell(o.rating),
            impactCell(o.rating),
            reasons(o.rating),
          ]),
        ],
      ),
    )
  }
  return blocks
}

function measures(content: SelfAssessmentContent, charts: Map<string, Buffer>): WordBlock[] {
  const blocks: WordBlock[] = [wordHeading('Key measures', H1)]
  if (content.measures.length === 0) return [...blocks, ...wordParagraphs('', 'No measure is linked to the plan.')]
  blocks.push(
    wordCaption(`Key measures as at ${formatDate(content.dataAsAt)}`),
    wordTable(
      ['Measure', 'Latest', 'Target', 'Variation', 'Assurance', 'Signal'],
      content.measures.map((m) => [
        m.name,
        m.latest + (m.latestPeriod ? ` (${m.latestPeriod})` : ''),
        m.target,
        m.variation,
        m.assurance,
        m.signal,
      ]),
    ),
  )
  for (const m of content.measures) {
    const png = charts.get(m.chart)
    if (!png) continue
    blocks.push(
      ...wordChart(png, {
        title: `${m.name} (${m.unitLabel.toLowerCase()})`,
        description:
          chartDescription(m.chart) ??
          `Chart of ${m.name}: latest ${m.latest}${m.latestPeriod ? ` (${m.latestPeriod})` : ''}. ${m.variation}. ${m.assurance}.`,
        caption: `Source: figures recorded by ${content.councilName}.`,
      }),
    )
  }
  return blocks
}

const evidenceTable = (entries: SelfAssessmentEvidence[]) =>
  wordTable(
    ['Date', 'Objective', 'Kind', 'What it shows', 'Direction'],
    entries.map((e) => [formatDate(e.observedOn), e.objective, e.kindLabel, e.summary, e.directionLabel]),
  )

function evidence(content: SelfAssessmentContent): WordBlock[] {
  const { evidence: ev } = content
  const blocks: WordBlock[] = [
    wordHeading('Evidence since the last review', H1),
    ...wordParagraphs(evidenceWindowText(ev)),
  ]
  blocks.push(ev.entries.length ? evidenceTable(ev.entries) : new Paragraph(noneRecordedText(ev.since)))
  blocks.push(wordHeading('Practice evidence', H1))
  // A self-assessment submitted before the sources were kept has none (undefined), and shows only its entries.
  if (content.practiceSections !== undefined) blocks.push(...practiceWordBlocks(WORD_KIT, content.practiceSections))
  for (const p of content.practice) {
    blocks.push(wordHeading(p.heading, H2))
    blocks.push(p.entries.length ? evidenceTable(p.entries) : new Paragraph(noneRecordedText(ev.since)))
  }
  return blocks
}

function sinceLastReview(content: SelfAssessmentContent): WordBlock[] {
  const blocks: WordBlock[] = [wordHeading('Since the last review', H1)]
  const last = content.sinceLastReview
  if (!last) return [...blocks, ...wordParagraphs('', 'No earlier review or visit is recorded.')]
  const c = last.counts
  blocks.push(
    ...wordParagraphs(
      `The findings and recommendations of the ${last.event.title} (${last.event.kindLabel}, ${rangeText(last.event)}): ` +
        `${c.total} in all; ${c.closed} closed, ${c.inProgress} in progress, ${c.noAction} with no linked action` +
        (c.overdue ? `; ${c.overdue} overdue.` : '.'),
    ),
  )
  if (last.items.length)
    blocks.push(
      wordTable(
        ['Reference', 'Finding or recommendation', 'State', 'What answers it', 'Closure'],
        last.items.map((i) => [
          i.reference || i.kindLabel,
          `${i.kindLabel}: ${i.text}${i.dueOn ? `\nDue ${formatDate(i.dueOn)}` : ''}`,
          { text: i.stateLabel, bold: true },
          i.answeredBy.join('\n') || 'Nothing linked',
          i.closedOn ? `Closed ${formatDate(i.closedOn)}${i.closureNote ? `: ${i.closureNote}` : ''}` : 'Open',
        ]),
      ),
    )
  return blocks
}

function requirements(content: SelfAssessmentContent): WordBlock[] {
  return [
    wordHeading('The Notice’s requirements', H1),
    ...wordBullets(
      content.requirements.map(
        (r) =>
          `${r.title} (${r.kindLabel}, issued ${formatDate(r.issuedOn)}): ${r.total} requirements; ${r.met} met, ${r.overdue} overdue, ${r.noEvidence} with no evidence linked.`,
      ),
      'No Notice or Direction is in force.',
    ),
  ]
}

/** `charts` maps each chart's SVG to its PNG; `marking` is the protective marking at the head of each page. */
export function selfAssessmentDocx(
  content: SelfAssessmentContent,
  charts: Map<string, Buffer>,
  marking: string,
): Promise<Buffer> {
  return wordDocument({
    title: content.title,
    subject: `${content.councilName}: self-assessment`,
    description: `${content.councilName}’s own assessment of its improvement before a review`,
    marking,
    children: [
      ...cover(content, marking),
      ...narrative(content),
      ...progress(content),
      ...measures(content, charts),
      ...evidence(content),
      ...sinceLastReview(content),
      ...requirements(content),
    ],
  })
}
