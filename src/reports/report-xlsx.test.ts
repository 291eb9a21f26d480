// The Excel data annex read back as an analyst's spreadsheet would read it: numbers as numbers in their
// format, dates as dates, a frozen header and a filter on every sheet, each milestone once per objective.
import assert from 'node:assert/strict'
import { before, describe, it } from 'node:test'
import ExcelJS from 'exceljs'
import { reportXlsx } from './report-xlsx.js'
import { reportContentSchema, type MilestoneRow, type ReportContent } from './report-snapshot.js'

const milestone = (id: number, title: string, due_on: string, status: string, more: Partial<MilestoneRow> = {}) => ({
  id,
  title,
  owner: 'Head of Service',
  due_on,
  completed_on: null,
  status,
  originallyDue: null,
  timesMoved: 0,
  ...more,
})

const green = { rag: 'green' as const, reasons: [{ text: 'All milestones on track', items: [] }] }
const rated = {
  rag: 'amber' as const,
  derived: {
    rag: 'amber' as const,
    reasons: [{ text: '1 milestone overdue', items: [{ anchor: 'milestone-101', label: 'Audit of referrals' }] }],
  },
  override: null,
  delivery: {
    rag: 'amber' as const,
    reasons: [{ text: '1 milestone overdue', items: [{ anchor: 'milestone-101', label: 'Audit of referrals' }] }],
  },
  impact: { level: 'improving' as const, reasons: [{ text: '1 measure improving', items: [] }] },
}

/** Monthly points from April 2023: a percentage falling from 41.2, SPC figures from the 1st point on. */
const agencyPoints = [41.2, 40.8, 41.5, 40.1, 39.9, 40.4, 39.2, 38.8, 38.1, 38.4, 37.9, 37.7].map((value, i) => ({
  period: `${2023 + Math.floor((i + 3) / 12)}-${String(((i + 3) % 12) + 1).padStart(2, '0')}-01`,
  label: `Month ${i + 1}`,
  value,
  target: 30,
  mean: 39.5,
  lowerLimit: 37.15,
  upperLimit: 41.85,
  signal: i >= 8 ? 'Trend of 7 points falling' : '',
}))

const agency = {
  id: 7,
  anchor: 'measure-1-7',
  code: 'VS-AGENCY',
  name: 'Posts filled by agency social workers (% of posts)',
  latest: '37.7%',
  latestPeriod: 'Mar 2024',
  current: true,
  currencyNote: '',
  direction: 'improving' as const,
  previous: '37.9% (Feb 2024)',
  target: '30.0%',
  england: '17.6% (2023, official)',
  statisticalNeighbours: '19.2% (2023, official)',
  variation: 'Special cause improvement',
  assurance: 'Consistently failing the target',
  variationKey: 'special-cause-improvement',
  assuranceKey: 'consistently-failing',
  unit: 'percent',
  chart: '<svg></svg>',
  official: true,
  comparability: 'Counts posts at month end; the official figure is at 30 September.',
  englandValue: 17.6,
  neighboursValue: 19.2,
  // The April figure is not in yet: the latest value is March's.
  data: [
    ...agencyPoints,
    {
      period: '2024-04-01',
      label: 'Apr 2024',
      value: null,
      target: 30,
      mean: null,
      lowerLimit: null,
      upperLimit: null,
      signal: '',
    },
  ],
}

const referrals = {
  ...agency,
  id: 8,
  anchor: 'measure-1-8',
  code: 'VS-REFERRALS',
  name: 'Referrals to children’s social care',
  latest: '1,204',
  latestPeriod: 'Q4 2023/24',
  previous: '1,150 (Q3 2023/24)',
  target: 'None',
  england: 'Not available',
  statisticalNeighbours: 'Not available',
  variation: 'Not enough data for SPC',
  assurance: 'No target',
  unit: 'count',
  official: false,
  comparability: '',
  englandValue: null,
  neighboursValue: null,
  data: [
    {
      period: '2024-01-01',
      label: 'Q4 2023/24',
      value: 1204,
      target: null,
      mean: null,
      lowerLimit: null,
      upperLimit: null,
      signal: '',
    },
  ],
}

const overdueAudit = milestone(101, 'Audit of referrals', '2024-02-15', 'Overdue; last reported on track', {
  originallyDue: '2023-12-01',
  timesMoved: 2,
})

const content: ReportContent = reportContentSchema.parse({
  schemaVersion: 6,
  councilName: 'Northfield',
  planTitle: 'Children’s services improvement plan 2023 to 2025',
  quarter: { start: '2024-01-01', end: '2024-03-31', label: 'Q4 2023/24' },
  dataAsAt: '2024-03-31',
  cover: {
    boardName: 'Northfield Improvement Board',
    meetingOn: '2024-04-25',
    authorRole: 'Head of Improvement',
    accountableRole: 'Director of Children’s Services',
    purpose: 'assurance',
    marking: 'OFFICIAL-SENSITIVE',
    revision: 2,
    corrects: { revision: 1, reason: 'A referral count was wrong' },
    approvedBy: 'A. Director',
    approvedOn: '2024-04-10',
  },
  narrative: { summary: 'Summary', recommendations: 'Note the report', decisions: '', decisionsFollowUp: '' },
  sensitive: [],
  changesSinceLast: { kind: 'first' },
  strands: [
    {
      id: 1,
      code: '1',
      half: 'A',
      title: 'Front door',
      lead: 'Head of Service',
      status: rated,
      slippage: { replans: 2, daysSlipped: 76 },
      commentary: '',
      draftCommentary: '',
      impact: '',
      objectives: [
        {
          id: 10,
          anchor: 'objective-10',
          title: 'Referrals are handled in a day',
          intendedImpact: 'Children are seen sooner',
          status: rated,
          // The overdue milestone is behind the rating and overdue: two lists, one milestone.
          attention: [overdueAudit],
          measures: [{ anchor: 'measure-1-7', label: agency.name }],
          evidence: [],
          practice: [],
          completed: [milestone(102, 'New front door rota', '2024-02-01', 'Complete', { completed_on: '2024-01-29' })],
          dueInQuarter: [
            overdueAudit,
            milestone(102, 'New front door rota', '2024-02-01', 'Complete', { completed_on: '2024-01-29' }),
          ],
          overdue: [overdueAudit],
          updates: [],
        },
      ],
      measures: [agency, referrals],
    },
    {
      id: 2,
      code: '2',
      half: 'A',
      title: 'Workforce',
      lead: 'Principal Social Worker',
      status: { rag: 'green', derived: green, override: null, delivery: green, impact: null },
      slippage: { replans: 0, daysSlipped: 0 },
      commentary: '',
      draftCommentary: '',
      impact: '',
      objectives: [
        {
          id: 20,
          anchor: 'objective-20',
          title: 'A stable workforce',
          intendedImpact: '',
          status: { rag: 'green', derived: green, override: null, delivery: green, impact: null },
          attention: [],
          measures: [],
          evidence: [],
          practice: [],
          completed: [],
          dueInQuarter: [milestone(201, 'Recruitment campaign', '2024-03-01', 'On track')],
          overdue: [],
          updates: [],
        },
      ],
      // The agency measure belongs to both strands.
      measures: [{ ...agency, anchor: 'measure-2-7' }],
    },
  ],
  significantChanges: [],
  slowToProgress: {
    overdueMilestones: [
      { ...overdueAudit, strand: '1', objective: 'Referrals are handled in a day', daysOverdue: 45 },
      {
        ...milestone(103, 'Threshold guidance', '2024-03-01', 'Overdue; last reported at risk'),
        strand: '1',
        objective: 'Referrals are handled in a day',
        daysOverdue: 30,
      },
    ],
    objectivesWithoutUpdate: [{ strand: '2', objective: 'A stable workforce', lastUpdate: null }],
    measuresOfConcern: [{ strand: '1', name: agency.name, variation: agency.variation, assurance: agency.assurance }],
    contributionsToStrengthen: [
      {
        partner: 'Northfield Police',
        description: 'Attendance at strategy meetings',
        strand: '1',
        due_on: '2024-03-15',
        reason: 'missing',
        detail: 'not received',
      },
    ],
  },
  notCurrent: [],
  contributionsReceived: [
    {
      requestId: 4,
      partner: 'Northfield Health',
      description: 'Health assessments of children in care',
      strand: '2',
      dueOn: '2024-02-28',
      receivedOn: '2024-03-04',
      response: 'Timeliness rose to 81%.',
      attachmentName: 'health.pdf',
      late: true,
    },
  ],
  board: null,
  practice: null,
  risks: {
    items: [
      {
        id: 7,
        reference: 'R7',
        kind: 'risk',
        title: 'Agency social workers leave',
        strand: '2',
        owner: 'Head of Workforce',
        likelihood: 4,
        impact: 4,
        score: 16,
        level: 'extreme',
        trend: 'up',
        trendText: 'Up from 12 (4 January 2024)',
        mitigations: 'Retention payments',
        escalatedOn: '2024-02-01',
      },
    ],
    matrix: [
      [0, 0, 0, 0, 0],
      [0, 0, 0, 1, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0],
    ],
    escalatedCount: 1,
    resources: {
      quarterStart: '2024-01-01',
      quarterLabel: 'Q4 2023/24',
      programmeBudget: 250000,
      programmeSpend: 231500.5,
      agencySpend: 410000,
      fteFunded: 6,
      fteInPost: 4.5,
      note: '',
    },
    yearToDate: null,
    earlierQuarters: [],
  },
  sources: 'Official statistics from the Department for Education, Open Government Licence v3.0.',
})

type Row = Map<string, ExcelJS.Cell>

/** A sheet's rows after the header, each a map from the header's words to the cell under them. */
function rowsOf(sheet: ExcelJS.Worksheet): Row[] {
  const header = sheet.getRow(1)
  const headers = Array.from({ length: sheet.columnCount }, (_, i) => header.getCell(i + 1).value as string)
  const rows: Row[] = []
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r)
    rows.push(new Map(headers.map((h, i) => [h, row.getCell(i + 1)])))
  }
  return rows
}

const cell = (row: Row | undefined, header: string): ExcelJS.Cell => {
  const found = row?.get(header)
  assert.ok(found, `no column "${header}"`)
  return found
}

async function read(c: ReportContent): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.load((await reportXlsx(c)) as unknown as ArrayBuffer)
  return book
}

describe('the Excel data annex', () => {
  let book: ExcelJS.Workbook
  const sheet = (name: string) => {
    const found = book.getWorksheet(name)
    assert.ok(found, `no sheet "${name}"`)
    return found
  }
  before(async () => {
    book = await read(content)
  })

  it('has an About sheet first, then a sheet per table of the report', () => {
    assert.deepEqual(
      book.worksheets.map((w) => w.name),
      [
        'About',
        'Strand status',
        'Measures',
        'Measure values',
        'Benchmarks',
        'Milestones',
        'Slow to progress',
        'Board actions',
        'Risks',
        'Resources',
        'Partner answers',
      ],
    )
  })

  it('freezes the header row and filters every sheet', () => {
    for (const w of book.worksheets) {
      assert.equal(w.views[0]?.state, 'frozen', `${w.name} has no frozen header`)
      assert.equal((w.views[0] as ExcelJS.WorksheetViewFrozen).ySplit, 1, `${w.name} freezes the wrong rows`)
      assert.ok(w.autoFilter, `${w.name} has no filter`)
      assert.equal(w.getRow(1).font?.bold, true, `${w.name}'s header is not bold`)
    }
  })

  it('says on the About sheet whose report it is, as at when, and how it is marked', () => {
    const about = new Map(rowsOf(sheet('About')).map((r) => [cell(r, 'Item').value, cell(r, 'Detail')]))
    assert.equal(about.get('Council')?.value, 'Northfield')
    assert.equal(about.get('Improvement plan')?.value, 'Children’s services improvement plan 2023 to 2025')
    assert.equal(about.get('Quarter')?.value, 'Q4 2023/24')
    assert.deepEqual(about.get('Data as at')?.value, new Date(Date.UTC(2024, 2, 31)))
    assert.equal(about.get('Protective marking')?.value, 'OFFICIAL-SENSITIVE')
    assert.equal(about.get('Revision')?.value, 2)
    assert.match(about.get('Reading the numbers')?.value as string, /37\.7 means 37\.7%/)
  })

  it('marks a report with no cover OFFICIAL and says its revision was not recorded', async () => {
    const older = await read({ ...content, cover: null })
    const rows = rowsOf(older.getWorksheet('About')!)
    const detail = (item: string) => rows.find((r) => cell(r, 'Item').value === item)?.get('Detail')?.value
    assert.equal(detail('Protective marking'), 'OFFICIAL')
    assert.match(detail('Revision') as string, /Not recorded/)
  })

  it('keeps a percentage as the number the report shows, in a percentage format', () => {
    const march = rowsOf(sheet('Measure values')).find(
      (r) => cell(r, 'Measure code').value === 'VS-AGENCY' && cell(r, 'Period').value === 'Month 12',
    )
    const value = cell(march, 'Value')
    assert.equal(typeof value.value, 'number')
    assert.equal(value.value, 37.7)
    assert.equal(value.numFmt, '0.0"%"')
    assert.equal(cell(march, 'Unit').value, 'Percentage (%)')
    assert.match(sheet('Measure values').getCell('G1').note as string, /37\.7 means 37\.7%/)
  })

  it('writes a period start, a due date and a completion date as dates in a date format', () => {
    const march = rowsOf(sheet('Measure values')).find(
      (r) => cell(r, 'Measure code').value === 'VS-AGENCY' && cell(r, 'Period').value === 'Month 12',
    )
    const start = cell(march, 'Period start')
    assert.ok(start.value instanceof Date, `period start is ${typeof start.value}`)
    assert.equal(start.value.toISOString(), '2024-03-01T00:00:00.000Z')
    assert.equal(start.numFmt, 'd mmm yyyy')
    const rota = rowsOf(sheet('Milestones')).find((r) => cell(r, 'Milestone').value === 'New front door rota')
    assert.deepEqual(cell(rota, 'Completed').value, new Date(Date.UTC(2024, 0, 29)))
    assert.equal(cell(rota, 'Due').numFmt, 'd mmm yyyy')
  })

  it('gives the SPC mean and limits as numbers, with the signal in words', () => {
    const rows = rowsOf(sheet('Measure values')).filter((r) => cell(r, 'Measure code').value === 'VS-AGENCY')
    const march = rows.find((r) => cell(r, 'Period').value === 'Month 12')
    assert.equal(cell(march, 'SPC mean').value, 39.5)
    assert.equal(cell(march, 'SPC lower limit').value, 37.15)
    assert.equal(cell(march, 'SPC upper limit').value, 41.85)
    assert.equal(cell(march, 'SPC lower limit').numFmt, '0.0"%"')
    assert.equal(cell(march, 'SPC signal').value, 'Trend of 7 points falling')
    // A measure in two strands has its values once: 13 periods, not 26.
    assert.equal(rows.length, 13)
    assert.equal(cell(march, 'Strand').value, '1, 2')
  })

  it('lists each measure in each strand with its latest value: the last period with a value', () => {
    const rows = rowsOf(sheet('Measures'))
    assert.deepEqual(
      rows.map((r) => [cell(r, 'Strand').value, cell(r, 'Measure code').value]),
      [
        ['1', 'VS-AGENCY'],
        ['1', 'VS-REFERRALS'],
        ['2', 'VS-AGENCY'],
      ],
    )
    const [agencyRow, referralRow] = rows
    assert.equal(cell(agencyRow, 'Latest value').value, 37.7)
    assert.deepEqual(cell(agencyRow, 'Latest period start').value, new Date(Date.UTC(2024, 2, 1)))
    assert.equal(cell(agencyRow, 'Target').value, 30)
    assert.equal(cell(agencyRow, 'England').value, 17.6)
    assert.equal(cell(agencyRow, 'England').numFmt, '0.0"%"')
    assert.equal(cell(agencyRow, 'Statistical neighbours').value, 19.2)
    assert.equal(cell(agencyRow, 'England (as in the report)').value, '17.6% (2023, official)')
    assert.equal(cell(referralRow, 'Latest value').value, 1204)
    assert.equal(cell(referralRow, 'Latest value').numFmt, '#,##0')
    assert.equal(cell(referralRow, 'England').value, null)
  })

  it('sets each measure beside England and its statistical neighbours once', () => {
    const rows = rowsOf(sheet('Benchmarks'))
    assert.deepEqual(
      rows.map((r) => cell(r, 'Measure code').value),
      ['VS-AGENCY', 'VS-REFERRALS'],
    )
    assert.equal(cell(rows[0], 'Statistical neighbours').value, 19.2)
    assert.equal(cell(rows[0], 'Statistical neighbours (as in the report)').value, '19.2% (2023, official)')
  })

  it('lists a milestone in several of an objective’s lists once, naming the lists', () => {
    const rows = rowsOf(sheet('Milestones'))
    const audit = rows.filter((r) => cell(r, 'Milestone').value === 'Audit of referrals')
    assert.equal(audit.length, 1)
    assert.equal(rows.length, 3) // audit, rota, recruitment campaign
    assert.equal(
      cell(audit[0], "In the report's lists").value,
      'Behind the delivery rating; Overdue at the quarter end; Due in the quarter',
    )
    assert.equal(cell(audit[0], 'Times moved').value, 2)
    assert.deepEqual(cell(audit[0], 'Originally due').value, new Date(Date.UTC(2023, 11, 1)))
  })

  it('lists the risks, resources and partners’ answers with their numbers and dates as such', () => {
    const [risk] = rowsOf(sheet('Risks'))
    assert.equal(cell(risk, 'Score').value, 16)
    assert.equal(cell(risk, 'Level').value, 'Extreme')
    assert.deepEqual(cell(risk, 'Escalated to the Board').value, new Date(Date.UTC(2024, 1, 1)))
    const [quarter] = rowsOf(sheet('Resources'))
    assert.equal(cell(quarter, 'Programme spend (£)').value, 231500.5)
    assert.equal(cell(quarter, 'Team FTE in post').value, 4.5)
    const [answer] = rowsOf(sheet('Partner answers'))
    assert.equal(cell(answer, 'Late').value, 'Yes')
    assert.equal(cell(answer, 'Evidence attached').value, 'health.pdf')
    assert.equal(rowsOf(sheet('Board actions')).length, 0)
  })

  it('gives every slow-to-progress item a row, naming its list, with days overdue as a number', () => {
    const rows = rowsOf(sheet('Slow to progress'))
    assert.equal(rows.length, 5)
    assert.deepEqual(
      rows.map((r) => cell(r, 'List').value),
      [
        'Overdue milestones',
        'Overdue milestones',
        'Objectives with no progress update in the quarter',
        'Measures of concern',
        'Contributions to strengthen',
      ],
    )
    assert.equal(cell(rows[0], 'Days overdue').value, 45)
    assert.equal(cell(rows[2], 'Days overdue').value, null)
    assert.equal(cell(rows[2], 'Detail').value, 'Never updated')
    assert.deepEqual(cell(rows[4], 'Due').value, new Date(Date.UTC(2024, 2, 15)))
  })

  it('colours a status and always says it in words', () => {
    const [one, two] = rowsOf(sheet('Strand status'))
    const overall = cell(one, 'Overall')
    assert.equal(overall.value, 'Amber: some concerns')
    assert.equal(overall.fill?.type === 'pattern' ? overall.fill.fgColor?.argb : undefined, 'FFFFEB9C')
    assert.equal(cell(one, 'Impact').value, 'Improving')
    assert.equal(cell(one, 'Delivery reasons').value, '1 milestone overdue: Audit of referrals')
    assert.equal(cell(two, 'Impact').value, 'Not rated apart in this report')
  })
})
