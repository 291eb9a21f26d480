// Staff surveys: the rounds and each question's latest share favourable; a round with its results; adding or
// changing a round; entering or correcting one question's counts; importing a round's results from CSV or
// XLSX (upload, check every row, confirm all or nothing); a question's trend across rounds with the
// significance of each change and the objectives it is evidence for; and the staff reference group's notes.
// Reading needs measures:read; changing needs practice:edit.
import { Router, type Request, type Response } from 'express'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { listLinkableObjectives } from '../plan/plan-repository.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { recordParam } from '../web/records.js'
import { formBody, parseForm, singleError, type FormErrors } from '../web/forms.js'
import { receiveOneFile } from '../web/upload.js'
import { dateParts, todayIso } from '../shared/dates.js'
import { toCsv } from '../shared/csv.js'
import { plainText } from '../shared/text.js'
import { MAX_UPLOAD_BYTES, firstProblems, readTable, UploadError, fileKind, type Table } from '../shared/read-table.js'
import { renderLineChart } from '../charts/line-chart.js'
import {
  AGREEMENT_LABELS,
  AGREEMENT_OPTIONS,
  changeText,
  monthYear,
  percentText,
  questionEvidence,
  respondents,
  responseRate,
  shareFavourable,
  significanceText,
  trendOf,
  type Counts,
} from './survey-rules.js'
import { SURVEY_COLUMNS, validateSurveyImport } from './survey-import.js'
import { noteSchema, objectiveIdsOf, resultSchema, roundSchema } from './survey-validation.js'
import * as repo from './survey-repository.js'

const P = paths.council
const PREVIEW_ROWS = 100

function addError(errors: FormErrors | undefined, field: string, text: string, isDate = false): FormErrors {
  const out = errors ?? { summary: [], fields: {} }
  if (!out.fields[field]) {
    out.fields[field] = { text }
    out.summary.push({ text, href: isDate ? `#${field}-day` : `#${field}` })
  }
  return out
}

function dateValues(name: string, iso: string | null): Record<string, string> {
  const parts = dateParts(iso)
  return { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year }
}

/** One question's figures in one round, as a table row reads them. */
function figures(c: Counts) {
  return { ...c, n: respondents(c), share: shareFavourable(c) }
}

export function staffSurveyRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('measures:read')
  const edit = requireCapability('practice:edit')

  // Another council's record is a 404 for everyone, before any role check.
  const roundParam = recordParam('surveyRoundId', (id, { council }) => repo.findRound(db, council.organisationId, id))
  roundParam.register(router)
  const questionParam = recordParam('surveyQuestionId', (id, { council }) =>
    repo.findQuestion(db, council.organisationId, id),
  )
  questionParam.register(router)
  const importParam = recordParam('surveyImportId', (id, { council }) =>
    repo.findSurveyImport(db, council.organisationId, id),
  )
  importParam.register(router)
  const noteParam = recordParam('referenceNoteId', (id, { council }) => repo.findNote(db, council.organisationId, id))
  noteParam.register(router)

  // -------------------------------------------------------------------------------------------------------
  // The top page
  // -------------------------------------------------------------------------------------------------------

  router.get(P.staffSurveys.pattern, read, async (req, res) => {
    const { council } = context(req)
    const [rounds, questions, results, notes, links] = await Promise.all([
      repo.listRounds(db, council.organisationId),
      repo.listQuestions(db, council.organisationId),
      repo.listResults(db, council.organisationId),
      repo.listNotes(db, council.organisationId),
      repo.listObjectiveLinks(db, council.organisationId),
    ])
    const today = todayIso()
    const questionRows = questions.map((q) => {
      const trend = trendOf(results.filter((r) => r.question_id === q.id).map(repo.roundResult))
      const latest = trend[trend.length - 1]
      return {
        ...q,
        latest,
        previous: trend[trend.length - 2],
        rounds: trend.length,
        evidence: questionEvidence(results.filter((r) => r.question_id === q.id).map(repo.roundResult), today),
        changeText: latest?.test ? changeText(latest.test.changePoints) : '',
        significance: latest?.test ? significanceText(latest.test) : '',
        objectives: links.filter((l) => l.question_id === q.id).length,
      }
    })
    res.render('voice/views/survey-index.njk', {
      rounds: rounds.map((r) => ({ ...r, rate: responseRate(r.invited, r.responded) })),
      questions: questionRows,
      latestNote: notes[0],
      noteCount: notes.length,
    })
  })

  // -------------------------------------------------------------------------------------------------------
  // Rounds
  // -------------------------------------------------------------------------------------------------------

  function renderRoundForm(
    res: Response,
    view: { round?: repo.Round; values: Record<string, unknown>; errors?: FormErrors | undefined },
  ) {
    res.status(view.errors ? 400 : 200).render('voice/views/survey-round-form.njk', view)
  }

  /** Checks what parsing cannot: the date is not in the future, the round is not there already, and no
   * question already has more answers than the responses received. */
  async function checkRound(
    req: Request,
    input: repo.RoundInput,
    errors: FormErrors | undefined,
    round?: repo.Round,
  ): Promise<FormErrors | undefined> {
    const { council } = context(req)
    if (input.closed_on > todayIso())
      errors = addError(errors, 'closedOn', 'The date the survey closed must be today or in the past', true)
    if (await repo.roundTaken(db, council.organisationId, input, round?.id))
      errors = addError(
        errors,
        'audience',
        'A round for this audience closing on the same day is already recorded: change that one instead',
      )
    if (round) {
      const most = await repo.largestRespondents(db, round.id)
      if (input.responded < most)
        errors = addError(
          errors,
          'responded',
          `A question in this round has ${most} answers, so the responses received cannot be fewer than ${most}`,
        )
    }
    return errors
  }

  const roundInput = (v: {
    closedOn: string | null
    audience: string
    invited: number
    responded: number
    note: string
  }): repo.RoundInput => ({
    closed_on: v.closedOn!,
    audience: v.audience,
    invited: v.invited,
    responded: v.responded,
    note: v.note,
  })

  router.get(P.newStaffSurveyRound.pattern, read, edit, (_req, res) =>
    renderRoundForm(res, { values: { audience: 'All children’s social care staff' } }),
  )

  router.post(P.newStaffSurveyRound.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const values = formBody(req)
    const form = parseForm(roundSchema, values, ['closedOn'])
    if (!form.ok) return renderRoundForm(res, { values, errors: form.errors })
    const input = roundInput(form.value)
    const errors = await checkRound(req, input, undefined)
    if (errors) return renderRoundForm(res, { values, errors })
    const round = await db.transaction().execute((trx) => repo.createRound(trx, actor, input))
    flash(req, 'Survey round added', 'Now import its results or enter them question by question')
    res.redirect(P.staffSurveyRound(council.slug, round.id))
  })

  // The round's page comes after /rounds/new, so that 'new' is never read as a round's id.
  router.get(P.staffSurveyRound.pattern, read, async (req, res) => {
    const { council } = context(req)
    const round = roundParam.of(res)
    const [questions, results] = await Promise.all([
      repo.listQuestions(db, council.organisationId),
      repo.listResults(db, council.organisationId),
    ])
    const rows = questions
      .map((q) => {
        const trend = trendOf(
          results.filter((r) => r.question_id === q.id && r.closed_on <= round.closed_on).map(repo.roundResult),
        )
        const own = results.find((r) => r.question_id === q.id && r.round_id === round.id)
        if (!own) return undefined
        const point = trend.find((t) => t.roundId === round.id)
        return {
          question: q,
          ...figures(repo.countsOf(own)),
          changeText:
            point?.test && point.previousClosedOn
              ? `${changeText(point.test.changePoints)} from ${monthYear(point.previousClosedOn)}`
              : 'First round with this question',
          significance: point?.test ? significanceText(point.test) : '',
        }
      })
      .filter((r) => r !== undefined)
    res.render('voice/views/survey-round.njk', {
      round,
      rate: responseRate(round.invited, round.responded),
      rows,
      options: AGREEMENT_OPTIONS,
      labels: AGREEMENT_LABELS,
    })
  })

  router.get(P.editStaffSurveyRound.pattern, read, edit, (_req, res) => {
    const round = roundParam.of(res)
    renderRoundForm(res, {
      round,
      values: {
        ...dateValues('closedOn', round.closed_on),
        audience: round.audience,
        invited: String(round.invited),
        responded: String(round.responded),
        note: round.note,
      },
    })
  })

  router.post(P.editStaffSurveyRound.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const round = roundParam.of(res)
    const values = formBody(req)
    const form = parseForm(roundSchema, values, ['closedOn'])
    if (!form.ok) return renderRoundForm(res, { round, values, errors: form.errors })
    const input = roundInput(form.value)
    const errors = await checkRound(req, input, undefined, round)
    if (errors) return renderRoundForm(res, { round, values, errors })
    await db.transaction().execute((trx) => repo.updateRound(trx, actor, round, input))
    flash(req, 'Survey round changed')
    res.redirect(P.staffSurveyRound(council.slug, round.id))
  })

  // -------------------------------------------------------------------------------------------------------
  // One question's counts in a round, by form
  // -------------------------------------------------------------------------------------------------------

  async function renderResultForm(
    req: Request,
    res: Response,
    view: { values: Record<string, unknown>; errors?: FormErrors | undefined },
  ) {
    const { council } = context(req)
    const round = roundParam.of(res)
    const questions = await repo.listQuestions(db, council.organisationId)
    const chosen = plainText(view.values.questionId)
    res.status(view.errors ? 400 : 200).render('voice/views/survey-result-form.njk', {
      ...view,
      round,
      options: AGREEMENT_OPTIONS,
      labels: AGREEMENT_LABELS,
      questionItems: [
        { value: '', text: 'Choose a question', selected: chosen === '' },
        ...questions.map((q) => ({
          value: String(q.id),
          text: `${q.code ? `${q.code}: ` : ''}${q.text}`,
          selected: chosen === String(q.id),
        })),
        { value: 'new', text: 'A new question (enter it below)', selected: chosen === 'new' },
      ],
    })
  }

  router.get(P.staffSurveyResult.pattern, read, edit, async (req, res) => {
    const { council } = context(req)
    const round = roundParam.of(res)
    const asked = typeof req.query.question === 'string' ? req.query.question : ''
    const values: Record<string, unknown> = { questionId: asked }
    if (/^\d{1,9}$/.test(asked)) {
      const [own] = await repo.listResults(db, council.organisationId, { roundId: round.id, questionId: Number(asked) })
      if (own) for (const o of AGREEMENT_OPTIONS) values[o] = String(own[o])
    }
    await renderResultForm(req, res, { values })
  })

  router.post(P.staffSurveyResult.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const round = roundParam.of(res)
    const values = formBody(req)
    const form = parseForm(resultSchema, values)
    if (!form.ok) return renderResultForm(req, res, { values, errors: form.errors })
    const v = form.value
    let question: { id: number | null; code: string | null; text: string }
    if (v.questionId === 'new') {
      const clash = await repo.findQuestionByCodeOrText(db, council.organisationId, v.newCode || null, v.newText)
      if (clash)
        return renderResultForm(req, res, {
          values,
          errors: singleError(
            'questionId',
            `“${clash.text}” is already in the question bank${clash.code ? ` with the code ${clash.code}` : ''}: choose it from the list`,
          ),
        })
      question = { id: null, code: v.newCode || null, text: v.newText.replace(/\s+/g, ' ') }
    } else {
      const found = await repo.findQuestion(db, council.organisationId, Number(v.questionId))
      if (!found)
        return renderResultForm(req, res, {
          values,
          errors: singleError('questionId', 'Choose a question from the list, or a new question'),
        })
      question = found
    }
    const counts = Object.fromEntries(AGREEMENT_OPTIONS.map((o) => [o, v[o]])) as Counts
    const n = respondents(counts)
    if (n > round.responded)
      return renderResultForm(req, res, {
        values,
        errors: singleError(
          'strongly_agree',
          `The counts add up to ${n}, more than the ${round.responded} responses received in this round`,
        ),
      })
    const outcome = await db.transaction().execute((trx) => repo.saveResult(trx, actor, round, question, counts))
    flash(
      req,
      outcome === 'unchanged' ? 'Nothing changed: these counts were already recorded' : 'Results saved',
      question.text,
    )
    res.redirect(P.staffSurveyRound(council.slug, round.id))
  })

  // -------------------------------------------------------------------------------------------------------
  // Importing a round's results
  // -------------------------------------------------------------------------------------------------------

  function renderUpload(res: Response, errors?: FormErrors, status = 400) {
    res
      .status(errors ? status : 200)
      .render('voice/views/survey-import.njk', { round: roundParam.of(res), errors, columns: SURVEY_COLUMNS })
  }

  router.get(P.importStaffSurvey.pattern, read, edit, (_req, res) => renderUpload(res))

  router.post(
    P.importStaffSurvey.pattern,
    read,
    edit,
    ...receiveOneFile(MAX_UPLOAD_BYTES, (_req, res, message, status) =>
      renderUpload(res, singleError('file', message), status),
    ),
    async (req, res) => {
      const file = req.file
      if (!file) return renderUpload(res, singleError('file', 'Select a CSV or XLSX file to upload'))
      if (!fileKind(file.originalname))
        return renderUpload(res, singleError('file', 'The selected file must be a CSV or XLSX file'))
      let table: Table
      try {
        table = await readTable(file.buffer, file.originalname)
      } catch (error) {
        if (error instanceof UploadError) return renderUpload(res, singleError('file', error.message))
        throw error
      }
      const { council, actor } = context(req)
      const round = roundParam.of(res)
      const batch = await db
        .transaction()
        .execute((trx) => repo.createSurveyImport(trx, actor, round, file.originalname.slice(0, 200), table))
      res.redirect(P.staffSurveyImport(council.slug, batch.id))
    },
  )

  router.get(P.staffSurveyTemplate.pattern, read, edit, async (req, res) => {
    const questions = await repo.listQuestions(db, context(req).council.organisationId)
    const columns = [...SURVEY_COLUMNS.optional, ...SURVEY_COLUMNS.required]
    const rows = questions.length
      ? questions.map((q) => [q.code, q.text, '', '', '', '', ''])
      : [['Q1', 'I receive regular supervision that helps me in my work', '12', '30', '8', '5', '2']]
    res.type('text/csv').attachment('staff-survey-results-template.csv').send(toCsv(columns, rows))
  })

  /** Checks a batch against the question bank and the round as they are now. */
  async function check(req: Request, batch: repo.SurveyImport) {
    const { council } = context(req)
    const round = (await repo.findRound(db, council.organisationId, batch.round_id))!
    const [questions, current] = await Promise.all([
      repo.listQuestions(db, council.organisationId),
      repo.listResults(db, council.organisationId, { roundId: round.id }),
    ])
    const checked = validateSurveyImport(batch.table, {
      questions,
      responded: round.responded,
      current: new Map(current.map((r) => [r.question_id, repo.countsOf(r)])),
    })
    return { round, ...checked }
  }

  router.get(P.staffSurveyImport.pattern, read, edit, async (req, res) => {
    const { council } = context(req)
    const batch = importParam.of(res)
    const checked =
      batch.status === 'pending'
        ? await check(req, batch)
        : {
            round: (await repo.findRound(db, council.organisationId, batch.round_id))!,
            rows: [],
            problems: [],
          }
    res.render('voice/views/survey-import-preview.njk', {
      batch,
      round: checked.round,
      rowCount: batch.table.rows.length,
      ...firstProblems(checked.problems),
      counts: {
        new: checked.rows.filter((r) => r.change === 'new').length,
        changed: checked.rows.filter((r) => r.change === 'changed').length,
        unchanged: checked.rows.filter((r) => r.change === 'unchanged').length,
        questions: checked.rows.filter((r) => r.questionId === null).length,
      },
      preview: checked.rows.slice(0, PREVIEW_ROWS).map((r) => ({
        ...r,
        n: respondents(r.counts),
        share: percentText(shareFavourable(r.counts)),
        beforeShare: r.before ? percentText(shareFavourable(r.before)) : null,
      })),
      previewLimit: PREVIEW_ROWS,
      options: AGREEMENT_OPTIONS,
      labels: AGREEMENT_LABELS,
    })
  })

  router.post(P.confirmStaffSurveyImport.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const batch = importParam.of(res)
    const back = P.staffSurveyImport(council.slug, batch.id)
    if (batch.status !== 'pending') return res.redirect(back)
    const { round, rows, problems } = await check(req, batch)
    if (problems.length) return res.redirect(back)
    // All or nothing: every row is written in one transaction, or none (an error rolls it all back).
    const summary = await db.transaction().execute((trx) => repo.applySurveyImport(trx, actor, batch, round, rows))
    flash(req, summary ? `Import complete: ${summary}` : 'This file was already imported')
    res.redirect(P.staffSurveyRound(council.slug, round.id))
  })

  router.post(P.discardStaffSurveyImport.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const batch = importParam.of(res)
    await db.transaction().execute((trx) => repo.discardSurveyImport(trx, actor, batch))
    flash(req, 'Import cancelled: nothing was changed')
    res.redirect(P.staffSurveyRound(council.slug, batch.round_id))
  })

  // -------------------------------------------------------------------------------------------------------
  // A question: its trend, and the objectives it is evidence for
  // -------------------------------------------------------------------------------------------------------

  router.get(P.staffSurveyQuestion.pattern, read, async (req, res) => {
    const { council } = context(req)
    const question = questionParam.of(res)
    const [results, links] = await Promise.all([
      repo.listResults(db, council.organisationId, { questionId: question.id }),
      repo.listObjectiveLinks(db, council.organisationId, question.id),
    ])
    const trend = trendOf(results.map(repo.roundResult))
    const byRound = new Map(results.map((r) => [r.round_id, r]))
    const rows = trend.map((t) => {
      const r = byRound.get(t.roundId)!
      return {
        ...t,
        audience: r.audience,
        counts: repo.countsOf(r),
        changeText: t.test ? changeText(t.test.changePoints) : '',
        significance: t.test ? significanceText(t.test) : '',
      }
    })
    const chart = trend.length
      ? renderLineChart({
          id: `survey-question-${question.id}-chart`,
          title: `Share favourable: ${question.text}`,
          yLabel: 'Favourable (%)',
          unit: 'percent',
          decimals: 0,
          series: [
            {
              label: 'Agree or strongly agree',
              points: trend.map((t) => ({ period: monthYear(t.closedOn), value: t.share })),
            },
          ],
          footnote:
            'Each point is one survey round; the table below gives the counts and the significance of each change.',
        })
      : ''
    res.render('voice/views/survey-question.njk', {
      question,
      rows,
      chart,
      links,
      evidence: questionEvidence(results.map(repo.roundResult), todayIso()),
      options: AGREEMENT_OPTIONS,
      labels: AGREEMENT_LABELS,
    })
  })

  async function renderObjectivesForm(req: Request, res: Response, chosen: number[], errors?: FormErrors) {
    const { council } = context(req)
    const question = questionParam.of(res)
    const choices = await listLinkableObjectives(db, council.organisationId)
    res.status(errors ? 400 : 200).render('voice/views/survey-objectives.njk', {
      question,
      errors,
      items: choices.map((o) => ({
        value: String(o.id),
        text: o.title,
        hint: { text: `Strand ${o.strand_code}: ${o.strand_title}` },
        checked: chosen.includes(o.id),
      })),
    })
  }

  router.get(P.staffSurveyQuestionObjectives.pattern, read, edit, async (req, res) => {
    const question = questionParam.of(res)
    const links = await repo.listObjectiveLinks(db, context(req).council.organisationId, question.id)
    await renderObjectivesForm(
      req,
      res,
      links.map((l) => l.objective_id),
    )
  })

  router.post(P.staffSurveyQuestionObjectives.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const question = questionParam.of(res)
    const body = formBody(req)
    const ids = objectiveIdsOf(body.objectiveIds)
    const choices = new Set((await listLinkableObjectives(db, council.organisationId)).map((o) => o.id))
    const current = await repo.listObjectiveLinks(db, council.organisationId, question.id)
    // A link to an objective no longer in the current plan stays; anything else must be one of the choices.
    const kept = new Set(current.map((l) => l.objective_id))
    if (ids.some((id) => !choices.has(id) && !kept.has(id)) || (body.objectiveIds !== undefined && !ids.length))
      return renderObjectivesForm(
        req,
        res,
        ids,
        singleError('objectiveIds', 'Choose objectives from the list of the current plan'),
      )
    const linked = await db.transaction().execute((trx) => repo.setQuestionObjectives(trx, actor, question, ids))
    flash(req, 'Objectives saved', `${linked.added} linked, ${linked.removed} unlinked`)
    res.redirect(P.staffSurveyQuestion(council.slug, question.id))
  })

  // -------------------------------------------------------------------------------------------------------
  // The staff reference group
  // -------------------------------------------------------------------------------------------------------

  router.get(P.staffReferenceNotes.pattern, read, async (req, res) => {
    const notes = await repo.listNotes(db, context(req).council.organisationId)
    res.render('voice/views/survey-notes.njk', { notes })
  })

  function renderNoteForm(
    res: Response,
    view: { note?: repo.Note; values: Record<string, unknown>; errors?: FormErrors | undefined },
  ) {
    res.status(view.errors ? 400 : 200).render('voice/views/survey-note-form.njk', view)
  }

  const noteInput = (v: { heldOn: string | null; themes: string[]; summary: string; response: string }) => ({
    held_on: v.heldOn!,
    themes: v.themes,
    summary: v.summary,
    response: v.response,
  })

  router.get(P.newStaffReferenceNote.pattern, read, edit, (_req, res) =>
    renderNoteForm(res, { values: dateValues('heldOn', todayIso()) }),
  )

  router.post(P.newStaffReferenceNote.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const values = formBody(req)
    const form = parseForm(noteSchema, values, ['heldOn'])
    if (!form.ok) return renderNoteForm(res, { values, errors: form.errors })
    if (form.value.heldOn! > todayIso())
      return renderNoteForm(res, {
        values,
        errors: addError(undefined, 'heldOn', 'The date the group met must be today or in the past', true),
      })
    await db.transaction().execute((trx) => repo.createNote(trx, actor, noteInput(form.value)))
    flash(req, 'Reference group note added')
    res.redirect(P.staffReferenceNotes(council.slug))
  })

  router.get(P.editStaffReferenceNote.pattern, read, edit, (_req, res) => {
    const note = noteParam.of(res)
    renderNoteForm(res, {
      note,
      values: {
        ...dateValues('heldOn', note.held_on),
        themes: note.themes.join(', '),
        summary: note.summary,
        response: note.response,
      },
    })
  })

  router.post(P.editStaffReferenceNote.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const note = noteParam.of(res)
    const values = formBody(req)
    const form = parseForm(noteSchema, values, ['heldOn'])
    if (!form.ok) return renderNoteForm(res, { note, values, errors: form.errors })
    if (form.value.heldOn! > todayIso())
      return renderNoteForm(res, {
        note,
        values,
        errors: addError(undefined, 'heldOn', 'The date the group met must be today or in the past', true),
      })
    await db.transaction().execute((trx) => repo.updateNote(trx, actor, note, noteInput(form.value)))
    flash(req, 'Reference group note changed')
    res.redirect(P.staffReferenceNotes(council.slug))
  })

  return router
}
