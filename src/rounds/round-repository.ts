// Reporting rounds in the database: opened for a quarter (one per quarter per council), their dates changed
// until the lock, locked (by hand, or by the scheduler on the lock date), reopened with a reason, and locked
// again. Every change is audited in the same transaction.
import { sql } from 'kysely'
import type { Db, DbOrTx, Tx } from '../db/connect.js'
import type { ReportingRound } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { quarterOf } from '../shared/calendar.js'
import { formatDate, todayIso } from '../shared/dates.js'
import { lockState, lockTookEffectAt } from '../plan/period-lock.js'
import type { RoundDates } from './round-rules.js'
import { isUniqueViolation } from '../db/errors.js'

export async function listRounds(db: DbOrTx, organisationId: number): Promise<ReportingRound[]> {
  return db
    .selectFrom('reporting_round')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('quarter_start', 'desc')
    .execute()
}

/** One of the council's rounds (undefined for another council's: it does not exist for this one). */
export async function findRound(db: DbOrTx, organisationId: number, id: number) {
  return db
    .selectFrom('reporting_round')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function findRoundForQuarter(db: DbOrTx, organisationId: number, quarterStart: string) {
  return db
    .selectFrom('reporting_round')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('quarter_start', '=', quarterStart)
    .executeTakeFirst()
}

/** Thrown when a change is refused by the round's rules; its message is for people. */
export class RoundRuleError extends Error {}

export interface RoundInput extends RoundDates {
  reminder_days: number
}

function datesSummary(d: RoundInput): string {
  return (
    `cut-off ${formatDate(d.data_cutoff_on)}, updates due ${formatDate(d.updates_due_on)}, ` +
    `commentary due ${formatDate(d.commentary_due_on)}, locks ${formatDate(d.locks_on)}`
  )
}

/** Opens a round for a quarter. A second round for the same quarter is refused (RoundRuleError). */
export async function openRound(trx: Tx, actor: Actor, quarterStart: string, input: RoundInput) {
  const label = quarterOf(quarterStart).label
  const exists = () => new RoundRuleError(`A round for ${label} is already open: change its dates instead`)
  if (await findRoundForQuarter(trx, actor.organisationId, quarterStart)) throw exists()
  // One round at a time: "my updates" and the reminders then always mean the same round.
  const stillOpen = await findUnlockedRound(trx, actor.organisationId, todayIso())
  if (stillOpen) throw new RoundRuleError(stillOpenMessage(stillOpen))
  let round: ReportingRound
  try {
    round = await trx
      .insertInto('reporting_round')
      .values({ organisation_id: actor.organisationId, quarter_start: quarterStart, opened_by: actor.userId, ...input })
      .returningAll()
      .executeTakeFirstOrThrow()
  } catch (error) {
    // Another person opened it at the same moment: the unique index decides.
    if (isUniqueViolation(error)) throw exists()
    throw error
  }
  await recordAudit(trx, actor, {
    entityType: 'reporting_round',
    entityId: round.id,
    action: 'open',
    summary: `Opened the reporting round for ${label}: ${datesSummary(input)}`,
    after: input,
  })
  return round
}

/** A round of the council that has not locked yet (or was reopened), if there is one. */
export async function findUnlockedRound(db: DbOrTx, organisationId: number, today: string) {
  const rounds = await db
    .selectFrom('reporting_round')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('quarter_start')
    .execute()
  return rounds.find((r) => lockState(r, today) !== 'locked')
}

/** Why a new round cannot be opened while this one is still open. */
export function stillOpenMessage(round: ReportingRound): string {
  const label = quarterOf(round.quarter_start).label
  return `The ${label} round is still open: only one round can be open at a time. Lock it on its page (or wait until it locks on ${formatDate(round.locks_on)}), then open the next`
}

/** Changes a round's dates and reminder days; refused once it has locked. */
export async function updateRound(trx: Tx, actor: Actor, round: ReportingRound, input: RoundInput, now: Date) {
  if (lockState(round, todayIso(now)) !== 'open')
    throw new RoundRuleError('This round has locked: its dates can no longer be changed')
  const updated = await trx
    .updateTable('reporting_round')
    .set(input)
    .where('id', '=', round.id)
    .where('locked_at', 'is', null)
    .where('unlocked_at', 'is', null)
    .returning('id')
    .executeTakeFirst()
  if (!updated) throw new RoundRuleError('This round has locked: its dates can no longer be changed')
  const before: RoundInput = {
    data_cutoff_on: round.data_cutoff_on,
    updates_due_on: round.updates_due_on,
    commentary_due_on: round.commentary_due_on,
    locks_on: round.locks_on,
    reminder_days: round.reminder_days,
  }
  await recordAudit(trx, actor, {
    entityType: 'reporting_round',
    entityId: round.id,
    action: 'update',
    summary: `Changed the dates of the ${quarterOf(round.quarter_start).label} reporting round: ${datesSummary(input)}`,
    before,
    after: input,
  })
}

/**
 * Locks a round now: early, by hand, or again after it was reopened (which ends the reopening). Refused when
 * it is already locked. The report for the quarter then reads the plan as it stood at this moment.
 */
export async function lockRound(trx: Tx, actor: Actor, round: ReportingRound, now: Date) {
  const state = lockState(round, todayIso(now))
  if (state === 'locked') throw new RoundRuleError('This round is already locked')
  await trx
    .updateTable('reporting_round')
    .set({ locked_at: now, unlocked_at: null, unlocked_by: null, unlock_reason: '' })
    .where('id', '=', round.id)
    .execute()
  const label = quarterOf(round.quarter_start).label
  await recordAudit(trx, actor, {
    entityType: 'reporting_round',
    entityId: round.id,
    action: 'lock',
    summary:
      state === 'reopened'
        ? `Locked ${label} again after correcting it (${round.unlock_reason})`
        : `Locked ${label} before its lock date of ${formatDate(round.locks_on)}`,
    before: { locked_at: round.locked_at, unlocked_at: round.unlocked_at, unlock_reason: round.unlock_reason },
    after: { locked_at: now, unlocked_at: null, unlock_reason: '' },
  })
}

/** Reopens a locked round so the improvement team can correct its data; the reason is required and audited. */
export async function unlockRound(trx: Tx, actor: Actor, round: ReportingRound, reason: string, now: Date) {
  if (lockState(round, todayIso(now)) !== 'locked') throw new RoundRuleError('Only a locked round can be reopened')
  const trimmed = reason.trim()
  if (!trimmed) throw new RoundRuleError('Enter why the round is being reopened')
  // A round locked by its date before the scheduler ran keeps the moment its lock took effect.
  const lockedAt = lockTookEffectAt(round)
  await trx
    .updateTable('reporting_round')
    .set({ locked_at: lockedAt, unlocked_at: now, unlocked_by: actor.userId, unlock_reason: trimmed })
    .where('id', '=', round.id)
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'reporting_round',
    entityId: round.id,
    action: 'unlock',
    summary: `Reopened ${quarterOf(round.quarter_start).label} to correct it: ${trimmed}`,
    before: { locked_at: round.locked_at, unlocked_at: null },
    after: { locked_at: lockedAt, unlocked_at: now, unlock_reason: trimmed },
  })
}

/**
 * The scheduler's part: every round whose lock date has come and that is neither locked nor reopened is
 * locked now, audited as done by the system. Returns how many it locked.
 */
export async function applyDueLocks(db: Db, now: Date): Promise<number> {
  const today = todayIso(now)
  const due = await db
    .selectFrom('reporting_round')
    .selectAll()
    .where('locked_at', 'is', null)
    .where('unlocked_at', 'is', null)
    .where('locks_on', '<=', today)
    .execute()
  let locked = 0
  for (const round of due) {
    const done = await db.transaction().execute(async (trx) => {
      const row = await trx
        .updateTable('reporting_round')
        .set({ locked_at: now })
        .where('id', '=', round.id)
        .where('locked_at', 'is', null)
        .where('unlocked_at', 'is', null)
        .returning('id')
        .executeTakeFirst()
      if (!row) return false
      await recordAudit(
        trx,
        { userId: null, organisationId: round.organisation_id },
        {
          entityType: 'reporting_round',
          entityId: round.id,
          action: 'lock',
          summary: `${quarterOf(round.quarter_start).label} locked on its lock date, ${formatDate(round.locks_on)}`,
          before: { locked_at: null },
          after: { locked_at: now },
        },
      )
      return true
    })
    if (done) locked += 1
  }
  return locked
}

/**
 * Takes the round's scheduled-mail lock for the rest of this transaction, or answers false at once when another
 * transaction holds it: another process's scheduler is queuing the same round's mail, and the dedupe keys stop a
 * later run from queuing it again. A PostgreSQL advisory lock (PGlite has them too), freed at commit or rollback.
 */
export async function tryLockRoundMail(trx: Tx, roundId: number): Promise<boolean> {
  const key = sql`hashtext('turnaround round mail'), cast(${roundId} as integer)`
  const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_xact_lock(${key}) as locked`.execute(trx)
  return rows[0]?.locked === true
}

/** Which of these people's accounts are switched off (they are not reminded). */
export async function inactiveUserIds(db: DbOrTx, userIds: readonly number[]): Promise<Set<number>> {
  if (!userIds.length) return new Set()
  const rows = await db
    .selectFrom('app_user')
    .select('id')
    .where('id', 'in', [...userIds])
    .where('active', '=', false)
    .execute()
  return new Set(rows.map((r) => r.id))
}

/** Who receives a round's digests: the council's improvement team (active accounts). */
export async function improvementTeamAddresses(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('membership')
    .innerJoin('app_user', 'app_user.id', 'membership.user_id')
    .select(['app_user.id', 'app_user.email'])
    .where('membership.organisation_id', '=', organisationId)
    .where('membership.role', '=', 'improvement-team')
    .where('app_user.active', '=', true)
    .orderBy('app_user.id')
    .execute()
}

/** Every council's rounds neither locked by hand nor reopened, with the council's slug and name (the scheduler's). */
export async function listRoundsForMail(db: DbOrTx) {
  return db
    .selectFrom('reporting_round')
    .innerJoin('organisation', 'organisation.id', 'reporting_round.organisation_id')
    .selectAll('reporting_round')
    .select(['organisation.slug', 'organisation.name'])
    .where('reporting_round.unlocked_at', 'is', null)
    .where('reporting_round.locked_at', 'is', null)
    .execute()
}

/** A person's name as shown (who reopened a round). */
export async function userName(db: DbOrTx, userId: number | null): Promise<string | null> {
  if (userId === null) return null
  const row = await db.selectFrom('app_user').select('display_name').where('id', '=', userId).executeTakeFirst()
  return row?.display_name ?? null
}
