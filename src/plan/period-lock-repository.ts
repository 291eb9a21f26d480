// Reads a council's reporting rounds for the lock (period-lock.ts has the rule): measures and reports call
// checkPeriodEdit before changing a quarter's data.
import type { DbOrTx } from '../db/connect.js'
import type { Role } from '../db/database.js'
import { todayIso } from '../shared/dates.js'
import { decidePeriodEdit, type PeriodEditDecision, type RoundLockFacts } from './period-lock.js'

/** A council's rounds, with what the lock needs: few (one a quarter), so read whole. */
export async function listRoundLocks(db: DbOrTx, organisationId: number): Promise<RoundLockFacts[]> {
  return db
    .selectFrom('reporting_round')
    .select(['id', 'quarter_start', 'locks_on', 'locked_at', 'unlocked_at', 'unlock_reason'])
    .where('organisation_id', '=', organisationId)
    .execute()
}

/** Reads the council's rounds and decides: may this role change data for periods ending on these days today? */
export async function checkPeriodEdit(
  db: DbOrTx,
  council: { organisationId: number; role: Role },
  periodEnds: readonly string[],
  today: string = todayIso(),
): Promise<PeriodEditDecision> {
  if (periodEnds.length === 0) return { allowed: true, auditNote: '' }
  return decidePeriodEdit(council.role, await listRoundLocks(db, council.organisationId), periodEnds, today)
}
