// Queries and changes for leadership stability: the council's senior posts, their holder periods and the
// objectives linked to them. Every query filters by the council; every change is audited in the caller's
// transaction, with the values before and after.
import type { DbOrTx, Tx } from '../db/connect.js'
import type { HolderStatus, LeadershipTier } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'

/** The council's senior posts, by tier and then title. */
export async function listPosts(db: DbOrTx, organisationId: number) {
  const rows = await db
    .selectFrom('leadership_post')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('id')
    .execute()
  const order = ['director', 'deputy-director', 'assistant-director', 'head-of-service']
  return rows.sort(
    (a, b) => order.indexOf(a.tier) - order.indexOf(b.tier) || a.title.localeCompare(b.title, 'en-GB') || a.id - b.id,
  )
}

export type Post = Awaited<ReturnType<typeof listPosts>>[number]

export async function findPost(db: DbOrTx, organisationId: number, postId: number) {
  return db
    .selectFrom('leadership_post')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', postId)
    .executeTakeFirst()
}

/** The holder periods of the council's posts (or one post's), oldest first. */
export async function listPeriods(db: DbOrTx, organisationId: number, postId?: number) {
  let query = db
    .selectFrom('leadership_period as p')
    .innerJoin('leadership_post as post', 'post.id', 'p.post_id')
    .selectAll('p')
    .where('post.organisation_id', '=', organisationId)
  if (postId !== undefined) query = query.where('p.post_id', '=', postId)
  return query.orderBy('p.post_id').orderBy('p.starts_on').execute()
}

export type Period = Awaited<ReturnType<typeof listPeriods>>[number]

/** True when another post of the council already has this title, compared case-insensitively. */
export async function titleTaken(db: DbOrTx, organisationId: number, title: string, exceptId?: number) {
  let query = db
    .selectFrom('leadership_post')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where((eb) => eb(eb.fn('lower', ['title']), '=', title.toLowerCase()))
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId)
  return (await query.executeTakeFirst()) !== undefined
}

export interface PostInput {
  title: string
  tier: LeadershipTier
  created_on: string | null
  deleted_on: string | null
}

export interface PeriodInput {
  starts_on: string
  status: HolderStatus
  note: string
}

/** A new post with the first period of its holder status. */
export async function createPost(trx: Tx, actor: Actor, input: PostInput, first: PeriodInput) {
  const post = await trx
    .insertInto('leadership_post')
    .values({ organisation_id: actor.organisationId, created_by: actor.userId, ...input })
    .returningAll()
    .executeTakeFirstOrThrow()
  const period = await trx
    .insertInto('leadership_period')
    .values({ post_id: post.id, created_by: actor.userId, ...first })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'leadership-post',
    entityId: post.id,
    action: 'create',
    summary: `Added the senior post “${post.title}”, ${first.status} from ${first.starts_on}`,
    after: { ...post, period },
  })
  return post
}

export async function updatePost(trx: Tx, actor: Actor, before: Post, input: PostInput) {
  const after = await trx
    .updateTable('leadership_post')
    .set({ ...input, updated_at: new Date() })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'leadership-post',
    entityId: before.id,
    action: 'update',
    summary: `Changed the senior post “${after.title}”`,
    before,
    after,
  })
  return after
}

/** A change of holder: a new period, which ends the one before it (kept in the audit as `before`). */
export async function addPeriod(trx: Tx, actor: Actor, post: Post, input: PeriodInput, replaces: Period | undefined) {
  const period = await trx
    .insertInto('leadership_period')
    .values({ post_id: post.id, created_by: actor.userId, ...input })
    .returningAll()
    .executeTakeFirstOrThrow()
  await trx.updateTable('leadership_post').set({ updated_at: new Date() }).where('id', '=', post.id).execute()
  await recordAudit(trx, actor, {
    entityType: 'leadership-period',
    entityId: period.id,
    action: 'create',
    summary: `Recorded “${post.title}” as ${input.status} from ${input.starts_on}${replaces ? ` (was ${replaces.status} from ${replaces.starts_on})` : ''}`,
    before: replaces,
    after: period,
  })
  return period
}

/** The objectives linked to the council's leadership stability, with their strand. */
export async function listLinks(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('leadership_objective as l')
    .innerJoin('objective', 'objective.id', 'l.objective_id')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .select(['l.objective_id', 'objective.title', 'strand.code as strand_code', 'strand.title as strand_title'])
    .where('l.organisation_id', '=', organisationId)
    .orderBy('strand.code')
    .orderBy('objective.position')
    .execute()
}

/**
 * Sets which of the current plan's objectives are linked (`chosen`, already checked to be among `choices`):
 * links to objectives of earlier plans are kept. Each link added or removed is audited.
 */
export async function setLinks(trx: Tx, actor: Actor, choices: readonly number[], chosen: readonly number[]) {
  const existing = new Set(
    (
      await trx
        .selectFrom('leadership_objective')
        .select('objective_id')
        .where('organisation_id', '=', actor.organisationId)
        .execute()
    ).map((r) => r.objective_id),
  )
  const want = new Set(chosen)
  const added = chosen.filter((id) => !existing.has(id))
  const removed = choices.filter((id) => existing.has(id) && !want.has(id))
  if (added.length)
    await trx
      .insertInto('leadership_objective')
      .values(
        added.map((objective_id) => ({
          organisation_id: actor.organisationId,
          objective_id,
          created_by: actor.userId,
        })),
      )
      .execute()
  if (removed.length)
    await trx
      .deleteFrom('leadership_objective')
      .where('organisation_id', '=', actor.organisationId)
      .where('objective_id', 'in', removed)
      .execute()
  await recordAudit(trx, actor, [
    ...added.map((id) => ({
      entityType: 'leadership-link',
      entityId: id,
      action: 'link' as const,
      summary: 'Linked leadership stability to an objective as evidence',
      after: { objective_id: id },
    })),
    ...removed.map((id) => ({
      entityType: 'leadership-link',
      entityId: id,
      action: 'unlink' as const,
      summary: 'Unlinked leadership stability from an objective',
      before: { objective_id: id },
    })),
  ])
  return { added, removed }
}

/** For the practice hub: how many posts and holder periods the council keeps, and when one was last recorded. */
export async function leadershipOverview(db: DbOrTx, organisationId: number) {
  const row = await db
    .selectFrom('leadership_post as post')
    .leftJoin('leadership_period as p', 'p.post_id', 'post.id')
    .select((eb) => [
      eb.fn.count<string>('post.id').distinct().as('posts'),
      eb.fn.count<string>('p.id').as('periods'),
      eb.fn.max('p.created_at').as('last_recorded_at'),
      eb.fn.max('p.starts_on').as('latest_change_on'),
    ])
    .where('post.organisation_id', '=', organisationId)
    .executeTakeFirstOrThrow()
  return {
    posts: Number(row.posts),
    periods: Number(row.periods),
    lastRecordedAt: row.last_recorded_at === null ? null : new Date(row.last_recorded_at),
    latestChangeOn: row.latest_change_on,
  }
}
