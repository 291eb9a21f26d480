import { Router } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { parseForm, type FormErrors, formBody } from '../web/forms.js'
import type { Tx } from '../db/connect.js'
import { recordAudit } from '../audit/audit-repository.js'
import { auditCouncilsOf, findUserByEmail, recordSignIn, signInRefusal } from './account-repository.js'
import { decoyPasswordHash, verifyPassword } from './password.js'
import { destroySession, startSignedInSession } from './session-control.js'
import {
  ACCOUNT_THRESHOLD,
  ADDRESS_THRESHOLD,
  clearAccount,
  describeWait,
  mustWait,
  recordFailure,
  throttleState,
  type ThrottleKind,
} from './sign-in-throttle-repository.js'

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

/**
 * Audits a failed sign-in: the email as typed and the client address, never whether the email has an account.
 * It goes in the trail of each council the email's owner belongs to, or at service level (no council) for an
 * email nobody has; with it, any throttling that this failure engaged.
 */
async function auditFailure(
  trx: Tx,
  attempt: { typed: string; email: string; address: string; userId: number | undefined },
  engaged: ThrottleKind[],
) {
  const councils = await auditCouncilsOf(trx, attempt.userId)
  const entity = { entityType: 'sign_in_attempt', entityId: attempt.email }
  for (const organisationId of councils) {
    const actor = { userId: null, organisationId }
    await recordAudit(trx, actor, {
      ...entity,
      action: 'sign-in-failed',
      summary: `Failed sign-in as ${attempt.typed} from ${attempt.address}`,
    })
    if (engaged.includes('account')) {
      await recordAudit(trx, actor, {
        ...entity,
        action: 'lockout',
        summary: `Sign-in as ${attempt.email} delayed after ${ACCOUNT_THRESHOLD} failed attempts (the last from ${attempt.address})`,
      })
    }
  }
  if (engaged.includes('address')) {
    await recordAudit(
      trx,
      { userId: null, organisationId: null },
      {
        entityType: 'sign_in_address',
        entityId: attempt.address,
        action: 'lockout',
        summary: `Sign-in from ${attempt.address} delayed after ${ADDRESS_THRESHOLD} failed attempts`,
      },
    )
  }
}

export interface SignInOptions {
  /** The time, for the throttle's delays (tests pass their own). */
  now?: () => Date
}

export function signInRoutes(db: Db, options: SignInOptions = {}): Router {
  const router = Router()
  const now = options.now ?? (() => new Date())

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
    const address = req.ip ?? 'unknown'
    const attemptAt = now()
    // While delayed, the password is not checked at all, and the answer is the same for every email.
    const waitMs = mustWait(await throttleState(db, email, address, attemptAt))
    if (waitMs > 0) {
      const text = `Too many failed attempts to sign in. Wait ${describeWait(waitMs)}, then try again`
      res.set('Retry-After', String(Math.ceil(waitMs / 1000)))
      return render({ summary: [{ text, href: '#email' }], fields: { email: { text } } }, 429)
    }
    const user = await findUserByEmail(db, email)
    // Always run scrypt, so response time does not reveal whether the email exists, or whether it belongs to
    // someone invited who has not yet chosen a password (an empty hash).
    const storedHash = user?.password_hash || (await decoyPasswordHash())
    const passwordOk = (await verifyPassword(form.value.password, storedHash)) && Boolean(user?.password_hash)
    if (!user || !passwordOk) {
      await db.transaction().execute(async (trx) => {
        const engaged = await recordFailure(trx, email, address, attemptAt)
        await auditFailure(trx, { typed: form.value.email, email, address, userId: user?.id }, engaged)
      })
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
    await startSignedInSession(req, user.id) // a fresh session id defeats session fixation
    await db.transaction().execute(async (trx) => {
      await clearAccount(trx, email)
      await recordSignIn(trx, user)
    })
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
