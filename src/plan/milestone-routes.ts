// Adding, updating, deleting and reordering milestones.
import { Router, type Request, type Response } from 'express'
import type { Db } from '../db/connect.js'
import { MILESTONE_STATUSES } from '../db/database.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { BadRequestError, NotFoundError } from '../web/errors.js'
import { flash } from '../web/flash.js'
import { expectedVersionOf, guardedSave, parseForm, singleError, type FormErrors, formBody } from '../web/forms.js'
import { versionOf } from '../db/errors.js'
import { dateParts, todayIso } from '../shared/dates.js'
import { ownerOf, ownerOptions, ownerValue } from '../accounts/owners.js'
import { loadOwnerChoices, ownerProblem } from '../accounts/owner-repository.js'
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

  async function renderMilestoneForm(
    req: Request,
    res: Response,
    view: {
      objective: { id: number; title: string; strand_id: number; strand_code: string; strand_title: string }
      milestone?: { id: number; title: string }
      values: Record<string, unknown>
      errors?: FormErrors
    },
  ) {
    const owners = ownerOptions(await loadOwnerChoices(db, context(req).council.organisationId))
    res
      .status(view.errors ? 400 : 200)
      .render('plan/views/milestone-form.njk', { ...view, statuses: MILESTONE_STATUSES, owners })
  }

  const parseMilestone = (req: Request, previousDue?: string) =>
    parseForm(milestoneSchema(todayIso(), previousDue), req.body, MILESTONE_DATE_FIELDS)

  /** The form's errors, with an owner from outside the council refused like any other bad value. */
  async function formErrors(req: Request, form: ReturnType<typeof parseMilestone>) {
    if (!form.ok) return form.errors
    const problem = await ownerProblem(db, context(req).council.organisationId, form.value.ownedBy)
    return problem ? singleError('ownedBy', problem) : undefined
  }

  async function objectiveFor(req: Request, objectiveId: number) {
    const found = await repo.findObjective(db, context(req).council.organisationId, objectiveId)
    if (!found) throw new NotFoundError()
    return found
  }

  router.get(P.newMilestone.pattern, readDraft, async (req, res) => {
    const parent = objective.of(res)
    requireEdit(req, parent.lead_user_id)
    await renderMilestoneForm(req, res, { objective: parent, values: { status: 'not-started' } })
  })

  router.post(P.newMilestone.pattern, readDraft, async (req, res) => {
    const parent = objective.of(res)
    requireEdit(req, parent.lead_user_id)
    const form = parseMilestone(req)
    const errors = await formErrors(req, form)
    if (!form.ok || errors) return renderMilestoneForm(req, res, { objective: parent, values: formBody(req), errors })
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
    await renderMilestoneForm(req, res, {
      objective: await objectiveFor(req, found.objective_id),
      milestone: found,
      values: {
        expectedVersion: versionOf(found),
        title: found.title,
        owner: found.owner,
        ownedBy: ownerValue(ownerOf(found)),
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
    const form = parseMilestone(req, found.due_on)
    const errors = await formErrors(req, form)
    if (!form.ok || errors) {
      return renderMilestoneForm(req, res, {
        objective: await objectiveFor(req, found.objective_id),
        milestone: found,
        values: formBody(req),
        errors,
      })
    }
    const { council, actor } = context(req)
    const input = { ...form.value, dueOn: form.value.dueOn! }
    const expected = expectedVersionOf(req)
    const saved = await guardedSave(
      () => db.transaction().execute((trx) => repo.updateMilestone(trx, actor, found, input, expected)),
      { changed: { noun: 'milestone', field: 'title' } },
    )
    if (!saved.ok) {
      return renderMilestoneForm(req, res, {
        objective: await objectiveFor(req, found.objective_id),
        milestone: found,
        values: { ...formBody(req), expectedVersion: versionOf(found) },
        errors: saved.errors,
      })
    }
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
