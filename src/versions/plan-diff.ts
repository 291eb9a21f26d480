// What changed between two plan snapshots. Items are matched by id, so a renamed strand is "changed",
// not "removed and added". Pure: no database, unit-tested.
import type { MilestoneSnapshot, ObjectiveSnapshot, PlanSnapshot, StrandSnapshot } from './plan-snapshot.js'
import { plainText } from '../shared/text.js'

export type EntityKind = 'strand' | 'objective' | 'milestone'

export interface FieldChange {
  field: string
  before: string
  after: string
}

export interface PlanChange {
  kind: 'added' | 'removed' | 'changed' | 'moved'
  entity: EntityKind
  /** Where the item sits, e.g. "Strand 3a > Objective title" */
  context: string
  label: string
  fields: FieldChange[]
}

const FIELD_LABELS: Record<string, string> = {
  code: 'Code',
  half: 'Half',
  title: 'Title',
  leadTitle: 'Lead',
  status: 'Status',
  description: 'Description',
  owner: 'Owner',
  dueOn: 'Due date',
  completedOn: 'Completed on',
  evidence: 'Evidence',
}

type Comparable = Record<string, unknown>

function fieldChanges(before: Comparable, after: Comparable, fields: string[]): FieldChange[] {
  return fields
    .filter((f) => plainText(before[f]) !== plainText(after[f]))
    .map((f) => ({ field: FIELD_LABELS[f] ?? f, before: plainText(before[f]), after: plainText(after[f]) }))
}

const STRAND_FIELDS = ['code', 'half', 'title', 'leadTitle', 'status']
const OBJECTIVE_FIELDS = ['title', 'description', 'status']
const MILESTONE_FIELDS = ['title', 'owner', 'dueOn', 'status', 'completedOn', 'evidence']

function strandLabel(s: StrandSnapshot) {
  return `Strand ${s.code}: ${s.title}`
}

export function diffPlans(from: PlanSnapshot, to: PlanSnapshot): PlanChange[] {
  const changes: PlanChange[] = []
  const fromStrands = new Map(from.strands.map((s) => [s.id, s]))
  const toStrands = new Map(to.strands.map((s) => [s.id, s]))
  const orderOf = (list: { id: number }[]) => list.map((x) => x.id).join(',')

  for (const s of to.strands) {
    const before = fromStrands.get(s.id)
    if (!before) {
      changes.push({ kind: 'added', entity: 'strand', context: '', label: strandLabel(s), fields: [] })
      for (const o of s.objectives) addObjective(changes, strandLabel(s), o, 'added')
      continue
    }
    const fields = fieldChanges(before as unknown as Comparable, s as unknown as Comparable, STRAND_FIELDS)
    if (fields.length) changes.push({ kind: 'changed', entity: 'strand', context: '', label: strandLabel(s), fields })
    diffObjectives(changes, strandLabel(s), before.objectives, s.objectives)
  }
  for (const s of from.strands) {
    if (!toStrands.has(s.id)) {
      changes.push({ kind: 'removed', entity: 'strand', context: '', label: strandLabel(s), fields: [] })
    }
  }
  const kept = (list: StrandSnapshot[], other: Map<number, StrandSnapshot>) => list.filter((s) => other.has(s.id))
  if (orderOf(kept(from.strands, toStrands)) !== orderOf(kept(to.strands, fromStrands))) {
    changes.push({ kind: 'moved', entity: 'strand', context: '', label: 'The order of strands changed', fields: [] })
  }
  return changes
}

function addObjective(changes: PlanChange[], context: string, o: ObjectiveSnapshot, kind: 'added' | 'removed') {
  changes.push({ kind, entity: 'objective', context, label: o.title, fields: [] })
  for (const m of o.milestones) {
    changes.push({ kind, entity: 'milestone', context: `${context} > ${o.title}`, label: m.title, fields: [] })
  }
}

function diffObjectives(changes: PlanChange[], context: string, from: ObjectiveSnapshot[], to: ObjectiveSnapshot[]) {
  const fromById = new Map(from.map((o) => [o.id, o]))
  const toIds = new Set(to.map((o) => o.id))
  for (const o of to) {
    const before = fromById.get(o.id)
    if (!before) {
      addObjective(changes, context, o, 'added')
      continue
    }
    const fields = fieldChanges(before as unknown as Comparable, o as unknown as Comparable, OBJECTIVE_FIELDS)
    if (fields.length) changes.push({ kind: 'changed', entity: 'objective', context, label: o.title, fields })
    diffMilestones(changes, `${context} > ${o.title}`, before.milestones, o.milestones)
  }
  for (const o of from) if (!toIds.has(o.id)) addObjective(changes, context, o, 'removed')
}

function diffMilestones(changes: PlanChange[], context: string, from: MilestoneSnapshot[], to: MilestoneSnapshot[]) {
  const fromById = new Map(from.map((m) => [m.id, m]))
  const toIds = new Set(to.map((m) => m.id))
  for (const m of to) {
    const before = fromById.get(m.id)
    if (!before) {
      changes.push({ kind: 'added', entity: 'milestone', context, label: m.title, fields: [] })
      continue
    }
    const fields = fieldChanges(before as unknown as Comparable, m as unknown as Comparable, MILESTONE_FIELDS)
    if (fields.length) changes.push({ kind: 'changed', entity: 'milestone', context, label: m.title, fields })
  }
  for (const m of from) {
    if (!toIds.has(m.id)) changes.push({ kind: 'removed', entity: 'milestone', context, label: m.title, fields: [] })
  }
}
