// "My updates": what the signed-in person owes in the open reporting round, soonest due first, and one short
// form for each item. Each form saves the change, its audit entry and the round's return together; done
// items leave the list. Only the item's owner may send it (see mayUpdate); after the lock, no one but the
// improvement team can, and then only while they have the round reopened.
import { Router, type NextFunction, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { RETURN_ITEM_TYPES, type ReportingRound, type ReturnItemType } from '../db/database.js'
import { paths } from '../web/paths.js'
import { context } from '../web/auth.js'
import { can } from '../web/roles.js'
import { ForbiddenError, NotFoundError } from '../web/errors.js'
import { flash } from '../web/flash.js'
import { formBody, optionalText, parseForm, parseId, requiredText, singleError, type FormErrors } from '../web/forms.js'
import { dateParts, formatDate, todayIso } from '../shared/dates.js'
import { periodLabel, quarterOf } from '../shared/calendar.js'
import { UNIT_LABELS } from '../shared/units.js'
import { ownerOf, ownerValue } from '../accounts/owners.js'
import { MILESTONE_STATUSES } from '../db/database.js'
import { addObjectiveUpdate, updateMilestone } from '../plan/plan-repository.js'
import { MILESTONE_DATE_FIELDS, milestoneSchema, updateSchema } from '../plan/plan-validation.js'
import { reopenedMessage } from '../plan/period-lock.js'
import { valueSchema } from '../measures/measure-validation.js'
import { validRange } from '../measures/import/validate-import.js'
import { applyValueChanges, planValueChanges } from '../measures/value-repository.js'
import { draftFor, listCommentary, openReportFor, publishedFor, saveCommentary } from '../reports/report-repository.js'
import { listMyItems, listOwedItems, mayUpdate, type OwedItem } from './owed-items.js'
import { employerOf } from './owed-items-repository.js'
import { lockedOn, lockState, mayEditPeriod } from './round-rules.js'
import {
  answerPartnerRequest,
  findCurrentRound,
  findItem,
  latestObjectiveUpdate,
  measureValuesAround,
  personName,
  recordReturn,
  type MyUpdateItem,
} from './my-updates-repository.js'

const P = paths.council

/** What each kind of item is, as the list and the form's caption say it. */
export const ITEM_TYPE_LABELS: Record<ReturnItemType, string> = {
  milestone: 'Milestone',
  objective: 'Objective update',
  measure: 'Measure value',
  strand: 'Strand commentary',
  'partner-request': 'Request to a partner',
}

const SAVED: Record<ReturnItemType, string> = {
  milestone: 'Milestone updated',
  objective: 'Objective update added',
  measure: 'Value saved',
  strand: 'Commentary saved',
  'partner-request': 'Response sent',
}

const progressSchema = z.object({ progress: optionalText('the progress note', 300) })
const strandSchema = z.object({
  commentary: requiredText('the commentary on the strand this quarter', 6000),
  impact: optionalText('the evidence of impact', 6000),
})
const responseSchema = z.object({ response: requiredText('your response', 4000) })

function isItemType(value: unknown): value is ReturnItemType {
  return typeof value === 'string' && (RETURN_ITEM_TYPES as readonly string[]).includes(value)
}

function itemsLeft(count: number): string {
  if (count === 0) return 'nothing left to update'
  return `${count} ${count === 1 ? 'item' : 'items'} left`
}

function lockedText(round: Pick<ReportingRound, 'locks_on' | 'locked_at'>): string {
  return `This round locked on ${formatDate(lockedOn(round))}: ask the improvement team if something needs correcting`
}

/** An owed item as the task list shows it. */
function taskListItem(slug: string, item: OwedItem, today: string) {
  const overdue = item.dueOn < today
  const what = item.periodLabel ? `${ITEM_TYPE_LABELS[item.type]} for ${item.periodLabel}` : ITEM_TYPE_LABELS[item.type]
  return {
    title: { text: item.title },
    href: P.myUpdate(slug, item.type, item.id),
    hint: { text: `${what}, ${item.where}` },
    status: overdue
      ? { tag: { text: 'Overdue', classes: 'govuk-tag--red' } }
      : { tag: { text: 'To do', classes: 'govuk-tag--blue' } },
  }
}

/**
 * The number of items the signed-in person still owes in the open round, for the navigation's
 * "My updates (N)". Only for pages (GETs without a file extension); nothing when no round is open.
 */
export function myUpdatesCount(db: Db) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (req.method === 'GET' && req.user && req.council && !/\.[a-z0-9]+$/i.test(req.path)) {
        const { current } = await findCurrentRound(db, req.council.organisationId, todayIso())
        if (current) {
          const mine = await listMyItems(db, current, req.user.id)
          res.locals.myUpdatesCount = mine.filter((i) => !i.done).length
        }
      }
      next()
    } catch (error) {
      next(error)
    }
  }
}

interface ItemPage {
  item: MyUpdateItem
  /** The round the update goes to (absent when none is open). */
  round: ReportingRound | undefined
  owed: OwedItem | undefined
  /** Why there is no form: no round, the round locked, the item not due in it, the report past draft. */
  blocked: { message: string; status: 400 | 403 } | null
  /** The quarter's report being prepared, for strand commentary. */
  reportId: number | null
}

export function myUpdatesRoutes(db: Db, options: { publicUrl?: string } = {}): Router {
  const router = Router({ mergeParams: true })

  router.get(P.myUpdates.pattern, async (req, res) => {
    const { council, user } = context(req)
    const today = todayIso()
    const { current, latest } = await findCurrentRound(db, council.organisationId, today)
    if (!current) {
      return res.render('rounds/views/my-updates.njk', {
        round: null,
        latest: latest ? { quarterLabel: quarterOf(latest.quarter_start).label, lockedOn: lockedOn(latest) } : null,
      })
    }
    const mine = await listMyItems(db, current, user.id)
    const todo = mine.filter((i) => !i.done)
    const dueDates = [...new Set(todo.map((i) => i.dueOn))].sort()
    res.render('rounds/views/my-updates.njk', {
      round: current,
      quarterLabel: quarterOf(current.quarter_start).label,
      reopened: lockState(current, today) === 'reopened',
      groups: dueDates.map((dueOn) => ({
        dueOn,
        overdue: dueOn < today,
        items: todo.filter((i) => i.dueOn === dueOn).map((i) => taskListItem(council.slug, i, today)),
      })),
      todoCount: todo.length,
      done: mine
        .filter((i) => i.done)
        .map((i) => ({ ...i, typeLabel: ITEM_TYPE_LABELS[i.type], href: P.myUpdate(council.slug, i.type, i.id) })),
      total: mine.length,
    })
  })

  /** The item named by the URL, if the person may update it, and whether its form can be sent now. */
  async function itemPage(req: Request): Promise<ItemPage> {
    const { council, user } = context(req)
    const type = req.params.itemType
    const id = parseId(req.params.itemId)
    if (!isItemType(type) || id === undefined) throw new NotFoundError()
    const item = await findItem(db, council.organisationId, type, id)
    if (!item) throw new NotFoundError()
    const person = {
      userId: user.id,
      employerOrganisationId: await employerOf(db, user.id),
      managesRounds: can(council.role, 'rounds:manage'),
    }
    if (!mayUpdate(item, person)) throw new ForbiddenError('Not the owner of this item')

    const today = todayIso()
    const { current, latest } = await findCurrentRound(db, council.organisationId, today)
    const page: ItemPage = { item, round: current, owed: undefined, blocked: null, reportId: null }
    if (!current) {
      page.blocked = latest
        ? { message: lockedText(latest), status: 403 }
        : { message: 'No reporting round is open, so there is nothing to update yet.', status: 400 }
      return page
    }
    if (!mayEditPeriod(council.role, current, today)) {
      page.blocked = { message: reopenedMessage(current), status: 403 }
      return page
    }
    page.owed = (await listOwedItems(db, current)).find((i) => i.type === type && i.id === id)
    const label = quarterOf(current.quarter_start).label
    if (!page.owed) {
      page.blocked = { message: `Nothing is due for this in the ${label} round.`, status: 400 }
      return page
    }
    if (type === 'strand') {
      const report = await openReportFor(db, council.organisationId, current.quarter_start)
      if (report && report.status !== 'draft') {
        page.blocked = {
          message: `The ${label} report has gone for approval, so its commentary cannot change here. Ask the improvement team if something needs correcting.`,
          status: 400,
        }
      } else if (!report && (await publishedFor(db, council.organisationId, current.quarter_start))) {
        page.blocked = {
          message: `The ${label} report is published, so its commentary cannot change here. Ask the improvement team if something needs correcting.`,
          status: 400,
        }
      }
      page.reportId = report?.id ?? null
    }
    return page
  }

  /** What the form shows first: the item as it stands. */
  async function startingValues(page: ItemPage): Promise<Record<string, unknown>> {
    const { item } = page
    switch (item.type) {
      case 'milestone': {
        const completed = dateParts(item.row.completed_on)
        return {
          status: item.row.status,
          'completedOn-day': completed.day,
          'completedOn-month': completed.month,
          'completedOn-year': completed.year,
        }
      }
      case 'objective':
        return {}
      case 'measure': {
        const period = page.owed?.period
        const { current } = period ? await measureValuesAround(db, item.row.id, period) : { current: undefined }
        return current ? { value: String(current.value), note: current.note } : {}
      }
      case 'strand': {
        if (page.reportId === null) return {}
        const written = (await listCommentary(db, page.reportId)).find((c) => c.strand_id === item.row.id)
        return written ? { commentary: written.commentary, impact: written.impact } : {}
      }
      case 'partner-request':
        return { response: item.row.response }
    }
  }

  async function renderItem(
    req: Request,
    res: Response,
    page: ItemPage,
    form: { values: Record<string, unknown>; errors?: FormErrors; status?: number },
  ) {
    const { item, owed } = page
    const today = todayIso()
    const extra: Record<string, unknown> = {}
    if (item.type === 'objective') extra.latestUpdate = await latestObjectiveUpdate(db, item.row.id)
    if (item.type === 'measure' && owed?.period) {
      const { previous } = await measureValuesAround(db, item.row.id, owed.period)
      const { min, max } = validRange(item.row)
      extra.measure = {
        periodLabel: periodLabel(owed.period, item.row.frequency),
        previous: previous ? { ...previous, label: periodLabel(previous.period, item.row.frequency) } : null,
        hint:
          min !== null || max !== null
            ? `${UNIT_LABELS[item.row.unit]}, between ${min ?? 'any'} and ${max ?? 'any'}`
            : UNIT_LABELS[item.row.unit],
      }
    }
    if (item.type === 'partner-request' && item.row.created_by !== null) {
      extra.askedBy = await personName(db, item.row.created_by)
    }
    res.status(form.status ?? (form.errors ? 400 : 200)).render('rounds/views/my-update.njk', {
      type: item.type,
      row: item.row,
      heading: titleOf(item),
      typeLabel: ITEM_TYPE_LABELS[item.type],
      caption: captionOf(item, owed),
      owed,
      overdue: owed ? owed.dueOn < today : false,
      blocked: page.blocked?.message ?? null,
      quarterLabel: page.round ? quarterOf(page.round.quarter_start).label : null,
      statuses: MILESTONE_STATUSES,
      values: form.values,
      errors: form.errors,
      ...extra,
    })
  }

  router.get(P.myUpdate.pattern, async (req, res) => {
    const page = await itemPage(req)
    await renderItem(req, res, page, { values: page.blocked ? {} : await startingValues(page) })
  })

  router.post(P.myUpdate.pattern, async (req, res) => {
    const page = await itemPage(req)
    if (page.blocked || !page.round || !page.owed) {
      return renderItem(req, res, page, { values: {}, status: page.blocked?.status ?? 400 })
    }
    const round = page.round
    const { council, user, actor } = context(req)
    const today = todayIso()
    const roundLabel = `${quarterOf(round.quarter_start).label} round`
    const { item } = page
    const retry = (errors: FormErrors) => renderItem(req, res, page, { values: formBody(req), errors })

    switch (item.type) {
      case 'milestone': {
        const m = item.row
        const due = dateParts(m.due_on)
        // The plan's own rules for a milestone (a completion date when complete, never in the future).
        const form = parseForm(
          milestoneSchema(today, m.due_on),
          {
            ...formBody(req),
            title: m.title,
            owner: m.owner,
            ownedBy: ownerValue(ownerOf(m)),
            'dueOn-day': due.day,
            'dueOn-month': due.month,
            'dueOn-year': due.year,
            evidence: m.evidence,
          },
          MILESTONE_DATE_FIELDS,
        )
        const note = parseForm(progressSchema, req.body)
        if (!form.ok || !note.ok) return retry(mergeErrors(form, note))
        const progress = note.value.progress
        const evidence = progress
          ? [m.evidence.trim(), `${formatDate(today)}: ${progress}`].filter(Boolean).join('\n')
          : m.evidence
        await db.transaction().execute(async (trx) => {
          await updateMilestone(trx, actor, m, {
            title: m.title,
            owner: m.owner,
            ownedBy: ownerOf(m),
            dueOn: m.due_on,
            status: form.value.status,
            completedOn: form.value.completedOn,
            evidence,
          })
          await recordReturn(
            trx,
            actor,
            round.id,
            { type: item.type, id: item.row.id },
            `Milestone ${m.title} updated for the ${roundLabel}`,
            progress,
          )
        })
        break
      }
      case 'objective': {
        const form = parseForm(updateSchema, req.body)
        if (!form.ok) return retry(form.errors)
        await db.transaction().execute(async (trx) => {
          await addObjectiveUpdate(trx, actor, item.row.id, form.value.body)
          await recordReturn(
            trx,
            actor,
            round.id,
            { type: item.type, id: item.row.id },
            `Objective ${item.row.title} updated for the ${roundLabel}`,
          )
        })
        break
      }
      case 'measure': {
        const measure = item.row
        const period = page.owed.period!
        const form = parseForm(
          valueSchema(() => ({ ok: true, period })),
          { ...formBody(req), period },
        )
        if (!form.ok) return retry(form.errors)
        const { min, max } = validRange(measure)
        if ((min !== null && form.value.value < min) || (max !== null && form.value.value > max)) {
          return retry(
            singleError('value', `The value must be between ${min ?? 'any'} and ${max ?? 'any'} for this measure`),
          )
        }
        await db.transaction().execute(async (trx) => {
          const changes = await planValueChanges(trx, [{ measureId: measure.id, ...form.value }])
          await applyValueChanges(trx, actor, changes, () => measure.name, 'entered in my updates')
          await recordReturn(
            trx,
            actor,
            round.id,
            { type: item.type, id: item.row.id },
            `Value of ${measure.name} for ${periodLabel(period, measure.frequency)} returned for the ${roundLabel}`,
            form.value.note,
          )
        })
        break
      }
      case 'strand': {
        const form = parseForm(strandSchema, req.body)
        if (!form.ok) return retry(form.errors)
        await db.transaction().execute(async (trx) => {
          const report = await draftFor(trx, actor, round.quarter_start)
          await saveCommentary(trx, actor, report.id, item.row.id, form.value)
          await recordReturn(
            trx,
            actor,
            round.id,
            { type: item.type, id: item.row.id },
            `Commentary on strand ${item.row.code} for the ${roundLabel}`,
          )
        })
        break
      }
      case 'partner-request': {
        const form = parseForm(responseSchema, req.body)
        if (!form.ok) return retry(form.errors)
        await db.transaction().execute(async (trx) => {
          await answerPartnerRequest(trx, actor, item.row, {
            response: form.value.response,
            today: item.row.received_on ?? today,
            responderName: user.displayName,
            councilSlug: council.slug,
            publicUrl: options.publicUrl,
          })
          await recordReturn(
            trx,
            actor,
            round.id,
            { type: item.type, id: item.row.id },
            `Response to ${item.row.partner}'s request for the ${roundLabel}`,
          )
        })
        break
      }
    }
    const left = (await listMyItems(db, round, user.id)).filter((i) => !i.done).length
    flash(req, `${SAVED[item.type]}: ${itemsLeft(left)}`)
    res.redirect(P.myUpdates(council.slug))
  })

  return router
}

/** The line above the heading: what kind of item, and where it sits when the heading does not say. */
function captionOf(item: MyUpdateItem, owed: OwedItem | undefined): string {
  const label = ITEM_TYPE_LABELS[item.type]
  if (item.type === 'strand') return label
  if (item.type === 'partner-request') return owed?.strandCode ? `${label}, strand ${owed.strandCode}` : label
  return owed ? `${label}: ${owed.where}` : label
}

function titleOf(item: MyUpdateItem): string {
  switch (item.type) {
    case 'measure':
      return item.row.name
    case 'partner-request':
      return `Contribution from ${item.row.partner}`
    case 'strand':
      return `Commentary for strand ${item.row.code}`
    default:
      return item.row.title
  }
}

/** Both forms' errors in one summary (the milestone's rules, then the progress note). */
function mergeErrors(...results: Array<{ ok: true } | { ok: false; errors: FormErrors }>): FormErrors {
  const out: FormErrors = { summary: [], fields: {} }
  for (const r of results) {
    if (r.ok) continue
    out.summary.push(...r.errors.summary)
    Object.assign(out.fields, r.errors.fields)
  }
  return out
}
