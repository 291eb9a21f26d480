/**
 * A value from outside (a form field, a spreadsheet cell) as text: nothing for null or undefined, a number
 * or date as written, and never "[object Object]" for something that is not text at all.
 */
export function plainText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value)
  if (value instanceof Date) return value.toISOString()
  return ''
}
