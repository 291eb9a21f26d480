// National benchmarks: every national indicator for the council against England, its region and its
// statistical neighbours, and one indicator compared with each neighbour in a chosen year.
import { Router, type Request, type Response } from 'express'
import type { Db } from '../db/connect.js'
import { context, requireCapability } from '../web/auth.js'
import { paths } from '../web/paths.js'
import { keyParam } from '../web/records.js'
import { NotFoundError } from '../web/errors.js'
import { benchmarksCsv, indicatorCsv } from './national-csv.js'
import { renderBarChart } from '../charts/bar-chart.js'
import { BENCHMARK_INDICATORS, INDICATORS_BY_ID } from './indicators.js'
import { councilBenchmarks, type CouncilBenchmarks, type Figure } from './benchmarks.js'
import { councilLaCode } from './national-repository.js'
import {
  OGL_ATTRIBUTION,
  averageText,
  comparisonChart,
  figureText,
  formatFigureValue,
  standingText,
  referenceText,
  trendText,
  yearLabel,
  yearRows,
} from './present.js'

const P = paths.council

export function benchmarkRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('national:read')
  const laCodeOf = (req: Request) => councilLaCode(db, context(req).council.organisationId)

  // The indicator is from the catalogue: an unknown one is a 404.
  const indicatorParam = keyParam('indicator', (id) => INDICATORS_BY_ID.get(id))
  indicatorParam.register(router)

  router.get(P.benchmarksCsv.pattern, read, async (req, res) => {
    const laCode = await laCodeOf(req)
    const data = laCode ? await councilBenchmarks(db, laCode, BENCHMARK_INDICATORS) : undefined
    if (!data) throw new NotFoundError('The council is not linked to the national statistics')
    res.type('text/csv').attachment(`benchmarks-${data.area.code}.csv`).send(benchmarksCsv(data))
  })

  router.get(P.benchmarkIndicatorCsv.pattern, read, async (req, res) => {
    const indicator = indicatorParam.of(res)
    const laCode = await laCodeOf(req)
    const asked = Number(req.query.year)
    const data = laCode
      ? await councilBenchmarks(db, laCode, [indicator], Number.isInteger(asked) ? asked : undefined)
      : undefined
    if (!data) throw new NotFoundError('The council is not linked to the national statistics')
    const c = data.comparisons[0]!
    res
      .type('text/csv')
      .attachment(`${indicator.id}-${c.year ?? 'no-data'}.csv`)
      .send(indicatorCsv(c, data.area.name, data.region?.name ?? null))
  })

  router.get(P.benchmarks.pattern, read, async (req, res) => {
    const laCode = await laCodeOf(req)
    const data = laCode ? await councilBenchmarks(db, laCode, BENCHMARK_INDICATORS) : undefined
    if (!data) return res.render('national/views/benchmarks.njk', { data: null, attribution: OGL_ATTRIBUTION })
    const figuresHtml = await benchmarkFiguresHtml(res, data, context(req).council.slug)
    res.render('national/views/benchmarks.njk', { data, figuresHtml, attribution: OGL_ATTRIBUTION })
  })

  router.get(P.benchmarkIndicator.pattern, read, async (req, res) => {
    const indicator = indicatorParam.of(res)
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
      reference: referenceText(indicator),
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

  return router
}

// The benchmarks table and charts, rendered once for each cached set of comparisons (councilBenchmarks) and
// council, and dropped with the comparisons when national data is loaded again. The rest of the page (who is
// signed in, the form tokens) is rendered for each request.
const figuresRendered = new WeakMap<CouncilBenchmarks, Map<string, Promise<string>>>()

function benchmarkFiguresHtml(res: Response, data: CouncilBenchmarks, slug: string): Promise<string> {
  let bySlug = figuresRendered.get(data)
  if (!bySlug) figuresRendered.set(data, (bySlug = new Map<string, Promise<string>>()))
  let html = bySlug.get(slug)
  if (!html) {
    html = new Promise<string>((resolve, reject) =>
      res.app.render(
        'national/views/benchmarks-figures.njk',
        { data, rows: drawBenchmarkRows(data), council: { slug } },
        (error, out) => (error ? reject(error) : resolve(out)),
      ),
    )
    bySlug.set(slug, html)
    html.catch(() => bySlug.delete(slug))
  }
  return html
}

function drawBenchmarkRows(data: CouncilBenchmarks) {
  return data.comparisons.map((c) => ({
    indicator: c.indicator,
    reference: referenceText(c.indicator),
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
}
