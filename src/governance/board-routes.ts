// The Board itself (name, the independent chair's title, cadence, remit, members) and its action log: the
// Board's page, setting it up or changing it, members joining and leaving, every action by state with a CSV,
// and changing, closing or reopening an action.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { recordParam } from '../web/records.js'
import { formBody, parseForm, singleError, type FormErrors } from '../web/forms.js'
import { toCsv } from '../shared/csv.js'
import { dateParts, formatDate, todayIso } from '../shared/dates.js'
import * as boards from './board-repository.js'
import * as actions from './action-repository.js'
import { findMeeting, listMeetings, meetingDecisions } from './meeting-repository.js'
import {
  ACTION_FILTERS,
  ACTION_FILTER_LABELS,
  actionStateOn,
  actionStateText,
  actionView,
  matchesFilter,
  meetingSchedule,
  type ActionFilter,
} from './action-rules.js'
import { actionChangeSchema, boardSchema, closeSchema, intentSchema, memberSchema } from './board-validation.js'
import { dateError } from './labels.js'

const P = paths.council

const filterSchema = z.object({ state: z.enum(ACTION_FILTERS).catch('open') })

export const ACTION_CSV_HEADER = [
  'Action',
  'Owner',
  'Due on',
  'State',
  'State in words',
  'Closed on',
  'Progress',
  'Meeting held on',
  'Meeting',
  'Decision',
]

/** The action log's rows as the CSV holds them, the state read on `day`. */
export function actionCsvRows(rows: readonly actions.ActionListRow[], day: string) {
  return rows.map((a) => [
    a.text,
    a.owner,
    a.due_on,
    actionStateOn(a, day),
    actionStateText(a, day),
    a.closed_on ?? '',
    a.progress,
    a.meeting_held_on,
    a.meeting_title,
    a.decision_text === null ? '' : `${a.decision_position}. ${a.decision_text}`,
  ])
}

export function boardRoutes(db: Db, publicUrl = ''): Router {
  void publicUrl
  const router = Router({ mergeParams: true })
  const read = requireCapability('oversight:read')
  const edit = requireCapability('board:edit')

  const memberParam = recordParam('memberId', (id, { council }) => boards.findMember(db, council.organisationId, id))
  memberParam.register(router)
  const actionParam = recordParam('actionId', (id, { council }) => actions.findAction(db, council.organisationId, id))
  actionParam.register(router)

  // ---- The Board's page ----

  router.get(P.board.pattern, read, async (req, res) => {
    const { council } = context(req)
    const today = todayIso()
    const [board, members, meetings, all] = await Promise.all([
      boards.findBoard(db, council.organisationId),
      boards.listMembers(db, council.organisationId),
      listMeetings(db, council.organisationId),
      actions.listActions(db, council.organisationId),
    ])
    const states = all.map((a) => actionStateOn(a, today))
    const hasLeft = (m: boards.Member) => m.left_on !== null && m.left_on <= today
    const current = members.filter((m) => !hasLeft(m))
    res.render('governance/views/board.njk', {
      board,
      // The chair's name where it says more than the title (members may be recorded by role alone).
      chairNames: current.filter((m) => m.is_chair && m.name !== board?.chair_title).map((m) => m.name),
      current,
      former: members.filter(hasLeft),
      schedule: board
        ? meetingSchedule(
            meetings.map((m) => m.held_on),
            board.cadence_weeks,
            today,
          )
        : null,
      meetingCount: meetings.filter((m) => m.held_on <= today).length,
      openCount: states.filter((s) => s === 'open' || s === 'overdue').length,
      overdueCount: states.filter((s) => s === 'overdue').length,
      today,
    })
  })

  function renderBoardForm(
    _req: Request,
    res: Response,
    board: boards.Board | undefined,
    values: Record<string, unknown>,
    errors?: FormErrors,
  ) {
    res.status(errors ? 400 : 200).render('governance/views/board-form.njk', { board, values, errors })
  }

  router.get(P.editBoard.pattern, read, edit, async (req, res) => {
    const board = await boards.findBoard(db, context(req).council.organisationId)
    renderBoardForm(
      req,
      res,
      board,
      board
        ? {
            name: board.name,
            chairTitle: board.chair_title,
            cadenceWeeks: String(board.cadence_weeks),
            remit: board.remit,
          }
        : { name: 'Improvement Board', chairTitle: 'Independent chair', cadenceWeeks: '6', remit: '' },
    )
  })
  router.post(P.editBoard.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const board = await boards.findBoard(db, council.organisationId)
    const values = formBody(req)
    const form = parseForm(boardSchema, req.body)
    if (!form.ok) return renderBoardForm(req, res, board, values, form.errors)
    const saved = await db.transaction().execute((trx) =>
      boards.saveBoard(trx, actor, board, {
        name: form.value.name,
        chair_title: form.value.chairTitle,
        cadence_weeks: form.value.cadenceWeeks,
        remit: form.value.remit,
      }),
    )
    flash(req, board ? 'Board updated' : 'Board set up', saved.name)
    res.redirect(P.board(council.slug))
  })

  // ---- Members ----

  function renderMember(
    res: Response,
    member: boards.Member | undefined,
    values: Record<string, unknown>,
    errors?: FormErrors,
  ) {
    res.status(errors ? 400 : 200).render('governance/views/member-form.njk', { member, values, errors })
  }

  async function saveMember(req: Request, res: Response, member: boards.Member | undefined) {
    const { council, actor } = context(req)
    const values = formBody(req)
    const form = parseForm(memberSchema, req.body, ['joinedOn', 'leftOn'])
    if (!form.ok) return renderMember(res, member, values, form.errors)
    const input: boards.MemberInput = {
      name: form.value.name,
      role_title: form.value.roleTitle,
      member_of: form.value.memberOf,
      is_chair: form.value.isChair,
      joined_on: form.value.joinedOn,
      left_on: form.value.leftOn,
    }
    const saved = await db
      .transaction()
      .execute((trx) =>
        member ? boards.updateMember(trx, actor, member, input) : boards.createMember(trx, actor, input),
      )
    flash(req, member ? 'Member updated' : 'Member added', saved.name)
    res.redirect(P.board(council.slug) + '#members')
  }

  router.get(P.newBoardMember.pattern, read, edit, (_req, res) => renderMember(res, undefined, {}))
  router.post(P.newBoardMember.pattern, read, edit, (req, res) => saveMember(req, res, undefined))
  router.get(P.editBoardMember.pattern, read, edit, (_req, res) => {
    const member = memberParam.of(res)
    const joined = dateParts(member.joined_on)
    const left = dateParts(member.left_on)
    renderMember(res, member, {
      name: member.name,
      roleTitle: member.role_title,
      memberOf: member.member_of,
      isChair: member.is_chair ? 'yes' : '',
      'joinedOn-day': joined.day,
      'joinedOn-month': joined.month,
      'joinedOn-year': joined.year,
      'leftOn-day': left.day,
      'leftOn-month': left.month,
      'leftOn-year': left.year,
    })
  })
  router.post(P.editBoardMember.pattern, read, edit, (req, res) => saveMember(req, res, memberParam.of(res)))

  // ---- The action log ----

  async function filteredActions(organisationId: number, filter: ActionFilter, today: string) {
    return (await actions.listActions(db, organisationId)).filter((a) => matchesFilter(actionStateOn(a, today), filter))
  }

  router.get(P.boardActions.pattern, read, async (req, res) => {
    const { council } = context(req)
    const today = todayIso()
    const { state } = filterSchema.parse(req.query)
    const rows = await filteredActions(council.organisationId, state, today)
    res.render('governance/views/actions.njk', {
      filter: state,
      filterLabel: ACTION_FILTER_LABELS[state],
      filters: ACTION_FILTERS.map((f) => ({ value: f, text: ACTION_FILTER_LABELS[f], current: f === state })),
      actions: rows.map((a) => actionView(a, today)),
      csvHref: `${P.boardActionsCsv(council.slug)}?state=${state}`,
      today,
    })
  })

  router.get(P.boardActionsCsv.pattern, read, async (req, res) => {
    const { council } = context(req)
    const today = todayIso()
    const { state } = filterSchema.parse(req.query)
    const rows = await filteredActions(council.organisationId, state, today)
    res
      .type('text/csv')
      .attachment(`board-actions-${state}-${council.slug}-${today}.csv`)
      .send(toCsv(ACTION_CSV_HEADER, actionCsvRows(rows, today)))
  })

  // ---- Changing, closing and reopening an action ----

  async function renderActionEdit(
    req: Request,
    res: Response,
    action: actions.Action,
    values: Record<string, unknown>,
    errors?: FormErrors,
  ) {
    const { council } = context(req)
    const today = todayIso()
    const meeting = await findMeeting(db, council.organisationId, action.meeting_id)
    const decisions = await meetingDecisions(db, action.meeting_id)
    const chosen =
      typeof values.decisionId === 'string'
        ? values.decisionId
        : action.decision_id === null
          ? ''
          : String(action.decision_id)
    const todayParts = dateParts(today)
    const due = dateParts(action.due_on)
    res.status(errors ? 400 : 200).render('governance/views/action-edit.njk', {
      action: actionView(action, today),
      meeting,
      // What is saved, today as the day closed, and over them whatever was typed.
      values: {
        text: action.text,
        owner: action.owner,
        progress: action.progress,
        decisionId: action.decision_id === null ? '' : String(action.decision_id),
        'dueOn-day': due.day,
        'dueOn-month': due.month,
        'dueOn-year': due.year,
        'closedOn-day': todayParts.day,
        'closedOn-month': todayParts.month,
        'closedOn-year': todayParts.year,
        ...values,
      },
      errors,
      decisionItems: [
        { value: '', text: 'None', selected: chosen === '' },
        ...decisions.map((d) => ({
          value: String(d.id),
          text: `${d.position}. ${d.text.length > 90 ? d.text.slice(0, 89) + '…' : d.text}`,
          selected: chosen === String(d.id),
        })),
      ],
    })
  }

  router.get(P.editBoardAction.pattern, read, edit, (req, res) => renderActionEdit(req, res, actionParam.of(res), {}))

  router.post(P.editBoardAction.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const action = actionParam.of(res)
    const values = formBody(req)
    const intent = intentSchema.parse(values.intent)
    const back = () => res.redirect(P.boardMeeting(council.slug, action.meeting_id) + '#actions')
    const meeting = await findMeeting(db, council.organisationId, action.meeting_id)
    const meetingOn = meeting?.held_on ?? action.due_on

    if (intent === 'reopen') {
      if (action.outcome === null)
        return renderActionEdit(req, res, action, values, singleError('intent', 'This action is already open'))
      await db.transaction().execute((trx) => actions.reopenAction(trx, actor, action))
      flash(req, 'Action reopened', action.text)
      return back()
    }

    if (intent === 'close') {
      const form = parseForm(closeSchema, req.body, ['closedOn'])
      if (!form.ok) return renderActionEdit(req, res, action, values, form.errors)
      if (action.outcome !== null)
        return renderActionEdit(
          req,
          res,
          action,
          values,
          singleError('outcome', 'This action is already closed: reopen it first'),
        )
      const closedOn = form.value.closedOn!
      if (closedOn > todayIso())
        return renderActionEdit(
          req,
          res,
          action,
          values,
          dateError('closedOn', 'The day it was closed must be today or in the past'),
        )
      if (closedOn < meetingOn)
        return renderActionEdit(
          req,
          res,
          action,
          values,
          dateError(
            'closedOn',
            `The day it was closed must be on or after the meeting that set it, ${formatDate(meetingOn)}`,
          ),
        )
      await db.transaction().execute((trx) => actions.closeAction(trx, actor, action, form.value.outcome, closedOn))
      flash(req, form.value.outcome === 'done' ? 'Action closed as done' : 'Action dropped', action.text)
      return back()
    }

    const form = parseForm(actionChangeSchema, req.body, ['dueOn'])
    if (!form.ok) return renderActionEdit(req, res, action, values, form.errors)
    let decisionId: number | null = null
    if (form.value.decisionId !== '') {
      const found = (await meetingDecisions(db, action.meeting_id)).find((d) => String(d.id) === form.value.decisionId)
      if (!found)
        return renderActionEdit(
          req,
          res,
          action,
          values,
          singleError('decisionId', 'Choose the decision from the list, or None'),
        )
      decisionId = found.id
    }
    if (form.value.dueOn! < meetingOn)
      return renderActionEdit(
        req,
        res,
        action,
        values,
        dateError('dueOn', `The due date must be on or after the meeting that set it, ${formatDate(meetingOn)}`),
      )
    await db.transaction().execute((trx) =>
      actions.updateAction(trx, actor, action, {
        text: form.value.text,
        owner: form.value.owner,
        due_on: form.value.dueOn!,
        decision_id: decisionId,
        progress: form.value.progress,
      }),
    )
    flash(req, 'Action updated', form.value.text)
    back()
  })

  return router
}
