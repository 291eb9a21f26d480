// The Board's part of a quarterly report: decisions and the action log as at the day the report reads as at.
// buildBoardSection is the rule, with no database; loadBoardSection feeds it. What was recorded after the day
// read (an action added later) is left out, and every action's state is read on that day from its dates, so a
// past report shows what was true and known then.
import type { DbOrTx } from '../db/connect.js'
import type { ActionOutcome } from '../db/database.js'
import { addDays, type Quarter } from '../shared/calendar.js'
import { formatDate, todayIso } from '../shared/dates.js'
import { boardRecord } from './action-repository.js'
import { actionStateOn, actionStateText, decisionOutcome, decisionOutcomeText, isOpenOn } from './action-rules.js'
import { quarterReportLabel } from './labels.js'
import type { BoardActionRow, BoardDecisionRow, BoardSection } from './report-sections.js'

export interface BoardRecord {
  board: { name: string; chair_title: string } | null
  /** Every meeting of the council, with its attendance counts. */
  meetings: ReadonlyArray<{ id: number; held_on: string; title: string; present: number; apologies: number }>
  decisions: ReadonlyArray<{
    id: number
    meeting_id: number
    position: number
    text: string
    /** The first day of the quarter of the report it was taken on. */
    report_quarter_start: string | null
  }>
  actions: ReadonlyArray<{
    id: number
    meeting_id: number
    decision_id: number | null
    text: string
    owner: string
    due_on: string
    outcome: ActionOutcome | null
    closed_on: string | null
    progress: string
    created_at: Date
  }>
}

/** "Children’s Services Improvement Board, chaired by the independent chair". */
export function boardName(board: BoardRecord['board']): string {
  if (!board) return 'Improvement Board'
  const title = /^[A-Z][a-z]+(\s|$)/.test(board.chair_title)
    ? board.chair_title.charAt(0).toLowerCase() + board.chair_title.slice(1)
    : board.chair_title
  return title ? `${board.name}, chaired by the ${title}` : board.name
}

/**
 * The Board section as at `asAt` for `quarter`: the meetings held in the quarter up to that day; their
 * decisions, and those of earlier meetings with actions still open when the quarter began, each with what
 * became of it; the action log (open on the day, or closed in the quarter); and counts. `counts.open` is the
 * actions open and not overdue, `counts.overdue` those overdue: together, every action not yet closed.
 * Null when the council keeps no Board record (no board row and no meetings).
 */
export function buildBoardSection(record: BoardRecord, quarter: Quarter, asAt: string): BoardSection | null {
  if (!record.board && record.meetings.length === 0) return null
  const quarterEnd = asAt < quarter.end ? asAt : quarter.end
  const held = record.meetings
    .filter((m) => m.held_on <= asAt)
    .sort((a, b) => a.held_on.localeCompare(b.held_on) || a.id - b.id)
  const meetingById = new Map(held.map((m) => [m.id, m]))
  const inQuarter = held.filter((m) => m.held_on >= quarter.start && m.held_on <= quarterEnd)
  const latest = held.at(-1) ?? null
  const dayBeforeQuarter = addDays(quarter.start, -1)

  // What was recorded by the day read: raised at a meeting held by then, and entered by then.
  const known = record.actions.filter((a) => meetingById.has(a.meeting_id) && todayIso(a.created_at) <= asAt)
  const closedInQuarter = (a: (typeof known)[number]) =>
    a.closed_on !== null && a.closed_on >= quarter.start && a.closed_on <= asAt
  const byDue = (a: BoardActionRow, b: BoardActionRow) => a.dueOn.localeCompare(b.dueOn) || a.id - b.id

  const rows = new Map<number, BoardActionRow>()
  for (const a of known) {
    const meeting = meetingById.get(a.meeting_id)!
    rows.set(a.id, {
      id: a.id,
      text: a.text,
      owner: a.owner,
      dueOn: a.due_on,
      state: actionStateOn(a, asAt),
      stateText: actionStateText(a, asAt),
      raisedAt: `${meeting.title}, ${formatDate(meeting.held_on)}`,
      raisedOn: meeting.held_on,
      carriedForward: latest !== null && meeting.held_on < latest.held_on && isOpenOn(a, latest.held_on),
      progress: a.progress,
    })
  }

  const actions = known
    .filter((a) => isOpenOn(a, asAt) || closedInQuarter(a))
    .map((a) => rows.get(a.id)!)
    .sort(byDue)

  const quarterMeetingIds = new Set(inQuarter.map((m) => m.id))
  const decisions: BoardDecisionRow[] = []
  for (const d of record.decisions) {
    const meeting = meetingById.get(d.meeting_id)
    if (!meeting) continue
    const own = known.filter((a) => a.decision_id === d.id)
    const fromEarlier = meeting.held_on < quarter.start && own.some((a) => isOpenOn(a, dayBeforeQuarter))
    if (!quarterMeetingIds.has(meeting.id) && !fromEarlier) continue
    const states = own.map((a) => actionStateOn(a, asAt))
    decisions.push({
      id: d.id,
      meetingOn: meeting.held_on,
      meetingTitle: meeting.title,
      text: d.text,
      takenOn: d.report_quarter_start === null ? null : quarterReportLabel(d.report_quarter_start),
      outcome: decisionOutcome(states),
      outcomeText: decisionOutcomeText(states),
      actions: own.map((a) => rows.get(a.id)!).sort(byDue),
    })
  }
  // Oldest meeting first; a meeting's decisions in their order (the record lists them by meeting and position).
  const order = new Map(record.decisions.map((d, i) => [d.id, i]))
  decisions.sort((a, b) => a.meetingOn.localeCompare(b.meetingOn) || order.get(a.id)! - order.get(b.id)!)

  return {
    boardName: boardName(record.board),
    meetings: inQuarter.map((m) => ({
      heldOn: m.held_on,
      title: m.title,
      present: m.present,
      apologies: m.apologies,
    })),
    decisions,
    actions,
    counts: {
      open: actions.filter((a) => a.state === 'open').length,
      overdue: actions.filter((a) => a.state === 'overdue').length,
      closedInQuarter: known.filter(closedInQuarter).length,
    },
  }
}

/** Null when the council keeps no Board record in Turnaround (no board row, no meetings). */
export async function loadBoardSection(
  db: DbOrTx,
  organisationId: number,
  quarter: Quarter,
  asAt: string,
): Promise<BoardSection | null> {
  return buildBoardSection(await boardRecord(db, organisationId), quarter, asAt)
}
