// Children's and young people's voice: the staff overview (themes, "you said, we did"), the list of feedback
// with its filters and CSV, the forms for themes, feedback and actions, each theme's objectives, and a page per
// theme in plain words to share with children. Reading needs measures:read; changing needs practice:edit.
import { Router, type Request, type Response } from 'express'
import type { Db } from '../db/connect.js'
import { VOICE_ACTION_STATUSES, VOICE_SOURCES, VOICE_TONES } from '../db/database.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { recordParam } from '../web/records.js'
import { formBody, parseForm, singleError, type FormErrors } from '../web/forms.js'
import { todayIso, dateParts } from '../shared/dates.js'
import { toCsv } from '../shared/csv.js'
import { plainText } from '../shared/text.js'
import * as repo from './voice-repository.js'
import {
  ACTION_STATUS_LABELS,
  countTones,
  isVoiceSource,
  isVoiceTone,
  monthText,
  PERIODS,
  periodFrom,
  SOURCE_LABELS,
  SOURCE_PLAIN,
  TONE_HINTS,
  TONE_LABELS,
  toneSentence,
  voiceDirection,
  type PeriodValue,
} from './voice-rules.js'
import { actionSchema, feedbackSchema, linkSchema, themeSchema, type FeedbackInput } from './voice-validation.js'

const P = paths.council

/** The feedback list's filter, read from the query (anything it does not know means "all"). */
export function readFilter(query: Record<string, unknown>, themeIds: number[]) {
  const theme = plainText(query.theme)
  const themeId = /^\d{1,9}$/.test(theme) && themeIds.includes(Number(theme)) ? Number(theme) : undefined
  const source = isVoiceSource(query.source) ? query.source : undefined
  const tone = isVoiceTone(query.tone) ? query.tone : undefined
  const periodText = plainText(query.period)
  const period: PeriodValue = PERIODS.some((p) => p.value === periodText) ? (periodText as PeriodValue) : 'all'
  return { themeId, source, tone, period }
}

/** An error on a GOV.UK date input, linking to its day field. */
const dateError = (name: string, text: string): FormErrors => ({
  summary: [{ text, href: `#${name}-day` }],
  fields: { [name]: { text } },
})

const selected = (v: unknown) => (Array.isArray(v) ? v : v === undefined ? [] : [v]).map(String)

export function voiceRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('measures:read')
  const edit = requireCapability('practice:edit')

  const themeParam = recordParam('themeId', (id, { council }) => repo.findTheme(db, council.organisationId, id))
  const feedbackParam = recordParam('feedbackId', (id, { council }) =>
    repo.findFeedback(db, council.organisationId, id),
  )
  const actionParam = recordParam('actionId', (id, { council }) => repo.findAction(db, council.organisationId, id))
  themeParam.register(router)
  feedbackParam.register(router)
  actionParam.register(router)

  const orgOf = (req: Request) => context(req).council.organisationId

  // ---- The overview ----------------------------------------------------------------------------------------

  router.get(P.childrenVoice.pattern, read, async (req, res) => {
    const organisationId = orgOf(req)
    const today = todayIso()
    const [themes, feedback, actions, links, objectives] = await Promise.all([
      repo.listThemes(db, organisationId),
      repo.listFeedback(db, organisationId),
      repo.listActions(db, organisationId),
      repo.listThemeLinks(db, organisationId),
      repo.liveObjectives(db, organisationId),
    ])
    const objectiveText = new Map(objectives.map((o) => [o.id, o.text]))
    const themeRows = themes.map((t) => {
      const items = feedback.filter((f) => f.themeId === t.id)
      const rule = voiceDirection(items, today)
      return {
        ...t,
        total: items.length,
        rule,
        latest: items[0]?.heardOn ?? null,
        actions: actions.filter((a) => a.themeId === t.id).length,
        objectives: links
          .filter((l) => l.theme_id === t.id)
          .map((l) => objectiveText.get(l.objective_id))
          .filter((text): text is string => text !== undefined),
      }
    })
    const actionRow = (a: repo.ActionRow) => ({
      ...a,
      statusLabel: ACTION_STATUS_LABELS[a.status],
      objectives: a.objectiveIds.map((id) => objectiveText.get(id)).filter((t): t is string => t !== undefined),
    })
    res.render('voice/views/voice-overview.njk', {
      themes: themeRows,
      feedbackCount: feedback.length,
      openActions: actions.filter((a) => a.status !== 'done').map(actionRow),
      doneActions: actions.filter((a) => a.status === 'done').map(actionRow),
    })
  })

  // ---- Feedback: the list, its CSV and the forms --------------------------------------------------------------

  async function filteredFeedback(req: Request) {
    const organisationId = orgOf(req)
    const themes = await repo.listThemes(db, organisationId)
    const filter = readFilter(
      req.query,
      themes.map((t) => t.id),
    )
    const today = todayIso()
    const items = await repo.listFeedback(db, organisationId, {
      themeId: filter.themeId,
      source: filter.source,
      tone: filter.tone,
      from: periodFrom(filter.period, today),
      to: filter.period === 'all' ? undefined : today,
    })
    return { themes, filter, items }
  }

  router.get(P.voiceFeedback.pattern, read, async (req, res) => {
    const { themes, filter, items } = await filteredFeedback(req)
    const query = new URLSearchParams()
    if (filter.themeId !== undefined) query.set('theme', String(filter.themeId))
    if (filter.source) query.set('source', filter.source)
    if (filter.tone) query.set('tone', filter.tone)
    if (filter.period !== 'all') query.set('period', filter.period)
    const filtered = query.size > 0
    res.render('voice/views/voice-feedback-list.njk', {
      items: items.map((i) => ({ ...i, sourceLabel: SOURCE_LABELS[i.source], toneLabel: TONE_LABELS[i.tone] })),
      counts: countTones(items),
      filter,
      filtered,
      csvQuery: filtered ? `?${query.toString()}` : '',
      themeItems: [
        { value: '', text: 'Every theme' },
        ...themes.map((t) => ({ value: String(t.id), text: t.title, selected: t.id === filter.themeId })),
      ],
      sourceItems: [
        { value: '', text: 'Every source' },
        ...VOICE_SOURCES.map((s) => ({ value: s, text: SOURCE_LABELS[s], selected: s === filter.source })),
      ],
      toneItems: [
        { value: '', text: 'Every tone' },
        ...VOICE_TONES.map((t) => ({ value: t, text: TONE_LABELS[t], selected: t === filter.tone })),
      ],
      periodItems: PERIODS.map((p) => ({ value: p.value, text: p.text, selected: p.value === filter.period })),
    })
  })

  router.get(P.voiceFeedbackCsv.pattern, read, async (req, res) => {
    const { items } = await filteredFeedback(req)
    res
      .type('text/csv')
      .attachment('childrens-feedback.csv')
      .send(
        toCsv(
          ['heard_on', 'theme', 'source', 'tone', 'children', 'summary'],
          items.map((i) => [i.heardOn, i.theme, SOURCE_LABELS[i.source], i.tone, i.childrenCount, i.summary]),
        ),
      )
  })

  async function renderFeedbackForm(
    req: Request,
    res: Response,
    view: { values: Record<string, unknown>; errors?: FormErrors; item?: repo.FeedbackRow },
  ) {
    const themes = await repo.listThemes(db, orgOf(req))
    res.status(view.errors ? 400 : 200).render('voice/views/voice-feedback-form.njk', {
      ...view,
      themeItems: [
        { value: '', text: 'Choose a theme' },
        ...themes.map((t) => ({
          value: String(t.id),
          text: t.title,
          selected: String(t.id) === String(view.values.themeId),
        })),
      ],
      hasThemes: themes.length > 0,
      sources: VOICE_SOURCES.map((s) => ({ value: s, text: SOURCE_LABELS[s], checked: view.values.source === s })),
      tones: VOICE_TONES.map((t) => ({
        value: t,
        text: TONE_LABELS[t],
        hint: { text: TONE_HINTS[t] },
        checked: view.values.tone === t,
      })),
    })
  }

  /** The form read and checked, including that its theme is this council's. */
  async function readFeedback(req: Request) {
    const form = parseForm(feedbackSchema, req.body, ['heardOn'])
    if (!form.ok) return form
    if (!(await repo.findTheme(db, orgOf(req), form.value.themeId)))
      return { ok: false as const, errors: singleError('themeId', 'Choose a theme') }
    if (form.value.heardOn! > todayIso())
      return { ok: false as const, errors: dateError('heardOn', 'The date it was heard must be today or earlier') }
    return { ok: true as const, value: { ...form.value, heardOn: form.value.heardOn! } satisfies FeedbackInput }
  }

  router.get(P.newVoiceFeedback.pattern, read, edit, async (req, res) => {
    const today = dateParts(todayIso())
    await renderFeedbackForm(req, res, {
      values: {
        themeId: plainText(req.query.theme),
        'heardOn-day': today.day,
        'heardOn-month': today.month,
        'heardOn-year': today.year,
      },
    })
  })

  router.post(P.newVoiceFeedback.pattern, read, edit, async (req, res) => {
    const form = await readFeedback(req)
    if (!form.ok) return renderFeedbackForm(req, res, { values: formBody(req), errors: form.errors })
    await db.transaction().execute((trx) => repo.createFeedback(trx, context(req).actor, form.value))
    flash(req, 'Feedback recorded')
    res.redirect(P.voiceFeedback(context(req).council.slug))
  })

  router.get(P.editVoiceFeedback.pattern, read, edit, async (req, res) => {
    const item = feedbackParam.of(res)
    const heard = dateParts(item.heardOn)
    await renderFeedbackForm(req, res, {
      item,
      values: {
        themeId: String(item.themeId),
        source: item.source,
        tone: item.tone,
        summary: item.summary,
        childrenCount: item.childrenCount === null ? '' : String(item.childrenCount),
        'heardOn-day': heard.day,
        'heardOn-month': heard.month,
        'heardOn-year': heard.year,
      },
    })
  })

  router.post(P.editVoiceFeedback.pattern, read, edit, async (req, res) => {
    const item = feedbackParam.of(res)
    const form = await readFeedback(req)
    if (!form.ok) return renderFeedbackForm(req, res, { item, values: formBody(req), errors: form.errors })
    await db.transaction().execute((trx) => repo.updateFeedback(trx, context(req).actor, item, form.value))
    flash(req, 'Feedback changed')
    res.redirect(P.voiceFeedback(context(req).council.slug))
  })

  // ---- Themes: the list and page for children, the forms, the objectives ---------------------------------------

  router.get(P.voiceThemes.pattern, read, async (req, res) => {
    res.render('voice/views/voice-themes.njk', { themes: await repo.listThemes(db, orgOf(req)) })
  })

  function renderThemeForm(
    req: Request,
    res: Response,
    view: { values: Record<string, unknown>; errors?: FormErrors; theme?: repo.Theme },
  ) {
    void req
    res.status(view.errors ? 400 : 200).render('voice/views/voice-theme-form.njk', view)
  }

  router.get(P.newVoiceTheme.pattern, read, edit, (req, res) => {
    renderThemeForm(req, res, { values: {} })
  })

  router.post(P.newVoiceTheme.pattern, read, edit, async (req, res) => {
    const form = parseForm(themeSchema, req.body)
    if (!form.ok) return renderThemeForm(req, res, { values: formBody(req), errors: form.errors })
    if (await repo.themeTitleTaken(db, orgOf(req), form.value.title))
      return renderThemeForm(req, res, {
        values: formBody(req),
        errors: singleError('title', 'Another theme already has this name'),
      })
    const theme = await db.transaction().execute((trx) => repo.createTheme(trx, context(req).actor, form.value))
    flash(req, `Theme added: ${theme.title}`)
    res.redirect(P.childrenVoice(context(req).council.slug))
  })

  router.get(P.voiceTheme.pattern, read, async (req, res) => {
    const theme = themeParam.of(res)
    const organisationId = orgOf(req)
    const today = todayIso()
    const [items, actions] = await Promise.all([
      repo.listFeedback(db, organisationId, { themeId: theme.id, from: periodFrom('12', today), to: today }),
      repo.listActions(db, organisationId, theme.id),
    ])
    const counts = countTones(items)
    res.render('voice/views/voice-theme.njk', {
      theme,
      toneSentence: toneSentence(counts),
      heard: items
        .slice(0, 12)
        .map((i) => ({ summary: i.summary, month: monthText(i.heardOn), where: SOURCE_PLAIN[i.source] })),
      heardCount: items.length,
      done: actions
        .filter((a) => a.status === 'done')
        .map((a) => ({ youSaid: a.youSaid, weDid: a.weDid, month: a.doneOn ? monthText(a.doneOn) : '' })),
      doing: actions
        .filter((a) => a.status !== 'done')
        .map((a) => ({ youSaid: a.youSaid, weDid: a.weDid, started: a.status === 'in-progress' })),
    })
  })

  router.get(P.editVoiceTheme.pattern, read, edit, (req, res) => {
    const theme = themeParam.of(res)
    renderThemeForm(req, res, { theme, values: { title: theme.title, description: theme.description } })
  })

  router.post(P.editVoiceTheme.pattern, read, edit, async (req, res) => {
    const theme = themeParam.of(res)
    const form = parseForm(themeSchema, req.body)
    if (!form.ok) return renderThemeForm(req, res, { theme, values: formBody(req), errors: form.errors })
    if (await repo.themeTitleTaken(db, orgOf(req), form.value.title, theme.id))
      return renderThemeForm(req, res, {
        theme,
        values: formBody(req),
        errors: singleError('title', 'Another theme already has this name'),
      })
    await db.transaction().execute((trx) => repo.updateTheme(trx, context(req).actor, theme, form.value))
    flash(req, `Theme changed: ${form.value.title}`)
    res.redirect(P.childrenVoice(context(req).council.slug))
  })

  async function renderLinks(req: Request, res: Response, theme: repo.Theme, chosen: string[], errors?: FormErrors) {
    const objectives = await repo.liveObjectives(db, orgOf(req))
    res.status(errors ? 400 : 200).render('voice/views/voice-theme-objectives.njk', {
      theme,
      errors,
      objectiveItems: objectives.map((o) => ({
        value: String(o.id),
        text: o.text,
        checked: chosen.includes(String(o.id)),
      })),
    })
  }

  router.get(P.voiceThemeObjectives.pattern, read, edit, async (req, res) => {
    const theme = themeParam.of(res)
    const linked = await repo.themeObjectiveIds(db, orgOf(req), theme.id)
    await renderLinks(req, res, theme, linked.map(String))
  })

  router.post(P.voiceThemeObjectives.pattern, read, edit, async (req, res) => {
    const theme = themeParam.of(res)
    const body = formBody(req)
    const form = parseForm(linkSchema, body)
    const objectives = await repo.liveObjectives(db, orgOf(req))
    const own = new Set(objectives.map((o) => o.id))
    const ids = form.ok ? form.value.objectiveIds : []
    if (ids.some((id) => !own.has(id)))
      return renderLinks(
        req,
        res,
        theme,
        selected(body.objectiveIds),
        singleError('objectiveIds', 'Choose objectives from the council’s current plan'),
      )
    await db.transaction().execute((trx) => repo.setThemeObjectives(trx, context(req).actor, theme, ids))
    flash(req, 'Objectives saved', theme.title)
    res.redirect(P.childrenVoice(context(req).council.slug))
  })

  // ---- "You said, we did" actions ------------------------------------------------------------------------------

  async function renderActionForm(
    req: Request,
    res: Response,
    view: { values: Record<string, unknown>; errors?: FormErrors; action?: repo.ActionRow },
  ) {
    const organisationId = orgOf(req)
    const [themes, objectives] = await Promise.all([
      repo.listThemes(db, organisationId),
      repo.liveObjectives(db, organisationId),
    ])
    const chosen = selected(view.values.objectiveIds)
    res.status(view.errors ? 400 : 200).render('voice/views/voice-action-form.njk', {
      ...view,
      hasThemes: themes.length > 0,
      themeItems: [
        { value: '', text: 'Choose a theme' },
        ...themes.map((t) => ({
          value: String(t.id),
          text: t.title,
          selected: String(t.id) === String(view.values.themeId),
        })),
      ],
      statuses: VOICE_ACTION_STATUSES.map((s) => ({
        value: s,
        text: ACTION_STATUS_LABELS[s],
        checked: view.values.status === s,
      })),
      objectiveItems: objectives.map((o) => ({
        value: String(o.id),
        text: o.text,
        checked: chosen.includes(String(o.id)),
      })),
    })
  }

  async function readAction(req: Request) {
    const form = parseForm(actionSchema, req.body, ['doneOn'])
    if (!form.ok) return form
    const organisationId = orgOf(req)
    if (!(await repo.findTheme(db, organisationId, form.value.themeId)))
      return { ok: false as const, errors: singleError('themeId', 'Choose a theme') }
    if (form.value.doneOn && form.value.doneOn > todayIso())
      return { ok: false as const, errors: dateError('doneOn', 'The date it was done must be today or earlier') }
    const own = new Set((await repo.liveObjectives(db, organisationId)).map((o) => o.id))
    if (form.value.objectiveIds.some((id) => !own.has(id)))
      return {
        ok: false as const,
        errors: singleError('objectiveIds', 'Choose objectives from the council’s current plan'),
      }
    return form
  }

  router.get(P.newVoiceAction.pattern, read, edit, async (req, res) => {
    await renderActionForm(req, res, { values: { status: 'planned', themeId: plainText(req.query.theme) } })
  })

  router.post(P.newVoiceAction.pattern, read, edit, async (req, res) => {
    const form = await readAction(req)
    if (!form.ok) return renderActionForm(req, res, { values: formBody(req), errors: form.errors })
    await db.transaction().execute((trx) => repo.createAction(trx, context(req).actor, form.value))
    flash(req, '“You said, we did” action added')
    res.redirect(P.childrenVoice(context(req).council.slug))
  })

  router.get(P.editVoiceAction.pattern, read, edit, async (req, res) => {
    const action = actionParam.of(res)
    const done = dateParts(action.doneOn)
    await renderActionForm(req, res, {
      action,
      values: {
        youSaid: action.youSaid,
        weDid: action.weDid,
        themeId: String(action.themeId),
        status: action.status,
        objectiveIds: action.objectiveIds.map(String),
        'doneOn-day': done.day,
        'doneOn-month': done.month,
        'doneOn-year': done.year,
      },
    })
  })

  router.post(P.editVoiceAction.pattern, read, edit, async (req, res) => {
    const action = actionParam.of(res)
    const form = await readAction(req)
    if (!form.ok) return renderActionForm(req, res, { action, values: formBody(req), errors: form.errors })
    await db.transaction().execute((trx) => repo.updateAction(trx, context(req).actor, action, form.value))
    flash(req, '“You said, we did” action changed')
    res.redirect(P.childrenVoice(context(req).council.slug))
  })

  return router
}
