// The pages about email: a council's Sent mail (everything queued for its people, and how it went), one
// message there; and for each signed-in person, the mail sent to them and their choice of non-essential mail.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { recordAudit } from '../audit/audit-repository.js'
import { context, requireCapability, requireSignIn } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { parseForm, toFormErrors, type FormErrors } from '../web/forms.js'
import { paths } from '../web/paths.js'
import { recordParam } from '../web/records.js'
import { NotFoundError } from '../web/errors.js'
import { can } from '../web/roles.js'
import { hideSingleUseLinks } from './mail-worker.js'
import {
  MAIL_FILTERS,
  findCouncilMessage,
  findMailChoices,
  listCouncilMail,
  listPersonMail,
  saveMailChoices,
  type MailChoices,
} from './mail-repository.js'
import { MAIL_CATEGORY_LABELS, MAIL_FILTER_LABELS, bodyParagraphs, mailStatusText } from './mail-status.js'

const PAGE_SIZE = 50

const listQuery = z.object({
  status: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.enum(MAIL_FILTERS, { error: 'Choose a status from the list' }).optional(),
  ),
  page: z.coerce.number().int().min(1).max(100000).catch(1),
})
const pageQuery = z.object({ page: z.coerce.number().int().min(1).max(100000).catch(1) })

/** The council's Sent mail page and its messages (mounted on the council router). */
export function mailRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const readAll = requireCapability('mail:read-all')
  const P = paths.council

  // Another council's message is a 404 for everyone, before any role check.
  const message = recordParam('messageId', (id, { council }) => findCouncilMessage(db, council.organisationId, id))
  message.register(router)

  router.get(P.sentMail.pattern, readAll, async (req, res) => {
    const { council } = context(req)
    const parsed = listQuery.safeParse({ page: 1, ...req.query })
    const page = parsed.success ? parsed.data.page : 1
    const status = parsed.success ? parsed.data.status : undefined
    const result = await listCouncilMail(db, {
      organisationId: council.organisationId,
      status,
      page,
      pageSize: PAGE_SIZE,
    })
    res.status(parsed.success ? 200 : 400).render('mail/views/sent-mail.njk', {
      rows: result.rows.map((row) => ({ ...row, state: mailStatusText(row) })),
      total: result.total,
      page,
      pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
      query: status ? `status=${status}` : '',
      values: { status: typeof req.query.status === 'string' ? req.query.status : '' },
      statusItems: [
        { value: '', text: 'Any' },
        ...MAIL_FILTERS.map((value) => ({ value, text: MAIL_FILTER_LABELS[value] })),
      ],
      filterLabel: status ? MAIL_FILTER_LABELS[status] : undefined,
      categoryLabels: MAIL_CATEGORY_LABELS,
      errors: parsed.success ? undefined : toFormErrors(parsed.error),
    })
  })

  router.get(P.sentMailMessage.pattern, readAll, (req, res) => {
    const found = message.of(res)
    // Only those who manage people may pass on an invitation or reset link kept in the outbox.
    const body = can(context(req).council.role, 'users:manage') ? found.body : hideSingleUseLinks(found.body)
    res.render('mail/views/sent-mail-message.njk', {
      message: found,
      state: mailStatusText(found),
      paragraphs: bodyParagraphs(body),
      categoryLabels: MAIL_CATEGORY_LABELS,
    })
  })

  return router
}

const CHOICES = ['reminders', 'notices', 'digest'] as const
const choicesSchema = z.object({
  choices: z.preprocess(
    (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value]),
    z.array(z.enum(CHOICES, { error: 'Choose from the emails listed' })).max(CHOICES.length),
  ),
})

const CHOICE_WORDS: Record<(typeof CHOICES)[number], string> = {
  reminders: 'reminders of deadlines',
  notices: 'notices of requests',
  digest: 'digests after deadlines',
}

/** The signed-in person's own mail and mail choices (mounted at the top level; each route needs a sign-in). */
export function accountMailRoutes(db: Db): Router {
  const router = Router()

  router.get(paths.myMail.pattern, requireSignIn, async (req, res) => {
    const user = signedIn(req)
    const { page } = pageQuery.parse({ page: 1, ...req.query })
    const result = await listPersonMail(db, { userId: user.id, email: user.email }, { page, pageSize: PAGE_SIZE })
    res.render('mail/views/my-mail.njk', {
      rows: result.rows.map((row) => ({
        ...row,
        state: mailStatusText(row, 'person'),
        paragraphs: bodyParagraphs(row.body),
      })),
      total: result.total,
      page,
      pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
      categoryLabels: MAIL_CATEGORY_LABELS,
    })
  })

  const renderChoices = (res: Response, checked: string[], errors?: FormErrors) =>
    res.status(errors ? 400 : 200).render('mail/views/mail-preferences.njk', { checked, errors })

  router.get(paths.mailPreferences.pattern, requireSignIn, async (req, res) => {
    const choices = await findMailChoices(db, signedIn(req).id)
    if (!choices) throw new NotFoundError()
    renderChoices(
      res,
      CHOICES.filter((c) => choices[c]),
    )
  })

  router.post(paths.mailPreferences.pattern, requireSignIn, async (req, res) => {
    const user = signedIn(req)
    const form = parseForm(choicesSchema, req.body)
    if (!form.ok) {
      const sent: unknown = (req.body as Record<string, unknown> | undefined)?.choices
      const checked = (Array.isArray(sent) ? sent : [sent]).filter((v): v is string => typeof v === 'string')
      return renderChoices(res, checked, form.errors)
    }
    const after: MailChoices = {
      reminders: form.value.choices.includes('reminders'),
      notices: form.value.choices.includes('notices'),
      digest: form.value.choices.includes('digest'),
    }
    await db.transaction().execute(async (trx) => {
      const before = await findMailChoices(trx, user.id)
      if (!before) throw new NotFoundError()
      const changed = CHOICES.filter((c) => before[c] !== after[c])
      if (changed.length === 0) return
      await saveMailChoices(trx, user.id, after)
      await recordAudit(
        trx,
        { userId: user.id, organisationId: null },
        {
          entityType: 'mail_preferences',
          entityId: user.id,
          action: 'update',
          summary: `${user.email} ${changed.map((c) => `turned ${after[c] ? 'on' : 'off'} ${CHOICE_WORDS[c]}`).join(', ')}`,
          before,
          after,
        },
      )
    })
    flash(req, 'Your email choices are saved')
    res.redirect(paths.mailPreferences())
  })

  return router
}

function signedIn(req: Request) {
  if (!req.user) throw new Error('signedIn() used on a route without requireSignIn')
  return req.user
}
