// The event and finding forms: what they accept, what they refuse and why, checked by hand.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseForm } from '../web/forms.js'
import { EVENT_DATE_FIELDS, FINDING_DATE_FIELDS, eventSchema, findingSchema } from './event-validation.js'

const today = '2024-06-01'
const date = (name: string, iso: string) => {
  const [y, m, d] = iso.split('-')
  return { [`${name}-day`]: String(Number(d)), [`${name}-month`]: String(Number(m)), [`${name}-year`]: y }
}
const base = { kind: 'monitoring-visit', state: 'held', ...date('startsOn', '2024-05-22') }
const parse = (body: Record<string, unknown>) => parseForm(eventSchema(today), body, EVENT_DATE_FIELDS)
const messages = (r: ReturnType<typeof parse>) =>
  r.ok ? {} : Object.fromEntries(Object.entries(r.errors.fields).map(([k, v]) => [k, v.text]))

describe('the event form', () => {
  it('accepts a visit, dropping an inspection type and judgements sent with it', () => {
    const r = parse({ ...base, inspectionType: 'standard', judgement_overall: 'inadequate', themes: 'A\n\nB' })
    assert.ok(r.ok)
    assert.equal(r.value.inspectionType, null)
    assert.deepEqual(r.value.judgements, {})
    assert.deepEqual(r.value.themes, ['A', 'B'])
    assert.equal(r.value.endsOn, null)
    assert.equal(r.value.interventionId, null)
  })

  it('needs the type of an inspection, and keeps its judgements', () => {
    assert.deepEqual(messages(parse({ ...base, kind: 'inspection' })), {
      inspectionType: 'Select whether it was a standard or a short inspection',
    })
    const r = parse({
      ...base,
      kind: 'inspection',
      inspectionType: 'short',
      judgement_overall: 'good',
      judgement_leaders: '',
    })
    assert.ok(r.ok)
    assert.deepEqual(r.value.judgements, { overall: 'good' })
  })

  it('refuses an end before the start, a report before the start, and an unknown grade', () => {
    assert.deepEqual(
      messages(parse({ ...base, ...date('endsOn', '2024-05-21'), ...date('publishedOn', '2024-05-01') })),
      {
        endsOn: 'The end date must be the same as or after the start date',
        publishedOn: 'The report cannot be published before the start date',
      },
    )
    assert.ok(parse({ ...base, ...date('endsOn', '2024-05-22') }).ok, 'a one-day visit')
    assert.equal(
      messages(parse({ ...base, kind: 'inspection', inspectionType: 'short', judgement_overall: 'brilliant' }))
        .judgement_overall,
      'Select a judgement from the list',
    )
  })

  it('refuses held for something that has not started, and needs a kind, state and start', () => {
    assert.equal(
      messages(parse({ ...base, ...date('startsOn', '2024-06-02') })).state,
      'It has not started yet: choose planned, or correct the start date',
    )
    assert.ok(parse({ ...base, state: 'planned', ...date('startsOn', '2024-06-02') }).ok)
    const empty = messages(parse({}))
    assert.equal(empty.kind, 'Select what it was: an inspection, a visit or a review')
    assert.equal(empty.state, 'Select whether it is planned or has been held')
    assert.equal(empty.startsOn, 'Enter the start date')
  })

  it('refuses too many or too long themes', () => {
    const many = Array.from({ length: 21 }, (_, i) => `Theme ${i}`).join('\n')
    assert.equal(messages(parse({ ...base, themes: many })).themes, 'Enter up to 20 themes')
    assert.equal(
      messages(parse({ ...base, themes: 'x'.repeat(201) })).themes,
      'Each theme must be 200 characters or fewer',
    )
  })
})

describe('the finding form', () => {
  const f = (body: Record<string, unknown>) => parseForm(findingSchema, body, FINDING_DATE_FIELDS)
  it('accepts a recommendation with a due date', () => {
    const r = f({
      kind: 'recommendation',
      reference: ' R3 ',
      text: ' Check plans monthly ',
      ...date('dueOn', '2024-09-30'),
    })
    assert.ok(r.ok)
    assert.deepEqual(r.value, {
      kind: 'recommendation',
      reference: 'R3',
      theme: '',
      text: 'Check plans monthly',
      dueOn: '2024-09-30',
    })
  })
  it('needs the text (up to 1,000 characters), and no due date on a strength', () => {
    const r = f({ kind: 'strength', text: 'x'.repeat(1001), ...date('dueOn', '2024-09-30') })
    assert.ok(!r.ok)
    assert.equal(r.errors.fields.text?.text, 'What it says must be 1000 characters or fewer')
    const s = f({ kind: 'strength', text: 'Good', ...date('dueOn', '2024-09-30') })
    assert.ok(!s.ok)
    assert.equal(s.errors.fields.dueOn?.text, 'Remove the due date: a strength needs no action')
    const none = f({ kind: '', text: '' })
    assert.ok(!none.ok)
    assert.equal(none.errors.fields.kind?.text, 'Select whether it is a strength, a finding or a recommendation')
    assert.equal(none.errors.fields.text?.text, 'Enter what it says')
  })
})
