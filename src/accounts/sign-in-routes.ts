import { Router } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { parseForm, type FormErrors, formBody } from '../web/forms.js'
import { findUserByEmail, recordSignIn, signInRefusal } from './account-repository.js'
import { decoyPasswordHash, verifyPassword } from './password.js'
import { destroySession, startSignedInSession } from './session-control.js'
import { SignInThrottle } from './sign-in-throttle.js'

const signInSchema = z.object({
  email: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z
      .string()
      .min(1, 'Enter your email address')
      .email('Enter an email address in the correct format, like name@example.org'),
  ),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password'),
})

/** Only same-site paths may be returned to after sign-in. */
export function safeReturnTo(value: unknown): string {
  return typeof value === 'string' && value.startsWith('/') && !value.startsWith('//') && !value.includes('\\')
    ? value
    : paths.home()
}

export function signInRoutes(db: Db, throttle = new SignInThrottle()): Router {
  const router = Router()

  router.get(paths.signIn.pattern, (req, res) => {
    if (req.user) return res.redirect(safeReturnTo(req.query.returnTo))
    res.render('accounts/views/sign-in.njk', { returnTo: safeReturnTo(req.query.returnTo), values: {} })
  })

  router.post(paths.signIn.pattern, async (req, res) => {
    const body = formBody(req)
    const returnTo = safeReturnTo(body.returnTo)
    const values = { email: typeof body.email === 'string' ? body.email : '' }
    const render = (errors: FormErrors, status = 400) =>
      res.status(status).render('accounts/views/sign-in.njk', { errors, values, returnTo })

    const form = parseForm(signInSchema, req.body)
    if (!form.ok) return render(form.errors)

    const email = form.value.email.toLowerCase()
    if (throttle.isLocked(email)) {
      return render(
        {
          summary: [{ text: 'Too many failed attempts. Wait 15 minutes, then try again', href: '#email' }],
          fields: { email: { text: 'Too many failed attempts. Wait 15 minutes, then try again' } },
        },
        429,
      )
    }
    const user = await findUserByEmail(db, email)
    // Always run scrypt, so response time does not reveal whether the email exists, or whether it belongs to
    // someone invited who has not yet chosen a password (an empty hash).
    const storedHash = user?.password_hash || (await decoyPasswordHash())
    const passwordOk = (await verifyPassword(form.value.password, storedHash)) && Boolean(user?.password_hash)
    if (!user || !passwordOk) {
      throttle.recordFailure(email)
      const text = 'Enter a correct email address and password'
      return render({ summary: [{ text, href: '#email' }], fields: { email: { text }, password: { text } } })
    }
    // Only someone who knows the password learns why their account cannot be used.
    const refusal = await signInRefusal(db, user)
    if (refusal) {
      const text =
        refusal === 'deactivated'
          ? 'Your account has been deactivated. If you still need to use Turnaround, ask your council’s Turnaround administrator'
          : 'Your account no longer has access to any council. If you still need to use Turnaround, ask your council’s Turnaround administrator'
      return render({ summary: [{ text, href: '#email' }], fields: { email: { text } } }, 403)
    }
    throttle.reset(email)
    await startSignedInSession(req, user.id) // a fresh session id defeats session fixation
    await db.transaction().execute((trx) => recordSignIn(trx, user))
    res.redirect(returnTo)
  })

  router.post(paths.signOut.pattern, async (req, res) => {
    await destroySession(req)
    res.clearCookie('turnaround.sid')
    res.clearCookie('__Host-turnaround.sid')
    res.redirect(paths.signIn())
  })

  return router
}
