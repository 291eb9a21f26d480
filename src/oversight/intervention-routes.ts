// Notices and Directions: recording and changing one, its compliance view (one row per numbered
// requirement, with its state and evidence) and the same as CSV; adding and changing its requirements.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { INTERVENTION_KINDS, OVERSEER_ROLES, type Intervention, type InterventionRequirement } from '../db/database.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import {
  dateInput,
  formBody,
  optionalText,
  parseForm,
  requiredText,
  singleError,
  type FormErrors,
} from '../web/forms.js'
import { recordParam } from '../web/records.js'
import { toCsv } from '../shared/csv.js'
import { dateParts, todayIso } from '../shared/dates.js'
import { loadLinks } from './link-repository.js'
import * as repo from './intervention-repository.js'
import { COMPLIANCE_CSV_HEADER, complianceCounts, complianceCsvRows, complianceRows } from './compliance.js'
import { EVENT_KIND_LABELS, INTERVENTION_KIND_LABELS, OVERSEER_ROLE_LABELS } from './event-kinds.js'
import { inForce } from './schedule.js'
import { isUniqueViolation } from '../db/errors.js'

const P = paths.council
const INTERVENTION_DATES = ['issuedOn', 'endedOn']

/** A number of months from 1 to 24 (the database's range), or null when optional and left empty. */
function months(label: string, required: boolean) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().transform((text, ctx) => {
      if (text === '') {
        if (required) ctx.addIssue({ code: 'custom', message: `Enter ${label}, in months` })
        return null
      }
      if (!/^\d{1,2}$/.test(text) || Number(text) < 1 || Number(text) > 24) {
        ctx.addIssue({ code: 'custom', message: `Enter ${label} as a whole number of months from 1 to 24, like 6` })
        return null
      }
      return Number(text)
    }),
  )
}

const interventionSchema = z.object({
  kind: z.enum(INTERVENTION_KINDS, { error: 'Select whether it is an Improvement Notice or a Statutory Direction' }),
  title: requiredText('a title', 200),
  issuedOn: dateInput('the day it was issued', { required: true }),
  issuedBy: requiredText('who issued it', 200),
  overseerRole: z.enum(OVERSEER_ROLES, { error: 'Select who oversees the council’s progress' }),
  reviewIntervalMonths: months('how often DfE reviews progress', true),
  monitoringIntervalMonths: months('how often Ofsted monitoring visits are expected', false),
  summary: optionalText('the summary', 4000),
  endedOn: dateInput('the day it ended', { required: false }),
  endedNote: optionalText('the note on its ending', 1000),
})

const requirementSchema = z.object({
  paragraph: requiredText('the paragraph number, like 5b', 12),
  title: requiredText('a short title', 300),
  dueOn: dateInput('the due date', { required: false }),
})

const dateValues = (name: string, iso: string | null) => {
  const parts = dateParts(iso)
  return { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year }
}

/** The form's fields for a saved intervention (or the defaults of a new one). */
function interventionValues(i: Intervention | undefined): Record<string, unknown> {
  if (!i) return { issuedBy: 'Department for Education', reviewIntervalMonths: '6' }
  return {
    kind: i.kind,
    title: i.title,
    ...dateValues('issuedOn', i.issued_on),
    issuedBy: i.issued_by,
    overseerRole: i.overseer_role,
    reviewIntervalMonths: String(i.review_interval_months),
    monitoringIntervalMonths: i.monitoring_interval_months === null ? '' : String(i.monitoring_interval_months),
    summary: i.summary,
    ...dateValues('endedOn', i.ended_on),
    endedNote: i.ended_note,
  }
}

/** Parses the intervention form: what to save, or the errors to show. */
function parseIntervention(
  body: unknown,
): { ok: true; value: repo.InterventionInput } | { ok: false; errors: FormErrors } {
  const form = parseForm(interventionSchema, body, INTERVENTION_DATES)
  if (!form.ok) return form
  const v = form.value
  if (v.endedOn !== null && v.issuedOn !== null && v.endedOn < v.issuedOn) {
    const text = 'The day it ended must be the same as or after the day it was issued'
    return { ok: false, errors: { summary: [{ text, href: '#endedOn-day' }], fields: { endedOn: { text } } } }
  }
  return {
    ok: true,
    value: {
      kind: v.kind,
      title: v.title,
      issued_on: v.issuedOn!,
      issued_by: v.issuedBy,
      overseer_role: v.overseerRole,
      review_interval_months: v.reviewIntervalMonths!,
      monitoring_interval_months: v.monitoringIntervalMonths,
      summary: v.summary,
      ended_on: v.endedOn,
      ended_note: v.endedNote,
    },
  }
}

export function interventionRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('oversight:read')
  const edit = requireCapability('oversight:edit')

  // Another council's intervention or requirement is a 404 for everyone, before any role check.
  const interventionParam = recordParam('interventionId', (id, { council }) =>
    repo.findIntervention(db, council.organisationId, id),
  )
  interventionParam.register(router)
  const requirementParam = recordParam('requirementId', (id, { council }) =>
    repo.findRequirement(db, council.organisationId, id),
  )
  requirementParam.register(router)

  const kindItems = (values: Record<string, unknown>) =>
    INTERVENTION_KINDS.map((k) => ({ value: k, text: INTERVENTION_KIND_LABELS[k], checked: values.kind === k }))
  const overseerItems = (values: Record<string, unknown>) =>
    OVERSEER_ROLES.map((r) => ({ value: r, text: OVERSEER_ROLE_LABELS[r], checked: values.overseerRole === r }))

  const renderInterventionForm = (
    res: Response,
    view: { intervention?: Intervention; values: Record<string, unknown>; errors?: FormErrors },
  ) =>
    res.status(view.errors ? 400 : 200).render('oversight/views/intervention-form.njk', {
      ...view,
      kindItems: kindItems(view.values),
      overseerItems: overseerItems(view.values),
    })

  async function saveIntervention(req: Request, res: Response, intervention: Intervention | undefined) {
    const { council, actor } = context(req)
    const form = parseIntervention(req.body)
    if (!form.ok) return renderInterventionForm(res, { intervention, values: formBody(req), errors: form.errors })
    const saved = await db
      .transaction()
      .execute((trx) =>
        intervention
          ? repo.updateIntervention(trx, actor, intervention, form.value)
          : repo.createIntervention(trx, actor, form.value),
      )
    flash(req, intervention ? `${saved.title} updated` : `${saved.title} recorded`)
    res.redirect(P.intervention(council.slug, saved.id))
  }

  // Registered before the intervention's page: "new" is not an id.
  router.get(P.newIntervention.pattern, read, edit, (_req, res) =>
    renderInterventionForm(res, { values: interventionValues(undefined) }),
  )
  router.post(P.newIntervention.pattern, read, edit, (req, res) => saveIntervention(req, res, undefined))

  router.get(P.editIntervention.pattern, read, edit, (_req, res) => {
    const intervention = interventionParam.of(res)
    renderInterventionForm(res, { intervention, values: interventionValues(intervention) })
  })
  router.post(P.editIntervention.pattern, read, edit, (req, res) =>
    saveIntervention(req, res, interventionParam.of(res)),
  )

  /** The requirements with their states and evidence, as the page and the CSV show them. */
  async function compliance(intervention: Intervention, organisationId: number, today: string) {
    const requirements = await repo.listRequirements(db, intervention.id)
    const links = await loadLinks(
      db,
      organisationId,
      requirements.map((r) => ({ type: 'requirement' as const, id: r.id })),
    )
    return complianceRows(requirements, links, today)
  }

  router.get(P.intervention.pattern, read, async (req, res) => {
    const { council } = context(req)
    const intervention = interventionParam.of(res)
    const today = todayIso()
    const rows = await compliance(intervention, council.organisationId, today)
    const events = await repo.listInterventionEvents(db, council.organisationId, intervention.id)
    res.render('oversight/views/intervention.njk', {
      intervention,
      kindLabel: INTERVENTION_KIND_LABELS[intervention.kind],
      overseerLabel: OVERSEER_ROLE_LABELS[intervention.overseer_role],
      inForce: inForce(intervention, today),
      rows,
      counts: complianceCounts(rows),
      events: events.map((e) => ({ ...e, kindLabel: EVENT_KIND_LABELS[e.kind] })),
    })
  })

  router.get(P.complianceCsv.pattern, read, async (req, res) => {
    const { council } = context(req)
    const intervention = interventionParam.of(res)
    const rows = await compliance(intervention, council.organisationId, todayIso())
    res
      .type('text/csv')
      .attachment(`compliance-${council.slug}-${intervention.id}.csv`)
      .send(toCsv(COMPLIANCE_CSV_HEADER, complianceCsvRows(rows)))
  })

  const renderRequirementForm = (
    res: Response,
    view: {
      intervention: Pick<Intervention, 'id' | 'title' | 'kind'>
      requirement?: InterventionRequirement
      values: Record<string, unknown>
      errors?: FormErrors
    },
  ) =>
    res.status(view.errors ? 400 : 200).render('oversight/views/requirement-form.njk', {
      ...view,
      kindLabel: INTERVENTION_KIND_LABELS[view.intervention.kind],
    })

  async function saveRequirement(
    req: Request,
    res: Response,
    intervention: Intervention,
    requirement: repo.RequirementWithIntervention | undefined,
  ) {
    const { council, actor } = context(req)
    const view = { intervention, requirement, values: formBody(req) }
    const form = parseForm(requirementSchema, req.body, ['dueOn'])
    if (!form.ok) return renderRequirementForm(res, { ...view, errors: form.errors })
    const input: repo.RequirementInput = {
      paragraph: form.value.paragraph,
      title: form.value.title,
      due_on: form.value.dueOn,
    }
    const taken = () =>
      renderRequirementForm(res, {
        ...view,
        errors: singleError(
          'paragraph',
          `Paragraph ${input.paragraph} is already in this ${INTERVENTION_KIND_LABELS[intervention.kind]}: give each requirement its own paragraph number`,
        ),
      })
    if (await repo.paragraphTaken(db, intervention.id, input.paragraph, requirement?.id)) return taken()
    try {
      await db
        .transaction()
        .execute((trx) =>
          requirement
            ? repo.updateRequirement(trx, actor, requirement, input)
            : repo.createRequirement(trx, actor, intervention, input),
        )
    } catch (error) {
      if (isUniqueViolation(error)) return taken()
      throw error
    }
    flash(req, requirement ? `Paragraph ${input.paragraph} updated` : `Paragraph ${input.paragraph} added`)
    res.redirect(P.intervention(council.slug, intervention.id))
  }

  router.get(P.newRequirement.pattern, read, edit, (_req, res) =>
    renderRequirementForm(res, { intervention: interventionParam.of(res), values: {} }),
  )
  router.post(P.newRequirement.pattern, read, edit, (req, res) =>
    saveRequirement(req, res, interventionParam.of(res), undefined),
  )

  router.get(P.editRequirement.pattern, read, edit, (_req, res) => {
    const requirement = requirementParam.of(res)
    renderRequirementForm(res, {
      intervention: {
        id: requirement.intervention_id,
        title: requirement.intervention_title,
        kind: requirement.intervention_kind,
      },
      requirement,
      values: {
        paragraph: requirement.paragraph,
        title: requirement.title,
        ...dateValues('dueOn', requirement.due_on),
      },
    })
  })
  router.post(P.editRequirement.pattern, read, edit, async (req, res) => {
    const { council } = context(req)
    const requirement = requirementParam.of(res)
    const intervention = await repo.findIntervention(db, council.organisationId, requirement.intervention_id)
    if (!intervention) throw new Error('A requirement without its intervention')
    await saveRequirement(req, res, intervention, requirement)
  })

  return router
}
