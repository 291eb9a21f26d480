// An objective's evidence of impact today: its linked measures (their SPC variation, target assurance,
// standing against benchmarks and which way they point), its evidence entries, the evidence from practice linked
// to it (staff surveys, children's voice, leadership stability), and the impact level the
// rules in impact-rules.ts give. The report applies the same rules as at each quarter's end.
import type { DbOrTx } from '../db/connect.js'
import { loadCouncilMeasures } from '../measures/measure-service.js'
import type { MeasureSummary } from '../measures/measure-summary.js'
import { ASSURANCE_LABELS, VARIATION_LABELS } from '../measures/spc.js'
import { currencyOn, type Currency } from '../measures/measure-currency.js'
import { nationalComparisons } from '../national/measure-benchmarks.js'
import { standingText, yearLabel } from '../national/present.js'
import { formatValue } from '../shared/units.js'
import { formatDate } from '../shared/dates.js'
import type { EvidenceDirection } from '../db/database.js'
import { listObjectiveEvidence, type EvidenceEntry } from './evidence-repository.js'
import { loadPracticeEvidence } from './practice-sources.js'
import type { PracticeEvidence } from '../shared/practice-evidence.js'
import { EVIDENCE_KIND_LABELS } from './evidence-kinds.js'
import { entryIsCurrent, measureDirection, rateImpact, type EvidenceSource, type ImpactResult } from './impact-rules.js'

export interface ImpactMeasure {
  id: number
  anchor: string
  name: string
  latest: string
  currency: Currency
  variation: string
  assurance: string
  standing: string
  direction: EvidenceDirection
}

export interface ImpactEntry extends EvidenceEntry {
  anchor: string
  kindLabel: string
  current: boolean
}

export interface ObjectiveImpact {
  measures: ImpactMeasure[]
  entries: ImpactEntry[]
  /** Staff survey questions, themes of children's feedback and leadership stability linked to the objective. */
  practice: PracticeEvidence[]
  impact: ImpactResult
}

export async function objectiveImpact(
  db: DbOrTx,
  organisationId: number,
  objectiveId: number,
  today: string,
): Promise<ObjectiveImpact> {
  const [council, entries, practiceAll] = await Promise.all([
    loadCouncilMeasures(db, organisationId),
    listObjectiveEvidence(db, objectiveId),
    loadPracticeEvidence(db, organisationId, today),
  ])
  const practice = practiceAll.filter((p) => p.objectiveId === objectiveId)
  const linked = [...council.objectiveLinks.entries()]
    .filter(([, objectives]) => objectives.includes(objectiveId))
    .map(([measureId]) => council.summaries.get(measureId))
    .filter((s): s is MeasureSummary => s !== undefined)
  const national = await nationalComparisons(
    db,
    organisationId,
    linked.map((s) => s.measure.national_indicator),
  )
  const standing = (s: MeasureSummary): string => {
    const c = s.measure.national_indicator ? national.get(s.measure.national_indicator) : undefined
    if (c && c.year !== null)
      return `${standingText(c.standing, c.indicator)} among councils (${yearLabel(c.year, c.indicator)}, official)`
    return s.benchmarks.map((b) => b.text).join('; ') || 'No benchmark'
  }
  const measures: ImpactMeasure[] = linked.map((s) => ({
    id: s.measure.id,
    anchor: `measure-${s.measure.id}`,
    name: s.measure.name,
    latest: s.latest
      ? `${formatValue(s.latest.value, s.measure.unit, s.measure.decimals)} (${s.latest.label})`
      : 'No data',
    currency: currencyOn(s.latest?.period ?? null, s.measure.frequency, today),
    variation: VARIATION_LABELS[s.spc.variation],
    assurance: ASSURANCE_LABELS[s.spc.assurance],
    standing: standing(s),
    direction: measureDirection(s.spc),
  }))
  const shown: ImpactEntry[] = entries.map((e) => ({
    ...e,
    anchor: `evidence-${e.id}`,
    kindLabel: EVIDENCE_KIND_LABELS[e.kind],
    current: e.withdrawn_at === null && entryIsCurrent(e.observed_on, today),
  }))
  const sources: EvidenceSource[] = [
    ...measures.map((m) => ({
      ref: { anchor: m.anchor, label: m.name },
      direction: m.direction,
      current: m.currency.current,
    })),
    ...shown
      .filter((e) => e.withdrawn_at === null)
      .map((e) => ({
        ref: { anchor: e.anchor, label: `${e.kindLabel}, ${formatDate(e.observed_on)}` },
        direction: e.direction,
        current: e.current,
      })),
    ...practice.map((p) => ({ ref: { anchor: p.anchor, label: p.label }, direction: p.direction, current: p.current })),
  ]
  return { measures, entries: shown, practice, impact: rateImpact(sources) }
}
