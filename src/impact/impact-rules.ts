// Whether the evidence shows impact for children and families: which way each source points, which
// sources are current, and the impact level they add up to. Pure functions, written up in
// docs/decisions/0014-delivery-and-impact-ratings.md and tested with hand-checked cases. Used by the
// objective's impact page and by every report.
//
// Current evidence: a linked measure whose latest figure is current (measures/measure-currency.ts), or an
// evidence entry observed in the six months to the date.
//   Worsening - any current source worsening
//   Improving - otherwise, any current source improving
//   No change - otherwise, some current evidence
//   No evidence of impact yet - no current evidence at all
import type { Assurance, Variation } from '../measures/spc.js'
import { monthsBetween } from '../shared/calendar.js'
import type { EvidenceDirection } from '../db/database.js'

export type ImpactLevel = EvidenceDirection | 'none'

export const IMPACT_LABELS: Record<ImpactLevel, string> = {
  improving: 'Improving',
  'no-change': 'No change',
  worsening: 'Worsening',
  none: 'No evidence of impact yet',
}

/** GOV.UK tag colour for each level; the words are always shown with it. */
export const IMPACT_TAG_CLASSES: Record<ImpactLevel, string> = {
  improving: 'govuk-tag--green',
  'no-change': 'govuk-tag--yellow',
  worsening: 'govuk-tag--red',
  none: 'govuk-tag--grey',
}

/** Evidence entries count as current for six months after they were observed. */
export const EVIDENCE_CURRENT_MONTHS = 6

/** A thing a reason points at: the anchor of its row on the page, and its name. */
export interface ItemRef {
  anchor: string
  label: string
}

/** One reason for a rating, in words, with the items behind it. */
export interface Reason {
  text: string
  items: ItemRef[]
}

/** "2 milestones at risk", with the two milestones. */
export function countedReason(items: ItemRef[], one: string, many: string, rest: string): Reason {
  return { text: `${items.length} ${items.length === 1 ? one : many} ${rest}`, items }
}

/** A source of evidence of impact, and which way it points. */
export interface EvidenceSource {
  ref: ItemRef
  direction: EvidenceDirection
  /** A measure whose latest figure is current, or an entry observed in the last six months. */
  current: boolean
}

export interface ImpactResult {
  level: ImpactLevel
  /** Every source, grouped by which way it points (and those not counted because not current). */
  reasons: Reason[]
  /** The reasons that hold impact below Improving: the worsening sources, the flat ones, or none at all. */
  concerns: Reason[]
}

/**
 * Which way a measure points: worsening with special cause concern; improving with special cause
 * improvement or when it consistently meets its target (impact sustained); otherwise no change.
 */
export function measureDirection(spc: { variation: Variation; assurance: Assurance }): EvidenceDirection {
  if (spc.variation === 'special-cause-concern') return 'worsening'
  if (spc.variation === 'special-cause-improvement' || spc.assurance === 'consistently-passing') return 'improving'
  return 'no-change'
}

/** An evidence entry is current on `date` when observed by then and less than six months before. */
export function entryIsCurrent(observedOn: string, date: string): boolean {
  return observedOn <= date && monthsBetween(observedOn, date) < EVIDENCE_CURRENT_MONTHS
}

export function rateImpact(sources: EvidenceSource[]): ImpactResult {
  const refs = (list: EvidenceSource[]) => list.map((s) => s.ref)
  const current = sources.filter((s) => s.current)
  const group = (direction: EvidenceDirection, rest: string) => {
    const list = current.filter((s) => s.direction === direction)
    return list.length ? [countedReason(refs(list), 'source', 'sources', rest)] : []
  }
  const worsening = group('worsening', 'of evidence worsening')
  const flat = group('no-change', 'of evidence showing no change')
  const improving = group('improving', 'of evidence improving')
  const stale = sources.filter((s) => !s.current)
  const notCurrent = stale.length
    ? [countedReason(refs(stale), 'source', 'sources', 'not current, so not counted')]
    : []
  if (current.length === 0) {
    const none: Reason = {
      text: stale.length
        ? IMPACT_LABELS.none
        : `${IMPACT_LABELS.none}: no linked measure, evidence entry or evidence from practice`,
      items: [],
    }
    return { level: 'none', reasons: [none, ...notCurrent], concerns: [none, ...notCurrent] }
  }
  const reasons = [...worsening, ...flat, ...improving, ...notCurrent]
  if (worsening.length) return { level: 'worsening', reasons, concerns: worsening }
  if (improving.length) return { level: 'improving', reasons, concerns: [] }
  return { level: 'no-change', reasons, concerns: flat }
}
