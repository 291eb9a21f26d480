// The council's partner organisations and their people: the list with each one's sector, people and requests
// (open, overdue, answered); adding an organisation; an organisation's page with its people at the council
// and the requests addressed to it; and adding a person, who is invited (or told they have access) with the
// partner role and the organisation as their employer. Read by everyone who reads the draft plan; changed by
// the improvement team and administrators.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import { PARTNER_SECTORS } from '../db/database.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { recordParam } from '../web/records.js'
import { formBody, parseForm, requiredText, singleError, type FormErrors } from '../web/forms.js'
import { todayIso } from '../shared/dates.js'
import { addCouncilUser, findCouncilUser, findUserByEmail } from '../accounts/account-repository.js'
import { sendInvitation } from '../accounts/invitations.js'
import { findPendingCouncilInvitation, inviteExistingAccount } from '../accounts/council-invitation-repository.js'
import {
  REQUEST_STATE_LABELS,
  REQUEST_STATE_TAGS,
  requestCounts,
  requestState,
} from '../reports/partner-request-state.js'
import { SECTOR_LABELS, sameName } from './partner-rules.js'
import {
  createPartnerOrganisation,
  findCouncilPartner,
  listCouncilPartners,
  listPartnerPeople,
  listRequestFactsByPartner,
  listRequestsToPartner,
  setEmployer,
  type CouncilPartner,
} from './partner-repository.js'

const P = paths.council

const partnerSchema = z.object({
  name: requiredText('the organisation’s name', 120),
  sector: z.enum(PARTNER_SECTORS, { error: 'Select the sector the organisation works in' }),
})

const personSchema = z.object({
  displayName: requiredText('their full name', 120),
  email: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''),
    z
      .string()
      .min(1, 'Enter their email address')
      .max(254, 'Their email address must be 254 characters or fewer')
      .email('Enter an email address in the correct format, like name@example.org'),
  ),
})

const sectorItems = (chosen: unknown) =>
  PARTNER_SECTORS.map((s) => ({ value: s, text: SECTOR_LABELS[s], checked: chosen === s }))

export function partnerRoutes(db: Db, publicUrl = ''): Router {
  const router = Router({ mergeParams: true })
  const read = requireCapability('plan:read-draft')
  const manage = requireCapability('partners:manage')

  // Any organisation that is not one of this council's partners is a 404, before any role check.
  const partnerParam = recordParam('partnerId', (id, { council }) => findCouncilPartner(db, council.organisationId, id))
  partnerParam.register(router)

  router.get(P.partners.pattern, read, async (req, res) => {
    const { council } = context(req)
    const today = todayIso()
    const [partners, facts] = await Promise.all([
      listCouncilPartners(db, council.organisationId),
      listRequestFactsByPartner(db, council.organisationId),
    ])
    res.render('partners/views/partners.njk', {
      partners: partners.map((p) => ({
        ...p,
        sectorLabel: SECTOR_LABELS[p.sector],
        counts: requestCounts(
          facts.filter((f) => f.partner_organisation_id === p.id),
          today,
        ),
      })),
    })
  })

  const renderNew = (res: Response, values: Record<string, unknown>, errors?: FormErrors) =>
    res
      .status(errors ? 400 : 200)
      .render('partners/views/partner-new.njk', { values, errors, sectorItems: sectorItems(values.sector) })

  router.get(P.newPartner.pattern, read, manage, (_req, res) => renderNew(res, {}))

  router.post(P.newPartner.pattern, read, manage, async (req, res) => {
    const { council, actor } = context(req)
    const values = formBody(req)
    const form = parseForm(partnerSchema, req.body)
    if (!form.ok) return renderNew(res, values, form.errors)
    const existing = await listCouncilPartners(db, council.organisationId)
    if (existing.some((p) => sameName(p.name, form.value.name))) {
      return renderNew(res, values, singleError('name', `${form.value.name} is already one of your partners`))
    }
    const created = await db.transaction().execute((trx) => createPartnerOrganisation(trx, actor, form.value))
    flash(req, `${created.name} added`, 'You can now add its people, and address requests to it.')
    res.redirect(P.partner(council.slug, created.id))
  })

  // After /new, so that 'new' is never read as an organisation's id.
  router.get(P.partner.pattern, read, async (req, res) => {
    const { council } = context(req)
    const partner = partnerParam.of(res)
    const today = todayIso()
    const [people, requests] = await Promise.all([
      listPartnerPeople(db, council.organisationId, partner.id),
      listRequestsToPartner(db, council.organisationId, partner.id),
    ])
    res.render('partners/views/partner.njk', {
      partner: { ...partner, sectorLabel: SECTOR_LABELS[partner.sector] },
      people,
      counts: requestCounts(requests, today),
      requests: requests.map((r) => {
        const state = requestState(r, today)
        return { ...r, stateLabel: REQUEST_STATE_LABELS[state], stateTag: REQUEST_STATE_TAGS[state] }
      }),
    })
  })

  const renderPerson = (res: Response, partner: CouncilPartner, values: Record<string, unknown>, errors?: FormErrors) =>
    res.status(errors ? 400 : 200).render('partners/views/partner-person-new.njk', { partner, values, errors })

  router.get(P.newPartnerPerson.pattern, read, manage, (_req, res) => renderPerson(res, partnerParam.of(res), {}))

  router.post(P.newPartnerPerson.pattern, read, manage, async (req: Request, res: Response) => {
    const { council, actor } = context(req)
    const partner = partnerParam.of(res)
    const values = formBody(req)
    const form = parseForm(personSchema, req.body)
    if (!form.ok) return renderPerson(res, partner, values, form.errors)
    const { email, displayName } = form.value
    const existing = await findUserByEmail(db, email)
    if (existing && (await findCouncilUser(db, council.organisationId, existing.id))) {
      return renderPerson(res, partner, values, singleError('email', 'This person already has access to this council'))
    }
    if (existing && (await findPendingCouncilInvitation(db, council.organisationId, existing.id))) {
      return renderPerson(
        res,
        partner,
        values,
        singleError('email', 'An invitation to this email address is already waiting'),
      )
    }
    await db.transaction().execute(async (trx) => {
      // An account from elsewhere is invited, not attached, and keeps its employer until its owner accepts.
      if (existing) {
        await inviteExistingAccount(
          trx,
          actor,
          {
            userId: existing.id,
            email: existing.email,
            displayName,
            role: 'partner',
            employerOrganisationId: partner.id,
          },
          publicUrl,
        )
        return
      }
      const person = await addCouncilUser(trx, actor, { email, displayName, role: 'partner' })
      await setEmployer(trx, actor, person, partner)
      // A deactivated account gets no email: it cannot sign in until it is reactivated.
      if (!person.active) return
      await sendInvitation(trx, actor, person, publicUrl)
    })
    // Only what was typed: nothing about an account the email may already have (its name, employer, state).
    flash(
      req,
      `${email} has been invited or given access`,
      `Once signed in, ${displayName} can see and answer the requests addressed to ${partner.name}.`,
    )
    res.redirect(P.partner(council.slug, partner.id))
  })

  return router
}
