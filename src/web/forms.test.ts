import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { z } from 'zod'
import { dateInput, optionalText, parseForm, parseId, requiredText, singleError, toFormErrors } from './forms.js'

const date = (required: boolean, day: string, month: string, year: string) =>
  dateInput('the due date', { required }).safeParse({ day, month, year })
const message = (r: ReturnType<typeof date>) => (r.success ? undefined : r.error.issues[0]!.message)

describe('GOV.UK date input', () => {
  it('reads real dates, padding day and month', () => {
    assert.deepEqual(date(true, '1', '3', '2023'), { success: true, data: '2023-03-01' })
    assert.deepEqual(date(true, '29', '2', '2024'), { success: true, data: '2024-02-29' })
  })

  it('treats an empty optional date as none, and an empty required one as missing', () => {
    assert.deepEqual(date(false, '', '', ''), { success: true, data: null })
    assert.equal(message(date(true, '', '', '')), 'Enter the due date')
  })

  it('says which part is missing or wrong', () => {
    assert.equal(message(date(true, '', '3', '2023')), 'The due date must include a day')
    assert.equal(message(date(true, '1', '', '')), 'The due date must include a month and year')
    assert.equal(message(date(true, 'x', '3', '2023')), 'The due date must be a real date, like 27 3 2023')
    assert.equal(message(date(true, '31', '2', '2023')), 'The due date must be a real date')
    assert.equal(message(date(true, '29', '2', '2023')), 'The due date must be a real date')
    assert.equal(message(date(true, '1', '1', '1999')), 'The due date must be between 2000 and 2100')
  })
})

describe('parseForm', () => {
  const schema = z.object({
    title: requiredText('a title', 5),
    notes: optionalText('notes', 3),
    due: dateInput('the due date', { required: true }),
  })

  it('trims text and nests the date parts', () => {
    const r = parseForm(schema, { title: ' Plan ', notes: '', 'due-day': '2', 'due-month': '2', 'due-year': '2023' }, [
      'due',
    ])
    assert.deepEqual(r, { ok: true, value: { title: 'Plan', notes: '', due: '2023-02-02' } })
  })

  it('gives one error per field, linking a date to its day field', () => {
    const r = parseForm(schema, { title: '   ', notes: 'long', 'due-day': '', 'due-month': '', 'due-year': '' }, [
      'due',
    ])
    assert.equal(r.ok, false)
    if (r.ok) return
    assert.deepEqual(r.errors.summary, [
      { text: 'Enter a title', href: '#title' },
      { text: 'Notes must be 3 characters or fewer', href: '#notes' },
      { text: 'Enter the due date', href: '#due-day' },
    ])
    assert.deepEqual(r.errors.fields.title, { text: 'Enter a title' })
  })

  it('keeps only the first error of a field', () => {
    const errors = toFormErrors(
      z.object({ a: z.string().min(3, 'first').regex(/x/, 'second') }).safeParse({ a: 'y' }).error!,
    )
    assert.deepEqual(errors.summary, [{ text: 'first', href: '#a' }])
    assert.deepEqual(singleError('code', 'Taken'), {
      summary: [{ text: 'Taken', href: '#code' }],
      fields: { code: { text: 'Taken' } },
    })
  })
})

describe('parseId', () => {
  it('accepts whole positive numbers only', () => {
    assert.equal(parseId('12'), 12)
    assert.equal(parseId('0012'), 12)
    assert.equal(parseId('2147483647'), 2147483647)
    for (const bad of ['1abc', '', '0', '-1', '1.5', '2147483648', '99999999999999999999', 'abc', undefined, ['1']])
      assert.equal(parseId(bad), undefined, String(bad))
  })
})
