// Quarterly progress reports: choose a quarter, edit the draft's text and statuses, publish (frozen),
// compare with the last published, print, and download as PDF, Word or Excel.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { can } from '../web/roles.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { BadRequestError, ForbiddenError, NotFoundError } from '../web/errors.js'
import { flash } from '../web/flash.js'
import {
  dateInput,
  formBody,
  optionalText,
  parseForm,
  parseId,
  requiredText,
  singleError,
  type FormErrors,
} from '../web/forms.js'
import { recordParam } from '../web/records.js'
import { dateParts, todayIso } from '../shared/dates.js'
import { quarterOf, quartersBetween } from '../shared/calendar.js'
import { renderToString } from '../exports/print-html.js'
import type { PdfPrinter } from '../exports/chromium.js'
import { findCurrentPlan, findStrand, loadPlanTree } from '../plan/plan-repository.js'
import { canEditStrand } from '../plan/plan-permissions.js'
import type { PeriodEditDecision } from '../plan/period-lock.js'
import { checkPeriodEdit } from '../plan/period-lock-repository.js'
import * as repo from './report-repository.js'
import { draftContent, reportContent } from './report-service.js'
import { RAG_LABELS } from './status-rules.js'
import { MARKINGS, PURPOSES, SENSITIVE_PARTS } from './report-snapshot.js'
import { compareReports } from './report-compare.js'
import { exportReport, isReportFormat, statusLine } from './report-export.js'
import { keptReportFile } from './report-file-cache.js'
import { keptReportPage } from './report-page-cache.js'

const P = paths.council

const narrativeSchema = z.object({
  summary: optionalText('the summary', 10000),
  recommendations: optionalText('the recommendations', 10000),
  decisions: optionalText('the decisions for the Board', 10000),
  decisionsFollowUp: optionalText('what became of the last decisions', 10000),
})
const coverSchema = z.object({
  boardName: requiredText('the name of the Board the report goes to', 200),
  meetingOn: dateInput('the date of the meeting', { required: false }),
  authorRole: requiredText('the author’s role', 200),
  accountableRole: requiredText('the accountable officer’s role', 200),
  purpose: z.enum(PURPOSES, { error: 'Choose what the report is for' }),
  marking: z.enum(MARKINGS, { error: 'Choose the protective marking' }),
  sensitive: z
    .preprocess((v: unknown) => (v === undefined ? [] : Array.isArray(v) ? (v as unknown[]) : [v]), z.array(z.string()))
    .refine((parts) => parts.every((p) => isSensitivePart(p)), 'Choose only parts of this report'),
})
const reasonSchema = z.object({ reason: requiredText('the reason', 1000) })
const commentarySchema = z.object({
  commentary: optionalText('the commentary', 6000),
  impact: optionalText('the evidence of impact', 6000),
})
const overrideSchema = z
  .object({
    entity: z.string().regex(/^(strand|objective):\d{1,9}$/, 'Choose a strand or objective'),
    rag: z.enum(['derived', 'red', 'amber', 'green'], { error: 'Choose a status' }),
    reason: optionalText('the reason', 1000),
  })
  .superRefine((o, ctx) => {
    if (o.rag !== 'derived' && !o.reason)
      ctx.addIssue({ code: 'custom', path: ['reason'], message: 'Enter why the status is set by hand' })
  })

/** A part of a report that can be marked sensitive: a narrative part, or one strand's commentary. */
function isSensitivePart(part: string): boolean {
  return (SENSITIVE_PARTS as readonly string[]).includes(part) || /^strand-\d{1,9}$/.test(part)
}

/** The quarters a report can be written for: from the plan's start to the current one, newest first. */
async function reportQuarters(db: Db, organisationId: number) {
  const plan = await findCurrentPlan(db, organisationId)
  return plan ? quartersBetween(plan.starts_on, todayIso()) : []
}

export function reportRoutes(db: Db, printPdf: PdfPrinter): Router {
  const router = Router({ mergeParams: true })
  const readPublished = requireCapability('plan:read-published')
  const readDraft = requireCapability('plan:read-draft')
  const editAny = requireCapability('plan:edit-any')

  // Another council's report is a 404 for everyone; so is one not yet published (a superseded revision stays
  // readable) for those who see published work only
  // (they do not learn a draft exists).
  const reportParam = recordParam('reportId', async (id, { council }) => {
    const report = await repo.findReport(db, council.organisationId, id)
    return report && (repo.isFrozen(report) || can(council.role, 'plan:read-draft')) ? report : undefined
  })
  reportParam.register(router)
  const requireDraft = (report: repo.ReportRow) => {
    if (report.status !== 'draft')
      throw new BadRequestError(
        repo.isFrozen(report)
          ? 'A published report cannot change: start a correction instead'
          : 'This report is with the approver: return it to draft to change it',
      )
  }

  router.get(P.reports.pattern, readPublished, async (req, res) => {
    const { council } = context(req)
    const mayReadDraft = can(council.role, 'plan:read-draft')
    const reports = (await repo.listReports(db, council.organisationId)).filter((r) => mayReadDraft || repo.isFrozen(r))
    res.render('reports/views/reports.njk', {
      reports: reports.map((r) => ({ ...r, quarter: quarterOf(r.quarter_start) })),
      quarters: await reportQuarters(db, council.organisationId),
    })
  })

  router.post(P.reports.pattern, readDraft, editAny, async (req, res) => {
    const { council, actor } = context(req)
    const allowed = (await reportQuarters(db, council.organisationId)).map((q) => q.start)
    const chosen = (req.body as Record<string, unknown>).quarter
    if (typeof chosen !== 'string' || !allowed.includes(chosen)) throw new BadRequestError('Not a quarter of this plan')
    // A quarter already published is reopened only as a correction, carrying the published text.
    const open = await repo.openReportFor(db, council.organisationId, chosen)
    const published = open ? undefined : await repo.publishedFor(db, council.organisationId, chosen)
    if (published) return res.redirect(P.correctReport(council.slug, published.id))
    const report = open ?? (await db.transaction().execute((trx) => repo.draftFor(trx, actor, chosen)))
    res.redirect(P.report(council.slug, report.id))
  })

  /**
   * May this person change the quarter's strand commentary and statuses set by hand? Not once its reporting
   * round has locked (src/plan/period-lock.ts); only the improvement team while it is reopened.
   */
  async function periodEdit(req: Request, report: repo.ReportRow): Promise<PeriodEditDecision> {
    return checkPeriodEdit(db, context(req).council, [quarterOf(report.quarter_start).end])
  }

  async function strandsOf(req: Request) {
    const plan = await findCurrentPlan(db, context(req).council.organisationId)
    return plan ? (await loadPlanTree(db, plan.id)).strands : []
  }

  async function renderReport(
    req: Request,
    res: Response,
    extra: { values?: Record<string, unknown>; errors?: FormErrors; status?: number } = {},
  ) {
    const { council, user } = context(req)
    const report = reportParam.of(res)
    const content = await reportContent(db, council, report)
    const meeting = dateParts(report.meeting_on)
    const history = await repo.reportRevisions(db, council.organisationId, report.quarter_start)
    const lock = report.status === 'draft' ? await periodEdit(req, report) : undefined
    const periodLocked = lock !== undefined && !lock.allowed
    // A published report's sections are rendered once and kept; a draft's are drawn with its forms, every time.
    const sectionsHtml = repo.isFrozen(report)
      ? await keptReportPage(db, report, 'council', () =>
          renderToString(res, 'reports/views/report-sections.njk', { content, attachmentsIn: council.slug }),
        )
      : null
    res.status(extra.status ?? 200).render('reports/views/report.njk', {
      report,
      content,
      sectionsHtml,
      history,
      print: false,
      editable: report.status === 'draft' && can(council.role, 'plan:edit-any'),
      maySubmit: report.status === 'draft' && can(council.role, 'plan:edit-any'),
      mayApprove: report.status === 'submitted' && can(council.role, 'report:approve'),
      mayReturn:
        (report.status === 'submitted' || report.status === 'approved') &&
        (can(council.role, 'report:approve') || can(council.role, 'plan:edit-any')),
      mayPublish: report.status === 'approved' && can(council.role, 'plan:publish'),
      mayCorrect: report.status === 'published' && can(council.role, 'plan:publish'),
      mayPublishPublic: report.status === 'published' && can(council.role, 'plan:publish'),
      mayComment: (leadUserId: number | null) =>
        report.status === 'draft' && !periodLocked && canEditStrand(council.role, user.id, leadUserId),
      periodLockMessage: lock && !lock.allowed ? lock.message : null,
      strandLeads: new Map((await strandsOf(req)).map((s) => [s.id, s.lead_user_id])),
      sensitiveParts: [
        { value: 'summary', text: 'Summary' },
        { value: 'recommendations', text: 'Recommendations' },
        { value: 'decisions', text: 'Decisions the Board is asked to make' },
        { value: 'decisionsFollowUp', text: 'What became of the last decisions' },
        ...content.strands.map((s) => ({
          value: `strand-${s.id}`,
          text: `Commentary on strand ${s.code}: ${s.title}`,
        })),
      ],
      values: extra.values ?? {
        summary: report.summary,
        recommendations: report.recommendations,
        decisions: report.decisions,
        decisionsFollowUp: report.decisions_follow_up,
        boardName: report.board_name,
        'meetingOn-day': meeting.day,
        'meetingOn-month': meeting.month,
        'meetingOn-year': meeting.year,
        authorRole: report.author_role,
        accountableRole: report.accountable_role,
        purpose: report.purpose,
        marking: report.marking,
        sensitive: report.sensitive,
      },
      errors: extra.errors,
    })
  }

  router.get(P.report.pattern, readPublished, async (req, res) => {
    await renderReport(req, res)
  })

  // A published report's printable page is rendered once and kept (its status line names no time of printing).
  router.get(P.reportPrint.pattern, readPublished, async (req, res) => {
    const report = reportParam.of(res)
    const html = await keptReportPage(db, report, 'print', async () => {
      const content = await reportContent(db, context(req).council, report)
      return renderToString(res, 'reports/views/report-print.njk', {
        report,
        content,
        print: true,
        statusLine: statusLine(report, content.dataAsAt, new Date()),
      })
    })
    res.type('html').send(html)
  })

  router.get(P.reportExport.pattern, readPublished, async (req, res) => {
    const format = req.params.format
    if (!isReportFormat(format)) throw new NotFoundError()
    const { council } = context(req)
    const report = reportParam.of(res)
    const file = await exportReport(format, report, await reportContent(db, council, report), {
      councilSlug: council.slug,
      printPdf,
      render: (view, locals) => renderToString(res, view, locals),
      // A published report's files are made once and kept; a draft's every time.
      keep: keptReportFile(db, report, 'council'),
    })
    res.type(file.contentType).attachment(file.filename).send(file.body)
  })

  router.post(P.reportNarrative.pattern, readDraft, editAny, async (req, res) => {
    const report = reportParam.of(res)
    requireDraft(report)
    const form = parseForm(narrativeSchema, req.body)
    if (!form.ok) return renderReport(req, res, { values: formBody(req), errors: form.errors, status: 400 })
    const { council, actor } = context(req)
    const { decisionsFollowUp, ...rest } = form.value
    await db
      .transaction()
      .execute((trx) => repo.saveNarrative(trx, actor, report, { ...rest, decisions_follow_up: decisionsFollowUp }))
    flash(req, 'Report text saved')
    res.redirect(`${P.report(council.slug, report.id)}#narrative`)
  })

  router.post(P.reportCommentary.pattern, readDraft, async (req, res) => {
    const report = reportParam.of(res)
    const { council, user, actor } = context(req)
    const strandId = parseId(req.params.strandId)
    const strand = strandId ? await findStrand(db, council.organisationId, strandId) : undefined
    if (!strand) throw new NotFoundError()
    if (!canEditStrand(council.role, user.id, strand.lead_user_id)) throw new ForbiddenError()
    requireDraft(report)
    const form = parseForm(commentarySchema, req.body)
    if (!form.ok) return renderReport(req, res, { values: formBody(req), errors: form.errors, status: 400 })
    const lock = await periodEdit(req, report)
    if (!lock.allowed)
      return renderReport(req, res, { errors: singleError(`commentary-${strand.id}`, lock.message), status: 400 })
    await db
      .transaction()
      .execute((trx) => repo.saveCommentary(trx, actor, report.id, strand.id, form.value, lock.auditNote))
    flash(req, `Commentary for strand ${strand.code} saved`)
    res.redirect(`${P.report(council.slug, report.id)}#strand-${strand.id}`)
  })

  router.post(P.reportOverride.pattern, readDraft, editAny, async (req, res) => {
    const report = reportParam.of(res)
    requireDraft(report)
    const form = parseForm(overrideSchema, req.body)
    if (!form.ok) return renderReport(req, res, { values: formBody(req), errors: form.errors, status: 400 })
    const lock = await periodEdit(req, report)
    if (!lock.allowed) return renderReport(req, res, { errors: singleError('entity', lock.message), status: 400 })
    const [entityType, id] = form.value.entity.split(':') as ['strand' | 'objective', string]
    const { council, actor } = context(req)
    const content = await draftContent(db, council, report)
    const known =
      entityType === 'strand'
        ? content.strands.some((s) => s.id === Number(id))
        : content.strands.some((s) => s.objectives.some((o) => o.id === Number(id)))
    if (!known) throw new NotFoundError()
    const override = { entityType, entityId: Number(id), rag: form.value.rag, reason: form.value.reason }
    await db.transaction().execute((trx) => repo.setOverride(trx, actor, report.id, override, lock.auditNote))
    flash(
      req,
      form.value.rag === 'derived' ? 'Status returned to the rule' : `Status set to ${RAG_LABELS[form.value.rag]}`,
    )
    res.redirect(`${P.report(council.slug, report.id)}#${entityType}-${id}`)
  })

  router.post(P.reportCover.pattern, readDraft, editAny, async (req, res) => {
    const report = reportParam.of(res)
    requireDraft(report)
    const form = parseForm(coverSchema, req.body, ['meetingOn'])
    if (!form.ok) return renderReport(req, res, { values: formBody(req), errors: form.errors, status: 400 })
    const { council, actor } = context(req)
    const c = form.value
    await db.transaction().execute((trx) =>
      repo.saveCover(trx, actor, report, {
        board_name: c.boardName,
        meeting_on: c.meetingOn,
        author_role: c.authorRole,
        accountable_role: c.accountableRole,
        purpose: c.purpose,
        marking: c.marking,
        sensitive: c.sensitive,
      }),
    )
    flash(req, 'Cover saved')
    res.redirect(`${P.report(council.slug, report.id)}#cover`)
  })

  router.post(P.submitReport.pattern, readDraft, editAny, async (req, res) => {
    const report = reportParam.of(res)
    requireDraft(report)
    const { council, actor } = context(req)
    // A board paper goes to the approver with its cover filled in.
    if (!report.author_role || !report.accountable_role || !report.meeting_on)
      return renderReport(req, res, {
        errors: singleError(
          'boardName',
          'Fill in the cover (the meeting date, and the author’s and accountable officer’s roles) before submitting',
        ),
        status: 400,
      })
    await db.transaction().execute((trx) => repo.stepReport(trx, actor, report, 'submit'))
    flash(req, 'Report submitted for approval')
    res.redirect(P.report(council.slug, report.id))
  })

  router.post(P.approveReport.pattern, readDraft, requireCapability('report:approve'), async (req, res) => {
    const report = reportParam.of(res)
    if (report.status !== 'submitted') throw new BadRequestError('Only a submitted report can be approved')
    const { council, actor } = context(req)
    await db.transaction().execute((trx) => repo.stepReport(trx, actor, report, 'approve'))
    flash(req, 'Report approved: the improvement team can now publish it')
    res.redirect(P.report(council.slug, report.id))
  })

  router.post(P.returnReport.pattern, readDraft, async (req, res) => {
    const report = reportParam.of(res)
    const { council, actor } = context(req)
    if (!can(council.role, 'report:approve') && !can(council.role, 'plan:edit-any')) throw new ForbiddenError()
    if (report.status !== 'submitted' && report.status !== 'approved')
      throw new BadRequestError('Only a report with the approver can be returned to draft')
    const form = parseForm(reasonSchema, req.body)
    if (!form.ok) return renderReport(req, res, { values: formBody(req), errors: form.errors, status: 400 })
    await db.transaction().execute((trx) => repo.stepReport(trx, actor, report, 'return', form.value.reason))
    flash(req, 'Report returned to draft')
    res.redirect(P.report(council.slug, report.id))
  })

  // Publishing is confirmed on a page of its own: it cannot be undone, only corrected.
  router.get(P.publishReport.pattern, readDraft, requireCapability('plan:publish'), async (req, res) => {
    const report = reportParam.of(res)
    if (report.status !== 'approved') throw new BadRequestError('Only an approved report can be published')
    const { council } = context(req)
    const corrected = report.corrects_report_id
      ? await repo.findReport(db, council.organisationId, report.corrects_report_id)
      : undefined
    res.render('reports/views/report-publish.njk', {
      report,
      content: await reportContent(db, council, report),
      corrected,
    })
  })

  router.post(P.publishReport.pattern, readDraft, requireCapability('plan:publish'), async (req, res) => {
    const report = reportParam.of(res)
    if (report.status !== 'approved')
      throw new BadRequestError(
        repo.isFrozen(report) ? 'This report is already published' : 'Only an approved report can be published',
      )
    const { council, actor } = context(req)
    const content = await draftContent(db, council, report)
    await db.transaction().execute((trx) => repo.publishReport(trx, actor, report, content))
    flash(req, `${content.quarter.label} report published`)
    res.redirect(P.report(council.slug, report.id))
  })

  function renderCorrect(res: Response, report: repo.ReportRow, values: Record<string, unknown>, errors?: FormErrors) {
    res
      .status(errors ? 400 : 200)
      .render('reports/views/report-correct.njk', { report, quarter: quarterOf(report.quarter_start), values, errors })
  }

  router.get(P.correctReport.pattern, readDraft, requireCapability('plan:publish'), (_req, res) => {
    const report = reportParam.of(res)
    if (report.status !== 'published') throw new BadRequestError('Only the report in force can be corrected')
    renderCorrect(res, report, {})
  })

  router.post(P.correctReport.pattern, readDraft, requireCapability('plan:publish'), async (req, res) => {
    const report = reportParam.of(res)
    if (report.status !== 'published') throw new BadRequestError('Only the report in force can be corrected')
    const form = parseForm(reasonSchema, req.body)
    if (!form.ok) return renderCorrect(res, report, formBody(req), form.errors)
    const { council, actor } = context(req)
    const correction = await db
      .transaction()
      .execute((trx) => repo.startCorrection(trx, actor, report, form.value.reason))
    flash(req, `Correction started: revision ${correction.revision}, carrying the published text`)
    res.redirect(P.report(council.slug, correction.id))
  })

  router.post(P.reportPublicEdition.pattern, readDraft, requireCapability('plan:publish'), async (req, res) => {
    const report = reportParam.of(res)
    if (report.status !== 'published') throw new BadRequestError('Only the report in force has a public edition')
    const publish = (req.body as Record<string, unknown>).publish === 'yes'
    const { council, actor } = context(req)
    await db.transaction().execute((trx) => repo.setPublicEdition(trx, actor, report, publish))
    flash(req, publish ? 'Public edition published' : 'Public edition withdrawn')
    res.redirect(`${P.report(council.slug, report.id)}#public-edition`)
  })

  // Compared with the latest report published for an earlier quarter: "then" is always the earlier one.
  router.get(P.compareReport.pattern, readPublished, async (req, res) => {
    const { council } = context(req)
    const report = reportParam.of(res)
    const base = await repo.lastPublished(db, council.organisationId, { before: report.quarter_start })
    const [current, earlier] = await Promise.all([
      reportContent(db, council, report),
      base ? reportContent(db, council, base) : null,
    ])
    res.render('reports/views/report-compare.njk', {
      report,
      content: current,
      base,
      baseQuarter: base ? quarterOf(base.quarter_start) : null,
      changes: earlier ? compareReports(earlier, current) : null,
    })
  })

  return router
}
