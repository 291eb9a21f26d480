// The few measures a Director or Board member sees on their home page: those linked to the plan's active
// strands (directly or through an active objective), those with a target first, then in the council's own
// order of measures; at most KEY_MEASURE_LIMIT. Pure: the figures shown are the measure summaries'
// (src/measures/measure-summary.ts), never recomputed here.
import type { CouncilMeasures } from './measure-service.js'
import type { MeasureSummary } from './measure-summary.js'
import type { PlanTree } from '../plan/plan-repository.js'

export const KEY_MEASURE_LIMIT = 8

export function keyMeasures(measures: CouncilMeasures, tree: PlanTree): MeasureSummary[] {
  const strands = new Set<number>()
  const objectives = new Set<number>()
  for (const s of tree.strands.filter((x) => x.status === 'active')) {
    strands.add(s.id)
    for (const o of s.objectives) if (o.status === 'active') objectives.add(o.id)
  }
  const linked = (links: Map<number, number[]>, ids: Set<number>, measureId: number) =>
    (links.get(measureId) ?? []).some((id) => ids.has(id))
  // measures.measures is in the council's order (position): a stable sort keeps it within each group.
  return measures.measures
    .filter((m) => linked(measures.strandLinks, strands, m.id) || linked(measures.objectiveLinks, objectives, m.id))
    .map((m) => measures.summaries.get(m.id))
    .filter((s): s is MeasureSummary => s !== undefined)
    .sort((a, b) => Number(b.target !== null) - Number(a.target !== null))
    .slice(0, KEY_MEASURE_LIMIT)
}
