// Case-file audits: the rounds with their percentage good or better and its trend, a round's page with its
// cases and the percentage by domain, adding a round, adding and changing an audited case (a case reference,
// never a name or a date of birth), closing a round as moderated (which feeds the council's measure) and a
// round's cases as CSV. Reading needs measures:read; changing needs practice:edit.
import { Router, type Request, type Response } from 'express'
import type { Db } from '../db/connect.js'
import { AUDIT_GRADES, MODERATION_OUTCOMES, SERVICE_AREAS } from '../db/database.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { recordParam } from '../web/records.js'
import { formBody, parseForm, singleError, type FormErrors } from '../web/forms.js'
import { formatDate, todayIso } from '../shared/dates.js'
import { toCsv } from '../shared/csv.js'
import { plainText } from '../shared/text.js'
import {
  DOMAINS,
  GRADE_LABELS,
  MODERATION_LABELS,
  REFERENCE_HINT,
  ROUND_STATUS_LABELS,
  SERVICE_AREA_LABELS,
  byDomain,
  finalOverall,
  moderationSummary,
  percentGoodOrBetter,
  percentText,
  roundName,
  roundTrend,
  type RoundChange,
} from './case-audit-rules.js'
import { caseSchema, closeSchema, roundSchema, withMonth, type CaseForm } from './case-audit-validation.js'
import * as repo from './case-audit-repository.js'
import { IMPORT_COLUMNS, MAX_IMPORT_ROWS, readCaseImport } from './case-audit-import.js'

const P = paths.council

const LABELS = {
  grades: GRADE_LABELS,
  areas: SERVICE_AREA_LABELS,
  moderation: MODERATION_LABELS,
  status: ROUND_STATUS_LABELS,
}

function monthLabel(month: string): string {
  return new Date(`${month}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })
}

function caseValues(c: repo.AuditedCase): Record<string, string> {
  return {
    reference: c.reference,
    serviceArea: c.service_area,
    gradeVoice: c.grade_voice,
    gradeAssessment: c.grade_assessment,
    gradePlanning: c.grade_planning,
    gradeOversight: c.grade_oversight,
    gradeOverall: c.grade_overall,
    moderation: c.moderation,
    moderatedOverall: c.moderated_overall ?? '',
  }
}

function caseInput(v: CaseForm): repo.CaseInput {
  const changed = v.moderation === 'raised' || v.moderation === 'lowered'
  return {
    reference: v.reference,
    service_area: v.serviceArea,
    grade_voice: v.gradeVoice,
    grade_assessment: v.gradeAssessment,
    grade_planning: v.gradePlanning,
    grade_oversight: v.gradeOversight,
    grade_overall: v.gradeOverall,
    moderation: v.moderation,
    moderated_overall: changed && v.moderatedOverall !== '' ? v.moderatedOverall : null,
  }
}

function addError(errors: FormErrors | undefined, field: string, text: string): FormErrors {
  if (!errors) return singleError(field, text)
  if (!errors.fields[field]) {
    errors.fields[field] = { text }
    errors.summary.push({ text, href: `#${field}` })
  }
  return errors
}

/** Each round with its cases' figures, newest first, and the changes between consecutive rounds. */
function roundRows(rounds: repo.AuditRound[], cases: repo.AuditedCase[]) {
  const byRound = new Map<number, repo.AuditedCase[]>()
  for (const c of cases) byRound.set(c.round_id, [...(byRound.get(c.round_id) ?? []), c])
  const rows = rounds.map((r) => {
    const list = byRound.get(r.id) ?? []
    const figure = percentGoodOrBetter(list.map(finalOverall))
    return {
      round: r,
      name: roundName({ title: r.title, auditMonth: r.audit_month }),
      month: monthLabel(r.audit_month),
      cases: list.length,
      figure,
    }
  })
  const trend = roundTrend(
    rows.map((r) => ({
      id: r.round.id,
      title: r.round.title,
      auditMonth: r.round.audit_month,
      percent: r.figure.percent,
    })),
  )
  const changeInto = new Map<number, RoundChange>(trend.map((t) => [t.to.id, t]))
  return { rows: rows.map((r) => ({ ...r, change: changeInto.get(r.round.id) })), trend }
}

export function caseAuditRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('measures:read')
  const edit = requireCapability('practice:edit')

  // Another council's round or case is a 404 for everyone, before any role check.
  const roundParam = recordParam('auditRoundId', (id, { council }) => repo.findRound(db, council.organisationId, id))
  const caseParam = recordParam('auditedCaseId', (id, { council }) => repo.findCase(db, council.organisationId, id))
  roundParam.register(router)
  caseParam.register(router)

  router.get(P.caseAudits.pattern, read, async (req, res) => {
    const { council } = context(req)
    const [rounds, cases, measure] = await Promise.all([
      repo.listRounds(db, council.organisationId),
      repo.listCases(db, council.organisationId),
      repo.findAuditMeasure(db, council.organisationId),
    ])
    const closed = rounds.filter((r) => r.status === 'closed')
    const { rows } = roundRows(rounds, cases)
    const { trend } = roundRows(
      closed,
      cases.filter((c) => closed.some((r) => r.id === c.round_id)),
    )
    res.render('practice/views/case-audits.njk', {
      rows,
      trend: [...trend].reverse(),
      measure,
      labels: LABELS,
      measureName: repo.CASE_AUDIT_MEASURE_NAME,
      percentText,
    })
  })

  router.get(P.newCaseAuditRound.pattern, read, edit, (_req, res) => {
    res.render('practice/views/case-audit-round-form.njk', { values: {} })
  })

  router.post(P.newCaseAuditRound.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const body = formBody(req)
    const parsed = parseForm(roundSchema, withMonth(body, 'auditMonth'))
    let errors = parsed.ok ? undefined : parsed.errors
    if (errors?.fields.auditMonth)
      errors.summary = errors.summary.map((s) => (s.href === '#auditMonth' ? { ...s, href: '#auditMonth-month' } : s))
    if (parsed.ok && (await repo.monthTaken(db, council.organisationId, parsed.value.auditMonth)))
      errors = {
        summary: [
          {
            text: 'There is already a round for that month: choose another month, or add the cases to that round',
            href: '#auditMonth-month',
          },
        ],
        fields: {
          auditMonth: {
            text: 'There is already a round for that month: choose another month, or add the cases to that round',
          },
        },
      }
    if (!parsed.ok || errors) {
      res.status(400).render('practice/views/case-audit-round-form.njk', { values: body, errors })
      return
    }
    const v = parsed.value
    const round = await db
      .transaction()
      .execute((trx) => repo.createRound(trx, actor, { title: v.title, audit_month: v.auditMonth, theme: v.theme }))
    flash(req, `Round ${round.title} added. Add its audited cases.`)
    res.redirect(P.caseAuditRound(council.slug, round.id))
  })

  router.get(P.caseAuditRound.pattern, read, async (req, res) => {
    const { council } = context(req)
    const round = roundParam.of(res)
    const cases = await repo.listCases(db, council.organisationId, round.id)
    const figure = percentGoodOrBetter(cases.map(finalOverall))
    const measure = await repo.findAuditMeasure(db, council.organisationId)
    res.render('practice/views/case-audit-round.njk', {
      round,
      monthLabel: monthLabel(round.audit_month),
      cases: cases.map((c) => ({ ...c, final: finalOverall(c) })),
      figure,
      domains: byDomain(cases),
      moderation: moderationSummary(cases),
      measure,
      labels: LABELS,
      domainColumns: DOMAINS.filter((d) => d.key !== 'overall'),
      percentText,
    })
  })

  router.get(P.caseAuditRoundCsv.pattern, read, async (req, res) => {
    const { council } = context(req)
    const round = roundParam.of(res)
    const cases = await repo.listCases(db, council.organisationId, round.id)
    const rows = cases.map((c) => [
      round.title,
      round.audit_month,
      c.reference,
      SERVICE_AREA_LABELS[c.service_area],
      GRADE_LABELS[c.grade_voice],
      GRADE_LABELS[c.grade_assessment],
      GRADE_LABELS[c.grade_planning],
      GRADE_LABELS[c.grade_oversight],
      GRADE_LABELS[c.grade_overall],
      MODERATION_LABELS[c.moderation],
      GRADE_LABELS[finalOverall(c)],
      ['outstanding', 'good'].includes(finalOverall(c)) ? 'yes' : 'no',
    ])
    res
      .type('text/csv')
      .attachment(`case-file-audit-${round.audit_month.slice(0, 7)}.csv`)
      .send(
        toCsv(
          [
            'round',
            'month_audited',
            'case_reference',
            'service_area',
            'childs_voice',
            'assessment',
            'planning',
            'management_oversight',
            'overall_by_auditor',
            'moderation',
            'overall_after_moderation',
            'good_or_better',
          ],
          rows,
        ),
      )
  })

  function renderCaseForm(
    res: Response,
    view: {
      round: repo.AuditRound
      auditedCase?: repo.AuditedCase
      values: Record<string, unknown>
      errors?: FormErrors | undefined
    },
  ) {
    const chosen = (name: string) => plainText(view.values[name])
    const gradeItems = (name: string) =>
      AUDIT_GRADES.map((g) => ({ value: g, text: GRADE_LABELS[g], checked: chosen(name) === g }))
    res.status(view.errors ? 400 : 200).render('practice/views/case-audit-case-form.njk', {
      ...view,
      monthLabel: monthLabel(view.round.audit_month),
      referenceHint: REFERENCE_HINT,
      areaItems: [
        { value: '', text: 'Choose a service area', selected: chosen('serviceArea') === '' },
        ...SERVICE_AREAS.map((a) => ({
          value: a,
          text: SERVICE_AREA_LABELS[a],
          selected: chosen('serviceArea') === a,
        })),
      ],
      gradeFields: [
        { name: 'gradeVoice', label: 'The child’s voice', items: gradeItems('gradeVoice') },
        { name: 'gradeAssessment', label: 'Assessment', items: gradeItems('gradeAssessment') },
        { name: 'gradePlanning', label: 'Planning', items: gradeItems('gradePlanning') },
        { name: 'gradeOversight', label: 'Management oversight', items: gradeItems('gradeOversight') },
        { name: 'gradeOverall', label: 'Overall, as the auditor graded it', items: gradeItems('gradeOverall') },
      ],
      moderationItems: MODERATION_OUTCOMES.map((m) => ({
        value: m,
        text: MODERATION_LABELS[m],
        checked: chosen('moderation') === m,
      })),
      moderatedItems: [
        { value: '', text: 'Choose a grade', selected: chosen('moderatedOverall') === '' },
        ...AUDIT_GRADES.map((g) => ({ value: g, text: GRADE_LABELS[g], selected: chosen('moderatedOverall') === g })),
      ],
    })
  }

  async function saveCase(req: Request, res: Response, round: repo.AuditRound, before?: repo.AuditedCase) {
    const { council, actor } = context(req)
    const body = formBody(req)
    const parsed = parseForm(caseSchema, body)
    let errors = parsed.ok ? undefined : parsed.errors
    if (parsed.ok && (await repo.referenceTaken(db, round.id, parsed.value.reference, before?.id)))
      errors = addError(
        errors,
        'reference',
        'That case is already in this round: change its grades from the round’s page',
      )
    if (!parsed.ok || errors) {
      renderCaseForm(res, { round, auditedCase: before, values: body, errors })
      return
    }
    const input = caseInput(parsed.value)
    await db.transaction().execute(async (trx) => {
      if (before) await repo.updateCase(trx, actor, round, before, input)
      else await repo.addCase(trx, actor, round, input)
    })
    const fed = round.status === 'closed' ? ' The round is closed, so its figure in the measure was updated.' : ''
    flash(req, `Case ${input.reference} ${before ? 'changed' : 'added'}.${fed}`)
    res.redirect(P.caseAuditRound(council.slug, round.id))
  }

  router.get(P.newAuditedCase.pattern, read, edit, (_req, res) => {
    renderCaseForm(res, { round: roundParam.of(res), values: { moderation: 'not-moderated' } })
  })

  router.post(P.newAuditedCase.pattern, read, edit, async (req, res) => {
    await saveCase(req, res, roundParam.of(res))
  })

  async function roundOfCase(req: Request, res: Response) {
    const { council } = context(req)
    const auditedCase = caseParam.of(res)
    const round = await repo.findRound(db, council.organisationId, auditedCase.round_id)
    if (!round) throw new Error('A case without its round')
    return { auditedCase, round }
  }

  router.get(P.editAuditedCase.pattern, read, edit, async (req, res) => {
    const { auditedCase, round } = await roundOfCase(req, res)
    renderCaseForm(res, { round, auditedCase, values: caseValues(auditedCase) })
  })

  router.post(P.editAuditedCase.pattern, read, edit, async (req, res) => {
    const { auditedCase, round } = await roundOfCase(req, res)
    await saveCase(req, res, round, auditedCase)
  })

  // Import: CSV text pasted in, checked and shown (preview), then saved all at once (confirm).
  router.get(P.importAuditedCases.pattern, read, edit, (_req, res) => {
    res.render('practice/views/case-audit-import.njk', {
      round: roundParam.of(res),
      columns: IMPORT_COLUMNS,
      maxRows: MAX_IMPORT_ROWS,
      values: {},
    })
  })

  router.post(P.importAuditedCases.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const round = roundParam.of(res)
    const body = formBody(req)
    const text = plainText(body.csv)
    const view = { round, columns: IMPORT_COLUMNS, maxRows: MAX_IMPORT_ROWS, values: { csv: text } }
    if (!text.trim()) {
      res.status(400).render('practice/views/case-audit-import.njk', {
        ...view,
        errors: singleError('csv', 'Paste the cases to import, with the header row first'),
      })
      return
    }
    const existing = (await repo.listCases(db, council.organisationId, round.id)).map((c) => c.reference)
    const result = await readCaseImport(text, existing)
    if (result.problems.length) {
      const shown = result.problems.slice(0, 50)
      res.status(400).render('practice/views/case-audit-import.njk', {
        ...view,
        problems: shown,
        moreProblems: result.problems.length - shown.length,
        errors: singleError(
          'csv',
          `Nothing was imported: put right the ${result.problems.length === 1 ? 'problem' : `${result.problems.length} problems`} below`,
        ),
      })
      return
    }
    if (body.step !== 'confirm') {
      res.render('practice/views/case-audit-import-preview.njk', {
        round,
        csv: text,
        labels: LABELS,
        cases: result.rows.map((r) => ({ row: r.row, ...caseInput(r.value) })),
        domainColumns: DOMAINS.filter((d) => d.key !== 'overall'),
      })
      return
    }
    const inputs = result.rows.map((r) => caseInput(r.value))
    await db.transaction().execute((trx) => repo.addCases(trx, actor, round, inputs))
    const fed = round.status === 'closed' ? ' The round is closed, so its figure in the measure was updated.' : ''
    flash(req, `${inputs.length} ${inputs.length === 1 ? 'case' : 'cases'} imported.${fed}`)
    res.redirect(P.caseAuditRound(council.slug, round.id))
  })

  async function renderClose(req: Request, res: Response, values: Record<string, unknown>, errors?: FormErrors) {
    const { council } = context(req)
    const round = roundParam.of(res)
    const cases = await repo.listCases(db, council.organisationId, round.id)
    res.status(errors ? 400 : 200).render('practice/views/case-audit-close.njk', {
      round,
      monthLabel: monthLabel(round.audit_month),
      caseCount: cases.length,
      figure: percentGoodOrBetter(cases.map(finalOverall)),
      moderation: moderationSummary(cases),
      measureName: repo.CASE_AUDIT_MEASURE_NAME,
      percentText,
      values,
      errors,
    })
  }

  router.get(P.closeCaseAuditRound.pattern, read, edit, async (req, res) => {
    const round = roundParam.of(res)
    if (round.status === 'closed') {
      res.redirect(P.caseAuditRound(context(req).council.slug, round.id))
      return
    }
    await renderClose(req, res, {})
  })

  router.post(P.closeCaseAuditRound.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const round = roundParam.of(res)
    const body = formBody(req)
    if (round.status === 'closed') {
      await renderClose(req, res, body, {
        summary: [{ text: `This round was already closed on ${formatDate(round.closed_on)}`, href: '#closedOn-day' }],
        fields: { closedOn: { text: `This round was already closed on ${formatDate(round.closed_on)}` } },
      })
      return
    }
    const parsed = parseForm(closeSchema, body, ['closedOn'])
    let errors = parsed.ok ? undefined : parsed.errors
    const cases = await repo.listCases(db, council.organisationId, round.id)
    if (cases.length === 0) errors = addError(errors, 'closedOn', 'Add the round’s audited cases before closing it')
    if (parsed.ok && parsed.value.closedOn !== null && parsed.value.closedOn > todayIso())
      errors = addError(errors, 'closedOn', 'The date the round was closed must be today or in the past')
    if (parsed.ok && parsed.value.closedOn !== null && parsed.value.closedOn < round.audit_month)
      errors = addError(
        errors,
        'closedOn',
        'The date the round was closed must be on or after the start of the month audited',
      )
    if (errors?.fields.closedOn)
      errors.summary = errors.summary.map((s) => (s.href === '#closedOn' ? { ...s, href: '#closedOn-day' } : s))
    if (!parsed.ok || errors || parsed.value.closedOn === null) {
      await renderClose(req, res, body, errors)
      return
    }
    const closedOn = parsed.value.closedOn
    const value = await db
      .transaction()
      .execute((trx) => repo.closeRound(trx, actor, round, closedOn, parsed.value.closedNote))
    flash(
      req,
      `Round ${round.title} closed. ${percentText(value)} good or better is now the value for ${monthLabel(round.audit_month)} in the measure “${repo.CASE_AUDIT_MEASURE_NAME}”.`,
    )
    res.redirect(P.caseAuditRound(council.slug, round.id))
  })

  return router
}
