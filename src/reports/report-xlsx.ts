// The report's data annex for a Board analyst: an About sheet, then one sheet per table of the report, each
// with a frozen header row and a filter. Numbers are numbers in a number format (a percentage keeps the
// number the report shows, 37.7 shown as 37.7%), dates are dates, and every coloured status has its words.
import ExcelJS from 'exceljs'
import { IMPACT_RAG, RAG_LABELS, type Rag } from './status-rules.js'
import { IMPACT_LABELS } from '../impact/impact-rules.js'
import { EVIDENCE_DIRECTION_LABELS } from '../impact/evidence-kinds.js'
import { reasonsText } from './report-words.js'
import { formatDate } from '../shared/dates.js'
import { UNITS, UNIT_LABELS, fileNumber, type Unit } from '../shared/units.js'
import type { MeasureRow, MilestoneRow, Rated, ReportContent, ReportStrand } from './report-snapshot.js'
import { RISK_LEVEL_LABELS } from '../governance/risk-rules.js'

type SheetName =
  | 'About'
  | 'Strand status'
  | 'Measures'
  | 'Measure values'
  | 'Benchmarks'
  | 'Milestones'
  | 'Slow to progress'
  | 'Board actions'
  | 'Risks'
  | 'Resources'
  | 'Partner answers'

const DATE_FORMAT = 'd mmm yyyy'
/** Columns are sized to their content, within these bounds (in characters); longer text wraps. */
const MIN_WIDTH = 10
const MAX_WIDTH = 60
/** Excel's own "Good", "Neutral" and "Bad" fills; a status cell always carries its words as well. */
const RAG_FILLS: Partial<Record<Rag, string>> = { green: 'FFC6EFCE', amber: 'FFFFEB9C', red: 'FFFFC7CE' }

const PERCENT_NOTE =
  'In the unit given in the Unit column. A percentage is the percentage number the report shows: 37.7 means 37.7%, and is shown as 37.7%.'

type Cell = string | number | Date | null

interface Column<T> {
  header: string
  value: (row: T) => Cell
  /** The number or date format of the column's cells, or of one row's (a measure's unit). */
  format?: string | ((row: T, value: number) => string)
  /** A note on the header cell. */
  note?: string
  /** A status colour for the cell (ARGB); the cell's words say the same. */
  fill?: (row: T) => string | undefined
}

export async function reportXlsx(content: ReportContent): Promise<Buffer> {
  const book = new ExcelJS.Workbook()
  book.creator = 'Turnaround'
  book.title = `${content.councilName}: ${content.quarter.label} progress report, data annex`
  const marking = content.cover?.marking ?? 'OFFICIAL'
  const sheet = <T>(name: SheetName, columns: Column<T>[], rows: Iterable<T>) =>
    addSheet(book, name, marking, columns, rows)

  sheet('About', ABOUT_COLUMNS, aboutRows(content, marking))
  sheet('Strand status', STRAND_COLUMNS, content.strands)
  sheet('Measures', MEASURE_COLUMNS, measureRows(content))
  sheet('Measure values', VALUE_COLUMNS, valueRows(content))
  sheet('Benchmarks', BENCHMARK_COLUMNS, benchmarkRows(content))
  sheet('Milestones', MILESTONE_COLUMNS, milestoneRows(content))
  sheet('Slow to progress', SLOW_COLUMNS, slowRows(content))
  sheet('Board actions', ACTION_COLUMNS, content.board?.actions ?? [])
  sheet('Risks', RISK_COLUMNS, content.risks?.items ?? [])
  sheet('Resources', RESOURCE_COLUMNS, [
    ...(content.risks?.earlierQuarters ?? []),
    ...(content.risks?.resources ? [content.risks.resources] : []),
  ])
  sheet('Partner answers', ANSWER_COLUMNS, content.contributionsReceived ?? [])
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** Writes a table: a bold header row (frozen, with a filter), its rows, formats, fills and column widths. */
function addSheet<T>(
  book: ExcelJS.Workbook,
  name: string,
  marking: string,
  columns: Column<T>[],
  rows: Iterable<T>,
): void {
  const sheet = book.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
    // The protective marking at the top and foot of every printed page.
    headerFooter: { oddHeader: `&C${marking}`, oddFooter: `&C${marking}` },
  })
  const header = sheet.addRow(columns.map((c) => c.header))
  header.font = { bold: true }
  // The filter's drop-down button takes about two characters of the header cell.
  const widths = columns.map((c) => c.header.length + 3)
  columns.forEach((c, i) => {
    if (c.note) header.getCell(i + 1).note = c.note
  })
  // Cells that look alike share one style object, which exceljs writes once rather than once per cell.
  const styles = new Map<string, Partial<ExcelJS.Style>>()
  const styleFor = (numFmt: string | undefined, fill: string | undefined, wrap: boolean) => {
    const key = `${numFmt ?? ''}|${fill ?? ''}|${wrap}`
    let style = styles.get(key)
    if (!style) {
      style = {
        ...(numFmt ? { numFmt } : {}),
        ...(fill ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } } } : {}),
        ...(wrap ? { alignment: { wrapText: true, vertical: 'top' } } : {}),
      }
      styles.set(key, style)
    }
    return style
  }
  let count = 0
  for (const item of rows) {
    const values = columns.map((c) => c.value(item))
    const row = sheet.addRow(values)
    count++
    columns.forEach((c, i) => {
      const v = values[i] ?? null
      if (v === null) return
      const numFmt =
        typeof v === 'number' && c.format
          ? typeof c.format === 'string'
            ? c.format
            : c.format(item, v)
          : v instanceof Date
            ? DATE_FORMAT
            : undefined
      const width = shownWidth(v)
      widths[i] = Math.max(widths[i]!, width)
      row.getCell(i + 1).style = styleFor(numFmt, c.fill?.(item), width > MAX_WIDTH)
    })
  }
  widths.forEach((w, i) => (sheet.getColumn(i + 1).width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 1))))
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: count + 1, column: columns.length } }
}

/** About how many characters a value takes on screen (a date as "30 Sep 2022", a number with separators). */
function shownWidth(value: string | number | Date): number {
  if (value instanceof Date) return 11
  if (typeof value === 'number') return String(value).length + 3
  return Math.max(...value.split('\n').map((line) => line.length))
}

/** An ISO date (yyyy-mm-dd, or a timestamp starting with one) as a date at midnight UTC; other text as it is. */
function dateCell(value: string | null | undefined): Date | string | null {
  if (!value) return null
  if (!/^\d{4}-\d{2}-\d{2}/.test(value)) return value
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`)
  return Number.isNaN(date.getTime()) ? value : date
}

const ragFill = (rag: Rag) => RAG_FILLS[rag]
const yesNo = (value: boolean | null | undefined, unknown = 'Not recorded') =>
  value === null || value === undefined ? unknown : value ? 'Yes' : 'No'

// About

interface AboutRow {
  item: string
  detail: string | number | Date | null
}

const ABOUT_COLUMNS: Column<AboutRow>[] = [
  { header: 'Item', value: (r) => r.item },
  { header: 'Detail', value: (r) => r.detail },
]

const SHEET_GUIDE: Record<Exclude<SheetName, 'About'>, string> = {
  'Strand status':
    'One row per strand: its overall status (as shown, and as the rules rate it), delivery (milestones) and impact (evidence) rated apart, the reasons in words, whether the status was set by hand and why, and how far its due dates moved.',
  Measures:
    'One row per measure in each strand it belongs to: the latest value (the last period with a value) and its period, the target, England and statistical neighbours as numbers, each also as the report writes it, with SPC variation and assurance, whether the latest figure was current at the quarter end, and how it differs from the official figures.',
  'Measure values':
    'Every value the report shows, one row per measure and period (a measure in two strands is listed once, naming both), with its target and SPC figures: the mean, the lower and upper process limits and the rule that labels the point (empty: common cause; no mean: too few values for SPC).',
  Benchmarks:
    "One row per measure: the council's latest value beside England and the statistical neighbours, as numbers and as the report writes them (with the period the benchmark is for).",
  Milestones:
    "Every milestone in the report's lists for each objective, listed once per objective, with the lists it appears in: behind the delivery rating, overdue, due in the quarter, completed in the quarter.",
  'Slow to progress':
    'One row per item of the four "slow to progress" lists, named in the List column: overdue milestones (with days overdue), objectives with no progress update in the quarter, measures of concern and partner contributions to strengthen (not received, received late, or a milestone a partner owns that is off track or overdue).',
  'Board actions':
    "The Board's action log as at the day the report reads as at: every action open then and each closed in the quarter, with its state on that day and the meeting that set it.",
  Risks:
    'One row per risk or issue open on the day the report reads as at, scored by the assessment in force then: likelihood x impact on the 5x5 matrix (1-3 low, 4-6 moderate, 8-12 high, 15-25 extreme), its trend against the assessment before, and whether it was escalated to the Board.',
  Resources:
    "The improvement programme's budget, spend and agency spend in pounds, and the improvement team's capacity in full-time equivalents, by quarter of the financial year to the report's quarter.",
  'Partner answers':
    "Each partner's answer received in the quarter: what was asked, when it was due and received, and the answer (the evidence attached is named; it is kept in Turnaround).",
}

type ActionRow = NonNullable<ReportContent['board']>['actions'][number]
const ACTION_COLUMNS: Column<ActionRow>[] = [
  { header: 'Action', value: (a) => a.text },
  { header: 'Owner', value: (a) => a.owner },
  { header: 'Due', value: (a) => dateCell(a.dueOn) },
  { header: 'State', value: (a) => a.stateText },
  { header: 'Carried forward', value: (a) => (a.carriedForward ? 'Yes' : 'No') },
  { header: 'Raised at', value: (a) => a.raisedAt },
  { header: 'Progress', value: (a) => a.progress },
]

type RiskLine = NonNullable<ReportContent['risks']>['items'][number]
const RISK_COLUMNS: Column<RiskLine>[] = [
  { header: 'Reference', value: (r) => r.reference },
  { header: 'Kind', value: (r) => (r.kind === 'issue' ? 'Issue' : 'Risk') },
  { header: 'Title', value: (r) => r.title },
  { header: 'Strand', value: (r) => r.strand },
  { header: 'Owner', value: (r) => r.owner },
  { header: 'Likelihood', value: (r) => r.likelihood, format: '0' },
  { header: 'Impact', value: (r) => r.impact, format: '0' },
  { header: 'Score', value: (r) => r.score, format: '0' },
  { header: 'Level', value: (r) => RISK_LEVEL_LABELS[r.level] },
  { header: 'Trend', value: (r) => r.trendText },
  { header: 'Escalated to the Board', value: (r) => dateCell(r.escalatedOn) },
  { header: 'Mitigations', value: (r) => r.mitigations },
]

type ResourceLine = NonNullable<NonNullable<ReportContent['risks']>['resources']>
const POUNDS = '£#,##0.00'
const RESOURCE_COLUMNS: Column<ResourceLine>[] = [
  { header: 'Quarter', value: (q) => q.quarterLabel },
  { header: 'Quarter starts', value: (q) => dateCell(q.quarterStart) },
  { header: 'Programme budget (£)', value: (q) => q.programmeBudget, format: POUNDS },
  { header: 'Programme spend (£)', value: (q) => q.programmeSpend, format: POUNDS },
  { header: 'Agency spend (£)', value: (q) => q.agencySpend, format: POUNDS },
  { header: 'Team FTE funded', value: (q) => q.fteFunded, format: '0.0' },
  { header: 'Team FTE in post', value: (q) => q.fteInPost, format: '0.0' },
  { header: 'Note', value: (q) => q.note },
]

type AnswerLine = NonNullable<ReportContent['contributionsReceived']>[number]
const ANSWER_COLUMNS: Column<AnswerLine>[] = [
  { header: 'Partner', value: (c) => c.partner },
  { header: 'Asked for', value: (c) => c.description },
  { header: 'Strand', value: (c) => c.strand },
  { header: 'Due', value: (c) => dateCell(c.dueOn) },
  { header: 'Received', value: (c) => dateCell(c.receivedOn) },
  { header: 'Late', value: (c) => (c.late ? 'Yes' : 'No') },
  { header: 'Answer', value: (c) => c.response },
  { header: 'Evidence attached', value: (c) => c.attachmentName ?? '' },
]

function aboutRows(content: ReportContent, marking: string): AboutRow[] {
  const cover = content.cover
  const rows: AboutRow[] = [
    { item: 'Council', detail: content.councilName },
    { item: 'Improvement plan', detail: content.planTitle },
    { item: 'Quarter', detail: content.quarter.label },
    { item: 'Quarter starts', detail: dateCell(content.quarter.start) },
    { item: 'Quarter ends', detail: dateCell(content.quarter.end) },
    { item: 'Data as at', detail: dateCell(content.dataAsAt) },
    { item: 'Protective marking', detail: marking },
    { item: 'Revision', detail: cover ? cover.revision : 'Not recorded (published before board-paper covers)' },
  ]
  if (cover?.corrects)
    rows.push({
      item: 'Corrects',
      detail: `Revision ${cover.corrects.revision}: ${cover.corrects.reason}`,
    })
  if (cover) {
    rows.push({ item: 'Board', detail: cover.boardName })
    if (cover.meetingOn) rows.push({ item: 'Meeting', detail: dateCell(cover.meetingOn) })
    rows.push({
      item: 'Approved',
      detail: cover.approvedBy
        ? `By ${cover.approvedBy}${cover.approvedOn ? ` on ${formatDate(cover.approvedOn)}` : ''}`
        : 'Not yet approved',
    })
  }
  if (content.sources) rows.push({ item: 'Sources', detail: content.sources })
  rows.push(
    ...Object.entries(SHEET_GUIDE).map(([name, text]) => ({ item: `Sheet: ${name}`, detail: text })),
    {
      item: 'Reading the numbers',
      detail:
        'Values are numbers in their unit (the Unit column). A percentage is stored as the percentage number the report shows: 37.7 means 37.7% (shown with a % sign; do not multiply by 100). Counts have no decimals; other units show the decimals the report uses. An empty cell means no figure.',
    },
    {
      item: 'Reading the dates',
      detail:
        'Periods are dates: the first day of the month, financial quarter or financial year. Due and completion dates are dates too, so they sort and filter as dates.',
    },
    {
      item: 'Colours',
      detail: 'Status cells are coloured red, amber or green, and always say the status in words as well.',
    },
  )
  return rows
}

// Strand status

const notRatedApart = 'Not rated apart in this report'

const STRAND_COLUMNS: Column<ReportStrand>[] = [
  { header: 'Strand', value: (s) => s.code },
  { header: 'Title', value: (s) => s.title },
  { header: 'Lead', value: (s) => s.lead },
  { header: 'Overall', value: (s) => RAG_LABELS[s.status.rag], fill: (s) => ragFill(s.status.rag) },
  {
    header: 'Overall by the rules',
    value: (s) => RAG_LABELS[s.status.derived.rag],
    fill: (s) => ragFill(s.status.derived.rag),
    note: 'The status the rules give; it differs from Overall only when the status was set by hand.',
  },
  {
    header: 'Delivery',
    value: (s) => (s.status.delivery ? RAG_LABELS[s.status.delivery.rag] : notRatedApart),
    fill: (s) => (s.status.delivery ? ragFill(s.status.delivery.rag) : undefined),
  },
  {
    header: 'Impact',
    value: (s) => (s.status.impact ? IMPACT_LABELS[s.status.impact.level] : notRatedApart),
    fill: (s) => (s.status.impact ? ragFill(IMPACT_RAG[s.status.impact.level]) : undefined),
  },
  { header: 'Set by hand', value: (s) => (s.status.override ? 'Yes' : 'No') },
  { header: 'Reason or rule', value: (s) => overallReason(s.status) },
  { header: 'Delivery reasons', value: (s) => (s.status.delivery ? reasonsText(s.status.delivery.reasons) : '') },
  { header: 'Impact reasons', value: (s) => (s.status.impact ? reasonsText(s.status.impact.reasons) : '') },
  { header: 'Due dates moved', value: (s) => s.slippage.replans, format: '#,##0' },
  { header: 'Days slipped', value: (s) => s.slippage.daysSlipped, format: '#,##0' },
]

function overallReason(status: Rated): string {
  if (!status.override) return reasonsText(status.derived.reasons)
  return status.override.by ? `${status.override.reason} (set by ${status.override.by})` : status.override.reason
}

// Measures, their values and benchmarks

type Point = MeasureRow['data'][number]

interface MeasureLine {
  strand: string
  measure: MeasureRow
  latest: Point | undefined
  target: number | null
}

const isUnit = (unit: string): unit is Unit => (UNITS as readonly string[]).includes(unit)
const unitLabel = (m: MeasureRow) => (isUnit(m.unit) ? UNIT_LABELS[m.unit] : m.unit)

/**
 * The decimals the report writes a measure's figures with. The snapshot keeps the figures in words, not the
 * measure's decimals, so they are read from its latest figure as written ("37.7%": 1); 1 when it shows none.
 */
function reportDecimals(m: MeasureRow): number {
  const match = /\d+(?:\.(\d+))?/.exec(m.latest.replace(/,/g, ''))
  if (!match) return 1
  if (match[1]) return match[1].length
  // A whole count is written without decimals whatever the measure's are.
  return m.unit === 'count' ? 1 : 0
}

/** The number format for a value of a measure, as formatValue writes it for people. */
function numberFormat(m: MeasureRow, value: number): string {
  const places = m.unit === 'count' && Number.isInteger(value) ? 0 : reportDecimals(m)
  const fraction = places > 0 ? `.${'0'.repeat(places)}` : ''
  switch (m.unit) {
    case 'percent':
      return `0${fraction}"%"`
    case 'money':
      return `"£"#,##0${fraction}`
    case 'count':
      return `#,##0${fraction}`
    default:
      return `0${fraction}`
  }
}

/** The last period with a value. */
function latestPoint(m: MeasureRow): Point | undefined {
  for (let i = m.data.length - 1; i >= 0; i--) if (m.data[i]!.value !== null) return m.data[i]
  return undefined
}

function measureLine(strand: string, m: MeasureRow): MeasureLine {
  const latest = latestPoint(m)
  return { strand, measure: m, latest, target: latest?.target ?? m.data.at(-1)?.target ?? null }
}

/** Each measure once, in the order first shown, naming every strand it belongs to. */
function eachMeasureOnce(content: ReportContent): MeasureLine[] {
  const byId = new Map<number, { strands: string[]; measure: MeasureRow }>()
  for (const s of content.strands)
    for (const m of s.measures) {
      const seen = byId.get(m.id)
      if (seen) seen.strands.push(s.code)
      else byId.set(m.id, { strands: [s.code], measure: m })
    }
  return [...byId.values()].map((e) => measureLine(e.strands.join(', '), e.measure))
}

const measureNumber = (value: (l: MeasureLine) => number | null): Pick<Column<MeasureLine>, 'value' | 'format'> => ({
  value: (l) => fileNumber(value(l)),
  format: (l, v) => numberFormat(l.measure, v),
})

const MEASURE_ID_COLUMNS: Column<MeasureLine>[] = [
  { header: 'Strand', value: (l) => l.strand },
  { header: 'Measure code', value: (l) => l.measure.code },
  { header: 'Measure', value: (l) => l.measure.name },
  { header: 'Unit', value: (l) => unitLabel(l.measure) },
]

const LATEST_COLUMNS: Column<MeasureLine>[] = [
  { header: 'Latest value', ...measureNumber((l) => l.latest?.value ?? null), note: PERCENT_NOTE },
  { header: 'Latest period start', value: (l) => dateCell(l.latest?.period) },
  { header: 'Latest period', value: (l) => l.latest?.label ?? '' },
]

const BENCHMARK_NUMBER_COLUMNS: Column<MeasureLine>[] = [
  { header: 'England', ...measureNumber((l) => l.measure.englandValue), note: PERCENT_NOTE },
  {
    header: 'England (as in the report)',
    value: (l) => l.measure.england,
    note: "The report's words, with the period the figure is for.",
  },
  { header: 'Statistical neighbours', ...measureNumber((l) => l.measure.neighboursValue), note: PERCENT_NOTE },
  {
    header: 'Statistical neighbours (as in the report)',
    value: (l) => l.measure.statisticalNeighbours,
    note: "The report's words, with the period the figure is for.",
  },
  { header: 'Official statistics', value: (l) => yesNo(l.measure.official, 'No') },
]

const COMPARABILITY: Column<MeasureLine> = {
  header: 'How it differs from the England and neighbour figures',
  value: (l) => l.measure.comparability,
}

const MEASURE_COLUMNS: Column<MeasureLine>[] = [
  ...MEASURE_ID_COLUMNS,
  ...LATEST_COLUMNS,
  {
    header: 'Latest (as in the report)',
    value: ({ measure: m }) => (m.latestPeriod ? `${m.latest} (${m.latestPeriod})` : m.latest),
  },
  { header: 'Previous (as in the report)', value: (l) => l.measure.previous },
  { header: 'Target', ...measureNumber((l) => l.target), note: PERCENT_NOTE },
  { header: 'Target (as in the report)', value: (l) => l.measure.target },
  ...BENCHMARK_NUMBER_COLUMNS,
  { header: 'Variation', value: (l) => l.measure.variation },
  { header: 'Assurance', value: (l) => l.measure.assurance },
  { header: 'Latest figure current at the quarter end', value: (l) => yesNo(l.measure.current, 'Not checked') },
  { header: 'Why not current', value: (l) => l.measure.currencyNote },
  {
    header: 'As evidence of impact',
    value: (l) => (l.measure.direction ? EVIDENCE_DIRECTION_LABELS[l.measure.direction] : ''),
  },
  COMPARABILITY,
]

function measureRows(content: ReportContent): MeasureLine[] {
  return content.strands.flatMap((s) => s.measures.map((m) => measureLine(s.code, m)))
}

interface ValueLine {
  line: MeasureLine
  point: Point
}

const valueNumber = (value: (p: Point) => number | null): Pick<Column<ValueLine>, 'value' | 'format'> => ({
  value: (v) => fileNumber(value(v.point)),
  format: (v, n) => numberFormat(v.line.measure, n),
})

const VALUE_COLUMNS: Column<ValueLine>[] = [
  ...MEASURE_ID_COLUMNS.map((c) => ({ header: c.header, value: (v: ValueLine) => c.value(v.line) })),
  { header: 'Period start', value: (v) => dateCell(v.point.period) },
  { header: 'Period', value: (v) => v.point.label },
  { header: 'Value', ...valueNumber((p) => p.value), note: PERCENT_NOTE },
  { header: 'Target', ...valueNumber((p) => p.target) },
  { header: 'SPC mean', ...valueNumber((p) => p.mean), note: 'Empty where there are too few values for SPC.' },
  { header: 'SPC lower limit', ...valueNumber((p) => p.lowerLimit) },
  { header: 'SPC upper limit', ...valueNumber((p) => p.upperLimit) },
  {
    header: 'SPC signal',
    value: (v) => v.point.signal || (v.point.mean === null ? '' : 'Common cause'),
    note: 'The SPC rule that labels the point; "Common cause" when none does.',
  },
  { header: 'Variation', value: (v) => v.line.measure.variation },
  { header: 'Assurance', value: (v) => v.line.measure.assurance },
  { header: COMPARABILITY.header, value: (v) => COMPARABILITY.value(v.line) },
  {
    header: 'Latest figure current at the quarter end',
    value: ({ line: { measure: m } }) =>
      m.current === null ? 'Not checked' : m.current ? 'Yes' : `No: ${m.currencyNote}`,
  },
]

function* valueRows(content: ReportContent): Iterable<ValueLine> {
  for (const line of eachMeasureOnce(content)) for (const point of line.measure.data) yield { line, point }
}

const BENCHMARK_COLUMNS: Column<MeasureLine>[] = [
  ...MEASURE_ID_COLUMNS,
  ...LATEST_COLUMNS,
  ...BENCHMARK_NUMBER_COLUMNS,
  COMPARABILITY,
]

function benchmarkRows(content: ReportContent): MeasureLine[] {
  return eachMeasureOnce(content)
}

// Milestones

type ObjectiveList = 'attention' | 'overdue' | 'dueInQuarter' | 'completed'

const LIST_NAMES: Record<ObjectiveList, string> = {
  attention: 'Behind the delivery rating',
  overdue: 'Overdue at the quarter end',
  dueInQuarter: 'Due in the quarter',
  completed: 'Completed in the quarter',
}

interface MilestoneLine {
  strand: string
  objective: string
  milestone: MilestoneRow
  lists: string[]
}

const MILESTONE_COLUMNS: Column<MilestoneLine>[] = [
  { header: 'Strand', value: (l) => l.strand },
  { header: 'Objective', value: (l) => l.objective },
  { header: 'Milestone', value: (l) => l.milestone.title },
  { header: 'Owner', value: (l) => l.milestone.owner },
  { header: 'Due', value: (l) => dateCell(l.milestone.due_on) },
  { header: 'Originally due', value: (l) => dateCell(l.milestone.originallyDue) },
  { header: 'Times moved', value: (l) => l.milestone.timesMoved, format: '#,##0' },
  { header: 'Status', value: (l) => l.milestone.status },
  { header: 'Completed', value: (l) => dateCell(l.milestone.completed_on) },
  { header: "In the report's lists", value: (l) => l.lists.join('; ') },
]

/** Each milestone once per objective, though an objective's lists overlap (an overdue one is also behind its rating). */
function milestoneRows(content: ReportContent): MilestoneLine[] {
  const lines: MilestoneLine[] = []
  for (const s of content.strands)
    for (const o of s.objectives) {
      const byKey = new Map<string, MilestoneLine>()
      for (const list of Object.keys(LIST_NAMES) as ObjectiveList[])
        for (const m of o[list]) {
          // Reports published before milestones carried their id give every one id 0.
          const key = m.id ? String(m.id) : `${m.title}\u0000${m.due_on}`
          const seen = byKey.get(key)
          if (seen) seen.lists.push(LIST_NAMES[list])
          else byKey.set(key, { strand: s.code, objective: o.title, milestone: m, lists: [LIST_NAMES[list]] })
        }
      lines.push(...byKey.values())
    }
  return lines
}

// Slow to progress

interface SlowLine {
  list: string
  strand: string
  item: string
  objective: string
  who: string
  due: string | null
  daysOverdue: number | null
  lastUpdate: string | null
  detail: string
}

const SLOW_COLUMNS: Column<SlowLine>[] = [
  { header: 'List', value: (l) => l.list },
  { header: 'Strand', value: (l) => l.strand },
  { header: 'Item', value: (l) => l.item },
  { header: 'Objective', value: (l) => l.objective },
  { header: 'Owner or partner', value: (l) => l.who },
  { header: 'Due', value: (l) => dateCell(l.due) },
  { header: 'Days overdue', value: (l) => l.daysOverdue, format: '#,##0' },
  { header: 'Last update', value: (l) => dateCell(l.lastUpdate) },
  { header: 'Detail', value: (l) => l.detail },
]

function slowRows(content: ReportContent): SlowLine[] {
  const slow = content.slowToProgress
  const none = { objective: '', who: '', due: null, daysOverdue: null, lastUpdate: null }
  return [
    ...slow.overdueMilestones.map((m) => ({
      ...none,
      list: 'Overdue milestones',
      strand: m.strand,
      item: m.title,
      objective: m.objective,
      who: m.owner,
      due: m.due_on,
      daysOverdue: m.daysOverdue,
      detail: m.status,
    })),
    ...slow.objectivesWithoutUpdate.map((o) => ({
      ...none,
      list: 'Objectives with no progress update in the quarter',
      strand: o.strand,
      item: o.objective,
      objective: o.objective,
      lastUpdate: o.lastUpdate,
      detail: o.lastUpdate ? '' : 'Never updated',
    })),
    ...slow.measuresOfConcern.map((m) => ({
      ...none,
      list: 'Measures of concern',
      strand: m.strand,
      item: m.name,
      detail: `${m.variation}; ${m.assurance}`,
    })),
    ...slow.contributionsToStrengthen.map((c) => ({
      ...none,
      list: 'Contributions to strengthen',
      strand: c.strand,
      item: c.description,
      who: c.partner,
      due: c.due_on,
      detail: c.detail.charAt(0).toUpperCase() + c.detail.slice(1),
    })),
  ]
}
