import { Router, type Request, type Response } from 'express'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { NotFoundError } from '../web/errors.js'
import { flash } from '../web/flash.js'
import {
  expectedVersionOf,
  guardedSave,
  parseForm,
  parseId,
  singleError,
  type FormErrors,
  formBody,
} from '../web/forms.js'
import { versionOf } from '../db/errors.js'
import { recordParam } from '../web/records.js'
import { findCurrentPlan, loadPlanTree } from '../plan/plan-repository.js'
import * as repo from './measure-repository.js'
import { loadCouncilMeasures } from './measure-service.js'
import { measureCsv, measuresSummaryCsv } from './measure-csv.js'
import { parsePeriod } from './periods.js'
import { applyValueChanges, planValueChanges } from './value-repository.js'
import {
  benchmarkSchema,
  measureSchema,
  rebaselineSchema,
  TARGET_DATE_FIELDS,
  targetSchema,
  valueSchema,
} from './measure-validation.js'
import { INDICATORS_BY_ID, NATIONAL_INDICATORS } from '../national/indicators.js'
import { nationalFiguresFor } from '../national/measure-benchmarks.js'
import { measureChart } from './measure-chart.js'
import { describeFormula } from './measure-types.js'
import { validRange } from './import/validate-import.js'
import { UNITS } from '../shared/units.js'
import { POLARITIES } from '../shared/polarity.js'
import { FREQUENCIES, periodEnd, periodLabel, type Frequency } from '../shared/calendar.js'
import { checkPeriodEdit } from '../plan/period-lock-repository.js'
import { todayIso } from '../shared/dates.js'
import { currencyOn } from './measure-currency.js'
import { BENCHMARK_KINDS } from '../db/database.js'
import { describeOwner, ownerOf, ownerOptions, ownerValue, type Owner } from '../accounts/owners.js'
import { loadOwnerChoices, ownerProblem } from '../accounts/owner-repository.js'

const P = paths.council

/** A measure's summary with whether its latest figure is current on `date` (measure-currency.ts). */
function withCurrency<S extends { latest: { period: string } | null; measure: { frequency: Frequency } }>(
  summary: S,
  date: string,
) {
  return { ...summary, currency: currencyOn(summary.latest?.period ?? null, summary.measure.frequency, date) }
}

const CODE_TAKEN = 'Another measure already has this code'

export function measureRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('measures:read')
  const edit = requireCapability('measures:edit')

  // Another council's measure is a 404 for everyone.
  const measureParam = recordParam('measureId', (id, { council }) => repo.findMeasure(db, council.organisationId, id))
  measureParam.register(router)
  const measureOf = (res: Response) => measureParam.of(res)

  async function planStrands(req: Request) {
    const plan = await findCurrentPlan(db, context(req).council.organisationId)
    return plan ? (await loadPlanTree(db, plan.id)).strands : []
  }

  router.get(P.measures.pattern, read, async (req, res) => {
    const [{ measures, summaries, strandLinks }, strands, choices] = await Promise.all([
      loadCouncilMeasures(db, context(req).council.organisationId),
      planStrands(req),
      loadOwnerChoices(db, context(req).council.organisationId),
    ])
    // Each row says whether its latest figure is still current today, and who owns the measure.
    const today = todayIso()
    const row = (m: repo.MeasureRow) => ({
      ...withCurrency(summaries.get(m.id)!, today),
      ownerText: describeOwner(ownerOf(m), m.owner, choices),
    })
    const groups = strands
      .map((s) => ({ strand: s, rows: measures.filter((m) => strandLinks.get(m.id)?.includes(s.id)).map(row) }))
      .filter((g) => g.rows.length)
    const unlinked = measures.filter((m) => !strandLinks.get(m.id)?.length).map(row)
    res.render('measures/views/measures.njk', { groups, unlinked, count: measures.length })
  })

  router.get(P.measuresCsv.pattern, read, async (req, res) => {
    const { measures, summaries } = await loadCouncilMeasures(db, context(req).council.organisationId)
    res
      .type('text/csv')
      .attachment('measures.csv')
      .send(measuresSummaryCsv(measures.map((m) => summaries.get(m.id)!)))
  })

  async function renderMeasureForm(
    req: Request,
    res: Response,
    view: { measure?: repo.MeasureRow; values: Record<string, unknown>; errors?: FormErrors },
  ) {
    const [strands, choices] = await Promise.all([
      planStrands(req),
      loadOwnerChoices(db, context(req).council.organisationId),
    ])
    const selected = (name: string) => {
      const v = view.values[name]
      return (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String)
    }
    res.status(view.errors ? 400 : 200).render('measures/views/measure-form.njk', {
      ...view,
      nationalIndicators: [
        { value: '', text: 'None' },
        ...NATIONAL_INDICATORS.map((i) => ({ value: i.id, text: i.title })),
      ],
      strands,
      owners: ownerOptions(choices),
      selectedStrands: selected('strandIds'),
      selectedObjectives: selected('objectiveIds'),
      units: UNITS,
      polarities: POLARITIES,
      frequencies: FREQUENCIES,
    })
  }

  /** An owner from outside the council is refused on the form, keeping what was typed. */
  async function ownerError(req: Request, owner: Owner): Promise<FormErrors | undefined> {
    const problem = await ownerProblem(db, context(req).council.organisationId, owner)
    return problem ? singleError('ownedBy', problem) : undefined
  }

  async function codeTaken(req: Request, code: string, exceptId?: number) {
    const all = await repo.listMeasures(db, context(req).council.organisationId)
    return all.some((m) => m.code.toLowerCase() === code.toLowerCase() && m.id !== exceptId)
  }

  /** Links may only name this council's strands and objectives. */
  async function ownLinks(req: Request, strandIds: number[], objectiveIds: number[]) {
    const strands = await planStrands(req)
    const strandSet = new Set(strands.map((s) => s.id))
    const objectiveSet = new Set(strands.flatMap((s) => s.objectives.map((o) => o.id)))
    return {
      strandIds: strandIds.filter((id) => strandSet.has(id)),
      objectiveIds: objectiveIds.filter((id) => objectiveSet.has(id)),
    }
  }

  router.get(P.newMeasure.pattern, read, edit, async (req, res) => {
    await renderMeasureForm(req, res, {
      values: { unit: 'count', polarity: 'higher', frequency: 'monthly', decimals: '1' },
    })
  })

  router.post(P.newMeasure.pattern, read, edit, async (req, res) => {
    const form = parseForm(measureSchema, req.body)
    if (!form.ok) return renderMeasureForm(req, res, { values: formBody(req), errors: form.errors })
    const notInCouncil = await ownerError(req, form.value.ownedBy)
    if (notInCouncil) return renderMeasureForm(req, res, { values: formBody(req), errors: notInCouncil })
    if (await codeTaken(req, form.value.code)) {
      return renderMeasureForm(req, res, {
        values: formBody(req),
        errors: singleError('code', CODE_TAKEN),
      })
    }
    const links = await ownLinks(req, form.value.strandIds, form.value.objectiveIds)
    const saved = await guardedSave(
      () =>
        db
          .transaction()
          .execute((trx) => repo.createMeasure(trx, context(req).actor, { ...form.value, ...links, formula: null })),
      { taken: { field: 'code', message: CODE_TAKEN } },
    )
    if (!saved.ok) return renderMeasureForm(req, res, { values: formBody(req), errors: saved.errors })
    flash(req, `Measure added: ${saved.value.name}`)
    res.redirect(P.measure(context(req).council.slug, saved.value.id))
  })

  async function measurePage(req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) {
    const measure = measureOf(res)
    const { summaries, measures, strandLinks, objectiveLinks } = await loadCouncilMeasures(
      db,
      context(req).council.organisationId,
    )
    const summary = summaries.get(measure.id)!
    const strands = await planStrands(req)
    const linkedStrands = strands.filter((s) => strandLinks.get(measure.id)?.includes(s.id))
    const linkedObjectives = strands.flatMap((s) =>
      s.objectives.filter((o) => objectiveLinks.get(measure.id)?.includes(o.id)).map((o) => ({ ...o, strand: s })),
    )
    const inputs = measure.formula
      ? measures.filter((m) => m.code === measure.formula!.a || m.code === measure.formula!.b)
      : []
    const rebaselines = await repo.listRebaselines(db, context(req).council.organisationId, [measure.id])
    const national = await nationalFiguresFor(db, context(req).council.organisationId, measure.national_indicator)
    const choices = await loadOwnerChoices(db, context(req).council.organisationId)
    res.status(status).render('measures/views/measure.njk', {
      ownerText: describeOwner(ownerOf(measure), measure.owner, choices),
      national,
      nationalIndicatorTitle: measure.national_indicator
        ? INDICATORS_BY_ID.get(measure.national_indicator)?.title
        : null,
      measure,
      summary: withCurrency(summary, todayIso()),
      chart: measureChart(summary),
      linkedStrands,
      linkedObjectives,
      inputs,
      formula: measure.formula ? describeFormula(measure.formula, measures) : null,
      rebaselines,
      benchmarkKinds: BENCHMARK_KINDS,
      values: {},
      ...extra,
    })
  }

  router.get(P.measureCsv.pattern, read, async (req, res) => {
    const measure = measureOf(res)
    const { summaries } = await loadCouncilMeasures(db, context(req).council.organisationId)
    res
      .type('text/csv')
      .attachment(`${measure.code}.csv`)
      .send(measureCsv(summaries.get(measure.id)!))
  })

  router.get(P.measure.pattern, read, async (req, res) => {
    await measurePage(req, res)
  })

  router.get(P.editMeasure.pattern, read, edit, async (req, res) => {
    const m = measureOf(res)
    const { strandLinks, objectiveLinks } = await loadCouncilMeasures(db, context(req).council.organisationId)
    await renderMeasureForm(req, res, {
      measure: m,
      values: {
        expectedVersion: versionOf(m),
        name: m.name,
        code: m.code,
        definition: m.definition,
        caveats: m.caveats,
        comparability: m.comparability,
        unit: m.unit,
        polarity: m.polarity,
        frequency: m.frequency,
        source: m.source,
        owner: m.owner,
        ownedBy: ownerValue(ownerOf(m)),
        validMin: m.valid_min ?? '',
        validMax: m.valid_max ?? '',
        decimals: String(m.decimals),
        vitalSign: m.vital_sign ?? '',
        nationalIndicator: m.national_indicator ?? '',
        strandIds: (strandLinks.get(m.id) ?? []).map(String),
        objectiveIds: (objectiveLinks.get(m.id) ?? []).map(String),
      },
    })
  })

  router.post(P.editMeasure.pattern, read, edit, async (req, res) => {
    const measure = measureOf(res)
    const form = parseForm(measureSchema, req.body)
    if (!form.ok) return renderMeasureForm(req, res, { measure, values: formBody(req), errors: form.errors })
    const notInCouncil = await ownerError(req, form.value.ownedBy)
    if (notInCouncil) return renderMeasureForm(req, res, { measure, values: formBody(req), errors: notInCouncil })
    if (await codeTaken(req, form.value.code, measure.id)) {
      return renderMeasureForm(req, res, {
        measure,
        values: formBody(req),
        errors: singleError('code', CODE_TAKEN),
      })
    }
    const links = await ownLinks(req, form.value.strandIds, form.value.objectiveIds)
    const expected = expectedVersionOf(req)
    const input = { ...form.value, ...links, formula: measure.formula }
    const saved = await guardedSave(
      () => db.transaction().execute((trx) => repo.updateMeasure(trx, context(req).actor, measure, input, expected)),
      { taken: { field: 'code', message: CODE_TAKEN }, changed: { noun: 'measure', field: 'code' } },
    )
    if (!saved.ok) {
      const values = { ...formBody(req), expectedVersion: versionOf(measure) }
      return renderMeasureForm(req, res, { measure, values, errors: saved.errors })
    }
    flash(req, 'Measure saved')
    res.redirect(P.measure(context(req).council.slug, measure.id))
  })

  router.post(P.measureValues.pattern, read, edit, async (req, res) => {
    const measure = measureOf(res)
    if (measure.formula) throw new NotFoundError('Derived measures have no values of their own')
    const form = parseForm(
      valueSchema((t) => parsePeriod(t, measure.frequency)),
      req.body,
    )
    if (!form.ok) return measurePage(req, res, { values: formBody(req), errors: form.errors }, 400)
    const { min, max } = validRange(measure)
    if ((min !== null && form.value.value < min) || (max !== null && form.value.value > max)) {
      const text = `The value must be between ${min ?? 'any'} and ${max ?? 'any'} for this measure`
      return measurePage(req, res, { values: formBody(req), errors: singleError('value', text) }, 400)
    }
    // A period a reporting round has locked cannot change (src/plan/period-lock.ts); in a reopened round only
    // the improvement team may change it, and the audit entry carries the reason it was reopened.
    const lock = await checkPeriodEdit(db, context(req).council, [periodEnd(form.value.period, measure.frequency)])
    if (!lock.allowed)
      return measurePage(req, res, { values: formBody(req), errors: singleError('period', lock.message) }, 400)
    const source = lock.auditNote ? `entered by hand; ${lock.auditNote}` : 'entered by hand'
    const result = await db.transaction().execute(async (trx) => {
      const changes = await planValueChanges(trx, [{ measureId: measure.id, ...form.value }])
      return applyValueChanges(trx, context(req).actor, changes, () => measure.name, source)
    })
    const period = periodLabel(form.value.period, measure.frequency)
    flash(
      req,
      result.updated > 0
        ? `Value for ${period} changed`
        : result.created > 0
          ? `Value for ${period} added`
          : 'No change: that value was already recorded',
    )
    res.redirect(`${P.measure(context(req).council.slug, measure.id)}#data`)
  })

  router.post(P.measureTargets.pattern, read, edit, async (req, res) => {
    const measure = measureOf(res)
    const form = parseForm(targetSchema, req.body, TARGET_DATE_FIELDS)
    if (!form.ok) return measurePage(req, res, { values: formBody(req), errors: form.errors }, 400)
    await db.transaction().execute((trx) =>
      repo.addTarget(trx, context(req).actor, measure, {
        value: form.value.targetValue,
        targetDate: form.value.targetDate,
        note: form.value.targetNote,
      }),
    )
    flash(req, 'Target set')
    res.redirect(`${P.measure(context(req).council.slug, measure.id)}#targets`)
  })

  router.post(P.measureBenchmarks.pattern, read, edit, async (req, res) => {
    const measure = measureOf(res)
    const form = parseForm(
      benchmarkSchema((t) => parsePeriod(t, measure.frequency)),
      req.body,
    )
    if (!form.ok) return measurePage(req, res, { values: formBody(req), errors: form.errors }, 400)
    await db.transaction().execute((trx) =>
      repo.upsertBenchmark(trx, context(req).actor, measure, {
        kind: form.value.kind,
        comparator: form.value.kind === 'comparator' ? form.value.comparator : '',
        period: form.value.benchmarkPeriod,
        value: form.value.benchmarkValue,
        source: form.value.benchmarkSource,
      }),
    )
    flash(req, 'Benchmark saved')
    res.redirect(`${P.measure(context(req).council.slug, measure.id)}#benchmarks`)
  })

  router.post(P.measureRebaselines.pattern, read, edit, async (req, res) => {
    const measure = measureOf(res)
    const form = parseForm(
      rebaselineSchema((t) => parsePeriod(t, measure.frequency)),
      req.body,
    )
    if (!form.ok) return measurePage(req, res, { values: formBody(req), errors: form.errors }, 400)
    const existing = await repo.listRebaselines(db, context(req).council.organisationId, [measure.id])
    if (existing.some((r) => r.from_period === form.value.fromPeriod)) {
      return measurePage(
        req,
        res,
        {
          values: formBody(req),
          errors: singleError('fromPeriod', 'The limits are already recalculated from that period'),
        },
        400,
      )
    }
    await db
      .transaction()
      .execute((trx) => repo.addRebaseline(trx, context(req).actor, measure, form.value.fromPeriod, form.value.reason))
    flash(req, `Limits recalculated from ${periodLabel(form.value.fromPeriod, measure.frequency)}`)
    res.redirect(`${P.measure(context(req).council.slug, measure.id)}#spc`)
  })

  router.post(P.deleteRebaseline.pattern, read, edit, async (req, res) => {
    const measure = measureOf(res)
    const id = parseId(req.params.rebaselineId)
    const removed = id
      ? await db.transaction().execute((trx) => repo.deleteRebaseline(trx, context(req).actor, measure, id))
      : false
    if (!removed) throw new NotFoundError()
    flash(req, 'Recalculation removed')
    res.redirect(`${P.measure(context(req).council.slug, measure.id)}#spc`)
  })

  return router
}
