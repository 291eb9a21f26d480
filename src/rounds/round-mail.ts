// Email for reporting rounds: a reminder to each person with items outstanding (by hand from the round page,
// or by the scheduler before each deadline and on the day), and a digest of the returns to the improvement
// team after each deadline. Each is queued in the outbox (src/mail/outbox.ts) in a transaction with its audit
// entry; scheduled messages carry dedupe keys, so however often the job runs each goes once.
import type { Db, DbOrTx, Tx } from '../db/connect.js'
import type { ReportingRound } from '../db/database.js'
import { queueMail } from '../mail/outbox.js'
import { recordAudit, type AuditActor } from '../audit/audit-repository.js'
import { paths } from '../web/paths.js'
import { quarterOf } from '../shared/calendar.js'
import { formatDate, todayIso } from '../shared/dates.js'
import { lockState } from '../plan/period-lock.js'
import { listOwedItems, ownerKey, returnsSummary, type OwedItem } from './owed-items.js'
import { DEADLINE_LABELS, deadlineOf, reminderDue, type Deadline, type DueMail } from './round-rules.js'
import {
  applyDueLocks,
  improvementTeamAddresses,
  inactiveUserIds,
  listRoundsForMail,
  tryLockRoundMail,
} from './round-repository.js'

export interface Council {
  organisationId: number
  slug: string
  name: string
}

/** One person (or contact) and the items they have outstanding. */
export interface Outstanding {
  key: string
  name: string
  to: { userId: number | null; email: string }
  items: OwedItem[]
}

/**
 * The people with items outstanding, each with their items (soonest due first). Items with no owner, and
 * owners without an email address or whose account is switched off, cannot be reminded and are left out.
 */
export function outstandingPeople(items: readonly OwedItem[], inactiveUserIds: ReadonlySet<number> = new Set()) {
  const people = new Map<string, Outstanding>()
  for (const item of items) {
    if (item.done || item.owner.kind === 'none' || !item.owner.email.trim()) continue
    if (item.owner.kind === 'user' && inactiveUserIds.has(item.owner.userId)) continue
    const key = ownerKey(item.owner)
    const person = people.get(key) ?? {
      key,
      name: item.owner.name,
      to: { userId: item.owner.kind === 'user' ? item.owner.userId : null, email: item.owner.email },
      items: [],
    }
    person.items.push(item)
    people.set(key, person)
  }
  return [...people.values()].sort((a, b) => a.name.localeCompare(b.name))
}

const ITEM_TYPE_WORDS: Record<OwedItem['type'], string> = {
  milestone: 'Milestone',
  objective: 'Objective update',
  measure: 'Measure value',
  strand: 'Strand commentary',
  'partner-request': 'Contribution',
}

function itemLines(items: readonly OwedItem[]): string {
  return items
    .map((i) => `- ${ITEM_TYPE_WORDS[i.type]}: ${i.title} (${i.where}). Due ${formatDate(i.dueOn)}.`)
    .join('\n')
}

/** A reminder's text. People with an account get the link to their updates; contacts get the list only. */
export function reminderText(
  person: Outstanding,
  round: Pick<ReportingRound, 'quarter_start'>,
  council: Council,
  publicUrl: string,
  lead: string,
): { subject: string; body: string } {
  const label = quarterOf(round.quarter_start).label
  const link = `${publicUrl}${paths.council.myUpdates(council.slug)}`
  const how =
    person.to.userId !== null
      ? `Update them on "My updates": ${link}`
      : `Please send your update to the improvement team at ${council.name}.`
  return {
    subject: `${label} updates for ${council.name}: ${person.items.length} outstanding`,
    body: `Dear ${person.name},\n\n${lead}\n\n${itemLines(person.items)}\n\n${how}\n\nThank you.\n`,
  }
}

export interface RemindResult {
  queued: number
  optedOut: number
}

/**
 * Reminds everyone with items outstanding, in one action from the round page (category 'reminder'), and
 * audits how many. A second click the same day sends nothing more (the dedupe key names the day).
 */
export async function remindOutstanding(
  trx: Tx,
  actor: { userId: number; organisationId: number },
  round: ReportingRound,
  council: Council,
  items: readonly OwedItem[],
  publicUrl: string,
  now: Date,
): Promise<RemindResult> {
  const people = outstandingPeople(items, await inactiveUsers(trx, items))
  const label = quarterOf(round.quarter_start).label
  const result: RemindResult = { queued: 0, optedOut: 0 }
  for (const person of people) {
    const text = reminderText(
      person,
      round,
      council,
      publicUrl,
      `The improvement team is asking for your ${label} updates. These are still outstanding:`,
    )
    const outcome = await queueMail(trx, {
      organisationId: council.organisationId,
      to: person.to,
      category: 'reminder',
      template: 'round-reminder',
      ...text,
      dedupeKey: `round:${round.id}:by-hand:${todayIso(now)}:${person.to.email.toLowerCase()}`,
    })
    if (outcome === 'queued') result.queued += 1
    if (outcome === 'opted-out') result.optedOut += 1
  }
  await recordAudit(trx, actor, {
    entityType: 'reporting_round',
    entityId: round.id,
    action: 'remind',
    summary: `Reminded ${peopleCount(result.queued)} with ${label} items outstanding${
      result.optedOut ? ` (${peopleCount(result.optedOut)} had turned reminders off)` : ''
    }`,
    after: { queued: result.queued, optedOut: result.optedOut, people: people.map((p) => p.to.email) },
  })
  return result
}

export function peopleCount(n: number): string {
  return `${n} ${n === 1 ? 'person' : 'people'}`
}

async function inactiveUsers(db: DbOrTx, items: readonly OwedItem[]): Promise<Set<number>> {
  return inactiveUserIds(db, [...new Set(items.flatMap((i) => (i.owner.kind === 'user' ? [i.owner.userId] : [])))])
}

function scheduledLead(due: Extract<DueMail, { kind: 'reminder' }>, label: string): string {
  const what = `${label} ${DEADLINE_LABELS[due.deadline]}`
  return due.when === 'on-the-day'
    ? `The deadline for ${what} is today, ${formatDate(due.dueOn)}. These are still outstanding:`
    : `The deadline for ${what} is ${formatDate(due.dueOn)}. These are still outstanding:`
}

/** The digest's text: the returns by strand and by person, and who is outstanding. */
export function digestText(
  round: Pick<ReportingRound, 'quarter_start'>,
  council: Council,
  deadline: Deadline,
  dueOn: string,
  items: readonly OwedItem[],
  publicUrl: string,
  roundId: number,
): { subject: string; body: string } {
  const label = quarterOf(round.quarter_start).label
  const summary = returnsSummary([...items])
  const pct = (n: number | null) => (n === null ? 'nothing owed' : `${n}% done`)
  const lines = [
    `The deadline for ${label} ${DEADLINE_LABELS[deadline]} was ${formatDate(dueOn)}.`,
    '',
    `All items: ${summary.done} of ${summary.total} done (${pct(summary.percentDone)}), ${summary.outstanding} outstanding.`,
    '',
    'By strand:',
    ...summary.byStrand.map((s) => `- ${s.label}: ${s.done} of ${s.total} done (${pct(s.percentDone)})`),
    '',
    'Outstanding, by person:',
    ...(summary.byPerson.some((p) => p.outstanding > 0)
      ? summary.byPerson
          .filter((p) => p.outstanding > 0)
          .map((p) => `- ${p.name}: ${p.outstanding} outstanding of ${p.total}`)
      : ['- No one: every item is done.']),
    '',
    `See the returns: ${publicUrl}${paths.council.round(council.slug, roundId)}`,
  ]
  return {
    subject: `${label} returns for ${council.name} after the ${DEADLINE_LABELS[deadline]} deadline`,
    body: lines.join('\n') + '\n',
  }
}

/**
 * The scheduler's mail: for every open round of every council, the reminders and digests due today
 * (round-rules.ts reminderDue). Returns how many messages it queued. Safe with several app processes each running
 * the scheduler: a round's mail is queued under its lock (tryLockRoundMail), and each message once (dedupe keys).
 */
export async function queueDueRoundMail(db: Db, now: Date, publicUrl: string): Promise<number> {
  const today = todayIso(now)
  const rounds = await listRoundsForMail(db)
  let queued = 0
  for (const { slug, name, ...round } of rounds) {
    if (lockState(round, today) !== 'open') continue
    const due = reminderDue(round, today)
    if (!due.length) continue
    const council: Council = { organisationId: round.organisation_id, slug, name }
    const items = await listOwedItems(db, round)
    const inactive = await inactiveUsers(db, items)
    const label = quarterOf(round.quarter_start).label
    queued += await db.transaction().execute(async (trx) => {
      // Another process running the scheduler at the same moment has this round: leave it to that one.
      if (!(await tryLockRoundMail(trx, round.id))) return 0
      let count = 0
      const sent: string[] = []
      for (const mail of due) {
        if (mail.kind === 'reminder') {
          const owed = items.filter((i) => deadlineOf(round, i.dueOn) === mail.deadline)
          let people = 0
          for (const person of outstandingPeople(owed, inactive)) {
            const outcome = await queueMail(trx, {
              organisationId: council.organisationId,
              to: person.to,
              category: 'reminder',
              template: 'round-reminder',
              ...reminderText(person, round, council, publicUrl, scheduledLead(mail, label)),
              dedupeKey: `round:${round.id}:${mail.deadline}:${mail.dueOn}:${mail.when}:${person.to.email.toLowerCase()}`,
            })
            if (outcome === 'queued') people += 1
          }
          if (people)
            sent.push(
              `${mail.when === 'on-the-day' ? 'on the day' : 'before'} the ${DEADLINE_LABELS[mail.deadline]} deadline to ${peopleCount(people)}`,
            )
          count += people
        } else {
          const text = digestText(round, council, mail.deadline, mail.dueOn, items, publicUrl, round.id)
          let people = 0
          for (const member of await improvementTeamAddresses(trx, council.organisationId)) {
            const outcome = await queueMail(trx, {
              organisationId: council.organisationId,
              to: { userId: member.id, email: member.email },
              category: 'digest',
              template: 'round-digest',
              ...text,
              dedupeKey: `round:${round.id}:digest:${mail.deadline}:${mail.dueOn}:${member.email.toLowerCase()}`,
            })
            if (outcome === 'queued') people += 1
          }
          if (people) sent.push(`the ${DEADLINE_LABELS[mail.deadline]} digest to ${peopleCount(people)}`)
          count += people
        }
      }
      if (sent.length) {
        const system: AuditActor = { userId: null, organisationId: council.organisationId }
        await recordAudit(trx, system, {
          entityType: 'reporting_round',
          entityId: round.id,
          action: 'remind',
          summary: `Sent ${label} round mail: ${sent.join('; ')}`,
        })
      }
      return count
    })
  }
  return queued
}

/** Everything the background jobs run for rounds: locks that are due, then the mail due today. */
export async function runRoundJobs(db: Db, now: Date, publicUrl: string): Promise<{ locked: number; queued: number }> {
  const locked = await applyDueLocks(db, now)
  const queued = await queueDueRoundMail(db, now, publicUrl)
  return { locked, queued }
}
