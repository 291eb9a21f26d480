// The rules for a password a person chooses, following the NCSC's guidance: length, and not one of the
// passwords attackers try first; no forced mix of character types, no expiry. Every place a password is
// chosen (accepting an invitation, resetting a forgotten one, changing it) uses these.
import commonPasswords from 'fxa-common-password-list'
import { z } from 'zod'

export const MIN_PASSWORD_LENGTH = 12
export const MAX_PASSWORD_LENGTH = 200

export const PASSWORD_MESSAGES = {
  empty: 'Enter a new password',
  tooShort: `Your password must be at least ${MIN_PASSWORD_LENGTH} characters`,
  tooLong: `Your password must be ${MAX_PASSWORD_LENGTH} characters or fewer`,
  common: 'Choose a password that is harder to guess: this one is on a list of common passwords',
  email: 'Your password must not be your email address',
  confirmEmpty: 'Enter your new password again',
  mismatch: 'The passwords do not match: enter the same password twice',
} as const

/** Whether a password is on the list of common passwords, whatever its capitals. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords.test(password) || commonPasswords.test(password.toLowerCase())
}

/** What is wrong with a password someone has chosen, or undefined if it may be used. */
export function passwordProblem(password: string, email: string): string | undefined {
  if (password.length === 0) return PASSWORD_MESSAGES.empty
  // Count characters as people see them (an emoji is one), not UTF-16 units.
  const length = [...password].length
  if (length < MIN_PASSWORD_LENGTH) return PASSWORD_MESSAGES.tooShort
  if (length > MAX_PASSWORD_LENGTH) return PASSWORD_MESSAGES.tooLong
  if (password.trim().toLowerCase() === email.trim().toLowerCase()) return PASSWORD_MESSAGES.email
  if (isCommonPassword(password) || isCommonPassword(password.trim())) return PASSWORD_MESSAGES.common
  return undefined
}

/**
 * A form with a new password and the same again, for the person with this email. Errors are on
 * `password` and `confirmPassword`, as the pages name their fields.
 */
export function newPasswordSchema(email: string) {
  return z
    .object({
      password: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
      confirmPassword: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()),
    })
    .superRefine((form, ctx) => {
      const problem = passwordProblem(form.password, email)
      if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem })
      if (form.confirmPassword === '') {
        ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: PASSWORD_MESSAGES.confirmEmpty })
      } else if (!problem && form.confirmPassword !== form.password) {
        ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: PASSWORD_MESSAGES.mismatch })
      }
    })
}
