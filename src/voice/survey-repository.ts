// Queries and changes for staff surveys: rounds, the question bank, each question's aggregated results per
// round, uploaded results waiting to be confirmed, links from questions to objectives, and the staff reference
// group's notes. Every query filters by the council; every change is audited in the caller's transaction.
import type { DbOrTx, Tx } from '../db/connect.js'
import { jsonb } from '../db/connect.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import type { Table } from '../shared/read-table.js'
import { AGREEMENT_OPTIONS, respondents, type Counts, type RoundResult } from './survey-rules.js'
import type { SurveyImportRow } from './survey-import.js'

// ---------------------------------------------------------------------------------------------------------
// Rounds
// ---------------------------------------------------------------------------------------------------------

export interface RoundInput {
  closed_on: string
  audience: string
  invited: number
  responded: number
  note: string
}

/** The council's rounds, latest first, each with how many questions have results. */
export async function listRounds(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('staff_survey_round as r')
    .leftJoin('staff_survey_result as res', 'res.round_id', 'r.id')
    .select(['r.id', 'r.closed_on', 'r.audience', 'r.invited', 'r.responded', 'r.note', 'r.created_at'])
    .select((eb) => eb.fn.count<string>('res.question_id').as('question_count'))
    .where('r.organisation_id', '=', organisationId)
    .groupBy(['r.id', 'r.closed_on', 'r.audience', 'r.invited', 'r.responded', 'r.note', 'r.created_at'])
    .orderBy('r.closed_on', 'desc')
    .orderBy('r.id', 'desc')
    .execute()
}

export type RoundListRow = Awaited<ReturnType<typeof listRounds>>[number]

export async function findRound(db: DbOrTx, organisationId: number, roundId: number) {
  return db
    .selectFrom('staff_survey_round')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', roundId)
    .executeTakeFirst()
}

export type Round = NonNullable<Awaited<ReturnType<typeof findRound>>>

/** True when another round of the council closed the same day for the same audience. */
export async function roundTaken(db: DbOrTx, organisationId: number, input: RoundInput, exceptId?: number) {
  let query = db
    .selectFrom('staff_survey_round')
    .select('id')
    .where('organisation_id', '=', organisationId)
    .where('closed_on', '=', input.closed_on)
    .where('audience', '=', input.audience)
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId)
  return (await query.executeTakeFirst()) !== undefined
}

/** The most answers any question has in a round: the responses received cannot be fewer. */
export async function largestRespondents(db: DbOrTx, roundId: number): Promise<number> {
  const results = await db.selectFrom('staff_survey_result').selectAll().where('round_id', '=', roundId).execute()
  return Math.max(0, ...results.map((r) => respondents(r)))
}

export async function createRound(trx: Tx, actor: Actor, input: RoundInput) {
  const round = await trx
    .insertInto('staff_survey_round')
    .values({ organisation_id: actor.organisationId, created_by: actor.userId, ...input })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'staff_survey_round',
    entityId: round.id,
    action: 'create',
    summary: `Added the staff survey round closed on ${round.closed_on} (${round.audience}): ${round.responded} responses of ${round.invited} invited`,
    after: round,
  })
  return round
}

export async function updateRound(trx: Tx, actor: Actor, before: Round, input: RoundInput) {
  const after = await trx
    .updateTable('staff_survey_round')
    .set({ ...input, updated_at: new Date() })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'staff_survey_round',
    entityId: before.id,
    action: 'update',
    summary: `Changed the staff survey round closed on ${after.closed_on} (${after.audience})`,
    before,
    after,
  })
  return after
}

// ---------------------------------------------------------------------------------------------------------
// Questions and results
// ---------------------------------------------------------------------------------------------------------

export async function listQuestions(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('staff_survey_question')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('code')
    .orderBy('id')
    .execute()
}

export type Question = Awaited<ReturnType<typeof listQuestions>>[number]

export async function findQuestion(db: DbOrTx, organisationId: number, questionId: number) {
  return db
    .selectFrom('staff_survey_question')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', questionId)
    .executeTakeFirst()
}

/** A question of the council with this code or wording (compared case-insensitively), if any. */
export async function findQuestionByCodeOrText(db: DbOrTx, organisationId: number, code: string | null, text: string) {
  return db
    .selectFrom('staff_survey_question')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where((eb) =>
      eb.or([
        eb(eb.fn('lower', ['text']), '=', text.toLowerCase()),
        ...(code ? [eb(eb.fn('lower', ['code']), '=', code.toLowerCase())] : []),
      ]),
    )
    .executeTakeFirst()
}

/** The council's results, with each round's closing day; of one round or one question when asked. */
export async function listResults(
  db: DbOrTx,
  organisationId: number,
  filter: { roundId?: number; questionId?: number } = {},
) {
  let query = db
    .selectFrom('staff_survey_result as res')
    .innerJoin('staff_survey_round as r', 'r.id', 'res.round_id')
    .selectAll('res')
    .select(['r.closed_on', 'r.audience'])
    .where('r.organisation_id', '=', organisationId)
  if (filter.roundId !== undefined) query = query.where('res.round_id', '=', filter.roundId)
  if (filter.questionId !== undefined) query = query.where('res.question_id', '=', filter.questionId)
  return query.orderBy('r.closed_on').orderBy('r.id').execute()
}

export type ResultRow = Awaited<ReturnType<typeof listResults>>[number]

export function countsOf(row: Counts): Counts {
  return Object.fromEntries(AGREEMENT_OPTIONS.map((o) => [o, row[o]])) as Counts
}

export function roundResult(row: ResultRow): RoundResult {
  return { roundId: row.round_id, closedOn: row.closed_on, counts: countsOf(row) }
}

async function addQuestion(trx: Tx, actor: Actor, code: string | null, text: string) {
  const question = await trx
    .insertInto('staff_survey_question')
    .values({ organisation_id: actor.organisationId, code, text })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'staff_survey_question',
    entityId: question.id,
    action: 'create',
    summary: `Added the staff survey question ${code ? `${code} ` : ''}“${text}” to the question bank`,
    after: question,
  })
  return question
}

function countsText(c: Counts): string {
  return AGREEMENT_OPTIONS.map((o) => c[o]).join(' / ')
}

/**
 * Records a question's counts in a round, replacing any there: a new question is added to the bank first.
 * Returns what changed ('unchanged' writes nothing).
 */
export async function saveResult(
  trx: Tx,
  actor: Actor,
  round: Round,
  question: { id: number | null; code: string | null; text: string },
  counts: Counts,
  how = 'by form',
): Promise<'new' | 'changed' | 'unchanged'> {
  const questionId = question.id ?? (await addQuestion(trx, actor, question.code, question.text)).id
  const before = await trx
    .selectFrom('staff_survey_result')
    .selectAll()
    .where('round_id', '=', round.id)
    .where('question_id', '=', questionId)
    .executeTakeFirst()
  if (before && AGREEMENT_OPTIONS.every((o) => before[o] === counts[o])) return 'unchanged'
  const after = before
    ? await trx
        .updateTable('staff_survey_result')
        .set({ ...counts, updated_at: new Date() })
        .where('round_id', '=', round.id)
        .where('question_id', '=', questionId)
        .returningAll()
        .executeTakeFirstOrThrow()
    : await trx
        .insertInto('staff_survey_result')
        .values({ round_id: round.id, question_id: questionId, ...counts })
        .returningAll()
        .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'staff_survey_result',
    entityId: `${round.id}-${questionId}`,
    action: before ? 'update' : 'create',
    summary: `${before ? 'Changed' : 'Recorded'} the results of “${question.text}” in the round closed on ${round.closed_on} ${how} (strongly agree to strongly disagree: ${countsText(counts)})`,
    before: before ?? undefined,
    after,
  })
  return before ? 'changed' : 'new'
}

// ---------------------------------------------------------------------------------------------------------
// Imports waiting to be confirmed
// ---------------------------------------------------------------------------------------------------------

export async function createSurveyImport(trx: Tx, actor: Actor, round: Round, filename: string, table: Table) {
  const batch = await trx
    .insertInto('staff_survey_import')
    .values({
      organisation_id: actor.organisationId,
      round_id: round.id,
      filename,
      rows: jsonb(table),
      uploaded_by: actor.userId,
    })
    .returning(['id', 'filename'])
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'staff_survey_import',
    entityId: batch.id,
    action: 'create',
    summary: `Uploaded ${batch.filename} to check before importing into the staff survey round closed on ${round.closed_on} (${table.rows.length} rows)`,
  })
  return batch
}

export async function findSurveyImport(db: DbOrTx, organisationId: number, id: number) {
  const row = await db
    .selectFrom('staff_survey_import')
    .selectAll()
    .where('id', '=', id)
    .where('organisation_id', '=', organisationId)
    .executeTakeFirst()
  if (!row) return undefined
  const { rows, ...batch } = row
  return { ...batch, table: rows as Table }
}

export type SurveyImport = NonNullable<Awaited<ReturnType<typeof findSurveyImport>>>

/**
 * Applies a checked file in the caller's transaction: the batch is claimed first (a double-click confirms
 * once), then every row is written. Undefined when it was no longer pending.
 */
export async function applySurveyImport(
  trx: Tx,
  actor: Actor,
  batch: SurveyImport,
  round: Round,
  rows: SurveyImportRow[],
) {
  const claimed = await trx
    .updateTable('staff_survey_import')
    .set({ status: 'applied', applied_at: new Date() })
    .where('id', '=', batch.id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst()
  if (!claimed) return undefined
  const tally = { new: 0, changed: 0, unchanged: 0, questions: 0 }
  for (const r of rows) {
    if (r.questionId === null) tally.questions++
    tally[
      await saveResult(
        trx,
        actor,
        round,
        { id: r.questionId, code: r.code, text: r.text },
        r.counts,
        `from ${batch.filename}`,
      )
    ]++
  }
  const text = `${tally.new} results added, ${tally.changed} changed and ${tally.unchanged} unchanged; ${tally.questions} new questions`
  await recordAudit(trx, actor, {
    entityType: 'staff_survey_import',
    entityId: batch.id,
    action: 'update',
    summary: `Imported ${batch.filename} into the staff survey round closed on ${round.closed_on}: ${text}`,
    before: { status: 'pending' },
    after: { status: 'applied' },
  })
  return text
}

export async function discardSurveyImport(trx: Tx, actor: Actor, batch: SurveyImport) {
  const discarded = await trx
    .updateTable('staff_survey_import')
    .set({ status: 'discarded' })
    .where('id', '=', batch.id)
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst()
  if (!discarded) return
  await recordAudit(trx, actor, {
    entityType: 'staff_survey_import',
    entityId: batch.id,
    action: 'update',
    summary: `Cancelled the import of ${batch.filename}: nothing was changed`,
    before: { status: 'pending' },
    after: { status: 'discarded' },
  })
}

// ---------------------------------------------------------------------------------------------------------
// Links to objectives
// ---------------------------------------------------------------------------------------------------------

/** The council's links from questions to objectives, of one question when asked, with each objective's title. */
export async function listObjectiveLinks(db: DbOrTx, organisationId: number, questionId?: number) {
  let query = db
    .selectFrom('staff_survey_question_objective as l')
    .innerJoin('objective', 'objective.id', 'l.objective_id')
    .innerJoin('strand', 'strand.id', 'objective.strand_id')
    .innerJoin('staff_survey_question as q', 'q.id', 'l.question_id')
    .select([
      'l.question_id',
      'l.objective_id',
      'objective.title as objective_title',
      'strand.code as strand_code',
      'q.text as question_text',
      'q.code as question_code',
    ])
    .where('l.organisation_id', '=', organisationId)
  if (questionId !== undefined) query = query.where('l.question_id', '=', questionId)
  return query.orderBy('strand.code').orderBy('objective.position').execute()
}

/** Links the question to exactly these objectives: each link added or removed is audited. */
export async function setQuestionObjectives(trx: Tx, actor: Actor, question: Question, objectiveIds: number[]) {
  const current = await listObjectiveLinks(trx, actor.organisationId, question.id)
  const had = new Set(current.map((l) => l.objective_id))
  const wanted = new Set(objectiveIds)
  let added = 0
  let removed = 0
  for (const id of wanted) {
    if (had.has(id)) continue
    await trx
      .insertInto('staff_survey_question_objective')
      .values({
        organisation_id: actor.organisationId,
        question_id: question.id,
        objective_id: id,
        created_by: actor.userId,
      })
      .execute()
    await recordAudit(trx, actor, {
      entityType: 'staff_survey_question',
      entityId: question.id,
      action: 'link',
      summary: `Linked the staff survey question “${question.text}” to objective ${id}`,
      after: { question_id: question.id, objective_id: id },
    })
    added++
  }
  for (const link of current) {
    if (wanted.has(link.objective_id)) continue
    await trx
      .deleteFrom('staff_survey_question_objective')
      .where('organisation_id', '=', actor.organisationId)
      .where('question_id', '=', question.id)
      .where('objective_id', '=', link.objective_id)
      .execute()
    await recordAudit(trx, actor, {
      entityType: 'staff_survey_question',
      entityId: question.id,
      action: 'unlink',
      summary: `Unlinked the staff survey question “${question.text}” from the objective “${link.objective_title}”`,
      before: { question_id: question.id, objective_id: link.objective_id },
    })
    removed++
  }
  return { added, removed }
}

// ---------------------------------------------------------------------------------------------------------
// Staff reference group notes
// ---------------------------------------------------------------------------------------------------------

export interface NoteInput {
  held_on: string
  themes: string[]
  summary: string
  response: string
}

export async function listNotes(db: DbOrTx, organisationId: number) {
  return db
    .selectFrom('staff_reference_note')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('held_on', 'desc')
    .orderBy('id', 'desc')
    .execute()
}

export type Note = Awaited<ReturnType<typeof listNotes>>[number]

export async function findNote(db: DbOrTx, organisationId: number, noteId: number) {
  return db
    .selectFrom('staff_reference_note')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('id', '=', noteId)
    .executeTakeFirst()
}

export async function createNote(trx: Tx, actor: Actor, input: NoteInput) {
  const note = await trx
    .insertInto('staff_reference_note')
    .values({ organisation_id: actor.organisationId, created_by: actor.userId, ...input, themes: jsonb(input.themes) })
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'staff_reference_note',
    entityId: note.id,
    action: 'create',
    summary: `Added the staff reference group note of ${note.held_on} (${input.themes.join(', ') || 'no themes'})`,
    after: note,
  })
  return note
}

export async function updateNote(trx: Tx, actor: Actor, before: Note, input: NoteInput) {
  const after = await trx
    .updateTable('staff_reference_note')
    .set({ ...input, themes: jsonb(input.themes), updated_at: new Date() })
    .where('id', '=', before.id)
    .where('organisation_id', '=', actor.organisationId)
    .returningAll()
    .executeTakeFirstOrThrow()
  await recordAudit(trx, actor, {
    entityType: 'staff_reference_note',
    entityId: before.id,
    action: 'update',
    summary: `Changed the staff reference group note of ${after.held_on}`,
    before,
    after,
  })
  return after
}
