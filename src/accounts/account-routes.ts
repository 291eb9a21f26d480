// "Your account": the signed-in person's name, email, councils and roles, and changing their password.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { requireSignIn } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { formBody, parseForm, singleError, type FormErrors } from '../web/forms.js'
import type { SignedInUser } from '../web/express-types.js'
import { recordAudit } from '../audit/audit-repository.js'
import { findAccount, findPasswordHash, setPassword } from './account-repository.js'
import { expireUnusedTokens } from './account-token-repository.js'
import { newPasswordSchema } from './password-rules.js'
import { hashPassword, verifyPassword } from './password.js'
import { deleteUserSessions } from './session-repository.js'
import { startSignedInSession } from './session-control.js'
import { AttemptLimiter } from './attempt-limiter.js'

const currentPasswordSchema = z.object({
  currentPassword: z.preprocess(
    (v) => (typeof v === 'string' ? v : ''),
    z.string().min(1, 'Enter your current password'),
  ),
})

function signedInUser(req: Request): SignedInUser {
  const user = req.user
  if (!user) throw new Error('account routes used without requireSignIn')
  return user
}

export function accountRoutes(db: Db, throttle = new AttemptLimiter(db)): Router {
  const router = Router()

  router.get(paths.account.pattern, requireSignIn, async (req, res) => {
    const user = signedInUser(req)
    const account = await findAccount(db, user.id)
    res.render('accounts/views/account.njk', {
      account: { ...user, passwordChangedAt: account?.password_changed_at ?? null },
    })
  })

  const renderChange = (res: Response, errors?: FormErrors, status = 400) =>
    res.status(errors ? status : 200).render('accounts/views/change-password.njk', { errors })

  router.get(paths.changePassword.pattern, requireSignIn, (_req, res) => renderChange(res))

  router.post(paths.changePassword.pattern, requireSignIn, async (req, res) => {
    const user = signedInUser(req)
    const body = formBody(req)
    const current = parseForm(currentPasswordSchema, body)
    const next = parseForm(newPasswordSchema(user.email), body)
    if (!current.ok || !next.ok) {
      const errors: FormErrors = { summary: [], fields: {} }
      for (const result of [current, next]) {
        if (result.ok) continue
        errors.summary.push(...result.errors.summary)
        Object.assign(errors.fields, result.errors.fields)
      }
      return renderChange(res, errors)
    }
    // Guessing the current password from a session left open is slowed like guessing it at sign-in.
    const key = `change:${user.email}`
    if (await throttle.isLocked(key)) {
      return renderChange(
        res,
        singleError('currentPassword', 'Too many wrong passwords. Wait 15 minutes, then try again'),
        429,
      )
    }
    const stored = await findPasswordHash(db, user.id)
    if (!stored || !(await verifyPassword(current.value.currentPassword, stored))) {
      await throttle.recordFailure(key)
      return renderChange(res, singleError('currentPassword', 'Your current password is not right: enter it again'))
    }
    await throttle.reset(key)
    const passwordHash = await hashPassword(next.value.password)
    const changedAt = new Date()
    await db.transaction().execute(async (trx) => {
      await setPassword(trx, user.id, passwordHash, changedAt)
      // Signed out everywhere else; a reset link sent earlier stops working.
      await deleteUserSessions(trx, user.id, req.sessionID)
      await expireUnusedTokens(trx, user.id, changedAt)
      await recordAudit(
        trx,
        { userId: user.id, organisationId: null },
        { entityType: 'user', entityId: user.id, action: 'update', summary: `${user.email} changed their password` },
      )
    })
    // This browser stays signed in, under a new session id.
    await startSignedInSession(req, user.id, changedAt)
    flash(req, 'Your password has been changed', 'You have been signed out on any other devices.')
    res.redirect(paths.account())
  })

  return router
}
