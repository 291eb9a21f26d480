// The children's voice rules with hand-checked cases: the evidence rule (six months to the day, positive against
// negative), its detail sentence, the plain-words tone sentence, and the refusal of anything that looks like a
// date of birth, on its own and through the feedback and action forms.
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  looksLikeDateOfBirth,
  periodStart,
  toneSentence,
  voiceDirection,
  countTones,
  monthText,
} from './voice-rules.js'
import { actionSchema, feedbackSchema } from './voice-validation.js'
import { parseForm } from '../web/forms.js'

const item = (heardOn: string, tone: 'positive' | 'mixed' | 'negative') => ({ heardOn, tone })

describe('the six months to a day', () => {
  it('starts the day after the same date six months before', () => {
    // 31 December 2026 less six months is 30 June 2026, so the six months run from 1 July to 31 December.
    assert.equal(periodStart('2026-12-31', 6), '2026-07-01')
    // 31 August less six months is 28 February (2027 is not a leap year): from 1 March.
    assert.equal(periodStart('2027-08-31', 6), '2027-03-01')
    assert.equal(periodStart('2026-06-15', 6), '2025-12-16')
  })
})

describe('the evidence rule of a theme', () => {
  it('counts the worked example: 4 positive, 1 mixed, 1 negative is improving and current', () => {
    const rule = voiceDirection(
      [
        item('2026-07-01', 'positive'), // first day of the six months: counted
        item('2026-08-15', 'positive'),
        item('2026-10-02', 'mixed'),
        item('2026-11-20', 'negative'),
        item('2026-12-01', 'positive'),
        item('2026-12-31', 'positive'), // the day itself: counted
        item('2026-06-30', 'negative'), // the day before the six months: left out
        item('2027-01-01', 'negative'), // after the day: left out
      ],
      '2026-12-31',
    )
    // In the window: positive 4, mixed 1, negative 1; 4 > 1 so improving.
    assert.deepEqual(rule.counts, { total: 6, positive: 4, mixed: 1, negative: 1 })
    assert.equal(rule.direction, 'improving')
    assert.equal(rule.current, true)
    assert.equal(rule.detail, '6 items heard in the six months to 31 December 2026: 4 positive, 1 mixed, 1 negative')
  })

  it('is worsening when negative items outnumber positive ones', () => {
    // 1 positive, 2 negative, 3 mixed: 2 > 1, so worsening; mixed items tip neither way.
    const rule = voiceDirection(
      [
        item('2026-03-01', 'positive'),
        item('2026-03-02', 'negative'),
        item('2026-04-02', 'negative'),
        item('2026-04-03', 'mixed'),
        item('2026-04-04', 'mixed'),
        item('2026-05-05', 'mixed'),
      ],
      '2026-05-31',
    )
    assert.equal(rule.direction, 'worsening')
    assert.equal(rule.detail, '6 items heard in the six months to 31 May 2026: 1 positive, 3 mixed, 2 negative')
  })

  it('is no change when positive and negative are equal, or when only mixed items were heard', () => {
    const equal = voiceDirection([item('2026-05-01', 'positive'), item('2026-05-02', 'negative')], '2026-05-31')
    assert.equal(equal.direction, 'no-change')
    assert.equal(equal.current, true)
    const mixed = voiceDirection([item('2026-05-01', 'mixed')], '2026-05-31')
    assert.equal(mixed.direction, 'no-change')
    assert.equal(mixed.detail, '1 item heard in the six months to 31 May 2026: 0 positive, 1 mixed, 0 negative')
  })

  it('is no change and not current when nothing was heard in the six months', () => {
    // Heard on 30 November 2025, which is before 1 December 2025 (the first day of the six months to 31 May).
    const rule = voiceDirection([item('2025-11-30', 'positive')], '2026-05-31')
    assert.equal(rule.direction, 'no-change')
    assert.equal(rule.current, false)
    assert.equal(rule.detail, 'No items heard in the six months to 31 May 2026')
  })
})

describe('plain words for children', () => {
  it('says which way what was heard leans', () => {
    assert.equal(toneSentence(countTones([])), 'We have not heard anything about this yet.')
    assert.equal(toneSentence(countTones([item('2026-01-01', 'positive')])), 'Most of what you told us was good.')
    assert.match(toneSentence(countTones([item('2026-01-01', 'negative')])), /not good/)
    assert.match(
      toneSentence(countTones([item('2026-01-01', 'positive'), item('2026-01-02', 'negative')])),
      /some good things/,
    )
  })
  it('gives the month, not the day', () => {
    assert.equal(monthText('2026-03-14'), 'March 2026')
  })
})

describe('refusing a date of birth', () => {
  it('refuses the words and a full date next to them', () => {
    for (const text of [
      'DOB 03/04/2012',
      'd.o.b. given',
      'Her date of birth was mentioned',
      'born on a Tuesday',
      'born 3 April 2012',
      'born: 2012-04-03',
      'birthday 12th of March 2014',
      '03/04/2012 birthday',
    ])
      assert.equal(looksLikeDateOfBirth(text), true, text)
  })
  it('lets ordinary summaries through, dates included', () => {
    for (const text of [
      'Young people said visits were too short.',
      'She was born in Leeds and wants to stay near there.',
      'At the meeting on 12 March 2026 children asked for more activities.',
      'Bob the dog was mentioned.',
    ])
      assert.equal(looksLikeDateOfBirth(text), false, text)
  })

  const feedback = {
    'heardOn-day': '1',
    'heardOn-month': '3',
    'heardOn-year': '2026',
    source: 'advocacy-app',
    themeId: '4',
    tone: 'mixed',
    childrenCount: '',
  }
  it('the feedback form refuses a summary with a date of birth, with a message saying why', () => {
    const form = parseForm(feedbackSchema, { ...feedback, summary: 'A boy (DOB 4/5/2013) said visits are short' }, [
      'heardOn',
    ])
    assert.equal(form.ok, false)
    if (form.ok) return
    assert.match(form.errors.fields.summary!.text, /^Remove the date of birth/)
    assert.deepEqual(
      form.errors.summary.map((e) => e.href),
      ['#summary'],
    )
  })
  it('the feedback form takes a plain summary and an empty count as none', () => {
    const form = parseForm(feedbackSchema, { ...feedback, summary: 'Visits are too short' }, ['heardOn'])
    assert.equal(form.ok, true)
    if (!form.ok) return
    assert.equal(form.value.heardOn, '2026-03-01')
    assert.equal(form.value.childrenCount, null)
    assert.equal(form.value.themeId, 4)
  })
  it('the feedback form refuses a count that is not a whole number of at least 1', () => {
    for (const childrenCount of ['0', 'ten', '2.5']) {
      const form = parseForm(feedbackSchema, { ...feedback, summary: 'ok', childrenCount }, ['heardOn'])
      assert.equal(form.ok, false, childrenCount)
    }
  })
  it('the action form refuses “you said” with a date of birth, and a done action without its date', () => {
    const base = { weDid: 'We changed it', themeId: '1', status: 'planned' }
    const dob = parseForm(actionSchema, { ...base, youSaid: 'I was born on the 3rd' }, ['doneOn'])
    assert.equal(dob.ok, false)
    if (!dob.ok) assert.match(dob.errors.fields.youSaid!.text, /date of birth/)
    const undated = parseForm(actionSchema, { ...base, youSaid: 'More say', status: 'done' }, ['doneOn'])
    assert.equal(undated.ok, false)
    if (!undated.ok) assert.equal(undated.errors.fields.doneOn!.text, 'Enter the date it was done')
    // A date typed for an action that is not done is dropped.
    const planned = parseForm(
      actionSchema,
      {
        ...base,
        youSaid: 'More say',
        'doneOn-day': '1',
        'doneOn-month': '2',
        'doneOn-year': '2026',
        objectiveIds: ['3', '5'],
      },
      ['doneOn'],
    )
    assert.equal(planned.ok, true)
    if (planned.ok) {
      assert.equal(planned.value.doneOn, null)
      assert.deepEqual(planned.value.objectiveIds, [3, 5])
    }
  })
})
