// Links sent by email (an invitation, a password reset) carry a random token. Only its SHA-256 hash is
// stored, so someone who reads the database cannot use a link; the token itself is in the email alone.
import { createHash, randomBytes } from 'node:crypto'
import type { TokenPurpose } from '../db/database.js'

/** How long each kind of link works: a week to accept an invitation, an hour to reset a password. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  invitation: 7 * 24 * 60 * 60 * 1000,
  'password-reset': 60 * 60 * 1000,
}

/** 32 random bytes, base64url: 43 characters, safe in a URL path. */
export function newToken(): string {
  return randomBytes(32).toString('base64url')
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex')
}

/** Whether a value from a URL looks like one of our tokens (anything else is not looked up). */
export function isTokenShaped(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value)
}

export function tokenExpiry(purpose: TokenPurpose, now: Date): Date {
  return new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose])
}
