// Administrators add people to their council, change their role, or remove their access.
import { Router, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { recordParam } from '../web/records.js'
import { parseForm, requiredText, singleError, type FormErrors, formBody } from '../web/forms.js'
import {
  addCouncilUser,
  findCouncilUser,
  findUserByEmail,
  listCouncilUsers,
  updateCouncilUser,
} from './account-repository.js'
import { hashPassword } from './password.js'
import { ROLES } from '../db/database.js'

const roleField = z.enum(ROLES, { error: 'Select a role' })

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
  password: z
    .string()
    .min(12, 'The first password must be at least 12 characters')
    .max(200, 'The first password must be 200 characters or fewer'),
})

// Only this council's access is changed here: the same person may work with other councils too.
const editUserSchema = z.object({
  role: roleField,
  access: z.enum(['keep', 'remove'], { error: 'Select whether they keep access to this council' }),
})

export function userAdminRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const manage = requireCapability('users:manage')
  const P = paths.council

  // A person outside this council is a 404 for everyone.
  const person = recordParam('userId', (id, { council }) => findCouncilUser(db, council.organisationId, id))
  person.register(router)

  router.get(P.users.pattern, manage, async (req, res) => {
    res.render('accounts/views/users.njk', { users: await listCouncilUsers(db, context(req).council.organisationId) })
  })

  const renderNew = (res: Response, values: Record<string, unknown>, errors?: FormErrors) =>
    res.status(errors ? 400 : 200).render('accounts/views/user-form.njk', { values, errors, roles: ROLES })

  router.get(P.newUser.pattern, manage, (_req, res) => renderNew(res, {}))

  router.post(P.newUser.pattern, manage, async (req, res) => {
    const { council, actor } = context(req)
    // Never echo a password back into the page.
    const values = { ...(req.body as Record<string, unknown>), password: '' }
    const form = parseForm(newUserSchema, req.body)
    if (!form.ok) return renderNew(res, values, form.errors)
    const existing = await findUserByEmail(db, form.value.email)
    if (existing && (await findCouncilUser(db, council.organisationId, existing.id))) {
      return renderNew(res, values, singleError('email', 'This person already has access to this council'))
    }
    const passwordHash = await hashPassword(form.value.password)
    await db.transaction().execute((trx) => addCouncilUser(trx, actor, { ...form.value, passwordHash }))
    flash(req, `${form.value.displayName} can now sign in`)
    res.redirect(P.users(council.slug))
  })

  router.get(P.editUser.pattern, manage, (_req, res) => {
    const found = person.of(res)
    res.render('accounts/views/user-edit.njk', {
      person: found,
      roles: ROLES,
      values: { role: found.role, access: 'keep' },
    })
  })

  router.post(P.editUser.pattern, manage, async (req, res) => {
    const found = person.of(res)
    const { user, council, actor } = context(req)
    const form = parseForm(editUserSchema, req.body)
    let errors = form.ok ? undefined : form.errors
    if (form.ok && found.id === user.id && (form.value.role !== 'admin' || form.value.access === 'remove')) {
      errors = singleError('role', 'You cannot remove your own administrator access')
    }
    if (!form.ok || errors) {
      return res
        .status(400)
        .render('accounts/views/user-edit.njk', { person: found, roles: ROLES, values: formBody(req), errors })
    }
    await db.transaction().execute((trx) => updateCouncilUser(trx, actor, found.id, form.value))
    flash(
      req,
      form.value.access === 'remove' ? `${found.display_name} no longer has access` : `${found.display_name} updated`,
    )
    res.redirect(P.users(council.slug))
  })

  return router
}
