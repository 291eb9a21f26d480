// Queries and changes for children's voice. Every query names the council; every change runs in the caller's
// transaction and is recorded in the audit trail with what it was before and after.
import type { DbOrTx, Tx } from '../db/connect.js'
import type { VoiceActionStatus, VoiceSource, VoiceTone } from '../db/database.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { listLinkableObjectives } from '../plan/plan-repository.js'
import { addDays } from '../shared/calendar.js'
import type { ActionInput, FeedbackInput, ThemeInput } from './voice-validation.js'

export interface Theme {
  id: number
  title: string
  description: string
}

export interface FeedbackRow {
  id: number
  themeId: number
  theme: string
  heardOn: string
  source: VoiceSource
  summary: string
  tone: VoiceTone
  childrenCount: number | null
  createdAt: Date
}

export interface ActionRow {
  id: number
  themeId: number
  theme: string
  youSaid: string
  weDid: string
  status: VoiceActionStatus
  doneOn: string | null
  createdAt: Date
  objectiveIds: number[]
}

export interface FeedbackFilter {
  themeId?: number | undefined
  source?: VoiceSource | undefined
  tone?: VoiceTone | undefined
  from?: string | null | undefined
  to?: string | undefined
}

// ---- Themes -------------------------------------------------------------------------------------------------

export async function listThemes(db: DbOrTx, organisationId: number): Promise<Theme[]> {
  return db
    .selectFrom('voice_theme')
    .select(['id', 'title', 'description'])
    .where('organisation_id', '=', organisationId)
    .orderBy('title')
    .orderBy('id')
    .execute()
}

export async function findTheme(db: DbOrTx, organisationId: number, id: number): Promise<Theme | undefined> {
  return db
    .selectFrom('voice_theme')
    .select(['id', 'title', 'description'])
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .executeTakeFirst()
}

export async function themeTitleTaken(db: DbOrTx, organisationId: number, title: string, exceptId?: number) {
  const themes = await listThemes(db, organisationId)
  return themes.some((t) => t.title.toLowerCase() === title.toLowerCase() && t.id !== exceptId)
}

export async function createTheme(trx: Tx, actor: Actor, input: ThemeInput): Promise<Theme> {
  const created = await trx
    .insertInto('voice_theme')
    .values({ organisation_id: actor.organisationId, ...input, created_by: actor.userId })
    .returning(['id', 'title', 'description'])
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'voice-theme',
    entityId: created.id,
    action: 'create',
    summary: `Added the children’s voice theme “${created.title}”`,
    after: input,
  })
  return created
}

export async function updateTheme(trx: Tx, actor: Actor, before: Theme, input: ThemeInput): Promise<void> {
  await trx
    .updateTable('voice_theme')
    .set({ ...input, updated_at: new Date() })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'voice-theme',
    entityId: before.id,
    action: 'update',
    summary: `Changed the children’s voice theme “${input.title}”`,
    before: { title: before.title, description: before.description },
    after: input,
  })
}

/** The ids of the objectives a theme is linked to. */
export async function themeObjectiveIds(db: DbOrTx, organisationId: number, themeId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('voice_theme_objective')
    .select('objective_id')
    .where('organisation_id', '=', organisationId)
    .where('theme_id', '=', themeId)
    .orderBy('objective_id')
    .execute()
  return rows.map((r) => r.objective_id)
}

/** Every theme-objective link of the council, with the day each was made. */
export async function listThemeLinks(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('voice_theme_objective')
    .select(['theme_id', 'objective_id', 'created_at'])
    .where('organisation_id', '=', organisationId)
    .execute()
}

/** Links a theme to exactly these objectives (already checked to be the council's), auditing what changed. */
export async function setThemeObjectives(trx: Tx, actor: Actor, theme: Theme, objectiveIds: number[]): Promise<void> {
  const before = await themeObjectiveIds(trx, actor.organisationId, theme.id)
  const wanted = [...new Set(objectiveIds)].sort((a, b) => a - b)
  const added = wanted.filter((id) => !before.includes(id))
  const removed = before.filter((id) => !wanted.includes(id))
  if (removed.length) {
    await trx
      .deleteFrom('voice_theme_objective')
      .where('theme_id', '=', theme.id)
      .where('organisation_id', '=', actor.organisationId)
      .where('objective_id', 'in', removed)
      .execute()
  }
  if (added.length) {
    await trx
      .insertInto('voice_theme_objective')
      .values(
        added.map((objective_id) => ({
          organisation_id: actor.organisationId,
          theme_id: theme.id,
          objective_id,
          created_by: actor.userId,
        })),
      )
      .execute()
  }
  if (added.length || removed.length) {
    await recordAudit(trx, actor, {
      entityType: 'voice-theme',
      entityId: theme.id,
      action: added.length ? 'link' : 'unlink',
      summary: `Linked the children’s voice theme “${theme.title}” to ${wanted.length} ${wanted.length === 1 ? 'objective' : 'objectives'}`,
      before: { objectiveIds: before },
      after: { objectiveIds: wanted },
    })
  }
}

// ---- Feedback -----------------------------------------------------------------------------------------------

function feedbackQuery(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('voice_feedback as f')
    .innerJoin('voice_theme as t', 't.id', 'f.theme_id')
    .select([
      'f.id',
      'f.theme_id',
      't.title as theme',
      'f.heard_on',
      'f.source',
      'f.summary',
      'f.tone',
      'f.children_count',
      'f.created_at',
    ])
    .where('f.organisation_id', '=', organisationId)
}

type FeedbackRecord = Awaited<ReturnType<ReturnType<typeof feedbackQuery>['execute']>>[number]

const toFeedback = (r: FeedbackRecord): FeedbackRow => ({
  id: r.id,
  themeId: r.theme_id,
  theme: r.theme,
  heardOn: r.heard_on,
  source: r.source,
  summary: r.summary,
  tone: r.tone,
  childrenCount: r.children_count,
  createdAt: r.created_at,
})

/** The council's feedback items that match the filter, latest heard first. */
export async function listFeedback(db: DbOrTx, organisationId: number, filter: FeedbackFilter = {}) {
  let query = feedbackQuery(db, organisationId)
  if (filter.themeId !== undefined) query = query.where('f.theme_id', '=', filter.themeId)
  if (filter.source) query = query.where('f.source', '=', filter.source)
  if (filter.tone) query = query.where('f.tone', '=', filter.tone)
  if (filter.from) query = query.where('f.heard_on', '>=', filter.from)
  if (filter.to) query = query.where('f.heard_on', '<=', filter.to)
  const rows = await query.orderBy('f.heard_on', 'desc').orderBy('f.id', 'desc').execute()
  return rows.map(toFeedback)
}

export async function findFeedback(db: DbOrTx, organisationId: number, id: number) {
  const row = await feedbackQuery(db, organisationId).where('f.id', '=', id).executeTakeFirst()
  return row ? toFeedback(row) : undefined
}

const feedbackValues = (input: FeedbackInput) => ({
  theme_id: input.themeId,
  heard_on: input.heardOn,
  source: input.source,
  summary: input.summary,
  tone: input.tone,
  children_count: input.childrenCount,
})

const feedbackForAudit = (f: FeedbackRow | FeedbackInput) => ({
  themeId: f.themeId,
  heardOn: f.heardOn,
  source: f.source,
  summary: f.summary,
  tone: f.tone,
  childrenCount: f.childrenCount,
})

export async function createFeedback(trx: Tx, actor: Actor, input: FeedbackInput): Promise<number> {
  const { id } = await trx
    .insertInto('voice_feedback')
    .values({ organisation_id: actor.organisationId, ...feedbackValues(input), created_by: actor.userId })
    .returning('id')
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'voice-feedback',
    entityId: id,
    action: 'create',
    summary: `Recorded children’s feedback heard on ${input.heardOn}`,
    after: feedbackForAudit(input),
  })
  return id
}

export async function updateFeedback(trx: Tx, actor: Actor, before: FeedbackRow, input: FeedbackInput) {
  await trx
    .updateTable('voice_feedback')
    .set({ ...feedbackValues(input), updated_at: new Date() })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .execute()
  await recordAudit(trx, actor, {
    entityType: 'voice-feedback',
    entityId: before.id,
    action: 'update',
    summary: `Changed children’s feedback heard on ${input.heardOn}`,
    before: feedbackForAudit(before),
    after: feedbackForAudit(input),
  })
}

// ---- "You said, we did" actions -----------------------------------------------------------------------------

function actionQuery(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('voice_action as a')
    .innerJoin('voice_theme as t', 't.id', 'a.theme_id')
    .select([
      'a.id',
      'a.theme_id',
      't.title as theme',
      'a.you_said',
      'a.we_did',
      'a.status',
      'a.done_on',
      'a.created_at',
    ])
    .where('a.organisation_id', '=', organisationId)
}

async function withObjectives(
  db: DbOrTx,
  rows: Awaited<ReturnType<ReturnType<typeof actionQuery>['execute']>>,
): Promise<ActionRow[]> {
  const ids = rows.map((r) => r.id)
  const links = ids.length
    ? await db
        .selectFrom('voice_action_objective')
        .select(['action_id', 'objective_id'])
        .where('action_id', 'in', ids)
        .orderBy('objective_id')
        .execute()
    : []
  return rows.map((r) => ({
    id: r.id,
    themeId: r.theme_id,
    theme: r.theme,
    youSaid: r.you_said,
    weDid: r.we_did,
    status: r.status,
    doneOn: r.done_on,
    createdAt: r.created_at,
    objectiveIds: links.filter((l) => l.action_id === r.id).map((l) => l.objective_id),
  }))
}

/** The council's actions: open ones first, then done, latest first. */
export async function listActions(db: DbOrTx, organisationId: number, themeId?: number): Promise<ActionRow[]> {
  let query = actionQuery(db, organisationId)
  if (themeId !== undefined) query = query.where('a.theme_id', '=', themeId)
  const rows = await query
    .orderBy('a.done_on', (ob) => ob.desc().nullsFirst())
    .orderBy('a.id', 'desc')
    .execute()
  return withObjectives(db, rows)
}

export async function findAction(db: DbOrTx, organisationId: number, id: number): Promise<ActionRow | undefined> {
  const rows = await actionQuery(db, organisationId).where('a.id', '=', id).execute()
  return (await withObjectives(db, rows))[0]
}

const actionForAudit = (a: ActionRow | ActionInput) => ({
  themeId: a.themeId,
  youSaid: a.youSaid,
  weDid: a.weDid,
  status: a.status,
  doneOn: a.doneOn,
  objectiveIds: a.objectiveIds,
})

async function linkActionObjectives(trx: Tx, actionId: number, objectiveIds: number[]) {
  await trx.deleteFrom('voice_action_objective').where('action_id', '=', actionId).execute()
  const unique = [...new Set(objectiveIds)]
  if (unique.length)
    await trx
      .insertInto('voice_action_objective')
      .values(unique.map((objective_id) => ({ action_id: actionId, objective_id })))
      .execute()
}

export async function createAction(trx: Tx, actor: Actor, input: ActionInput): Promise<number> {
  const { id } = await trx
    .insertInto('voice_action')
    .values({
      organisation_id: actor.organisationId,
      theme_id: input.themeId,
      you_said: input.youSaid,
      we_did: input.weDid,
      status: input.status,
      done_on: input.doneOn,
      created_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  await linkActionObjectives(trx, id, input.objectiveIds)
  await recordAudit(trx, actor, {
    entityType: 'voice-action',
    entityId: id,
    action: 'create',
    summary: `Added a “you said, we did” action: ${input.youSaid}`,
    after: actionForAudit(input),
  })
  return id
}

export async function updateAction(trx: Tx, actor: Actor, before: ActionRow, input: ActionInput): Promise<void> {
  await trx
    .updateTable('voice_action')
    .set({
      theme_id: input.themeId,
      you_said: input.youSaid,
      we_did: input.weDid,
      status: input.status,
      done_on: input.doneOn,
      updated_at: new Date(),
    })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .execute()
  await linkActionObjectives(trx, before.id, input.objectiveIds)
  await recordAudit(trx, actor, {
    entityType: 'voice-action',
    entityId: before.id,
    action: 'update',
    summary: `Changed a “you said, we did” action: ${input.youSaid}`,
    before: actionForAudit(before),
    after: actionForAudit(input),
  })
}

// ---- The live plan's objectives -----------------------------------------------------------------------------

export interface ObjectiveChoice {
  id: number
  /** "Strand 2: Hear children’s voices in visits and reviews" */
  text: string
  title: string
}

/** The active objectives of the council's current plan, in plan order, for checkboxes and labels. */
export async function liveObjectives(db: DbOrTx, organisationId: number): Promise<ObjectiveChoice[]> {
  return (await listLinkableObjectives(db, organisationId)).map((o) => ({
    id: o.id,
    title: o.title,
    text: `Strand ${o.strand_code}: ${o.title}`,
  }))
}

// ---- As things stood on a day (the report and the impact rating) --------------------------------------------

/** The first moment after a day ends (UTC, as the reports read recorded times). */
export const endOfDay = (day: string) => new Date(`${addDays(day, 1)}T00:00:00Z`)

/** The theme-objective links made on or before a day, with each theme's name. */
export async function themeLinksKnownBy(db: DbOrTx, organisationId: number, asAtDay: string) {
  return db
    .selectFrom('voice_theme_objective as l')
    .innerJoin('voice_theme as t', 't.id', 'l.theme_id')
    .select(['l.theme_id', 'l.objective_id', 't.title'])
    .where('l.organisation_id', '=', organisationId)
    .where('t.organisation_id', '=', organisationId)
    .where('l.created_at', '<', endOfDay(asAtDay))
    .orderBy('l.objective_id')
    .orderBy('t.title')
    .execute()
}

/** Feedback heard from `from` (when given) to asAtDay and recorded by the end of asAtDay. */
export async function feedbackKnownBy(db: DbOrTx, organisationId: number, asAtDay: string, from?: string) {
  let query = db
    .selectFrom('voice_feedback as f')
    .innerJoin('voice_theme as t', 't.id', 'f.theme_id')
    .select(['f.theme_id', 't.title', 'f.heard_on', 'f.source', 'f.tone'])
    .where('f.organisation_id', '=', organisationId)
    .where('f.heard_on', '<=', asAtDay)
    .where('f.created_at', '<', endOfDay(asAtDay))
  if (from) query = query.where('f.heard_on', '>=', from)
  return query.orderBy('f.heard_on').orderBy('f.id').execute()
}

/** The actions recorded by the end of asAtDay (their status and date done as they are now). */
export async function actionsRecordedBy(db: DbOrTx, organisationId: number, asAtDay: string) {
  return db
    .selectFrom('voice_action as a')
    .innerJoin('voice_theme as t', 't.id', 'a.theme_id')
    .select(['a.id', 't.title', 'a.you_said', 'a.we_did', 'a.status', 'a.done_on'])
    .where('a.organisation_id', '=', organisationId)
    .where('a.created_at', '<', endOfDay(asAtDay))
    .orderBy('a.id')
    .execute()
}
