// Board meetings: the list, a meeting's page (attendance, agenda and papers, minutes, decisions, the actions set
// at it and those carried forward), recording or changing one (with its decisions, one row each), recording
// attendance, changing the agenda, and adding an action.
import { Router, type Request, type Response } from 'express'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { recordParam } from '../web/records.js'
import { formBody, parseForm, singleError, type FormErrors } from '../web/forms.js'
import { dateParts, formatDate, todayIso } from '../shared/dates.js'
import { plainText } from '../shared/text.js'
import * as repo from './meeting-repository.js'
import * as actions from './action-repository.js'
import { councilReports, findCouncilReport, listMembers } from './board-repository.js'
import { dateError, quarterReportLabel, reportItems, reportLabel } from './labels.js'
import { actionView, carryForward } from './action-rules.js'
import {
  EMPTY_AGENDA_ROWS,
  EMPTY_DECISION_ROWS,
  actionSchema,
  meetingSchema,
  parseAgenda,
  parseAttendance,
  parseDecisions,
  rowsOf,
  type AgendaRow,
  type DecisionRow,
} from './board-validation.js'

const P = paths.council

const emptyErrors = (): FormErrors => ({ summary: [], fields: {} })
const hasErrors = (errors: FormErrors) => errors.summary.length > 0
/** Errors of a schema first, then those found row by row. */
function merge(first: FormErrors | undefined, then: FormErrors): FormErrors {
  if (!first) return then
  return { summary: [...first.summary, ...then.summary], fields: { ...then.fields, ...first.fields } }
}

export function boardMeetingRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('oversight:read')
  const edit = requireCapability('board:edit')

  // Another council's meeting is a 404 for everyone, before any role check.
  const meetingParam = recordParam('meetingId', (id, { council }) => repo.findMeeting(db, council.organisationId, id))
  meetingParam.register(router)

  router.get(P.boardMeetings.pattern, read, async (req, res) => {
    const { council } = context(req)
    const today = todayIso()
    const meetings = await repo.listMeetings(db, council.organisationId)
    res.render('governance/views/meetings.njk', {
      meetings: meetings.map((m) => ({
        ...m,
        planned: m.held_on > today,
        reportLabel:
          m.report_id !== null && m.report_quarter_start !== null && m.report_status !== null
            ? reportLabel({
                quarter_start: m.report_quarter_start,
                status: m.report_status,
                revision: m.report_revision,
              })
            : null,
      })),
    })
  })

  // ---- Recording or changing a meeting, with its decisions ----

  async function renderForm(
    req: Request,
    res: Response,
    view: { meeting?: repo.Meeting; values: Record<string, unknown>; rows: DecisionRow[]; errors?: FormErrors },
  ) {
    const reports = await councilReports(db, context(req).council.organisationId)
    const chosen = typeof view.values.reportId === 'string' ? view.values.reportId : ''
    res.status(view.errors ? 400 : 200).render('governance/views/meeting-form.njk', {
      ...view,
      reportItems: reportItems(reports, chosen),
      decisionRows: view.rows.map((row, i) => ({ n: i + 1, ...row, reportItems: reportItems(reports, row.report) })),
    })
  }

  /** Saves a new or changed meeting, or shows the form again with what was typed and why it was refused. */
  async function save(req: Request, res: Response, meeting: repo.Meeting | undefined) {
    const { council, actor } = context(req)
    const values = formBody(req)
    const rows = rowsOf(values, 'decision', ['id', 'text', 'report'])
    const form = parseForm(meetingSchema, req.body, ['heldOn'])
    const reports = await councilReports(db, council.organisationId)
    const reportIds = new Set(reports.map((r) => r.id))
    const existing = meeting ? await repo.meetingDecisions(db, meeting.id) : []
    const rowErrors = emptyErrors()
    const decisions = parseDecisions(
      rows,
      {
        reportIds,
        existing: new Map(existing.map((d) => [d.id, d.text])),
        withActions: meeting ? await repo.decisionsWithActions(db, meeting.id) : new Set(),
      },
      rowErrors,
    )
    let reportId: number | null = null
    if (form.ok && form.value.reportId !== '') {
      reportId = /^\d{1,9}$/.test(form.value.reportId) ? Number(form.value.reportId) : null
      if (reportId === null || !reportIds.has(reportId)) {
        const refused = singleError('reportId', 'Choose the progress report from the list, or None')
        return renderForm(req, res, { meeting, values, rows, errors: merge(refused, rowErrors) })
      }
    }
    if (!form.ok || hasErrors(rowErrors))
      return renderForm(req, res, {
        meeting,
        values,
        rows,
        errors: merge(form.ok ? undefined : form.errors, rowErrors),
      })
    const input: repo.MeetingInput = {
      held_on: form.value.heldOn!,
      title: form.value.title,
      summary: form.value.summary,
      minutes: form.value.minutes,
      report_id: reportId,
      decisions,
    }
    const saved = await db
      .transaction()
      .execute((trx) =>
        meeting ? repo.updateMeeting(trx, actor, meeting, input) : repo.createMeeting(trx, actor, input),
      )
    flash(req, meeting ? 'Meeting updated' : 'Meeting recorded', `${saved.title}, ${formatDate(saved.held_on)}`)
    res.redirect(P.boardMeeting(council.slug, saved.id))
  }

  const blankDecisions = (n: number): DecisionRow[] =>
    Array.from({ length: n }, () => ({ id: '', text: '', report: '' }))

  router.get(P.newBoardMeeting.pattern, read, edit, (req, res) =>
    renderForm(req, res, { values: { title: 'Improvement Board' }, rows: blankDecisions(EMPTY_DECISION_ROWS + 2) }),
  )
  router.post(P.newBoardMeeting.pattern, read, edit, (req, res) => save(req, res, undefined))

  // After /new, so that 'new' is never read as a meeting id.
  router.get(P.boardMeeting.pattern, read, async (req, res) => {
    const { council } = context(req)
    const meeting = meetingParam.of(res)
    const today = todayIso()
    const [decisions, report, attendance, agenda, all, previous] = await Promise.all([
      repo.meetingDecisions(db, meeting.id),
      meeting.report_id === null ? undefined : findCouncilReport(db, council.organisationId, meeting.report_id),
      repo.meetingAttendance(db, meeting),
      repo.agendaItems(db, meeting.id),
      actions.listActions(db, council.organisationId),
      repo.previousMeeting(db, meeting),
    ])
    const own = all.filter((a) => a.meeting_id === meeting.id).map((a) => actionView(a, today))
    const forward = carryForward(
      all.filter((a) => a.meeting_id !== meeting.id).map((a) => ({ ...a, raisedOn: a.meeting_held_on })),
      { heldOn: meeting.held_on, previousHeldOn: previous?.held_on ?? null },
      today,
    )
    const decisionNumber = new Map(decisions.map((d) => [d.id, d.position]))
    res.render('governance/views/meeting.njk', {
      meeting,
      planned: meeting.held_on > today,
      previous,
      report: report ? { id: report.id, label: reportLabel(report) } : null,
      attendance,
      attendanceRecorded: attendance.some((a) => a.status !== null),
      agenda: agenda.map((item) => ({
        ...item,
        reportLabel:
          item.report_id !== null && item.report_quarter_start !== null && item.report_status !== null
            ? reportLabel({
                quarter_start: item.report_quarter_start,
                status: item.report_status,
                revision: item.report_revision,
              })
            : null,
      })),
      decisions: decisions.map((d) => ({
        ...d,
        takenOn: d.report_quarter_start === null ? null : quarterReportLabel(d.report_quarter_start),
        actions: own.filter((a) => a.decision_id === d.id),
      })),
      actions: own.map((a) => ({
        ...a,
        decisionNumber: a.decision_id === null ? null : decisionNumber.get(a.decision_id),
      })),
      carried: forward.carried.map((a) => actionView(a, forward.readOn)),
      closedSince: forward.closedSince.map((a) => actionView(a, forward.readOn)),
      readOn: forward.readOn,
      today,
    })
  })

  router.get(P.editBoardMeeting.pattern, read, edit, async (req, res) => {
    const meeting = meetingParam.of(res)
    const decisions = await repo.meetingDecisions(db, meeting.id)
    const held = dateParts(meeting.held_on)
    await renderForm(req, res, {
      meeting,
      values: {
        'heldOn-day': held.day,
        'heldOn-month': held.month,
        'heldOn-year': held.year,
        title: meeting.title,
        reportId: meeting.report_id === null ? '' : String(meeting.report_id),
        summary: meeting.summary,
        minutes: meeting.minutes,
      },
      rows: [
        ...decisions.map((d) => ({
          id: String(d.id),
          text: d.text,
          report: d.report_id === null ? '' : String(d.report_id),
        })),
        ...blankDecisions(EMPTY_DECISION_ROWS),
      ],
    })
  })
  router.post(P.editBoardMeeting.pattern, read, edit, (req, res) => save(req, res, meetingParam.of(res)))

  // ---- Attendance ----

  async function renderAttendance(
    req: Request,
    res: Response,
    meeting: repo.Meeting,
    values?: Record<string, unknown>,
    errors?: FormErrors,
  ) {
    const members = await repo.meetingAttendance(db, meeting)
    res.status(errors ? 400 : 200).render('governance/views/meeting-attendance.njk', {
      meeting,
      members: members.map((m) => {
        const typed = values ? plainText(values[`member-${m.id}`]) : (m.status ?? '')
        return { ...m, value: typed === 'none' ? '' : typed }
      }),
      errors,
    })
  }

  router.get(P.meetingAttendance.pattern, read, edit, (req, res) => renderAttendance(req, res, meetingParam.of(res)))
  router.post(P.meetingAttendance.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const meeting = meetingParam.of(res)
    const values = formBody(req)
    const members = await repo.meetingAttendance(db, meeting)
    const errors = emptyErrors()
    const entries = parseAttendance(values, members, errors)
    if (hasErrors(errors)) return renderAttendance(req, res, meeting, values, errors)
    await db.transaction().execute((trx) => repo.saveAttendance(trx, actor, meeting, entries))
    flash(req, 'Attendance saved', `${meeting.title}, ${formatDate(meeting.held_on)}`)
    res.redirect(P.boardMeeting(council.slug, meeting.id) + '#attendance')
  })

  // ---- Agenda and papers ----

  async function renderAgenda(
    req: Request,
    res: Response,
    meeting: repo.Meeting,
    rows: AgendaRow[],
    errors?: FormErrors,
  ) {
    const reports = await councilReports(db, context(req).council.organisationId)
    res.status(errors ? 400 : 200).render('governance/views/meeting-agenda.njk', {
      meeting,
      rows: rows.map((row, i) => ({ n: i + 1, ...row, reportItems: reportItems(reports, row.report) })),
      errors,
    })
  }

  router.get(P.meetingAgenda.pattern, read, edit, async (req, res) => {
    const meeting = meetingParam.of(res)
    const items = await repo.agendaItems(db, meeting.id)
    const rows: AgendaRow[] = items.map((i) => ({
      title: i.title,
      report: i.report_id === null ? '' : String(i.report_id),
      paperTitle: i.paper_title,
      paperUrl: i.paper_url,
    }))
    for (let i = 0; i < EMPTY_AGENDA_ROWS; i++) rows.push({ title: '', report: '', paperTitle: '', paperUrl: '' })
    await renderAgenda(req, res, meeting, rows)
  })
  router.post(P.meetingAgenda.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const meeting = meetingParam.of(res)
    const rows = rowsOf(formBody(req), 'item', ['title', 'report', 'paperTitle', 'paperUrl'])
    const reports = await councilReports(db, council.organisationId)
    const errors = emptyErrors()
    const items = parseAgenda(rows, new Set(reports.map((r) => r.id)), errors)
    if (hasErrors(errors)) return renderAgenda(req, res, meeting, rows, errors)
    await db.transaction().execute((trx) => repo.saveAgenda(trx, actor, meeting, items))
    flash(req, 'Agenda saved', `${items.length} ${items.length === 1 ? 'item' : 'items'}`)
    res.redirect(P.boardMeeting(council.slug, meeting.id) + '#agenda')
  })

  // ---- Adding an action ----

  async function renderAction(
    req: Request,
    res: Response,
    meeting: repo.Meeting,
    values: Record<string, unknown>,
    errors?: FormErrors,
  ) {
    const decisions = await repo.meetingDecisions(db, meeting.id)
    const chosen = typeof values.decisionId === 'string' ? values.decisionId : ''
    res.status(errors ? 400 : 200).render('governance/views/action-new.njk', {
      meeting,
      values,
      errors,
      decisionItems: [
        { value: '', text: 'None', selected: chosen === '' },
        ...decisions.map((d) => ({
          value: String(d.id),
          text: `${d.position}. ${d.text.length > 90 ? d.text.slice(0, 89) + '…' : d.text}`,
          selected: chosen === String(d.id),
        })),
      ],
      members: (await listMembers(db, meeting.organisation_id)).filter((m) => m.left_on === null),
    })
  }

  router.get(P.newBoardAction.pattern, read, edit, async (req, res) => {
    const meeting = meetingParam.of(res)
    const decisionId = typeof req.query.decision === 'string' ? req.query.decision : ''
    await renderAction(req, res, meeting, { decisionId })
  })
  router.post(P.newBoardAction.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const meeting = meetingParam.of(res)
    const values = formBody(req)
    const form = parseForm(actionSchema, req.body, ['dueOn'])
    if (!form.ok) return renderAction(req, res, meeting, values, form.errors)
    const decisionId = await decisionOf(meeting, form.value.decisionId)
    if (decisionId === undefined)
      return renderAction(
        req,
        res,
        meeting,
        values,
        singleError('decisionId', 'Choose the decision from the list, or None'),
      )
    if (form.value.dueOn! < meeting.held_on)
      return renderAction(
        req,
        res,
        meeting,
        values,
        dateError('dueOn', `The due date must be on or after the meeting, ${formatDate(meeting.held_on)}`),
      )
    await db.transaction().execute((trx) =>
      actions.createAction(trx, actor, meeting.id, {
        text: form.value.text,
        owner: form.value.owner,
        due_on: form.value.dueOn!,
        decision_id: decisionId,
      }),
    )
    flash(req, 'Action added', form.value.text)
    res.redirect(P.boardMeeting(council.slug, meeting.id) + '#actions')
  })

  /** A decision of this meeting by the id chosen: null for none, undefined when it is not one of them. */
  async function decisionOf(meeting: repo.Meeting, value: string): Promise<number | null | undefined> {
    if (value === '') return null
    const decisions = await repo.meetingDecisions(db, meeting.id)
    return decisions.find((d) => String(d.id) === value)?.id
  }

  return router
}
