// Adding, updating, deleting and reordering milestones.
import { Router, type Request, type Response } from 'express'
import type { Db } from '../db/connect.js'
import { MILESTONE_STATUSES } from '../db/database.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { BadRequestError, NotFoundError } from '../web/errors.js'
import { flash } from '../web/flash.js'
import { parseForm, type FormErrors, formBody } from '../web/forms.js'
import { dateParts, todayIso } from '../shared/dates.js'
import * as repo from './plan-repository.js'
import { directionSchema, MILESTONE_DATE_FIELDS, milestoneSchema } from './plan-validation.js'
import { planParams, requireEdit } from './plan-params.js'

const P = paths.council

export function milestoneRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const readDraft = requireCapability('plan:read-draft')
  const { objective, milestone } = planParams(db)
  objective.register(router)
  milestone.register(router)

  function renderMilestoneForm(
    res: Response,
    view: {
      objective: { id: number; title: string; strand_id: number; strand_code: string; strand_title: string }
      milestone?: { id: number; title: string }
      values: Record<string, unknown>
      errors?: FormErrors
    },
  ) {
    res
      .status(view.errors ? 400 : 200)
      .render('plan/views/milestone-form.njk', { ...view, statuses: MILESTONE_STATUSES })
  }

  async function objectiveFor(req: Request, objectiveId: number) {
    const found = await repo.findObjective(db, context(req).council.organisationId, objectiveId)
    if (!found) throw new NotFoundError()
    return found
  }

  router.get(P.newMilestone.pattern, readDraft, (req, res) => {
    const parent = objective.of(res)
    requireEdit(req, parent.lead_user_id)
    renderMilestoneForm(res, { objective: parent, values: { status: 'not-started' } })
  })

  router.post(P.newMilestone.pattern, readDraft, async (req, res) => {
    const parent = objective.of(res)
    requireEdit(req, parent.lead_user_id)
    const form = parseForm(milestoneSchema(todayIso()), req.body, MILESTONE_DATE_FIELDS)
    if (!form.ok) return renderMilestoneForm(res, { objective: parent, values: formBody(req), errors: form.errors })
    const { council, actor } = context(req)
    const input = { ...form.value, dueOn: form.value.dueOn! }
    await db.transaction().execute((trx) => repo.createMilestone(trx, actor, parent.id, input))
    flash(req, 'Milestone added')
    res.redirect(P.objective(council.slug, parent.id))
  })

  router.get(P.editMilestone.pattern, readDraft, async (req, res) => {
    const found = milestone.of(res)
    requireEdit(req, found.lead_user_id)
    const due = dateParts(found.due_on)
    const completed = dateParts(found.completed_on)
    renderMilestoneForm(res, {
      objective: await objectiveFor(req, found.objective_id),
      milestone: found,
      values: {
        title: found.title,
        owner: found.owner,
        status: found.status,
        evidence: found.evidence,
        'dueOn-day': due.day,
        'dueOn-month': due.month,
        'dueOn-year': due.year,
        'completedOn-day': completed.day,
        'completedOn-month': completed.month,
        'completedOn-year': completed.year,
      },
    })
  })

  router.post(P.editMilestone.pattern, readDraft, async (req, res) => {
    const found = milestone.of(res)
    requireEdit(req, found.lead_user_id)
    const form = parseForm(milestoneSchema(todayIso(), found.due_on), req.body, MILESTONE_DATE_FIELDS)
    if (!form.ok) {
      return renderMilestoneForm(res, {
        objective: await objectiveFor(req, found.objective_id),
        milestone: found,
        values: formBody(req),
        errors: form.errors,
      })
    }
    const { council, actor } = context(req)
    const input = { ...form.value, dueOn: form.value.dueOn! }
    await db.transaction().execute((trx) => repo.updateMilestone(trx, actor, found, input))
    flash(req, 'Milestone saved')
    res.redirect(`${P.objective(council.slug, found.objective_id)}#milestone-${found.id}`)
  })

  router.get(P.deleteMilestone.pattern, readDraft, (req, res) => {
    const found = milestone.of(res)
    requireEdit(req, found.lead_user_id)
    res.render('plan/views/milestone-delete.njk', { milestone: found })
  })

  router.post(P.deleteMilestone.pattern, readDraft, async (req, res) => {
    const found = milestone.of(res)
    requireEdit(req, found.lead_user_id)
    const { council, actor } = context(req)
    await db.transaction().execute((trx) => repo.deleteMilestone(trx, actor, found))
    flash(req, `Milestone deleted: ${found.title}`)
    res.redirect(P.objective(council.slug, found.objective_id))
  })

  router.post(P.moveMilestone.pattern, readDraft, async (req, res) => {
    const found = milestone.of(res)
    requireEdit(req, found.lead_user_id)
    const form = parseForm(directionSchema, req.body)
    if (!form.ok) throw new BadRequestError()
    const { council, actor } = context(req)
    await db.transaction().execute((trx) => repo.move(trx, actor, 'milestone', found, form.value.direction))
    res.redirect(`${P.objective(council.slug, found.objective_id)}#milestone-${found.id}`)
  })

  return router
}
