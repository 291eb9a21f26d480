// Self-assessments before a review (the 2018 Notice asks the council for its own assessment of improvement
// before each DfE review): listed for everyone who reads oversight; started, written and submitted by the
// improvement team. A draft shows the live data; once submitted it is frozen and read-only. Each can be
// printed, and downloaded as Word or PDF.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { ChromiumUnavailableError, type PdfPrinter } from '../exports/chromium.js'
import { renderToString } from '../exports/print-html.js'
import { context, requireCapability } from '../web/auth.js'
import { NotFoundError } from '../web/errors.js'
import { flash } from '../web/flash.js'
import { formBody, optionalText, parseForm, singleError, type FormErrors } from '../web/forms.js'
import { paths } from '../web/paths.js'
import { recordParam } from '../web/records.js'
import { can } from '../web/roles.js'
import { formatDate, todayIso } from '../shared/dates.js'
import { eventKindName, eventTitle } from './event-kinds.js'
import { NARRATIVE_MAX, NARRATIVE_SECTIONS, type ReviewEvent } from './self-assessment-content.js'
import { contentLocals, exportSelfAssessment, isSelfAssessmentFormat } from './self-assessment-export.js'
import {
  createSelfAssessment,
  findSelfAssessment,
  listReviewChoices,
  listSelfAssessments,
  saveSelfAssessmentNarrative,
  selfAssessmentContent,
  submitSelfAssessment,
  type SelfAssessmentRow,
} from './self-assessment-repository.js'

const P = paths.council

const newSchema = z.object({
  title: optionalText('the title', 200),
  review: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string()),
})

const narrativeSchema = z.object(
  Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s.key, optionalText(s.heading.toLowerCase(), NARRATIVE_MAX)])),
)

/** "Self-assessment before the DfE review on 20 January 2027"; without a review, the day it was started. */
export function defaultTitle(review: ReviewEvent | undefined, today: string): string {
  if (!review) return `Self-assessment, ${formatDate(today)}`
  // "the monitoring visit", "the joint targeted area inspection (JTAI)": only the first letter lowered.
  const name = eventKindName(review.kind, review.inspection_type)
  const what = review.kind === 'dfe-review' ? 'DfE review' : name.charAt(0).toLowerCase() + name.slice(1)
  return `Self-assessment before the ${what} on ${formatDate(review.starts_on)}`
}

/** The review's line in the select: "DfE progress review, January 2027 (planned, 20 January 2027)". */
const choiceText = (e: ReviewEvent) =>
  `${eventTitle(e)} (${e.state === 'planned' ? 'planned' : 'held'}, ${formatDate(e.starts_on)})`

export function selfAssessmentRoutes(db: Db, printPdf: PdfPrinter): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('oversight:read')
  const edit = requireCapability('oversight:edit')

  // Another council's self-assessment is a 404 for everyone.
  const assessmentParam = recordParam('assessmentId', (id, { council }) =>
    findSelfAssessment(db, council.organisationId, id),
  )
  assessmentParam.register(router)

  router.get(P.selfAssessments.pattern, read, async (req, res) => {
    const { council } = context(req)
    const rows = await listSelfAssessments(db, council.organisationId)
    res.render('oversight/views/self-assessments.njk', {
      assessments: rows.map((r) => ({
        ...r,
        review:
          r.review_id !== null
            ? `${eventTitle({
                title: r.review_title ?? '',
                kind: r.review_kind!,
                inspection_type: r.review_inspection_type,
                starts_on: r.review_starts_on!,
              })} (${formatDate(r.review_starts_on)})`
            : 'Not linked to a review',
      })),
    })
  })

  // Starting one: its title and the review it prepares for.

  async function renderNew(
    req: Request,
    res: Response,
    extra: { values?: Record<string, unknown>; errors?: FormErrors },
  ) {
    const { council } = context(req)
    const today = todayIso()
    const choices = await listReviewChoices(db, council.organisationId, today)
    const next = choices.find((e) => e.kind === 'dfe-review' && e.state === 'planned' && e.starts_on >= today)
    res.status(extra.errors ? 400 : 200).render('oversight/views/self-assessment-new.njk', {
      reviewItems: [
        { value: '', text: 'Not linked to a review' },
        ...choices.map((e) => ({ value: String(e.id), text: choiceText(e) })),
      ],
      values: extra.values ?? { title: defaultTitle(next, today), review: next ? String(next.id) : '' },
      errors: extra.errors,
    })
  }

  router.get(P.newSelfAssessment.pattern, read, edit, (req, res) => renderNew(req, res, {}))

  router.post(P.newSelfAssessment.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const form = parseForm(newSchema, req.body)
    if (!form.ok) return renderNew(req, res, { values: formBody(req), errors: form.errors })
    const today = todayIso()
    const choices = await listReviewChoices(db, council.organisationId, today)
    const review = form.value.review ? choices.find((e) => String(e.id) === form.value.review) : undefined
    if (form.value.review && !review)
      return renderNew(req, res, {
        values: formBody(req),
        errors: singleError('review', 'Choose a planned or recent review from the list, or none'),
      })
    const title = form.value.title || defaultTitle(review, today)
    const id = await db
      .transaction()
      .execute((trx) => createSelfAssessment(trx, actor, { title, reviewEventId: review?.id ?? null }))
    flash(req, 'Self-assessment started', 'Write your assessment below. The figures stay live until you submit it.')
    res.redirect(P.selfAssessment(council.slug, id))
  })

  // The page: the draft live with its narrative form, or the frozen copy.

  async function renderAssessment(
    req: Request,
    res: Response,
    extra: { values?: Record<string, unknown>; errors?: FormErrors } = {},
  ) {
    const { council } = context(req)
    const assessment = assessmentParam.of(res)
    const content = await selfAssessmentContent(db, council, assessment, todayIso())
    const draft = assessment.status === 'draft'
    res.status(extra.errors ? 400 : 200).render('oversight/views/self-assessment.njk', {
      ...contentLocals(content),
      assessment,
      editable: draft && can(council.role, 'oversight:edit'),
      values: extra.values ?? assessment.narrative,
      errors: extra.errors,
    })
  }

  /** A submitted self-assessment never changes: say so (409), and change nothing. */
  const frozen = (res: Response, assessment: SelfAssessmentRow) =>
    res.status(409).render('oversight/views/self-assessment-frozen.njk', { assessment })

  router.get(P.selfAssessment.pattern, read, (req, res) => renderAssessment(req, res))

  router.post(P.selfAssessmentNarrative.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const assessment = assessmentParam.of(res)
    if (assessment.status !== 'draft') return frozen(res, assessment)
    const form = parseForm(narrativeSchema, req.body)
    if (!form.ok) return renderAssessment(req, res, { values: formBody(req), errors: form.errors })
    const narrative = Object.fromEntries(NARRATIVE_SECTIONS.map((s) => [s.key, form.value[s.key] ?? '']))
    const saved = await db
      .transaction()
      .execute((trx) => saveSelfAssessmentNarrative(trx, actor, assessment, narrative))
    if (!saved) return frozen(res, assessment)
    flash(req, 'Assessment saved')
    res.redirect(`${P.selfAssessment(council.slug, assessment.id)}#assessment`)
  })

  router.get(P.submitSelfAssessment.pattern, read, edit, (_req, res) => {
    const assessment = assessmentParam.of(res)
    if (assessment.status !== 'draft') return frozen(res, assessment)
    res.render('oversight/views/self-assessment-submit.njk', {
      assessment,
      unwritten: NARRATIVE_SECTIONS.filter((s) => !(assessment.narrative[s.key] ?? '').trim()).map((s) => s.heading),
    })
  })

  router.post(P.submitSelfAssessment.pattern, read, edit, async (req, res) => {
    const { council, actor, user } = context(req)
    const assessment = assessmentParam.of(res)
    if (assessment.status !== 'draft') return frozen(res, assessment)
    const submitted = await db
      .transaction()
      .execute((trx) =>
        submitSelfAssessment(trx, { ...actor, displayName: user.displayName }, council, assessment, todayIso()),
      )
    if (!submitted) return frozen(res, assessment)
    flash(req, 'Self-assessment submitted', 'It is frozen as it stands today: later changes do not alter it.')
    res.redirect(P.selfAssessment(council.slug, assessment.id))
  })

  // Print view and files.

  router.get(P.selfAssessmentPrint.pattern, read, async (req, res) => {
    const content = await selfAssessmentContent(db, context(req).council, assessmentParam.of(res), todayIso())
    res.render('oversight/views/self-assessment-print.njk', contentLocals(content))
  })

  router.get(P.selfAssessmentExport.pattern, read, async (req, res) => {
    const format = req.params.format
    if (!isSelfAssessmentFormat(format)) throw new NotFoundError()
    const { council } = context(req)
    const assessment = assessmentParam.of(res)
    const content = await selfAssessmentContent(db, council, assessment, todayIso())
    try {
      const file = await exportSelfAssessment(format, content, {
        councilSlug: council.slug,
        printPdf,
        render: (view, locals) => renderToString(res, view, locals),
      })
      res.type(file.contentType).attachment(file.filename).send(file.body)
    } catch (error) {
      if (!(error instanceof ChromiumUnavailableError)) throw error
      // The PDF printer is missing on this server: Word and the printable page still work.
      res.status(503).render('oversight/views/self-assessment-pdf-unavailable.njk', { assessment })
    }
  })

  return router
}
