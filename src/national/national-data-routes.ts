// National data. The figures and area names are shared by every council, so loading a release and linking a
// council to its local authority are the service administrator's job (/service/national-data), recorded at
// service level. A council's administrator sees, read-only, which authority the council is linked to, which
// files were loaded and by whom, and which figures later releases changed.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import type { AuditActor } from '../audit/audit-repository.js'
import { context, requireCapability, requireServiceAdmin, requireSignIn } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { singleError, type FormErrors } from '../web/forms.js'
import { paths } from '../web/paths.js'
import { receiveOneFile } from '../web/upload.js'
import { UploadError, fileKind } from '../shared/read-table.js'
import { INDICATORS_BY_ID } from './indicators.js'
import {
  councilLaCode,
  currentCouncils,
  linkCouncil,
  recentFigureChanges,
  recentReleases,
  servicedCouncils,
} from './national-repository.js'
import { OGL_ATTRIBUTION, figureText, yearLabel } from './present.js'
import { ALL_DATASETS, datasetById } from './datasets.js'
import { BadRowsError, WrongFormatError, loadReleaseFile, loadShippedData } from './load-national.js'

const MAX_RELEASE_BYTES = 10 * 1024 * 1024
const SHOWN_PROBLEMS = 20

/** The files loaded and the figures they changed: the same on the council's page and the service's. */
async function loadHistory(db: Db) {
  const [releases, changes] = await Promise.all([recentReleases(db, 30), recentFigureChanges(db, 50)])
  return {
    releases,
    changes: changes.map((c) => {
      const indicator = INDICATORS_BY_ID.get(c.indicator)
      const show = (value: number | null, suppression: string | null) =>
        indicator
          ? figureText({ year: c.year, value, suppression, numerator: null, denominator: null }, indicator)
          : String(value)
      return {
        ...c,
        title: indicator?.title ?? c.indicator,
        year: yearLabel(c.year, indicator),
        before: show(c.old_value, c.old_suppression),
        after: show(c.new_value, c.new_suppression),
      }
    }),
    attribution: OGL_ATTRIBUTION,
  }
}

/** The council's read-only page. */
export function nationalDataRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  router.get(paths.council.nationalData.pattern, requireCapability('national:loads'), async (req, res) => {
    const { council } = context(req)
    const [laCode, councils, history] = await Promise.all([
      councilLaCode(db, council.organisationId),
      currentCouncils(db),
      loadHistory(db),
    ])
    res.render('national/views/national-data.njk', {
      linked: councils.find((c) => c.code === laCode) ?? null,
      ...history,
    })
  })
  return router
}

/** The service administrator's page: load releases, reload the shipped files, link each council. */
export function serviceNationalDataRoutes(db: Db): Router {
  const router = Router()
  const guard = [requireSignIn, requireServiceAdmin]
  /** National loads belong to no council: they are recorded at service level, under the administrator. */
  const serviceActor = (req: Request): AuditActor => ({ userId: req.user!.id, organisationId: null })

  async function render(
    res: Response,
    extra: { errors?: FormErrors; problems?: string[]; values?: Record<string, unknown> } = {},
  ) {
    const [councils, areas, history] = await Promise.all([servicedCouncils(db), currentCouncils(db), loadHistory(db)])
    const areaName = new Map(areas.map((a) => [a.code, a.name]))
    res.status(extra.errors ? 400 : 200).render('national/views/service-national-data.njk', {
      councils: councils.map((c) => ({ ...c, areaName: c.laCode ? (areaName.get(c.laCode) ?? null) : null })),
      councilItems: councils.map((c) => ({ value: c.slug, text: c.name })),
      areaItems: areas.map((a) => ({ value: a.code, text: `${a.name} (${a.code})` })),
      datasets: ALL_DATASETS.map((d) => ({ value: d.id, text: d.title })),
      datasetColumns: ALL_DATASETS.map((d) => ({ title: d.title, file: d.file.split('/').pop(), columns: d.columns })),
      ...history,
      errors: extra.errors,
      problems: extra.problems,
      values: extra.values ?? {},
    })
  }

  router.get(paths.serviceNationalData.pattern, ...guard, async (_req, res) => {
    await render(res)
  })

  router.post(
    paths.serviceNationalData.pattern,
    ...guard,
    ...receiveOneFile(MAX_RELEASE_BYTES, (_req, res, message) => render(res, { errors: singleError('file', message) })),
    async (req, res) => {
      const form = z.object({ dataset: z.string() }).safeParse(req.body)
      const dataset = form.success ? datasetById(form.data.dataset) : undefined
      const values = { dataset: form.success ? form.data.dataset : '' }
      const refuse = (field: string, message: string, problems?: string[]) =>
        render(res, { errors: singleError(field, message), values, ...(problems ? { problems } : {}) })
      if (!dataset) return refuse('dataset', 'Select which release the file is')
      const file = req.file
      if (!file) return refuse('file', 'Select a CSV or XLSX file to upload')
      if (!fileKind(file.originalname)) return refuse('file', 'The selected file must be a CSV or XLSX file')
      try {
        const summary = await loadReleaseFile(
          db,
          dataset,
          file.buffer,
          file.originalname.slice(0, 200),
          serviceActor(req),
        )
        flash(
          req,
          `${dataset.title} loaded`,
          `${summary.added} figures added, ${summary.changed} changed (earlier figures kept), ${summary.unchanged} unchanged.`,
        )
        res.redirect(paths.serviceNationalData())
      } catch (error) {
        if (error instanceof UploadError || error instanceof WrongFormatError) return refuse('file', error.message)
        if (error instanceof BadRowsError) {
          const problems = error.problems
            .slice(0, SHOWN_PROBLEMS)
            .map((p) => `Row ${p.row}, column ${p.column}: ${p.reason}`)
          if (error.problems.length > SHOWN_PROBLEMS)
            problems.push(`and ${error.problems.length - SHOWN_PROBLEMS} more`)
          return refuse('file', error.message, problems)
        }
        throw error
      }
    },
  )

  // Which local authority in the national statistics a council is: its benchmarks, inspections and linked
  // measures all follow from this one code. Recorded in that council's own audit trail.
  router.post(paths.serviceLinkCouncil.pattern, ...guard, async (req, res) => {
    const form = z.object({ council: z.string().trim(), laCode: z.string().trim() }).safeParse(req.body)
    const values = form.success ? form.data : { council: '', laCode: '' }
    const refuse = (field: string, message: string) => render(res, { errors: singleError(field, message), values })
    const council = (await servicedCouncils(db)).find((c) => c.slug === values.council)
    if (!council) return refuse('council', 'Select the council to link')
    if (!values.laCode) return refuse('laCode', 'Select the local authority this council is')
    const area = (await currentCouncils(db)).find((c) => c.code === values.laCode)
    if (!area) return refuse('laCode', 'Select a local authority from the list')
    await db
      .transaction()
      .execute((trx) => linkCouncil(trx, { userId: req.user!.id, organisationId: council.id }, council, area))
    flash(
      req,
      `${council.name} is linked to ${area.name}`,
      `Its benchmarks, inspections and linked measures now use ${area.name}’s official figures.`,
    )
    res.redirect(paths.serviceNationalData())
  })

  router.post(paths.serviceReloadNationalData.pattern, ...guard, async (req, res) => {
    const summaries = await loadShippedData(db, serviceActor(req))
    const total = (k: 'added' | 'changed' | 'unchanged') => summaries.reduce((a, s) => a + s[k], 0)
    flash(
      req,
      'Shipped national data reloaded',
      `${total('added')} figures added, ${total('changed')} changed, ${total('unchanged')} unchanged.`,
    )
    res.redirect(paths.serviceNationalData())
  })

  return router
}
