// Partner organisations as plain rules (no database): the words for each sector, and the short unique name
// (slug) a new organisation is known by.
import type { PartnerSector } from '../db/database.js'

export const SECTOR_LABELS: Record<PartnerSector, string> = {
  health: 'Health',
  police: 'Police',
  education: 'Schools and education',
  justice: 'Youth justice, probation and courts',
  voluntary: 'Voluntary and community sector',
  other: 'Other',
}

const MAX_SLUG = 60

/** The slug a name suggests: lower case letters and digits joined by single hyphens ("partner" when none). */
export function slugBase(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/g, '')
  return slug || 'partner'
}

/** A slug for the name that no organisation has yet: the base, else the base with -2, -3, ... */
export function uniqueSlug(name: string, taken: ReadonlySet<string>): string {
  const base = slugBase(name)
  if (!taken.has(base)) return base
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`
    if (!taken.has(candidate)) return candidate
  }
}

/** Names compared as people read them: case and spacing do not make a different organisation. */
export function sameName(a: string, b: string): boolean {
  const norm = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase()
  return norm(a) === norm(b)
}
