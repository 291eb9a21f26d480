// How many decimals to show a point with, so that what a page shows never contradicts what it says.
import { formatValue, type Unit } from '../shared/units.js'
import type { SpcPoint } from './spc.js'

const MOST_EXTRA_DECIMALS = 4

/**
 * The decimals for a point's row: the measure's own, or more when the point is beyond a limit but would
 * show the same figure as that limit (37.7% "above the upper limit" of 37.7% reads as a mistake).
 */
export function pointDecimals(
  point: Pick<SpcPoint, 'value' | 'upperLimit' | 'lowerLimit' | 'directions'>,
  unit: Unit,
  decimals: number,
): number {
  const side = point.directions['beyond-limit']
  const limit = side === 'high' ? point.upperLimit : side === 'low' ? point.lowerLimit : null
  if (point.value === null || limit === null) return decimals
  for (let d = decimals; d < decimals + MOST_EXTRA_DECIMALS; d++) {
    // Counts are shown without decimals when whole: compare as they would be shown.
    if (formatValue(point.value, unit, d) !== formatValue(limit, unit, d)) return d
  }
  return decimals + MOST_EXTRA_DECIMALS
}
