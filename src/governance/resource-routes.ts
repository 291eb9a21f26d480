// The improvement programme's resources by quarter: budget and spend (and spend as a share of budget),
// agency spend, and the team's capacity (FTE funded and in post, so the vacancy), for a financial year and
// the one before it, with each year's totals to date; and the form for one quarter's figures. Reading needs
// oversight:read; changing needs risks:edit.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { keyParam } from '../web/records.js'
import { formBody, optionalText, parseForm, type FormErrors } from '../web/forms.js'
import { quarterOf, type Quarter } from '../shared/calendar.js'
import { todayIso } from '../shared/dates.js'
import { plainText } from '../shared/text.js'
import {
  financialYearOf,
  formatFte,
  formatPounds,
  formatShare,
  isQuarterStart,
  readFigure,
  spendShare,
  vacancy,
  vacancyText,
  yearToDate,
  type FinancialYear,
} from './risk-rules.js'
import * as repo from './resource-repository.js'
import { renderBudgetChart } from './resource-chart.js'

const P = paths.council

/** The form's fields: name, label (as the messages say it), and whether pounds or FTE. */
export const RESOURCE_FIELDS = [
  { name: 'programmeBudget', label: 'programme budget', kind: 'pounds' },
  { name: 'programmeSpend', label: 'programme spend', kind: 'pounds' },
  { name: 'agencySpend', label: 'agency spend', kind: 'pounds' },
  { name: 'fteFunded', label: 'team FTE funded', kind: 'fte' },
  { name: 'fteInPost', label: 'team FTE in post', kind: 'fte' },
] as const

type FieldName = (typeof RESOURCE_FIELDS)[number]['name']

const noteSchema = z.object({ note: optionalText('the note', 2000) })

/** Reads the form: every figure (saying which field and why it was refused) and the note. */
export function readResourceForm(
  body: Record<string, unknown>,
): { ok: true; value: repo.ResourceInput } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = { summary: [], fields: {} }
  const value: Partial<Record<FieldName, number>> = {}
  for (const field of RESOURCE_FIELDS) {
    const read = readFigure(plainText(body[field.name]), field.label, field.kind)
    if (read.ok) value[field.name] = read.value
    else {
      errors.fields[field.name] = { text: read.message }
      errors.summary.push({ text: read.message, href: `#${field.name}` })
    }
  }
  const note = parseForm(noteSchema, body)
  if (!note.ok) {
    errors.fields.note = note.errors.fields.note!
    errors.summary.push(...note.errors.summary)
  }
  if (errors.summary.length || !note.ok) return { ok: false, errors }
  return {
    ok: true,
    value: {
      programmeBudget: value.programmeBudget!,
      programmeSpend: value.programmeSpend!,
      agencySpend: value.agencySpend!,
      fteFunded: value.fteFunded!,
      fteInPost: value.fteInPost!,
      note: note.value.note,
    },
  }
}

/** A year's quarters as the table shows them, with its totals to date (to today's quarter, at the latest). */
function yearTable(year: FinancialYear, rows: repo.ResourceRow[], today: string) {
  const byQuarter = new Map(rows.map((r) => [r.quarterStart, r]))
  const upTo = year.quarters.filter((q) => q <= quarterOf(today).start).at(-1) ?? null
  const toDate = upTo ? yearToDate(rows, upTo) : null
  return {
    label: year.label,
    startYear: Number(year.start.slice(0, 4)),
    quarters: year.quarters.map((start) => {
      const r = byQuarter.get(start)
      return {
        start,
        label: quarterOf(start).label,
        recorded: r !== undefined,
        budget: r ? formatPounds(r.programmeBudget) : '',
        spend: r ? formatPounds(r.programmeSpend) : '',
        share: r ? formatShare(spendShare(r.programmeSpend, r.programmeBudget)) : '',
        agency: r ? formatPounds(r.agencySpend) : '',
        funded: r ? formatFte(r.fteFunded) : '',
        inPost: r ? formatFte(r.fteInPost) : '',
        vacancy: r ? vacancyText(vacancy(r.fteFunded, r.fteInPost)) : '',
        note: r?.note ?? '',
      }
    }),
    toDate: toDate && {
      label: toDate.label,
      recorded: toDate.quartersRecorded,
      elapsed: toDate.quartersElapsed,
      budget: formatPounds(toDate.programmeBudget),
      spend: formatPounds(toDate.programmeSpend),
      share: formatShare(spendShare(toDate.programmeSpend, toDate.programmeBudget)),
      agency: formatPounds(toDate.agencySpend),
    },
  }
}

export function resourceRoutes(db: Db, publicUrl = ''): Router {
  void publicUrl
  const router = Router({ mergeParams: true })
  const read = requireCapability('oversight:read')
  const edit = requireCapability('risks:edit')

  // Only the first day of a financial quarter names a quarter; anything else is a 404.
  const quarterParam = keyParam('quarterStart', (value) => (isQuarterStart(value) ? quarterOf(value) : undefined))
  quarterParam.register(router)

  router.get(P.resources.pattern, read, async (req, res) => {
    const { council } = context(req)
    const today = todayIso()
    const rows = await repo.listResources(db, council.organisationId)
    const recordedYears = [...new Set(rows.map((r) => financialYearOf(r.quarterStart).start))].sort()
    const current = financialYearOf(today)
    const asked = typeof req.query.year === 'string' && /^\d{4}$/.test(req.query.year) ? req.query.year : null
    // The year asked for; else this year when it has figures, else the latest year that has.
    const chosen =
      asked && Number(asked) >= 2000 && Number(asked) <= 2100
        ? financialYearOf(`${asked}-04-01`)
        : recordedYears.includes(current.start) || recordedYears.length === 0
          ? current
          : financialYearOf(recordedYears.at(-1)!)
    const previous = financialYearOf(`${Number(chosen.start.slice(0, 4)) - 1}-04-01`)
    const years = [yearTable(chosen, rows, today), yearTable(previous, rows, today)]
    const charted = rows
      .filter((r) => r.quarterStart >= previous.start && r.quarterStart <= chosen.end)
      .map((r) => ({ label: quarterOf(r.quarterStart).label, budget: r.programmeBudget, spend: r.programmeSpend }))
    res.render('governance/views/resources.njk', {
      years,
      chart: charted.length
        ? renderBudgetChart({
            id: 'budget-chart',
            title: `Programme budget and spend by quarter, ${previous.label} and ${chosen.label}`,
            bars: charted,
          })
        : null,
      otherYears: [...new Set([...recordedYears, current.start])]
        .filter((start) => start !== chosen.start && start !== previous.start)
        .sort()
        .reverse()
        .map((start) => ({ startYear: Number(start.slice(0, 4)), label: financialYearOf(start).label })),
      chosenYear: Number(chosen.start.slice(0, 4)),
    })
  })

  async function renderQuarter(
    req: Request,
    res: Response,
    quarter: Quarter,
    view: { values: Record<string, unknown>; errors?: FormErrors },
  ) {
    const saved = await repo.findResourceQuarter(db, context(req).council.organisationId, quarter.start)
    res.status(view.errors ? 400 : 200).render('governance/views/resource-quarter.njk', {
      ...view,
      quarter,
      saved,
      year: Number(financialYearOf(quarter.start).start.slice(0, 4)),
      fields: RESOURCE_FIELDS,
    })
  }

  router.get(P.resourceQuarter.pattern, read, edit, async (req, res) => {
    const quarter = quarterParam.of(res)
    const saved = await repo.findResourceQuarter(db, context(req).council.organisationId, quarter.start)
    const values: Record<string, string> = { note: saved?.note ?? '' }
    for (const field of RESOURCE_FIELDS)
      values[field.name] = saved
        ? field.kind === 'pounds'
          ? saved[field.name].toFixed(2)
          : saved[field.name].toFixed(1)
        : ''
    await renderQuarter(req, res, quarter, { values })
  })

  router.post(P.resourceQuarter.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const quarter = quarterParam.of(res)
    const values = formBody(req)
    const form = readResourceForm(values)
    if (!form.ok) return renderQuarter(req, res, quarter, { values, errors: form.errors })
    await db
      .transaction()
      .execute((trx) => repo.saveResourceQuarter(trx, actor, quarter.start, quarter.label, form.value))
    flash(req, 'Resources saved', quarter.label)
    res.redirect(`${P.resources(council.slug)}?year=${financialYearOf(quarter.start).start.slice(0, 4)}`)
  })

  return router
}
