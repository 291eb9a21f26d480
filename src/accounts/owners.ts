// Owners who are people. A strand, objective, milestone, measure or partner request is owned by a person
// with an account in the council, by a named contact without one, or by no one yet. The job title typed
// before owners were people stays beside it as the role label, so nothing is lost: an item with no one
// assigned reads "Unassigned (was: Head of Service)". Every page, the plan CSV and the bulk assignment page
// describe an owner with ownerText() below. Loading the council's choices and checking that an owner belongs
// to the council are queries, in owner-repository.ts; every change calls assertOwnerInCouncil there.
import { z } from 'zod'
import type { Role } from '../db/database.js'
import { BadRequestError } from '../web/errors.js'
import { ROLE_LABELS } from '../web/roles.js'

export type Owner = { kind: 'user'; userId: number } | { kind: 'contact'; contactId: number } | { kind: 'none' }

export const NO_OWNER: Owner = { kind: 'none' }

const OWNER_VALUE = /^(user|contact):([1-9][0-9]{0,8})$/

/**
 * A picker's value as an owner: 'user:12', 'contact:3', or '' (and a field not sent) for no one.
 * Anything else is undefined: a value no page offers.
 */
export function parseOwnerValue(value: unknown): Owner | undefined {
  if (value === undefined || value === '') return NO_OWNER
  if (typeof value !== 'string') return undefined
  const match = OWNER_VALUE.exec(value)
  if (!match) return undefined
  const id = Number(match[2])
  return match[1] === 'user' ? { kind: 'user', userId: id } : { kind: 'contact', contactId: id }
}

/** An owner as a picker's value (the inverse of parseOwnerValue). */
export function ownerValue(owner: Owner): string {
  if (owner.kind === 'user') return `user:${owner.userId}`
  if (owner.kind === 'contact') return `contact:${owner.contactId}`
  return ''
}

/** A form field holding an owner picker's value. */
export function ownerField(message = 'Choose someone from the list') {
  // A field not sent at all is no one, like an empty one.
  return z
    .preprocess((v) => v ?? '', z.unknown())
    .transform((value, ctx): Owner => {
      const owner = parseOwnerValue(value)
      if (owner) return owner
      ctx.addIssue({ code: 'custom', message })
      return z.NEVER
    })
}

/** The owner of an objective, milestone, measure or partner request row. */
export function ownerOf(row: { owner_user_id: number | null; owner_contact_id: number | null }): Owner {
  if (row.owner_user_id !== null) return { kind: 'user', userId: row.owner_user_id }
  if (row.owner_contact_id !== null) return { kind: 'contact', contactId: row.owner_contact_id }
  return NO_OWNER
}

/** A strand's lead (its owner), from its row. Rows recorded before leads could be contacts have no contact. */
export function leadOf(row: { lead_user_id: number | null; lead_contact_id?: number | null }): Owner {
  if (row.lead_user_id !== null) return { kind: 'user', userId: row.lead_user_id }
  if (row.lead_contact_id !== null && row.lead_contact_id !== undefined)
    return { kind: 'contact', contactId: row.lead_contact_id }
  return NO_OWNER
}

/** The columns that hold an owner, for an insert or update. */
export function ownerColumns(owner: Owner) {
  return {
    owner_user_id: owner.kind === 'user' ? owner.userId : null,
    owner_contact_id: owner.kind === 'contact' ? owner.contactId : null,
  }
}

/** The columns that hold a strand's lead, for an insert or update. */
export function leadColumns(owner: Owner) {
  return {
    lead_user_id: owner.kind === 'user' ? owner.userId : null,
    lead_contact_id: owner.kind === 'contact' ? owner.contactId : null,
  }
}

export function sameOwner(a: Owner, b: Owner): boolean {
  return ownerValue(a) === ownerValue(b)
}

/** The person an owner names: their name, and their organisation when it is not the council itself. */
export interface OwnerName {
  name: string
  organisation: string
}

/**
 * How an owner reads everywhere: "Name, role label", "Name (Organisation), role label", or with no one
 * assigned "Unassigned (was: role label)" ("Unassigned" when there is no label either).
 */
export function ownerText(person: OwnerName | null, label: string): string {
  const role = label.trim()
  if (!person) return role ? `Unassigned (was: ${role})` : 'Unassigned'
  const who = person.organisation ? `${person.name} (${person.organisation})` : person.name
  return role ? `${who}, ${role}` : who
}

/** Someone with an account in the council. */
export interface PersonChoice {
  id: number
  name: string
  role: Role
  /** Their employer when it is not this council (a partner agency, DfE); otherwise ''. */
  organisation: string
  active: boolean
}

/** A named contact without an account. */
export interface ContactChoice {
  id: number
  name: string
  employer: string
  role: string
  email: string
}

/** Everyone who can own something in one council. */
export interface OwnerChoices {
  people: PersonChoice[]
  contacts: ContactChoice[]
}

/** The person an owner names among the council's choices; null for no one (or someone no longer there). */
export function ownerName(owner: Owner, choices: OwnerChoices): OwnerName | null {
  if (owner.kind === 'user') {
    const person = choices.people.find((p) => p.id === owner.userId)
    return person ? { name: person.name, organisation: person.organisation } : null
  }
  if (owner.kind === 'contact') {
    const contact = choices.contacts.find((c) => c.id === owner.contactId)
    return contact ? { name: contact.name, organisation: contact.employer } : null
  }
  return null
}

/** ownerText for an owner found among the council's choices. */
export function describeOwner(owner: Owner, label: string, choices: OwnerChoices): string {
  return ownerText(ownerName(owner, choices), label)
}

/** Whether no one in the council owns it (never assigned, or the person has left the council). */
export function isUnassigned(owner: Owner, choices: OwnerChoices): boolean {
  return ownerName(owner, choices) === null
}

export interface OwnerOption {
  value: string
  text: string
}

/** The picker's two groups: people with an account, then contacts without one. */
export function ownerOptions(choices: OwnerChoices): { people: OwnerOption[]; contacts: OwnerOption[] } {
  return {
    people: choices.people.map((p) => ({
      value: ownerValue({ kind: 'user', userId: p.id }),
      text: ownerText(p, `${ROLE_LABELS[p.role]}${p.active ? '' : ' (cannot sign in)'}`),
    })),
    contacts: choices.contacts.map((c) => ({
      value: ownerValue({ kind: 'contact', contactId: c.id }),
      text: ownerText({ name: c.name, organisation: c.employer }, c.role),
    })),
  }
}

/** Refused when an owner is not of the council: a person from elsewhere is never assigned. */
export class OwnerNotInCouncilError extends BadRequestError {}

/** An owner as the audit trail keeps it: the ids, and how it read at the time. */
export function ownerForAudit(owner: Owner, text: string) {
  return { ...ownerColumns(owner), owner: text }
}
