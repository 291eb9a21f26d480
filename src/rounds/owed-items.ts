// What each person owes in a reporting round: milestone updates, objective updates, measure values, strand
// commentary and partner contributions, each with its owner, due date and whether it is done. The rules are
// one pure function (`owedItemsFrom`), so "my updates", returns tracking and reminders all read the same list.
import type { DbOrTx } from '../db/connect.js'
import type { Frequency } from '../shared/calendar.js'
import type { ReturnItemType } from '../db/database.js'
import { nextPeriod, periodEnd, periodLabel, quarterOf } from '../shared/calendar.js'
import { ownerText } from '../accounts/owners.js'
import { employerOf, loadOwedItemsData, type OwedItemsData, type RoundFacts } from './owed-items-repository.js'

export type { OwedItemsData, RoundFacts } from './owed-items-repository.js'

export type OwedItemOwner =
  | { kind: 'user'; userId: number; name: string; email: string }
  | { kind: 'contact'; contactId: number; name: string; email: string }
  | { kind: 'none'; label: string }

export interface OwedItem {
  type: ReturnItemType
  id: number
  title: string
  /** Where it sits, for people scanning a list: 'Strand 2 > Objective title'. */
  where: string
  strandId: number | null
  strandCode: string | null
  owner: OwedItemOwner
  /** ISO date it is due. */
  dueOn: string
  done: boolean
  doneAt: Date | null
  /** The user who did it, when known. */
  doneBy: number | null
  /** For a measure: the period whose value is expected (its first day); null for other items. */
  period: string | null
  /** That period as people read it ("Sep 2026", "Q2 2026/27", "2026/27"); null for other items. */
  periodLabel: string | null
  /** For a partner request: the partner organisation it is addressed to (its people may answer it). */
  partnerOrganisationId: number | null
}

/**
 * The period of a measure whose value a round expects: the latest period of the measure's frequency that
 * ends within the quarter and on or before the data cut-off. None when no such period ends in the quarter
 * (an annual measure outside the year's last quarter; a quarterly one when the cut-off is before the end).
 */
export function expectedPeriod(
  frequency: Frequency,
  round: Pick<RoundFacts, 'quarter_start' | 'data_cutoff_on'>,
): string | null {
  const quarter = quarterOf(round.quarter_start)
  const limit = round.data_cutoff_on < quarter.end ? round.data_cutoff_on : quarter.end
  // The first period that can end in the quarter: an annual measure's year began up to 9 months earlier.
  const first =
    frequency === 'annual'
      ? `${Number(quarter.start.slice(5, 7)) >= 4 ? quarter.start.slice(0, 4) : Number(quarter.start.slice(0, 4)) - 1}-04-01`
      : quarter.start
  let found: string | null = null
  for (let p = first; p <= quarter.end; p = nextPeriod(p, frequency)) {
    const end = periodEnd(p, frequency)
    if (end >= quarter.start && end <= limit) found = p
  }
  return found
}

const TYPE_ORDER: Record<ReturnItemType, number> = {
  milestone: 0,
  objective: 1,
  measure: 2,
  'partner-request': 3,
  strand: 4,
}

function shorten(text: string, max = 90): string {
  const line = text.replace(/\s+/g, ' ').trim()
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`
}

/** A partner request as a list names it: what was asked, shortened to a line. */
export function requestTitle(r: { description: string; partner: string }): string {
  return shorten(r.description) || `Contribution from ${r.partner}`
}

/** Where a partner request sits, for people scanning a list: 'Strand 2 > Request to Health'. */
export function requestWhere(r: { partner: string }, strandCode: string | null): string {
  return strandCode !== null ? `Strand ${strandCode} > Request to ${r.partner}` : `Request to ${r.partner}`
}

/** The owed items of a round, from its data: the rules, without a database. Sorted by due date, then plan order. */
export function owedItemsFrom(data: OwedItemsData, round: RoundFacts): OwedItem[] {
  const users = new Map(data.users.map((u) => [u.id, u]))
  const contacts = new Map(data.contacts.map((c) => [c.id, c]))
  const owner = (userId: number | null, contactId: number | null, label: string): OwedItemOwner => {
    const user = userId !== null ? users.get(userId) : undefined
    if (user) return { kind: 'user', userId: user.id, name: user.name, email: user.email }
    const contact = contactId !== null ? contacts.get(contactId) : undefined
    if (contact) return { kind: 'contact', contactId: contact.id, name: contact.name, email: contact.email }
    return { kind: 'none', label }
  }
  const returns = new Map(data.returns.map((r) => [`${r.itemType}:${r.itemId}`, r]))
  const returned = (type: ReturnItemType, id: number) => {
    const r = returns.get(`${type}:${id}`)
    return r ? { done: true, doneAt: r.returnedAt, doneBy: r.userId } : undefined
  }
  const notDone = { done: false, doneAt: null, doneBy: null }

  const activeStrands = data.strands.filter((s) => s.status === 'active')
  const strandById = new Map(activeStrands.map((s) => [s.id, s]))
  const strandOrder = new Map(activeStrands.map((s, i) => [s.id, i]))
  const activeObjectives = data.objectives.filter((o) => o.status === 'active' && strandById.has(o.strandId))
  const objectiveById = new Map(activeObjectives.map((o) => [o.id, o]))
  const items: Array<OwedItem & { order: number }> = []
  const base = { period: null, periodLabel: null, partnerOrganisationId: null }

  for (const m of data.milestones) {
    const objective = objectiveById.get(m.objectiveId)
    if (!objective) continue
    // Complete before the quarter began: nothing left to report. (Complete with no date: taken as before.)
    if (m.status === 'complete' && (m.completedOn === null || m.completedOn < round.quarter_start)) continue
    const strand = strandById.get(objective.strandId)!
    items.push({
      ...base,
      type: 'milestone',
      id: m.id,
      title: m.title,
      where: `Strand ${strand.code} > ${objective.title}`,
      strandId: strand.id,
      strandCode: strand.code,
      owner: owner(m.ownerUserId, m.ownerContactId, ownerText(null, m.ownerLabel)),
      dueOn: round.updates_due_on,
      ...(returned('milestone', m.id) ?? notDone),
      order: strandOrder.get(strand.id)!,
    })
  }

  for (const o of activeObjectives) {
    if (o.ownerUserId === null && o.ownerContactId === null) continue
    const strand = strandById.get(o.strandId)!
    items.push({
      ...base,
      type: 'objective',
      id: o.id,
      title: o.title,
      where: `Strand ${strand.code} > ${strand.title}`,
      strandId: strand.id,
      strandCode: strand.code,
      owner: owner(o.ownerUserId, o.ownerContactId, ownerText(null, o.ownerLabel)),
      dueOn: round.updates_due_on,
      ...(returned('objective', o.id) ?? notDone),
      order: strandOrder.get(strand.id)!,
    })
  }

  const values = new Map(data.measureValues.map((v) => [`${v.measureId}:${v.period}`, v]))
  for (const m of data.measures) {
    if (m.derived || (m.ownerUserId === null && m.ownerContactId === null)) continue
    const period = expectedPeriod(m.frequency, round)
    if (period === null) continue
    const strand = m.strandIds.map((id) => strandById.get(id)).find((s) => s !== undefined)
    const value = values.get(`${m.id}:${period}`)
    items.push({
      ...base,
      type: 'measure',
      id: m.id,
      title: m.name,
      where: strand ? `Strand ${strand.code} > Measure ${m.code}` : `Measure ${m.code}`,
      strandId: strand?.id ?? null,
      strandCode: strand?.code ?? null,
      owner: owner(m.ownerUserId, m.ownerContactId, ownerText(null, m.ownerLabel)),
      dueOn: round.updates_due_on,
      ...(value
        ? { done: true, doneAt: value.updatedAt, doneBy: returns.get(`measure:${m.id}`)?.userId ?? null }
        : (returned('measure', m.id) ?? notDone)),
      period,
      periodLabel: periodLabel(period, m.frequency),
      order: strand ? strandOrder.get(strand.id)! : activeStrands.length,
    })
  }

  for (const r of data.partnerRequests) {
    // Asked by the time the round locks; still awaited, or answered since the quarter began.
    if (r.requestedOn > round.locks_on) continue
    if (r.receivedOn !== null && r.receivedOn < round.quarter_start) continue
    const strand = r.strandId !== null ? strandById.get(r.strandId) : undefined
    const done =
      r.receivedOn !== null
        ? {
            done: true,
            doneAt: r.respondedAt ?? new Date(`${r.receivedOn}T00:00:00Z`),
            doneBy: r.respondedBy,
          }
        : (returned('partner-request', r.id) ?? notDone)
    items.push({
      type: 'partner-request',
      id: r.id,
      title: requestTitle(r),
      where: requestWhere(r, strand?.code ?? null),
      strandId: strand?.id ?? null,
      strandCode: strand?.code ?? null,
      owner: owner(r.ownerUserId, r.ownerContactId, `Unassigned (${r.partner})`),
      dueOn: r.dueOn,
      ...done,
      period: null,
      periodLabel: null,
      partnerOrganisationId: r.partnerOrganisationId,
      order: strand ? strandOrder.get(strand.id)! : activeStrands.length,
    })
  }

  const commentary = new Map(
    data.commentary.filter((c) => c.commentary.trim() !== '').map((c) => [c.strandId, c] as const),
  )
  for (const s of activeStrands) {
    const written = commentary.get(s.id)
    items.push({
      ...base,
      type: 'strand',
      id: s.id,
      title: `Commentary on strand ${s.code}: ${s.title}`,
      where: `Strand ${s.code}`,
      strandId: s.id,
      strandCode: s.code,
      owner: owner(s.leadUserId, s.leadContactId, ownerText(null, s.leadTitle)),
      dueOn: round.commentary_due_on,
      ...(written
        ? { done: true, doneAt: written.updatedAt, doneBy: written.updatedBy }
        : (returned('strand', s.id) ?? notDone)),
      order: strandOrder.get(s.id)!,
    })
  }

  return items
    .sort(
      (a, b) =>
        a.dueOn.localeCompare(b.dueOn) || a.order - b.order || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || a.id - b.id,
    )
    .map(({ order: _order, ...item }) => item)
}

/** Items a person must see on "my updates": what they own, and requests addressed to their organisation. */
export function isMine(item: OwedItem, person: { userId: number; employerOrganisationId: number | null }): boolean {
  if (item.owner.kind === 'user' && item.owner.userId === person.userId) return true
  return (
    item.type === 'partner-request' &&
    person.employerOrganisationId !== null &&
    item.partnerOrganisationId === person.employerOrganisationId
  )
}

/**
 * Who may send an item's update: its owner; for a partner request, anyone of the partner organisation it is
 * addressed to, and the improvement team; and for an item a contact owns (who has no account), the
 * improvement team, who record the contact's return for them.
 */
export function mayUpdate(
  item: {
    type: ReturnItemType
    ownerUserId: number | null
    ownerContactId: number | null
    partnerOrganisationId: number | null
  },
  person: { userId: number; employerOrganisationId: number | null; managesRounds: boolean },
): boolean {
  if (item.ownerUserId !== null && item.ownerUserId === person.userId) return true
  if (item.type === 'partner-request') {
    if (person.managesRounds) return true
    return person.employerOrganisationId !== null && item.partnerOrganisationId === person.employerOrganisationId
  }
  return person.managesRounds && item.ownerUserId === null && item.ownerContactId !== null
}

/** Every item owed in the round, by every owner (people with accounts, contacts, and items with no owner). */
export async function listOwedItems(db: DbOrTx, round: RoundFacts): Promise<OwedItem[]> {
  return owedItemsFrom(await loadOwedItemsData(db, round), round)
}

/** The items one person owes in the round, and the partner requests addressed to their organisation. */
export async function listMyItems(
  db: DbOrTx,
  round: RoundFacts,
  userId: number,
  employerOrganisationId?: number | null,
): Promise<OwedItem[]> {
  if (employerOrganisationId === undefined) employerOrganisationId = await employerOf(db, userId)
  return (await listOwedItems(db, round)).filter((item) => isMine(item, { userId, employerOrganisationId }))
}

export interface ReturnsCount {
  total: number
  done: number
  outstanding: number
  /** Whole per cent done; null when nothing is owed. */
  percentDone: number | null
}

export interface StrandReturns extends ReturnsCount {
  /** Null for items not linked to a strand (some measures and partner requests). */
  strandId: number | null
  strandCode: string | null
  label: string
}

export interface PersonReturns extends ReturnsCount {
  /** 'user:12', 'contact:3' or 'none'. */
  key: string
  owner: OwedItemOwner
  name: string
  /** Empty when there is no one to write to. */
  email: string
}

export interface ReturnsSummary extends ReturnsCount {
  byStrand: StrandReturns[]
  byPerson: PersonReturns[]
}

function count(items: OwedItem[]): ReturnsCount {
  const done = items.filter((i) => i.done).length
  return {
    total: items.length,
    done,
    outstanding: items.length - done,
    percentDone: items.length ? Math.round((100 * done) / items.length) : null,
  }
}

export function ownerKey(owner: OwedItemOwner): string {
  return owner.kind === 'user'
    ? `user:${owner.userId}`
    : owner.kind === 'contact'
      ? `contact:${owner.contactId}`
      : 'none'
}

/**
 * Counts and percentages for returns tracking: the whole round, each strand (in the order items first
 * appear by strand code) and each person (most outstanding first; items with no owner together).
 */
export function returnsSummary(items: OwedItem[]): ReturnsSummary {
  const strands = new Map<string, { strandId: number | null; strandCode: string | null; items: OwedItem[] }>()
  const people = new Map<string, { owner: OwedItemOwner; items: OwedItem[] }>()
  for (const item of items) {
    const sk = item.strandId === null ? 'none' : String(item.strandId)
    const s = strands.get(sk) ?? { strandId: item.strandId, strandCode: item.strandCode, items: [] }
    s.items.push(item)
    strands.set(sk, s)
    const pk = ownerKey(item.owner)
    const p = people.get(pk) ?? { owner: item.owner, items: [] }
    p.items.push(item)
    people.set(pk, p)
  }
  const byStrand = [...strands.values()]
    .map((s) => ({
      strandId: s.strandId,
      strandCode: s.strandCode,
      label: s.strandCode === null ? 'Not linked to a strand' : `Strand ${s.strandCode}`,
      ...count(s.items),
    }))
    .sort(
      (a, b) =>
        Number(a.strandCode === null) - Number(b.strandCode === null) ||
        (a.strandCode ?? '').localeCompare(b.strandCode ?? '', 'en', { numeric: true }),
    )
  const byPerson = [...people.entries()]
    .map(([key, p]) => ({
      key,
      owner: p.owner,
      name: p.owner.kind === 'none' ? 'No owner' : p.owner.name,
      email: p.owner.kind === 'none' ? '' : p.owner.email,
      ...count(p.items),
    }))
    .sort(
      (a, b) =>
        Number(a.key === 'none') - Number(b.key === 'none') ||
        b.outstanding - a.outstanding ||
        a.name.localeCompare(b.name),
    )
  return { ...count(items), byStrand, byPerson }
}
