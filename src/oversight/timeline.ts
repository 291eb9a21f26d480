// The council's improvement story on one page: inspections, visits and reviews, the Notice and its
// requirements, Board meetings and their decisions, published reports and closed findings, in date order.
// Building the entries from the records and filtering them are pure, so they are tested without a database.
import type {
  FindingKind,
  InspectionType,
  InterventionKind,
  JudgementDomain,
  OversightEventKind,
  OversightEventState,
  ReportStatus,
} from '../db/database.js'
import { GRADE_LABELS, normaliseGrade } from '../national/ofsted.js'
import { quarterOf } from '../shared/calendar.js'
import { formatDate, todayIso } from '../shared/dates.js'
import { paths } from '../web/paths.js'
import { matchNational, unrecordedNational } from './national-match.js'
import { FINDING_KIND_LABELS, INTERVENTION_KIND_LABELS, eventKindName, eventTitle } from './event-kinds.js'

const P = paths.council

/** Entry types, in the order a day's entries read: what happened to the council, then its response. */
export const TIMELINE_TYPES = [
  'inspection',
  'visit',
  'review',
  'intervention',
  'requirement-due',
  'meeting',
  'decision',
  'report',
  'requirement-met',
  'finding-closed',
] as const
export type TimelineType = (typeof TIMELINE_TYPES)[number]

export const TIMELINE_TYPE_LABELS: Record<TimelineType, string> = {
  inspection: 'Inspection',
  visit: 'Visit',
  review: 'Review',
  intervention: 'Intervention',
  'requirement-due': 'Requirement due',
  meeting: 'Board meeting',
  decision: 'Board decision',
  report: 'Progress report',
  'requirement-met': 'Requirement met',
  'finding-closed': 'Finding closed',
}

/** Plural labels for the filter's checkboxes. */
export const TIMELINE_TYPE_FILTER_LABELS: Record<TimelineType, string> = {
  inspection: 'Inspections',
  visit: 'Visits',
  review: 'Reviews',
  intervention: 'Improvement Notices and Directions',
  'requirement-due': 'Requirements due',
  meeting: 'Board meetings',
  decision: 'Board decisions',
  report: 'Progress reports',
  'requirement-met': 'Requirements met',
  'finding-closed': 'Findings closed',
}

const EVENT_TYPES: Record<OversightEventKind, TimelineType> = {
  inspection: 'inspection',
  jtai: 'inspection',
  'focused-visit': 'visit',
  'monitoring-visit': 'visit',
  'dfe-review': 'review',
  'adviser-review': 'review',
  'commissioner-review': 'review',
}

export const PLANNED = 'Planned'
export const FROM_OFSTED = 'From Ofsted’s published data'

export interface TimelineEntry {
  /** yyyy-mm-dd */
  date: string
  type: TimelineType
  title: string
  /** One line. */
  detail: string
  /** A path inside the service. */
  href: string
  /** Shown as a tag: 'Planned', or that the entry comes from Ofsted's published data. */
  note?: string
}

// What the builder reads: the columns of each record it needs.

export interface TimelineEvent {
  id: number
  kind: OversightEventKind
  inspection_type: InspectionType | null
  title: string
  state: OversightEventState
  starts_on: string
  ends_on: string | null
  national_inspection_id: number | null
  judgements: Partial<Record<JudgementDomain, string>>
}

export interface TimelineNational {
  id: number
  kind: string
  started_on: string
  published_on: string | null
  overall: string | null
}

export interface TimelineIntervention {
  id: number
  kind: InterventionKind
  title: string
  issued_on: string
  issued_by: string
  ended_on: string | null
  ended_note: string
}

export interface TimelineRequirement {
  id: number
  paragraph: string
  title: string
  due_on: string | null
  closed_on: string | null
}

export interface TimelineMeeting {
  id: number
  held_on: string
  title: string
  summary: string
}

export interface TimelineDecision {
  meeting_id: number
  position: number
  text: string
}

export interface TimelineReport {
  id: number
  quarter_start: string
  status: ReportStatus
  revision: number
  published_at: Date | null
  public_at: Date | null
}

export interface TimelineFinding {
  id: number
  kind: FindingKind
  reference: string
  text: string
  closed_on: string | null
}

export interface TimelineSources {
  events: readonly TimelineEvent[]
  national: readonly TimelineNational[]
  interventions: readonly TimelineIntervention[]
  requirements: readonly TimelineRequirement[]
  meetings: readonly TimelineMeeting[]
  decisions: readonly TimelineDecision[]
  reports: readonly TimelineReport[]
  findings: readonly TimelineFinding[]
  /** The day read: a Board meeting after it is a planned one. */
  today?: string
}

/** Text on one line, cut at a word near `max` characters. */
export function oneLine(text: string, max = 160): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= max) return flat
  const cut = flat.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, '')}…`
}

function gradeWords(grade: string | null | undefined): string | null {
  const normal = normaliseGrade(grade ?? undefined)
  return normal ? GRADE_LABELS[normal] : null
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** Parts joined as sentences on one line, without doubling a full stop a part already ends with. */
function sentences(parts: Array<string | null | undefined | false>): string {
  return parts
    .filter((p): p is string => typeof p === 'string')
    .map((p) => p.replace(/[.\s]+$/, ''))
    .filter((p) => p.length > 0)
    .join('. ')
}

/** The national data's kind ('standard inspection', 'monitoring visit', ...) as a timeline type. */
function nationalType(kind: string): TimelineType {
  return kind.includes('visit') ? 'visit' : 'inspection'
}

/** A report's publication day in UK time (a timestamp near midnight belongs to the UK day). */
const ukDay = (at: Date): string => todayIso(at)

/** Every entry of the council's story, in no particular order (sortTimeline orders them). */
export function buildTimeline(slug: string, s: TimelineSources): TimelineEntry[] {
  const entries: TimelineEntry[] = []

  for (const event of s.events) {
    // A titled event says what kind it was in its detail; an untitled one's title already does.
    const kindName = eventKindName(event.kind, event.inspection_type)
    const typeWords = event.title.trim() && !event.title.includes(kindName) ? kindName : null
    const overall =
      event.kind === 'inspection'
        ? gradeWords(event.judgements.overall ?? matchNational(event, s.national)?.overall)
        : null
    const days =
      event.ends_on && event.ends_on !== event.starts_on
        ? `${formatDate(event.starts_on)} to ${formatDate(event.ends_on)}`
        : null
    entries.push({
      date: event.starts_on,
      type: EVENT_TYPES[event.kind],
      title: eventTitle(event),
      detail: sentences([typeWords, days, overall && `Overall judgement: ${overall}`]),
      href: P.oversightEvent(slug, event.id),
      ...(event.state === 'planned' ? { note: PLANNED } : {}),
    })
  }

  for (const n of unrecordedNational(s.events, s.national)) {
    const overall = gradeWords(n.overall)
    entries.push({
      date: n.started_on,
      type: nationalType(n.kind),
      title: capitalise(n.kind),
      detail: sentences([
        overall && `Overall judgement: ${overall}`,
        n.published_on && `Report published ${formatDate(n.published_on)}`,
      ]),
      href: P.inspections(slug),
      note: FROM_OFSTED,
    })
  }

  for (const i of s.interventions) {
    const kind = INTERVENTION_KIND_LABELS[i.kind]
    entries.push({
      date: i.issued_on,
      type: 'intervention',
      title: `${kind} issued by the ${i.issued_by.replace(/^the\s+/i, '')}`,
      detail: oneLine(i.title),
      href: P.intervention(slug, i.id),
    })
    if (i.ended_on) {
      entries.push({
        date: i.ended_on,
        type: 'intervention',
        title: `${kind} ended`,
        detail: oneLine(i.ended_note || i.title),
        href: P.intervention(slug, i.id),
      })
    }
  }

  for (const r of s.requirements) {
    if (r.due_on) {
      entries.push({
        date: r.due_on,
        type: 'requirement-due',
        title: `Requirement ${r.paragraph} due`,
        detail: oneLine(r.title),
        href: P.requirement(slug, r.id),
      })
    }
    if (r.closed_on) {
      entries.push({
        date: r.closed_on,
        type: 'requirement-met',
        title: `Requirement ${r.paragraph} met`,
        detail: oneLine(r.title),
        href: P.requirement(slug, r.id),
      })
    }
  }

  const meetings = new Map(s.meetings.map((m) => [m.id, m]))
  const decisionCounts = new Map<number, number>()
  for (const d of s.decisions) decisionCounts.set(d.meeting_id, (decisionCounts.get(d.meeting_id) ?? 0) + 1)
  for (const m of s.meetings) {
    const count = decisionCounts.get(m.id) ?? 0
    entries.push({
      date: m.held_on,
      type: 'meeting',
      title: m.title,
      detail: sentences([
        m.summary && oneLine(m.summary, 120),
        count === 0 ? 'No decisions recorded' : count === 1 ? '1 decision' : `${count} decisions`,
      ]),
      href: P.boardMeeting(slug, m.id),
      ...(s.today && m.held_on > s.today ? { note: PLANNED } : {}),
    })
  }
  // Decisions in their meeting's order, so a day's decisions read 1, 2, 3 after the meeting.
  const decisions = [...s.decisions].sort((a, b) => a.meeting_id - b.meeting_id || a.position - b.position)
  for (const d of decisions) {
    const meeting = meetings.get(d.meeting_id)
    if (!meeting) continue
    entries.push({
      date: meeting.held_on,
      type: 'decision',
      title: oneLine(d.text),
      detail: `Decision ${d.position} of the ${meeting.title}`,
      href: P.boardMeeting(slug, meeting.id),
    })
  }

  for (const r of s.reports) {
    if ((r.status === 'published' || r.status === 'superseded') && r.published_at) {
      const label = quarterOf(r.quarter_start).label
      entries.push({
        date: ukDay(r.published_at),
        type: 'report',
        title: `${label} progress report published`,
        detail: sentences([
          'Quarterly progress report to the Improvement Board',
          r.revision > 1 && `Revision ${r.revision}, correcting an earlier one`,
          r.status === 'superseded' && 'Later replaced by a correction',
        ]),
        href: P.report(slug, r.id),
      })
    }
    if (r.status === 'published' && r.public_at) {
      const label = quarterOf(r.quarter_start).label
      entries.push({
        date: ukDay(r.public_at),
        type: 'report',
        title: `Public edition of the ${label} report published`,
        detail: 'Anyone can read it without signing in',
        href: paths.publicReport(slug, r.id),
      })
    }
  }

  for (const f of s.findings) {
    if (!f.closed_on) continue
    entries.push({
      date: f.closed_on,
      type: 'finding-closed',
      title: `${FINDING_KIND_LABELS[f.kind]}${f.reference ? ` ${f.reference}` : ''} closed`,
      detail: oneLine(f.text),
      href: P.finding(slug, f.id),
    })
  }

  return entries
}

export type TimelineOrder = 'oldest' | 'newest'

/**
 * Orders entries by date, oldest or newest first. Within a day the order is always the story's order (an
 * inspection before the Notice it led to, a meeting before its decisions, a report before its public
 * edition), whichever way the days run; entries of the same type keep the order they were built in.
 */
export function sortTimeline(entries: readonly TimelineEntry[], order: TimelineOrder = 'oldest'): TimelineEntry[] {
  const rank = (e: TimelineEntry) => TIMELINE_TYPES.indexOf(e.type)
  const direction = order === 'oldest' ? 1 : -1
  return entries
    .map((entry, index) => ({ entry, index }))
    .sort(
      (a, b) =>
        direction * a.entry.date.localeCompare(b.entry.date) || rank(a.entry) - rank(b.entry) || a.index - b.index,
    )
    .map((x) => x.entry)
}

export interface TimelineFilter {
  /** Empty: every type. */
  types: TimelineType[]
  fromYear: number | null
  toYear: number | null
  order: TimelineOrder
}

export const NO_FILTER: TimelineFilter = { types: [], fromYear: null, toYear: null, order: 'oldest' }

export interface FilterProblem {
  field: 'from' | 'to'
  message: string
}

export type ParsedFilter = { filter: TimelineFilter; problems: FilterProblem[] }

const YEAR_MIN = 2000
const YEAR_MAX = 2100

function listOf(value: unknown): string[] {
  if (typeof value === 'string') return [value]
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string')
  return []
}

function parseYear(value: unknown, field: 'from' | 'to', problems: FilterProblem[]): number | null {
  const text = typeof value === 'string' ? value.trim() : ''
  if (text === '') return null
  const words = field === 'from' ? 'The ‘from’ year' : 'The ‘to’ year'
  if (!/^\d{4}$/.test(text)) {
    problems.push({ field, message: `${words} must be a year in 4 digits, like 2018` })
    return null
  }
  const year = Number(text)
  if (year < YEAR_MIN || year > YEAR_MAX) {
    problems.push({ field, message: `${words} must be between ${YEAR_MIN} and ${YEAR_MAX}` })
    return null
  }
  return year
}

/**
 * Reads the filter from a page's query (type, from, to, order). A year that cannot be read is reported and
 * left out of the filter; unknown types (a hand-edited address) are ignored.
 */
export function parseTimelineFilter(query: Record<string, unknown>): ParsedFilter {
  const problems: FilterProblem[] = []
  const types = TIMELINE_TYPES.filter((t) => listOf(query.type).includes(t))
  let fromYear = parseYear(query.from, 'from', problems)
  let toYear = parseYear(query.to, 'to', problems)
  if (fromYear !== null && toYear !== null && toYear < fromYear) {
    problems.push({ field: 'to', message: 'The ‘to’ year must be the same as or after the ‘from’ year' })
    fromYear = null
    toYear = null
  }
  const order: TimelineOrder = query.order === 'newest' ? 'newest' : 'oldest'
  return { filter: { types, fromYear, toYear, order }, problems }
}

/** The entries the filter keeps, in its order. */
export function filterTimeline(entries: readonly TimelineEntry[], filter: TimelineFilter): TimelineEntry[] {
  const kept = entries.filter((e) => {
    const year = Number(e.date.slice(0, 4))
    if (filter.types.length > 0 && !filter.types.includes(e.type)) return false
    if (filter.fromYear !== null && year < filter.fromYear) return false
    if (filter.toYear !== null && year > filter.toYear) return false
    return true
  })
  return sortTimeline(kept, filter.order)
}

/** Consecutive entries grouped by calendar year, in the entries' order. */
export function groupByYear(entries: readonly TimelineEntry[]): Array<{ year: string; entries: TimelineEntry[] }> {
  const groups: Array<{ year: string; entries: TimelineEntry[] }> = []
  for (const entry of entries) {
    const year = entry.date.slice(0, 4)
    const last = groups[groups.length - 1]
    if (last && last.year === year) last.entries.push(entry)
    else groups.push({ year, entries: [entry] })
  }
  return groups
}

export const TIMELINE_CSV_HEADER = ['date', 'type', 'title', 'detail', 'link']

/** The CSV's rows: the same entries as the page, the note folded into the detail, the link a full path. */
export function timelineCsvRows(entries: readonly TimelineEntry[]): string[][] {
  return entries.map((e) => [
    e.date,
    TIMELINE_TYPE_LABELS[e.type],
    e.title,
    e.note ? sentences([e.note, e.detail]) : e.detail,
    e.href,
  ])
}

/** The query string of a filter, for the CSV link and the page's own address. */
export function filterQuery(filter: TimelineFilter): string {
  const q = new URLSearchParams()
  for (const t of filter.types) q.append('type', t)
  if (filter.fromYear !== null) q.set('from', String(filter.fromYear))
  if (filter.toYear !== null) q.set('to', String(filter.toYear))
  if (filter.order !== 'oldest') q.set('order', filter.order)
  return q.toString()
}
