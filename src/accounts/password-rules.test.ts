import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseForm } from '../web/forms.js'
import { isCommonPassword, newPasswordSchema, PASSWORD_MESSAGES, passwordProblem } from './password-rules.js'

const EMAIL = 'new.lead@bradford.example'

describe('password rules (NCSC: length, not common, no forced complexity)', () => {
  it('needs at least 12 characters, counted as people see them', () => {
    assert.equal(passwordProblem('', EMAIL), PASSWORD_MESSAGES.empty)
    assert.equal(passwordProblem('short', EMAIL), PASSWORD_MESSAGES.tooShort)
    assert.equal(passwordProblem('elevenchars', EMAIL), PASSWORD_MESSAGES.tooShort) // 11
    assert.equal(passwordProblem('tangerine-ox', EMAIL), undefined) // 12
    // Six emoji are 12 UTF-16 units but 6 characters.
    assert.equal(passwordProblem('🙂'.repeat(6), EMAIL), PASSWORD_MESSAGES.tooShort)
    assert.equal(passwordProblem('🙂'.repeat(12), EMAIL), undefined)
  })

  it('allows up to 200 characters', () => {
    assert.equal(passwordProblem('b'.repeat(200), EMAIL), undefined)
    assert.equal(passwordProblem('b'.repeat(201), EMAIL), PASSWORD_MESSAGES.tooLong)
  })

  it('refuses passwords on the list of common passwords, whatever their capitals', () => {
    for (const common of [
      'password1234',
      'Password1234',
      'PASSWORD1234',
      '1qaz2wsx3edc',
      '123456789012',
      'qwertyuiop12',
    ]) {
      assert.equal(passwordProblem(common, EMAIL), PASSWORD_MESSAGES.common, common)
    }
    assert.ok(isCommonPassword('abcdefghijkl'))
    assert.ok(!isCommonPassword('harbour kettle violin'))
    assert.equal(
      PASSWORD_MESSAGES.common,
      'Choose a password that is harder to guess: this one is on a list of common passwords',
    )
  })

  it('refuses the person’s own email address', () => {
    assert.equal(passwordProblem('New.Lead@Bradford.example', EMAIL), PASSWORD_MESSAGES.email)
    assert.equal(passwordProblem(' new.lead@bradford.example ', EMAIL), PASSWORD_MESSAGES.email)
    assert.equal(passwordProblem('new.lead@bradford.example', 'other@bradford.example'), undefined)
  })

  it('does not ask for capitals, numbers or symbols', () => {
    assert.equal(passwordProblem('harbour kettle violin', EMAIL), undefined)
    assert.equal(passwordProblem('mellowotterlamp', EMAIL), undefined)
  })

  it('checks the new password and its confirmation in one form', () => {
    const mismatch = parseForm(newPasswordSchema(EMAIL), { password: 'harbour kettle violin', confirmPassword: 'x' })
    assert.ok(!mismatch.ok)
    assert.deepEqual(mismatch.errors.fields, { confirmPassword: { text: PASSWORD_MESSAGES.mismatch } })
    assert.deepEqual(mismatch.errors.summary, [{ text: PASSWORD_MESSAGES.mismatch, href: '#confirmPassword' }])

    const empty = parseForm(newPasswordSchema(EMAIL), {})
    assert.ok(!empty.ok)
    assert.deepEqual(empty.errors.fields, {
      password: { text: PASSWORD_MESSAGES.empty },
      confirmPassword: { text: PASSWORD_MESSAGES.confirmEmpty },
    })

    // A weak password is the problem to fix first: no second error about a confirmation that matches it.
    const common = parseForm(newPasswordSchema(EMAIL), { password: 'password1234', confirmPassword: 'other' })
    assert.ok(!common.ok)
    assert.deepEqual(common.errors.fields, { password: { text: PASSWORD_MESSAGES.common } })

    const good = parseForm(newPasswordSchema(EMAIL), {
      password: 'harbour kettle violin',
      confirmPassword: 'harbour kettle violin',
    })
    assert.ok(good.ok)
    assert.equal(good.value.password, 'harbour kettle violin')
  })
})
