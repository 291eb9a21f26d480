// The rules of the risk and issue register and of the improvement resources, with no database: a score on
// the 5x5 matrix and its level, the assessment in force on a day and the trend against the one before, the
// matrix of open items, whether an item is open on a day, and the resource figures of a financial year.
// The register's pages, its CSV and the report's section all call these.
import { addDays, financialYearLabel, nextPeriod, quarterOf } from '../shared/calendar.js'
import { formatDate } from '../shared/dates.js'
import { readNumber } from '../shared/numbers.js'
import { formatNumber, roundTo } from '../shared/units.js'
import { RISK_LEVELS, type RiskLevel, type RiskTrend } from './report-sections.js'

// ---------------------------------------------------------------------------------------------------------
// Scores and levels
// ---------------------------------------------------------------------------------------------------------

/** The 1 to 5 scales, in words, as the forms and the matrix show them. */
export const LIKELIHOOD_LABELS: Record<number, string> = {
  1: 'Rare',
  2: 'Unlikely',
  3: 'Possible',
  4: 'Likely',
  5: 'Almost certain',
}
export const IMPACT_LABELS: Record<number, string> = {
  1: 'Minimal',
  2: 'Minor',
  3: 'Significant',
  4: 'Major',
  5: 'Severe',
}

export const RISK_LEVEL_LABELS: Record<RiskLevel, string> = {
  low: 'Low',
  moderate: 'Moderate',
  high: 'High',
  extreme: 'Extreme',
}

/** GOV.UK tag colours by level; the tag's text always names the level too. */
export const RISK_LEVEL_TAG_CLASSES: Record<RiskLevel, string> = {
  low: 'govuk-tag--green',
  moderate: 'govuk-tag--yellow',
  high: 'govuk-tag--orange',
  extreme: 'govuk-tag--red',
}

/** True for a whole number from 1 to 5: a likelihood or an impact. */
export function isRating(value: number): boolean {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5
}

/** Likelihood x impact, each a whole number from 1 to 5; anything else is refused. */
export function riskScore(likelihood: number, impact: number): number {
  if (!isRating(likelihood)) throw new RangeError(`Likelihood must be a whole number from 1 to 5, not ${likelihood}`)
  if (!isRating(impact)) throw new RangeError(`Impact must be a whole number from 1 to 5, not ${impact}`)
  return likelihood * impact
}

/**
 * The level of a score on the 5x5 matrix: 1-3 low, 4-6 moderate, 8-12 high, 15-25 extreme. Only the products
 * of two ratings are scores (7, 11, 13, 14 and the like never are) and anything else is refused.
 */
export function riskLevel(score: number): RiskLevel {
  if (!Number.isInteger(score) || score < 1 || score > 25 || !isProduct(score))
    throw new RangeError(`${score} is not a score on the 5x5 matrix`)
  if (score <= 3) return 'low'
  if (score <= 6) return 'moderate'
  if (score <= 12) return 'high'
  return 'extreme'
}

function isProduct(score: number): boolean {
  for (let l = 1; l <= 5; l++) if (score % l === 0 && score / l <= 5) return true
  return false
}

/** The level's rank (low 0 .. extreme 3), for sorting. */
export function levelRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level)
}

// ---------------------------------------------------------------------------------------------------------
// Assessments: the one in force on a day, and the trend against the one before
// ---------------------------------------------------------------------------------------------------------

export interface AssessmentLike {
  id: number
  assessed_on: string
  likelihood: number
  impact: number
}

/** Oldest first: by date assessed, then by id (the later record wins a tie). */
function byRecordOrder(a: AssessmentLike, b: AssessmentLike): number {
  return a.assessed_on < b.assessed_on ? -1 : a.assessed_on > b.assessed_on ? 1 : a.id - b.id
}

/** The assessment in force on `day`: the latest assessed on or before it (ties by id); undefined if none. */
export function assessmentInForce<A extends AssessmentLike>(assessments: readonly A[], day: string): A | undefined {
  let found: A | undefined
  for (const a of assessments) {
    if (a.assessed_on > day) continue
    if (!found || byRecordOrder(a, found) > 0) found = a
  }
  return found
}

/** The assessment recorded just before `current` (by date assessed, then id); undefined for the first. */
export function assessmentBefore<A extends AssessmentLike>(assessments: readonly A[], current: A): A | undefined {
  let found: A | undefined
  for (const a of assessments) {
    if (byRecordOrder(a, current) >= 0) continue
    if (!found || byRecordOrder(a, found) > 0) found = a
  }
  return found
}

export interface Scored<A extends AssessmentLike> {
  current: A
  previous: A | undefined
  likelihood: number
  impact: number
  score: number
  level: RiskLevel
  trend: RiskTrend
  /** What the trend is compared with, in words: "Up from 9 (2 March 2026)". */
  trendText: string
}

/** The trend of `current` against `previous`, in words that say what it is compared with. */
export function riskTrend(
  current: AssessmentLike,
  previous: AssessmentLike | undefined,
): { trend: RiskTrend; trendText: string } {
  const now = riskScore(current.likelihood, current.impact)
  if (!previous) return { trend: 'new', trendText: `New (first assessed ${formatDate(current.assessed_on)})` }
  const before = riskScore(previous.likelihood, previous.impact)
  const when = formatDate(previous.assessed_on)
  if (now > before) return { trend: 'up', trendText: `Up from ${before} (${when})` }
  if (now < before) return { trend: 'down', trendText: `Down from ${before} (${when})` }
  return { trend: 'same', trendText: `No change from ${before} (${when})` }
}

/** An item's score on `day`: the assessment in force then, its level and its trend; undefined if not yet assessed. */
export function scoreOn<A extends AssessmentLike>(assessments: readonly A[], day: string): Scored<A> | undefined {
  const current = assessmentInForce(assessments, day)
  if (!current) return undefined
  const previous = assessmentBefore(assessments, current)
  const score = riskScore(current.likelihood, current.impact)
  return {
    current,
    previous,
    likelihood: current.likelihood,
    impact: current.impact,
    score,
    level: riskLevel(score),
    ...riskTrend(current, previous),
  }
}

export const RISK_TREND_LABELS: Record<RiskTrend, string> = {
  new: 'New',
  up: 'Up',
  down: 'Down',
  same: 'No change',
}

// ---------------------------------------------------------------------------------------------------------
// Open items and the matrix
// ---------------------------------------------------------------------------------------------------------

/** Open on `day`: opened on or before it, and not closed, or closed after it. */
export function isOpenOn(item: { opened_on: string; closed_on: string | null }, day: string): boolean {
  return item.opened_on <= day && (item.closed_on === null || item.closed_on > day)
}

/** The matrix's rows (likelihood, 5 down to 1) and columns (impact, 1 to 5). */
export const MATRIX_LIKELIHOODS = [5, 4, 3, 2, 1] as const
export const MATRIX_IMPACTS = [1, 2, 3, 4, 5] as const

/** Counts of items by likelihood (rows, 5 down to 1) and impact (columns, 1 to 5): matrix[5 - L][I - 1]. */
export function riskMatrix(items: ReadonlyArray<{ likelihood: number; impact: number }>): number[][] {
  const matrix = MATRIX_LIKELIHOODS.map(() => MATRIX_IMPACTS.map(() => 0))
  for (const item of items) {
    riskScore(item.likelihood, item.impact)
    matrix[5 - item.likelihood]![item.impact - 1]! += 1
  }
  return matrix
}

export interface MatrixCell {
  likelihood: number
  impact: number
  score: number
  level: RiskLevel
  count: number
}

/** The matrix as a page draws it: each row's likelihood, and each cell's score, level and count. */
export function matrixRows(matrix: number[][]): Array<{ likelihood: number; cells: MatrixCell[] }> {
  return MATRIX_LIKELIHOODS.map((likelihood) => ({
    likelihood,
    cells: MATRIX_IMPACTS.map((impact) => {
      const score = likelihood * impact
      return { likelihood, impact, score, level: riskLevel(score), count: matrix[5 - likelihood]?.[impact - 1] ?? 0 }
    }),
  }))
}

// ---------------------------------------------------------------------------------------------------------
// Resources
// ---------------------------------------------------------------------------------------------------------

export interface ResourceFigures {
  quarterStart: string
  programmeBudget: number
  programmeSpend: number
  agencySpend: number
  fteFunded: number
  fteInPost: number
  note: string
}

/** True for the first day of a financial quarter (1 April, 1 July, 1 October, 1 January), as yyyy-mm-dd. */
export function isQuarterStart(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-01$/.exec(value)
  if (!match) return false
  const year = Number(match[1])
  return year >= 2000 && year <= 2100 && ['01', '04', '07', '10'].includes(match[2]!)
}

export interface FinancialYear {
  /** 1 April of its first year. */
  start: string
  /** 31 March of the next. */
  end: string
  /** "2022/23" */
  label: string
  /** Its four quarters, oldest first. */
  quarters: string[]
}

/** The financial year (April to March) that contains `date`. */
export function financialYearOf(date: string): FinancialYear {
  const year = Number(date.slice(0, 4))
  const startYear = Number(date.slice(5, 7)) >= 4 ? year : year - 1
  const start = `${startYear}-04-01`
  const quarters = [start]
  for (let i = 1; i < 4; i++) quarters.push(nextPeriod(quarters[i - 1]!, 'quarterly'))
  return { start, end: `${startYear + 1}-03-31`, label: financialYearLabel(startYear), quarters }
}

/** The financial year before the one that contains `date`. */
export function previousFinancialYear(date: string): FinancialYear {
  return financialYearOf(addDays(financialYearOf(date).start, -1))
}

export interface YearToDate {
  /** "Q1 to Q3 2022/23", or "Q1 2022/23" for the first quarter alone. */
  label: string
  /** Quarters with figures recorded, of those from the year's start to the quarter. */
  quartersRecorded: number
  quartersElapsed: number
  programmeBudget: number
  programmeSpend: number
  agencySpend: number
}

/**
 * The financial year's totals from its first quarter to the one starting `quarterStart`, over the quarters
 * with figures recorded; null when none is. Money sums to the penny.
 */
export function yearToDate(rows: readonly ResourceFigures[], quarterStart: string): YearToDate | null {
  const year = financialYearOf(quarterStart)
  const quarters = year.quarters.filter((q) => q <= quarterOf(quarterStart).start)
  const inYear = rows.filter((r) => quarters.includes(r.quarterStart))
  if (inYear.length === 0) return null
  const sum = (pick: (r: ResourceFigures) => number) =>
    roundTo(
      inYear.reduce((total, r) => total + pick(r), 0),
      2,
    )
  const last = quarterOf(quarterStart).label.split(' ')[0]!
  return {
    label: quarters.length === 1 ? `Q1 ${year.label}` : `Q1 to ${last} ${year.label}`,
    quartersRecorded: inYear.length,
    quartersElapsed: quarters.length,
    programmeBudget: sum((r) => r.programmeBudget),
    programmeSpend: sum((r) => r.programmeSpend),
    agencySpend: sum((r) => r.agencySpend),
  }
}

/** Spend as a percentage of budget, to one decimal place; null when there is no budget to compare with. */
export function spendShare(spend: number, budget: number): number | null {
  if (budget <= 0) return null
  return roundTo((spend / budget) * 100, 1)
}

/** Posts funded but not filled, in FTE to one decimal place (negative when more are in post than funded). */
export function vacancy(funded: number, inPost: number): number {
  return roundTo(funded - inPost, 1)
}

/** Pounds as people read them: "£1,250,000", or with pence when there are any, "£1,250.50". */
export function formatPounds(value: number): string {
  const sign = value < 0 ? '-' : ''
  const size = Math.abs(value)
  return `${sign}£${formatNumber(size, Number.isInteger(roundTo(size, 2)) ? 0 : 2)}`
}

/** "12.5" FTE, always with one decimal place. */
export function formatFte(value: number): string {
  return formatNumber(value, 1)
}

/** Spend as a share of budget in words: "82.4%", or "No budget" when there is none. */
export function formatShare(share: number | null): string {
  return share === null ? 'No budget' : `${formatNumber(share, 1)}%`
}

/** A vacancy in words: "2.5", or "None" (and how many over, if more are in post than funded). */
export function vacancyText(value: number): string {
  if (value > 0) return formatFte(value)
  if (value === 0) return 'None'
  return `None (${formatFte(-value)} over)`
}

const MAX_POUNDS = 999_999_999_999.99
const MAX_FTE = 99_999.9

export type Reading = { ok: true; value: number } | { ok: false; message: string }

/**
 * A figure typed into the resources form: pounds (`places` 2) or FTE (`places` 1), not negative, with no more
 * decimal places than that. The message names the field and says why it was refused.
 */
export function readFigure(raw: string, label: string, kind: 'pounds' | 'fte'): Reading {
  const places = kind === 'pounds' ? 2 : 1
  const example = kind === 'pounds' ? 'like 125000 or 125,000.50' : 'like 12 or 12.5'
  const name = label.charAt(0).toUpperCase() + label.slice(1)
  if (raw.trim() === '') return { ok: false, message: `Enter the ${label}, or 0 if there is none` }
  const read = readNumber(raw)
  if (!read.ok || raw.includes('%') || (kind === 'fte' && raw.includes('£')))
    return { ok: false, message: `${name} must be a number, ${example}` }
  if (read.value < 0) return { ok: false, message: `${name} cannot be negative` }
  const decimals = /\.(\d+)/.exec(raw.trim().replace(/,/g, ''))?.[1]?.length ?? 0
  if (decimals > places)
    return {
      ok: false,
      message:
        kind === 'pounds'
          ? `${name} must be in pounds and pence, with no more than 2 decimal places`
          : `${name} must have no more than 1 decimal place, ${example}`,
    }
  if (read.value > (kind === 'pounds' ? MAX_POUNDS : MAX_FTE)) return { ok: false, message: `${name} is too large` }
  return { ok: true, value: read.value }
}
