import { Router, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { paths } from '../server/paths.js'
import { context, requireCapability } from '../server/middleware/auth.js'
import { NotFoundError } from '../server/errors.js'
import { parseForm, parseId, requiredText, singleError, type FormErrors } from '../shared/forms.js'
import {
  addCouncilUser,
  findCouncilUser,
  findUserByEmail,
  listCouncilUsers,
  updateCouncilUser,
} from './account-repository.js'
import { hashPassword } from './password.js'
import { ROLES } from './roles.js'

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

  router.get('/users', manage, async (req, res) => {
    res.render('accounts/views/users.njk', { users: await listCouncilUsers(db, context(req).council.organisationId) })
  })

  const renderNew = (res: Response, values: Record<string, unknown>, errors?: FormErrors) =>
    res.status(errors ? 400 : 200).render('accounts/views/user-form.njk', { values, errors, roles: ROLES })

  router.get('/users/new', manage, (_req, res) => renderNew(res, {}))

  router.post('/users/new', manage, async (req, res) => {
    const { user, council } = context(req)
    // Never echo a password back into the page.
    const values = { ...req.body, password: '' }
    const form = parseForm(newUserSchema, req.body)
    if (!form.ok) return renderNew(res, values, form.errors)
    const existing = await findUserByEmail(db, form.value.email)
    if (existing && (await findCouncilUser(db, council.organisationId, existing.id))) {
      return renderNew(res, values, singleError('email', 'This person already has access to this council'))
    }
    const passwordHash = await hashPassword(form.value.password)
    await db
      .transaction()
      .execute((trx) => addCouncilUser(trx, council.organisationId, user.id, { ...form.value, passwordHash }))
    req.session.flash = { heading: `${form.value.displayName} can now sign in` }
    res.redirect(paths.council.users(council.slug))
  })

  // Loaded before the role check: a user outside this council is a 404 for everyone.
  router.param('userId', async (req, res, next, value) => {
    try {
      const id = parseId(value)
      const found = id ? await findCouncilUser(db, context(req).council.organisationId, id) : undefined
      if (!found) return next(new NotFoundError())
      res.locals.person = found
      next()
    } catch (error) {
      next(error)
    }
  })
  const councilUserOr404 = (res: Response) =>
    res.locals.person as NonNullable<Awaited<ReturnType<typeof findCouncilUser>>>

  router.get('/users/:userId/edit', manage, async (req, res) => {
    const person = councilUserOr404(res)
    res.render('accounts/views/user-edit.njk', {
      person,
      roles: ROLES,
      values: { role: person.role, access: 'keep' },
    })
  })

  router.post('/users/:userId/edit', manage, async (req, res) => {
    const person = councilUserOr404(res)
    const { user, council } = context(req)
    const form = parseForm(editUserSchema, req.body)
    let errors = form.ok ? undefined : form.errors
    if (form.ok && person.id === user.id && (form.value.role !== 'admin' || form.value.access === 'remove')) {
      errors = singleError('role', 'You cannot remove your own administrator access')
    }
    if (!form.ok || errors) {
      return res.status(400).render('accounts/views/user-edit.njk', { person, roles: ROLES, values: req.body, errors })
    }
    await db
      .transaction()
      .execute((trx) => updateCouncilUser(trx, council.organisationId, user.id, person.id, form.value))
    req.session.flash = {
      heading:
        form.value.access === 'remove'
          ? `${person.display_name} no longer has access`
          : `${person.display_name} updated`,
    }
    res.redirect(paths.council.users(council.slug))
  })

  return router
}
