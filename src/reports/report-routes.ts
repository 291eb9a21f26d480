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
import { optionalText, parseForm, parseId, type FormErrors, formBody } from '../web/forms.js'
import { recordParam } from '../web/records.js'
import { todayIso } from '../shared/dates.js'
import { quarterOf, quartersBetween } from '../shared/calendar.js'
import { renderToString } from '../exports/print-html.js'
import { findCurrentPlan, findStrand, loadPlanTree } from '../plan/plan-repository.js'
import { canEditStrand } from '../plan/plan-permissions.js'
import * as repo from './report-repository.js'
import { draftContent, reportContent } from './report-service.js'
import { RAG_LABELS } from './status-rules.js'
import { compareReports } from './report-compare.js'
import { exportReport, isReportFormat } from './report-export.js'

const P = paths.council

const narrativeSchema = z.object({
  summary: optionalText('the summary', 10000),
  recommendations: optionalText('the recommendations', 10000),
  decisions: optionalText('the decisions for the Board', 10000),
})
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

/** The quarters a report can be written for: from the plan's start to the current one, newest first. */
async function reportQuarters(db: Db, organisationId: number) {
  const plan = await findCurrentPlan(db, organisationId)
  return plan ? quartersBetween(plan.starts_on, todayIso()) : []
}

export function reportRoutes(db: Db, chromiumPath: string): Router {
  const router = Router({ mergeParams: true })
  const readPublished = requireCapability('plan:read-published')
  const readDraft = requireCapability('plan:read-draft')
  const editAny = requireCapability('plan:edit-any')

  // Another council's report is a 404 for everyone; so is a draft for those who see published work only
  // (they do not learn a draft exists).
  const reportParam = recordParam('reportId', async (id, { council }) => {
    const report = await repo.findReport(db, council.organisationId, id)
    return report && (report.status === 'published' || can(council.role, 'plan:read-draft')) ? report : undefined
  })
  reportParam.register(router)
  const requireDraft = (report: repo.ReportRow) => {
    if (report.status !== 'draft') throw new BadRequestError('A published report cannot change')
  }

  router.get(P.reports.pattern, readPublished, async (req, res) => {
    const { council } = context(req)
    const mayReadDraft = can(council.role, 'plan:read-draft')
    const reports = (await repo.listReports(db, council.organisationId)).filter(
      (r) => mayReadDraft || r.status === 'published',
    )
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
    const report = await db.transaction().execute((trx) => repo.draftFor(trx, actor, chosen))
    res.redirect(P.report(council.slug, report.id))
  })

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
    const previous = await repo.lastPublished(db, council.organisationId)
    res.status(extra.status ?? 200).render('reports/views/report.njk', {
      report,
      content,
      print: false,
      editable: report.status === 'draft' && can(council.role, 'plan:edit-any'),
      mayPublish: report.status === 'draft' && can(council.role, 'plan:publish'),
      mayComment: (leadUserId: number | null) =>
        report.status === 'draft' && canEditStrand(council.role, user.id, leadUserId),
      strandLeads: new Map((await strandsOf(req)).map((s) => [s.id, s.lead_user_id])),
      previous: previous && previous.id !== report.id ? previous : null,
      values: extra.values ?? {
        summary: report.summary,
        recommendations: report.recommendations,
        decisions: report.decisions,
      },
      errors: extra.errors,
    })
  }

  router.get(P.report.pattern, readPublished, async (req, res) => {
    await renderReport(req, res)
  })

  router.get(P.reportPrint.pattern, readPublished, async (req, res) => {
    const report = reportParam.of(res)
    res.render('reports/views/report-print.njk', {
      report,
      content: await reportContent(db, context(req).council, report),
      print: true,
    })
  })

  router.get(P.reportExport.pattern, readPublished, async (req, res) => {
    const format = req.params.format
    if (!isReportFormat(format)) throw new NotFoundError()
    const { council } = context(req)
    const report = reportParam.of(res)
    const file = await exportReport(format, report, await reportContent(db, council, report), {
      councilSlug: council.slug,
      chromiumPath,
      render: (view, locals) => renderToString(res, view, locals),
    })
    res.type(file.contentType).attachment(file.filename).send(file.body)
  })

  router.post(P.reportNarrative.pattern, readDraft, editAny, async (req, res) => {
    const report = reportParam.of(res)
    requireDraft(report)
    const form = parseForm(narrativeSchema, req.body)
    if (!form.ok) return renderReport(req, res, { values: formBody(req), errors: form.errors, status: 400 })
    const { council, actor } = context(req)
    await db.transaction().execute((trx) => repo.saveNarrative(trx, actor, report, form.value))
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
    await db.transaction().execute((trx) => repo.saveCommentary(trx, actor, report.id, strand.id, form.value))
    flash(req, `Commentary for strand ${strand.code} saved`)
    res.redirect(`${P.report(council.slug, report.id)}#strand-${strand.id}`)
  })

  router.post(P.reportOverride.pattern, readDraft, editAny, async (req, res) => {
    const report = reportParam.of(res)
    requireDraft(report)
    const form = parseForm(overrideSchema, req.body)
    if (!form.ok) return renderReport(req, res, { values: formBody(req), errors: form.errors, status: 400 })
    const [entityType, id] = form.value.entity.split(':') as ['strand' | 'objective', string]
    const { council, actor } = context(req)
    const content = await draftContent(db, council, report)
    const known =
      entityType === 'strand'
        ? content.strands.some((s) => s.id === Number(id))
        : content.strands.some((s) => s.objectives.some((o) => o.id === Number(id)))
    if (!known) throw new NotFoundError()
    const override = { entityType, entityId: Number(id), rag: form.value.rag, reason: form.value.reason }
    await db.transaction().execute((trx) => repo.setOverride(trx, actor, report.id, override))
    flash(
      req,
      form.value.rag === 'derived' ? 'Status returned to the rule' : `Status set to ${RAG_LABELS[form.value.rag]}`,
    )
    res.redirect(`${P.report(council.slug, report.id)}#${entityType}-${id}`)
  })

  router.post(P.publishReport.pattern, readDraft, requireCapability('plan:publish'), async (req, res) => {
    const report = reportParam.of(res)
    requireDraft(report)
    const { council, actor } = context(req)
    const content = await draftContent(db, council, report)
    await db.transaction().execute((trx) => repo.publishReport(trx, actor, report, content))
    flash(req, `${content.quarter.label} report published`)
    res.redirect(P.report(council.slug, report.id))
  })

  router.get(P.compareReport.pattern, readPublished, async (req, res) => {
    const { council } = context(req)
    const report = reportParam.of(res)
    const previous = await repo.lastPublished(db, council.organisationId)
    const base = previous && previous.id !== report.id ? previous : null
    const [current, earlier] = await Promise.all([
      reportContent(db, council, report),
      base ? reportContent(db, council, base) : null,
    ])
    res.render('reports/views/report-compare.njk', {
      report,
      content: current,
      base,
      changes: earlier ? compareReports(earlier, current) : null,
    })
  })

  return router
}
