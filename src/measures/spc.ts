// Statistical process control (XmR charts) with the rules of NHS England's "Making Data Count" (MDC).
// Pure: no database, no HTTP. Decisions (see docs/decisions/0004-spc-rules.md):
// - Limits: mean ± 2.66 × mean moving range (MR̄); "2 sigma" lines at mean ± (2/3 × 2.66) × MR̄.
// - A moving range is taken only between two adjacent periods that both have a value: a missing period
//   breaks it. Rules look at the present points in order, ignoring gaps.
// - Rules: (1) a point strictly beyond a limit; (2) a run of 7 or more consecutive points on one side of
//   the mean (a point on the mean breaks the run); (3) a trend of 6 or more consecutive points each
//   strictly higher, or each strictly lower, than the one before (an equal value breaks it), as MDC
//   words it; (4) 2 of 3 consecutive points strictly beyond the same 2-sigma line.
// - A point's direction: above or below the mean for rules 1, 2 and 4; rising or falling for rule 3.
//   Where rules disagree, the first of beyond-limit, two-of-three, run, trend decides.
// - Fewer than 12 present points (overall): no limits, no signals, "not enough data".
// - Re-baselining starts a new segment at each `from` period; each segment has its own mean and limits,
//   from its own points. A segment with fewer than 12 points is computed but marked provisional.
// - Assurance uses the latest segment's limits: a target strictly outside the limits on the passing side
//   is consistently passing; on the failing side consistently failing; a target within or on the limits
//   is hit and miss.

import { directionMeaning, type Polarity } from '../shared/polarity.js'

export type SignalRule = 'beyond-limit' | 'run' | 'trend' | 'two-of-three'
export type Variation =
  'not-enough-data' | 'common-cause' | 'special-cause-improvement' | 'special-cause-concern' | 'special-cause-neither'
export type Assurance =
  'consistently-passing' | 'consistently-failing' | 'hit-and-miss' | 'no-target' | 'not-enough-data'

export interface SpcInput {
  period: string
  value: number | null
}

export interface SpcOptions {
  polarity: Polarity
  target?: number | null
  rebaselines?: Array<{ from: string; reason: string }>
  minimumPoints?: number
}

export interface SpcPoint {
  period: string
  value: number | null
  movingRange: number | null
  mean: number | null
  upperLimit: number | null
  lowerLimit: number | null
  upperTwoSigma: number | null
  lowerTwoSigma: number | null
  signals: SignalRule[]
  specialCause: 'improvement' | 'concern' | 'neither' | null
  segment: number
}

export interface SpcSegment {
  from: string
  to: string
  reason: string | null
  pointCount: number
  provisional: boolean
  mean: number | null
  averageMovingRange: number | null
  upperLimit: number | null
  lowerLimit: number | null
}

export interface SpcResult {
  enoughData: boolean
  points: SpcPoint[]
  segments: SpcSegment[]
  latest: SpcPoint | null
  variation: Variation
  assurance: Assurance
  summary: string
}

export const VARIATION_LABELS: Record<Variation, string> = {
  'not-enough-data': 'Not enough data for SPC',
  'common-cause': 'Common cause variation',
  'special-cause-improvement': 'Special cause improvement',
  'special-cause-concern': 'Special cause concern',
  'special-cause-neither': 'Special cause variation',
}

export const ASSURANCE_LABELS: Record<Assurance, string> = {
  'consistently-passing': 'Consistently passing the target',
  'consistently-failing': 'Consistently failing the target',
  'hit-and-miss': 'Hit and miss against the target',
  'no-target': 'No target',
  'not-enough-data': 'Not enough data for assurance',
}

export const SIGNAL_LABELS: Record<SignalRule, string> = {
  'beyond-limit': 'Beyond a process limit',
  run: 'Run of 7 or more on one side of the mean',
  trend: 'Trend of 6 or more rising or falling',
  'two-of-three': '2 of 3 points beyond 2 sigma',
}

const LIMIT_FACTOR = 2.66
const TWO_SIGMA_FACTOR = (2 / 3) * LIMIT_FACTOR
const RUN_LENGTH = 7
const TREND_LENGTH = 6
const DEFAULT_MINIMUM_POINTS = 12
const RULE_PRIORITY: SignalRule[] = ['beyond-limit', 'two-of-three', 'run', 'trend']

type Direction = 'high' | 'low'

interface Working {
  index: number // position in the input
  value: number
  signals: Map<SignalRule, Direction>
}

export function analyseSpc(input: SpcInput[], options: SpcOptions): SpcResult {
  const minimum = options.minimumPoints ?? DEFAULT_MINIMUM_POINTS
  const presentCount = input.filter((p) => p.value !== null).length
  const blank = (i: number): SpcPoint => ({
    period: input[i]!.period,
    value: input[i]!.value,
    movingRange: null,
    mean: null,
    upperLimit: null,
    lowerLimit: null,
    upperTwoSigma: null,
    lowerTwoSigma: null,
    signals: [],
    specialCause: null,
    segment: 0,
  })

  if (presentCount < minimum) {
    const points = input.map((_, i) => blank(i))
    return {
      enoughData: false,
      points,
      segments: [],
      latest: [...points].reverse().find((p) => p.value !== null) ?? null,
      variation: 'not-enough-data',
      assurance: 'not-enough-data',
      summary: `Not enough data for statistical process control: ${presentCount} of the ${minimum} values needed.`,
    }
  }

  const points = input.map((_, i) => blank(i))
  const segments: SpcSegment[] = []
  for (const [segmentIndex, bounds] of segmentBounds(input, options.rebaselines ?? []).entries()) {
    const working: Working[] = []
    for (let i = bounds.start; i < bounds.end; i++) {
      const value = input[i]!.value
      if (value !== null) working.push({ index: i, value, signals: new Map() })
    }
    const mean = working.length ? working.reduce((s, w) => s + w.value, 0) / working.length : null
    const ranges: number[] = []
    for (let j = 1; j < working.length; j++) {
      const prev = working[j - 1]!
      const cur = working[j]!
      if (cur.index === prev.index + 1) {
        const mr = Math.abs(cur.value - prev.value)
        ranges.push(mr)
        points[cur.index]!.movingRange = mr
      }
    }
    const mrBar = ranges.length ? ranges.reduce((s, r) => s + r, 0) / ranges.length : 0
    const upper = mean === null ? null : mean + LIMIT_FACTOR * mrBar
    const lower = mean === null ? null : mean - LIMIT_FACTOR * mrBar
    const upper2 = mean === null ? null : mean + TWO_SIGMA_FACTOR * mrBar
    const lower2 = mean === null ? null : mean - TWO_SIGMA_FACTOR * mrBar
    if (mean !== null) findSignals(working, mean, upper!, lower!, upper2!, lower2!)

    for (let i = bounds.start; i < bounds.end; i++) {
      Object.assign(points[i]!, {
        mean,
        upperLimit: upper,
        lowerLimit: lower,
        upperTwoSigma: upper2,
        lowerTwoSigma: lower2,
        segment: segmentIndex,
      })
    }
    for (const w of working) {
      const point = points[w.index]!
      point.signals = RULE_PRIORITY.filter((r) => w.signals.has(r))
      const decisive = point.signals[0]
      if (decisive) point.specialCause = classify(w.signals.get(decisive)!, options.polarity)
    }
    segments.push({
      from: input[bounds.start]!.period,
      to: input[bounds.end - 1]!.period,
      reason: bounds.reason,
      pointCount: working.length,
      provisional: working.length < minimum,
      mean,
      averageMovingRange: working.length ? mrBar : null,
      upperLimit: upper,
      lowerLimit: lower,
    })
  }

  const latest = [...points].reverse().find((p) => p.value !== null) ?? null
  const variation: Variation =
    latest?.specialCause === 'improvement'
      ? 'special-cause-improvement'
      : latest?.specialCause === 'concern'
        ? 'special-cause-concern'
        : latest?.specialCause === 'neither'
          ? 'special-cause-neither'
          : 'common-cause'
  const assurance = assess(segments[segments.length - 1]!, options.polarity, options.target ?? null)
  return {
    enoughData: true,
    points,
    segments,
    latest,
    variation,
    assurance,
    summary: summarise(latest, variation, assurance),
  }
}

function segmentBounds(input: SpcInput[], rebaselines: Array<{ from: string; reason: string }>) {
  const starts = [...rebaselines]
    .sort((a, b) => a.from.localeCompare(b.from))
    .map((r) => ({ start: input.findIndex((p) => p.period >= r.from), reason: r.reason }))
    .filter((s) => s.start > 0)
  const unique = starts.filter((s, i) => i === 0 || s.start !== starts[i - 1]!.start)
  const bounds: Array<{ start: number; end: number; reason: string | null }> = []
  let start = 0
  let reason: string | null = null
  for (const s of unique) {
    bounds.push({ start, end: s.start, reason })
    start = s.start
    reason = s.reason
  }
  bounds.push({ start, end: input.length, reason })
  return bounds
}

function findSignals(w: Working[], mean: number, upper: number, lower: number, upper2: number, lower2: number): void {
  const mark = (from: number, to: number, rule: SignalRule, direction: (x: Working) => Direction) => {
    for (let k = from; k <= to; k++) if (!w[k]!.signals.has(rule)) w[k]!.signals.set(rule, direction(w[k]!))
  }
  const side = (x: Working): Direction => (x.value > mean ? 'high' : 'low')

  // 1. beyond a limit
  w.forEach((x, k) => {
    if (x.value > upper || x.value < lower) mark(k, k, 'beyond-limit', side)
  })

  // 2. runs on one side of the mean (a point on the mean belongs to no run)
  const sideOf = (x: Working) => Math.sign(x.value - mean)
  for (let k = 0; k < w.length;) {
    const s = sideOf(w[k]!)
    let end = k
    while (s !== 0 && end + 1 < w.length && sideOf(w[end + 1]!) === s) end++
    if (s !== 0 && end - k + 1 >= RUN_LENGTH) mark(k, end, 'run', side)
    k = end + 1
  }

  // 3. trends: each point strictly beyond the one before, in one direction; the turning point can
  // end one trend and start the next
  for (let k = 0; k < w.length - 1;) {
    const dir = Math.sign(w[k + 1]!.value - w[k]!.value)
    if (dir === 0) {
      k++
      continue
    }
    let end = k + 1
    while (end + 1 < w.length && Math.sign(w[end + 1]!.value - w[end]!.value) === dir) end++
    const direction: Direction = dir > 0 ? 'high' : 'low'
    if (end - k + 1 >= TREND_LENGTH) mark(k, end, 'trend', () => direction)
    k = end
  }

  // 4. two of three beyond the same 2-sigma line
  for (let k = 0; k + 2 < w.length; k++) {
    const window = [w[k]!, w[k + 1]!, w[k + 2]!]
    const high = window.filter((x) => x.value > upper2)
    const low = window.filter((x) => x.value < lower2)
    for (const group of [high, low]) {
      if (group.length >= 2) {
        for (const x of group) if (!x.signals.has('two-of-three')) x.signals.set('two-of-three', side(x))
      }
    }
  }
}

function classify(direction: Direction, polarity: Polarity): 'improvement' | 'concern' | 'neither' {
  const meaning = directionMeaning(direction === 'high', polarity)
  return meaning === 'better' ? 'improvement' : meaning === 'worse' ? 'concern' : 'neither'
}

function assess(segment: SpcSegment, polarity: Polarity, target: number | null): Assurance {
  if (target === null || polarity === 'neutral' || segment.upperLimit === null || segment.lowerLimit === null) {
    return 'no-target'
  }
  const { upperLimit: upper, lowerLimit: lower } = segment
  if (polarity === 'higher') {
    if (lower > target) return 'consistently-passing'
    if (upper < target) return 'consistently-failing'
  } else {
    if (upper < target) return 'consistently-passing'
    if (lower > target) return 'consistently-failing'
  }
  return 'hit-and-miss'
}

function summarise(latest: SpcPoint | null, variation: Variation, assurance: Assurance): string {
  const why = latest?.signals.length
    ? ` The latest point is part of: ${latest.signals.map((s) => SIGNAL_LABELS[s].toLowerCase()).join('; ')}.`
    : ' The latest point is within the limits and part of no pattern.'
  const target =
    assurance === 'no-target'
      ? ''
      : assurance === 'hit-and-miss'
        ? ' The target lies within the process limits, so it will be met only some of the time unless the process changes.'
        : assurance === 'consistently-passing'
          ? ' The process limits are all on the right side of the target: it will be met consistently if nothing changes.'
          : ' The process limits are all on the wrong side of the target: it will not be met unless the process changes.'
  return `${VARIATION_LABELS[variation]}.${why}${target}`
}
