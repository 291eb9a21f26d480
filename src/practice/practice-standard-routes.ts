// Practice standards: the list of the council's standards (local interval beside the statutory minimum, the
// flag where the local standard asks for more and the extra visits a month that takes), a standard's page
// with its monthly compliance, the forms for a standard and for a month, and the CSVs. Reading needs
// measures:read; changing needs practice:edit. A month saved also writes the standard's success measure.
import { Router, type Request, type Response } from 'express'
import type { Db } from '../db/connect.js'
import type { PracticeStandard } from '../db/database.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { keyParam, recordParam } from '../web/records.js'
import { formBody, guardedSave, singleError, type FormErrors } from '../web/forms.js'
import { toCsv, type Cell } from '../shared/csv.js'
import { todayIso } from '../shared/dates.js'
import { addMonths, periodLabel } from '../shared/calendar.js'
import { renderLineChart } from '../charts/line-chart.js'
import { plainText } from '../shared/text.js'
import * as repo from './practice-standard-repository.js'
import { readMonthChoice, readMonthForm, readStandardForm } from './practice-standard-validation.js'
import {
  AVERAGE_MONTH_DAYS,
  extraVisitsPerMonth,
  formatVisits,
  intervalDays,
  intervalText,
  localOf,
  monthFigures,
  monthFromKey,
  monthKey,
  monthLabel,
  standardSummary,
  statutoryOf,
} from './practice-standard-rules.js'

const P = paths.council

const UNIT_ITEMS = (chosen: unknown) =>
  [
    { value: 'weeks', text: 'Weeks' },
    { value: 'days', text: 'Days' },
  ].map((i) => ({ ...i, checked: plainText(chosen) === i.value }))

const CSV_HEADER = [
  'standard',
  'applies_to',
  'local_standard',
  'local_interval_days',
  'statutory_minimum',
  'statutory_interval_days',
  'statutory_source',
  'local_exceeds_statutory_minimum',
  'month',
  'caseload',
  'due',
  'seen_within_local_standard',
  'percent_within_local_standard',
  'seen_within_statutory_minimum',
  'percent_within_statutory_minimum',
  'extra_visits_per_month_at_this_caseload',
  'note',
]

/** One CSV row per recorded month (a standard with none has one row of its own, without figures). */
function csvRows(standards: PracticeStandard[], months: repo.MonthRow[]): Cell[][] {
  const rows: Cell[][] = []
  for (const s of standards) {
    const local = localOf(s)
    const statutory = statutoryOf(s)
    const summary = standardSummary(s, [])
    const head: Cell[] = [
      s.title,
      s.applies_to,
      intervalText(local),
      intervalDays(local),
      intervalText(statutory),
      statutory ? intervalDays(statutory) : null,
      s.statutory_source,
      summary.exceeds ? 'yes' : 'no',
    ]
    const own = months.filter((m) => m.standard_id === s.id)
    if (!own.length) rows.push([...head, null, null, null, null, null, null, null, null, null])
    for (const m of own) {
      const f = monthFigures(m)
      const extra = extraVisitsPerMonth(m.caseload, local, statutory)
      rows.push([
        ...head,
        monthKey(m.month),
        f.caseload,
        f.due,
        f.seenLocal,
        f.percentLocal,
        f.seenStatutory,
        f.percentStatutory,
        extra === null ? null : Math.round(extra * 10) / 10,
        m.note,
      ])
    }
  }
  return rows
}

/** A standard's form values from the record. */
function standardValues(s: PracticeStandard): Record<string, unknown> {
  return {
    title: s.title,
    appliesTo: s.applies_to,
    localEvery: String(s.local_every),
    localUnit: s.local_unit,
    hasStatutory: s.statutory_every === null ? 'no' : 'yes',
    statutoryEvery: s.statutory_every === null ? '' : String(s.statutory_every),
    statutoryUnit: s.statutory_unit ?? '',
    statutorySource: s.statutory_source,
    note: s.note,
  }
}

/** Another standard of the council has this title (compared case-insensitively, by migration 0020's index). */
const titleTaken = (title: string) => ({
  field: 'title',
  message: `Another practice standard is called ${title}`,
  constraint: 'practice_standard_title',
})

export function practiceStandardRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('measures:read')
  const edit = requireCapability('practice:edit')

  // Another council's standard is a 404 for everyone, before any role check.
  const standardParam = recordParam('standardId', (id, { council }) =>
    repo.findStandard(db, council.organisationId, id),
  )
  standardParam.register(router)
  // A month is "2026-08"; anything else (or a month from before 2000) is a 404.
  const monthParam = keyParam('month', (key) => monthFromKey(key))
  monthParam.register(router)

  router.get(P.practiceStandards.pattern, read, async (req, res) => {
    const { council } = context(req)
    const [standards, months] = await Promise.all([
      repo.listStandards(db, council.organisationId),
      repo.listMonths(db, council.organisationId),
    ])
    const items = standards.map((s) => ({
      standard: s,
      summary: standardSummary(
        s,
        months.filter((m) => m.standard_id === s.id),
      ),
    }))
    res.render('practice/views/practice-standards.njk', {
      items,
      exceeding: items.filter((i) => i.summary.exceeds),
      averageMonth: AVERAGE_MONTH_DAYS,
    })
  })

  router.get(P.practiceStandardsCsv.pattern, read, async (req, res) => {
    const { council } = context(req)
    const [standards, months] = await Promise.all([
      repo.listStandards(db, council.organisationId),
      repo.listMonths(db, council.organisationId),
    ])
    res
      .type('text/csv')
      .attachment('practice-standards.csv')
      .send(toCsv(CSV_HEADER, csvRows(standards, months)))
  })

  function renderStandardForm(
    req: Request,
    res: Response,
    view: { standard?: PracticeStandard; values: Record<string, unknown>; errors?: FormErrors },
  ) {
    res.status(view.errors ? 400 : 200).render('practice/views/practice-standard-form.njk', {
      ...view,
      localUnitItems: UNIT_ITEMS(view.values.localUnit),
      statutoryUnitItems: UNIT_ITEMS(view.values.statutoryUnit),
    })
  }

  router.get(P.newPracticeStandard.pattern, read, edit, (req, res) => {
    renderStandardForm(req, res, { values: { localUnit: 'weeks', statutoryUnit: 'weeks' } })
  })

  router.post(P.newPracticeStandard.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const values = formBody(req)
    const form = readStandardForm(values)
    if (!form.ok) return renderStandardForm(req, res, { values, errors: form.errors })
    if (await repo.titleTaken(db, council.organisationId, form.value.title))
      return renderStandardForm(req, res, {
        values,
        errors: singleError('title', titleTaken(form.value.title).message),
      })
    const saved = await guardedSave(
      () => db.transaction().execute((trx) => repo.createStandard(trx, actor, form.value)),
      { taken: titleTaken(form.value.title) },
    )
    if (!saved.ok) return renderStandardForm(req, res, { values, errors: saved.errors })
    flash(req, 'Practice standard added', saved.value.title)
    res.redirect(P.practiceStandard(council.slug, saved.value.id))
  })

  router.get(P.practiceStandardCsv.pattern, read, async (req, res) => {
    const { council } = context(req)
    const standard = standardParam.of(res)
    const months = await repo.listMonths(db, council.organisationId, standard.id)
    res
      .type('text/csv')
      .attachment(`practice-standard-${standard.id}.csv`)
      .send(toCsv(CSV_HEADER, csvRows([standard], months)))
  })

  router.get(P.editPracticeStandard.pattern, read, edit, (req, res) => {
    const standard = standardParam.of(res)
    renderStandardForm(req, res, { standard, values: standardValues(standard) })
  })

  router.post(P.editPracticeStandard.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const standard = standardParam.of(res)
    const values = formBody(req)
    const form = readStandardForm(values)
    if (!form.ok) return renderStandardForm(req, res, { standard, values, errors: form.errors })
    if (await repo.titleTaken(db, council.organisationId, form.value.title, standard.id))
      return renderStandardForm(req, res, {
        standard,
        values,
        errors: singleError('title', titleTaken(form.value.title).message),
      })
    const saved = await guardedSave(
      () => db.transaction().execute((trx) => repo.updateStandard(trx, actor, standard, form.value)),
      { taken: titleTaken(form.value.title) },
    )
    if (!saved.ok) return renderStandardForm(req, res, { standard, values, errors: saved.errors })
    flash(req, 'Practice standard changed', form.value.title)
    res.redirect(P.practiceStandard(council.slug, standard.id))
  })

  // The month form: adding one (the month chosen on the form) or changing one (the month in the URL).
  function renderMonthForm(
    req: Request,
    res: Response,
    view: { month?: string; saved?: repo.MonthRow; values: Record<string, unknown>; errors?: FormErrors },
  ) {
    const standard = standardParam.of(res)
    res.status(view.errors ? 400 : 200).render('practice/views/practice-standard-month.njk', {
      ...view,
      standard,
      monthLabel: view.month ? monthLabel(view.month) : null,
      summary: standardSummary(standard, []),
    })
  }

  const monthValues = (m: repo.MonthRow) => ({
    caseload: String(m.caseload),
    due: String(m.due),
    seenLocal: String(m.seen_local),
    seenStatutory: m.seen_statutory === null ? '' : String(m.seen_statutory),
    note: m.note,
  })

  async function saveMonth(req: Request, res: Response, month: string, values: Record<string, unknown>) {
    const { council, actor } = context(req)
    const standard = standardParam.of(res)
    const form = readMonthForm(values, localOf(standard), statutoryOf(standard))
    if (!form.ok) return false as const
    await db.transaction().execute(async (trx) => {
      // Read again inside the transaction: the measure may have been made by a save a moment ago.
      const current = (await repo.findStandard(trx, council.organisationId, standard.id)) ?? standard
      await repo.saveMonth(trx, actor, current, month, form.value)
    })
    flash(req, `${monthLabel(month)} saved`, `${standard.title}: the measure has this month’s percentage`)
    res.redirect(P.practiceStandard(council.slug, standard.id))
    return true as const
  }

  router.get(P.newPracticeStandardMonth.pattern, read, edit, async (req, res) => {
    const { council } = context(req)
    const standard = standardParam.of(res)
    // Suggest the month after the latest recorded, or last month.
    const months = await repo.listMonths(db, council.organisationId, standard.id)
    const today = todayIso()
    const thisMonth = `${today.slice(0, 7)}-01`
    const last = months.at(-1)?.month
    const suggested = last ? addMonths(last, 1) : addMonths(thisMonth, -1)
    const pick = suggested > thisMonth ? thisMonth : suggested
    renderMonthForm(req, res, {
      values: { monthOfYear: String(Number(pick.slice(5, 7))), year: pick.slice(0, 4) },
    })
  })

  router.post(P.newPracticeStandardMonth.pattern, read, edit, async (req, res) => {
    const { council } = context(req)
    const standard = standardParam.of(res)
    const values = formBody(req)
    const choice = readMonthChoice(values)
    const figures = readMonthForm(values, localOf(standard), statutoryOf(standard))
    const errors: FormErrors = { summary: [], fields: {} }
    if (!choice.ok) {
      errors.summary.push(...choice.errors.summary)
      Object.assign(errors.fields, choice.errors.fields)
    } else if (choice.value > monthFromKey(todayIso().slice(0, 7))!) {
      errors.summary.push({ text: 'The month must be this month or earlier', href: '#monthOfYear' })
      errors.fields.monthOfYear = { text: 'The month must be this month or earlier' }
    } else if (await repo.findMonth(db, council.organisationId, standard.id, choice.value)) {
      const text = `${monthLabel(choice.value)} is recorded already: change it from the standard’s page`
      errors.summary.push({ text, href: '#monthOfYear' })
      errors.fields.monthOfYear = { text }
    }
    if (!figures.ok) {
      errors.summary.push(...figures.errors.summary)
      Object.assign(errors.fields, figures.errors.fields)
    }
    if (errors.summary.length || !choice.ok) return renderMonthForm(req, res, { values, errors })
    await saveMonth(req, res, choice.value, values)
  })

  router.get(P.practiceStandardMonth.pattern, read, edit, async (req, res) => {
    const { council } = context(req)
    const standard = standardParam.of(res)
    const month = monthParam.of(res)
    const saved = await repo.findMonth(db, council.organisationId, standard.id, month)
    renderMonthForm(req, res, { month, saved, values: saved ? monthValues(saved) : {} })
  })

  router.post(P.practiceStandardMonth.pattern, read, edit, async (req, res) => {
    const { council } = context(req)
    const standard = standardParam.of(res)
    const month = monthParam.of(res)
    const values = formBody(req)
    if (month > monthFromKey(todayIso().slice(0, 7))!)
      return renderMonthForm(req, res, {
        month,
        values,
        errors: singleError('caseload', 'This month has not started yet: record it once it has'),
      })
    const form = readMonthForm(values, localOf(standard), statutoryOf(standard))
    if (!form.ok) {
      const saved = await repo.findMonth(db, council.organisationId, standard.id, month)
      return renderMonthForm(req, res, { month, saved, values, errors: form.errors })
    }
    await saveMonth(req, res, month, values)
  })

  // After /new and the CSV, so that neither is read as an id.
  router.get(P.practiceStandard.pattern, read, async (req, res) => {
    const { council } = context(req)
    const standard = standardParam.of(res)
    const months = await repo.listMonths(db, council.organisationId, standard.id)
    const measure = await repo.findStandardMeasure(db, council.organisationId, standard)
    const local = localOf(standard)
    const statutory = statutoryOf(standard)
    const withStatutory = statutory !== null && months.some((m) => m.seen_statutory !== null)
    const chart = months.length
      ? renderLineChart({
          id: 'compliance-chart',
          title: `${standard.title}: percentage of those due seen in time, by month`,
          yLabel: 'Seen in time (%)',
          unit: 'percent',
          decimals: 1,
          series: [
            {
              label: 'Within the local standard',
              points: months.map((m) => ({
                period: periodLabel(m.month, 'monthly'),
                value: monthFigures(m).percentLocal,
              })),
            },
            ...(withStatutory
              ? [
                  {
                    label: 'Within the statutory minimum',
                    points: months.map((m) => ({
                      period: periodLabel(m.month, 'monthly'),
                      value: monthFigures(m).percentStatutory,
                    })),
                  },
                ]
              : []),
          ],
          footnote:
            'The table below gives the counts; the measure’s page shows the local figure with statistical process control.',
        })
      : ''
    res.render('practice/views/practice-standard.njk', {
      chart,
      standard,
      summary: standardSummary(standard, months),
      measure,
      months: [...months].reverse().map((m) => {
        const extra = extraVisitsPerMonth(m.caseload, local, statutory)
        return {
          ...monthFigures(m),
          key: monthKey(m.month),
          note: m.note,
          extraVisits: extra === null ? '' : formatVisits(extra),
        }
      }),
    })
  })

  return router
}
