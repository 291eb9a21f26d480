// Administrators add people to their council (who are invited by email to choose their own password), change
// their role, remove their access, send a fresh invitation, and deactivate or reactivate an account. They never
// give the adviser role, nor touch anyone who holds an oversight post (the DfE adviser or Commissioner, the
// Board chair): that access belongs to the overseer and only a service administrator changes it.
import { Router, type NextFunction, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { recordParam } from '../web/records.js'
import { parseForm, requiredText, singleError, type FormErrors, formBody } from '../web/forms.js'
import {
  addCouncilUser,
  countOtherCouncils,
  findCouncilUser,
  findUserByEmail,
  listCouncilUsers,
  setAccountActive,
  updateCouncilUser,
} from './account-repository.js'
import { expireUnusedTokens, latestInvitationExpiry } from './account-token-repository.js'
import { deleteUserSessions } from './session-repository.js'
import { sendInvitation } from './invitations.js'
import {
  findPendingCouncilInvitation,
  inviteExistingAccount,
  listPendingCouncilInvitations,
} from './council-invitation-repository.js'
import { formatDateTime } from '../shared/dates.js'
import { ROLES } from '../db/database.js'
import {
  COUNCIL_GRANTABLE_ROLES,
  councilMayGiveRole,
  councilMayManage,
  OVERSIGHT_POST_LABELS,
} from './oversight-posts.js'

const roleField = z
  .enum(ROLES, { error: 'Select a role' })
  .refine(
    councilMayGiveRole,
    'Only the service administrator can give the DfE adviser or Commissioner role: choose another role',
  )

const newUserSchema = z.object({
  displayName: requiredText('their full name', 120),
  email: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''),
    z
      .string()
      .min(1, 'Enter their email address')
      .email('Enter an email address in the correct format, like name@example.org'),
  ),
  role: roleField,
})

// Only this council's access is changed here: the same person may work with other councils too.
const editUserSchema = z.object({
  role: roleField,
  access: z.enum(['keep', 'remove'], { error: 'Select whether they keep access to this council' }),
})

const activeSchema = z.object({
  action: z.enum(['deactivate', 'reactivate'], { error: 'Choose whether to deactivate or reactivate the account' }),
})

/** What the users list says about each account. */
export function accountStatus(person: { active: boolean; password_set: boolean }) {
  if (!person.active) return 'Deactivated'
  return person.password_set ? 'Active' : 'Invited, not yet signed in'
}

/** `publicUrl`: where links in emails point (config.publicUrl). */
export function userAdminRoutes(db: Db, publicUrl: string): Router {
  const router = Router({ mergeParams: true })
  const manage = requireCapability('users:manage')
  const P = paths.council

  // A person outside this council is a 404 for everyone.
  const person = recordParam('userId', (id, { council }) => findCouncilUser(db, council.organisationId, id))
  person.register(router)

  /**
   * An overseer's access (an oversight post at this council) is refused whole before anything is read or
   * written: a page saying who can change it, with 403.
   */
  const notOverseer = (req: Request, res: Response, next: NextFunction) => {
    const found = person.of(res)
    if (councilMayManage(found)) return next()
    res.status(403).render('accounts/views/oversight-held.njk', {
      person: found,
      postLabels: OVERSIGHT_POST_LABELS,
      attempted: req.method === 'POST',
    })
  }

  router.get(P.users.pattern, manage, async (req, res) => {
    const { organisationId } = context(req).council
    const [users, pendingInvitations] = await Promise.all([
      listCouncilUsers(db, organisationId),
      listPendingCouncilInvitations(db, organisationId),
    ])
    const invitations = await latestInvitationExpiry(
      db,
      users.filter((u) => !u.password_set).map((u) => u.id),
    )
    const now = new Date()
    const members = users.map((u) => {
      const expiry = invitations.get(u.id)
      return { ...u, status: accountStatus(u), invitationExpired: !u.password_set && (!expiry || expiry <= now) }
    })
    // People with an account elsewhere who have not yet accepted: shown as the administrator typed them,
    // invited like anyone new (nothing of their account shows until they accept).
    const invited = pendingInvitations.map((i) => ({
      id: null,
      email: i.email,
      display_name: i.display_name,
      role: i.role,
      active: true,
      oversight_post: null,
      employer_name: null,
      status: accountStatus({ active: true, password_set: false }),
      invitationExpired: i.expires_at <= now,
    }))
    res.render('accounts/views/users.njk', {
      users: [...members, ...invited].sort((a, b) => a.display_name.localeCompare(b.display_name)),
      postLabels: OVERSIGHT_POST_LABELS,
    })
  })

  const renderNew = (res: Response, values: Record<string, unknown>, errors?: FormErrors) =>
    res
      .status(errors ? 400 : 200)
      .render('accounts/views/user-form.njk', { values, errors, roles: COUNCIL_GRANTABLE_ROLES })

  router.get(P.newUser.pattern, manage, (_req, res) => renderNew(res, {}))

  router.post(P.newUser.pattern, manage, async (req, res) => {
    const { council, actor } = context(req)
    const values = formBody(req)
    const form = parseForm(newUserSchema, req.body)
    if (!form.ok) return renderNew(res, values, form.errors)
    const existing = await findUserByEmail(db, form.value.email)
    if (existing && (await findCouncilUser(db, council.organisationId, existing.id))) {
      return renderNew(res, values, singleError('email', 'This person already has access to this council'))
    }
    if (existing && (await findPendingCouncilInvitation(db, council.organisationId, existing.id))) {
      return renderNew(res, values, singleError('email', 'An invitation to this email address is already waiting'))
    }
    // An email that already has an account (in another council) is invited, not attached: its owner accepts
    // after signing in. The administrator sees the same outcome either way, so nothing about the account shows.
    const expiresAt = await db.transaction().execute(async (trx) => {
      if (existing) {
        return inviteExistingAccount(
          trx,
          actor,
          { userId: existing.id, email: existing.email, displayName: form.value.displayName, role: form.value.role },
          publicUrl,
        )
      }
      const person = await addCouncilUser(trx, actor, form.value)
      return sendInvitation(trx, actor, person, publicUrl)
    })
    flash(
      req,
      `Invitation sent to ${form.value.email}`,
      `${form.value.displayName} can accept it using the link in the email until ${formatDateTime(expiresAt)}.`,
    )
    res.redirect(P.users(council.slug))
  })

  const renderEdit = (
    res: Response,
    found: NonNullable<Awaited<ReturnType<typeof findCouncilUser>>>,
    values: Record<string, unknown>,
    errors?: FormErrors,
  ) =>
    res.status(errors ? 400 : 200).render('accounts/views/user-edit.njk', {
      person: { ...found, status: accountStatus(found) },
      roles: COUNCIL_GRANTABLE_ROLES,
      values,
      errors,
    })

  router.get(P.editUser.pattern, manage, notOverseer, (_req, res) => {
    const found = person.of(res)
    renderEdit(res, found, { role: found.role, access: 'keep' })
  })

  router.post(P.editUser.pattern, manage, notOverseer, async (req, res) => {
    const found = person.of(res)
    const { user, council, actor } = context(req)
    const form = parseForm(editUserSchema, req.body)
    let errors = form.ok ? undefined : form.errors
    if (form.ok && found.id === user.id && (form.value.role !== 'admin' || form.value.access === 'remove')) {
      errors = singleError('role', 'You cannot remove your own administrator access')
    }
    if (!form.ok || errors) return renderEdit(res, found, formBody(req), errors)
    await db.transaction().execute((trx) => updateCouncilUser(trx, actor, found.id, form.value))
    flash(
      req,
      form.value.access === 'remove' ? `${found.display_name} no longer has access` : `${found.display_name} updated`,
    )
    res.redirect(P.users(council.slug))
  })

  // A fresh invitation for someone who has not yet chosen a password: the links in earlier ones stop working.
  router.post(P.inviteUser.pattern, manage, notOverseer, async (req, res) => {
    const found = person.of(res)
    const { council, actor } = context(req)
    const values = { role: found.role, access: 'keep' }
    if (found.password_set) {
      const text = `${found.display_name} has already chosen a password. If they have forgotten it, they can reset it from the sign-in page`
      return renderEdit(res, found, values, singleError('invite', text))
    }
    if (!found.active) {
      return renderEdit(res, found, values, singleError('invite', 'Reactivate their account before inviting them'))
    }
    const expiresAt = await db
      .transaction()
      .execute((trx) =>
        sendInvitation(trx, actor, { id: found.id, email: found.email, displayName: found.display_name }, publicUrl),
      )
    flash(
      req,
      `New invitation sent to ${found.email}`,
      `The link in it works until ${formatDateTime(expiresAt)}. Links in earlier invitations no longer work.`,
    )
    res.redirect(P.users(council.slug))
  })

  /**
   * Deactivating ends the person's sessions and stops them signing in. It is refused for someone who also
   * works with another council, or is a service administrator: one council's administrator must not lock them
   * out of another council or of the service (they remove the person's access to their own council instead).
   */
  const activeProblem = async (
    found: { id: number; service_admin: boolean },
    userId: number,
    organisationId: number,
  ) => {
    if (found.id === userId) return 'You cannot deactivate or reactivate your own account'
    if (found.service_admin) {
      return 'This person is a Turnaround service administrator, so only their access to this council can be changed here: remove their access to this council instead'
    }
    if ((await countOtherCouncils(db, found.id, organisationId)) > 0) {
      return 'This person also has access to another council, so only their access to this council can be changed here: remove their access to this council instead'
    }
    return undefined
  }

  const renderActive = async (req: Request, res: Response, errors?: FormErrors) => {
    const found = person.of(res)
    const { user, council } = context(req)
    const problem = await activeProblem(found, user.id, council.organisationId)
    res.status(errors ? 400 : 200).render('accounts/views/user-active.njk', {
      person: { ...found, status: accountStatus(found) },
      problem,
      errors,
    })
  }

  router.get(P.deactivateUser.pattern, manage, notOverseer, (req, res) => renderActive(req, res))

  router.post(P.deactivateUser.pattern, manage, notOverseer, async (req, res) => {
    const found = person.of(res)
    const { user, council, actor } = context(req)
    const form = parseForm(activeSchema, req.body)
    if (!form.ok) return renderActive(req, res, form.errors)
    const problem = await activeProblem(found, user.id, council.organisationId)
    if (problem) return renderActive(req, res, singleError('action', problem))
    const active = form.value.action === 'reactivate'
    if (found.active !== active) {
      await db.transaction().execute(async (trx) => {
        await setAccountActive(trx, actor, found, active)
        if (!active) {
          await deleteUserSessions(trx, found.id)
          await expireUnusedTokens(trx, found.id, new Date())
        }
      })
    }
    if (active) flash(req, `${found.display_name}'s account is active`, 'They can sign in again.')
    else flash(req, `${found.display_name}'s account is deactivated`, 'They have been signed out and cannot sign in.')
    res.redirect(P.users(council.slug))
  })

  return router
}
