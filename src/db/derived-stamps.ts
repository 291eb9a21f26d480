// The stamps of the inputs to derived figures (migration 0023): a counter per scope that triggers raise on every
// change to the scope's tables. Every app process reads the same stamps, so a figure cached in one process is
// dropped as soon as another process changes its inputs.
import type { DbOrTx } from './connect.js'
import type { DerivedCache } from '../shared/derived-cache.js'

export type StampScope = 'measures' | 'national'

export async function readStamps(db: DbOrTx, scopes: StampScope[]): Promise<string> {
  const rows = await db
    .selectFrom('derived_stamp')
    .select(['scope', 'version'])
    .where('scope', 'in', scopes)
    .orderBy('scope')
    .execute()
  return rows.map((r) => `${r.scope}:${r.version}`).join(' ')
}

/**
 * The cached value for `key` while the stamps of `scopes` are unchanged, else computed afresh. The stamps are
 * read before computing, so a change committed during the computation leaves the entry already out of date
 * (computed again next time), never newer than its stamp. Inside a transaction the cache is not used: the
 * transaction may see its own uncommitted changes, which must never be kept for others.
 */
export async function cachedByStamp<V>(
  db: DbOrTx,
  scopes: StampScope[],
  cache: DerivedCache<V>,
  key: string,
  compute: () => Promise<V>,
): Promise<V> {
  if (db.isTransaction) return compute()
  return cache.get(`${databaseNumber(db)}|${key}`, await readStamps(db, scopes), compute)
}

// Each database handle gets a number, part of every cache key: a process that opens several databases (tests do)
// must never take one database's figures for another's, even where their stamps happen to match.
const databaseNumbers = new WeakMap<object, number>()
let databasesSeen = 0

function databaseNumber(db: DbOrTx): number {
  let n = databaseNumbers.get(db)
  if (n === undefined) databaseNumbers.set(db, (n = ++databasesSeen))
  return n
}
