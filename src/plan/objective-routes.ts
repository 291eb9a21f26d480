// Adding, editing, retiring and reordering objectives, an objective's page and its progress updates.
import { Router, type Request, type Response } from 'express'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { BadRequestError } from '../web/errors.js'
import { flash } from '../web/flash.js'
import { expectedVersionOf, guardedSave, parseForm, singleError, type FormErrors, formBody } from '../web/forms.js'
import { versionOf } from '../db/errors.js'
import { todayIso } from '../shared/dates.js'
import { describeOwner, ownerOf, ownerOptions, ownerValue, type Owner } from '../accounts/owners.js'
import { loadOwnerChoices, ownerProblem } from '../accounts/owner-repository.js'
import * as repo from './plan-repository.js'
import { activeStatusSchema, directionSchema, objectiveSchema, updateSchema } from './plan-validation.js'
import { judgedOn, overdueAt } from './milestone-status.js'
import { mayEdit, planParams, requireEdit } from './plan-params.js'

const P = paths.council
type LoadedObjective = NonNullable<Awaited<ReturnType<typeof repo.findObjective>>>

export function objectiveRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const readDraft = requireCapability('plan:read-draft')
  const { strand, objective } = planParams(db)
  strand.register(router)
  objective.register(router)

  async function renderObjectiveForm(
    req: Request,
    res: Response,
    view: {
      strand: { id: number; code: string; title: string }
      objective?: { id: number; title: string }
      values: Record<string, unknown>
      errors?: FormErrors
    },
  ) {
    const owners = ownerOptions(await loadOwnerChoices(db, context(req).council.organisationId))
    res.status(view.errors ? 400 : 200).render('plan/views/objective-form.njk', { ...view, owners })
  }

  /** An owner from outside the council is refused on the form, keeping what was typed. */
  async function ownerError(req: Request, owner: Owner): Promise<FormErrors | undefined> {
    const problem = await ownerProblem(db, context(req).council.organisationId, owner)
    return problem ? singleError('ownedBy', problem) : undefined
  }

  const strandOf = (o: LoadedObjective) => ({ id: o.strand_id, code: o.strand_code, title: o.strand_title })

  async function objectivePage(req: Request, found: LoadedObjective) {
    const [milestones, updates, choices] = await Promise.all([
      repo.listMilestones(db, found.id),
      repo.listObjectiveUpdates(db, found.id),
      loadOwnerChoices(db, context(req).council.organisationId),
    ])
    // A closed plan's milestones are judged as they stood on its closing day.
    const today = judgedOn(todayIso(), found.plan_closed_on)
    return {
      objective: found,
      ownerText: describeOwner(ownerOf(found), found.owner, choices),
      milestones: milestones.map((m) => ({
        ...m,
        overdue: overdueAt(m, today),
        ownerText: describeOwner(ownerOf(m), m.owner, choices),
      })),
      updates,
      editable: mayEdit(req, found.lead_user_id),
    }
  }

  router.get(P.newObjective.pattern, readDraft, async (req, res) => {
    const parent = strand.of(res)
    requireEdit(req, parent.lead_user_id)
    await renderObjectiveForm(req, res, { strand: parent, values: {} })
  })

  router.post(P.newObjective.pattern, readDraft, async (req, res) => {
    const parent = strand.of(res)
    requireEdit(req, parent.lead_user_id)
    const form = parseForm(objectiveSchema, req.body)
    if (!form.ok) return renderObjectiveForm(req, res, { strand: parent, values: formBody(req), errors: form.errors })
    const notInCouncil = await ownerError(req, form.value.ownedBy)
    if (notInCouncil)
      return renderObjectiveForm(req, res, { strand: parent, values: formBody(req), errors: notInCouncil })
    const { council, actor } = context(req)
    const created = await db.transaction().execute((trx) => repo.createObjective(trx, actor, parent.id, form.value))
    flash(req, 'Objective added')
    res.redirect(P.objective(council.slug, created.id))
  })

  router.get(P.objective.pattern, readDraft, async (req, res) => {
    res.render('plan/views/objective.njk', { ...(await objectivePage(req, objective.of(res))), values: {} })
  })

  router.get(P.editObjective.pattern, readDraft, async (req, res) => {
    const found = objective.of(res)
    requireEdit(req, found.lead_user_id)
    await renderObjectiveForm(req, res, {
      strand: strandOf(found),
      objective: found,
      values: {
        expectedVersion: versionOf(found),
        title: found.title,
        intendedImpact: found.intended_impact,
        description: found.description,
        owner: found.owner,
        ownedBy: ownerValue(ownerOf(found)),
      },
    })
  })

  router.post(P.editObjective.pattern, readDraft, async (req, res) => {
    const found = objective.of(res)
    requireEdit(req, found.lead_user_id)
    const form = parseForm(objectiveSchema, req.body)
    const errors = form.ok ? await ownerError(req, form.value.ownedBy) : form.errors
    if (!form.ok || errors) {
      return renderObjectiveForm(req, res, { strand: strandOf(found), objective: found, values: formBody(req), errors })
    }
    const { council, actor } = context(req)
    const expected = expectedVersionOf(req)
    const saved = await guardedSave(
      () => db.transaction().execute((trx) => repo.updateObjective(trx, actor, found, form.value, expected)),
      { changed: { noun: 'objective', field: 'title' } },
    )
    if (!saved.ok) {
      const values = { ...formBody(req), expectedVersion: versionOf(found) }
      return renderObjectiveForm(req, res, { strand: strandOf(found), objective: found, values, errors: saved.errors })
    }
    flash(req, 'Objective saved')
    res.redirect(P.objective(council.slug, found.id))
  })

  router.post(P.objectiveStatus.pattern, readDraft, async (req, res) => {
    const found = objective.of(res)
    requireEdit(req, found.lead_user_id)
    const form = parseForm(activeStatusSchema, req.body)
    if (!form.ok) throw new BadRequestError()
    const { council, actor } = context(req)
    const { status } = form.value
    await db.transaction().execute((trx) => repo.setActiveStatus(trx, actor, 'objective', found, status, todayIso()))
    flash(req, status === 'retired' ? 'Objective retired' : 'Objective reinstated')
    res.redirect(P.objective(council.slug, found.id))
  })

  router.post(P.moveObjective.pattern, readDraft, async (req, res) => {
    const found = objective.of(res)
    requireEdit(req, found.lead_user_id)
    const form = parseForm(directionSchema, req.body)
    if (!form.ok) throw new BadRequestError()
    const { council, actor } = context(req)
    await db.transaction().execute((trx) => repo.move(trx, actor, 'objective', found, form.value.direction))
    res.redirect(`${P.strand(council.slug, found.strand_id)}#objective-${found.id}`)
  })

  router.post(P.objectiveUpdates.pattern, readDraft, async (req, res) => {
    const found = objective.of(res)
    requireEdit(req, found.lead_user_id)
    const form = parseForm(updateSchema, req.body)
    if (!form.ok) {
      const page = await objectivePage(req, found)
      return res.status(400).render('plan/views/objective.njk', { ...page, values: formBody(req), errors: form.errors })
    }
    const { council, actor } = context(req)
    await db.transaction().execute((trx) => repo.addObjectiveUpdate(trx, actor, found.id, form.value.body))
    flash(req, 'Progress update added')
    res.redirect(`${P.objective(council.slug, found.id)}#updates`)
  })

  return router
}
