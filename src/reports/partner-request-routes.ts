// Requests to partner agencies for contributions (commissioned by the improvement team or by a Board meeting),
// their state and answers, and marking them received.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import {
  dateInput,
  optionalText,
  parseForm,
  requiredText,
  singleError,
  type FormErrors,
  formBody,
} from '../web/forms.js'
import { recordParam } from '../web/records.js'
import { todayIso } from '../shared/dates.js'
import { findCurrentPlan, findStrand, loadPlanTree } from '../plan/plan-repository.js'
import { describeOwner, ownerField, ownerOf, ownerOptions } from '../accounts/owners.js'
import { loadOwnerChoices, ownerProblem } from '../accounts/owner-repository.js'
import {
  createPartnerRequest,
  findPartnerRequest,
  listCommissioningMeetings,
  listPartnerOrganisations,
  listPartnerRequests,
  markPartnerRequestReceived,
} from './partner-request-repository.js'
import { queueRequestMadeNotice } from './partner-request-mail.js'
import { commissionedByLabel, REQUEST_STATE_LABELS, REQUEST_STATE_TAGS, requestState } from './partner-request-state.js'

const P = paths.council

const partnerRequestSchema = z
  .object({
    partner: optionalText('the partner', 200),
    partnerOrganisationId: z
      .preprocess((v) => v ?? '', z.unknown())
      .transform((v, ctx) => {
        if (v === '' || v === undefined) return null
        if (typeof v === 'string' && /^[1-9][0-9]{0,8}$/.test(v)) return Number(v)
        ctx.addIssue({ code: 'custom', message: 'Choose the partner organisation from the list' })
        return z.NEVER
      }),
    ownedBy: ownerField('Choose who answers the request from the list'),
    description: requiredText('what was asked for', 1000),
    strandId: z
      .preprocess((v) => (v === '' || v === undefined ? null : Number(v)), z.number().int().positive().nullable())
      .catch(null),
    requestedOn: dateInput('the date it was asked for', { required: true }),
    dueOn: dateInput('the date it is due', { required: true }),
    // Who commissioned it: empty for the improvement team, else one of the council's Board meetings.
    meetingId: z
      .preprocess((v) => v ?? '', z.unknown())
      .transform((v, ctx) => {
        if (v === '') return null
        if (typeof v === 'string' && /^[1-9][0-9]{0,8}$/.test(v)) return Number(v)
        ctx.addIssue({ code: 'custom', message: 'Choose who commissioned the request from the list' })
        return z.NEVER
      }),
  })
  // Checked even when other fields are wrong (a refinement is skipped by default once a date has failed).
  .refine((r) => r.partner !== '' || r.partnerOrganisationId !== null, {
    path: ['partner'],
    message: 'Enter the partner, or choose the partner organisation',
    when: (payload) =>
      !payload.issues.some((i) => i.path?.[0] === 'partner' || i.path?.[0] === 'partnerOrganisationId'),
  })

export function partnerRequestRoutes(db: Db, publicUrl: string): Router {
  const router = Router({ mergeParams: true })
  const readDraft = requireCapability('plan:read-draft')
  const editAny = requireCapability('plan:edit-any')

  const requestParam = recordParam('requestId', (id, { council }) => findPartnerRequest(db, council.organisationId, id))
  requestParam.register(router)

  async function renderRequests(
    req: Request,
    res: Response,
    view: { values: Record<string, unknown>; errors?: FormErrors } = { values: {} },
  ) {
    const { council } = context(req)
    const today = todayIso()
    const [plan, requests, choices, partnerOrganisations, meetings] = await Promise.all([
      findCurrentPlan(db, council.organisationId),
      listPartnerRequests(db, council.organisationId),
      loadOwnerChoices(db, council.organisationId),
      listPartnerOrganisations(db, council.organisationId),
      listCommissioningMeetings(db, council.organisationId),
    ])
    res.status(view.errors ? 400 : 200).render('reports/views/partner-requests.njk', {
      requests: requests.map((r) => {
        const state = requestState(r, today)
        return {
          ...r,
          ownerText: describeOwner(ownerOf(r), '', choices),
          commissionedBy: commissionedByLabel(r.meeting_held_on === null ? null : { held_on: r.meeting_held_on }),
          state,
          stateLabel: REQUEST_STATE_LABELS[state],
          stateTag: REQUEST_STATE_TAGS[state],
        }
      }),
      strands: plan ? (await loadPlanTree(db, plan.id)).strands : [],
      owners: ownerOptions(choices),
      partnerOrganisations,
      meetingItems: meetings.map((m) => ({ value: String(m.id), text: commissionedByLabel(m) })),
      ...view,
    })
  }

  router.get(P.partnerRequests.pattern, readDraft, async (req, res) => {
    await renderRequests(req, res)
  })

  router.post(P.partnerRequests.pattern, readDraft, editAny, async (req, res) => {
    const { council, actor } = context(req)
    const form = parseForm(partnerRequestSchema, req.body, ['requestedOn', 'dueOn'])
    if (!form.ok) return renderRequests(req, res, { values: formBody(req), errors: form.errors })
    // Only this council's partner agencies, people and contacts can be named.
    const organisation = (await listPartnerOrganisations(db, council.organisationId)).find(
      (o) => o.id === form.value.partnerOrganisationId,
    )
    if (form.value.partnerOrganisationId !== null && !organisation) {
      const errors = singleError('partnerOrganisationId', 'Choose the partner organisation from the list')
      return renderRequests(req, res, { values: formBody(req), errors })
    }
    // Only this council's Board meetings can commission it.
    if (
      form.value.meetingId !== null &&
      !(await listCommissioningMeetings(db, council.organisationId)).some((m) => m.id === form.value.meetingId)
    ) {
      const errors = singleError('meetingId', 'Choose who commissioned the request from the list')
      return renderRequests(req, res, { values: formBody(req), errors })
    }
    const problem = await ownerProblem(db, council.organisationId, form.value.ownedBy)
    if (problem) return renderRequests(req, res, { values: formBody(req), errors: singleError('ownedBy', problem) })
    // Only this council's strands can be named.
    const strandId =
      form.value.strandId && (await findStrand(db, council.organisationId, form.value.strandId))
        ? form.value.strandId
        : null
    const input = {
      ...form.value,
      // Named by its organisation when no other name was typed.
      partner: form.value.partner || organisation?.name || '',
      strandId,
      requestedOn: form.value.requestedOn!,
      dueOn: form.value.dueOn!,
    }
    // The person who answers it is told, in the same transaction (src/mail/outbox.ts).
    await db.transaction().execute(async (trx) => {
      const created = await createPartnerRequest(trx, actor, input)
      await queueRequestMadeNotice(trx, council, created, publicUrl)
    })
    flash(req, 'Request recorded')
    res.redirect(P.partnerRequests(council.slug))
  })

  router.post(P.partnerRequestReceived.pattern, readDraft, editAny, async (req, res) => {
    const { council, actor } = context(req)
    const request = requestParam.of(res)
    await db.transaction().execute((trx) => markPartnerRequestReceived(trx, actor, request, todayIso()))
    flash(req, 'Marked as received')
    res.redirect(P.partnerRequests(council.slug))
  })

  return router
}
