// Leadership stability: the senior posts with how each is held on a day (today unless another day is chosen),
// the share held permanently, the changes of holder in the last 12 and 36 months (in all and by tier), a
// timeline with a table of its figures, and a CSV of the whole history; adding and changing a post; a post's
// history with the form to record a change of holder; and linking the objectives it is evidence for.
// Reading needs measures:read; changing needs practice:edit. No holder's name is asked for or kept.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { HOLDER_STATUSES, LEADERSHIP_TIERS, type HolderStatus } from '../db/database.js'
import { paths } from '../web/paths.js'
import { listLinkableObjectives } from '../plan/plan-repository.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { recordParam } from '../web/records.js'
import { dateInput, formBody, parseForm, type FormErrors } from '../web/forms.js'
import { dateParts, formatDate, todayIso } from '../shared/dates.js'
import { addDays, addMonths } from '../shared/calendar.js'
import { toCsv } from '../shared/csv.js'
import { plainText } from '../shared/text.js'
import {
  STATUS_LABELS,
  STATUS_TAG_CLASSES,
  TIER_LABELS,
  changesIn,
  changesText,
  percentOf,
  periodOn,
  periodsByPost,
  periodsInForce,
  postExistsOn,
  shareHeldPermanently,
  shareText,
  timelineSegments,
} from './leadership-rules.js'
import { renderLeadershipTimeline } from './leadership-chart.js'
import {
  NEW_POST_DATE_FIELDS,
  POST_DATE_FIELDS,
  changeSchema,
  checkChangeDate,
  checkPostDates,
  newPostSchema,
  postSchema,
  type FieldProblem,
} from './leadership-validation.js'
import * as repo from './leadership-repository.js'
import { isUniqueViolation } from '../db/errors.js'

const P = paths.council

const DATE_FIELDS = new Set<string>([...NEW_POST_DATE_FIELDS])

function addProblems(errors: FormErrors | undefined, problems: readonly FieldProblem[]): FormErrors | undefined {
  if (problems.length === 0) return errors
  const out = errors ?? { summary: [], fields: {} }
  for (const p of problems) {
    if (out.fields[p.field]) continue
    out.fields[p.field] = { text: p.text }
    out.summary.push({ text: p.text, href: DATE_FIELDS.has(p.field) ? `#${p.field}-day` : `#${p.field}` })
  }
  return out
}

function dateValues(name: string, iso: string | null): Record<string, string> {
  const parts = dateParts(iso)
  return { [`${name}-day`]: parts.day, [`${name}-month`]: parts.month, [`${name}-year`]: parts.year }
}

const daySchema = z.object({ on: dateInput('the day to show', { required: false }) })

const tierItems = (chosen: unknown) =>
  LEADERSHIP_TIERS.map((t) => ({ value: t, text: TIER_LABELS[t], checked: plainText(chosen) === t }))

const STATUS_HINTS: Record<HolderStatus, string> = {
  permanent: 'A substantive, permanent appointment',
  interim: 'An interim appointment, usually from outside, until a permanent one is made',
  acting: 'Someone covering the post alongside, or instead of, their own (acting up, a secondment)',
  vacant: 'No one holds the post',
}
const statusItems = (chosen: unknown) =>
  HOLDER_STATUSES.map((s) => ({
    value: s,
    text: STATUS_LABELS[s],
    hint: { text: STATUS_HINTS[s] },
    checked: plainText(chosen) === s,
  }))

export function leadershipRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('measures:read')
  const edit = requireCapability('practice:edit')

  // Another council's post is a 404 for everyone, before any role check.
  const postParam = recordParam('postId', (id, { council }) => repo.findPost(db, council.organisationId, id))
  postParam.register(router)

  router.get(P.leadership.pattern, read, async (req, res) => {
    const { council } = context(req)
    const today = todayIso()
    const query = {
      'on-day': plainText(req.query['on-day']),
      'on-month': plainText(req.query['on-month']),
      'on-year': plainText(req.query['on-year']),
    }
    const parsed = parseForm(daySchema, query, ['on'])
    const day = (parsed.ok && parsed.value.on) || today
    const [posts, periods, links] = await Promise.all([
      repo.listPosts(db, council.organisationId),
      repo.listPeriods(db, council.organisationId),
      repo.listLinks(db, council.organisationId),
    ])
    const byPost = periodsByPost(periods)
    const share = shareHeldPermanently(posts, periods, day)
    const yearBefore = shareHeldPermanently(posts, periods, addMonths(day, -12))
    const changes12 = changesIn(posts, periods, day, 12)
    const changes36 = changesIn(posts, periods, day, 36)
    const chartFrom = addMonths(day, -36)
    const chartTo = addDays(day, 1)
    const rows = posts.map((post) => {
      const list = byPost.get(post.id) ?? []
      const held = periodOn(list, day)
      return {
        post,
        exists: postExistsOn(post, day),
        held,
        changes12: changesIn([post], list, day, 12).total,
        changes36: changesIn([post], list, day, 36).total,
        periods36: periodsInForce(list, day, 36),
        segments: timelineSegments(post, list, chartFrom, chartTo),
      }
    })
    const charted = rows.filter((r) => r.segments.length > 0)
    const chart =
      charted.length === 0
        ? ''
        : renderLeadershipTimeline({
            id: 'leadership-timeline',
            from: chartFrom,
            to: chartTo,
            rows: charted.map((r) => ({ title: r.post.title, segments: r.segments })),
            summary: `${shareText(share)}; ${changesText(changes12)} and ${changesText(changes36)}. The table below the chart lists every period drawn.`,
          })
    res.render('practice/views/leadership.njk', {
      day,
      today,
      dayValues: Object.values(query).some((v) => v !== '') ? query : dateValues('on', day),
      errors: parsed.ok ? undefined : parsed.errors,
      rows,
      charted,
      chart,
      chartFrom,
      share,
      sharePercent: percentOf(share.permanent, share.counted),
      yearBefore,
      yearBeforePercent: percentOf(yearBefore.permanent, yearBefore.counted),
      changes12,
      changes36,
      tiers: LEADERSHIP_TIERS.map((t) => ({
        tier: t,
        label: TIER_LABELS[t],
        posts: rows.filter((r) => r.exists && r.post.tier === t).length,
        changes12: changes12.byTier[t],
        changes36: changes36.byTier[t],
      })),
      links,
      latestChange: periods.reduce<string | null>((m, p) => (m === null || p.starts_on > m ? p.starts_on : m), null),
      tierLabels: TIER_LABELS,
      statusLabels: STATUS_LABELS,
      statusClasses: STATUS_TAG_CLASSES,
    })
  })

  router.get(P.leadershipCsv.pattern, read, async (req, res) => {
    const { council } = context(req)
    const [posts, periods] = await Promise.all([
      repo.listPosts(db, council.organisationId),
      repo.listPeriods(db, council.organisationId),
    ])
    const byPost = periodsByPost(periods)
    const rows = posts.flatMap((post) => {
      const list = byPost.get(post.id) ?? []
      return list.map((p, i) => [
        post.title,
        post.tier,
        post.created_on,
        post.deleted_on,
        p.status,
        p.starts_on,
        list[i + 1]?.starts_on ?? post.deleted_on,
        i === 0 ? 'no' : 'yes',
        p.note,
      ])
    })
    res
      .type('text/csv')
      .attachment('leadership-posts.csv')
      .send(
        toCsv(
          ['post', 'tier', 'post_created_on', 'post_removed_on', 'status', 'from', 'until', 'is_change', 'note'],
          rows,
        ),
      )
  })

  function renderPostForm(
    res: Response,
    view: { post?: repo.Post; values: Record<string, unknown>; errors?: FormErrors | undefined },
  ) {
    res.status(view.errors ? 400 : 200).render('practice/views/leadership-post-form.njk', {
      ...view,
      tierItems: tierItems(view.values.tier),
      statusItems: statusItems(view.values.status),
    })
  }

  router.get(P.newLeadershipPost.pattern, read, edit, (_req, res) =>
    renderPostForm(res, { values: { ...dateValues('startsOn', todayIso()) } }),
  )

  router.post(P.newLeadershipPost.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const values = formBody(req)
    const form = parseForm(newPostSchema, values, NEW_POST_DATE_FIELDS)
    if (!form.ok) return renderPostForm(res, { values, errors: form.errors })
    const v = form.value
    const startsOn = v.startsOn!
    const problems = checkPostDates(
      { createdOn: v.createdOn, deletedOn: v.deletedOn },
      { first: startsOn, last: startsOn },
    )
    if (startsOn > todayIso())
      problems.push({ field: 'startsOn', text: 'The date it has been held this way from must be today or in the past' })
    if (await repo.titleTaken(db, council.organisationId, v.title))
      problems.push({ field: 'title', text: `There is already a post called ${v.title}: give this one another title` })
    const errors = addProblems(undefined, problems)
    if (errors) return renderPostForm(res, { values, errors })
    let saved
    try {
      saved = await db
        .transaction()
        .execute((trx) =>
          repo.createPost(
            trx,
            actor,
            { title: v.title, tier: v.tier, created_on: v.createdOn, deleted_on: v.deletedOn },
            { starts_on: startsOn, status: v.status, note: v.note },
          ),
        )
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      return renderPostForm(res, {
        values,
        errors: addProblems(undefined, [{ field: 'title', text: `There is already a post called ${v.title}` }]),
      })
    }
    flash(req, 'Senior post added', saved.title)
    res.redirect(P.leadership(council.slug))
  })

  router.get(P.editLeadershipPost.pattern, read, edit, (_req, res) => {
    const post = postParam.of(res)
    renderPostForm(res, {
      post,
      values: {
        title: post.title,
        tier: post.tier,
        ...dateValues('createdOn', post.created_on),
        ...dateValues('deletedOn', post.deleted_on),
      },
    })
  })

  router.post(P.editLeadershipPost.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const post = postParam.of(res)
    const values = formBody(req)
    const form = parseForm(postSchema, values, POST_DATE_FIELDS)
    if (!form.ok) return renderPostForm(res, { post, values, errors: form.errors })
    const v = form.value
    const periods = await repo.listPeriods(db, council.organisationId, post.id)
    const problems = checkPostDates(
      { createdOn: v.createdOn, deletedOn: v.deletedOn },
      periods.length ? { first: periods[0]!.starts_on, last: periods.at(-1)!.starts_on } : null,
    )
    if (await repo.titleTaken(db, council.organisationId, v.title, post.id))
      problems.push({ field: 'title', text: `There is already a post called ${v.title}: give this one another title` })
    const errors = addProblems(undefined, problems)
    if (errors) return renderPostForm(res, { post, values, errors })
    try {
      await db.transaction().execute((trx) =>
        repo.updatePost(trx, actor, post, {
          title: v.title,
          tier: v.tier,
          created_on: v.createdOn,
          deleted_on: v.deletedOn,
        }),
      )
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      return renderPostForm(res, {
        post,
        values,
        errors: addProblems(undefined, [{ field: 'title', text: `There is already a post called ${v.title}` }]),
      })
    }
    flash(req, 'Senior post changed', v.title)
    res.redirect(P.leadershipPostChanges(council.slug, post.id))
  })

  async function renderChanges(
    req: Request,
    res: Response,
    post: repo.Post,
    view: { values: Record<string, unknown>; errors?: FormErrors | undefined },
  ) {
    const { council } = context(req)
    const periods = await repo.listPeriods(db, council.organisationId, post.id)
    res.status(view.errors ? 400 : 200).render('practice/views/leadership-post.njk', {
      ...view,
      post,
      history: periods
        .map((p, i) => ({ ...p, until: periods[i + 1]?.starts_on ?? post.deleted_on, first: i === 0 }))
        .reverse(),
      statusItems: statusItems(view.values.status),
      tierLabels: TIER_LABELS,
      statusLabels: STATUS_LABELS,
      statusClasses: STATUS_TAG_CLASSES,
    })
  }

  router.get(P.leadershipPostChanges.pattern, read, async (req, res) => {
    await renderChanges(req, res, postParam.of(res), { values: { ...dateValues('startsOn', todayIso()) } })
  })

  router.post(P.leadershipPostChanges.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const post = postParam.of(res)
    const values = formBody(req)
    const again = (errors: FormErrors | undefined) => renderChanges(req, res, post, { values, errors })
    const form = parseForm(changeSchema, values, ['startsOn'])
    if (!form.ok) return again(form.errors)
    const startsOn = form.value.startsOn!
    const periods = await repo.listPeriods(db, council.organisationId, post.id)
    const latest = periods.at(-1)
    const problem = checkChangeDate(startsOn, post, latest?.starts_on ?? null, todayIso())
    if (problem) return again(addProblems(undefined, [{ field: 'startsOn', text: problem }]))
    try {
      await db
        .transaction()
        .execute((trx) =>
          repo.addPeriod(
            trx,
            actor,
            post,
            { starts_on: startsOn, status: form.value.status, note: form.value.note },
            latest,
          ),
        )
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      return again(
        addProblems(undefined, [{ field: 'startsOn', text: 'A period of this post already starts on that day' }]),
      )
    }
    flash(req, 'Change recorded', `${post.title}: ${STATUS_LABELS[form.value.status]} from ${formatDate(startsOn)}`)
    res.redirect(P.leadershipPostChanges(council.slug, post.id))
  })

  async function renderLinks(req: Request, res: Response, chosen: readonly string[], errors?: FormErrors) {
    const { council } = context(req)
    const [choices, links] = await Promise.all([
      listLinkableObjectives(db, council.organisationId),
      repo.listLinks(db, council.organisationId),
    ])
    const current = new Set(choices.map((c) => c.id))
    res.status(errors ? 400 : 200).render('practice/views/leadership-objectives.njk', {
      errors,
      items: choices.map((c) => ({
        value: String(c.id),
        text: `${c.strand_code}: ${c.title}`,
        hint: { text: `Strand ${c.strand_code}: ${c.strand_title}` },
        checked: chosen.includes(String(c.id)),
      })),
      earlier: links.filter((l) => !current.has(l.objective_id)),
    })
  }

  router.get(P.leadershipObjectives.pattern, read, edit, async (req, res) => {
    const links = await repo.listLinks(db, context(req).council.organisationId)
    await renderLinks(
      req,
      res,
      links.map((l) => String(l.objective_id)),
    )
  })

  router.post(P.leadershipObjectives.pattern, read, edit, async (req, res) => {
    const { council, actor } = context(req)
    const body = formBody(req)
    const raw = body.objectives
    const chosen = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map((v) => plainText(v))
    const choices = (await listLinkableObjectives(db, council.organisationId)).map((c) => c.id)
    const ids = chosen.filter((v) => /^\d{1,9}$/.test(v)).map(Number)
    if (ids.length !== chosen.length || ids.some((id) => !choices.includes(id)))
      return renderLinks(req, res, chosen, {
        summary: [{ text: 'Choose objectives from the list', href: '#objectives' }],
        fields: { objectives: { text: 'Choose objectives from the list' } },
      })
    const { added, removed } = await db
      .transaction()
      .execute((trx) => repo.setLinks(trx, actor, choices, [...new Set(ids)]))
    flash(
      req,
      'Linked objectives saved',
      `${added.length} linked and ${removed.length} unlinked. Leadership stability is now evidence for the objectives ticked.`,
    )
    res.redirect(P.leadership(council.slug))
  })

  return router
}
