// The risk and issue register, scored on the 5x5 matrix: the register with its matrix and CSV, adding an
// item with its first score, its page with the assessment history, re-assessing it, changing its details
// and escalation to the Board, and closing or reopening it. Reading needs oversight:read; changing needs
// risks:edit (administrators and the improvement team).
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { RISK_KINDS, type RiskKind } from '../db/database.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { recordParam } from '../web/records.js'
import {
  changedMessage,
  dateInput,
  expectedVersionOf,
  formBody,
  optionalText,
  parseForm,
  requiredText,
  singleError,
  type FormErrors,
} from '../web/forms.js'
import { dateParts, formatDate, todayIso } from '../shared/dates.js'
import { toCsv } from '../shared/csv.js'
import { plainText } from '../shared/text.js'
import {
  IMPACT_LABELS,
  LIKELIHOOD_LABELS,
  RISK_LEVEL_LABELS,
  RISK_TREND_LABELS,
  isOpenOn,
  riskLevel,
  riskMatrix,
  riskScore,
  scoreOn,
  type Scored,
} from './risk-rules.js'
import * as repo from './risk-repository.js'
import { EditConflictError, isUniqueViolation, versionOf } from '../db/errors.js'

const P = paths.council

export const RISK_KIND_LABELS: Record<RiskKind, string> = { risk: 'Risk', issue: 'Issue' }

const ISSUE_LIKELIHOOD = 5

// ---------------------------------------------------------------------------------------------------------
// Forms
// ---------------------------------------------------------------------------------------------------------

const rating = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z
      .string()
      .regex(/^[1-5]$/, `Choose the ${label}, from 1 to 5`)
      .transform(Number),
  )

const detailsShape = {
  reference: requiredText('a reference', 20),
  title: requiredText('a title', 200),
  description: optionalText('the description', 5000),
  strandId: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string()),
  owner: requiredText('who owns it', 200),
  mitigations: optionalText('the mitigations', 5000),
  escalated: z.preprocess((v) => v === 'yes', z.boolean()),
  escalatedOn: dateInput('the date it was escalated to the Board', { required: false }),
}

const newRiskSchema = z.object({
  kind: z.enum(RISK_KINDS, { error: 'Choose whether it is a risk or an issue' }),
  ...detailsShape,
  openedOn: dateInput('the date it was opened', { required: true }),
  likelihood: rating('likelihood'),
  impact: rating('impact'),
  note: optionalText('the note', 2000),
})

const editRiskSchema = z.object(detailsShape)

const assessSchema = z.object({
  assessedOn: dateInput('the date of the assessment', { required: true }),
  likelihood: rating('likelihood'),
  impact: rating('impact'),
  note: optionalText('the note', 2000),
})

const closeSchema = z.discriminatedUnion(
  'action',
  [
    z.object({
      action: z.literal('close'),
      closedOn: dateInput('the date it was closed', { required: true }),
      closedNote: requiredText('why it is closed', 2000),
    }),
    z.object({ action: z.literal('reopen') }),
  ],
  { error: 'Choose whether to close or reopen it' },
)

const filterSchema = z.object({
  status: z.enum(['open', 'closed', 'all']).catch('open'),
  kind: z.enum(['all', ...RISK_KINDS]).catch('all'),
  strand: z
    .string()
    .regex(/^(none|\d{1,9})$/)
    .catch(''),
})

/** Adds an error found after parsing (a clash, a date out of order) to a form's errors. */
function addError(errors: FormErrors | undefined, field: string, text: string, isDate = false): FormErrors {
  const out = errors ?? { summary: [], fields: {} }
  if (!out.fields[field]) {
    out.fields[field] = { text }
    out.summary.push({ text, href: isDate ? `#${field}-day` : `#${field}` })
  }
  return out
}

/** A body where an issue's likelihood is 5, whatever was sent: an issue is already happening. */
function withIssueLikelihood(body: Record<string, unknown>, kind: RiskKind | undefined): Record<string, unknown> {
  return kind === 'issue' ? { ...body, likelihood: String(ISSUE_LIKELIHOOD) } : body
}

function dateValues(name: string, iso: string | null): Record<string, string> {
  const parts = dateParts(iso)
  return { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year }
}

// ---------------------------------------------------------------------------------------------------------
// How an item reads in the register
// ---------------------------------------------------------------------------------------------------------

export interface RegisterItem {
  id: number
  reference: string
  kind: RiskKind
  title: string
  strand: string
  strandId: number | null
  owner: string
  openedOn: string
  escalatedOn: string | null
  closedOn: string | null
  open: boolean
  scored: Scored<repo.AssessmentRow> | undefined
}

function registerItems(risks: repo.RiskListRow[], assessments: repo.AssessmentRow[], today: string): RegisterItem[] {
  const byRisk = new Map<number, repo.AssessmentRow[]>()
  for (const a of assessments) byRisk.set(a.risk_id, [...(byRisk.get(a.risk_id) ?? []), a])
  return risks
    .map((r) => ({
      id: r.id,
      reference: r.reference,
      kind: r.kind,
      title: r.title,
      strand: repo.strandLabel(r.strand_code, r.strand_title),
      strandId: r.strand_id,
      owner: r.owner,
      openedOn: r.opened_on,
      escalatedOn: r.escalated_on,
      closedOn: r.closed_on,
      open: isOpenOn(r, today) || r.opened_on > today,
      scored: scoreOn(byRisk.get(r.id) ?? [], today),
    }))
    .sort(
      (a, b) =>
        Number(b.open) - Number(a.open) ||
        (b.scored?.score ?? 0) - (a.scored?.score ?? 0) ||
        a.reference.localeCompare(b.reference, 'en-GB', { numeric: true, sensitivity: 'base' }) ||
        a.id - b.id,
    )
}

const RATING_ITEMS = (labels: Record<number, string>, chosen: unknown) =>
  [1, 2, 3, 4, 5].map((n) => ({
    value: String(n),
    text: `${n}: ${labels[n]}`,
    checked: plainText(chosen) === String(n),
  }))

// ---------------------------------------------------------------------------------------------------------
// Routes
// ---------------------------------------------------------------------------------------------------------

export function riskRoutes(db: Db, publicUrl = ''): Router {
  void publicUrl
  const router = Router({ mergeParams: true })
  const read = requireCapability('oversight:read')
  const edit = requireCapability('risks:edit')

  // Another council's item is a 404 for everyone, before any role check.
  const riskParam = recordParam('riskId', (id, { council }) => repo.findRisk(db, council.organisationId, id))
  riskParam.register(router)

  router.get(P.risks.pattern, read, async (req, res) => {
    const { council } = context(req)
    const filter = filterSchema.parse({
      status: req.query.status,
      kind: req.query.kind,
      strand: typeof req.query.strand === 'string' ? req.query.strand : '',
    })
    const today = todayIso()
    const [risks, assessments] = await Promise.all([
      repo.listRisks(db, council.organisationId),
      repo.listAssessments(db, council.organisationId),
    ])
    const all = registerItems(risks, assessments, today)
    const openScored = all.filter((i) => i.open && i.scored).map((i) => i.scored!)
    const shown = all.filter(
      (i) =>
        (filter.status === 'all' || (filter.status === 'open') === i.open) &&
        (filter.kind === 'all' || filter.kind === i.kind) &&
        (filter.strand === '' ||
          (filter.strand === 'none' ? i.strandId === null : String(i.strandId) === filter.strand)),
    )
    // The strands to filter by: those the council’s items are linked to, in order of their labels.
    const strands = new Map<number, string>()
    for (const i of [...all].sort((a, b) => a.strand.localeCompare(b.strand, 'en-GB', { numeric: true })))
      if (i.strandId !== null) strands.set(i.strandId, i.strand)
    res.render('governance/views/risks.njk', {
      filter,
      items: shown,
      total: all.length,
      matrix: riskMatrix(openScored),
      openCount: all.filter((i) => i.open).length,
      escalatedCount: all.filter((i) => i.open && i.escalatedOn !== null).length,
      today,
      kindLabels: RISK_KIND_LABELS,
      trendLabels: RISK_TREND_LABELS,
      strandItems: [
        { value: '', text: 'All strands', selected: filter.strand === '' },
        { value: 'none', text: 'No strand', selected: filter.strand === 'none' },
        ...[...strands].map(([id, label]) => ({
          value: String(id),
          text: label,
          selected: filter.strand === String(id),
        })),
      ],
    })
  })

  router.get(P.risksCsv.pattern, read, async (req, res) => {
    const { council } = context(req)
    const [risks, assessments] = await Promise.all([
      repo.listRisks(db, council.organisationId),
      repo.listAssessments(db, council.organisationId),
    ])
    const byId = new Map(risks.map((r) => [r.id, r]))
    const rows = registerItems(risks, assessments, todayIso()).map((i) => {
      const r = byId.get(i.id)!
      const s = i.scored
      return [
        i.reference,
        i.kind,
        i.title,
        r.description,
        r.strand_code,
        r.strand_title,
        i.owner,
        r.mitigations,
        i.openedOn,
        i.escalatedOn,
        i.closedOn,
        r.closed_note,
        i.open ? 'open' : 'closed',
        s?.current.assessed_on,
        s?.likelihood,
        s?.impact,
        s?.score,
        s ? s.level : null,
        s ? s.trend : null,
        s?.trendText,
        s?.previous ? s.previous.likelihood * s.previous.impact : null,
        s?.previous?.assessed_on,
      ]
    })
    res
      .type('text/csv')
      .attachment('risks-and-issues.csv')
      .send(
        toCsv(
          [
            'reference',
            'kind',
            'title',
            'description',
            'strand_code',
            'strand',
            'owner',
            'mitigations',
            'opened_on',
            'escalated_on',
            'closed_on',
            'closed_note',
            'status',
            'assessed_on',
            'likelihood',
            'impact',
            'score',
            'level',
            'trend',
            'trend_text',
            'previous_score',
            'previous_assessed_on',
          ],
          rows,
        ),
      )
  })

  /** The strands a risk may link to: the current plan's, and the one it already links to if that is older. */
  async function strandItems(req: Request, chosen: string, risk?: repo.Risk) {
    const strands = await repo.strandChoices(db, context(req).council.organisationId)
    const items = [
      { value: '', text: 'None', selected: chosen === '' },
      ...strands.map((s) => ({
        value: String(s.id),
        text: `${repo.strandLabel(s.code, s.title)}${s.status === 'retired' ? ' (retired)' : ''}`,
        selected: chosen === String(s.id),
      })),
    ]
    if (risk?.strand_id && !strands.some((s) => s.id === risk.strand_id))
      items.push({
        value: String(risk.strand_id),
        text: `${repo.strandLabel(risk.strand_code, risk.strand_title)} (an earlier plan)`,
        selected: chosen === String(risk.strand_id),
      })
    return items
  }

  async function renderForm(
    req: Request,
    res: Response,
    view: { risk?: repo.Risk; values: Record<string, unknown>; errors?: FormErrors | undefined },
  ) {
    const chosen = typeof view.values.strandId === 'string' ? view.values.strandId : ''
    res.status(view.errors ? 400 : 200).render('governance/views/risk-form.njk', {
      ...view,
      strandItems: await strandItems(req, chosen, view.risk),
      likelihoodItems: RATING_ITEMS(LIKELIHOOD_LABELS, view.values.likelihood),
      impactItems: RATING_ITEMS(IMPACT_LABELS, view.values.impact),
      kindLabels: RISK_KIND_LABELS,
    })
  }

  /** Checks what parsing cannot: the strand is the council's, the reference is free, dates are in order. */
  async function checkDetails(
    req: Request,
    details: z.output<typeof editRiskSchema>,
    openedOn: string,
    errors: FormErrors | undefined,
    exceptId?: number,
  ): Promise<{ errors: FormErrors | undefined; strandId: number | null }> {
    const { council } = context(req)
    const today = todayIso()
    let strandId: number | null = null
    if (details.strandId !== '') {
      const strand = /^\d{1,9}$/.test(details.strandId)
        ? await repo.findCouncilStrand(db, council.organisationId, Number(details.strandId))
        : undefined
      if (!strand) errors = addError(errors, 'strandId', 'Choose a strand from the list, or None')
      else strandId = strand.id
    }
    if (await repo.referenceTaken(db, council.organisationId, details.reference, exceptId))
      errors = addError(
        errors,
        'reference',
        `Another risk or issue already has the reference ${details.reference}: choose another`,
      )
    if (details.escalated) {
      if (details.escalatedOn === null)
        errors = addError(errors, 'escalatedOn', 'Enter the date it was escalated to the Board', true)
      else if (details.escalatedOn < openedOn)
        errors = addError(
          errors,
          'escalatedOn',
          `The date it was escalated must be on or after the day it was opened, ${formatDate(openedOn)}`,
          true,
        )
      else if (details.escalatedOn > today)
        errors = addError(errors, 'escalatedOn', 'The date it was escalated must be today or in the past', true)
    }
    return { errors, strandId }
  }

  const detailsOf = (d: z.output<typeof editRiskSchema>, strandId: number | null): repo.RiskDetails => ({
    reference: d.reference,
    title: d.title,
    description: d.description,
    strand_id: strandId,
    owner: d.owner,
    mitigations: d.mitigations,
    escalated_on: d.escalated ? d.escalatedOn : null,
  })

  router.get(P.newRisk.pattern, read, edit, (req, res) =>
    renderForm(req, res, {
      values: { kind: 'risk', ...dateValues('openedOn', todayIso()), ...dateValues('escalatedOn', todayIso()) },
    }),
  )

  router.post(P.newRisk.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const typed = formBody(req)
    const kind = RISK_KINDS.find((k) => k === typed.kind)
    const values = withIssueLikelihood(typed, kind)
    const form = parseForm(newRiskSchema, values, ['openedOn', 'escalatedOn'])
    if (!form.ok) return renderForm(req, res, { values, errors: form.errors })
    const v = form.value
    const openedOn = v.openedOn!
    let errors: FormErrors | undefined
    if (openedOn > todayIso())
      errors = addError(errors, 'openedOn', 'The date it was opened must be today or in the past', true)
    const checked = await checkDetails(req, v, openedOn, errors)
    if (checked.errors) return renderForm(req, res, { values, errors: checked.errors })
    const input: repo.NewRisk = { kind: v.kind, opened_on: openedOn, ...detailsOf(v, checked.strandId) }
    const first = {
      assessed_on: openedOn,
      likelihood: v.kind === 'issue' ? ISSUE_LIKELIHOOD : v.likelihood,
      impact: v.impact,
      note: v.note,
    }
    let saved
    try {
      saved = await db.transaction().execute((trx) => repo.createRisk(trx, actor, input, first))
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      return renderForm(req, res, {
        values,
        errors: addError(undefined, 'reference', `Another risk or issue already has the reference ${v.reference}`),
      })
    }
    flash(req, `${RISK_KIND_LABELS[saved.kind]} added`, `${saved.reference}: ${saved.title}`)
    res.redirect(P.risk(council.slug, saved.id))
  })

  // After /new, so that 'new' is never read as an id.
  router.get(P.risk.pattern, read, async (req, res) => {
    const risk = riskParam.of(res)
    await renderRisk(req, res, risk, { values: { ...dateValues('assessedOn', todayIso()) } })
  })

  async function renderRisk(
    req: Request,
    res: Response,
    risk: repo.Risk,
    view: { values: Record<string, unknown>; errors?: FormErrors },
    template = 'governance/views/risk.njk',
  ) {
    const { council } = context(req)
    const today = todayIso()
    const assessments = await repo.listAssessments(db, council.organisationId, risk.id)
    const scored = scoreOn(assessments, today)
    res.status(view.errors ? 400 : 200).render(template, {
      ...view,
      risk,
      strand: repo.strandLabel(risk.strand_code, risk.strand_title),
      kindLabel: RISK_KIND_LABELS[risk.kind],
      open: isOpenOn(risk, today) || risk.opened_on > today,
      scored,
      levelLabels: RISK_LEVEL_LABELS,
      history: [...assessments].reverse().map((a) => ({
        ...a,
        score: riskScore(a.likelihood, a.impact),
        level: riskLevel(riskScore(a.likelihood, a.impact)),
        inForce: scored?.current.id === a.id,
      })),
      likelihoodItems: RATING_ITEMS(LIKELIHOOD_LABELS, view.values.likelihood),
      impactItems: RATING_ITEMS(IMPACT_LABELS, view.values.impact),
      likelihoodLabels: LIKELIHOOD_LABELS,
      impactLabels: IMPACT_LABELS,
    })
  }

  router.get(P.assessRisk.pattern, read, edit, async (req, res) => {
    await renderRisk(
      req,
      res,
      riskParam.of(res),
      { values: dateValues('assessedOn', todayIso()) },
      'governance/views/risk-assess.njk',
    )
  })

  router.post(P.assessRisk.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const risk = riskParam.of(res)
    const values = withIssueLikelihood(formBody(req), risk.kind)
    const again = (errors: FormErrors) =>
      renderRisk(req, res, risk, { values, errors }, 'governance/views/risk-assess.njk')
    const today = todayIso()
    if (!isOpenOn(risk, today) && risk.opened_on <= today)
      return again(addError(undefined, 'assessedOn', `Reopen this ${risk.kind} before you re-assess it`, true))
    const form = parseForm(assessSchema, values, ['assessedOn'])
    if (!form.ok) return again(form.errors)
    const assessedOn = form.value.assessedOn!
    if (assessedOn < risk.opened_on)
      return again(
        addError(
          undefined,
          'assessedOn',
          `The date of the assessment must be on or after the day it was opened, ${formatDate(risk.opened_on)}`,
          true,
        ),
      )
    if (assessedOn > today)
      return again(addError(undefined, 'assessedOn', 'The date of the assessment must be today or in the past', true))
    await db.transaction().execute(async (trx) => {
      const before = scoreOn(await repo.listAssessments(trx, council.organisationId, risk.id), today)
      await repo.addAssessment(
        trx,
        actor,
        risk,
        {
          assessed_on: assessedOn,
          likelihood: risk.kind === 'issue' ? ISSUE_LIKELIHOOD : form.value.likelihood,
          impact: form.value.impact,
          note: form.value.note,
        },
        before?.current,
      )
    })
    flash(req, 'Assessment recorded', `${risk.reference}: ${risk.title}`)
    res.redirect(P.risk(council.slug, risk.id))
  })

  router.get(P.editRisk.pattern, read, edit, async (req, res) => {
    const risk = riskParam.of(res)
    await renderForm(req, res, {
      risk,
      values: {
        expectedVersion: versionOf(risk),
        reference: risk.reference,
        title: risk.title,
        description: risk.description,
        strandId: risk.strand_id === null ? '' : String(risk.strand_id),
        owner: risk.owner,
        mitigations: risk.mitigations,
        escalated: risk.escalated_on === null ? '' : 'yes',
        ...dateValues('escalatedOn', risk.escalated_on ?? todayIso()),
      },
    })
  })

  router.post(P.editRisk.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const risk = riskParam.of(res)
    const values = formBody(req)
    const form = parseForm(editRiskSchema, values, ['escalatedOn'])
    if (!form.ok) return renderForm(req, res, { risk, values, errors: form.errors })
    const checked = await checkDetails(req, form.value, risk.opened_on, undefined, risk.id)
    if (checked.errors) return renderForm(req, res, { risk, values, errors: checked.errors })
    const expected = expectedVersionOf(req)
    try {
      await db
        .transaction()
        .execute((trx) => repo.updateRisk(trx, actor, risk, detailsOf(form.value, checked.strandId), expected))
    } catch (error) {
      if (error instanceof EditConflictError) {
        return renderForm(req, res, {
          risk,
          values: { ...values, expectedVersion: versionOf(risk) },
          errors: singleError('reference', changedMessage(RISK_KIND_LABELS[risk.kind].toLowerCase())),
        })
      }
      if (!isUniqueViolation(error)) throw error
      return renderForm(req, res, {
        risk,
        values,
        errors: addError(
          undefined,
          'reference',
          `Another risk or issue already has the reference ${form.value.reference}`,
        ),
      })
    }
    flash(req, `${RISK_KIND_LABELS[risk.kind]} updated`, `${form.value.reference}: ${form.value.title}`)
    res.redirect(P.risk(council.slug, risk.id))
  })

  router.get(P.closeRisk.pattern, read, edit, async (req, res) => {
    await renderRisk(
      req,
      res,
      riskParam.of(res),
      { values: { ...dateValues('closedOn', todayIso()) } },
      'governance/views/risk-close.njk',
    )
  })

  router.post(P.closeRisk.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const risk = riskParam.of(res)
    const values = formBody(req)
    const again = (errors: FormErrors) =>
      renderRisk(req, res, risk, { values, errors }, 'governance/views/risk-close.njk')
    const form = parseForm(closeSchema, values, ['closedOn'])
    if (!form.ok) return again(form.errors)
    const closed = risk.closed_on !== null
    if (form.value.action === 'reopen') {
      if (!closed) return again(addError(undefined, 'action', `This ${risk.kind} is open already`))
      await db.transaction().execute((trx) => repo.reopenRisk(trx, actor, risk))
      flash(req, `${RISK_KIND_LABELS[risk.kind]} reopened`, `${risk.reference}: ${risk.title}`)
      return res.redirect(P.risk(council.slug, risk.id))
    }
    if (closed) return again(addError(undefined, 'action', `This ${risk.kind} is closed already`))
    const closedOn = form.value.closedOn!
    const note = form.value.closedNote
    if (closedOn < risk.opened_on)
      return again(
        addError(
          undefined,
          'closedOn',
          `The date it was closed must be on or after the day it was opened, ${formatDate(risk.opened_on)}`,
          true,
        ),
      )
    if (closedOn > todayIso())
      return again(addError(undefined, 'closedOn', 'The date it was closed must be today or in the past', true))
    await db.transaction().execute((trx) => repo.closeRisk(trx, actor, risk, closedOn, note))
    flash(req, `${RISK_KIND_LABELS[risk.kind]} closed`, `${risk.reference}: ${risk.title}`)
    res.redirect(P.risk(council.slug, risk.id))
  })

  return router
}
