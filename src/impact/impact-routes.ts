// An objective's evidence of impact: the page that shows its linked measures, its evidence entries and the
// impact level they give today; adding an entry (with an optional attachment), downloading an attachment,
// and withdrawing an entry with a reason.
import { Router, type Request, type Response } from 'express'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { parseForm, formBody, singleError, type FormErrors } from '../web/forms.js'
import { recordParam } from '../web/records.js'
import { receiveOneFile } from '../web/upload.js'
import { NotFoundError } from '../web/errors.js'
import { todayIso } from '../shared/dates.js'
import { planParams, mayEdit, requireEdit } from '../plan/plan-params.js'
import { EVIDENCE_DIRECTIONS, EVIDENCE_KINDS } from '../db/database.js'
import { addEvidence, findEvidence, readAttachment, withdrawEvidence } from './evidence-repository.js'
import { objectiveImpact } from './objective-impact.js'
import { EVIDENCE_DIRECTION_LABELS, EVIDENCE_KIND_LABELS } from './evidence-kinds.js'
import { IMPACT_LABELS, IMPACT_TAG_CLASSES } from './impact-rules.js'
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES_TEXT,
  EVIDENCE_DATE_FIELDS,
  checkAttachment,
  evidenceSchema,
  safeFileName,
  withdrawSchema,
} from './evidence-validation.js'

const P = paths.council

export function impactRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const readDraft = requireCapability('plan:read-draft')
  const { objective } = planParams(db)
  objective.register(router)
  const evidence = recordParam('evidenceId', (id, { council }) => findEvidence(db, council.organisationId, id))
  evidence.register(router)

  async function renderPage(
    req: Request,
    res: Response,
    form: { values?: Record<string, unknown>; errors?: FormErrors; status?: number } = {},
  ) {
    const found = objective.of(res)
    const { council } = context(req)
    const today = todayIso()
    const impact = await objectiveImpact(db, council.organisationId, found.id, today)
    res.status(form.status ?? (form.errors ? 400 : 200)).render('impact/views/objective-evidence.njk', {
      objective: found,
      ...impact,
      today,
      editable: mayEdit(req, found.lead_user_id),
      impactLabels: IMPACT_LABELS,
      impactTagClasses: IMPACT_TAG_CLASSES,
      kindItems: EVIDENCE_KINDS.map((k) => ({ value: k, text: EVIDENCE_KIND_LABELS[k] })),
      directionItems: EVIDENCE_DIRECTIONS.map((d) => ({ value: d, text: EVIDENCE_DIRECTION_LABELS[d] })),
      directionLabels: EVIDENCE_DIRECTION_LABELS,
      attachmentRule: `Optional. A ${ATTACHMENT_TYPES_TEXT} file up to ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB. Do not attach anything that names a child or family.`,
      values: form.values ?? {},
      errors: form.errors,
    })
  }

  router.get(P.objectiveEvidence.pattern, readDraft, async (req, res) => {
    await renderPage(req, res)
  })

  router.post(
    P.objectiveEvidence.pattern,
    readDraft,
    ...receiveOneFile(
      ATTACHMENT_MAX_BYTES,
      (req, res, message, status) =>
        renderPage(req, res, { values: formBody(req), errors: singleError('file', message), status }),
      'Attach one file',
    ),
    async (req, res) => {
      const found = objective.of(res)
      requireEdit(req, found.lead_user_id)
      const form = parseForm(evidenceSchema(todayIso()), req.body, EVIDENCE_DATE_FIELDS)
      if (!form.ok) return renderPage(req, res, { values: formBody(req), errors: form.errors })
      let attachment = null
      if (req.file) {
        const name = safeFileName(req.file.originalname)
        const checked = checkAttachment(name, req.file.buffer)
        if (!checked.ok)
          return renderPage(req, res, { values: formBody(req), errors: singleError('file', checked.message) })
        attachment = { name, type: checked.type, bytes: req.file.buffer }
      }
      const { council, actor } = context(req)
      const { observedOn, kind, direction, summary } = form.value
      await db
        .transaction()
        .execute((trx) =>
          addEvidence(trx, actor, found.id, { observedOn: observedOn!, kind, direction, summary, attachment }),
        )
      flash(req, 'Evidence added')
      res.redirect(`${P.objectiveEvidence(council.slug, found.id)}#evidence`)
    },
  )

  router.get(P.evidenceAttachment.pattern, readDraft, async (req, res) => {
    const entry = evidence.of(res)
    const file = await readAttachment(db, entry.id)
    if (!file?.attachment || !file.attachment_name || !file.attachment_type) throw new NotFoundError()
    res.type(file.attachment_type).attachment(file.attachment_name).send(file.attachment)
  })

  function renderWithdraw(res: Response, values: Record<string, unknown>, errors?: FormErrors) {
    res
      .status(errors ? 400 : 200)
      .render('impact/views/evidence-withdraw.njk', { entry: evidence.of(res), values, errors })
  }

  router.get(P.withdrawEvidence.pattern, readDraft, (req, res) => {
    requireEdit(req, evidence.of(res).lead_user_id)
    renderWithdraw(res, {})
  })

  router.post(P.withdrawEvidence.pattern, readDraft, async (req, res) => {
    const entry = evidence.of(res)
    requireEdit(req, entry.lead_user_id)
    const form = parseForm(withdrawSchema, req.body)
    if (!form.ok) return renderWithdraw(res, formBody(req), form.errors)
    const { council, actor } = context(req)
    const withdrawn = await db.transaction().execute((trx) => withdrawEvidence(trx, actor, entry.id, form.value.reason))
    flash(req, withdrawn ? 'Evidence entry withdrawn' : 'That entry was already withdrawn')
    res.redirect(`${P.objectiveEvidence(council.slug, entry.objective_id)}#evidence`)
  })

  return router
}
