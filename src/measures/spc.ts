// Statistical process control (XmR charts) with the rules of NHS England's "Making Data Count" (MDC),
// applied exactly as the NHS-R community's reference implementation, NHSRplotthedots, applies them.
// Pure: no database, no HTTP. Decisions (see docs/decisions/0004-spc-rules.md):
// - Limits: mean ± 2.66 × mean moving range (MR̄); "2 sigma" lines at mean ± (2/3 × 2.66) × MR̄.
// - A moving range is taken only between two adjacent periods that both have a value: a missing period
//   breaks it. Rules look at the present points in order, ignoring gaps.
// - Rules: (1) a point strictly beyond a limit; (2) a trend: 7 points each strictly higher (or each
//   strictly lower) than the one before, that is 6 rises or falls in a row (an equal value breaks it);
//   (3) two of three consecutive points between a 2-sigma line and its limit, the three all on that side
//   of the mean (a point beyond the limit is rule 1's, and does not count here); (4) a run of 7 points
//   on one side of the mean (a point on the mean breaks it).
// - Every point of a qualifying pattern is flagged. One label per point: the first rule in the order
//   beyond a limit > trend > two of three > run decides. Its direction is the point's side of the mean,
//   except for a trend, whose points take the trend's direction (rising or falling) even where they
//   cross the mean; a point in two adjacent trends takes the direction to its next point.
// - The point's variation follows from that direction and the measure's polarity: improvement, concern
//   or (for a neutral measure) neither.
// - Fewer than 12 present points (overall): no limits, no signals, "not enough data".
// - Re-baselining starts a new segment at each `from` period; each segment has its own mean and limits,
//   from its own points, and its own rules. A segment with fewer than 12 points is computed but marked
//   provisional.
// - Assurance uses the latest segment's limits: a target strictly outside the limits on the passing side
//   is consistently passing; on the failing side consistently failing; a target within or on the limits
//   is hit and miss.

import { directionMeaning, type Polarity } from '../shared/polarity.js'

export type SignalRule = 'beyond-limit' | 'trend' | 'two-of-three' | 'run'
/** Above the mean (or rising, for a trend), or below (falling). */
export type Direction = 'high' | 'low'
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
  /** Every rule the point is part of, in order of precedence, with its direction. */
  signals: SignalRule[]
  directions: Partial<Record<SignalRule, Direction>>
  /** The rule that labels the point (the first of `signals`), or null for common cause. */
  primary: SignalRule | null
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
  trend: 'Trend of 7 points rising or falling',
  'two-of-three': 'Two of three points beyond the same 2-sigma line',
  run: 'Run of 7 points on one side of the mean',
}

/** A rule with its direction, in words: "Above the upper limit", "Trend of 7 points falling". */
export function signalText(rule: SignalRule, direction: Direction): string {
  const high = direction === 'high'
  switch (rule) {
    case 'beyond-limit':
      return high ? 'Above the upper limit' : 'Below the lower limit'
    case 'trend':
      return `Trend of 7 points ${high ? 'rising' : 'falling'}`
    case 'two-of-three':
      return `Two of three points ${high ? 'above the upper' : 'below the lower'} 2-sigma line`
    case 'run':
      return `Run of 7 points ${high ? 'above' : 'below'} the mean`
  }
}

const LIMIT_FACTOR = 2.66
const TWO_SIGMA_FACTOR = (2 / 3) * LIMIT_FACTOR
/** A run and a trend are 7 points long. */
const PATTERN_LENGTH = 7
const DEFAULT_MINIMUM_POINTS = 12
/** Which rule labels a point that is part of several. */
const RULE_PRECEDENCE: SignalRule[] = ['beyond-limit', 'trend', 'two-of-three', 'run']

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
    directions: {},
    primary: null,
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
      point.signals = RULE_PRECEDENCE.filter((r) => w.signals.has(r))
      point.directions = Object.fromEntries(w.signals)
      point.primary = point.signals[0] ?? null
      if (point.primary) point.specialCause = classify(w.signals.get(point.primary)!, options.polarity)
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
  const variation = pointVariation(true, latest?.specialCause ?? null)
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

/**
 * Marks every point that is part of a pattern, with the pattern's direction, as NHSRplotthedots does
 * (its ptd_special_cause_type): a pattern found ending at a point flags that point and the 6 before it.
 */
function findSignals(w: Working[], mean: number, upper: number, lower: number, upper2: number, lower2: number): void {
  const n = w.length
  const sideOfMean = w.map((x) => Math.sign(x.value - mean))
  const beyond = w.map((x) => x.value > upper || x.value < lower)
  const nearLimit = w.map((x, k) => !beyond[k] && (x.value > upper2 || x.value < lower2))
  const sideDirection = (k: number): Direction => (sideOfMean[k]! > 0 ? 'high' : 'low')
  const rise = (k: number) => Math.sign(w[k]!.value - w[k - 1]!.value) // k >= 1

  // Patterns of 7 ending at k: every point from k - 6 to k is part of one.
  const endsRun = (k: number) =>
    k >= PATTERN_LENGTH - 1 &&
    sideOfMean[k] !== 0 &&
    w.slice(k - PATTERN_LENGTH + 1, k).every((_, j) => sideOfMean[k - PATTERN_LENGTH + 1 + j] === sideOfMean[k])
  const endsTrend = (k: number) => {
    if (k < PATTERN_LENGTH - 1) return false
    const steps = Array.from({ length: PATTERN_LENGTH - 1 }, (_, j) => rise(k - j))
    return steps.every((d) => d === 1) || steps.every((d) => d === -1)
  }
  const partOf = (ends: (k: number) => boolean) => {
    const part = Array<boolean>(n).fill(false)
    for (let k = 0; k < n; k++) if (ends(k)) for (let j = k - PATTERN_LENGTH + 1; j <= k; j++) part[j] = true
    return part
  }
  const inRun = partOf(endsRun)
  const inTrend = partOf(endsTrend)

  // Two of three: a window of three consecutive points all on one side of the mean with at least two
  // near the limit; the near points of such a window are flagged.
  const inTwoOfThree = Array<boolean>(n).fill(false)
  for (let k = 0; k + 2 < n; k++) {
    const window = [k, k + 1, k + 2]
    const oneSide = Math.abs(window.reduce((sum, j) => sum + sideOfMean[j]!, 0)) === 3
    if (oneSide && window.filter((j) => nearLimit[j]).length >= 2) {
      for (const j of window) if (nearLimit[j]) inTwoOfThree[j] = true
    }
  }

  for (let k = 0; k < n; k++) {
    const signals = w[k]!.signals
    if (beyond[k]) signals.set('beyond-limit', sideDirection(k))
    if (inTrend[k]) {
      // A point in a trend takes the trend's direction: towards the next point when that point is in the
      // trend too, else from the one before. (As in the reference, a tie reads as falling.)
      const step = k + 1 < n && inTrend[k + 1] ? rise(k + 1) : k > 0 ? rise(k) : 0
      signals.set('trend', step === 1 ? 'high' : 'low')
    }
    if (inTwoOfThree[k]) signals.set('two-of-three', sideDirection(k))
    if (inRun[k]) signals.set('run', sideDirection(k))
  }
}

/** A point's variation: what its label means, for this measure (special cause improvement, ...). */
export function pointVariation(enoughData: boolean, specialCause: SpcPoint['specialCause']): Variation {
  if (!enoughData) return 'not-enough-data'
  return specialCause === null ? 'common-cause' : `special-cause-${specialCause}`
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
    ? ` The latest point is part of: ${latest.signals.map((s) => signalText(s, latest.directions[s]!).toLowerCase()).join('; ')}.`
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
