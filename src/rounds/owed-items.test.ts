// Who owes what in a round, by when, and when it counts as done: the rules of owed-items.ts on a small plan
// whose every answer was worked out by hand.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  expectedPeriod,
  isMine,
  mayUpdate,
  owedItemsFrom,
  returnsSummary,
  type OwedItem,
  type OwedItemsData,
  type RoundFacts,
} from './owed-items.js'

/** Q2 2026/27: July to September 2026. */
const ROUND: RoundFacts = {
  id: 1,
  organisation_id: 1,
  quarter_start: '2026-07-01',
  data_cutoff_on: '2026-09-30',
  updates_due_on: '2026-10-14',
  commentary_due_on: '2026-10-21',
  locks_on: '2026-10-26',
}
const RETURNED_AT = new Date('2026-10-02T09:00:00Z')
const VALUE_AT = new Date('2026-10-03T10:00:00Z')
const COMMENTARY_AT = new Date('2026-10-04T11:00:00Z')
const ANSWERED_AT = new Date('2026-08-02T12:00:00Z')

const owner = { ownerLabel: '', ownerUserId: null, ownerContactId: null }
const request = {
  partner: 'Police',
  description: 'Figures on joint visits',
  strandId: null,
  requestedOn: '2026-06-01',
  receivedOn: null,
  ownerUserId: null,
  ownerContactId: null,
  partnerOrganisationId: null,
  respondedBy: null,
  respondedAt: null,
}

const DATA: OwedItemsData = {
  strands: [
    { id: 1, code: '1', title: 'Front door', status: 'active', leadTitle: '', leadUserId: 10, leadContactId: null },
    {
      id: 2,
      code: '2',
      title: 'Children in care',
      status: 'active',
      leadTitle: '',
      leadUserId: null,
      leadContactId: 50,
    },
    {
      id: 3,
      code: '3',
      title: 'Retired strand',
      status: 'retired',
      leadTitle: '',
      leadUserId: 10,
      leadContactId: null,
    },
  ],
  objectives: [
    { id: 1, strandId: 1, title: 'Objective one', status: 'active', ...owner, ownerUserId: 11 },
    { id: 2, strandId: 1, title: 'Objective with no owner', status: 'active', ...owner, ownerLabel: 'Head of Service' },
    { id: 3, strandId: 1, title: 'Retired objective', status: 'retired', ...owner, ownerUserId: 11 },
    { id: 4, strandId: 3, title: 'In a retired strand', status: 'active', ...owner, ownerUserId: 11 },
    { id: 5, strandId: 2, title: 'Objective of a contact', status: 'active', ...owner, ownerContactId: 50 },
  ],
  milestones: [
    { id: 1, objectiveId: 1, title: 'On track', status: 'on-track', completedOn: null, ...owner, ownerUserId: 12 },
    {
      id: 2,
      objectiveId: 1,
      title: 'Completed before the quarter',
      status: 'complete',
      completedOn: '2026-06-30',
      ...owner,
      ownerUserId: 12,
    },
    {
      id: 3,
      objectiveId: 1,
      title: 'Completed in the quarter',
      status: 'complete',
      completedOn: '2026-07-15',
      ...owner,
      ownerUserId: 12,
    },
    { id: 4, objectiveId: 3, title: 'Under a retired objective', status: 'at-risk', completedOn: null, ...owner },
    {
      id: 5,
      objectiveId: 2,
      title: 'Nobody named',
      status: 'not-started',
      completedOn: null,
      ...owner,
      ownerLabel: 'Head of Service',
    },
    { id: 6, objectiveId: 4, title: 'Under a retired strand', status: 'off-track', completedOn: null, ...owner },
  ],
  measures: [
    {
      id: 1,
      code: 'M1',
      name: 'Caseload',
      frequency: 'monthly',
      derived: false,
      ...owner,
      ownerUserId: 12,
      strandIds: [2],
    },
    {
      id: 2,
      code: 'M2',
      name: 'Vacancy rate',
      frequency: 'monthly',
      derived: true,
      ...owner,
      ownerUserId: 12,
      strandIds: [],
    },
    { id: 3, code: 'M3', name: 'Nobody owns it', frequency: 'quarterly', derived: false, ...owner, strandIds: [1] },
    {
      id: 4,
      code: 'M4',
      name: 'Annual return',
      frequency: 'annual',
      derived: false,
      ...owner,
      ownerUserId: 12,
      strandIds: [1],
    },
    {
      id: 5,
      code: 'M5',
      name: 'Health checks',
      frequency: 'monthly',
      derived: false,
      ...owner,
      ownerContactId: 50,
      strandIds: [3],
    },
  ],
  measureValues: [
    { measureId: 1, period: '2026-09-01', updatedAt: VALUE_AT },
    { measureId: 5, period: '2026-08-01', updatedAt: VALUE_AT },
  ],
  partnerRequests: [
    { ...request, id: 1, strandId: 1, dueOn: '2026-10-01', partnerOrganisationId: 70 },
    { ...request, id: 2, dueOn: '2026-04-30', receivedOn: '2026-05-01' },
    {
      ...request,
      id: 3,
      dueOn: '2026-08-15',
      receivedOn: '2026-08-02',
      partnerOrganisationId: 71,
      respondedBy: 13,
      respondedAt: ANSWERED_AT,
    },
    { ...request, id: 4, dueOn: '2026-12-01', requestedOn: '2026-11-01' },
    { ...request, id: 5, dueOn: '2026-07-20', ownerUserId: 13 },
  ],
  commentary: [
    { strandId: 1, commentary: '   ', updatedBy: 10, updatedAt: COMMENTARY_AT },
    { strandId: 2, commentary: 'Good progress', updatedBy: 99, updatedAt: COMMENTARY_AT },
  ],
  returns: [{ itemType: 'milestone', itemId: 1, userId: 12, returnedAt: RETURNED_AT }],
  users: [
    { id: 10, name: 'Lena Lead', email: 'lead@example.test' },
    { id: 11, name: 'Omar Owner', email: 'omar@example.test' },
    { id: 12, name: 'Mia Milestone', email: 'mia@example.test' },
    { id: 13, name: 'Pat Partner', email: 'pat@example.test' },
  ],
  contacts: [{ id: 50, name: 'Cara Contact', email: 'cara@example.test' }],
}

const key = (i: OwedItem) => `${i.type}:${i.id}`

describe('the period a measure owes in a round', () => {
  it('is the latest period of its frequency that ends in the quarter by the data cut-off', () => {
    assert.equal(expectedPeriod('monthly', ROUND), '2026-09-01')
    assert.equal(expectedPeriod('monthly', { ...ROUND, data_cutoff_on: '2026-09-20' }), '2026-08-01')
    assert.equal(expectedPeriod('monthly', { ...ROUND, data_cutoff_on: '2026-10-10' }), '2026-09-01')
    assert.equal(expectedPeriod('quarterly', ROUND), '2026-07-01')
    assert.equal(expectedPeriod('quarterly', { ...ROUND, data_cutoff_on: '2026-09-29' }), null)
  })

  it('is the financial year only in the round for the year’s last quarter', () => {
    assert.equal(expectedPeriod('annual', ROUND), null)
    assert.equal(expectedPeriod('annual', { quarter_start: '2027-01-01', data_cutoff_on: '2027-03-31' }), '2026-04-01')
    assert.equal(expectedPeriod('monthly', { quarter_start: '2027-01-01', data_cutoff_on: '2027-03-31' }), '2027-03-01')
  })
})

describe('what is owed in a round', () => {
  const items = owedItemsFrom(DATA, ROUND)
  const byKey = new Map(items.map((i) => [key(i), i]))

  it('lists exactly the items owed, soonest due first and in plan order within a day', () => {
    assert.deepEqual(
      items.map((i) => `${key(i)} ${i.dueOn}`),
      [
        'partner-request:5 2026-07-20',
        'partner-request:3 2026-08-15',
        'partner-request:1 2026-10-01',
        // Strand 1: milestones, then objectives (objective 2 has no owner, so owes no update).
        'milestone:1 2026-10-14',
        'milestone:3 2026-10-14',
        'milestone:5 2026-10-14',
        'objective:1 2026-10-14',
        // Strand 2, then what is not linked to an active strand.
        'objective:5 2026-10-14',
        'measure:1 2026-10-14',
        'measure:5 2026-10-14',
        'strand:1 2026-10-21',
        'strand:2 2026-10-21',
      ],
    )
  })

  it('owes nothing for a milestone completed before the quarter, or anything retired', () => {
    for (const gone of ['milestone:2', 'milestone:4', 'milestone:6', 'objective:3', 'objective:4', 'strand:3'])
      assert.equal(byKey.has(gone), false, gone)
  })

  it('owes no value for a derived measure, one nobody owns, or an annual one outside the year’s end', () => {
    for (const gone of ['measure:2', 'measure:3', 'measure:4']) assert.equal(byKey.has(gone), false, gone)
    assert.equal(byKey.get('measure:1')?.period, '2026-09-01')
    assert.equal(byKey.get('measure:1')?.periodLabel, 'Sep 2026')
  })

  it('owes partner requests asked by the lock and not answered before the quarter, each due on its own date', () => {
    assert.equal(byKey.has('partner-request:2'), false, 'answered before the quarter')
    assert.equal(byKey.has('partner-request:4'), false, 'asked after the round locks')
    assert.equal(byKey.get('partner-request:1')?.dueOn, '2026-10-01')
    assert.equal(byKey.get('partner-request:1')?.partnerOrganisationId, 70)
  })

  it('names the owner: a person, a contact without an account, or no one (keeping the old label)', () => {
    assert.deepEqual(byKey.get('milestone:1')?.owner, {
      kind: 'user',
      userId: 12,
      name: 'Mia Milestone',
      email: 'mia@example.test',
    })
    assert.deepEqual(byKey.get('objective:5')?.owner, {
      kind: 'contact',
      contactId: 50,
      name: 'Cara Contact',
      email: 'cara@example.test',
    })
    assert.deepEqual(byKey.get('strand:2')?.owner.kind, 'contact', 'a strand lead who is a contact')
    assert.deepEqual(byKey.get('measure:5')?.owner.kind, 'contact')
    assert.deepEqual(byKey.get('milestone:5')?.owner, { kind: 'none', label: 'Unassigned (was: Head of Service)' })
    assert.deepEqual(byKey.get('partner-request:1')?.owner, { kind: 'none', label: 'Unassigned (Police)' })
    assert.equal(byKey.get('strand:1')?.owner.kind, 'user')
  })

  it('places each item in its strand', () => {
    assert.equal(byKey.get('milestone:1')?.where, 'Strand 1 > Objective one')
    assert.equal(byKey.get('measure:1')?.where, 'Strand 2 > Measure M1')
    assert.equal(byKey.get('measure:1')?.strandCode, '2')
    // Linked only to a retired strand: no strand.
    assert.equal(byKey.get('measure:5')?.strandId, null)
    assert.equal(byKey.get('measure:5')?.where, 'Measure M5')
  })

  it('counts an item done by its return, its value, its answer or its commentary', () => {
    const done = items.filter((i) => i.done).map(key)
    assert.deepEqual(done, ['partner-request:3', 'milestone:1', 'measure:1', 'strand:2'])
    assert.deepEqual(
      [byKey.get('milestone:1')?.doneAt, byKey.get('milestone:1')?.doneBy],
      [RETURNED_AT, 12],
      'the return',
    )
    assert.deepEqual([byKey.get('measure:1')?.doneAt], [VALUE_AT], 'the value for the expected period')
    assert.deepEqual(
      [byKey.get('partner-request:3')?.doneAt, byKey.get('partner-request:3')?.doneBy],
      [ANSWERED_AT, 13],
    )
    assert.deepEqual([byKey.get('strand:2')?.doneAt, byKey.get('strand:2')?.doneBy], [COMMENTARY_AT, 99])
    assert.equal(byKey.get('measure:5')?.done, false, 'a value for an earlier month does not count')
    assert.equal(byKey.get('strand:1')?.done, false, 'blank commentary does not count')
  })

  it('counts a milestone done only once returned in this round, whatever its status', () => {
    const returned = owedItemsFrom(
      { ...DATA, returns: [{ itemType: 'milestone', itemId: 3, userId: 12, returnedAt: RETURNED_AT }] },
      ROUND,
    )
    const states = Object.fromEntries(returned.filter((i) => i.type === 'milestone').map((i) => [i.id, i.done]))
    assert.deepEqual(states, { 1: false, 3: true, 5: false })
  })
})

describe('whose items they are', () => {
  const items = owedItemsFrom(DATA, ROUND)

  it('gives a person what they own, and the requests addressed to their organisation', () => {
    const partner = items.filter((i) => isMine(i, { userId: 13, employerOrganisationId: 70 })).map(key)
    assert.deepEqual(partner, ['partner-request:5', 'partner-request:1'])
    const lead = items.filter((i) => isMine(i, { userId: 10, employerOrganisationId: 1 })).map(key)
    assert.deepEqual(lead, ['strand:1'])
    const nobody = items.filter((i) => isMine(i, { userId: 99, employerOrganisationId: null }))
    assert.deepEqual(nobody, [])
  })

  it('lets only the owner send an update; the partner’s people and the improvement team a request', () => {
    const milestone = { type: 'milestone' as const, ownerUserId: 12, ownerContactId: null, partnerOrganisationId: null }
    const someone = { userId: 12, employerOrganisationId: 1, managesRounds: false }
    assert.equal(mayUpdate(milestone, someone), true)
    assert.equal(mayUpdate(milestone, { ...someone, userId: 10 }), false)
    assert.equal(mayUpdate(milestone, { ...someone, userId: 10, managesRounds: true }), false, 'owned by a person')
    const contacts = { ...milestone, ownerUserId: null, ownerContactId: 50 }
    assert.equal(mayUpdate(contacts, { ...someone, managesRounds: true }), true, 'the team returns for a contact')
    assert.equal(mayUpdate(contacts, someone), false)
    const req = { type: 'partner-request' as const, ownerUserId: null, ownerContactId: null, partnerOrganisationId: 70 }
    assert.equal(mayUpdate(req, { userId: 13, employerOrganisationId: 70, managesRounds: false }), true)
    assert.equal(mayUpdate(req, { userId: 13, employerOrganisationId: 71, managesRounds: false }), false)
    assert.equal(mayUpdate(req, { userId: 1, employerOrganisationId: 1, managesRounds: true }), true)
  })
})

describe('returns in a round', () => {
  it('counts done and outstanding with percentages, by strand and by person', () => {
    const summary = returnsSummary(owedItemsFrom(DATA, ROUND))
    // 12 items, 4 done: 33%.
    assert.deepEqual(
      { total: summary.total, done: summary.done, outstanding: summary.outstanding, percentDone: summary.percentDone },
      { total: 12, done: 4, outstanding: 8, percentDone: 33 },
    )
    assert.deepEqual(
      summary.byStrand.map((s) => [s.label, s.total, s.done, s.percentDone]),
      [
        // Strand 1: requests 1; milestones 1, 3, 5; objective 1; commentary. Done: milestone 1.
        ['Strand 1', 6, 1, 17],
        // Strand 2: objective 5, measure 1, commentary. Done: measure 1, commentary.
        ['Strand 2', 3, 2, 67],
        // Requests 5 and 3, measure 5. Done: request 3.
        ['Not linked to a strand', 3, 1, 33],
      ],
    )
    assert.deepEqual(
      summary.byPerson.map((p) => [p.key, p.name, p.total, p.done, p.outstanding]),
      [
        // Most outstanding first, then by name; items nobody owns last (requests 1 and 3, milestone 5).
        ['contact:50', 'Cara Contact', 3, 1, 2],
        ['user:10', 'Lena Lead', 1, 0, 1],
        ['user:12', 'Mia Milestone', 3, 2, 1],
        ['user:11', 'Omar Owner', 1, 0, 1],
        ['user:13', 'Pat Partner', 1, 0, 1],
        ['none', 'No owner', 3, 1, 2],
      ],
    )
  })

  it('has no percentage when nothing is owed', () => {
    const summary = returnsSummary([])
    assert.deepEqual([summary.total, summary.percentDone, summary.byPerson, summary.byStrand], [0, null, [], []])
  })
})
