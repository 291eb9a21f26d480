// Board meetings and their decisions: the list, a meeting's page, and recording or changing one (the date,
// title, the progress report it considered, the minutes in brief and its decisions, one a line).
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import type { ReportStatus } from '../db/database.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { recordParam } from '../web/records.js'
import {
  dateInput,
  formBody,
  optionalText,
  parseForm,
  requiredText,
  singleError,
  type FormErrors,
} from '../web/forms.js'
import { quarterOf } from '../shared/calendar.js'
import { dateParts, formatDate } from '../shared/dates.js'
import { findReport, listReports } from '../reports/report-repository.js'
import * as repo from './meeting-repository.js'

const P = paths.council

export const REPORT_STATUS_WORDS: Record<ReportStatus, string> = {
  draft: 'draft',
  submitted: 'submitted for approval',
  approved: 'approved',
  published: 'published',
  superseded: 'superseded',
}

const MAX_DECISIONS = 50
const MAX_DECISION_LENGTH = 1000

/** The decisions box: one decision a line, blank lines and surrounding spaces dropped. */
export function decisionLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
}

const meetingSchema = z.object({
  heldOn: dateInput('the date the meeting was held', { required: true }),
  title: requiredText('the meeting’s title', 200),
  reportId: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string()),
  summary: optionalText('the minutes in brief', 5000),
  decisions: optionalText('the decisions', 20000)
    .transform(decisionLines)
    .refine((lines) => lines.length <= MAX_DECISIONS, `Enter ${MAX_DECISIONS} decisions or fewer`)
    .refine(
      (lines) => lines.every((line) => line.length <= MAX_DECISION_LENGTH),
      `Each decision must be ${MAX_DECISION_LENGTH} characters or fewer`,
    ),
})

/** "Q3 2022/23, published" (with the revision when a report was corrected), for choosing and showing a report. */
export function reportLabel(report: { quarter_start: string; status: ReportStatus; revision?: number }): string {
  const revision = report.revision !== undefined && report.revision > 1 ? `, revision ${report.revision}` : ''
  return `${quarterOf(report.quarter_start).label}, ${REPORT_STATUS_WORDS[report.status]}${revision}`
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
    const meetings = await repo.listMeetings(db, council.organisationId)
    res.render('governance/views/meetings.njk', {
      meetings: meetings.map((m) => ({
        ...m,
        reportLabel:
          m.report_id !== null && m.report_quarter_start !== null && m.report_status !== null
            ? reportLabel({
                quarter_start: m.report_quarter_start,
                status: m.report_status,
                revision: m.report_revision ?? 1,
              })
            : null,
      })),
    })
  })

  async function renderForm(
    req: Request,
    res: Response,
    view: { meeting?: repo.Meeting; values: Record<string, unknown>; errors?: FormErrors },
  ) {
    const reports = await listReports(db, context(req).council.organisationId)
    const chosen = typeof view.values.reportId === 'string' ? view.values.reportId : ''
    const reportItems = [
      { value: '', text: 'None', selected: chosen === '' },
      ...reports.map((r) => ({ value: String(r.id), text: reportLabel(r), selected: chosen === String(r.id) })),
    ]
    res.status(view.errors ? 400 : 200).render('governance/views/meeting-form.njk', { ...view, reportItems })
  }

  /** Saves a new or changed meeting, or shows the form again with what was typed and why it was refused. */
  async function save(req: Request, res: Response, meeting: repo.Meeting | undefined) {
    const { council, actor } = context(req)
    const values = formBody(req)
    const form = parseForm(meetingSchema, req.body, ['heldOn'])
    if (!form.ok) return renderForm(req, res, { meeting, values, errors: form.errors })
    let reportId: number | null = null
    if (form.value.reportId !== '') {
      const report = /^\d{1,9}$/.test(form.value.reportId)
        ? await findReport(db, council.organisationId, Number(form.value.reportId))
        : undefined
      if (!report)
        return renderForm(req, res, {
          meeting,
          values,
          errors: singleError('reportId', 'Choose the progress report from the list, or None'),
        })
      reportId = report.id
    }
    const input: repo.MeetingInput = {
      held_on: form.value.heldOn!,
      title: form.value.title,
      summary: form.value.summary,
      report_id: reportId,
      decisions: form.value.decisions,
    }
    const saved = await db
      .transaction()
      .execute((trx) =>
        meeting ? repo.updateMeeting(trx, actor, meeting, input) : repo.createMeeting(trx, actor, input),
      )
    flash(req, meeting ? 'Meeting updated' : 'Meeting recorded', `${saved.title}, ${formatDate(saved.held_on)}`)
    res.redirect(P.boardMeeting(council.slug, saved.id))
  }

  router.get(P.newBoardMeeting.pattern, read, edit, (req, res) =>
    renderForm(req, res, { values: { title: 'Improvement Board' } }),
  )
  router.post(P.newBoardMeeting.pattern, read, edit, (req, res) => save(req, res, undefined))

  // After /new, so that 'new' is never read as a meeting id.
  router.get(P.boardMeeting.pattern, read, async (req, res) => {
    const { council } = context(req)
    const meeting = meetingParam.of(res)
    const [decisions, report] = await Promise.all([
      repo.meetingDecisions(db, meeting.id),
      meeting.report_id === null ? undefined : findReport(db, council.organisationId, meeting.report_id),
    ])
    res.render('governance/views/meeting.njk', {
      meeting,
      decisions,
      report: report ? { id: report.id, label: reportLabel(report) } : null,
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
        decisions: decisions.map((d) => d.text).join('\n'),
      },
    })
  })
  router.post(P.editBoardMeeting.pattern, read, edit, (req, res) => save(req, res, meetingParam.of(res)))

  return router
}
