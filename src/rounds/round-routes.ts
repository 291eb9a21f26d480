// Reporting rounds: the list, opening a round for a quarter, its page (dates, state and returns tracking),
// changing its dates, locking, reopening with a reason and locking again, the returns as CSV, and a reminder
// to everyone with items outstanding in one action.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import type { ReportingRound } from '../db/database.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { BadRequestError } from '../web/errors.js'
import { flash } from '../web/flash.js'
import { dateInput, formBody, parseForm, requiredText, type FormErrors } from '../web/forms.js'
import { recordParam } from '../web/records.js'
import { toCsv } from '../shared/csv.js'
import { quarterOf } from '../shared/calendar.js'
import { dateParts, todayIso } from '../shared/dates.js'
import { listOwedItems, returnsSummary, type OwedItem } from './owed-items.js'
import * as repo from './round-repository.js'
import {
  DEFAULT_REMINDER_DAYS,
  ROUND_STATE_LABELS,
  ROUND_STATE_TAGS,
  cutoffRange,
  defaultRoundDates,
  lockedOn,
  mayChangeDates,
  quartersToOpen,
  roundDateProblems,
  roundState,
  type RoundDateField,
} from './round-rules.js'
import { outstandingPeople, peopleCount, remindOutstanding } from './round-mail.js'

const P = paths.council
const DATE_FIELDS: RoundDateField[] = ['dataCutoffOn', 'updatesDueOn', 'commentaryDueOn', 'locksOn']
const COLUMNS = {
  dataCutoffOn: 'data_cutoff_on',
  updatesDueOn: 'updates_due_on',
  commentaryDueOn: 'commentary_due_on',
  locksOn: 'locks_on',
} as const

const roundSchema = z.object({
  dataCutoffOn: dateInput('the data cut-off', { required: true }),
  updatesDueOn: dateInput('the deadline for owners’ updates', { required: true }),
  commentaryDueOn: dateInput('the deadline for strand leads’ commentary', { required: true }),
  locksOn: dateInput('the lock date', { required: true }),
  reminderDays: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: 'Enter how many days before each deadline to send a reminder' })
      .min(1, 'Enter how many days before each deadline to send a reminder')
      .regex(/^\d{1,2}$/, 'The days before each deadline must be a whole number, like 3')
      .transform(Number)
      .refine((n) => n <= 28, 'The days before each deadline must be 28 or fewer'),
  ),
})
const reasonSchema = z.object({ reason: requiredText('why the round is being reopened', 1000) })

export const ITEM_TYPE_LABELS: Record<OwedItem['type'], string> = {
  milestone: 'Milestone',
  objective: 'Objective update',
  measure: 'Measure value',
  strand: 'Strand commentary',
  'partner-request': 'Partner contribution',
}

function ownerName(item: OwedItem): string {
  return item.owner.kind === 'none' ? `No owner (${item.owner.label})` : item.owner.name
}

/** The form's date fields for a round's dates. */
function dateValues(dates: Record<(typeof COLUMNS)[RoundDateField], string>, reminderDays: number) {
  const values: Record<string, string> = { reminderDays: String(reminderDays) }
  for (const field of DATE_FIELDS) {
    const parts = dateParts(dates[COLUMNS[field]])
    values[`${field}-day`] = parts.day
    values[`${field}-month`] = parts.month
    values[`${field}-year`] = parts.year
  }
  return values
}

/** Parses and checks a round's dates against its quarter: the values to save, or the errors to show. */
function parseRound(body: unknown, quarterStart: string, today: string) {
  const form = parseForm(roundSchema, body, DATE_FIELDS)
  if (!form.ok) return form
  const input: repo.RoundInput = {
    data_cutoff_on: form.value.dataCutoffOn!,
    updates_due_on: form.value.updatesDueOn!,
    commentary_due_on: form.value.commentaryDueOn!,
    locks_on: form.value.locksOn!,
    reminder_days: form.value.reminderDays,
  }
  const problems = roundDateProblems(quarterStart, input, today)
  if (problems.length === 0) return { ok: true as const, value: input }
  const errors: FormErrors = { summary: [], fields: {} }
  for (const p of problems) {
    if (errors.fields[p.field]) continue
    errors.fields[p.field] = { text: p.message }
    errors.summary.push({ text: p.message, href: `#${p.field}-day` })
  }
  return { ok: false as const, errors }
}

export function roundRoutes(db: Db, publicUrl: string): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('plan:read-draft')
  const manage = requireCapability('rounds:manage')

  // Another council's round is a 404 for everyone, before any role check.
  const roundParam = recordParam('roundId', (id, { council }) => repo.findRound(db, council.organisationId, id))
  roundParam.register(router)

  router.get(P.rounds.pattern, read, async (req, res) => {
    const { council } = context(req)
    const today = todayIso()
    const rounds = await repo.listRounds(db, council.organisationId)
    const rows = []
    for (const round of rounds) {
      const summary = returnsSummary(await listOwedItems(db, round))
      const state = roundState(round, today)
      rows.push({ round, quarter: quarterOf(round.quarter_start), state, summary })
    }
    const taken = new Set(rounds.map((r) => r.quarter_start))
    res.render('rounds/views/rounds.njk', {
      rows,
      stateLabels: ROUND_STATE_LABELS,
      stateTags: ROUND_STATE_TAGS,
      mayOpen: quartersToOpen(today).some((q) => !taken.has(q.start)),
    })
  })

  /** Quarters a round can be opened for today that have none yet. */
  async function openableQuarters(organisationId: number, today: string) {
    const taken = new Set((await repo.listRounds(db, organisationId)).map((r) => r.quarter_start))
    return quartersToOpen(today).filter((q) => !taken.has(q.start))
  }

  function renderNewRound(
    res: Response,
    view: {
      quarters: ReturnType<typeof quartersToOpen>
      /** Why no round can be opened now: another is still open. */
      stillOpen?: { message: string; href: string }
      chosen?: string
      values: Record<string, unknown>
      errors?: FormErrors
    },
  ) {
    const quarter = view.chosen ? quarterOf(view.chosen) : undefined
    res.status(view.errors ? 400 : 200).render('rounds/views/round-new.njk', {
      ...view,
      quarter,
      cutoff: quarter ? cutoffRange(quarter.start) : undefined,
    })
  }

  // Two steps that work without JavaScript: choose the quarter, then check the dates worked out for it.
  router.get(P.newRound.pattern, read, manage, async (req, res) => {
    const { council } = context(req)
    const today = todayIso()
    const open = await repo.findUnlockedRound(db, council.organisationId, today)
    if (open) {
      const stillOpen = { message: repo.stillOpenMessage(open), href: P.round(council.slug, open.id) }
      return renderNewRound(res, { quarters: [], stillOpen, values: {} })
    }
    const quarters = await openableQuarters(council.organisationId, today)
    const asked = typeof req.query.quarter === 'string' ? req.query.quarter : undefined
    // The first visit asks for the quarter; the quarter form sends step=quarter, with or without a choice.
    if ((asked === undefined && req.query.step !== 'quarter') || quarters.length === 0)
      return renderNewRound(res, { quarters, values: {} })
    const chosen = quarters.find((q) => q.start === asked)
    if (!chosen)
      return renderNewRound(res, {
        quarters,
        values: {},
        errors: {
          summary: [{ text: 'Choose the quarter the round is for', href: `#quarter-${quarters[0]!.start}` }],
          fields: { quarter: { text: 'Choose the quarter the round is for' } },
        },
      })
    renderNewRound(res, {
      quarters,
      chosen: chosen.start,
      values: dateValues(defaultRoundDates(chosen.start, today), DEFAULT_REMINDER_DAYS),
    })
  })

  router.post(P.newRound.pattern, read, manage, async (req, res) => {
    const { council, actor } = context(req)
    const today = todayIso()
    const quarters = await openableQuarters(council.organisationId, today)
    const asked = formBody(req).quarter
    const chosen = quarters.find((q) => q.start === asked)
    if (!chosen) throw new BadRequestError('Not a quarter a round can be opened for')
    const form = parseRound(req.body, chosen.start, today)
    if (!form.ok)
      return renderNewRound(res, { quarters, chosen: chosen.start, values: formBody(req), errors: form.errors })
    let round: ReportingRound
    try {
      round = await db.transaction().execute((trx) => repo.openRound(trx, actor, chosen.start, form.value))
    } catch (error) {
      if (!(error instanceof repo.RoundRuleError)) throw error
      return renderNewRound(res, {
        quarters,
        chosen: chosen.start,
        values: formBody(req),
        errors: { summary: [{ text: error.message, href: '#dataCutoffOn-day' }], fields: {} },
      })
    }
    flash(req, `Reporting round opened for ${chosen.label}`)
    res.redirect(P.round(council.slug, round.id))
  })

  router.get(P.round.pattern, read, async (req, res) => {
    const round = roundParam.of(res)
    const today = todayIso()
    const items = await listOwedItems(db, round)
    const summary = returnsSummary(items)
    const state = roundState(round, today)
    res.render('rounds/views/round.njk', {
      round,
      quarter: quarterOf(round.quarter_start),
      state,
      stateLabel: ROUND_STATE_LABELS[state],
      stateTag: ROUND_STATE_TAGS[state],
      lockedOn: state === 'locked' || state === 'reopened' ? lockedOn(round) : null,
      unlockedByName: await repo.userName(db, round.unlocked_by),
      summary,
      outstanding: items.filter((i) => !i.done).map((i) => ({ ...i, ownerName: ownerName(i) })),
      itemTypeLabels: ITEM_TYPE_LABELS,
      remindable: state === 'locked' ? 0 : outstandingPeople(items).length,
      mayChangeDates: mayChangeDates(round, today),
    })
  })

  function renderEdit(res: Response, round: ReportingRound, values: Record<string, unknown>, errors?: FormErrors) {
    const quarter = quarterOf(round.quarter_start)
    res
      .status(errors ? 400 : 200)
      .render('rounds/views/round-edit.njk', { round, quarter, cutoff: cutoffRange(quarter.start), values, errors })
  }

  const requireDatesOpen = (round: ReportingRound) => {
    if (!mayChangeDates(round, todayIso()))
      throw new BadRequestError('This round has locked: its dates can no longer be changed')
  }

  router.get(P.editRound.pattern, read, manage, (_req, res) => {
    const round = roundParam.of(res)
    requireDatesOpen(round)
    renderEdit(res, round, dateValues(round, round.reminder_days))
  })

  router.post(P.editRound.pattern, read, manage, async (req, res) => {
    const round = roundParam.of(res)
    requireDatesOpen(round)
    const form = parseRound(req.body, round.quarter_start, todayIso())
    if (!form.ok) return renderEdit(res, round, formBody(req), form.errors)
    const { council, actor } = context(req)
    await db.transaction().execute((trx) => repo.updateRound(trx, actor, round, form.value, new Date()))
    flash(req, 'Round dates saved')
    res.redirect(P.round(council.slug, round.id))
  })

  router.post(P.lockRound.pattern, read, manage, async (req, res) => {
    const round = roundParam.of(res)
    const { council, actor } = context(req)
    const state = roundState(round, todayIso())
    if (state === 'locked') throw new BadRequestError('This round is already locked')
    await db.transaction().execute((trx) => repo.lockRound(trx, actor, round, new Date()))
    const label = quarterOf(round.quarter_start).label
    flash(req, state === 'reopened' ? `${label} locked again` : `${label} locked`)
    res.redirect(P.round(council.slug, round.id))
  })

  function renderUnlock(res: Response, round: ReportingRound, values: Record<string, unknown>, errors?: FormErrors) {
    res.status(errors ? 400 : 200).render('rounds/views/round-unlock.njk', {
      round,
      quarter: quarterOf(round.quarter_start),
      lockedOn: lockedOn(round),
      values,
      errors,
    })
  }

  const requireLocked = (round: ReportingRound) => {
    if (roundState(round, todayIso()) !== 'locked') throw new BadRequestError('Only a locked round can be reopened')
  }

  router.get(P.unlockRound.pattern, read, manage, (_req, res) => {
    const round = roundParam.of(res)
    requireLocked(round)
    renderUnlock(res, round, {})
  })

  router.post(P.unlockRound.pattern, read, manage, async (req, res) => {
    const round = roundParam.of(res)
    requireLocked(round)
    const form = parseForm(reasonSchema, req.body)
    if (!form.ok) return renderUnlock(res, round, formBody(req), form.errors)
    const { council, actor } = context(req)
    await db.transaction().execute((trx) => repo.unlockRound(trx, actor, round, form.value.reason, new Date()))
    flash(
      req,
      `${quarterOf(round.quarter_start).label} reopened`,
      'Only the improvement team can change its data. Lock it again when the correction is made.',
    )
    res.redirect(P.round(council.slug, round.id))
  })

  router.get(P.roundReturnsCsv.pattern, read, async (_req, res) => {
    const round = roundParam.of(res)
    const items = await listOwedItems(db, round)
    const csv = toCsv(
      ['strand', 'item_type', 'title', 'owner', 'owner_email', 'due_on', 'done', 'done_at'],
      items.map((i) => [
        i.strandCode ?? '',
        ITEM_TYPE_LABELS[i.type],
        i.title,
        ownerName(i),
        i.owner.kind === 'none' ? '' : i.owner.email,
        i.dueOn,
        i.done ? 'yes' : 'no',
        i.doneAt ? i.doneAt.toISOString() : '',
      ]),
    )
    res
      .type('text/csv')
      .attachment(`returns-${quarterOf(round.quarter_start).label.replace(/[^A-Za-z0-9]+/g, '-')}.csv`)
      .send(csv)
  })

  router.post(P.remindOutstanding.pattern, read, manage, async (req: Request, res: Response) => {
    const round = roundParam.of(res)
    if (roundState(round, todayIso()) === 'locked')
      throw new BadRequestError('This round is locked: there is nothing left to chase')
    const { council, actor } = context(req)
    const items = await listOwedItems(db, round)
    const result = await db
      .transaction()
      .execute((trx) =>
        remindOutstanding(
          trx,
          actor,
          round,
          { organisationId: council.organisationId, slug: council.slug, name: council.name },
          items,
          publicUrl,
          new Date(),
        ),
      )
    flash(
      req,
      result.queued ? `Reminder sent to ${peopleCount(result.queued)}` : 'No reminder sent',
      result.optedOut
        ? `${peopleCount(result.optedOut)} had turned reminders off, so were not sent one.`
        : result.queued
          ? undefined
          : 'Everyone with items outstanding has already been reminded today, or no one has items outstanding.',
    )
    res.redirect(`${P.round(council.slug, round.id)}#returns`)
  })

  return router
}
