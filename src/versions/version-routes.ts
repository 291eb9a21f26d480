import { Router, type Request } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { can } from '../web/roles.js'
import { paths } from '../web/paths.js'
import { flash } from '../web/flash.js'
import { recordParam } from '../web/records.js'
import { context, requireCapability } from '../web/auth.js'
import { NotFoundError } from '../web/errors.js'
import { optionalText, parseForm, parseId, formBody } from '../web/forms.js'
import { findCurrentPlan } from '../plan/plan-repository.js'
import { currentDraftSnapshot, findVersion, listVersions, publishVersion } from './version-repository.js'
import { diffPlans } from './plan-diff.js'
import type { PlanSnapshot } from './plan-snapshot.js'

const P = paths.council
const publishSchema = z.object({ notes: optionalText('notes', 2000) })
const DRAFT = 'draft'

export function versionRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const readPublished = requireCapability('plan:read-published')

  const versionParam = recordParam('versionNumber', async (n, { council }) => {
    const plan = await findCurrentPlan(db, council.organisationId)
    return plan ? findVersion(db, plan.id, n) : undefined
  })
  versionParam.register(router)

  async function currentPlan(req: Request) {
    const plan = await findCurrentPlan(db, context(req).council.organisationId)
    if (!plan) throw new NotFoundError('Council has no plan')
    return plan
  }

  router.get(P.versions.pattern, readPublished, async (req, res) => {
    const plan = await currentPlan(req)
    res.render('versions/views/versions.njk', { plan, versions: await listVersions(db, plan.id), values: {} })
  })

  router.post(P.publishVersion.pattern, requireCapability('plan:publish'), async (req, res) => {
    const plan = await currentPlan(req)
    const form = parseForm(publishSchema, req.body)
    if (!form.ok) {
      return res.status(400).render('versions/views/versions.njk', {
        plan,
        versions: await listVersions(db, plan.id),
        values: formBody(req),
        errors: form.errors,
      })
    }
    const { council, actor } = context(req)
    const version = await db.transaction().execute((trx) => publishVersion(trx, actor, plan, form.value.notes))
    flash(req, `Version ${version.number} published`)
    res.redirect(P.version(council.slug, version.number))
  })

  router.get(P.compareVersions.pattern, readPublished, async (req, res) => {
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

  router.get(P.version.pattern, readPublished, (_req, res) => {
    const version = versionParam.of(res)
    res.render('versions/views/version.njk', { version, snapshot: version.snapshot })
  })

  return router
}
