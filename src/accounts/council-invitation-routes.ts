// The signed-in person's invitations to join other councils: accept or decline each.
import { Router, type Request } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { paths } from '../web/paths.js'
import { requireSignIn } from '../web/auth.js'
import { NotFoundError } from '../web/errors.js'
import { flash } from '../web/flash.js'
import { parseId } from '../web/forms.js'
import { ROLE_LABELS } from '../web/roles.js'
import type { SignedInUser } from '../web/express-types.js'
import { answerCouncilInvitation, listMyCouncilInvitations } from './council-invitation-repository.js'

function signedInUser(req: Request): SignedInUser {
  if (!req.user) throw new Error('invitation routes used without requireSignIn')
  return req.user
}

const answerSchema = z.object({ answer: z.enum(['accept', 'decline']) })

export function councilInvitationRoutes(db: Db): Router {
  const router = Router()

  router.get(paths.councilInvitations.pattern, requireSignIn, async (req, res) => {
    const invitations = await listMyCouncilInvitations(db, signedInUser(req).id)
    res.render('accounts/views/council-invitations.njk', {
      invitations: invitations.map((i) => ({ ...i, roleLabel: ROLE_LABELS[i.role] })),
    })
  })

  router.post(paths.answerCouncilInvitation.pattern, requireSignIn, async (req, res) => {
    const user = signedInUser(req)
    const id = parseId(req.params.invitationId)
    const form = answerSchema.safeParse(req.body)
    if (id === undefined || !form.success) throw new NotFoundError('No such invitation')
    const answered = await db.transaction().execute((trx) => answerCouncilInvitation(trx, user, id, form.data.answer))
    // Someone else's, already answered or expired: the same 404, so ids reveal nothing.
    if (!answered) throw new NotFoundError('No such invitation')
    if (form.data.answer === 'accept') {
      flash(req, `You have joined ${answered.council_name}`, `Your role there: ${ROLE_LABELS[answered.role]}.`)
      return res.redirect(paths.council.home(answered.council_slug))
    }
    flash(req, `You declined the invitation to ${answered.council_name}`)
    res.redirect(paths.councilInvitations())
  })

  return router
}
