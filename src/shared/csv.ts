// Writes CSV (RFC 4180) for "Download this data" links. A text cell that a spreadsheet would read as a formula
// (starting =, +, -, @, a tab or a carriage return) is prefixed with an apostrophe (CSV injection), unless the
// whole cell is a plain number such as -12 or -3.5%, which stays a number.
export type Cell = string | number | null | undefined

const FORMULA_START = /^[=+\-@\t\r]/
const PLAIN_NUMBER = /^-?\d+(?:\.\d+)?%?$/

/** The text a spreadsheet will take as text: formulas neutralised, plain numbers left as numbers. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text
}

function escapeCell(cell: Cell): string {
  if (cell === null || cell === undefined) return ''
  const text = typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : neutraliseFormula(cell)
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(escapeCell).join(',')).join('\r\n') + '\r\n'
}
