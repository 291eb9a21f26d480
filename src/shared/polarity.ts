// Which way is better for a figure: the one rule every comparison, ranking, trend and SPC verdict uses.
export const POLARITIES = ['higher', 'lower', 'neutral'] as const
export type Polarity = (typeof POLARITIES)[number]

export const POLARITY_LABELS: Record<Polarity, string> = {
  higher: 'Higher is better',
  lower: 'Lower is better',
  neutral: 'Neither (context only)',
}

/**
 * Whether `a` is better than `b`. A neutral figure has no better: always false. Equal values are
 * never better.
 */
export function isBetter(a: number, b: number, polarity: Polarity): boolean {
  if (polarity === 'neutral' || a === b) return false
  return polarity === 'higher' ? a > b : a < b
}

/**
 * Whether a movement upwards (`up` true) or downwards is good news, bad news, or neither (neutral
 * figures, or no movement).
 */
export function directionMeaning(up: boolean, polarity: Polarity): 'better' | 'worse' | 'neither' {
  if (polarity === 'neutral') return 'neither'
  return up === (polarity === 'higher') ? 'better' : 'worse'
}
