// Benchmarks (national indicators against England, region and statistical neighbours), Ofsted
// inspections (the council's own, every council's, and how long inadequate councils take to improve),
// and the administrator's page for loading a newer release file.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { context, requireCapability } from '../web/auth.js'
import type { CouncilAccess } from '../accounts/account-repository.js'
import { receiveOneFile } from '../web/upload.js'
import { NotFoundError } from '../web/errors.js'
import { paths } from '../web/paths.js'
import { singleError, type FormErrors } from '../web/forms.js'
import { todayIso } from '../shared/dates.js'
import { recordAudit } from '../audit/audit-repository.js'
import { UploadError, fileKind } from '../shared/read-table.js'
import { renderBarChart } from '../charts/bar-chart.js'
import { BENCHMARK_INDICATORS, INDICATORS_BY_ID } from './indicators.js'
import { councilBenchmarks, type Figure } from './benchmarks.js'
import { councilLaCode } from './measure-benchmarks.js'
import {
  OGL_ATTRIBUTION,
  averageText,
  comparisonChart,
  figureText,
  formatFigureValue,
  standingText,
  trendText,
  yearLabel,
  yearRows,
} from './present.js'
import { ALL_DATASETS, datasetById } from './datasets.js'
import { BadRowsError, WrongFormatError, loadReleaseFile, loadShippedData } from './load-national.js'
import { GRADES, GRADE_LABELS, improvementJourneys, latestJudgements, median, type Grade } from './ofsted.js'

const P = paths.council
const MAX_RELEASE_BYTES = 10 * 1024 * 1024

export function nationalRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('national:read')
  const update = requireCapability('national:update')

  const laCodeOf = (req: Request) => councilLaCode(db, context(req).council.organisationId)

  /** Councils as they are today: those in the statistical-neighbour model (abolished ones are not). */
  const currentCouncils = () =>
    db
      .selectFrom('national_area as a')
      .select(['a.code', 'a.name'])
      .where('a.level', '=', 'local authority')
      .where((eb) =>
        eb.exists(eb.selectFrom('statistical_neighbour as s').select('s.rank').whereRef('s.area_code', '=', 'a.code')),
      )
      .orderBy('a.name')
      .execute()

  router.get('/benchmarks', read, async (req, res) => {
    const laCode = await laCodeOf(req)
    const data = laCode ? await councilBenchmarks(db, laCode, BENCHMARK_INDICATORS) : undefined
    if (!data) return res.render('national/views/benchmarks.njk', { data: null, attribution: OGL_ATTRIBUTION })
    const rows = data.comparisons.map((c) => ({
      indicator: c.indicator,
      year: c.year === null ? 'No data' : yearLabel(c.year, c.indicator),
      council: c.year === null ? 'No figure' : figureText(c.council.get(c.year), c.indicator),
      england: c.year === null ? 'No figure' : figureText(c.england.get(c.year), c.indicator),
      region: c.year === null ? 'No figure' : figureText(c.region.get(c.year), c.indicator),
      neighbours: c.year === null ? 'No figure' : averageText(c.neighbourAverage.get(c.year), c.indicator),
      standing: standingText(c.standing, c.indicator),
      trends: c.trends.map((t) => trendText(t, c.indicator)),
      chart: comparisonChart(c, data.area.name, data.region?.name ?? null),
      table: yearRows(c).map((r) => ({ ...r, year: yearLabel(r.year, c.indicator) })),
    }))
    res.render('national/views/benchmarks.njk', { data, rows, attribution: OGL_ATTRIBUTION })
  })

  router.get('/benchmarks/:indicator', read, async (req, res) => {
    const indicator = INDICATORS_BY_ID.get(String(req.params.indicator))
    if (!indicator) throw new NotFoundError()
    const laCode = await laCodeOf(req)
    if (!laCode) return res.redirect(P.benchmarks(context(req).council.slug))
    const asked = Number(req.query.year)
    const data = await councilBenchmarks(db, laCode, [indicator], Number.isInteger(asked) ? asked : undefined)
    if (!data) return res.render('national/views/indicator.njk', { indicator, years: [], attribution: OGL_ATTRIBUTION })
    const c = data.comparisons[0]!
    const years = c.years
    const year = c.year ?? undefined
    const at = (series: Map<number, Figure>) => (year === undefined ? undefined : series.get(year))
    const areas = [
      {
        name: data.area.name,
        closeness: 'This council',
        text: figureText(at(c.council), indicator),
        value: at(c.council)?.value ?? null,
        highlight: true,
      },
      ...c.neighbours.map((n) => ({
        name: n.neighbour.name,
        closeness: `${n.neighbour.rank}: ${n.neighbour.closeness}`,
        text: figureText(at(n.figures), indicator),
        value: at(n.figures)?.value ?? null,
        highlight: false,
      })),
    ]
    const average = year === undefined ? undefined : c.neighbourAverage.get(year)
    const england = at(c.england)
    const recent = years.slice(-5)
    const history = [
      { name: data.area.name, figures: recent.map((y) => figureText(c.council.get(y), indicator)) },
      ...c.neighbours.map((n) => ({
        name: n.neighbour.name,
        figures: recent.map((y) => figureText(n.figures.get(y), indicator)),
      })),
      {
        name: 'Statistical neighbours (average)',
        figures: recent.map((y) => averageText(c.neighbourAverage.get(y), indicator)),
      },
      ...(data.region
        ? [{ name: data.region.name, figures: recent.map((y) => figureText(c.region.get(y), indicator)) }]
        : []),
      { name: 'England', figures: recent.map((y) => figureText(c.england.get(y), indicator)) },
    ]
    const chart =
      year === undefined
        ? null
        : renderBarChart({
            id: `neighbours-${indicator.id}`,
            title: `${indicator.title}, ${yearLabel(year, indicator)}: ${data.area.name} and its statistical neighbours`,
            bars: areas.map((a) => ({
              label: a.name,
              value: a.value,
              highlight: a.highlight,
              note: a.value === null ? a.text : undefined,
            })),
            references: [
              ...(england?.value != null ? [{ label: 'England', value: england.value }] : []),
              ...(average?.value != null ? [{ label: 'Statistical neighbours (average)', value: average.value }] : []),
            ],
            format: (v) => formatFigureValue(v, indicator),
          })
    res.render('national/views/indicator.njk', {
      data,
      indicator,
      year,
      yearLabel: year === undefined ? '' : yearLabel(year, indicator),
      years: [...years].reverse().map((y) => ({ value: String(y), text: yearLabel(y, indicator) })),
      areas,
      average: averageText(average, indicator),
      england: figureText(england, indicator),
      region: figureText(at(c.region), indicator),
      standing: standingText(c.standing, indicator),
      trends: c.trends.map((t) => trendText(t, indicator)),
      chart,
      recentYears: recent.map((y) => yearLabel(y, indicator)),
      history,
      attribution: OGL_ATTRIBUTION,
    })
  })

  router.get('/inspections', read, async (req, res) => {
    const laCode = await laCodeOf(req)
    const inspections = laCode
      ? await db
          .selectFrom('ofsted_inspection')
          .selectAll()
          .where('area_code', '=', laCode)
          .orderBy('started_on', 'desc')
          .execute()
      : []
    res.render('national/views/inspections.njk', {
      laCode,
      inspections,
      gradeLabels: GRADE_LABELS,
      attribution: OGL_ATTRIBUTION,
    })
  })

  router.get('/inspections/all-councils', read, async (_req, res) => {
    // Current councils only (those in the statistical-neighbour model): a council since abolished, such
    // as Northamptonshire, neither counts at a grade nor as "still inadequate".
    const inspections = await db
      .selectFrom('ofsted_inspection as i')
      .innerJoin('national_area as a', 'a.code', 'i.area_code')
      .where((eb) =>
        eb.exists(
          eb.selectFrom('statistical_neighbour as s').select('s.rank').whereRef('s.area_code', '=', 'i.area_code'),
        ),
      )
      .select([
        'i.area_code',
        'a.name',
        'i.started_on',
        'i.published_on',
        'i.overall',
        'i.leaders',
        'i.help_and_protection',
        'i.in_care',
        'i.care_leavers',
      ])
      .execute()
    const latest = [...latestJudgements(inspections).values()].sort((a, b) => a.name.localeCompare(b.name))
    const counts = GRADES.map((g) => ({
      grade: g,
      label: GRADE_LABELS[g],
      count: latest.filter((l) => l.overall === g).length,
    }))
    const asOf = todayIso()
    const journeys = improvementJourneys(inspections, asOf)
    const names = new Map(inspections.map((i) => [i.area_code, i.name]))
    const improved = journeys.filter((j) => j.improvedOn)
    const waiting = journeys.filter((j) => !j.improvedOn)
    const months = improved.map((j) => j.months)
    const chart = renderBarChart({
      id: 'grades',
      title: 'Councils by latest overall Ofsted judgement',
      bars: counts.map((c) => ({ label: c.label, value: c.count })),
      format: (v) => String(Math.round(v)),
    })
    res.render('national/views/all-inspections.njk', {
      latest,
      counts,
      total: latest.length,
      chart,
      gradeLabels: GRADE_LABELS,
      improved: improved
        .map((j) => ({ ...j, name: names.get(j.areaCode) ?? j.areaCode }))
        .sort((a, b) => a.months - b.months),
      waiting: waiting
        .map((j) => ({ ...j, name: names.get(j.areaCode) ?? j.areaCode }))
        .sort((a, b) => b.months - a.months),
      stats: {
        median: median(months),
        min: months.length ? Math.min(...months) : null,
        max: months.length ? Math.max(...months) : null,
        byGrade: (['outstanding', 'good', 'requires improvement'] as Grade[]).map((g) => ({
          label: GRADE_LABELS[g],
          count: improved.filter((j) => j.improvedTo === g).length,
        })),
      },
      asOf,
      attribution: OGL_ATTRIBUTION,
    })
  })

  router.get('/inspections/all-councils/:area', read, async (req, res) => {
    const area = await db
      .selectFrom('national_area')
      .selectAll()
      .where('code', '=', String(req.params.area))
      .executeTakeFirst()
    if (!area || area.level !== 'local authority') throw new NotFoundError()
    const inspections = await db
      .selectFrom('ofsted_inspection')
      .selectAll()
      .where('area_code', '=', area.code)
      .orderBy('started_on', 'desc')
      .execute()
    res.render('national/views/inspections.njk', {
      area,
      laCode: area.code,
      inspections,
      gradeLabels: GRADE_LABELS,
      attribution: OGL_ATTRIBUTION,
    })
  })

  async function renderNationalData(
    res: Response,
    extra: { errors?: FormErrors; problems?: string[]; values?: Record<string, unknown>; status?: number } = {},
  ) {
    // Every caller is behind councilContext, which puts the council on res.locals.
    const { organisationId } = res.locals.council as CouncilAccess
    const laCode = await councilLaCode(db, organisationId)
    const releases = await db
      .selectFrom('national_release as r')
      .leftJoin('app_user as u', 'u.id', 'r.loaded_by')
      .select([
        'r.id',
        'r.dataset',
        'r.file_name',
        'r.loaded_at',
        'r.values_added',
        'r.values_changed',
        'r.values_unchanged',
        'u.display_name',
      ])
      .orderBy('r.id', 'desc')
      .limit(30)
      .execute()
    const changes = await db
      .selectFrom('national_value_change as c')
      .innerJoin('national_area as a', 'a.code', 'c.area_code')
      .innerJoin('national_release as r', 'r.id', 'c.release_id')
      .select([
        'c.indicator',
        'a.name',
        'c.year',
        'c.old_value',
        'c.old_suppression',
        'c.new_value',
        'c.new_suppression',
        'r.loaded_at',
      ])
      .orderBy('c.id', 'desc')
      .limit(50)
      .execute()
    const councils = await currentCouncils()
    const linked = councils.find((c) => c.code === laCode) ?? null
    res.status(extra.status ?? 200).render('national/views/national-data.njk', {
      linked,
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

  router.get('/national-data', update, async (_req, res) => {
    await renderNationalData(res)
  })

  router.post(
    '/national-data',
    update,
    ...receiveOneFile(MAX_RELEASE_BYTES, (res, message) =>
      renderNationalData(res, { errors: singleError('file', message), status: 400 }),
    ),
    async (req, res) => {
      const form = z.object({ dataset: z.string() }).safeParse(req.body)
      const dataset = form.success ? datasetById(form.data.dataset) : undefined
      const values = { dataset: form.success ? form.data.dataset : '' }
      if (!dataset)
        return renderNationalData(res, {
          errors: singleError('dataset', 'Select which release the file is'),
          values,
          status: 400,
        })
      const file = req.file
      if (!file)
        return renderNationalData(res, {
          errors: singleError('file', 'Select a CSV or XLSX file to upload'),
          values,
          status: 400,
        })
      if (!fileKind(file.originalname)) {
        return renderNationalData(res, {
          errors: singleError('file', 'The selected file must be a CSV or XLSX file'),
          values,
          status: 400,
        })
      }
      const { council, user } = context(req)
      try {
        const summary = await loadReleaseFile(db, dataset, file.buffer, file.originalname.slice(0, 200), user.id)
        await recordAudit(db, {
          organisationId: council.organisationId,
          userId: user.id,
          entityType: 'national release',
          entityId: dataset.id,
          action: 'load',
          summary: `Loaded ${summary.fileName} (${dataset.title}): ${summary.added} added, ${summary.changed} changed, ${summary.unchanged} unchanged`,
          after: summary,
        })
        req.session.flash = {
          heading: `${dataset.title} loaded`,
          html: `<p class="govuk-body">${summary.added} figures added, ${summary.changed} changed (earlier figures kept), ${summary.unchanged} unchanged.</p>`,
        }
        res.redirect(P.nationalData(council.slug))
      } catch (error) {
        if (error instanceof UploadError || error instanceof WrongFormatError) {
          return renderNationalData(res, { errors: singleError('file', error.message), values, status: 400 })
        }
        if (error instanceof BadRowsError) {
          const problems = error.problems.slice(0, 20).map((p) => `Row ${p.row}, column ${p.column}: ${p.reason}`)
          if (error.problems.length > 20) problems.push(`and ${error.problems.length - 20} more`)
          return renderNationalData(res, { errors: singleError('file', error.message), problems, values, status: 400 })
        }
        throw error
      }
    },
  )

  // Which local authority in the national statistics this council is: its benchmarks, inspections
  // and linked measures all follow from this one code.
  router.post('/national-data/council', update, async (req, res) => {
    const form = z.object({ laCode: z.string().trim() }).safeParse(req.body)
    const chosen = form.success ? form.data.laCode : ''
    const values = { laCode: chosen }
    if (!chosen) {
      return renderNationalData(res, {
        errors: singleError('laCode', 'Select the local authority this council is'),
        values,
        status: 400,
      })
    }
    const { council, user } = context(req)
    const area = (await currentCouncils()).find((c) => c.code === chosen)
    if (!area) {
      return renderNationalData(res, {
        errors: singleError('laCode', 'Select a local authority from the list'),
        values,
        status: 400,
      })
    }
    await db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom('organisation')
        .select('la_code')
        .where('id', '=', council.organisationId)
        .executeTakeFirstOrThrow()
      if (before.la_code === area.code) return
      await trx
        .updateTable('organisation')
        .set({ la_code: area.code })
        .where('id', '=', council.organisationId)
        .execute()
      await recordAudit(trx, {
        organisationId: council.organisationId,
        userId: user.id,
        entityType: 'council',
        entityId: council.organisationId,
        action: 'update',
        summary: `Linked ${council.name} to ${area.name} (${area.code}) in the national statistics`,
        before: { la_code: before.la_code },
        after: { la_code: area.code },
      })
    })
    req.session.flash = {
      heading: `${council.name} is linked to ${area.name}`,
      html: `<p class="govuk-body">Its benchmarks, inspections and linked measures now use ${area.name}’s official figures.</p>`,
    }
    res.redirect(P.nationalData(council.slug))
  })

  router.post('/national-data/reload', update, async (req, res) => {
    const { council, user } = context(req)
    const summaries = await loadShippedData(db, user.id)
    const total = (k: 'added' | 'changed' | 'unchanged') => summaries.reduce((a, s) => a + s[k], 0)
    await recordAudit(db, {
      organisationId: council.organisationId,
      userId: user.id,
      entityType: 'national release',
      entityId: 'shipped',
      action: 'load',
      summary: `Reloaded the shipped national data: ${total('added')} added, ${total('changed')} changed, ${total('unchanged')} unchanged`,
    })
    req.session.flash = {
      heading: 'Shipped national data reloaded',
      html: `<p class="govuk-body">${total('added')} figures added, ${total('changed')} changed, ${total('unchanged')} unchanged.</p>`,
    }
    res.redirect(P.nationalData(council.slug))
  })

  return router
}
