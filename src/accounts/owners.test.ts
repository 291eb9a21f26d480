// Owners who are people: how a picker's value is read and written, and how an owner reads on every page.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { z } from 'zod'
import {
  describeOwner,
  isUnassigned,
  leadColumns,
  leadOf,
  NO_OWNER,
  ownerColumns,
  ownerField,
  ownerOf,
  ownerOptions,
  ownerText,
  ownerValue,
  parseOwnerValue,
  sameOwner,
  type OwnerChoices,
} from './owners.js'

const CHOICES: OwnerChoices = {
  people: [
    { id: 4, name: 'Ann Lee', role: 'strand-lead', organisation: '', active: true },
    { id: 7, name: 'Bo Kay', role: 'partner', organisation: 'District health partnership', active: false },
  ],
  contacts: [
    { id: 3, name: 'Sam Roe', employer: 'West Yorkshire Police', role: 'Detective Inspector', email: 's@p.example' },
    { id: 5, name: 'Kit Fox', employer: '', role: '', email: 'k@f.example' },
  ],
}

describe('owner picker values', () => {
  it('reads a person, a contact and no one', () => {
    assert.deepEqual(parseOwnerValue('user:12'), { kind: 'user', userId: 12 })
    assert.deepEqual(parseOwnerValue('contact:3'), { kind: 'contact', contactId: 3 })
    assert.deepEqual(parseOwnerValue(''), { kind: 'none' })
    assert.deepEqual(parseOwnerValue(undefined), { kind: 'none' })
  })

  it('refuses anything a picker never offers', () => {
    for (const bad of [
      'user:',
      'user:0',
      'user:012',
      'user:-1',
      'user:1.5',
      'user:12 ',
      ' contact:3',
      'contact:1234567890',
      'person:3',
      'USER:3',
      'user:3:4',
      '12',
      'none',
      ['user:1', 'user:2'],
      12,
      null,
    ]) {
      assert.equal(parseOwnerValue(bad), undefined, JSON.stringify(bad))
    }
  })

  it('writes the value it reads', () => {
    for (const value of ['user:12', 'contact:3', '']) {
      assert.equal(ownerValue(parseOwnerValue(value)!), value)
    }
  })

  it('gives a form error, with the message asked for, for a bad value', () => {
    const field = ownerField('Choose the strand lead from the list')
    assert.deepEqual(field.parse('contact:9'), { kind: 'contact', contactId: 9 })
    const bad = field.safeParse('user:abc')
    assert.equal(bad.success, false)
    assert.equal(bad.error?.issues[0]?.message, 'Choose the strand lead from the list')
  })

  it('reads a picker left out of the form as no one', () => {
    const form = z.object({ title: z.string(), ownedBy: ownerField() })
    assert.deepEqual(form.parse({ title: 'T' }), { title: 'T', ownedBy: { kind: 'none' } })
    assert.equal(
      form.safeParse({ title: 'T', ownedBy: 'user:x' }).error?.issues[0]?.message,
      'Choose someone from the list',
    )
  })
})

describe('owner columns', () => {
  it('reads and writes the owner columns, one of them at most', () => {
    assert.deepEqual(ownerOf({ owner_user_id: 4, owner_contact_id: null }), { kind: 'user', userId: 4 })
    assert.deepEqual(ownerOf({ owner_user_id: null, owner_contact_id: 3 }), { kind: 'contact', contactId: 3 })
    assert.deepEqual(ownerOf({ owner_user_id: null, owner_contact_id: null }), NO_OWNER)
    assert.deepEqual(ownerColumns({ kind: 'user', userId: 4 }), { owner_user_id: 4, owner_contact_id: null })
    assert.deepEqual(ownerColumns({ kind: 'contact', contactId: 3 }), { owner_user_id: null, owner_contact_id: 3 })
    assert.deepEqual(ownerColumns(NO_OWNER), { owner_user_id: null, owner_contact_id: null })
  })

  it('reads a strand lead, including a strand recorded before leads could be contacts', () => {
    assert.deepEqual(leadOf({ lead_user_id: 4, lead_contact_id: null }), { kind: 'user', userId: 4 })
    assert.deepEqual(leadOf({ lead_user_id: null, lead_contact_id: 3 }), { kind: 'contact', contactId: 3 })
    assert.deepEqual(leadOf({ lead_user_id: null }), NO_OWNER)
    assert.deepEqual(leadColumns({ kind: 'contact', contactId: 3 }), { lead_user_id: null, lead_contact_id: 3 })
  })

  it('compares owners', () => {
    assert.ok(sameOwner({ kind: 'user', userId: 3 }, { kind: 'user', userId: 3 }))
    assert.ok(!sameOwner({ kind: 'user', userId: 3 }, { kind: 'contact', contactId: 3 }))
    assert.ok(sameOwner(NO_OWNER, { kind: 'none' }))
  })
})

describe('ownerText', () => {
  it('names the person and keeps the role label', () => {
    assert.equal(ownerText({ name: 'Ann Lee', organisation: '' }, 'Head of Service'), 'Ann Lee, Head of Service')
    assert.equal(
      ownerText({ name: 'Sam Roe', organisation: 'West Yorkshire Police' }, 'Detective Inspector'),
      'Sam Roe (West Yorkshire Police), Detective Inspector',
    )
    assert.equal(ownerText({ name: 'Kit Fox', organisation: '' }, ''), 'Kit Fox')
  })

  it('says who it was before owners were people, so nothing is lost', () => {
    assert.equal(ownerText(null, 'Head of Service'), 'Unassigned (was: Head of Service)')
    assert.equal(ownerText(null, '  Principal Social Worker '), 'Unassigned (was: Principal Social Worker)')
    assert.equal(ownerText(null, ''), 'Unassigned')
    assert.equal(ownerText(null, '   '), 'Unassigned')
  })

  it('finds the person among the council’s choices, or reads as unassigned when they are not there', () => {
    assert.equal(describeOwner({ kind: 'user', userId: 4 }, 'Head of Service', CHOICES), 'Ann Lee, Head of Service')
    assert.equal(describeOwner({ kind: 'user', userId: 7 }, '', CHOICES), 'Bo Kay (District health partnership)')
    assert.equal(
      describeOwner({ kind: 'contact', contactId: 3 }, 'Partnership lead', CHOICES),
      'Sam Roe (West Yorkshire Police), Partnership lead',
    )
    // Someone who has left the council (or another council's id) is not named.
    assert.equal(
      describeOwner({ kind: 'user', userId: 99 }, 'Head of Service', CHOICES),
      'Unassigned (was: Head of Service)',
    )
    assert.equal(describeOwner({ kind: 'contact', contactId: 4 }, '', CHOICES), 'Unassigned')
    assert.ok(isUnassigned({ kind: 'contact', contactId: 4 }, CHOICES))
    assert.ok(isUnassigned(NO_OWNER, CHOICES))
    assert.ok(!isUnassigned({ kind: 'contact', contactId: 5 }, CHOICES))
  })
})

describe('ownerOptions', () => {
  it('lists people with their role in the council, then contacts, each with its picker value', () => {
    assert.deepEqual(ownerOptions(CHOICES), {
      people: [
        { value: 'user:4', text: 'Ann Lee, Strand lead' },
        { value: 'user:7', text: 'Bo Kay (District health partnership), Partner agency (cannot sign in)' },
      ],
      contacts: [
        { value: 'contact:3', text: 'Sam Roe (West Yorkshire Police), Detective Inspector' },
        { value: 'contact:5', text: 'Kit Fox' },
      ],
    })
  })
})
