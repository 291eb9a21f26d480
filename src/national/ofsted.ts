// Ofsted inspections of councils' children's services: reading the published files, and the analysis a
// Board asks for: how many councils are at each grade, and how long councils judged inadequate take to
// be judged better.
import { monthsBetween } from '../shared/calendar.js'
import { kaplanMeier, shareByTime, type SurvivalEstimate } from '../shared/kaplan-meier.js'
import type { TableRow } from '../shared/read-table.js'
import type { RowProblem } from './datasets.js'

export const GRADES = ['outstanding', 'good', 'requires improvement', 'inadequate'] as const
export type Grade = (typeof GRADES)[number]

export const GRADE_LABELS: Record<Grade, string> = {
  outstanding: 'Outstanding',
  good: 'Good',
  'requires improvement': 'Requires improvement to be good',
  inadequate: 'Inadequate',
}

/** Lower is better: outstanding 1 ... inadequate 4. */
function gradeRank(grade: string | null): number | null {
  const i = GRADES.indexOf(grade as Grade)
  return i === -1 ? null : i + 1
}

/** "Requires improvement to be good", "requires improvement", "Good" ... to one of GRADES, or null. */
export function normaliseGrade(text: string | undefined): Grade | null {
  const t = (text ?? '').trim().toLowerCase()
  if (t.startsWith('requires improvement')) return 'requires improvement'
  return (GRADES as readonly string[]).includes(t) ? (t as Grade) : null
}

export interface InspectionRow {
  area_code: string
  kind: string
  started_on: string
  published_on: string | null
  overall: Grade | null
  leaders: Grade | null
  help_and_protection: Grade | null
  in_care: Grade | null
  care_leavers: Grade | null
  theme: string | null
  source: string
}

function ukDate(text: string | undefined): string | null {
  const t = (text ?? '').trim()
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t)
  if (m) return `${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{2})$/.exec(t)
  if (m) return `20${m[3]}-${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}`
  if (/^\d{4}-\d{2}-\d{2}$/.test(t)) return t
  return null
}

function kindOf(text: string): string {
  const t = text.trim().toLowerCase()
  if (t.includes('monitoring')) return 'monitoring visit'
  if (t.includes('focused')) return 'focused visit'
  if (t.includes('short')) return 'short inspection'
  return 'standard inspection'
}

/**
 * Turns the rows of one Ofsted file into inspections. `areaFor` maps the file's council code (ONS or DfE
 * 3-digit) to ours; rows for councils we do not know (e.g. since reorganised) are counted as skipped.
 */
export function parseOfstedRows(
  datasetId: string,
  rows: TableRow[],
  areaFor: (code: string) => string | undefined,
): { inspections: InspectionRow[]; problems: RowProblem[]; skipped: number } {
  const inspections: InspectionRow[] = []
  const problems: RowProblem[] = []
  let skipped = 0
  const scrape = datasetId === 'ofsted-ilacs-scrape'
  for (const row of rows) {
    const c = row.cells
    const codeColumn = scrape ? 'la_code' : 'local_authority_area_code'
    const dateColumn = scrape
      ? 'inspection_start_date'
      : datasetId === 'ofsted-in-year'
        ? 'inspection/visit_date'
        : 'inspection_date'
    const area = areaFor((c[codeColumn] ?? '').trim())
    if (!area) {
      skipped++
      continue
    }
    // A few scraped rows lack the start date; their publication date stands in for it.
    const started = ukDate(c[dateColumn]) ?? (scrape ? ukDate(c.publication_date) : null)
    if (!started) {
      problems.push({ row: row.rowNumber, column: dateColumn, reason: `“${c[dateColumn] ?? ''}” is not a date` })
      continue
    }
    const kind = scrape
      ? kindOf(c.inspection_framework ?? '')
      : kindOf(c['inspection/visit_type'] ?? c.inspection_type ?? '')
    inspections.push({
      area_code: area,
      kind,
      started_on: started,
      published_on: ukDate(c.publication_date),
      overall: normaliseGrade(scrape ? c.overall_effectiveness_grade : c.overall_effectiveness),
      leaders: normaliseGrade(
        scrape ? c.impact_of_leaders_grade : c.the_impact_of_leaders_on_social_work_practice_with_children_and_families,
      ),
      help_and_protection: normaliseGrade(
        scrape ? c.help_and_protection_grade : c.the_experiences_and_progress_of_children_who_need_help_and_protection,
      ),
      in_care: normaliseGrade(scrape ? c.in_care_grade : c.the_experiences_and_progress_of_children_in_care),
      care_leavers: normaliseGrade(scrape ? c.care_leavers_grade : c.the_experiences_and_progress_of_care_leavers),
      theme: (c.visit_theme ?? '').trim() || null,
      source: datasetId,
    })
  }
  return { inspections, problems, skipped }
}

export interface JudgedInspection {
  area_code: string
  started_on: string
  published_on: string | null
  overall: string | null
}

export interface ImprovementJourney {
  areaCode: string
  /** When the council was first judged inadequate in this run of inadequate judgements. */
  inadequateOn: string
  /** When it was next judged better, and what it was judged, or null if not yet. */
  improvedOn: string | null
  improvedTo: Grade | null
  /** Whole months from the inadequate judgement to the better one, or to `asOf` if not yet improved. */
  months: number
}

function judgedOn(i: JudgedInspection): string {
  return i.published_on ?? i.started_on
}

/**
 * For every run of inadequate judgements, the time from the first (its publication) to the next better
 * overall judgement. Visits without an overall judgement are ignored.
 */
export function improvementJourneys(inspections: JudgedInspection[], asOf: string): ImprovementJourney[] {
  const byArea = new Map<string, JudgedInspection[]>()
  for (const i of inspections) {
    if (!gradeRank(i.overall)) continue
    byArea.set(i.area_code, [...(byArea.get(i.area_code) ?? []), i])
  }
  const journeys: ImprovementJourney[] = []
  for (const [areaCode, list] of byArea) {
    list.sort((a, b) => a.started_on.localeCompare(b.started_on))
    let openSince: string | null = null
    for (const i of list) {
      if (i.overall === 'inadequate') {
        openSince ??= judgedOn(i)
      } else if (openSince) {
        journeys.push({
          areaCode,
          inadequateOn: openSince,
          improvedOn: judgedOn(i),
          improvedTo: i.overall as Grade,
          months: monthsBetween(openSince, judgedOn(i)),
        })
        openSince = null
      }
    }
    if (openSince)
      journeys.push({
        areaCode,
        inadequateOn: openSince,
        improvedOn: null,
        improvedTo: null,
        months: monthsBetween(openSince, asOf),
      })
  }
  return journeys
}

/** The latest date in the inspection data (a publication, or a start where none is published yet). */
export function dataDate(inspections: JudgedInspection[]): string | null {
  return inspections.reduce<string | null>((latest, i) => {
    const date = judgedOn(i)
    return latest === null || date > latest ? date : latest
  }, null)
}

export interface TimeToImprove {
  /** Kaplan-Meier: councils still inadequate count as still waiting at the data's date (censored). */
  estimate: SurvivalEstimate
  /** The share judged better within each of these numbers of months. */
  within: Array<{ months: number; share: number }>
}

export const IMPROVE_WITHIN_MONTHS = [24, 36, 48]

/** How long councils judged inadequate take to be judged better, counting those still waiting. */
export function timeToImprove(journeys: ImprovementJourney[]): TimeToImprove {
  const estimate = kaplanMeier(journeys.map((j) => ({ time: j.months, event: j.improvedOn !== null })))
  return { estimate, within: IMPROVE_WITHIN_MONTHS.map((months) => ({ months, share: shareByTime(estimate, months) })) }
}

/** The latest overall judgement of each council. */
export function latestJudgements<T extends JudgedInspection>(inspections: T[]): Map<string, T> {
  const latest = new Map<string, T>()
  for (const i of inspections) {
    if (!gradeRank(i.overall)) continue
    const seen = latest.get(i.area_code)
    if (!seen || i.started_on > seen.started_on) latest.set(i.area_code, i)
  }
  return latest
}
