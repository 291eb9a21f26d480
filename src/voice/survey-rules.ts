// The figures of a staff survey, as pure functions used by the pages, the report and the evidence alike:
// the response rate of a round, the respondents to a question and its share favourable, the change between
// two rounds in percentage points and whether it is significant, and which way a question's evidence points.
import { addMonths } from '../shared/calendar.js'

/** The five-point agreement scale, most favourable first. */
export const AGREEMENT_OPTIONS = ['strongly_agree', 'agree', 'neither', 'disagree', 'strongly_disagree'] as const
export type AgreementOption = (typeof AGREEMENT_OPTIONS)[number]

export const AGREEMENT_LABELS: Record<AgreementOption, string> = {
  strongly_agree: 'Strongly agree',
  agree: 'Agree',
  neither: 'Neither agree nor disagree',
  disagree: 'Disagree',
  strongly_disagree: 'Strongly disagree',
}

/** A question's aggregated answers in one round: how many chose each option. */
export type Counts = Record<AgreementOption, number>

/** The share of those invited who responded, as a percentage; null when nobody was invited. */
export function responseRate(invited: number, responded: number): number | null {
  if (invited <= 0) return null
  return (100 * responded) / invited
}

/** Everyone who answered the question, whichever option they chose. */
export function respondents(c: Counts): number {
  return c.strongly_agree + c.agree + c.neither + c.disagree + c.strongly_disagree
}

/** Those who agreed or strongly agreed. */
export function favourable(c: Counts): number {
  return c.strongly_agree + c.agree
}

/** The share favourable (agree plus strongly agree) as a percentage of respondents; null with none. */
export function shareFavourable(c: Counts): number | null {
  const n = respondents(c)
  return n === 0 ? null : (100 * favourable(c)) / n
}

export interface ProportionTest {
  /** Change in the share favourable, later minus earlier, in percentage points. */
  changePoints: number
  /** 'tested' when the counts allow the test; otherwise there were too few responses to test. */
  outcome: 'tested' | 'too-few'
  pooled: number
  standardError: number | null
  z: number | null
  /** |z| >= 1.96: significant at the 95% level, two-sided. */
  significant: boolean
}

export const Z_95 = 1.96

/**
 * Compares the share favourable in two rounds with a two-proportion z-test, pooled, at the 95% level
 * (two-sided: |z| >= 1.96).
 *
 * Why this test: each round surveys the staff in post at the time and stores only aggregated counts, so the
 * two rounds are treated as independent samples (we cannot pair a person's answers across rounds, and many
 * staff change between rounds), each answer being favourable or not: two independent binomial proportions.
 * The pooled two-proportion z-test compares them using the normal approximation, which is valid only when
 * both rounds have n*p >= 5 and n*(1-p) >= 5 for the pooled p; with fewer, we say there were too few
 * responses to test rather than give a misleading answer.
 *
 * Example, checked by hand: 60 of 100 then 45 of 100. Pooled p = 105/200 = 0.525; SE =
 * sqrt(0.525 * 0.475 * (1/100 + 1/100)) = sqrt(0.0049875) = 0.070622; z = (0.45 - 0.60) / 0.070622 = -2.124;
 * |z| >= 1.96, so the fall of 15 points is significant.
 */
export function twoProportionTest(
  earlier: { favourable: number; n: number },
  later: { favourable: number; n: number },
): ProportionTest | null {
  if (earlier.n <= 0 || later.n <= 0) return null
  const p1 = earlier.favourable / earlier.n
  const p2 = later.favourable / later.n
  const changePoints = 100 * (p2 - p1)
  const pooled = (earlier.favourable + later.favourable) / (earlier.n + later.n)
  const enough = [earlier.n, later.n].every((n) => n * pooled >= 5 && n * (1 - pooled) >= 5)
  if (!enough) return { changePoints, outcome: 'too-few', pooled, standardError: null, z: null, significant: false }
  const standardError = Math.sqrt(pooled * (1 - pooled) * (1 / earlier.n + 1 / later.n))
  const z = (p2 - p1) / standardError
  return { changePoints, outcome: 'tested', pooled, standardError, z, significant: Math.abs(z) >= Z_95 }
}

export type Direction = 'improving' | 'no-change' | 'worsening'

/** A significant rise in the share favourable is improving, a significant fall worsening; otherwise no change. */
export function directionOf(test: ProportionTest | null): Direction {
  if (!test || !test.significant) return 'no-change'
  return test.changePoints > 0 ? 'improving' : 'worsening'
}

/**
 * Staff surveys are usually run once or twice a year, so a round is current for 12 months after it closed:
 * current when it closed on or before the day asked about and no more than 12 months before it.
 */
export function isCurrentRound(closedOn: string, asAtDay: string): boolean {
  return closedOn <= asAtDay && closedOn >= addMonths(asAtDay, -12)
}

/** "64%": a share rounded to a whole percentage. */
export function percentText(value: number | null): string {
  return value === null ? 'no responses' : `${Math.round(value)}%`
}

/** "up 9 points", "down 3 points", "no change": a change rounded to whole percentage points. */
export function changeText(points: number): string {
  const r = Math.round(points)
  if (r === 0) return 'no change'
  return `${r > 0 ? 'up' : 'down'} ${Math.abs(r)} ${Math.abs(r) === 1 ? 'point' : 'points'}`
}

/** What the test said, in words for a table cell or a sentence. */
export function significanceText(test: ProportionTest | null): string {
  if (!test) return 'no earlier round to compare with'
  if (test.outcome === 'too-few') return 'too few responses to test'
  return test.significant ? 'significant at 95%' : 'not significant at 95%'
}

/** "March 2026": how a round is named in sentences. */
export function monthYear(iso: string): string {
  return new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-GB', {
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  })
}

export interface RoundResult {
  roundId: number
  closedOn: string
  counts: Counts
}

export interface TrendPoint {
  roundId: number
  closedOn: string
  n: number
  share: number | null
  /** Against the round before it that has answers to this question; null for the first. */
  test: ProportionTest | null
  previousClosedOn: string | null
}

/** A question's results in round order (oldest first), each compared with the round before it. */
export function trendOf(results: readonly RoundResult[]): TrendPoint[] {
  const sorted = [...results]
    .filter((r) => respondents(r.counts) > 0)
    .sort((a, b) => a.closedOn.localeCompare(b.closedOn))
  return sorted.map((r, i) => {
    const prev = i > 0 ? sorted[i - 1]! : undefined
    return {
      roundId: r.roundId,
      closedOn: r.closedOn,
      n: respondents(r.counts),
      share: shareFavourable(r.counts),
      test: prev
        ? twoProportionTest(
            { favourable: favourable(prev.counts), n: respondents(prev.counts) },
            { favourable: favourable(r.counts), n: respondents(r.counts) },
          )
        : null,
      previousClosedOn: prev?.closedOn ?? null,
    }
  })
}

export interface QuestionEvidence {
  direction: Direction
  current: boolean
  detail: string
}

/**
 * The evidence a question gives on a day: from the latest two rounds with answers to it that closed on or
 * before the day. A significant rise in the share favourable is improving, a significant fall worsening,
 * anything else (not significant, too few to test, or only one round) no change. Current when the latest
 * round closed within the 12 months before the day. Null when no round had closed by then.
 */
export function questionEvidence(results: readonly RoundResult[], asAtDay: string): QuestionEvidence | null {
  const trend = trendOf(results.filter((r) => r.closedOn <= asAtDay))
  const latest = trend[trend.length - 1]
  if (!latest) return null
  const current = isCurrentRound(latest.closedOn, asAtDay)
  const now = `${percentText(latest.share)} favourable in ${monthYear(latest.closedOn)}`
  if (!latest.test || latest.previousClosedOn === null) {
    return { direction: 'no-change', current, detail: `${now}, the first round with this question` }
  }
  const before = trend[trend.length - 2]!
  const testText =
    latest.test.outcome === 'too-few'
      ? 'too few responses to test'
      : `${latest.test.significant ? 'significant' : 'not significant'} at 95%, two-proportion z-test`
  return {
    direction: directionOf(latest.test),
    current,
    detail: `${now}, ${changeText(latest.test.changePoints)} from ${percentText(before.share)} in ${monthYear(latest.previousClosedOn)} (${testText})`,
  }
}

/** Theme tags typed as a comma-separated line: trimmed, empty ones dropped, duplicates (any case) once. */
export function parseThemes(line: string): string[] {
  const out: string[] = []
  for (const raw of line.split(',')) {
    const t = raw.trim().replace(/\s+/g, ' ')
    if (t && !out.some((o) => o.toLowerCase() === t.toLowerCase())) out.push(t)
  }
  return out
}
