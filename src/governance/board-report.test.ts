// The report's Board section, checked by hand against a small record: which meetings, decisions and actions it
// shows as at a day, what became of each decision, and that what was recorded later is left out.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { configureNunjucks } from '../server/nunjucks-setup.js'
import { quarterOf } from '../shared/calendar.js'
import { boardName, buildBoardSection, type BoardRecord } from './board-report.js'

type ActionRecord = BoardRecord['actions'][number]
const action = (
  id: number,
  meeting_id: number,
  decision_id: number | null,
  due_on: string,
  close: ['done' | 'dropped', string] | null,
  created = '2022-08-10T12:00:00Z',
): ActionRecord => ({
  id,
  meeting_id,
  decision_id,
  text: `Action ${id}`,
  owner: `Owner ${id}`,
  due_on,
  outcome: close?.[0] ?? null,
  closed_on: close?.[1] ?? null,
  progress: '',
  created_at: new Date(created),
})

const record: BoardRecord = {
  board: { name: 'Children’s Services Improvement Board', chair_title: 'Independent chair' },
  meetings: [
    { id: 3, held_on: '2023-02-16', title: 'Improvement Board', present: 6, apologies: 2 },
    { id: 1, held_on: '2022-08-10', title: 'Improvement Board', present: 6, apologies: 1 },
    { id: 2, held_on: '2022-11-17', title: 'Improvement Board', present: 7, apologies: 1 },
  ],
  decisions: [
    { id: 11, meeting_id: 1, position: 1, text: 'Earlier, with an action still open', report_quarter_start: null },
    { id: 12, meeting_id: 1, position: 2, text: 'Earlier, all done before the quarter', report_quarter_start: null },
    { id: 21, meeting_id: 2, position: 1, text: 'Agreed the workforce targets', report_quarter_start: '2022-07-01' },
    { id: 22, meeting_id: 2, position: 2, text: 'Asked partners for data', report_quarter_start: '2022-07-01' },
    { id: 23, meeting_id: 2, position: 3, text: 'Noted the new strand', report_quarter_start: null },
    { id: 31, meeting_id: 3, position: 1, text: 'Later', report_quarter_start: '2022-10-01' },
  ],
  actions: [
    action(1, 1, 11, '2022-09-30', ['done', '2023-01-10']),
    action(2, 1, 12, '2022-09-01', ['done', '2022-08-30']),
    action(3, 2, 21, '2022-12-09', ['done', '2022-12-05'], '2022-11-17T18:00:00Z'),
    action(4, 2, 21, '2023-02-16', null, '2022-11-17T18:00:00Z'),
    action(5, 2, 22, '2022-11-30', ['done', '2023-01-20'], '2022-11-17T18:00:00Z'),
    // Entered in January, after the day the Q3 report reads as at.
    action(6, 2, 22, '2022-12-15', null, '2023-01-05T10:00:00Z'),
    action(7, 3, 31, '2023-03-01', null, '2023-02-16T18:00:00Z'),
    action(8, 1, null, '2022-10-31', ['dropped', '2022-10-05']),
  ],
}

describe('the report’s Board section', () => {
  it('shows the quarter’s meetings, their decisions and earlier ones still open, and the action log as at the day', () => {
    const section = buildBoardSection(record, quarterOf('2022-10-01'), '2022-12-31')
    assert.ok(section)
    assert.equal(section.boardName, 'Children’s Services Improvement Board, chaired by the independent chair')
    assert.deepEqual(section.meetings, [{ heldOn: '2022-11-17', title: 'Improvement Board', present: 7, apologies: 1 }])
    assert.deepEqual(
      section.decisions.map((d) => [d.id, d.takenOn, d.outcome, d.outcomeText, d.actions.map((a) => a.id)]),
      [
        // 11: from an earlier meeting, its action open when the quarter began (closed only on 10 January).
        [11, null, 'overdue', '1 overdue', [1]],
        [21, 'Q2 2022/23 report', 'in-progress', '1 open, 1 done', [3, 4]],
        // Action 6 was entered after the day read, so it is not there.
        [22, 'Q2 2022/23 report', 'overdue', '1 overdue', [5]],
        [23, null, 'no-action', 'No action was set', []],
      ],
    )
    assert.deepEqual(
      section.actions.map((a) => [a.id, a.state, a.stateText, a.carriedForward]),
      [
        // 30 September to 31 December: 92 days.
        [1, 'overdue', 'Overdue by 92 days', true],
        [8, 'dropped', 'Dropped on 5 October 2022', false],
        [5, 'overdue', 'Overdue by 31 days', false],
        [3, 'done', 'Done on 5 December 2022', false],
        [4, 'open', 'Open, due 16 February 2023', false],
      ],
    )
    const first = section.actions[0]!
    assert.equal(first.raisedAt, 'Improvement Board, 10 August 2022')
    assert.equal(first.raisedOn, '2022-08-10')
    assert.equal(first.owner, 'Owner 1')
    assert.deepEqual(section.counts, { open: 1, overdue: 2, closedInQuarter: 2 })
  })

  it('shows in the next report what became of the decisions', () => {
    const section = buildBoardSection(record, quarterOf('2023-01-01'), '2023-03-31')
    assert.ok(section)
    assert.deepEqual(
      section.meetings.map((m) => m.heldOn),
      ['2023-02-16'],
    )
    assert.deepEqual(
      section.decisions.map((d) => [d.id, d.outcome, d.actions.map((a) => [a.id, a.state])]),
      [
        [11, 'done', [[1, 'done']]],
        // Due 16 February, still open on 31 March.
        [
          21,
          'overdue',
          [
            [3, 'done'],
            [4, 'overdue'],
          ],
        ],
        [
          22,
          'overdue',
          [
            [5, 'done'],
            [6, 'overdue'],
          ],
        ],
        [31, 'overdue', [[7, 'overdue']]],
      ],
    )
    assert.deepEqual(section.counts, { open: 0, overdue: 3, closedInQuarter: 2 })
    assert.deepEqual(
      section.actions.filter((a) => a.carriedForward).map((a) => a.id),
      [6, 4],
      'raised before the February meeting and still open at it',
    )
  })

  it('reads a day mid-quarter, leaving out later meetings', () => {
    const section = buildBoardSection(record, quarterOf('2022-10-01'), '2022-11-01')
    assert.ok(section)
    assert.deepEqual(section.meetings, [])
    assert.deepEqual(
      section.decisions.map((d) => d.id),
      [11],
    )
    assert.deepEqual(section.counts, { open: 0, overdue: 1, closedInQuarter: 1 })
  })

  it('is null with no Board and no meetings, and names a Board without a record of its own plainly', () => {
    assert.equal(
      buildBoardSection(
        { board: null, meetings: [], decisions: [], actions: [] },
        quarterOf('2022-10-01'),
        '2022-12-31',
      ),
      null,
    )
    const boardOnly = buildBoardSection(
      {
        board: { name: 'Improvement Board', chair_title: 'DfE Commissioner' },
        meetings: [],
        decisions: [],
        actions: [],
      },
      quarterOf('2022-10-01'),
      '2022-12-31',
    )
    assert.deepEqual(boardOnly, {
      boardName: 'Improvement Board, chaired by the DfE Commissioner',
      meetings: [],
      decisions: [],
      actions: [],
      counts: { open: 0, overdue: 0, closedInQuarter: 0 },
    })
    assert.equal(boardName(null), 'Improvement Board')
  })
})

describe('the report’s Board section as HTML', () => {
  const env = configureNunjucks()
  const render = (section: unknown, isPublic: boolean) =>
    env.renderString(
      '{% from "governance/views/board-report-section.njk" import boardReportSection %}{{ boardReportSection({ section: section, public: public }) }}',
      { section, public: isPublic },
    )

  it('shows decisions with what became of them and the action log with states; the public edition has no owners', () => {
    const section = buildBoardSection(record, quarterOf('2022-10-01'), '2022-12-31')
    const html = render(section, false)
    assert.match(html, /<h2 class="govuk-heading-l" id="board">The Board’s decisions and actions<\/h2>/)
    assert.match(html, /Improvement Board, 17 November 2022: 7 present, 1 sent apologies/)
    assert.match(
      html,
      /Agreed the workforce targets[\s\S]*?Action 4: Open, due 16 February 2023[\s\S]*?Q2 2022\/23 report[\s\S]*?In progress<\/strong><br><span class="govuk-body-s">1 open, 1 done<\/span>/,
    )
    assert.match(html, /<th scope="col" class="govuk-table__header">Owner<\/th>/)
    assert.match(html, /Owner 5/)
    assert.match(html, /Action 1<br><span class="govuk-body-s">Carried forward/)
    const publicHtml = render(section, true)
    assert.doesNotMatch(publicHtml, /Owner/)
    assert.match(publicHtml, /Overdue by 31 days/)
  })

  it('says plainly when the Board did not meet and nothing was decided', () => {
    const html = render(
      buildBoardSection(
        { ...record, meetings: record.meetings.slice(0, 0), decisions: [], actions: [], board: record.board },
        quarterOf('2022-10-01'),
        '2022-12-31',
      ),
      false,
    )
    assert.match(html, /The Board did not meet in this quarter\./)
    assert.match(html, /No decisions to report/)
    assert.match(html, /No actions open, and none closed in the quarter\./)
  })
})
