// Ofsted: the council's own inspections and visits, every council's latest judgements, how long councils
// judged inadequate took to be judged better, and any one council's inspections.
import { Router, type Request } from 'express'
import type { Db } from '../db/connect.js'
import { context, requireCapability } from '../web/auth.js'
import { paths } from '../web/paths.js'
import { keyParam } from '../web/records.js'
import { todayIso } from '../shared/dates.js'
import { renderBarChart } from '../charts/bar-chart.js'
import { councilLaCode, currentCouncilInspections, findLocalAuthority, inspectionsOf } from './national-repository.js'
import { OGL_ATTRIBUTION } from './present.js'
import { GRADES, GRADE_LABELS, improvementJourneys, latestJudgements, median, type Grade } from './ofsted.js'

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

  router.get(P.allInspections.pattern, read, async (_req, res) => {
    // Current councils only (those in the statistical-neighbour model): a council since abolished, such
    // as Northamptonshire, neither counts at a grade nor as "still inadequate".
    const inspections = await currentCouncilInspections(db)
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
