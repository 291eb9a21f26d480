// Ofsted: the council's own inspections and visits, every council's latest judgements, how long councils
// judged inadequate took to be judged better, and any one council's inspections.
import { Router, type Request } from 'express'
import type { Db } from '../db/connect.js'
import { context, requireCapability } from '../web/auth.js'
import { paths } from '../web/paths.js'
import { keyParam } from '../web/records.js'
import { NotFoundError } from '../web/errors.js'
import { inspectionsCsv, journeysCsv, timeToImproveCsv } from './national-csv.js'
import { todayIso } from '../shared/dates.js'
import { renderBarChart } from '../charts/bar-chart.js'
import { renderStepChart } from '../charts/step-chart.js'
import { councilLaCode, currentCouncilInspections, findLocalAuthority, inspectionsOf } from './national-repository.js'
import { OGL_ATTRIBUTION } from './present.js'
import {
  GRADES,
  GRADE_LABELS,
  dataDate,
  improvementJourneys,
  latestJudgements,
  timeToImprove,
  type Grade,
} from './ofsted.js'

const P = paths.council

export function inspectionRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('national:read')
  const laCodeOf = (req: Request) => councilLaCode(db, context(req).council.organisationId)

  // Any local authority in the statistics (a region or an unknown code is a 404).
  const areaParam = keyParam('area', (code) => findLocalAuthority(db, code))
  areaParam.register(router)

  router.get(P.inspections.pattern, read, async (req, res) => {
    const laCode = await laCodeOf(req)
    const inspections = laCode ? await inspectionsOf(db, laCode) : []
    res.render('national/views/inspections.njk', {
      laCode,
      inspections,
      gradeLabels: GRADE_LABELS,
      attribution: OGL_ATTRIBUTION,
    })
  })

  /** Every current council's latest judgements, and the time councils judged inadequate take to improve. */
  async function allCouncils() {
    // Current councils only (those in the statistical-neighbour model): a council since abolished, such
    // as Northamptonshire, neither counts at a grade nor as "still inadequate".
    const inspections = await currentCouncilInspections(db)
    const latest = [...latestJudgements(inspections).values()].sort((a, b) => a.name.localeCompare(b.name))
    // Councils still waiting are counted as waiting up to the latest date in the data, not today.
    const asOf = dataDate(inspections) ?? todayIso()
    const names = new Map(inspections.map((i) => [i.area_code, i.name]))
    const journeys = improvementJourneys(inspections, asOf)
      .map((j) => ({ ...j, name: names.get(j.areaCode) ?? j.areaCode }))
      .sort((a, b) => a.months - b.months || a.name.localeCompare(b.name))
    return { latest, journeys, asOf, analysis: timeToImprove(journeys) }
  }

  router.get(P.inspectionsCsv.pattern, read, async (req, res) => {
    const laCode = await laCodeOf(req)
    if (!laCode) throw new NotFoundError('The council is not linked to the national statistics')
    res
      .type('text/csv')
      .attachment(`ofsted-inspections-${laCode}.csv`)
      .send(inspectionsCsv(await inspectionsOf(db, laCode)))
  })

  router.get(P.allInspectionsCsv.pattern, read, async (_req, res) => {
    const { latest } = await allCouncils()
    res
      .type('text/csv')
      .attachment('ofsted-latest-judgements.csv')
      .send(inspectionsCsv(latest.map((l) => ({ ...l, kind: 'latest judgement' }))))
  })

  router.get(P.timeToImproveCsv.pattern, read, async (_req, res) => {
    const { analysis } = await allCouncils()
    res.type('text/csv').attachment('ofsted-time-to-improve.csv').send(timeToImproveCsv(analysis.estimate))
  })

  router.get(P.improvementJourneysCsv.pattern, read, async (_req, res) => {
    const { journeys, asOf } = await allCouncils()
    res.type('text/csv').attachment('ofsted-journeys-out-of-inadequate.csv').send(journeysCsv(journeys, asOf))
  })

  router.get(P.areaInspectionsCsv.pattern, read, async (_req, res) => {
    const area = areaParam.of(res)
    res
      .type('text/csv')
      .attachment(`ofsted-inspections-${area.code}.csv`)
      .send(inspectionsCsv(await inspectionsOf(db, area.code)))
  })

  router.get(P.allInspections.pattern, read, async (_req, res) => {
    const { latest, journeys, asOf, analysis } = await allCouncils()
    const counts = GRADES.map((g) => ({
      grade: g,
      label: GRADE_LABELS[g],
      count: latest.filter((l) => l.overall === g).length,
    }))
    const improved = journeys.filter((j) => j.improvedOn)
    const { estimate } = analysis
    res.render('national/views/all-inspections.njk', {
      latest,
      counts,
      total: latest.length,
      chart: renderBarChart({
        id: 'grades',
        title: 'Councils by latest overall Ofsted judgement',
        bars: counts.map((c) => ({ label: c.label, value: c.count })),
        format: (v) => String(Math.round(v)),
      }),
      gradeLabels: GRADE_LABELS,
      improved,
      waiting: journeys.filter((j) => !j.improvedOn).sort((a, b) => b.months - a.months),
      analysis,
      survivalChart: renderStepChart({
        id: 'time-to-improve',
        title: 'Share of councils judged inadequate that have been judged better, by months since',
        xLabel: 'Months since the inadequate judgement was published',
        yLabel: 'Share judged better',
        start: 0,
        steps: estimate.steps
          .filter((s) => s.events > 0)
          .map((s) => ({ x: s.time, y: 1 - s.survival, lower: 1 - s.upper, upper: 1 - s.lower })),
        summary: analysis.within.map((w) => `${percent(w.share)} within ${w.months} months.`).join(' '),
        formatX: (v) => String(v),
        formatY: percent,
      }),
      byGrade: (['outstanding', 'good', 'requires improvement'] as Grade[]).map((g) => ({
        label: GRADE_LABELS[g],
        count: improved.filter((j) => j.improvedTo === g).length,
      })),
      asOf,
      attribution: OGL_ATTRIBUTION,
    })
  })

  router.get(P.areaInspections.pattern, read, async (_req, res) => {
    const area = areaParam.of(res)
    const inspections = await inspectionsOf(db, area.code)
    res.render('national/views/inspections.njk', {
      area,
      laCode: area.code,
      inspections,
      gradeLabels: GRADE_LABELS,
      attribution: OGL_ATTRIBUTION,
    })
  })

  return router
}

const percent = (share: number) => `${Math.round(share * 100)}%`
