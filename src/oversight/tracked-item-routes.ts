// The page of one tracked item, a Notice requirement or a finding or recommendation: its state and warnings,
// what is linked to it (adding and removing links), closing it with the evidence, and reopening it.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { can } from '../web/roles.js'
import { flash } from '../web/flash.js'
import { dateInput, formBody, optionalText, parseForm, type FormErrors } from '../web/forms.js'
import { recordParam, type RecordParam } from '../web/records.js'
import { dateParts, todayIso } from '../shared/dates.js'
import { plainText } from '../shared/text.js'
import {
  FINDING_TARGETS,
  REQUIREMENT_TARGETS,
  TRACKING_TAGS,
  closeProblems,
  tracking,
  trackingLabel,
  type LinkTargetType,
  type TrackedKind,
} from './tracking-rules.js'
import {
  LINK_TARGET_LABELS,
  addLink,
  findLink,
  linkChoices,
  loadLinks,
  removeLink,
  subjectKey,
  type LinkSubject,
} from './link-repository.js'
import { findRequirement, type RequirementWithIntervention } from './intervention-repository.js'
import { closeItem, findFinding, reopenItem, type Closure, type FindingWithEvent } from './tracked-item-repository.js'
import { closeProblemField, parseLinkChoice } from './compliance.js'
import { FINDING_KIND_LABELS, INTERVENTION_KIND_LABELS, eventKindName, eventTitle } from './event-kinds.js'
import { BadRequestError } from '../web/errors.js'

const P = paths.council

const GROUP_LABELS: Record<LinkTargetType, string> = {
  objective: 'Objectives',
  milestone: 'Milestones',
  report: 'Progress reports',
  meeting: 'Board meetings',
  evidence: 'Evidence entries',
}

const closeSchema = z.object({
  closedOn: dateInput('the day it was met', { required: true }),
  note: optionalText('the evidence note', 4000),
})

/** What the page and the forms need of either kind of item. */
interface Item {
  subject: LinkSubject
  kind: TrackedKind
  /** How flashes and the audit trail name it: "paragraph 5b" or "recommendation R3". */
  name: string
  dueOn: string | null
  closure: Closure
  closedByName: string | null
  targets: readonly LinkTargetType[]
  /** Its page. */
  href: string
  /** The facts only one kind has, for the template. */
  requirement?: RequirementWithIntervention & { kindLabel: string }
  finding?: FindingWithEvent & { kindLabel: string; eventKindLabel: string; eventTitle: string }
}

function requirementItem(r: RequirementWithIntervention, slug: string): Item {
  return {
    subject: { type: 'requirement', id: r.id },
    kind: 'requirement',
    name: `paragraph ${r.paragraph}`,
    dueOn: r.due_on,
    closure: { closed_on: r.closed_on, closure_note: r.closure_note, closed_by: r.closed_by },
    closedByName: r.closed_by_name,
    targets: REQUIREMENT_TARGETS,
    href: P.requirement(slug, r.id),
    requirement: { ...r, kindLabel: INTERVENTION_KIND_LABELS[r.intervention_kind] },
  }
}

function findingItem(f: FindingWithEvent, slug: string): Item {
  const kindLabel = FINDING_KIND_LABELS[f.kind]
  return {
    subject: { type: 'finding', id: f.id },
    kind: f.kind,
    name: `${kindLabel.toLowerCase()}${f.reference ? ` ${f.reference}` : ''}`,
    dueOn: f.due_on,
    closure: { closed_on: f.closed_on, closure_note: f.closure_note, closed_by: f.closed_by },
    closedByName: f.closed_by_name,
    targets: FINDING_TARGETS,
    href: P.finding(slug, f.id),
    finding: {
      ...f,
      kindLabel,
      eventKindLabel: eventKindName(f.event_kind, f.event_inspection_type),
      eventTitle: eventTitle({
        title: f.event_title,
        kind: f.event_kind,
        inspection_type: f.event_inspection_type,
        starts_on: f.event_starts_on,
      }),
    },
  }
}

/** The close form's fields as first shown: met today, no note. */
function closeDefaults(today: string): Record<string, string> {
  const parts = dateParts(today)
  return { 'closedOn-day': parts.day, 'closedOn-month': parts.month, 'closedOn-year': parts.year, note: '' }
}

export function trackedItemRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('oversight:read')
  const edit = requireCapability('oversight:edit')

  // Another council's requirement, finding or link is a 404 for everyone, before any role check.
  const requirementParam = recordParam('requirementId', (id, { council }) =>
    findRequirement(db, council.organisationId, id),
  )
  requirementParam.register(router)
  const findingParam = recordParam('findingId', (id, { council }) => findFinding(db, council.organisationId, id))
  findingParam.register(router)
  const linkParam = recordParam('linkId', (id, { council }) => findLink(db, council.organisationId, id))
  linkParam.register(router)

  const linksOf = async (organisationId: number, item: Item) =>
    (await loadLinks(db, organisationId, [item.subject])).get(subjectKey(item.subject)) ?? []

  async function renderItem(
    req: Request,
    res: Response,
    item: Item,
    form: { values?: Record<string, unknown>; errors?: FormErrors } = {},
  ) {
    const { council } = context(req)
    const today = todayIso()
    const links = await linksOf(council.organisationId, item)
    const t = tracking({ kind: item.kind, dueOn: item.dueOn, closedOn: item.closure.closed_on }, links, today)
    const editor = can(council.role, 'oversight:edit')
    const choices = editor ? await linkChoices(db, council.organisationId, item.targets) : []
    const linked = new Set(links.map((l) => `${l.type}:${l.targetId}`))
    const groups = item.targets
      .map((type) => ({
        label: GROUP_LABELS[type],
        options: choices
          .filter((c) => c.type === type && !linked.has(`${c.type}:${c.id}`))
          .map((c) => ({ value: `${c.type}:${c.id}`, text: c.label })),
      }))
      .filter((g) => g.options.length > 0)
    res.status(form.errors ? 400 : 200).render('oversight/views/tracked-item.njk', {
      item,
      links,
      tracking: t,
      stateLabel: trackingLabel(item.kind, t.state),
      stateTag: TRACKING_TAGS[t.state],
      groups,
      linkTargetLabels: LINK_TARGET_LABELS,
      canClose: item.kind !== 'strength',
      values: { ...closeDefaults(today), ...form.values },
      errors: form.errors,
    })
  }

  /** The routes of one kind of item: its page, adding a link, closing and reopening. */
  function mount<T>(
    param: RecordParam<T>,
    toItem: (row: T, slug: string) => Item,
    route: {
      page: typeof P.requirement | typeof P.finding
      links: typeof P.requirementLinks | typeof P.findingLinks
      close: typeof P.closeRequirement | typeof P.closeFinding
      reopen: typeof P.reopenRequirement | typeof P.reopenFinding
    },
  ) {
    const itemOf = (req: Request, res: Response) => toItem(param.of(res), context(req).council.slug)

    router.get(route.page.pattern, read, (req, res) => renderItem(req, res, itemOf(req, res)))

    router.post(route.links.pattern, read, edit, async (req, res) => {
      const { council, actor } = context(req)
      const item = itemOf(req, res)
      const refuse = (text: string) =>
        renderItem(req, res, item, {
          values: formBody(req),
          errors: { summary: [{ text, href: '#target' }], fields: { target: { text } } },
        })
      const body = formBody(req)
      const choice = parseLinkChoice(body.target)
      if (!choice) return refuse('Choose what to link from the list')
      if (!item.targets.includes(choice.type)) {
        return refuse(
          'A finding or recommendation can be linked only to an objective, a milestone or an evidence entry',
        )
      }
      const target = (await linkChoices(db, council.organisationId, [choice.type])).find((c) => c.id === choice.id)
      if (!target) {
        return refuse(
          'That is not one of this council’s current plan items, reports or Board meetings: choose from the list',
        )
      }
      const added = await db.transaction().execute((trx) => addLink(trx, actor, item.subject, target))
      if (added) flash(req, 'Link added', target.label)
      else flash(req, 'Already linked', `${target.label} was already linked, so nothing changed`)
      res.redirect(item.href)
    })

    router.post(route.close.pattern, read, edit, async (req, res) => {
      const { council, actor } = context(req)
      const item = itemOf(req, res)
      if (item.closure.closed_on !== null) {
        flash(req, 'Already closed', 'Reopen it first to change when or why it was closed')
        return res.redirect(item.href)
      }
      const today = todayIso()
      const form = parseForm(closeSchema, req.body, ['closedOn'])
      const errors: FormErrors = form.ok ? { summary: [], fields: {} } : form.errors
      const note = form.ok ? form.value.note : plainText(formBody(req).note).trim()
      const closedOn = form.ok ? form.value.closedOn! : today
      const links = await linksOf(council.organisationId, item)
      for (const problem of closeProblems({ kind: item.kind }, links, note, closedOn, today)) {
        const field = closeProblemField(problem)
        errors.summary.push({ text: problem, href: field === 'closedOn' ? '#closedOn-day' : `#${field}` })
        errors.fields[field] ??= { text: problem }
      }
      if (errors.summary.length) return renderItem(req, res, item, { values: formBody(req), errors })
      await db
        .transaction()
        .execute((trx) => closeItem(trx, actor, item.subject, item.name, item.closure, closedOn, note))
      flash(req, item.kind === 'requirement' ? `${sentence(item.name)} marked as met` : `${sentence(item.name)} closed`)
      res.redirect(item.href)
    })

    router.post(route.reopen.pattern, read, edit, async (req, res) => {
      const { actor } = context(req)
      const item = itemOf(req, res)
      if (item.closure.closed_on === null) {
        flash(req, 'Already open', 'It has not been closed, so there was nothing to reopen')
        return res.redirect(item.href)
      }
      await db.transaction().execute((trx) => reopenItem(trx, actor, item.subject, item.name, item.closure))
      flash(req, `${sentence(item.name)} reopened`)
      res.redirect(item.href)
    })
  }

  mount(requirementParam, requirementItem, {
    page: P.requirement,
    links: P.requirementLinks,
    close: P.closeRequirement,
    reopen: P.reopenRequirement,
  })
  mount(findingParam, findingItem, {
    page: P.finding,
    links: P.findingLinks,
    close: P.closeFinding,
    reopen: P.reopenFinding,
  })

  router.post(P.deleteOversightLink.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const link = linkParam.of(res)
    const subject: LinkSubject | undefined =
      link.requirement_id !== null
        ? { type: 'requirement', id: link.requirement_id }
        : link.finding_id !== null
          ? { type: 'finding', id: link.finding_id }
          : undefined
    // The table allows no such row; a subject is always there.
    if (!subject) throw new BadRequestError('A link without a subject')
    const resolved = (await loadLinks(db, council.organisationId, [subject])).get(subjectKey(subject)) ?? []
    const label = resolved.find((l) => l.id === link.id)?.label ?? 'an item'
    await db.transaction().execute((trx) => removeLink(trx, actor, link, label))
    flash(req, 'Link removed', label)
    res.redirect(
      subject.type === 'requirement' ? P.requirement(council.slug, subject.id) : P.finding(council.slug, subject.id),
    )
  })

  return router
}

function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}
