// "My updates": what the signed-in person owes in the open reporting round, soonest due first, and one short
// form for each item. Each form saves the change, its audit entry and the round's return together; done
// items leave the list. Only the item's owner may send it (see mayUpdate); after the lock, no one but the
// improvement team can, and then only while they have the round reopened. A request to a partner has its
// own due date: it can be answered whenever it is awaited, round or no round (the answer is dated today, so
// the lock does not touch it), and counts as the round's return only while a round that owes it is open.
import { Router, type NextFunction, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import type { SignedInUser } from '../web/express-types.js'
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
import { addObjectiveUpdate, findStrand, updateMilestone } from '../plan/plan-repository.js'
import { MILESTONE_DATE_FIELDS, milestoneSchema, updateSchema } from '../plan/plan-validation.js'
import { reopenedMessage } from '../plan/period-lock.js'
import { valueSchema } from '../measures/measure-validation.js'
import { validRange } from '../measures/import/validate-import.js'
import { applyValueChanges, planValueChanges } from '../measures/value-repository.js'
import { draftFor, listCommentary, openReportFor, publishedFor, saveCommentary } from '../reports/report-repository.js'
import { listMyItems, listOwedItems, mayUpdate, requestTitle, requestWhere, type OwedItem } from './owed-items.js'
import { lockedOn, lockState, mayEditPeriod } from './round-rules.js'
import {
  answerPartnerRequest,
  findCurrentRound,
  findItem,
  latestObjectiveUpdate,
  listRequestsFor,
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

type OpenRequest = Awaited<ReturnType<typeof listRequestsFor>>['open'][number]

/** An awaited request the round does not list, as the "Requests to answer" task list shows it. */
function requestListItem(slug: string, r: OpenRequest, today: string) {
  return {
    title: { text: requestTitle(r) },
    href: P.myUpdate(slug, 'partner-request', r.id),
    hint: { text: `${requestWhere(r, r.strand_code)}, due ${formatDate(r.due_on)}` },
    status:
      r.due_on < today
        ? { tag: { text: 'Overdue', classes: 'govuk-tag--red' } }
        : { tag: { text: 'To do', classes: 'govuk-tag--blue' } },
  }
}

/**
 * What a person has to do: what they owe in the open round (nothing when none is open), and the requests
 * addressed to them or their organisation still awaited that the round does not list (each thing once).
 */
async function myWork(db: Db, organisationId: number, user: SignedInUser, today: string) {
  const { current, latest } = await findCurrentRound(db, organisationId, today)
  const { id: userId, employerOrganisationId } = user
  const [mine, requests] = await Promise.all([
    current ? listMyItems(db, current, userId, employerOrganisationId) : Promise.resolve([]),
    listRequestsFor(db, organisationId, { userId, employerOrganisationId }),
  ])
  const inRound = new Set(mine.filter((i) => i.type === 'partner-request').map((i) => i.id))
  const otherRequests = requests.open.filter((r) => !inRound.has(r.id))
  return { current, latest, mine, otherRequests, todoCount: mine.filter((i) => !i.done).length + otherRequests.length }
}

/**
 * The number of things the signed-in person still has to do (the open round's items and the requests they
 * are to answer), for the navigation's "My updates (N)". Only for pages (GETs without a file extension).
 */
export function myUpdatesCount(db: Db) {
  return async (req: Request, res: Response, next: NextFunction) => {
    try {
      if (req.method === 'GET' && req.user && req.council && !/\.[a-z0-9]+$/i.test(req.path)) {
        const { todoCount } = await myWork(db, req.council.organisationId, req.user, todayIso())
        if (todoCount > 0) res.locals.myUpdatesCount = todoCount
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
  /** A request to a partner already answered (or received): shown as it was answered, with no form. */
  answered: boolean
  /** The quarter's report being prepared, for strand commentary. */
  reportId: number | null
}

export function myUpdatesRoutes(db: Db, options: { publicUrl?: string } = {}): Router {
  const router = Router({ mergeParams: true })

  router.get(P.myUpdates.pattern, async (req, res) => {
    const { council, user } = context(req)
    const today = todayIso()
    const { current, latest, mine, otherRequests } = await myWork(db, council.organisationId, user, today)
    const requests = otherRequests.map((r) => requestListItem(council.slug, r, today))
    if (!current) {
      return res.render('rounds/views/my-updates.njk', {
        round: null,
        latest: latest ? { quarterLabel: quarterOf(latest.quarter_start).label, lockedOn: lockedOn(latest) } : null,
        requests,
      })
    }
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
      requests,
      requestsInRound: todo.some((i) => i.type === 'partner-request'),
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
      employerOrganisationId: user.employerOrganisationId,
      managesRounds: can(council.role, 'rounds:manage'),
    }
    if (!mayUpdate(item, person)) throw new ForbiddenError('Not the owner of this item')

    const today = todayIso()
    const { current, latest } = await findCurrentRound(db, council.organisationId, today)
    const page: ItemPage = { item, round: current, owed: undefined, blocked: null, answered: false, reportId: null }
    if (item.type === 'partner-request') {
      // Answerable while awaited, whatever the round; the open round that owes it records the return too.
      page.answered = item.row.received_on !== null
      if (current) page.owed = (await listOwedItems(db, current)).find((i) => i.type === type && i.id === id)
      return page
    }
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
    form: { values: Record<string, unknown>; errors?: FormErrors; status?: number; notSent?: boolean },
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
    let strandCode = owed?.strandCode ?? null
    if (item.type === 'partner-request') {
      if (item.row.created_by !== null) extra.askedBy = await personName(db, item.row.created_by)
      if (item.row.responded_by !== null) extra.answeredBy = await personName(db, item.row.responded_by)
      if (!owed && item.row.strand_id !== null)
        strandCode = (await findStrand(db, item.row.organisation_id, item.row.strand_id))?.code ?? null
    }
    res.status(form.status ?? (form.errors ? 400 : 200)).render('rounds/views/my-update.njk', {
      type: item.type,
      row: item.row,
      heading: titleOf(item),
      typeLabel: ITEM_TYPE_LABELS[item.type],
      caption: captionOf(item, owed, strandCode),
      owed,
      overdue: item.type === 'partner-request' ? item.row.due_on < today : owed ? owed.dueOn < today : false,
      blocked: page.blocked?.message ?? null,
      answered: page.answered,
      // The round's return goes with the answer only while a round that owes the request is open.
      countsForRound: item.type === 'partner-request' && page.round !== undefined && owed !== undefined,
      notSent: form.notSent ?? false,
      quarterLabel: page.round ? quarterOf(page.round.quarter_start).label : null,
      statuses: MILESTONE_STATUSES,
      values: form.values,
      errors: form.errors,
      ...extra,
    })
  }

  router.get(P.myUpdate.pattern, async (req, res) => {
    const page = await itemPage(req)
    await renderItem(req, res, page, { values: page.blocked || page.answered ? {} : await startingValues(page) })
  })

  /**
   * A partner's answer to a request: saved with its audit entry and a notice to the person who asked; the
   * round's return too while a round that owes it is open. Once answered, a second answer changes nothing.
   */
  async function answerRequest(req: Request, res: Response, page: ItemPage & { item: { type: 'partner-request' } }) {
    const { council, user, actor } = context(req)
    const today = todayIso()
    const { item, round, owed } = page
    const alreadyAnswered = async () => {
      const now = await findItem(db, council.organisationId, item.type, item.row.id)
      if (!now) throw new NotFoundError()
      return renderItem(req, res, { ...page, item: now, answered: true }, { values: {}, status: 400, notSent: true })
    }
    if (page.answered) return alreadyAnswered()
    const form = parseForm(responseSchema, req.body)
    if (!form.ok) return renderItem(req, res, page, { values: formBody(req), errors: form.errors })
    const answered = await db.transaction().execute(async (trx) => {
      const done = await answerPartnerRequest(trx, actor, item.row, {
        response: form.value.response,
        today,
        responderName: user.displayName,
        councilSlug: council.slug,
        publicUrl: options.publicUrl,
      })
      if (done && round && owed) {
        await recordReturn(
          trx,
          actor,
          round.id,
          { type: item.type, id: item.row.id },
          `Response to ${item.row.partner}'s request for the ${quarterOf(round.quarter_start).label} round`,
        )
      }
      return done
    })
    if (!answered) return alreadyAnswered()
    const { todoCount } = await myWork(db, council.organisationId, user, today)
    flash(req, `${SAVED[item.type]}: ${itemsLeft(todoCount)}`)
    res.redirect(P.myUpdates(council.slug))
  }

  router.post(P.myUpdate.pattern, async (req, res) => {
    const page = await itemPage(req)
    if (page.item.type === 'partner-request') return answerRequest(req, res, { ...page, item: page.item })
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
    }
    const { todoCount } = await myWork(db, council.organisationId, user, today)
    flash(req, `${SAVED[item.type]}: ${itemsLeft(todoCount)}`)
    res.redirect(P.myUpdates(council.slug))
  })

  return router
}

/** The line above the heading: what kind of item, and where it sits when the heading does not say. */
function captionOf(item: MyUpdateItem, owed: OwedItem | undefined, strandCode: string | null): string {
  const label = ITEM_TYPE_LABELS[item.type]
  if (item.type === 'strand') return label
  if (item.type === 'partner-request') return strandCode ? `${label}, strand ${strandCode}` : label
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
