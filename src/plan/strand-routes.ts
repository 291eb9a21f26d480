// Adding, editing, retiring and reordering strands, and a strand's page.
import { Router, type Request, type Response } from 'express'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { BadRequestError } from '../web/errors.js'
import { flash } from '../web/flash.js'
import { expectedVersionOf, guardedSave, parseForm, singleError, type FormErrors, formBody } from '../web/forms.js'
import { versionOf } from '../db/errors.js'
import { todayIso } from '../shared/dates.js'
import { describeOwner, leadOf, ownerOf, ownerOptions, ownerValue, type Owner } from '../accounts/owners.js'
import { loadOwnerChoices, ownerProblem } from '../accounts/owner-repository.js'
import * as repo from './plan-repository.js'
import { activeStatusSchema, directionSchema, strandSchema } from './plan-validation.js'
import { judgedOn, summariseMilestones } from './milestone-status.js'
import { currentPlan, mayEdit, planParams } from './plan-params.js'

const P = paths.council
const CODE_TAKEN = 'Another strand already has this code'

export function strandRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const readDraft = requireCapability('plan:read-draft')
  const editAny = requireCapability('plan:edit-any')
  const { strand } = planParams(db)
  strand.register(router)

  async function renderStrandForm(
    req: Request,
    res: Response,
    view: { strand?: repo.StrandWithLead; values: Record<string, unknown>; errors?: FormErrors },
  ) {
    const choices = await loadOwnerChoices(db, context(req).council.organisationId)
    res.status(view.errors ? 400 : 200).render('plan/views/strand-form.njk', { ...view, owners: ownerOptions(choices) })
  }

  /** A lead from outside the council is refused on the form, keeping what was typed. */
  async function leadError(req: Request, lead: Owner): Promise<FormErrors | undefined> {
    const problem = await ownerProblem(db, context(req).council.organisationId, lead)
    return problem ? singleError('lead', problem) : undefined
  }

  router.get(P.newStrand.pattern, readDraft, editAny, async (req, res) => {
    await renderStrandForm(req, res, { values: { half: 'A' } })
  })

  router.post(P.newStrand.pattern, readDraft, editAny, async (req, res) => {
    const plan = await currentPlan(db, req)
    const form = parseForm(strandSchema, req.body)
    if (!form.ok) return renderStrandForm(req, res, { values: formBody(req), errors: form.errors })
    const notInCouncil = await leadError(req, form.value.lead)
    if (notInCouncil) return renderStrandForm(req, res, { values: formBody(req), errors: notInCouncil })
    if (await repo.strandCodeTaken(db, plan.id, form.value.code)) {
      return renderStrandForm(req, res, {
        values: formBody(req),
        errors: singleError('code', CODE_TAKEN),
      })
    }
    const { council, actor } = context(req)
    const saved = await guardedSave(
      () => db.transaction().execute((trx) => repo.createStrand(trx, actor, plan.id, form.value)),
      { taken: { field: 'code', message: CODE_TAKEN } },
    )
    if (!saved.ok) return renderStrandForm(req, res, { values: formBody(req), errors: saved.errors })
    flash(req, `Strand ${saved.value.code} added`)
    res.redirect(P.strand(council.slug, saved.value.id))
  })

  router.get(P.strand.pattern, readDraft, async (req, res) => {
    const found = strand.of(res)
    const today = judgedOn(todayIso(), found.plan_closed_on)
    const [list, choices] = await Promise.all([
      repo.listStrandObjectives(db, found.id),
      loadOwnerChoices(db, context(req).council.organisationId),
    ])
    const objectives = list.map((o) => ({
      ...o,
      summary: summariseMilestones(o.milestones, today),
      ownerText: describeOwner(ownerOf(o), o.owner, choices),
    }))
    res.render('plan/views/strand.njk', {
      strand: found,
      leadText: describeOwner(leadOf(found), found.lead_title, choices),
      objectives,
      editable: mayEdit(req, found.lead_user_id),
    })
  })

  router.get(P.editStrand.pattern, readDraft, editAny, async (req, res) => {
    const found = strand.of(res)
    await renderStrandForm(req, res, {
      strand: found,
      values: {
        expectedVersion: versionOf(found),
        code: found.code,
        half: found.half,
        title: found.title,
        leadTitle: found.lead_title,
        lead: ownerValue(leadOf(found)),
      },
    })
  })

  router.post(P.editStrand.pattern, readDraft, editAny, async (req, res) => {
    const found = strand.of(res)
    const form = parseForm(strandSchema, req.body)
    if (!form.ok) return renderStrandForm(req, res, { strand: found, values: formBody(req), errors: form.errors })
    const notInCouncil = await leadError(req, form.value.lead)
    if (notInCouncil) return renderStrandForm(req, res, { strand: found, values: formBody(req), errors: notInCouncil })
    if (await repo.strandCodeTaken(db, found.plan_id, form.value.code, found.id)) {
      return renderStrandForm(req, res, {
        strand: found,
        values: formBody(req),
        errors: singleError('code', CODE_TAKEN),
      })
    }
    const { council, actor } = context(req)
    const expected = expectedVersionOf(req)
    const saved = await guardedSave(
      () => db.transaction().execute((trx) => repo.updateStrand(trx, actor, found, form.value, expected)),
      { taken: { field: 'code', message: CODE_TAKEN }, changed: { noun: 'strand', field: 'code' } },
    )
    if (!saved.ok) {
      // Shown again with what was typed, and the version now: saving again replaces what the other person saved.
      const values = { ...formBody(req), expectedVersion: versionOf(found) }
      return renderStrandForm(req, res, { strand: found, values, errors: saved.errors })
    }
    flash(req, 'Strand saved')
    res.redirect(P.strand(council.slug, found.id))
  })

  router.post(P.strandStatus.pattern, readDraft, editAny, async (req, res) => {
    const found = strand.of(res)
    const form = parseForm(activeStatusSchema, req.body)
    if (!form.ok) throw new BadRequestError()
    const { council, actor } = context(req)
    const { status } = form.value
    await db.transaction().execute((trx) => repo.setActiveStatus(trx, actor, 'strand', found, status, todayIso()))
    flash(req, `Strand ${found.code} ${status === 'retired' ? 'retired' : 'reinstated'}`)
    res.redirect(P.strand(council.slug, found.id))
  })

  router.post(P.moveStrand.pattern, readDraft, editAny, async (req, res) => {
    const found = strand.of(res)
    const form = parseForm(directionSchema, req.body)
    if (!form.ok) throw new BadRequestError()
    const { council, actor } = context(req)
    await db.transaction().execute((trx) => repo.move(trx, actor, 'strand', found, form.value.direction))
    res.redirect(`${P.plan(council.slug)}#strand-${found.id}`)
  })

  return router
}
