// The pages links in emails open, and asking for one: accept an invitation (choose a password and sign in),
// "forgotten your password?", and reset a password. None needs a signed-in session.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import type { TokenPurpose } from '../db/database.js'
import { paths } from '../web/paths.js'
import { flash } from '../web/flash.js'
import { parseForm, formBody, type FormErrors } from '../web/forms.js'
import { recordAudit } from '../audit/audit-repository.js'
import { queueMail } from '../mail/outbox.js'
import { findAccount, findUserByEmail, recordSignIn, setPassword, signInRefusal } from './account-repository.js'
import { checkToken, consumeToken, expireUnusedTokens, issueToken } from './account-token-repository.js'
import { passwordResetMail } from './account-mail.js'
import { newPasswordSchema } from './password-rules.js'
import { hashPassword } from './password.js'
import { deleteUserSessions } from './session-repository.js'
import { startSignedInSession, startSignedOutSession } from './session-control.js'
import { AttemptLimiter } from './attempt-limiter.js'

const forgotSchema = z.object({
  email: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''),
    z
      .string()
      .min(1, 'Enter your email address')
      .email('Enter an email address in the correct format, like name@example.org'),
  ),
})

type LinkProblem = 'used' | 'expired' | 'unknown' | 'refused'

/** What each kind of link says when it no longer works, and what to do instead. */
const PROBLEMS: Record<TokenPurpose, Record<LinkProblem, { heading: string; text: string }>> = {
  invitation: {
    used: {
      heading: 'This invitation link has already been used',
      text: 'Each invitation link works once. If you chose your password with it, sign in. If you did not, ask your administrator for a new invitation.',
    },
    expired: {
      heading: 'This invitation link has expired',
      text: 'Invitation links work for 7 days, and only the newest one sent to you works. Ask your administrator for a new invitation.',
    },
    unknown: {
      heading: 'This invitation link does not work',
      text: 'Check that you opened the whole link from the email. If it still does not work, ask your administrator for a new invitation.',
    },
    refused: {
      heading: 'This invitation no longer works',
      text: 'Your account cannot be used at the moment. Ask your administrator if you still need access to Turnaround.',
    },
  },
  'password-reset': {
    used: {
      heading: 'This link has already been used',
      text: 'Each link to reset your password works once. If you chose a new password with it, sign in. If you did not, ask for a new link.',
    },
    expired: {
      heading: 'This link has expired',
      text: 'Links to reset your password work for 1 hour, and only the newest one sent to you works. Ask for a new link.',
    },
    unknown: {
      heading: 'This link does not work',
      text: 'Check that you opened the whole link from the email. If it still does not work, ask for a new link.',
    },
    refused: {
      heading: 'This link no longer works',
      text: 'Your account cannot be used at the moment. Ask your council’s Turnaround administrator if you still need access.',
    },
  },
}

/** A link that has never existed is "not found"; one that did but no longer works is "gone". */
const PROBLEM_STATUS: Record<LinkProblem, number> = { unknown: 404, used: 410, expired: 410, refused: 410 }

const PAGES: Record<TokenPurpose, { route: typeof paths.acceptInvitation | typeof paths.resetPassword }> = {
  invitation: { route: paths.acceptInvitation },
  'password-reset': { route: paths.resetPassword },
}

/** Thrown inside the transaction when the token was used up by another request first. */
class TokenAlreadyUsed extends Error {}

export function passwordLinkRoutes(db: Db, publicUrl: string, throttle = new AttemptLimiter(db)): Router {
  const router = Router()

  const renderProblem = (res: Response, purpose: TokenPurpose, problem: LinkProblem) =>
    res
      .status(PROBLEM_STATUS[problem])
      .render('accounts/views/link-problem.njk', { purpose, problem, ...PROBLEMS[purpose][problem] })

  /** The person a link is for, if it still works and their account may be used. */
  async function linkHolder(res: Response, token: unknown, purpose: TokenPurpose) {
    const state = await checkToken(db, token, purpose)
    if (state.state !== 'valid') return void renderProblem(res, purpose, state.state)
    const account = await findAccount(db, state.userId)
    if (!account || (await signInRefusal(db, account))) return void renderProblem(res, purpose, 'refused')
    return { ...account, expiresAt: state.expiresAt }
  }

  const renderChoose = (
    res: Response,
    purpose: TokenPurpose,
    token: string,
    account: { email: string; display_name: string },
    errors?: FormErrors,
  ) =>
    res.status(errors ? 400 : 200).render('accounts/views/choose-password.njk', {
      purpose,
      action: PAGES[purpose].route(token),
      account,
      errors,
    })

  for (const purpose of ['invitation', 'password-reset'] as const) {
    const route = PAGES[purpose].route

    router.get(route.pattern, async (req, res) => {
      const token = req.params.token
      const account = await linkHolder(res, token, purpose)
      if (account) renderChoose(res, purpose, String(token), account)
    })

    router.post(route.pattern, async (req: Request, res) => {
      const token = String(req.params.token)
      const account = await linkHolder(res, token, purpose)
      if (!account) return
      // Passwords are never put back into the page.
      const form = parseForm(newPasswordSchema(account.email), formBody(req))
      if (!form.ok) return renderChoose(res, purpose, token, account, form.errors)
      const passwordHash = await hashPassword(form.value.password)
      const changedAt = new Date()
      try {
        await db.transaction().execute(async (trx) => {
          const userId = await consumeToken(trx, token, purpose, changedAt)
          if (userId !== account.id) throw new TokenAlreadyUsed()
          await setPassword(trx, userId, passwordHash, changedAt)
          // Any other link sent to them (an older invitation, a reset) stops working.
          await expireUnusedTokens(trx, userId, changedAt)
          const actor = { userId, organisationId: null }
          if (purpose === 'invitation') {
            await recordAudit(trx, actor, {
              entityType: 'user',
              entityId: userId,
              action: 'update',
              summary: `${account.email} accepted their invitation and chose a password`,
            })
            await recordSignIn(trx, account)
          } else {
            // Whoever knew the old password is signed out everywhere.
            await deleteUserSessions(trx, userId)
            await recordAudit(trx, actor, {
              entityType: 'user',
              entityId: userId,
              action: 'update',
              summary: `${account.email} reset their password using a link sent by email`,
            })
          }
        })
      } catch (error) {
        if (error instanceof TokenAlreadyUsed) return renderProblem(res, purpose, 'used')
        throw error
      }
      if (purpose === 'invitation') {
        await startSignedInSession(req, account.id, changedAt)
        flash(
          req,
          'Your password is set',
          'You are signed in. Next time, sign in with your email address and this password.',
        )
        return res.redirect(paths.home())
      }
      await startSignedOutSession(req)
      flash(
        req,
        'Your password has been reset',
        'Sign in with your new password. You have been signed out everywhere else.',
      )
      res.redirect(paths.signIn())
    })
  }

  router.get(paths.forgotPassword.pattern, (_req, res) => {
    res.render('accounts/views/forgot-password.njk', { values: {} })
  })

  router.post(paths.forgotPassword.pattern, async (req, res) => {
    const body = formBody(req)
    const values = { email: typeof body.email === 'string' ? body.email : '' }
    const form = parseForm(forgotSchema, body)
    if (!form.ok) return res.status(400).render('accounts/views/forgot-password.njk', { values, errors: form.errors })
    const { email } = form.value
    // Each request counts, whether or not the email has an account: the same limit for every address.
    if (await throttle.isLocked(`reset-mail:${email}`)) {
      const text = 'Too many requests for this email address. Wait 15 minutes, then try again'
      return res.status(429).render('accounts/views/forgot-password.njk', {
        values,
        errors: { summary: [{ text, href: '#email' }], fields: { email: { text } } },
      })
    }
    await throttle.recordFailure(`reset-mail:${email}`)
    const user = await findUserByEmail(db, email)
    if (user && !(await signInRefusal(db, user))) {
      await db.transaction().execute(async (trx) => {
        const { token, expiresAt } = await issueToken(trx, {
          userId: user.id,
          purpose: 'password-reset',
          createdBy: null,
        })
        await queueMail(
          trx,
          passwordResetMail({
            publicUrl,
            person: { id: user.id, email: user.email, displayName: user.display_name },
            token,
            expiresAt,
          }),
        )
      })
    }
    // The same answer whether or not the address has an account, so the page reveals nothing.
    res.render('accounts/views/forgot-password-sent.njk', { email })
  })

  return router
}
