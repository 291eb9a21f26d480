// Case-file audits, the pure rules: what a case reference may be (never a name or a date of birth), the overall
// grade after moderation, the percentage good or better (one function for the page, the report, the CSV and
// the measure), by domain, and its trend between consecutive rounds in percentage points.
import type { AuditGrade, ModerationOutcome, ServiceArea } from '../db/database.js'
import { formatNumber } from '../shared/units.js'

export const GRADE_LABELS: Record<AuditGrade, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  'requires-improvement': 'Requires improvement to be good',
  inadequate: 'Inadequate',
}

export const SERVICE_AREA_LABELS: Record<ServiceArea, string> = {
  'front-door': 'Front door',
  assessment: 'Assessment',
  'child-in-need': 'Child in need',
  'child-protection': 'Child protection',
  'children-in-care': 'Children in care',
  'care-leavers': 'Care leavers',
  'disabled-children': 'Disabled children',
  'early-help': 'Early help',
}

export const MODERATION_LABELS: Record<ModerationOutcome, string> = {
  'not-moderated': 'Not moderated',
  agreed: 'Agreed',
  raised: 'Grade raised',
  lowered: 'Grade lowered',
}

export const ROUND_STATUS_LABELS = { open: 'Open', closed: 'Moderated and closed' } as const

/** The domains every case is graded in, in the order pages show them; overall is the one the measure uses. */
export const DOMAINS = [
  { key: 'voice', column: 'grade_voice', label: 'The child’s voice' },
  { key: 'assessment', column: 'grade_assessment', label: 'Assessment' },
  { key: 'planning', column: 'grade_planning', label: 'Planning' },
  { key: 'oversight', column: 'grade_oversight', label: 'Management oversight' },
  { key: 'overall', column: 'grade_overall', label: 'Overall (after moderation)' },
] as const
export type DomainKey = (typeof DOMAINS)[number]['key']

/** Better grades first: outstanding is 0, inadequate 3. */
export const GRADE_RANK: Record<AuditGrade, number> = {
  outstanding: 0,
  good: 1,
  'requires-improvement': 2,
  inadequate: 3,
}

export function isGoodOrBetter(grade: AuditGrade): boolean {
  return grade === 'outstanding' || grade === 'good'
}

// ---------------------------------------------------------------------------------------------------------
// The case reference: a case number, never a name or a date of birth
// ---------------------------------------------------------------------------------------------------------

export const REFERENCE_HINT =
  'The case number from the case recording system: letters, digits and hyphens only, like NF-204518. Never a name or a date of birth.'

const INSTEAD =
  'enter the case number from the case recording system instead, using letters, digits and hyphens only, like NF-204518'

export const REFERENCE_MESSAGES = {
  empty: 'Enter the case reference: the case number from the case recording system, like NF-204518',
  tooLong: 'The case reference must be 30 characters or fewer',
  dateOfBirth: `The case reference looks like it contains a date of birth. Do not enter dates of birth: ${INSTEAD}`,
  name: `The case reference looks like a person’s name. Do not enter names: ${INSTEAD}`,
  format: `The case reference must be a case number, with at least one digit and only letters, digits and hyphens: ${INSTEAD}`,
} as const

const MONTHS =
  'jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december'

/** A day and month that could be a real date (1-31, 1-12). */
function dayMonth(day: string, month: string): boolean {
  const d = Number(day)
  const m = Number(month)
  return d >= 1 && d <= 31 && m >= 1 && m <= 12
}

/**
 * True when the text holds something like a date of birth: the words DOB, D.O.B., born or "date of birth";
 * a numeric date day-month-year (12/03/2015, 12.03.15, 12-3-2015) or year-month-day (2015-03-12, 2015/3/12);
 * or a date with a month's name (12 March 2015, 12th Mar 15, March 12 2015).
 */
export function looksLikeDateOfBirth(text: string): boolean {
  const t = text.toLowerCase()
  if (/\bd\.?\s?o\.?\s?b\b/.test(t) || /\bborn\b/.test(t) || /date\s+of\s+birth/.test(t)) return true
  for (const m of t.matchAll(/(?<!\d)(\d{1,2})\s*[/.\-\\]\s*(\d{1,2})\s*[/.\-\\]\s*(\d{2}|\d{4})(?!\d)/g))
    if (dayMonth(m[1]!, m[2]!) || dayMonth(m[2]!, m[1]!)) return true
  for (const m of t.matchAll(/(?<!\d)(\d{4})\s*[/.\-\\]\s*(\d{1,2})\s*[/.\-\\]\s*(\d{1,2})(?!\d)/g))
    if (dayMonth(m[3]!, m[2]!)) return true
  const named = new RegExp(
    `(?<![a-z0-9])(\\d{1,2})(st|nd|rd|th)?[\\s\\-/.]*(${MONTHS})[\\s\\-/.,]*(\\d{2}|\\d{4})(?!\\d)|(?<![a-z])(${MONTHS})[\\s\\-/.]*(\\d{1,2})(st|nd|rd|th)?[\\s\\-/.,]+(\\d{4})(?!\\d)`,
  )
  return named.test(t)
}

/**
 * True when the text looks like a person's name: two or more words of letters (hyphens and apostrophes
 * allowed, as in Mary-Jane O'Neil), like "Jane Smith", "Smith, Jane" or "jane smith"; or one capitalised word
 * of letters ("Smith"). A reference of letters only in capitals ("ABC") is refused as having no case number.
 */
export function looksLikeName(text: string): boolean {
  const t = text.trim()
  const word = "[A-Z][A-Za-z'’\\-]*"
  if (new RegExp(`^(${word})([\\s,.]+${word})+\\.?$`).test(t)) return true
  // "Jane smith", "jane smith", "JANE SMITH": two or more words of letters only, in any case.
  if (/^[A-Za-z'’-]+([\s,]+[A-Za-z'’-]+)+$/.test(t)) return true
  // One capitalised word of letters, like "Smith" or "O'Neil".
  return /^[A-Z][a-z'’-]+$/.test(t)
}

/**
 * Why a case reference is refused, or null when it is a case number: letters, digits and hyphens, at least
 * one digit, at most 30 characters, and nothing like a date of birth or a name. The date of birth is checked
 * first (so "Jane Smith 12/03/2015" is refused as a date of birth, the graver of the two), then the name.
 */
export function referenceProblem(input: string): string | null {
  const text = input.trim()
  if (!text) return REFERENCE_MESSAGES.empty
  if (looksLikeDateOfBirth(text)) return REFERENCE_MESSAGES.dateOfBirth
  if (looksLikeName(text)) return REFERENCE_MESSAGES.name
  if (text.length > 30) return REFERENCE_MESSAGES.tooLong
  if (!/^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$/.test(text) || !/\d/.test(text)) return REFERENCE_MESSAGES.format
  return null
}

// ---------------------------------------------------------------------------------------------------------
// Grades and percentages
// ---------------------------------------------------------------------------------------------------------

export interface GradedCase {
  grade_voice: AuditGrade
  grade_assessment: AuditGrade
  grade_planning: AuditGrade
  grade_oversight: AuditGrade
  grade_overall: AuditGrade
  moderation: ModerationOutcome
  moderated_overall: AuditGrade | null
}

/** The overall grade after moderation: the moderated grade where moderation raised or lowered it. */
export function finalOverall(c: Pick<GradedCase, 'grade_overall' | 'moderation' | 'moderated_overall'>): AuditGrade {
  return (c.moderation === 'raised' || c.moderation === 'lowered') && c.moderated_overall
    ? c.moderated_overall
    : c.grade_overall
}

/** A case's grade in a domain; overall is the grade after moderation. */
export function gradeIn(c: GradedCase, domain: DomainKey): AuditGrade {
  if (domain === 'overall') return finalOverall(c)
  return c[`grade_${domain}`]
}

export interface GoodOrBetter {
  /** Cases graded outstanding or good. */
  good: number
  /** Cases graded. */
  graded: number
  /** 100 x good / graded, unrounded; null when nothing is graded. */
  percent: number | null
}

/** The percentage good or better: outstanding and good over the cases graded. */
export function percentGoodOrBetter(grades: readonly AuditGrade[]): GoodOrBetter {
  const good = grades.filter(isGoodOrBetter).length
  return { good, graded: grades.length, percent: grades.length ? (100 * good) / grades.length : null }
}

/** The percentage good or better in each domain (overall after moderation). */
export function byDomain(cases: readonly GradedCase[]): Array<{ key: DomainKey; label: string } & GoodOrBetter> {
  return DOMAINS.map((d) => ({
    key: d.key,
    label: d.label,
    ...percentGoodOrBetter(cases.map((c) => gradeIn(c, d.key))),
  }))
}

/** A round's figure as the measure stores it: one decimal place. */
export function measureValue(p: GoodOrBetter): number | null {
  return p.percent === null ? null : Math.round(p.percent * 10) / 10
}

/** "62.5%", or "No cases graded". */
export function percentText(percent: number | null): string {
  return percent === null ? 'No cases graded' : `${formatNumber(percent, 1)}%`
}

/** How moderation went: how many cases were moderated and how many of those changed grade. */
export function moderationSummary(cases: readonly Pick<GradedCase, 'moderation'>[]) {
  const moderated = cases.filter((c) => c.moderation !== 'not-moderated').length
  const raised = cases.filter((c) => c.moderation === 'raised').length
  const lowered = cases.filter((c) => c.moderation === 'lowered').length
  return { moderated, agreed: moderated - raised - lowered, raised, lowered }
}

// ---------------------------------------------------------------------------------------------------------
// The trend across rounds
// ---------------------------------------------------------------------------------------------------------

export interface RoundFigure {
  id: number
  title: string
  /** The month audited (yyyy-mm-01). */
  auditMonth: string
  percent: number | null
}

export interface RoundChange {
  from: RoundFigure
  to: RoundFigure
  /** Percentage points, to one decimal place; null when either round has nothing graded. */
  points: number | null
  text: string
}

function monthName(month: string): string {
  return new Date(`${month}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
}

/** "March 2026 (Round title)". */
export function roundName(r: Pick<RoundFigure, 'title' | 'auditMonth'>): string {
  return `${monthName(r.auditMonth)} (${r.title})`
}

/**
 * The change in the percentage good or better between each pair of consecutive rounds (by month audited),
 * in percentage points from the unrounded percentages, then rounded to one decimal place; each names both.
 */
export function roundTrend(rounds: readonly RoundFigure[]): RoundChange[] {
  const sorted = [...rounds].sort((a, b) => a.auditMonth.localeCompare(b.auditMonth) || a.id - b.id)
  const out: RoundChange[] = []
  for (let i = 1; i < sorted.length; i++) {
    const from = sorted[i - 1]!
    const to = sorted[i]!
    const points =
      from.percent === null || to.percent === null ? null : Math.round((to.percent - from.percent) * 10) / 10
    out.push({ from, to, points, text: changeText(points, from, to) })
  }
  return out
}

/** "Up 8.3 percentage points from March 2026 (A) to April 2026 (B)", "No change ...", or why there is none. */
export function changeText(points: number | null, from: RoundFigure, to: RoundFigure): string {
  const between = `from ${roundName(from)} to ${roundName(to)}`
  if (points === null) return `No change can be worked out ${between}: a round has no cases graded`
  if (points === 0) return `No change ${between}`
  const size = formatNumber(Math.abs(points), 1)
  return `${points > 0 ? 'Up' : 'Down'} ${size} percentage point${Math.abs(points) === 1 ? '' : 's'} ${between}`
}
