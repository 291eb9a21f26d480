import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { can } from '../web/roles.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { BadRequestError, ForbiddenError, NotFoundError } from '../web/errors.js'
import { dateInput, optionalText, parseForm, parseId, requiredText, type FormErrors } from '../web/forms.js'
import { formatDate, formatDateTime, todayIso } from '../shared/dates.js'
import { findCurrentPlan, findStrand, loadPlanTree } from '../plan/plan-repository.js'
import { canEditStrand } from '../plan/plan-permissions.js'
import * as repo from './report-repository.js'
import { draftContent, reportContent } from './report-service.js'
import { RAG_LABELS } from './status-rules.js'
import { compareReports } from './report-compare.js'
import { recordAudit, type Actor } from '../audit/audit-repository.js'
import { reportXlsx } from './report-xlsx.js'
import { reportDocx } from './report-docx.js'
import { htmlToPdf } from '../exports/chromium.js'
import { svgsToPng } from '../exports/svg-to-png.js'
import { printCss, renderToString } from '../exports/print-html.js'
import { quarterOf, quartersBetween } from '../shared/calendar.js'

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
const partnerRequestSchema = z.object({
  partner: requiredText('the partner', 200),
  description: requiredText('what was asked for', 1000),
  strandId: z
    .preprocess((v) => (v === '' || v === undefined ? null : Number(v)), z.number().int().positive().nullable())
    .catch(null),
  requestedOn: dateInput('the date it was asked for', { required: true }),
  dueOn: dateInput('the date it is due', { required: true }),
})

export function reportRoutes(db: Db, chromiumPath: string): Router {
  const router = Router({ mergeParams: true })
  const readPublished = requireCapability('plan:read-published')
  const readDraft = requireCapability('plan:read-draft')
  const editAny = requireCapability('plan:edit-any')

  const actor = (req: Request): Actor => {
    const { user, council } = context(req)
    return { userId: user.id, organisationId: council.organisationId }
  }

  // Loaded before any role check: another council's report is a 404 for everyone.
  router.param('reportId', async (req, res, next, value) => {
    try {
      const id = parseId(value)
      const report = id ? await repo.findReport(db, context(req).council.organisationId, id) : undefined
      if (!report) return next(new NotFoundError())
      // Drafts are for those who may see the live plan; others do not learn a draft exists.
      if (report.status === 'draft' && !can(context(req).council.role, 'plan:read-draft'))
        return next(new NotFoundError())
      res.locals.report = report
      next()
    } catch (error) {
      next(error)
    }
  })
  const reportOf = (res: Response) => res.locals.report as repo.ReportRow
  const requireDraft = (report: repo.ReportRow) => {
    if (report.status !== 'draft') throw new BadRequestError('A published report cannot change')
  }

  router.get('/reports', readPublished, async (req, res) => {
    const { council } = context(req)
    const mayReadDraft = can(council.role, 'plan:read-draft')
    const reports = (await repo.listReports(db, council.organisationId)).filter(
      (r) => mayReadDraft || r.status === 'published',
    )
    const plan = await findCurrentPlan(db, council.organisationId)
    res.render('reports/views/reports.njk', {
      reports: reports.map((r) => ({ ...r, quarter: quarterOf(r.quarter_start) })),
      quarters: plan ? quartersBetween(plan.starts_on, todayIso()) : [],
    })
  })

  router.post('/reports', readDraft, editAny, async (req, res) => {
    const { council } = context(req)
    const plan = await findCurrentPlan(db, council.organisationId)
    const allowed = plan ? quartersBetween(plan.starts_on, todayIso()).map((q) => q.start) : []
    const chosen = typeof req.body.quarter === 'string' ? req.body.quarter : ''
    if (!allowed.includes(chosen)) throw new BadRequestError('Not a quarter of this plan')
    const report = await db.transaction().execute((trx) => repo.draftFor(trx, actor(req), chosen))
    res.redirect(P.report(council.slug, report.id))
  })

  async function renderReport(
    req: Request,
    res: Response,
    extra: { values?: Record<string, unknown>; errors?: FormErrors; status?: number } = {},
  ) {
    const { council, user } = context(req)
    const report = reportOf(res)
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
      strandLeads: new Map((await leadsOf(req)).map((s) => [s.id, s.lead_user_id])),
      previous: previous && previous.id !== report.id ? previous : null,
      values: extra.values ?? {
        summary: report.summary,
        recommendations: report.recommendations,
        decisions: report.decisions,
      },
      errors: extra.errors,
    })
  }

  async function leadsOf(req: Request) {
    const plan = await findCurrentPlan(db, context(req).council.organisationId)
    return plan ? (await loadPlanTree(db, plan.id)).strands : []
  }

  router.get('/reports/:reportId', readPublished, async (req, res) => {
    await renderReport(req, res)
  })

  router.get('/reports/:reportId/print', readPublished, async (req, res) => {
    const { council } = context(req)
    const report = reportOf(res)
    res.render('reports/views/report-print.njk', {
      report,
      content: await reportContent(db, council, report),
      print: true,
    })
  })

  router.get('/reports/:reportId/export.:format', readPublished, async (req, res) => {
    const { council } = context(req)
    const report = reportOf(res)
    const content = await reportContent(db, council, report)
    const name = `${council.slug}-${content.quarter.label.replace(/[^A-Za-z0-9]+/g, '-')}-progress-report${report.status === 'draft' ? '-draft' : ''}`
    const status =
      report.status === 'published'
        ? `Published ${formatDateTime(report.published_at)}.`
        : `Draft as at ${formatDate(content.quarter.end)}, produced ${formatDateTime(new Date())}.`
    switch (req.params.format) {
      case 'xlsx':
        return res
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .attachment(`${name}.xlsx`)
          .send(await reportXlsx(content))
      case 'docx': {
        const charts = [...new Set(content.strands.flatMap((s) => s.measures.map((m) => m.chart)))]
        const pngs = await svgsToPng(charts)
        const images = new Map(charts.map((svg, i) => [svg, pngs[i]!]))
        return res
          .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
          .attachment(`${name}.docx`)
          .send(await reportDocx(content, images, status))
      }
      case 'pdf': {
        const html = await renderToString(res, 'reports/views/report-print.njk', {
          report,
          content,
          inlineCss: await printCss(),
        })
        return res
          .type('application/pdf')
          .attachment(`${name}.pdf`)
          .send(await htmlToPdf(chromiumPath, html))
      }
      default:
        throw new NotFoundError()
    }
  })

  router.post('/reports/:reportId/narrative', readDraft, editAny, async (req, res) => {
    const report = reportOf(res)
    requireDraft(report)
    const form = parseForm(narrativeSchema, req.body)
    if (!form.ok) return renderReport(req, res, { values: req.body, errors: form.errors, status: 400 })
    await db.transaction().execute((trx) => repo.saveNarrative(trx, actor(req), report, form.value))
    req.session.flash = { heading: 'Report text saved' }
    res.redirect(`${P.report(context(req).council.slug, report.id)}#narrative`)
  })

  router.post('/reports/:reportId/strands/:strandId/commentary', readDraft, async (req, res) => {
    const report = reportOf(res)
    const { council, user } = context(req)
    const strandId = parseId(req.params.strandId)
    const strand = strandId ? await findStrand(db, council.organisationId, strandId) : undefined
    if (!strand) throw new NotFoundError()
    if (!canEditStrand(council.role, user.id, strand.lead_user_id)) throw new ForbiddenError()
    requireDraft(report)
    const form = parseForm(commentarySchema, req.body)
    if (!form.ok) return renderReport(req, res, { values: req.body, errors: form.errors, status: 400 })
    await db.transaction().execute((trx) => repo.saveCommentary(trx, actor(req), report.id, strand.id, form.value))
    req.session.flash = { heading: `Commentary for strand ${strand.code} saved` }
    res.redirect(`${P.report(council.slug, report.id)}#strand-${strand.id}`)
  })

  router.post('/reports/:reportId/overrides', readDraft, editAny, async (req, res) => {
    const report = reportOf(res)
    requireDraft(report)
    const form = parseForm(overrideSchema, req.body)
    if (!form.ok) return renderReport(req, res, { values: req.body, errors: form.errors, status: 400 })
    const [entityType, id] = form.value.entity.split(':') as ['strand' | 'objective', string]
    const content = await draftContent(db, context(req).council, report)
    const known =
      entityType === 'strand'
        ? content.strands.some((s) => s.id === Number(id))
        : content.strands.some((s) => s.objectives.some((o) => o.id === Number(id)))
    if (!known) throw new NotFoundError()
    await db.transaction().execute((trx) =>
      repo.setOverride(trx, actor(req), report.id, {
        entityType,
        entityId: Number(id),
        rag: form.value.rag,
        reason: form.value.reason,
      }),
    )
    req.session.flash = {
      heading:
        form.value.rag === 'derived' ? 'Status returned to the rule' : `Status set to ${RAG_LABELS[form.value.rag]}`,
    }
    res.redirect(`${P.report(context(req).council.slug, report.id)}#${entityType}-${id}`)
  })

  router.post('/reports/:reportId/publish', readDraft, requireCapability('plan:publish'), async (req, res) => {
    const report = reportOf(res)
    requireDraft(report)
    const { council } = context(req)
    const content = await draftContent(db, council, report)
    await db.transaction().execute((trx) => repo.publishReport(trx, actor(req), report, content))
    req.session.flash = { heading: `${content.quarter.label} report published` }
    res.redirect(P.report(council.slug, report.id))
  })

  router.get('/reports/:reportId/compare', readPublished, async (req, res) => {
    const { council } = context(req)
    const report = reportOf(res)
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

  // Partner requests: the simple record behind "contributions to strengthen".
  router.get('/partner-requests', readDraft, async (req, res) => {
    const { council } = context(req)
    res.render('reports/views/partner-requests.njk', {
      requests: await repo.listPartnerRequests(db, council.organisationId),
      strands: await leadsOf(req),
      values: {},
    })
  })

  router.post('/partner-requests', readDraft, editAny, async (req, res) => {
    const { council } = context(req)
    const form = parseForm(partnerRequestSchema, req.body, ['requestedOn', 'dueOn'])
    if (!form.ok) {
      return res.status(400).render('reports/views/partner-requests.njk', {
        requests: await repo.listPartnerRequests(db, council.organisationId),
        strands: await leadsOf(req),
        values: req.body,
        errors: form.errors,
      })
    }
    const strandId =
      form.value.strandId && (await findStrand(db, council.organisationId, form.value.strandId))
        ? form.value.strandId
        : null
    await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('partner_request')
        .values({
          organisation_id: council.organisationId,
          partner: form.value.partner,
          description: form.value.description,
          strand_id: strandId,
          requested_on: form.value.requestedOn!,
          due_on: form.value.dueOn!,
          created_by: actor(req).userId,
        })
        .returningAll()
        .executeTakeFirstOrThrow()
      await recordAudit(trx, {
        ...actor(req),
        entityType: 'partner_request',
        entityId: row.id,
        action: 'create',
        summary: `Asked ${row.partner} for a contribution`,
        after: row,
      })
    })
    req.session.flash = { heading: 'Request recorded' }
    res.redirect(P.partnerRequests(council.slug))
  })

  // Loaded before any role check, like every record named in a URL.
  router.param('requestId', async (req, res, next, value) => {
    try {
      const id = parseId(value)
      const found = id
        ? await db
            .selectFrom('partner_request')
            .selectAll()
            .where('id', '=', id)
            .where('organisation_id', '=', context(req).council.organisationId)
            .executeTakeFirst()
        : undefined
      if (!found) return next(new NotFoundError())
      res.locals.partnerRequest = found
      next()
    } catch (error) {
      next(error)
    }
  })

  router.post('/partner-requests/:requestId/received', readDraft, editAny, async (req, res) => {
    const { council } = context(req)
    const before = res.locals.partnerRequest as { id: number; partner: string; received_on: string | null }
    const today = todayIso()
    await db.transaction().execute(async (trx) => {
      await trx.updateTable('partner_request').set({ received_on: today }).where('id', '=', before.id).execute()
      await recordAudit(trx, {
        ...actor(req),
        entityType: 'partner_request',
        entityId: before.id,
        action: 'update',
        summary: `Contribution received from ${before.partner}`,
        before: { received_on: before.received_on },
        after: { received_on: today },
      })
    })
    req.session.flash = { heading: 'Marked as received' }
    res.redirect(P.partnerRequests(council.slug))
  })

  return router
}
