import { Router, type Request } from 'express'
import type { Db } from '../db/connect.js'
import { context, requireCapability } from '../web/auth.js'
import { paths } from '../web/paths.js'
import { toCsv } from '../shared/csv.js'
import { fileNumber, mixedChangeCells } from '../shared/units.js'
import { loadCouncilMeasures } from './measure-service.js'
import { baselineChoices, changeSinceBaseline } from './vital-signs.js'
import { measureChart } from './measure-chart.js'
import { ASSURANCE_LABELS, VARIATION_LABELS } from './spc.js'

export function vitalSignsRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('measures:read')

  async function load(req: Request) {
    const { measures, summaries } = await loadCouncilMeasures(db, context(req).council.organisationId)
    const vital = measures.filter((m) => m.vital_sign).map((m) => summaries.get(m.id)!)
    const choices = baselineChoices(vital)
    const asked = typeof req.query.baseline === 'string' ? req.query.baseline : ''
    const baseline = choices.find((c) => c.period === asked || c.period.slice(0, 7) === asked) ?? choices[0] ?? null
    const rows = vital.map((summary) => ({ summary, change: changeSinceBaseline(summary, baseline?.period ?? '') }))
    return { rows, choices, baseline }
  }

  router.get(paths.council.vitalSignsCsv.pattern, read, async (req, res) => {
    const { rows, baseline } = await load(req)
    const csv = toCsv(
      [
        'measure_code',
        'measure',
        'group',
        'unit',
        'baseline_period',
        'baseline_value',
        'latest_period',
        'latest_value',
        'change',
        'change_unit',
        'change_percent',
        'variation',
        'assurance',
      ],
      rows.map(({ summary: s, change: c }) => [
        s.measure.code,
        s.measure.name,
        s.measure.vital_sign,
        s.measure.unit,
        c.baseline?.period ?? baseline?.period ?? '',
        fileNumber(c.baseline?.value),
        c.latest?.period,
        fileNumber(c.latest?.value),
        ...mixedChangeCells(c.change, s.measure.unit),
        VARIATION_LABELS[s.spc.variation],
        ASSURANCE_LABELS[s.spc.assurance],
      ]),
    )
    res.type('text/csv').attachment('vital-signs.csv').send(csv)
  })

  router.get(paths.council.vitalSigns.pattern, read, async (req, res) => {
    const { rows, choices, baseline } = await load(req)
    res.render('measures/views/vital-signs.njk', {
      groups: (['workforce', 'demand'] as const)
        .map((g) => ({
          name: g,
          rows: rows
            .filter((r) => r.summary.measure.vital_sign === g)
            .map((r) => ({ ...r, chart: measureChart(r.summary) })),
        }))
        .filter((g) => g.rows.length),
      choices,
      baseline,
    })
  })

  return router
}
