// Oversight access (DfE adviser, Commissioner, the Board's independent chair): granted, changed and withdrawn
// only by a service-level administrator; each council sees who holds it.
import { Router, type NextFunction, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { OVERSIGHT_POSTS, type OversightPost } from '../db/database.js'
import type { Actor } from '../audit/audit-repository.js'
import { paths } from '../web/paths.js'
import { requireServiceAdmin, requireSignIn } from '../web/auth.js'
import { can, ROLE_LABELS, type Capability } from '../web/roles.js'
import { ForbiddenError, NotFoundError } from '../web/errors.js'
import { flash } from '../web/flash.js'
import { formBody, optionalText, parseForm, parseId, singleError, type FormErrors } from '../web/forms.js'
import type { SignedInUser } from '../web/express-types.js'
import { formatDateTime } from '../shared/dates.js'
import {
  changeOversightPost,
  findCouncilBySlug,
  findMembership,
  findOversightHolding,
  grantOversightPost,
  listCouncils,
  listOversightHoldings,
  withdrawOversightPost,
  type OversightHolding,
} from './oversight-access-repository.js'
import { findUserByEmail } from './account-repository.js'
import { sendAccessNotice, sendInvitation } from './invitations.js'
import { OVERSIGHT_POST_CHOICES, OVERSIGHT_POST_LABELS } from './oversight-posts.js'

const postField = z.enum(OVERSIGHT_POSTS, { error: 'Select the post' })

const emailField = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''),
  z
    .string()
    .min(1, 'Enter their email address')
    .max(200, 'Email address must be 200 characters or fewer')
    .email('Enter an email address in the correct format, like name@example.org'),
)

const grantSchema = z.object({
  council: z.preprocess((v) => (typeof v === 'string' ? v.trim() : ''), z.string().min(1, 'Select the council')),
  post: postField,
  email: emailField,
  displayName: optionalText('their full name', 120),
})

const grantQuery = z.object({ council: z.string().max(100).optional().catch(undefined) })

const changeSchema = z.object({ post: postField })
const inviteSchema = z.object({ action: z.literal('invite') })
const withdrawSchema = z.object({
  confirm: z.literal('withdraw', { error: 'Confirm that you want to withdraw this access' }),
})

function serviceAdmin(req: Request): SignedInUser {
  if (!req.user?.serviceAdmin) throw new Error('service routes used without requireServiceAdmin')
  return req.user
}

/** The service administrator acting on one council: the change goes in that council's audit trail. */
function actorFor(req: Request, organisationId: number): Actor {
  return { userId: serviceAdmin(req).id, organisationId }
}

/** Loads the holding the URL names (after the guards, so nobody else learns which ids exist). */
async function loadHolding(db: Db, req: Request, res: Response): Promise<OversightHolding> {
  const id = parseId(req.params.membershipId)
  const holding = id === undefined ? undefined : await findOversightHolding(db, id)
  if (!holding) throw new NotFoundError('No such oversight access')
  res.locals.holding = holding
  return holding
}

/** Each council with the oversight posts it has, for the service pages. */
async function councilsWithHoldings(db: Db) {
  const [councils, all] = await Promise.all([listCouncils(db), listOversightHoldings(db)])
  return councils.map((council) => ({
    ...council,
    holdings: all.filter((h) => h.organisationId === council.id),
  }))
}

const postItems = (chosen: unknown) =>
  OVERSIGHT_POST_CHOICES.map((post) => ({
    value: post,
    text: OVERSIGHT_POST_LABELS[post],
    checked: chosen === post,
  }))

/** The service-level pages, outside any council. */
export function serviceRoutes(db: Db, publicUrl: string): Router {
  const router = Router()

  router.get(paths.service.pattern, requireSignIn, requireServiceAdmin, async (req, res) => {
    const user = serviceAdmin(req)
    const councils = await councilsWithHoldings(db)
    const mine = new Set(user.councils.map((c) => c.slug))
    res.render('accounts/views/service.njk', {
      councils: councils.map((c) => ({ ...c, hasAccess: mine.has(c.slug) })),
    })
  })

  router.get(paths.oversightAccess.pattern, requireSignIn, requireServiceAdmin, async (_req, res) => {
    res.render('accounts/views/oversight-access.njk', {
      councils: await councilsWithHoldings(db),
      postLabels: OVERSIGHT_POST_LABELS,
    })
  })

  const renderGrant = async (res: Response, values: Record<string, unknown>, errors?: FormErrors) => {
    const councils = await listCouncils(db)
    const chosen = typeof values.council === 'string' ? values.council : ''
    res.status(errors ? 400 : 200).render('accounts/views/oversight-grant.njk', {
      values,
      errors,
      councilItems: [
        { value: '', text: 'Choose a council', selected: chosen === '' },
        ...councils.map((c) => ({ value: c.slug, text: c.name, selected: chosen === c.slug })),
      ],
      postItems: postItems(values.post),
    })
  }

  router.get(paths.grantOversightAccess.pattern, requireSignIn, requireServiceAdmin, async (req, res) => {
    const query = grantQuery.parse(req.query)
    await renderGrant(res, { council: query.council ?? '' })
  })

  router.post(paths.grantOversightAccess.pattern, requireSignIn, requireServiceAdmin, async (req, res) => {
    const values = formBody(req)
    const form = parseForm(grantSchema, req.body)
    if (!form.ok) return renderGrant(res, values, form.errors)
    const { post, email, displayName } = form.value
    const council = await findCouncilBySlug(db, form.value.council)
    if (!council) return renderGrant(res, values, singleError('council', 'Select the council'))
    const existing = await findUserByEmail(db, email)
    if (existing) {
      const membership = await findMembership(db, council.id, existing.id)
      if (membership) {
        const text = membership.oversight_post
          ? `This person already holds oversight access to ${council.name} as ${OVERSIGHT_POST_LABELS[membership.oversight_post]}: change their post instead`
          : `This person already has access to ${council.name} as ${ROLE_LABELS[membership.role]}: change their existing access instead (the council’s administrator can remove it first)`
        return renderGrant(res, values, singleError('email', text))
      }
    } else if (displayName === '') {
      return renderGrant(
        res,
        values,
        singleError('displayName', 'Enter their full name: no one has an account with this email address yet'),
      )
    }
    const actor = actorFor(req, council.id)
    const outcome = await db.transaction().execute(async (trx) => {
      const granted = await grantOversightPost(trx, actor, { post, email, displayName })
      if (!granted.active) return { granted, sent: 'none' as const }
      if (!granted.passwordSet) {
        const expiresAt = await sendInvitation(trx, actor, granted.person, publicUrl, new Date(), 'service')
        return { granted, sent: 'invitation' as const, expiresAt }
      }
      await sendAccessNotice(trx, actor, granted.person, granted.role, publicUrl)
      return { granted, sent: 'notice' as const }
    })
    const { person } = outcome.granted
    const heading = `${person.displayName} is now ${OVERSIGHT_POST_LABELS[post]} for ${council.name}`
    if (outcome.sent === 'invitation') {
      flash(
        req,
        heading,
        `We have emailed ${person.email} an invitation to choose a password. The link works until ${formatDateTime(outcome.expiresAt)}.`,
      )
    } else if (outcome.sent === 'notice') {
      flash(req, heading, 'They already have an account, so they sign in as usual. We have emailed them to tell them.')
    } else {
      flash(req, heading, 'Their account is deactivated, so they cannot sign in until it is reactivated.')
    }
    res.redirect(paths.oversightAccess())
  })

  const renderEdit = (res: Response, holding: OversightHolding, values: Record<string, unknown>, errors?: FormErrors) =>
    res.status(errors ? 400 : 200).render('accounts/views/oversight-edit.njk', {
      holding,
      postLabels: OVERSIGHT_POST_LABELS,
      postItems: postItems(values.post),
      values,
      errors,
    })

  router.get(paths.editOversightAccess.pattern, requireSignIn, requireServiceAdmin, async (req, res) => {
    const holding = await loadHolding(db, req, res)
    renderEdit(res, holding, { post: holding.post })
  })

  router.post(paths.editOversightAccess.pattern, requireSignIn, requireServiceAdmin, async (req, res) => {
    const holding = await loadHolding(db, req, res)
    const actor = actorFor(req, holding.organisationId)
    // A second form on the page sends a fresh invitation to someone who has not yet chosen a password.
    if (inviteSchema.safeParse(req.body).success) {
      const problem = holding.passwordSet
        ? `${holding.displayName} has already chosen a password. If they have forgotten it, they can reset it from the sign-in page`
        : !holding.active
          ? 'Their account is deactivated, so they cannot be invited'
          : undefined
      if (problem) return renderEdit(res, holding, { post: holding.post }, singleError('invite', problem))
      const person = { id: holding.userId, email: holding.email, displayName: holding.displayName }
      const expiresAt = await db
        .transaction()
        .execute((trx) => sendInvitation(trx, actor, person, publicUrl, new Date(), 'service'))
      flash(
        req,
        `New invitation sent to ${holding.email}`,
        `The link in it works until ${formatDateTime(expiresAt)}. Links in earlier invitations no longer work.`,
      )
      return res.redirect(paths.oversightAccess())
    }
    const form = parseForm(changeSchema, req.body)
    if (!form.ok) return renderEdit(res, holding, formBody(req), form.errors)
    const post: OversightPost = form.value.post
    const changed = await db.transaction().execute((trx) => changeOversightPost(trx, actor, holding, post))
    flash(
      req,
      changed
        ? `${holding.displayName} is now ${OVERSIGHT_POST_LABELS[post]} for ${holding.councilName}`
        : `No change: ${holding.displayName} is still ${OVERSIGHT_POST_LABELS[post]} for ${holding.councilName}`,
    )
    res.redirect(paths.oversightAccess())
  })

  const renderWithdraw = (res: Response, holding: OversightHolding, errors?: FormErrors) =>
    res.status(errors ? 400 : 200).render('accounts/views/oversight-withdraw.njk', {
      holding,
      postLabels: OVERSIGHT_POST_LABELS,
      errors,
    })

  router.get(paths.withdrawOversightAccess.pattern, requireSignIn, requireServiceAdmin, async (req, res) => {
    renderWithdraw(res, await loadHolding(db, req, res))
  })

  router.post(paths.withdrawOversightAccess.pattern, requireSignIn, requireServiceAdmin, async (req, res) => {
    const holding = await loadHolding(db, req, res)
    const form = parseForm(withdrawSchema, req.body)
    if (!form.ok) return renderWithdraw(res, holding, form.errors)
    await db.transaction().execute((trx) => withdrawOversightPost(trx, actorFor(req, holding.organisationId), holding))
    flash(
      req,
      `${holding.displayName} no longer has access to ${holding.councilName}`,
      `Their oversight access as ${OVERSIGHT_POST_LABELS[holding.post]} has been withdrawn.`,
    )
    res.redirect(paths.oversightAccess())
  })

  return router
}

/** Passes when the person's role at this council has any of the capabilities. */
function requireAnyCapability(...capabilities: Capability[]) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const council = req.council
    if (council && capabilities.some((c) => can(council.role, c))) return next()
    next(new ForbiddenError(`Role lacks all of ${capabilities.join(', ')}`))
  }
}

/** The council's read-only page of who holds oversight access to it. */
export function councilOversightAccessRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const read = requireAnyCapability('users:manage', 'oversight:read')

  router.get(paths.council.councilOversightAccess.pattern, read, async (req, res) => {
    const council = req.council
    if (!council) throw new Error('council route without a council')
    res.render('accounts/views/council-oversight-access.njk', {
      holdings: await listOversightHoldings(db, council.organisationId),
      postLabels: OVERSIGHT_POST_LABELS,
    })
  })

  return router
}
