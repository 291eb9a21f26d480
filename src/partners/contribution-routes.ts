// A partner's own pages: the requests addressed to the organisation they work for (or to them by name) at this
// council, and answering one with an optional file of evidence. Anything else is "not found", never confirmed
// to exist. An answer can be changed until the quarter it was given in is locked by a reporting round. The
// file attached to an answer is downloaded by those who read the draft plan and by the partner who may see
// the request.
import { Router, type NextFunction, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { can } from '../web/roles.js'
import { ForbiddenError, NotFoundError } from '../web/errors.js'
import { flash } from '../web/flash.js'
import { formBody, parseForm, requiredText, singleError, type FormErrors } from '../web/forms.js'
import { recordParam } from '../web/records.js'
import { receiveOneFile } from '../web/upload.js'
import { todayIso } from '../shared/dates.js'
import { quarterOf } from '../shared/calendar.js'
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES_TEXT,
  checkAttachment,
  safeFileName,
} from '../impact/evidence-validation.js'
import {
  answerPartnerRequest,
  changePartnerAnswer,
  employerOfPerson,
  findCommissioningMeeting,
  findPartnerRequest,
  isForPartner,
  listRequestsForPartner,
  listRoundLocks,
  readPartnerRequestAttachment,
  type AnswerAttachment,
  type PartnerPerson,
  type PartnerRequest,
} from '../reports/partner-request-repository.js'
import {
  answerChangeableUntil,
  commissionedByLabel,
  mayChangeAnswer,
  REQUEST_STATE_LABELS,
  REQUEST_STATE_TAGS,
  requestCounts,
  requestState,
} from '../reports/partner-request-state.js'
import { findStrand } from '../plan/plan-repository.js'
import { findCurrentRound, personName, recordReturn } from '../rounds/my-updates-repository.js'
import { listOwedItems, requestTitle } from '../rounds/owed-items.js'

const P = paths.council

export const RESPONSE_MAX = 5000

const answerSchema = z.object({ response: requiredText('your answer', RESPONSE_MAX) })

const ATTACHMENT_RULE = `Optional. A ${ATTACHMENT_TYPES_TEXT} file up to ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB. Do not attach anything that names a child or family.`

async function partnerPerson(db: Db, req: Request): Promise<PartnerPerson> {
  const { user } = context(req)
  return { userId: user.id, employerOrganisationId: await employerOfPerson(db, user.id) }
}

export function contributionRoutes(db: Db, publicUrl = ''): Router {
  const router = Router({ mergeParams: true })
  const answerer = requireCapability('contributions:answer')

  // Another council's request is a 404 for everyone, before any role check.
  const requestParam = recordParam('requestId', (id, { council }) => findPartnerRequest(db, council.organisationId, id))
  requestParam.register(router)

  /** A request addressed to another organisation (and not to this person by name) does not exist for them. */
  const forThisPartner = async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (!isForPartner(requestParam.of(res), await partnerPerson(db, req))) return next(new NotFoundError())
      next()
    } catch (error) {
      next(error)
    }
  }

  router.get(P.contributions.pattern, answerer, async (req, res) => {
    const { council } = context(req)
    const today = todayIso()
    const rows = await listRequestsForPartner(db, council.organisationId, await partnerPerson(db, req))
    const requests = rows.map((r) => {
      const state = requestState(r, today)
      return {
        ...r,
        title: requestTitle(r),
        state,
        stateLabel: REQUEST_STATE_LABELS[state],
        stateTag: REQUEST_STATE_TAGS[state],
      }
    })
    res.render('partners/views/contributions.njk', {
      counts: requestCounts(rows, today),
      open: requests.filter((r) => r.received_on === null),
      answered: requests
        .filter((r) => r.received_on !== null)
        .sort((a, b) => (b.received_on ?? '').localeCompare(a.received_on ?? '') || b.id - a.id),
    })
  })

  async function renderRequest(
    req: Request,
    res: Response,
    request: PartnerRequest,
    form: { values?: Record<string, unknown>; errors?: FormErrors; status?: number; notice?: string } = {},
  ) {
    const { council } = context(req)
    const today = todayIso()
    const state = requestState(request, today)
    const [strand, meeting, askedBy, answeredBy, rounds] = await Promise.all([
      request.strand_id === null ? undefined : findStrand(db, council.organisationId, request.strand_id),
      request.meeting_id === null
        ? undefined
        : findCommissioningMeeting(db, council.organisationId, request.meeting_id),
      request.created_by === null ? null : personName(db, request.created_by),
      request.responded_by === null ? null : personName(db, request.responded_by),
      listRoundLocks(db, council.organisationId),
    ])
    const awaited = request.received_on === null
    const changeable = mayChangeAnswer(request, rounds, today)
    res.status(form.status ?? (form.errors ? 400 : 200)).render('partners/views/contribution.njk', {
      request,
      title: requestTitle(request),
      strand: strand ? { code: strand.code, title: strand.title } : null,
      commissionedBy: commissionedByLabel(meeting ?? null),
      askedBy,
      answeredBy,
      stateLabel: REQUEST_STATE_LABELS[state],
      stateTag: REQUEST_STATE_TAGS[state],
      awaited,
      changeable,
      answeredQuarter: request.received_on ? quarterOf(request.received_on).label : null,
      changeUntil: request.received_on ? answerChangeableUntil(request.received_on) : null,
      showForm: awaited || changeable,
      attachmentRule: ATTACHMENT_RULE,
      responseMax: RESPONSE_MAX,
      notice: form.notice ?? null,
      values: form.values ?? (changeable ? { response: request.response } : {}),
      errors: form.errors,
    })
  }

  router.get(P.contribution.pattern, answerer, forThisPartner, (req, res) =>
    renderRequest(req, res, requestParam.of(res)),
  )

  router.post(
    P.contribution.pattern,
    answerer,
    forThisPartner,
    ...receiveOneFile(
      ATTACHMENT_MAX_BYTES,
      (req, res, message, status) =>
        renderRequest(req, res, requestParam.of(res), {
          values: formBody(req),
          errors: singleError('file', `${message}. Choose the file again`),
          status,
        }),
      'Attach one file',
    ),
    async (req, res) => {
      const { council, user, actor } = context(req)
      const request = requestParam.of(res)
      const today = todayIso()
      const values = formBody(req)
      const rounds = await listRoundLocks(db, council.organisationId)
      const awaited = request.received_on === null
      if (!awaited && !mayChangeAnswer(request, rounds, today)) {
        return renderRequest(req, res, request, {
          values: {},
          status: 400,
          notice: 'This answer can no longer be changed, so what you sent was not saved.',
        })
      }
      const form = parseForm(answerSchema, req.body)
      let attachment: AnswerAttachment | null = null
      let fileError: string | null = null
      if (req.file) {
        const name = safeFileName(req.file.originalname)
        const checked = checkAttachment(name, req.file.buffer)
        if (checked.ok) attachment = { name, type: checked.type, bytes: req.file.buffer }
        else fileError = `${checked.message}. Choose the file again`
      }
      if (!form.ok || fileError) {
        const errors: FormErrors = form.ok ? { summary: [], fields: {} } : form.errors
        if (fileError) {
          errors.summary.push({ text: fileError, href: '#file' })
          errors.fields.file = { text: fileError }
        }
        return renderRequest(req, res, request, { values, errors })
      }
      const input = {
        response: form.value.response,
        attachment,
        today,
        responderName: user.displayName,
        councilSlug: council.slug,
        publicUrl,
      }
      const saved = await db.transaction().execute(async (trx) => {
        if (!awaited) return changePartnerAnswer(trx, actor, request, input)
        const done = await answerPartnerRequest(trx, actor, request, input)
        // The open round's return too, while a round that owes the request is open (as "my updates" does).
        const { current } = await findCurrentRound(trx, council.organisationId, today)
        if (done && current) {
          const owed = (await listOwedItems(trx, current)).find(
            (i) => i.type === 'partner-request' && i.id === request.id,
          )
          if (owed) {
            await recordReturn(
              trx,
              actor,
              current.id,
              { type: 'partner-request', id: request.id },
              `Response to ${request.partner}'s request for the ${quarterOf(current.quarter_start).label} round`,
            )
          }
        }
        return done
      })
      if (!saved) {
        // Answered (or marked received) by someone else meanwhile: show it as it now stands.
        const now = await findPartnerRequest(db, council.organisationId, request.id)
        if (!now) throw new NotFoundError()
        return renderRequest(req, res, now, {
          values: {},
          status: 400,
          notice: 'This request had already been answered, so your answer was not sent.',
        })
      }
      flash(req, awaited ? 'Answer sent' : 'Answer changed', `${request.partner}: ${requestTitle(request)}`)
      res.redirect(P.contributions(council.slug))
    },
  )

  router.get(P.partnerRequestAttachment.pattern, async (req, res) => {
    const { council } = context(req)
    const request = requestParam.of(res)
    if (!can(council.role, 'plan:read-draft')) {
      if (!can(council.role, 'contributions:answer')) throw new ForbiddenError('Role may not read attachments')
      if (!isForPartner(request, await partnerPerson(db, req))) throw new NotFoundError()
    }
    const file = await readPartnerRequestAttachment(db, request.id)
    if (!file?.attachment || !file.attachment_name || !file.attachment_type) throw new NotFoundError()
    res.set('X-Content-Type-Options', 'nosniff')
    res.type(file.attachment_type).attachment(file.attachment_name).send(file.attachment)
  })

  return router
}
