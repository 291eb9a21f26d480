// Reading a number as people type it in a form or a spreadsheet, strictly: a number is a number.

export type NumberResult = { ok: true; value: number } | { ok: false; reason: string }

/** 1,234.5 with commas between groups of three digits, or a plain number; an optional % or £. */
const PLAIN = /^[-+]?(\d+(\.\d+)?|\.\d+)$/
const GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/

/**
 * Reads "12.5", "1,234", "12.5%", "£1,200", "-3". Refuses, with a reason, what only looks like a number:
 * "1,2,3" (commas not between thousands), "1e-400" and "1e5" (write it in full), "NaN", "Infinity".
 */
export function readNumber(raw: string): NumberResult {
  const text = raw.trim().replace(/%$/, '').replace(/^£/, '').trim()
  if (!text) return { ok: false, reason: 'it is empty' }
  if (/e/i.test(text) && /\d/.test(text)) {
    return { ok: false, reason: `"${raw.trim()}" is in exponent notation: write the number in full, like 0.0004` }
  }
  if (text.includes(',') && !GROUPED.test(text)) {
    return { ok: false, reason: `"${raw.trim()}" is not a number: commas may only separate thousands, like 1,234` }
  }
  const plain = text.replace(/,/g, '')
  if (!PLAIN.test(plain)) return { ok: false, reason: `"${raw.trim()}" is not a number` }
  const value = Number(plain)
  if (!Number.isFinite(value)) return { ok: false, reason: `"${raw.trim()}" is too large` }
  return { ok: true, value: Object.is(value, -0) ? 0 : value }
}
