// Closing the plan and starting the next one, carrying its open objectives over.
import { Router, type Request, type Response } from 'express'
import type { Db } from '../db/connect.js'
import type { Plan } from '../db/database.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { formBody, parseForm, type FormErrors } from '../web/forms.js'
import { dateParts, formatDate, todayIso } from '../shared/dates.js'
import { closePlan, listOpenObjectives, startNextPlan } from './plan-lifecycle-repository.js'
import { CLOSE_PLAN_DATE_FIELDS, NEXT_PLAN_DATE_FIELDS, closePlanSchema, nextPlanSchema } from './plan-validation.js'
import { currentPlan } from './plan-params.js'

const P = paths.council

export function planLifecycleRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const readDraft = requireCapability('plan:read-draft')
  const editAny = requireCapability('plan:edit-any')

  function renderClose(res: Response, plan: Plan, values: Record<string, unknown>, errors?: FormErrors) {
    res.status(errors ? 400 : 200).render('plan/views/plan-close.njk', { plan, values, errors })
  }

  router.get(P.closePlan.pattern, readDraft, editAny, async (req, res) => {
    const plan = await currentPlan(db, req)
    const today = dateParts(plan.ends_on && plan.ends_on < todayIso() ? plan.ends_on : todayIso())
    renderClose(res, plan, {
      'closedOn-day': today.day,
      'closedOn-month': today.month,
      'closedOn-year': today.year,
    })
  })

  router.post(P.closePlan.pattern, readDraft, editAny, async (req, res) => {
    const plan = await currentPlan(db, req)
    if (plan.closed_on) return renderClose(res, plan, formBody(req), closedAlready(plan))
    const form = parseForm(closePlanSchema(todayIso(), plan.starts_on), req.body, CLOSE_PLAN_DATE_FIELDS)
    if (!form.ok) return renderClose(res, plan, formBody(req), form.errors)
    const { council, actor } = context(req)
    await db
      .transaction()
      .execute((trx) => closePlan(trx, actor, plan, { closedOn: form.value.closedOn!, note: form.value.note }))
    flash(req, 'Plan closed: its milestones are no longer chased')
    res.redirect(P.plan(council.slug))
  })

  async function renderNext(req: Request, res: Response, values: Record<string, unknown>, errors?: FormErrors) {
    const plan = await currentPlan(db, req)
    const open = plan.closed_on ? await listOpenObjectives(db, plan.id) : []
    res.status(errors ? 400 : 200).render('plan/views/plan-next.njk', { plan, open, values, errors })
  }

  router.get(P.nextPlan.pattern, readDraft, editAny, async (req, res) => {
    const plan = await currentPlan(db, req)
    const open = plan.closed_on ? await listOpenObjectives(db, plan.id) : []
    // Every open objective is ticked to begin with: carrying over is the usual case.
    await renderNext(req, res, { carry: open.map((o) => String(o.id)) })
  })

  router.post(P.nextPlan.pattern, readDraft, editAny, async (req, res) => {
    const plan = await currentPlan(db, req)
    if (!plan.closed_on) return renderNext(req, res, formBody(req), notClosed())
    const open = await listOpenObjectives(db, plan.id)
    const form = parseForm(
      nextPlanSchema(
        plan.starts_on,
        open.map((o) => o.id),
      ),
      req.body,
      NEXT_PLAN_DATE_FIELDS,
    )
    if (!form.ok) return renderNext(req, res, formBody(req), form.errors)
    const { council, actor } = context(req)
    const { title, startsOn, endsOn, carry } = form.value
    const next = await db
      .transaction()
      .execute((trx) => startNextPlan(trx, actor, plan, { title, startsOn: startsOn!, endsOn, carry }))
    flash(
      req,
      `${next.title} started with ${carry.length} ${carry.length === 1 ? 'objective' : 'objectives'} carried over`,
    )
    res.redirect(P.plan(council.slug))
  })

  return router
}

function closedAlready(plan: Plan): FormErrors {
  return {
    summary: [{ text: `This plan was closed on ${formatDate(plan.closed_on)}`, href: '#closedOn-day' }],
    fields: { closedOn: { text: `This plan was closed on ${formatDate(plan.closed_on)}` } },
  }
}

function notClosed(): FormErrors {
  return {
    summary: [{ text: 'Close the current plan before starting the next one', href: '#title' }],
    fields: {},
  }
}
