import { Router, type Request } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { can } from '../accounts/roles.js'
import { paths } from '../server/paths.js'
import { context, requireCapability } from '../server/middleware/auth.js'
import { NotFoundError } from '../server/errors.js'
import { optionalText, parseForm, parseId } from '../shared/forms.js'
import { findCurrentPlan } from '../plan/plan-repository.js'
import { currentDraftSnapshot, findVersion, listVersions, publishVersion } from './version-repository.js'
import { diffPlans } from './plan-diff.js'
import type { PlanSnapshot } from './plan-snapshot.js'

const publishSchema = z.object({ notes: optionalText('notes', 2000) })
const DRAFT = 'draft'

export function versionRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const readPublished = requireCapability('plan:read-published')

  async function currentPlan(req: Request) {
    const plan = await findCurrentPlan(db, context(req).council.organisationId)
    if (!plan) throw new NotFoundError('Council has no plan')
    return plan
  }

  router.get('/plan/versions', readPublished, async (req, res) => {
    const plan = await currentPlan(req)
    res.render('versions/views/versions.njk', { plan, versions: await listVersions(db, plan.id), values: {} })
  })

  router.post('/plan/versions/publish', requireCapability('plan:publish'), async (req, res) => {
    const plan = await currentPlan(req)
    const form = parseForm(publishSchema, req.body)
    if (!form.ok) {
      return res.status(400).render('versions/views/versions.njk', {
        plan,
        versions: await listVersions(db, plan.id),
        values: req.body,
        errors: form.errors,
      })
    }
    const { user, council } = context(req)
    const version = await db
      .transaction()
      .execute((trx) =>
        publishVersion(trx, { userId: user.id, organisationId: council.organisationId }, plan, form.value.notes),
      )
    req.session.flash = { heading: `Version ${version.number} published` }
    res.redirect(paths.council.version(council.slug, version.number))
  })

  router.get('/plan/versions/compare', readPublished, async (req, res) => {
    const plan = await currentPlan(req)
    const { council } = context(req)
    const mayReadDraft = can(council.role, 'plan:read-draft')
    const versions = await listVersions(db, plan.id)

    async function load(choice: unknown): Promise<{ label: string; snapshot: PlanSnapshot } | undefined> {
      if (choice === DRAFT && mayReadDraft)
        return { label: 'the current draft', snapshot: await currentDraftSnapshot(db, plan) }
      const n = parseId(choice)
      const version = n ? await findVersion(db, plan.id, n) : undefined
      return version && { label: `version ${version.number}`, snapshot: version.snapshot }
    }

    const defaultTo = mayReadDraft ? DRAFT : String(versions[0]?.number ?? '')
    const defaultFrom = String(versions[mayReadDraft ? 0 : 1]?.number ?? '')
    const fromChoice = typeof req.query.from === 'string' ? req.query.from : defaultFrom
    const toChoice = typeof req.query.to === 'string' ? req.query.to : defaultTo
    const [from, to] = await Promise.all([load(fromChoice), load(toChoice)])
    res.render('versions/views/compare.njk', {
      versions,
      mayReadDraft,
      fromChoice,
      toChoice,
      from,
      to,
      changes: from && to ? diffPlans(from.snapshot, to.snapshot) : undefined,
    })
  })

  router.get('/plan/versions/:number', readPublished, async (req, res) => {
    const plan = await currentPlan(req)
    const n = parseId(req.params.number)
    const version = n ? await findVersion(db, plan.id, n) : undefined
    if (!version) throw new NotFoundError()
    res.render('versions/views/version.njk', { version, snapshot: version.snapshot })
  })

  return router
}
