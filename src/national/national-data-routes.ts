// The administrator's page for national data: load a newer DfE or Ofsted release file, reload the files
// shipped with the app, and link the council to its local authority in the statistics.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { context, requireCapability } from '../web/auth.js'
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
} from './national-repository.js'
import { OGL_ATTRIBUTION, figureText, yearLabel } from './present.js'
import { ALL_DATASETS, datasetById } from './datasets.js'
import { BadRowsError, WrongFormatError, loadReleaseFile, loadShippedData } from './load-national.js'

const P = paths.council
const MAX_RELEASE_BYTES = 10 * 1024 * 1024
const SHOWN_PROBLEMS = 20

export function nationalDataRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const update = requireCapability('national:update')

  async function renderNationalData(
    req: Request,
    res: Response,
    extra: { errors?: FormErrors; problems?: string[]; values?: Record<string, unknown> } = {},
  ) {
    const { council } = context(req)
    const [laCode, releases, changes, councils] = await Promise.all([
      councilLaCode(db, council.organisationId),
      recentReleases(db, 30),
      recentFigureChanges(db, 50),
      currentCouncils(db),
    ])
    res.status(extra.errors ? 400 : 200).render('national/views/national-data.njk', {
      linked: councils.find((c) => c.code === laCode) ?? null,
      councilOptions: councils.map((c) => ({ value: c.code, text: `${c.name} (${c.code})` })),
      datasets: ALL_DATASETS.map((d) => ({ value: d.id, text: d.title })),
      datasetColumns: ALL_DATASETS.map((d) => ({ title: d.title, file: d.file.split('/').pop(), columns: d.columns })),
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
      errors: extra.errors,
      problems: extra.problems,
      values: extra.values ?? {},
      attribution: OGL_ATTRIBUTION,
    })
  }

  router.get(P.nationalData.pattern, update, async (req, res) => {
    await renderNationalData(req, res)
  })

  router.post(
    P.nationalData.pattern,
    update,
    ...receiveOneFile(MAX_RELEASE_BYTES, (req, res, message) =>
      renderNationalData(req, res, { errors: singleError('file', message) }),
    ),
    async (req, res) => {
      const form = z.object({ dataset: z.string() }).safeParse(req.body)
      const dataset = form.success ? datasetById(form.data.dataset) : undefined
      const values = { dataset: form.success ? form.data.dataset : '' }
      const refuse = (field: string, message: string, problems?: string[]) =>
        renderNationalData(req, res, { errors: singleError(field, message), values, ...(problems ? { problems } : {}) })
      if (!dataset) return refuse('dataset', 'Select which release the file is')
      const file = req.file
      if (!file) return refuse('file', 'Select a CSV or XLSX file to upload')
      if (!fileKind(file.originalname)) return refuse('file', 'The selected file must be a CSV or XLSX file')
      const { council, actor } = context(req)
      try {
        const summary = await loadReleaseFile(db, dataset, file.buffer, file.originalname.slice(0, 200), actor)
        flash(
          req,
          `${dataset.title} loaded`,
          `${summary.added} figures added, ${summary.changed} changed (earlier figures kept), ${summary.unchanged} unchanged.`,
        )
        res.redirect(P.nationalData(council.slug))
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

  // Which local authority in the national statistics this council is: its benchmarks, inspections
  // and linked measures all follow from this one code.
  router.post(P.linkCouncil.pattern, update, async (req, res) => {
    const form = z.object({ laCode: z.string().trim() }).safeParse(req.body)
    const chosen = form.success ? form.data.laCode : ''
    const values = { laCode: chosen }
    if (!chosen) {
      return renderNationalData(req, res, {
        errors: singleError('laCode', 'Select the local authority this council is'),
        values,
      })
    }
    const { council, actor } = context(req)
    const area = (await currentCouncils(db)).find((c) => c.code === chosen)
    if (!area) {
      return renderNationalData(req, res, {
        errors: singleError('laCode', 'Select a local authority from the list'),
        values,
      })
    }
    await db.transaction().execute((trx) => linkCouncil(trx, actor, council, area))
    flash(
      req,
      `${council.name} is linked to ${area.name}`,
      `Its benchmarks, inspections and linked measures now use ${area.name}’s official figures.`,
    )
    res.redirect(P.nationalData(council.slug))
  })

  router.post(P.reloadNationalData.pattern, update, async (req, res) => {
    const { council, actor } = context(req)
    const summaries = await loadShippedData(db, actor)
    const total = (k: 'added' | 'changed' | 'unchanged') => summaries.reduce((a, s) => a + s[k], 0)
    flash(
      req,
      'Shipped national data reloaded',
      `${total('added')} figures added, ${total('changed')} changed, ${total('unchanged')} unchanged.`,
    )
    res.redirect(P.nationalData(council.slug))
  })

  return router
}
