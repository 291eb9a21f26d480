// What a report's content is, as a schema: the one definition behind the page, every export and the
// frozen copy a published report stores. A stored copy is upgraded from older versions and checked
// when it is read, so a published report always renders or says plainly that it cannot.
import { z } from 'zod'

/** Bump when ReportContent changes shape, and add the step from the previous version to `upgrades`. */
export const REPORT_SCHEMA_VERSION = 2

const rag = z.enum(['red', 'amber', 'green', 'not-rated'])
const rated = z.object({
  rag,
  derived: z.object({ rag, reasons: z.array(z.string()) }),
  override: z.object({ rag, reason: z.string(), by: z.string().nullable() }).nullable(),
})

const milestoneRow = z.object({
  title: z.string(),
  owner: z.string(),
  due_on: z.string(),
  completed_on: z.string().nullable(),
  status: z.string(),
})

const measureRow = z.object({
  id: z.number(),
  code: z.string(),
  name: z.string(),
  latest: z.string(),
  latestPeriod: z.string(),
  previous: z.string(),
  target: z.string(),
  england: z.string(),
  statisticalNeighbours: z.string(),
  variation: z.string(),
  assurance: z.string(),
  variationKey: z.string(),
  assuranceKey: z.string(),
  unit: z.string(),
  chart: z.string(),
  /** England and neighbour figures are DfE's official statistics (needs the licence attribution). */
  official: z.boolean().optional(),
  /** How the measure differs from the figures it is set against; empty when they are alike. */
  comparability: z.string(),
  /** Every value shown, for the data annex. */
  data: z.array(
    z.object({ period: z.string(), label: z.string(), value: z.number().nullable(), target: z.number().nullable() }),
  ),
})

export const reportContentSchema = z.object({
  schemaVersion: z.literal(REPORT_SCHEMA_VERSION),
  councilName: z.string(),
  planTitle: z.string(),
  quarter: z.object({ start: z.string(), end: z.string(), label: z.string() }),
  narrative: z.object({ summary: z.string(), recommendations: z.string(), decisions: z.string() }),
  strands: z.array(
    z.object({
      id: z.number(),
      code: z.string(),
      half: z.enum(['A', 'B']),
      title: z.string(),
      lead: z.string(),
      status: rated,
      commentary: z.string(),
      impact: z.string(),
      objectives: z.array(
        z.object({
          id: z.number(),
          title: z.string(),
          status: rated,
          completed: z.array(milestoneRow),
          dueInQuarter: z.array(milestoneRow),
          overdue: z.array(milestoneRow),
          updates: z.array(z.object({ date: z.string(), body: z.string(), author: z.string().nullable() })),
        }),
      ),
      measures: z.array(measureRow),
    }),
  ),
  significantChanges: z.array(
    z.object({ code: z.string(), name: z.string(), strand: z.string(), variation: z.string(), latest: z.string() }),
  ),
  slowToProgress: z.object({
    overdueMilestones: z.array(
      milestoneRow.extend({ strand: z.string(), objective: z.string(), daysOverdue: z.number() }),
    ),
    objectivesWithoutUpdate: z.array(
      z.object({ strand: z.string(), objective: z.string(), lastUpdate: z.string().nullable() }),
    ),
    measuresOfConcern: z.array(
      z.object({ strand: z.string(), name: z.string(), variation: z.string(), assurance: z.string() }),
    ),
    contributionsToStrengthen: z.array(
      z.object({ partner: z.string(), description: z.string(), strand: z.string(), due_on: z.string() }),
    ),
  }),
  /** Attribution for official statistics shown in the measure tables, if any are. */
  sources: z.string().optional(),
})

export type ReportContent = z.infer<typeof reportContentSchema>
export type Rated = ReportContent['strands'][number]['status']
export type MeasureRow = ReportContent['strands'][number]['measures'][number]
export type MilestoneRow = z.infer<typeof milestoneRow>

/** A stored snapshot that no upgrade can make valid: the report page says so rather than guess. */
export class SnapshotError extends Error {}

/**
 * Each step upgrades a snapshot from version N (the key) to N + 1. Version 0 is every snapshot stored
 * before snapshots carried a version: the same shape as version 1, which added only the version.
 */
const upgrades: Record<number, (snapshot: Record<string, unknown>) => Record<string, unknown>> = {
  0: (snapshot) => ({ ...snapshot, schemaVersion: 1 }),
  // Version 2 says how each measure differs from its benchmarks; earlier reports said nothing about it.
  1: (snapshot) => ({
    ...snapshot,
    schemaVersion: 2,
    strands: mapMeasures(snapshot.strands, (m) => ({ comparability: '', ...m })),
  }),
}

/** Applies `change` to every measure row of every strand of a stored snapshot (not yet validated). */
function mapMeasures(strands: unknown, change: (measure: Record<string, unknown>) => Record<string, unknown>): unknown {
  if (!Array.isArray(strands)) return strands
  return strands.map((strand: unknown) => {
    if (strand === null || typeof strand !== 'object') return strand
    const s = strand as Record<string, unknown>
    return Array.isArray(s.measures)
      ? {
          ...s,
          measures: s.measures.map((m: unknown) =>
            m !== null && typeof m === 'object' ? change(m as Record<string, unknown>) : m,
          ),
        }
      : s
  })
}

/** A stored snapshot as the current ReportContent: upgraded step by step, then checked. */
export function readReportSnapshot(stored: unknown): ReportContent {
  if (stored === null || typeof stored !== 'object' || Array.isArray(stored)) {
    throw new SnapshotError('The published report has no stored content')
  }
  let snapshot = stored as Record<string, unknown>
  let version = typeof snapshot.schemaVersion === 'number' ? snapshot.schemaVersion : 0
  while (version < REPORT_SCHEMA_VERSION) {
    const step = upgrades[version]
    if (!step) throw new SnapshotError(`No upgrade from report snapshot version ${version}`)
    snapshot = step(snapshot)
    version++
  }
  const parsed = reportContentSchema.safeParse(snapshot)
  if (!parsed.success) {
    const first = parsed.error.issues[0]
    throw new SnapshotError(
      `The published report's stored content is not valid (${first?.path.join('.') ?? ''}: ${first?.message ?? ''})`,
    )
  }
  return parsed.data
}
