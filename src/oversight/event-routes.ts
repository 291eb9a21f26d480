// Inspections, visits and reviews, and their strengths, findings and recommendations: the list (with the
// council's inspections in Ofsted's published data not yet recorded here), each event's page, the forms to
// record and change them, and every finding as CSV. The single finding's page, its links and its closure are
// in tracked-item-routes.ts.
import { Router, type Request, type Response } from 'express'
import type { Db } from '../db/connect.js'
import {
  FINDING_KINDS,
  JUDGEMENT_DOMAINS,
  OVERSIGHT_EVENT_KINDS,
  type OversightEvent,
  type OversightEventKind,
  type OversightFinding,
} from '../db/database.js'
import { councilLaCode, inspectionsOf } from '../national/national-repository.js'
import { GRADES, GRADE_LABELS } from '../national/ofsted.js'
import { toCsv } from '../shared/csv.js'
import { dateParts, todayIso } from '../shared/dates.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { formBody, parseForm, parseId, singleError, type FormErrors } from '../web/forms.js'
import { NotFoundError } from '../web/errors.js'
import { paths } from '../web/paths.js'
import { recordParam } from '../web/records.js'
import {
  EVENT_KIND_HINTS,
  EVENT_KIND_LABELS,
  EVENT_STATE_LABELS,
  EVENT_STATE_TAGS,
  FINDING_GROUPS,
  FINDING_KIND_LABELS,
  INSPECTION_TYPE_LABELS,
  JUDGEMENT_DOMAIN_LABELS,
  defaultEventTitle,
  eventKindName,
  eventKindOfNational,
  eventTitle,
  findingsHave,
  themesText,
} from './event-kinds.js'
import {
  createEvent,
  createFinding,
  findEvent,
  findFinding,
  listCouncilFindings,
  listEventFindings,
  listEvents,
  listInterventionChoices,
  updateEvent,
  updateFinding,
  type EventInput,
} from './event-repository.js'
import {
  EVENT_DATE_FIELDS,
  FINDING_DATE_FIELDS,
  eventSchema,
  findingSchema,
  judgementField,
} from './event-validation.js'
import { LINK_TARGET_LABELS, loadLinks, subjectKey, type ResolvedLink } from './link-repository.js'
import { matchNational, unrecordedNational } from './national-match.js'
import { TRACKING_TAGS, tracking, trackingLabel, type Tracking } from './tracking-rules.js'

const P = paths.council

type NationalInspection = Awaited<ReturnType<typeof inspectionsOf>>[number]

/** Labels the views need, passed once. */
const LABELS = {
  kinds: EVENT_KIND_LABELS,
  kindHints: EVENT_KIND_HINTS,
  states: EVENT_STATE_LABELS,
  stateTags: EVENT_STATE_TAGS,
  inspectionTypes: INSPECTION_TYPE_LABELS,
  findingKinds: FINDING_KIND_LABELS,
  domains: JUDGEMENT_DOMAIN_LABELS,
  grades: GRADE_LABELS,
  linkTargets: LINK_TARGET_LABELS,
  trackingTags: TRACKING_TAGS,
}

const nationalName = (n: NationalInspection) => {
  const mapped = eventKindOfNational(n.kind)
  return mapped ? eventKindName(mapped.kind, mapped.inspectionType) : n.kind
}

/** The tracking of each finding, with what answers it. */
async function trackFindings<F extends OversightFinding>(db: Db, organisationId: number, findings: readonly F[]) {
  const links = await loadLinks(
    db,
    organisationId,
    findings.map((f) => ({ type: 'finding', id: f.id })),
  )
  const today = todayIso()
  return findings.map((f) => {
    const linked: ResolvedLink[] = links.get(subjectKey({ type: 'finding', id: f.id })) ?? []
    const t: Tracking = tracking({ kind: f.kind, dueOn: f.due_on, closedOn: f.closed_on }, linked, today)
    return { finding: f, links: linked, tracking: t, stateLabel: trackingLabel(f.kind, t.state) }
  })
}

export function oversightEventRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('oversight:read')
  const edit = requireCapability('oversight:edit')

  // Another council's event or finding is a 404 for everyone.
  const eventParam = recordParam('eventId', (id, { council }) => findEvent(db, council.organisationId, id))
  eventParam.register(router)
  const findingParam = recordParam('findingId', (id, { council }) => findFinding(db, council.organisationId, id))
  findingParam.register(router)

  /** The council's inspections in the national Ofsted data (none when it is not linked to it). */
  async function nationalOf(organisationId: number): Promise<NationalInspection[]> {
    const laCode = await councilLaCode(db, organisationId)
    return laCode ? inspectionsOf(db, laCode) : []
  }

  router.get(P.oversightEvents.pattern, read, async (req, res) => {
    const { council } = context(req)
    const kindParam = typeof req.query.kind === 'string' ? req.query.kind : ''
    const kind = (OVERSIGHT_EVENT_KINDS as readonly string[]).includes(kindParam)
      ? (kindParam as OversightEventKind)
      : null
    const [events, findings, national] = await Promise.all([
      listEvents(db, council.organisationId),
      listCouncilFindings(db, council.organisationId),
      nationalOf(council.organisationId),
    ])
    const tracked = await trackFindings(db, council.organisationId, findings)
    const rows = events
      .filter((e) => kind === null || e.kind === kind)
      .map((e) => {
        const mine = tracked.filter((t) => t.finding.event_id === e.id && t.finding.kind !== 'strength')
        const open = mine.filter((t) => t.tracking.state !== 'closed')
        return {
          event: e,
          title: eventTitle(e),
          kindName: eventKindName(e.kind, e.inspection_type),
          open: open.length,
          noAction: open.filter((t) => t.tracking.noAction).length,
          overdue: open.filter((t) => t.tracking.overdue).length,
        }
      })
    const unrecorded = unrecordedNational(events, national).map((n) => ({
      record: n,
      name: nationalName(n),
      recordable: eventKindOfNational(n.kind) !== null,
    }))
    const present = new Set(events.map((e) => e.kind))
    res.render('oversight/views/events.njk', {
      rows,
      kind,
      total: events.length,
      kindChoices: OVERSIGHT_EVENT_KINDS.filter((k) => present.has(k) || k === kind),
      unrecorded,
      labels: LABELS,
    })
  })

  router.get(P.findingsCsv.pattern, read, async (req, res) => {
    const { council } = context(req)
    const tracked = await trackFindings(
      db,
      council.organisationId,
      await listCouncilFindings(db, council.organisationId),
    )
    const header = [
      'Event',
      'Event kind',
      'Event date',
      'Kind',
      'Reference',
      'Theme',
      'Text',
      'Due on',
      'State',
      'Closed on',
      'Linked actions',
      'Closure note',
    ]
    const rows = tracked.map(({ finding: f, links, stateLabel }) => {
      const event = { title: f.event_title, kind: f.event_kind, inspection_type: f.event_inspection_type }
      return [
        eventTitle({ ...event, starts_on: f.event_starts_on }),
        eventKindName(event.kind, event.inspection_type),
        f.event_starts_on,
        FINDING_KIND_LABELS[f.kind],
        f.reference,
        f.theme,
        f.text,
        f.due_on,
        stateLabel,
        f.closed_on,
        links.map((l) => `${LINK_TARGET_LABELS[l.type]} ${l.label}`).join('; '),
        f.closure_note,
      ]
    })
    res
      .type('text/csv')
      .attachment(`findings-and-recommendations-${council.slug}-${todayIso()}.csv`)
      .send(toCsv(header, rows))
  })

  // -- Recording and changing an event --------------------------------------------------------------------

  interface EventView {
    event?: OversightEvent
    values: Record<string, unknown>
    errors?: FormErrors
    /** The national record the event is (or is being recorded from): its judgements are shown, not typed. */
    national?: NationalInspection
  }

  async function renderEventForm(req: Request, res: Response, view: EventView) {
    const { council } = context(req)
    const interventions = await listInterventionChoices(db, council.organisationId)
    res.status(view.errors ? 400 : 200).render('oversight/views/event-form.njk', {
      ...view,
      interventions,
      nationalName: view.national ? nationalName(view.national) : undefined,
      defaultTitle: view.event
        ? defaultEventTitle(view.event.kind, view.event.inspection_type, view.event.starts_on)
        : defaultEventTitle('monitoring-visit', null, '2019-05-01'),
      kinds: OVERSIGHT_EVENT_KINDS,
      grades: GRADES,
      domains: JUDGEMENT_DOMAINS.map((d) => ({ domain: d, field: judgementField(d) })),
      labels: LABELS,
    })
  }

  const dateValues = (name: string, iso: string | null) => {
    const parts = dateParts(iso)
    return { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year }
  }

  /** A national record of the council's named by ?national= or the form's hidden field (404 if not). */
  async function nationalParam(organisationId: number, value: unknown) {
    if (value === undefined || value === '') return undefined
    const id = parseId(value)
    const record = id === undefined ? undefined : (await nationalOf(organisationId)).find((n) => n.id === id)
    if (!record || !eventKindOfNational(record.kind)) return null
    return record
  }

  /** The event already recording this national record, if any. */
  async function recordedAs(organisationId: number, national: NationalInspection) {
    const events = await listEvents(db, organisationId)
    return events.find((e) => matchNational(e, [national]) !== undefined)
  }

  router.get(P.newOversightEvent.pattern, read, edit, async (req, res) => {
    const { council } = context(req)
    const national = await nationalParam(council.organisationId, req.query.national)
    if (national === null) throw new NotFoundError('No such inspection in the national data')
    if (!national) return renderEventForm(req, res, { values: {} })
    const already = await recordedAs(council.organisationId, national)
    if (already) {
      flash(req, 'Already recorded', `${eventTitle(already)} is this inspection in Ofsted’s published data.`)
      return res.redirect(P.oversightEvent(council.slug, already.id))
    }
    const mapped = eventKindOfNational(national.kind)!
    await renderEventForm(req, res, {
      national,
      values: {
        kind: mapped.kind,
        inspectionType: mapped.inspectionType ?? '',
        state: 'held',
        ...dateValues('startsOn', national.started_on),
        ...dateValues('publishedOn', national.published_on),
        themes: national.theme ?? '',
      },
    })
  })

  /** Saves a new or changed event, or shows the form again with what was typed and why it was refused. */
  async function saveEvent(req: Request, res: Response, event: OversightEvent | undefined) {
    const { council, actor } = context(req)
    const body = formBody(req)
    let national: NationalInspection | undefined
    if (!event) {
      const named = await nationalParam(council.organisationId, body.national)
      if (named === null) throw new NotFoundError('No such inspection in the national data')
      national = named
      if (national) {
        const already = await recordedAs(council.organisationId, national)
        if (already) {
          flash(req, 'Already recorded', `${eventTitle(already)} is this inspection in Ofsted’s published data.`)
          return res.redirect(P.oversightEvent(council.slug, already.id))
        }
      }
    }
    const form = parseForm(eventSchema(todayIso()), body, EVENT_DATE_FIELDS)
    const nationalList = await nationalOf(council.organisationId)
    const shownNational = national ?? (event ? matchNational(event, nationalList) : undefined)
    if (!form.ok)
      return renderEventForm(req, res, { event, values: body, errors: form.errors, national: shownNational })
    const value = form.value
    if (value.interventionId !== null) {
      const choices = await listInterventionChoices(db, council.organisationId)
      if (!choices.some((i) => i.id === value.interventionId))
        return renderEventForm(req, res, {
          event,
          values: body,
          errors: singleError('interventionId', 'Select the Notice or Direction from the list'),
          national: shownNational,
        })
    }
    const nationalInspectionId = national?.id ?? event?.national_inspection_id ?? null
    const matched = matchNational(
      {
        national_inspection_id: nationalInspectionId,
        kind: value.kind,
        inspection_type: value.inspectionType,
        starts_on: value.startsOn,
      },
      nationalList,
    )
    const input: EventInput = {
      ...value,
      nationalInspectionId,
      // Judgements held in the national data are read from there, never retyped: what the form sent is ignored.
      judgements: matched ? (event?.judgements ?? {}) : value.judgements,
    }
    const saved = await db
      .transaction()
      .execute((trx) => (event ? updateEvent(trx, actor, event, input) : createEvent(trx, actor, input)))
    flash(req, event ? `${eventTitle(saved)} updated` : `${eventTitle(saved)} recorded`)
    res.redirect(P.oversightEvent(council.slug, saved.id))
  }

  router.post(P.newOversightEvent.pattern, read, edit, (req, res) => saveEvent(req, res, undefined))

  router.get(P.oversightEvent.pattern, read, async (req, res) => {
    const { council } = context(req)
    const event = eventParam.of(res)
    const [findings, national, interventions] = await Promise.all([
      listEventFindings(db, council.organisationId, event.id),
      nationalOf(council.organisationId),
      listInterventionChoices(db, council.organisationId),
    ])
    const tracked = await trackFindings(db, council.organisationId, findings)
    const groups = FINDING_GROUPS.map((g) => ({ ...g, items: tracked.filter((t) => t.finding.kind === g.kind) }))
    const noAction = tracked.filter((t) => t.tracking.noAction).length
    const matched = matchNational(event, national)
    // Every domain once any is graded ("Not judged" for the rest); none for a visit or review.
    const domains = JUDGEMENT_DOMAINS.map((d) => ({
      label: JUDGEMENT_DOMAIN_LABELS[d],
      grade: matched ? matched[d] : (event.judgements[d] ?? null),
    }))
    const judgements = domains.some((j) => j.grade) ? domains : []
    res.render('oversight/views/event.njk', {
      event,
      title: eventTitle(event),
      kindName: eventKindName(event.kind, event.inspection_type),
      intervention: interventions.find((i) => i.id === event.intervention_id),
      national: matched,
      judgements,
      groups,
      anyFindings: tracked.length > 0,
      noAction,
      noActionText: noAction ? `${findingsHave(noAction)} no linked action` : '',
      labels: LABELS,
    })
  })

  router.get(P.editOversightEvent.pattern, read, edit, async (req, res) => {
    const { council } = context(req)
    const event = eventParam.of(res)
    const national = matchNational(event, await nationalOf(council.organisationId))
    const values: Record<string, unknown> = {
      kind: event.kind,
      inspectionType: event.inspection_type ?? '',
      title: event.title,
      interventionId: event.intervention_id === null ? '' : String(event.intervention_id),
      state: event.state,
      ...dateValues('startsOn', event.starts_on),
      ...dateValues('endsOn', event.ends_on),
      ...dateValues('publishedOn', event.published_on),
      summary: event.summary,
      themes: themesText(event.themes),
    }
    for (const d of JUDGEMENT_DOMAINS) values[judgementField(d)] = event.judgements[d] ?? ''
    await renderEventForm(req, res, { event, values, national })
  })
  router.post(P.editOversightEvent.pattern, read, edit, (req, res) => saveEvent(req, res, eventParam.of(res)))

  // -- Findings ----------------------------------------------------------------------------------------------

  interface FindingView {
    event: OversightEvent
    finding?: OversightFinding
    values: Record<string, unknown>
    errors?: FormErrors
  }

  const renderFindingForm = (res: Response, view: FindingView) =>
    res.status(view.errors ? 400 : 200).render('oversight/views/finding-form.njk', {
      ...view,
      eventTitle: eventTitle(view.event),
      kinds: FINDING_KINDS,
      labels: LABELS,
    })

  async function saveFinding(req: Request, res: Response, event: OversightEvent, finding?: OversightFinding) {
    const { council, actor } = context(req)
    const form = parseForm(findingSchema, req.body, FINDING_DATE_FIELDS)
    if (!form.ok) return renderFindingForm(res, { event, finding, values: formBody(req), errors: form.errors })
    const input = form.value
    const saved = await db
      .transaction()
      .execute((trx) => (finding ? updateFinding(trx, actor, finding, input) : createFinding(trx, actor, event, input)))
    const what = FINDING_KIND_LABELS[saved.kind]
    flash(req, finding ? `${what} updated` : `${what} added to ${eventTitle(event)}`)
    res.redirect(P.finding(council.slug, saved.id))
  }

  router.get(P.newFinding.pattern, read, edit, (_req, res) =>
    renderFindingForm(res, { event: eventParam.of(res), values: {} }),
  )
  router.post(P.newFinding.pattern, read, edit, (req, res) => saveFinding(req, res, eventParam.of(res)))

  /** The event a finding belongs to (always the council's: the finding was found through it). */
  async function eventOf(req: Request, finding: OversightFinding) {
    const event = await findEvent(db, context(req).council.organisationId, finding.event_id)
    if (!event) throw new Error(`Finding ${finding.id} has no event`)
    return event
  }

  router.get(P.editFinding.pattern, read, edit, async (req, res) => {
    const finding = findingParam.of(res)
    renderFindingForm(res, {
      event: await eventOf(req, finding),
      finding,
      values: {
        kind: finding.kind,
        reference: finding.reference,
        theme: finding.theme,
        text: finding.text,
        ...dateValues('dueOn', finding.due_on),
      },
    })
  })
  router.post(P.editFinding.pattern, read, edit, async (req, res) => {
    const finding = findingParam.of(res)
    await saveFinding(req, res, await eventOf(req, finding), finding)
  })

  return router
}
