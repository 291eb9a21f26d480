import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { hashToken, isTokenShaped, newToken, tokenExpiry } from './account-tokens.js'

describe('account tokens', () => {
  it('are 32 random bytes in base64url: 43 URL-safe characters, different every time', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => newToken()))
    assert.equal(tokens.size, 50)
    for (const token of tokens) {
      assert.match(token, /^[A-Za-z0-9_-]{43}$/)
      assert.equal(Buffer.from(token, 'base64url').length, 32)
      assert.ok(isTokenShaped(token))
    }
  })

  it('are stored as their SHA-256 hash', () => {
    // The SHA-256 of "abc" (FIPS 180-2, appendix B.1).
    assert.equal(hashToken('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    const token = newToken()
    assert.notEqual(hashToken(token), token)
    assert.equal(hashToken(token), hashToken(token))
  })

  it('look up only values shaped like a token', () => {
    for (const bad of ['', 'abc', `${'a'.repeat(42)}=`, `${'a'.repeat(42)}/`, 'a'.repeat(44), undefined, 42]) {
      assert.ok(!isTokenShaped(bad), String(bad))
    }
  })

  it('last 7 days for an invitation and 1 hour for a password reset', () => {
    const now = new Date('2026-03-01T09:30:00Z')
    assert.equal(tokenExpiry('invitation', now).toISOString(), '2026-03-08T09:30:00.000Z')
    assert.equal(tokenExpiry('password-reset', now).toISOString(), '2026-03-01T10:30:00.000Z')
  })
})
