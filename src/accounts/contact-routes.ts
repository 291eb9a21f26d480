// Contacts without an account: listed for everyone who reads the draft plan, added and changed by the
// improvement team, so they can be named as owners.
import { Router, type Request, type Response } from 'express'
import { z } from 'zod'
import type { Db } from '../db/connect.js'
import type { Contact } from '../db/database.js'
import { paths } from '../web/paths.js'
import { context, requireCapability } from '../web/auth.js'
import { flash } from '../web/flash.js'
import { recordParam } from '../web/records.js'
import { formBody, optionalText, parseForm, requiredText, singleError, type FormErrors } from '../web/forms.js'
import {
  contactEmailTaken,
  createContact,
  findContact,
  listContacts,
  updateContact,
  type ContactInput,
} from './contact-repository.js'
import { isUniqueViolation } from '../db/errors.js'

const P = paths.council

const DUPLICATE_EMAIL = 'Another contact already has this email address'

export const contactSchema = z.object({
  name: requiredText('their full name', 120),
  employer: optionalText('organisation', 200),
  role: optionalText('role', 200),
  email: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : ''),
    z
      .string()
      .min(1, 'Enter their email address')
      .max(254, 'Email address must be 254 characters or fewer')
      .email('Enter an email address in the correct format, like name@example.org'),
  ),
})

export function contactRoutes(db: Db): Router {
  const router = Router({ mergeParams: true })
  const readDraft = requireCapability('plan:read-draft')
  const editAny = requireCapability('plan:edit-any')

  // Another council's contact is a 404 for everyone.
  const contactParam = recordParam('contactId', (id, { council }) => findContact(db, council.organisationId, id))
  contactParam.register(router)

  router.get(P.contacts.pattern, readDraft, async (req, res) => {
    res.render('accounts/views/contacts.njk', { contacts: await listContacts(db, context(req).council.organisationId) })
  })

  const renderForm = (
    res: Response,
    view: { contact?: Contact; values: Record<string, unknown>; errors?: FormErrors },
  ) => res.status(view.errors ? 400 : 200).render('accounts/views/contact-form.njk', view)

  /** Saves a new or changed contact, or shows the form again with what was typed and why it was refused. */
  async function save(req: Request, res: Response, contact: Contact | undefined) {
    const { council, actor } = context(req)
    const form = parseForm(contactSchema, req.body)
    if (!form.ok) return renderForm(res, { contact, values: formBody(req), errors: form.errors })
    const duplicate = () =>
      renderForm(res, { contact, values: formBody(req), errors: singleError('email', DUPLICATE_EMAIL) })
    if (await contactEmailTaken(db, council.organisationId, form.value.email, contact?.id)) return duplicate()
    const input: ContactInput = form.value
    let saved: Contact
    try {
      saved = await db
        .transaction()
        .execute((trx) => (contact ? updateContact(trx, actor, contact, input) : createContact(trx, actor, input)))
    } catch (error) {
      if (isUniqueViolation(error)) return duplicate()
      throw error
    }
    flash(req, contact ? `${saved.name} updated` : `${saved.name} added as a contact`)
    res.redirect(P.contacts(council.slug))
  }

  router.get(P.newContact.pattern, readDraft, editAny, (_req, res) => renderForm(res, { values: {} }))
  router.post(P.newContact.pattern, readDraft, editAny, (req, res) => save(req, res, undefined))

  router.get(P.editContact.pattern, readDraft, editAny, (_req, res) => {
    const contact = contactParam.of(res)
    renderForm(res, {
      contact,
      values: { name: contact.name, employer: contact.employer, role: contact.role, email: contact.email },
    })
  })
  router.post(P.editContact.pattern, readDraft, editAny, (req, res) => save(req, res, contactParam.of(res)))

  return router
}
