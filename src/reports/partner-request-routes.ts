// Requests to partner agencies for contributions, and marking them received.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { dateInput, parseForm, requiredText, type FormErrors, formBody } from '../web/forms.js'
import { recordParam } from '../web/records.js'
import { todayIso } from '../shared/dates.js'
import { findCurrentPlan, findStrand, loadPlanTree } from '../plan/plan-repository.js'
import {
  createPartnerRequest,
  findPartnerRequest,
  listPartnerRequests,
  markPartnerRequestReceived,
} from './partner-request-repository.js'

const P = paths.council

const partnerRequestSchema = z.object({
  partner: requiredText('the partner', 200),
  description: requiredText('what was asked for', 1000),
  strandId: z
    .preprocess((v) => (v === '' || v === undefined ? null : Number(v)), z.number().int().positive().nullable())
    .catch(null),
  requestedOn: dateInput('the date it was asked for', { required: true }),
  dueOn: dateInput('the date it is due', { required: true }),
})

export function partnerRequestRoutes(db: Db): Router {
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
    const plan = await findCurrentPlan(db, council.organisationId)
    res.status(view.errors ? 400 : 200).render('reports/views/partner-requests.njk', {
      requests: await listPartnerRequests(db, council.organisationId),
      strands: plan ? (await loadPlanTree(db, plan.id)).strands : [],
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
    // Only this council's strands can be named.
    const strandId =
      form.value.strandId && (await findStrand(db, council.organisationId, form.value.strandId))
        ? form.value.strandId
        : null
    const input = { ...form.value, strandId, requestedOn: form.value.requestedOn!, dueOn: form.value.dueOn! }
    await db.transaction().execute((trx) => createPartnerRequest(trx, actor, input))
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
