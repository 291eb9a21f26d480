// Assigning owners in bulk: every item that can have an owner (the live plan's strands, objectives and
// milestones, the council's measures and its open requests to partners) in one list, with who owns it now,
// and one assignment to many of them at once, all or nothing. It lives with the partner requests (the
// highest of the areas whose items it lists) and changes each item through its own area's repository.
import type { DbOrTx, Tx } from '../db/connect.js'
import type { Milestone, Objective } from '../db/database.js'
import type { Actor } from '../audit/audit-repository.js'
import {
  describeOwner,
  isUnassigned,
  leadOf,
  ownerOf,
  sameOwner,
  type Owner,
  type OwnerChoices,
} from '../accounts/owners.js'
import { loadOwnerChoices } from '../accounts/owner-repository.js'
import { assignPlanItemOwner, findCurrentPlan, loadPlanTree, type StrandWithLead } from '../plan/plan-repository.js'
import { assignMeasureOwner, listMeasureLinks, listMeasures, type MeasureRow } from '../measures/measure-repository.js'
import { assignPartnerRequestOwner, listPartnerRequests } from './partner-request-repository.js'

export const OWNED_ITEM_TYPES = ['strand', 'objective', 'milestone', 'measure', 'partner-request'] as const
export type OwnedItemType = (typeof OWNED_ITEM_TYPES)[number]

export const OWNED_ITEM_LABELS: Record<OwnedItemType, string> = {
  strand: 'Strand',
  objective: 'Objective',
  milestone: 'Milestone',
  measure: 'Measure',
  'partner-request': 'Request to a partner',
}

type PartnerRequestRow = Awaited<ReturnType<typeof listPartnerRequests>>[number]

type ItemRow =
  | { type: 'strand'; row: StrandWithLead }
  | { type: 'objective'; row: Objective }
  | { type: 'milestone'; row: Milestone }
  | { type: 'measure'; row: MeasureRow }
  | { type: 'partner-request'; row: PartnerRequestRow }

export type OwnedItem = ItemRow & {
  /** 'milestone:12': the value of its checkbox. */
  key: string
  title: string
  /** Where it sits: its strand, or its strand and objective. */
  context: string
  /** The strands it belongs to or is linked with (for the strand filter). */
  strandIds: number[]
  owner: Owner
  /** The role label beside the owner ('' for a request to a partner). */
  label: string
  ownerText: string
  unassigned: boolean
}

export const itemKey = (type: OwnedItemType, id: number) => `${type}:${id}`

/**
 * Every item of the council that can have an owner, in plan order, then measures, then open requests to
 * partners. Retired strands and objectives, and requests already answered, are left out.
 */
export async function listOwnedItems(
  db: DbOrTx,
  organisationId: number,
  choices?: OwnerChoices,
): Promise<{ items: OwnedItem[]; strands: StrandWithLead[] }> {
  const plan = await findCurrentPlan(db, organisationId)
  const [tree, measures, links, requests, people] = await Promise.all([
    plan ? loadPlanTree(db, plan.id) : Promise.resolve({ strands: [] }),
    listMeasures(db, organisationId),
    listMeasureLinks(db, organisationId),
    listPartnerRequests(db, organisationId),
    choices ? Promise.resolve(choices) : loadOwnerChoices(db, organisationId),
  ])
  const item = (
    row: ItemRow,
    fields: { id: number; title: string; context: string; strandIds: number[] },
  ): OwnedItem => {
    const owner = row.type === 'strand' ? leadOf(row.row) : ownerOf(row.row)
    const label = row.type === 'strand' ? row.row.lead_title : row.type === 'partner-request' ? '' : row.row.owner
    return {
      ...row,
      key: itemKey(row.type, fields.id),
      title: fields.title,
      context: fields.context,
      strandIds: fields.strandIds,
      owner,
      label,
      ownerText: describeOwner(owner, label, people),
      unassigned: isUnassigned(owner, people),
    }
  }
  const strands = tree.strands.filter((s) => s.status === 'active')
  const items: OwnedItem[] = []
  for (const s of strands) {
    const strandName = `Strand ${s.code}: ${s.title}`
    items.push(item({ type: 'strand', row: s }, { id: s.id, title: strandName, context: '', strandIds: [s.id] }))
    for (const o of s.objectives.filter((o) => o.status === 'active')) {
      items.push(
        item({ type: 'objective', row: o }, { id: o.id, title: o.title, context: strandName, strandIds: [s.id] }),
      )
      for (const m of o.milestones) {
        items.push(
          item(
            { type: 'milestone', row: m },
            { id: m.id, title: m.title, context: `${strandName}. ${o.title}`, strandIds: [s.id] },
          ),
        )
      }
    }
  }
  for (const m of measures) {
    const strandIds = links.strands.filter((l) => l.measure_id === m.id).map((l) => l.strand_id)
    items.push(item({ type: 'measure', row: m }, { id: m.id, title: m.name, context: '', strandIds }))
  }
  for (const r of requests.filter((r) => r.received_on === null)) {
    items.push(
      item(
        { type: 'partner-request', row: r },
        {
          id: r.id,
          title: `${r.partner}: ${r.description}`,
          context: r.strand_code ? `Strand ${r.strand_code}: ${r.strand_title ?? ''}` : '',
          strandIds: r.strand_id ? [r.strand_id] : [],
        },
      ),
    )
  }
  return { items, strands }
}

export interface OwnerFilters {
  type: OwnedItemType | null
  unassignedOnly: boolean
  strandId: number | null
}

export function filterItems(items: OwnedItem[], filters: OwnerFilters): OwnedItem[] {
  return items.filter(
    (i) =>
      (filters.type === null || i.type === filters.type) &&
      (!filters.unassignedOnly || i.unassigned) &&
      (filters.strandId === null || i.strandIds.includes(filters.strandId)),
  )
}

/** A selected item that is not (or no longer) one of the council's: nothing is assigned. */
export class StaleSelectionError extends Error {
  constructor(readonly keys: string[]) {
    super(`Not assignable here: ${keys.join(', ')}`)
  }
}

/**
 * Assigns every selected item to `owner` in the caller's transaction: all or none. An item that is not the
 * council's, or no longer listed (deleted, retired, answered), throws StaleSelectionError; an owner from
 * outside the council throws OwnerNotInCouncilError (from the repositories). Items that already have this
 * owner are left alone. Each change is audited as an assignment by its own repository.
 */
export async function assignOwners(
  trx: Tx,
  actor: Actor,
  keys: string[],
  owner: Owner,
): Promise<{ assigned: number; unchanged: number; ownerText: string }> {
  const choices = await loadOwnerChoices(trx, actor.organisationId)
  const { items } = await listOwnedItems(trx, actor.organisationId, choices)
  const byKey = new Map(items.map((i) => [i.key, i]))
  const unique = [...new Set(keys)]
  const missing = unique.filter((k) => !byKey.has(k))
  if (missing.length) throw new StaleSelectionError(missing)
  let assigned = 0
  for (const key of unique) {
    const item = byKey.get(key)!
    if (sameOwner(item.owner, owner)) continue
    const texts = { before: item.ownerText, after: describeOwner(owner, item.label, choices) }
    if (item.type === 'strand') await assignPlanItemOwner(trx, actor, 'strand', item.row, owner, texts)
    else if (item.type === 'objective') await assignPlanItemOwner(trx, actor, 'objective', item.row, owner, texts)
    else if (item.type === 'milestone') await assignPlanItemOwner(trx, actor, 'milestone', item.row, owner, texts)
    else if (item.type === 'measure') await assignMeasureOwner(trx, actor, item.row, owner, texts)
    else await assignPartnerRequestOwner(trx, actor, item.row, owner, texts)
    assigned++
  }
  return { assigned, unchanged: unique.length - assigned, ownerText: describeOwner(owner, '', choices) }
}
