// What changed between the last published report and this one: statuses and the numbers that matter.
import { RAG_LABELS } from './status-rules.js'
import { IMPACT_LABELS } from '../impact/impact-rules.js'
import type { ChangesSinceLast, ReportChange, ReportContent } from './report-snapshot.js'
import { formatDate } from '../shared/dates.js'

export type { ReportChange }

export function compareReports(before: ReportContent, after: ReportContent): ReportChange[] {
  const changes: ReportChange[] = []
  const strandsBefore = new Map(before.strands.map((s) => [s.id, s]))
  for (const s of after.strands) {
    const old = strandsBefore.get(s.id)
    const label = `Strand ${s.code}: ${s.title}`
    if (!old) {
      changes.push({ item: label, before: 'Not in the report', after: RAG_LABELS[s.status.rag] })
      continue
    }
    if (old.status.rag !== s.status.rag)
      changes.push({ item: label, before: RAG_LABELS[old.status.rag], after: RAG_LABELS[s.status.rag] })
    // Impact is compared only where both reports rated it apart.
    if (old.status.impact && s.status.impact && old.status.impact.level !== s.status.impact.level)
      changes.push({
        item: `${label}: impact`,
        before: IMPACT_LABELS[old.status.impact.level],
        after: IMPACT_LABELS[s.status.impact.level],
      })
    const objectivesBefore = new Map(old.objectives.map((o) => [o.id, o]))
    for (const o of s.objectives) {
      const prev = objectivesBefore.get(o.id)
      if (prev && prev.status.rag !== o.status.rag) {
        changes.push({
          item: `${label} > ${o.title}`,
          before: RAG_LABELS[prev.status.rag],
          after: RAG_LABELS[o.status.rag],
        })
      }
    }
    const measuresBefore = new Map(old.measures.map((m) => [m.id, m]))
    for (const m of s.measures) {
      const prev = measuresBefore.get(m.id)
      if (prev && (prev.latest !== m.latest || prev.variation !== m.variation)) {
        changes.push({
          item: `${m.name} (strand ${s.code})`,
          before: `${prev.latest}, ${prev.variation}`,
          after: `${m.latest}, ${m.variation}`,
        })
      }
    }
  }
  for (const s of before.strands) {
    if (!after.strands.some((x) => x.id === s.id))
      changes.push({
        item: `Strand ${s.code}: ${s.title}`,
        before: RAG_LABELS[s.status.rag],
        after: 'Not in the report',
      })
  }
  const counts = (c: ReportContent) => ({
    'Overdue milestones': c.slowToProgress.overdueMilestones.length,
    'Objectives with no update in the quarter': c.slowToProgress.objectivesWithoutUpdate.length,
    'Measures of concern': c.slowToProgress.measuresOfConcern.length,
    'Contributions to strengthen': c.slowToProgress.contributionsToStrengthen.length,
  })
  const a = counts(before)
  const b = counts(after)
  for (const key of Object.keys(a) as Array<keyof typeof a>) {
    if (a[key] !== b[key]) changes.push({ item: key, before: String(a[key]), after: String(b[key]) })
  }
  return changes
}

/** How a contribution to strengthen is named; the public edition leaves out lines starting with any of them. */
export const CONTRIBUTION_LINE = {
  missing: 'Contribution not received',
  late: 'Contribution received late',
  milestone: 'Partner milestone off track',
} as const

/** Every slow-to-progress item of a report, each as one line that names it. */
export function slowItems(c: ReportContent): string[] {
  const slow = c.slowToProgress
  return [
    ...slow.overdueMilestones.map((m) => `Overdue milestone: ${m.title} (strand ${m.strand})`),
    ...slow.objectivesWithoutUpdate.map((o) => `No update in the quarter: ${o.objective} (strand ${o.strand})`),
    ...slow.measuresOfConcern.map((m) => `Measure of concern: ${m.name} (strand ${m.strand})`),
    ...slow.contributionsToStrengthen.map((r) => `${CONTRIBUTION_LINE[r.reason]}: ${r.partner}, ${r.description}`),
  ]
}

/**
 * What changed since the last published report, for the pack itself: statuses that moved, measures
 * that changed (their latest figure or their variation), slow-to-progress items new and cleared, and the
 * decisions the Board was asked for last time.
 */
export function changesSince(
  previousId: number,
  before: ReportContent,
  publishedAt: Date,
  after: ReportContent,
): Extract<ChangesSinceLast, { kind: 'compared' }> {
  const all = compareReports(before, after)
  const isMeasure = (c: ReportChange) => /\(strand [^)]+\)$/.test(c.item)
  const was = new Set(slowItems(before))
  const now = new Set(slowItems(after))
  return {
    kind: 'compared',
    previous: { id: previousId, label: before.quarter.label, publishedOn: formatDate(publishedAt) },
    statuses: all.filter((c) => c.item.startsWith('Strand ')),
    measures: all.filter(isMeasure),
    slowNew: [...now].filter((i) => !was.has(i)),
    slowCleared: [...was].filter((i) => !now.has(i)),
    decisionsAsked: before.narrative.decisions,
  }
}
