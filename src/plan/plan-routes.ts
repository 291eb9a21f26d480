import { Router, type Request, type Response } from 'express'
import type { Db } from '../db/connect.js'
import { paths } from '../server/paths.js'
import { context, requireCapability } from '../server/middleware/auth.js'
import { BadRequestError, ForbiddenError, NotFoundError } from '../server/errors.js'
import { parseForm, parseId, singleError, type FormErrors } from '../shared/forms.js'
import { dateParts, todayIso } from '../shared/dates.js'
import * as repo from './plan-repository.js'
import { canEditStrand } from './plan-permissions.js'
import {
  activeStatusSchema,
  directionSchema,
  MILESTONE_DATE_FIELDS,
  milestoneSchema,
  objectiveSchema,
  strandSchema,
  updateSchema,
} from './plan-validation.js'
import { MILESTONE_STATUSES, isOverdue, summariseMilestones } from './milestone-status.js'
import { planCsv } from './plan-csv.js'

const P = paths.council

function actor(req: Request): repo.Actor {
  const { user, council } = context(req)
  return { userId: user.id, organisationId: council.organisationId }
}

function flash(req: Request, heading: string) {
  req.session.flash = { heading }
}

export function planRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const readDraft = requireCapability('plan:read-draft')
  const editAny = requireCapability('plan:edit-any')

  async function currentPlan(req: Request) {
    const plan = await repo.findCurrentPlan(db, context(req).council.organisationId)
    if (!plan) throw new NotFoundError('Council has no plan')
    return plan
  }

  // Records named in the URL are loaded before any role check, so another council's id is always a 404
  // (never a 403 that would confirm it exists).
  const loaders = {
    strandId: (organisationId: number, id: number) => repo.findStrand(db, organisationId, id),
    objectiveId: (organisationId: number, id: number) => repo.findObjective(db, organisationId, id),
    milestoneId: (organisationId: number, id: number) => repo.findMilestone(db, organisationId, id),
  }
  for (const [param, load] of Object.entries(loaders)) {
    router.param(param, async (req, res, next, value) => {
      try {
        const id = parseId(value)
        const record = id ? await load(context(req).council.organisationId, id) : undefined
        if (!record) return next(new NotFoundError())
        res.locals[param] = record
        next()
      } catch (error) {
        next(error)
      }
    })
  }

  type Loaded<K extends keyof typeof loaders> = NonNullable<Awaited<ReturnType<(typeof loaders)[K]>>>
  const strandOr404 = (res: Response) => res.locals.strandId as Loaded<'strandId'>
  const objectiveOr404 = (res: Response) => res.locals.objectiveId as Loaded<'objectiveId'>
  const milestoneOr404 = (res: Response) => res.locals.milestoneId as Loaded<'milestoneId'>

  function mayEdit(req: Request, leadUserId: number | null): boolean {
    const { user, council } = context(req)
    return canEditStrand(council.role, user.id, leadUserId)
  }

  function requireEdit(req: Request, leadUserId: number | null): void {
    if (!mayEdit(req, leadUserId)) throw new ForbiddenError('Not this strand’s lead')
  }

  // ---------- the plan ----------

  router.get('/plan', readDraft, async (req, res) => {
    const plan = await currentPlan(req)
    const tree = await repo.loadPlanTree(db, plan.id)
    const today = todayIso()
    const strands = tree.strands.map((s) => ({
      ...s,
      objectiveCount: s.objectives.filter((o) => o.status === 'active').length,
      milestones: summariseMilestones(
        s.objectives.flatMap((o) => o.milestones),
        today,
      ),
      editable: mayEdit(req, s.lead_user_id),
    }))
    res.render('plan/views/plan.njk', {
      plan,
      halves: [
        {
          half: 'A',
          title: 'A: Improving the lives of children and young people',
          strands: strands.filter((s) => s.half === 'A' && s.status === 'active'),
        },
        {
          half: 'B',
          title: 'B: Creating the conditions for success',
          strands: strands.filter((s) => s.half === 'B' && s.status === 'active'),
        },
      ],
      retired: strands.filter((s) => s.status === 'retired'),
    })
  })

  router.get('/plan.csv', readDraft, async (req, res) => {
    const plan = await currentPlan(req)
    const tree = await repo.loadPlanTree(db, plan.id)
    res.type('text/csv').attachment('improvement-plan.csv').send(planCsv(tree, todayIso()))
  })

  // ---------- strands ----------

  async function renderStrandForm(
    req: Request,
    res: Response,
    view: { strand?: repo.StrandWithLead; values: Record<string, unknown>; errors?: FormErrors },
  ) {
    const leads = await repo.listPossibleLeads(db, context(req).council.organisationId)
    res.status(view.errors ? 400 : 200).render('plan/views/strand-form.njk', { ...view, leads })
  }

  router.get('/plan/strands/new', readDraft, editAny, async (req, res) => {
    await renderStrandForm(req, res, { values: { half: 'A' } })
  })

  router.post('/plan/strands/new', readDraft, editAny, async (req, res) => {
    const plan = await currentPlan(req)
    const form = parseForm(strandSchema, req.body)
    if (!form.ok) return renderStrandForm(req, res, { values: req.body, errors: form.errors })
    if (await repo.strandCodeTaken(db, plan.id, form.value.code)) {
      return renderStrandForm(req, res, {
        values: req.body,
        errors: singleError('code', 'Another strand already has this code'),
      })
    }
    const strand = await db.transaction().execute((trx) => repo.createStrand(trx, actor(req), plan.id, form.value))
    flash(req, `Strand ${strand.code} added`)
    res.redirect(P.strand(context(req).council.slug, strand.id))
  })

  router.get('/plan/strands/:strandId', readDraft, async (req, res) => {
    const strand = strandOr404(res)
    const today = todayIso()
    const objectives = (await repo.listStrandObjectives(db, strand.id)).map((o) => ({
      ...o,
      summary: summariseMilestones(o.milestones, today),
    }))
    res.render('plan/views/strand.njk', { strand, objectives, editable: mayEdit(req, strand.lead_user_id) })
  })

  router.get('/plan/strands/:strandId/edit', readDraft, editAny, async (req, res) => {
    const strand = strandOr404(res)
    await renderStrandForm(req, res, {
      strand,
      values: {
        code: strand.code,
        half: strand.half,
        title: strand.title,
        leadTitle: strand.lead_title,
        leadUserId: strand.lead_user_id ? String(strand.lead_user_id) : '',
      },
    })
  })

  router.post('/plan/strands/:strandId/edit', readDraft, editAny, async (req, res) => {
    const strand = strandOr404(res)
    const form = parseForm(strandSchema, req.body)
    if (!form.ok) return renderStrandForm(req, res, { strand, values: req.body, errors: form.errors })
    if (await repo.strandCodeTaken(db, strand.plan_id, form.value.code, strand.id)) {
      return renderStrandForm(req, res, {
        strand,
        values: req.body,
        errors: singleError('code', 'Another strand already has this code'),
      })
    }
    await db.transaction().execute((trx) => repo.updateStrand(trx, actor(req), strand, form.value))
    flash(req, 'Strand saved')
    res.redirect(P.strand(context(req).council.slug, strand.id))
  })

  router.post('/plan/strands/:strandId/status', readDraft, editAny, async (req, res) => {
    const strand = strandOr404(res)
    const form = parseForm(activeStatusSchema, req.body)
    if (!form.ok) throw new BadRequestError()
    await db
      .transaction()
      .execute((trx) => repo.setStrandStatus(trx, actor(req), strand, form.value.status, todayIso()))
    flash(req, form.value.status === 'retired' ? `Strand ${strand.code} retired` : `Strand ${strand.code} reinstated`)
    res.redirect(P.strand(context(req).council.slug, strand.id))
  })

  router.post('/plan/strands/:strandId/move', readDraft, editAny, async (req, res) => {
    const strand = strandOr404(res)
    const form = parseForm(directionSchema, req.body)
    if (!form.ok) throw new BadRequestError()
    await db.transaction().execute((trx) => repo.move(trx, actor(req), 'strand', strand, form.value.direction))
    res.redirect(`${P.plan(context(req).council.slug)}#strand-${strand.id}`)
  })

  // ---------- objectives ----------

  function renderObjectiveForm(
    res: Response,
    view: {
      strand: { id: number; code: string; title: string }
      objective?: { id: number; title: string }
      values: Record<string, unknown>
      errors?: FormErrors
    },
  ) {
    res.status(view.errors ? 400 : 200).render('plan/views/objective-form.njk', view)
  }

  router.get('/plan/strands/:strandId/objectives/new', readDraft, async (req, res) => {
    const strand = strandOr404(res)
    requireEdit(req, strand.lead_user_id)
    renderObjectiveForm(res, { strand, values: {} })
  })

  router.post('/plan/strands/:strandId/objectives/new', readDraft, async (req, res) => {
    const strand = strandOr404(res)
    requireEdit(req, strand.lead_user_id)
    const form = parseForm(objectiveSchema, req.body)
    if (!form.ok) return renderObjectiveForm(res, { strand, values: req.body, errors: form.errors })
    const objective = await db
      .transaction()
      .execute((trx) => repo.createObjective(trx, actor(req), strand.id, form.value))
    flash(req, 'Objective added')
    res.redirect(P.objective(context(req).council.slug, objective.id))
  })

  async function objectivePage(req: Request, objective: ReturnType<typeof objectiveOr404>) {
    const [milestones, updates] = await Promise.all([
      repo.listMilestones(db, objective.id),
      repo.listObjectiveUpdates(db, objective.id),
    ])
    const today = todayIso()
    return {
      objective,
      milestones: milestones.map((m) => ({ ...m, overdue: isOverdue(m, today) })),
      updates,
      editable: mayEdit(req, objective.lead_user_id),
    }
  }

  router.get('/plan/objectives/:objectiveId', readDraft, async (req, res) => {
    const objective = objectiveOr404(res)
    res.render('plan/views/objective.njk', { ...(await objectivePage(req, objective)), values: {} })
  })

  router.get('/plan/objectives/:objectiveId/edit', readDraft, async (req, res) => {
    const objective = objectiveOr404(res)
    requireEdit(req, objective.lead_user_id)
    renderObjectiveForm(res, {
      strand: { id: objective.strand_id, code: objective.strand_code, title: objective.strand_title },
      objective,
      values: { title: objective.title, description: objective.description },
    })
  })

  router.post('/plan/objectives/:objectiveId/edit', readDraft, async (req, res) => {
    const objective = objectiveOr404(res)
    requireEdit(req, objective.lead_user_id)
    const form = parseForm(objectiveSchema, req.body)
    const strand = { id: objective.strand_id, code: objective.strand_code, title: objective.strand_title }
    if (!form.ok) return renderObjectiveForm(res, { strand, objective, values: req.body, errors: form.errors })
    await db.transaction().execute((trx) => repo.updateObjective(trx, actor(req), objective, form.value))
    flash(req, 'Objective saved')
    res.redirect(P.objective(context(req).council.slug, objective.id))
  })

  router.post('/plan/objectives/:objectiveId/status', readDraft, async (req, res) => {
    const objective = objectiveOr404(res)
    requireEdit(req, objective.lead_user_id)
    const form = parseForm(activeStatusSchema, req.body)
    if (!form.ok) throw new BadRequestError()
    await db
      .transaction()
      .execute((trx) => repo.setObjectiveStatus(trx, actor(req), objective, form.value.status, todayIso()))
    flash(req, form.value.status === 'retired' ? 'Objective retired' : 'Objective reinstated')
    res.redirect(P.objective(context(req).council.slug, objective.id))
  })

  router.post('/plan/objectives/:objectiveId/move', readDraft, async (req, res) => {
    const objective = objectiveOr404(res)
    requireEdit(req, objective.lead_user_id)
    const form = parseForm(directionSchema, req.body)
    if (!form.ok) throw new BadRequestError()
    await db.transaction().execute((trx) => repo.move(trx, actor(req), 'objective', objective, form.value.direction))
    res.redirect(`${P.strand(context(req).council.slug, objective.strand_id)}#objective-${objective.id}`)
  })

  router.post('/plan/objectives/:objectiveId/updates', readDraft, async (req, res) => {
    const objective = objectiveOr404(res)
    requireEdit(req, objective.lead_user_id)
    const form = parseForm(updateSchema, req.body)
    if (!form.ok) {
      const page = await objectivePage(req, objective)
      return res.status(400).render('plan/views/objective.njk', { ...page, values: req.body, errors: form.errors })
    }
    await db.transaction().execute((trx) => repo.addObjectiveUpdate(trx, actor(req), objective.id, form.value.body))
    flash(req, 'Progress update added')
    res.redirect(`${P.objective(context(req).council.slug, objective.id)}#updates`)
  })

  // ---------- milestones ----------

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

  router.get('/plan/objectives/:objectiveId/milestones/new', readDraft, async (req, res) => {
    const objective = objectiveOr404(res)
    requireEdit(req, objective.lead_user_id)
    renderMilestoneForm(res, { objective, values: { status: 'not-started' } })
  })

  router.post('/plan/objectives/:objectiveId/milestones/new', readDraft, async (req, res) => {
    const objective = objectiveOr404(res)
    requireEdit(req, objective.lead_user_id)
    const form = parseForm(milestoneSchema(todayIso()), req.body, MILESTONE_DATE_FIELDS)
    if (!form.ok) return renderMilestoneForm(res, { objective, values: req.body, errors: form.errors })
    await db
      .transaction()
      .execute((trx) =>
        repo.createMilestone(trx, actor(req), objective.id, { ...form.value, dueOn: form.value.dueOn! }),
      )
    flash(req, 'Milestone added')
    res.redirect(P.objective(context(req).council.slug, objective.id))
  })

  router.get('/plan/milestones/:milestoneId/edit', readDraft, async (req, res) => {
    const milestone = milestoneOr404(res)
    requireEdit(req, milestone.lead_user_id)
    const objective = await objectiveFor(req, milestone.objective_id)
    const due = dateParts(milestone.due_on)
    const completed = dateParts(milestone.completed_on)
    renderMilestoneForm(res, {
      objective,
      milestone,
      values: {
        title: milestone.title,
        owner: milestone.owner,
        status: milestone.status,
        evidence: milestone.evidence,
        'dueOn-day': due.day,
        'dueOn-month': due.month,
        'dueOn-year': due.year,
        'completedOn-day': completed.day,
        'completedOn-month': completed.month,
        'completedOn-year': completed.year,
      },
    })
  })

  async function objectiveFor(req: Request, objectiveId: number) {
    const objective = await repo.findObjective(db, context(req).council.organisationId, objectiveId)
    if (!objective) throw new NotFoundError()
    return objective
  }

  router.post('/plan/milestones/:milestoneId/edit', readDraft, async (req, res) => {
    const milestone = milestoneOr404(res)
    requireEdit(req, milestone.lead_user_id)
    const form = parseForm(milestoneSchema(todayIso()), req.body, MILESTONE_DATE_FIELDS)
    if (!form.ok) {
      return renderMilestoneForm(res, {
        objective: await objectiveFor(req, milestone.objective_id),
        milestone,
        values: req.body,
        errors: form.errors,
      })
    }
    await db
      .transaction()
      .execute((trx) => repo.updateMilestone(trx, actor(req), milestone, { ...form.value, dueOn: form.value.dueOn! }))
    flash(req, 'Milestone saved')
    res.redirect(`${P.objective(context(req).council.slug, milestone.objective_id)}#milestone-${milestone.id}`)
  })

  router.get('/plan/milestones/:milestoneId/delete', readDraft, async (req, res) => {
    const milestone = milestoneOr404(res)
    requireEdit(req, milestone.lead_user_id)
    res.render('plan/views/milestone-delete.njk', { milestone })
  })

  router.post('/plan/milestones/:milestoneId/delete', readDraft, async (req, res) => {
    const milestone = milestoneOr404(res)
    requireEdit(req, milestone.lead_user_id)
    await db.transaction().execute((trx) => repo.deleteMilestone(trx, actor(req), milestone))
    flash(req, `Milestone deleted: ${milestone.title}`)
    res.redirect(P.objective(context(req).council.slug, milestone.objective_id))
  })

  router.post('/plan/milestones/:milestoneId/move', readDraft, async (req, res) => {
    const milestone = milestoneOr404(res)
    requireEdit(req, milestone.lead_user_id)
    const form = parseForm(directionSchema, req.body)
    if (!form.ok) throw new BadRequestError()
    await db.transaction().execute((trx) => repo.move(trx, actor(req), 'milestone', milestone, form.value.direction))
    res.redirect(`${P.objective(context(req).council.slug, milestone.objective_id)}#milestone-${milestone.id}`)
  })

  return router
}
