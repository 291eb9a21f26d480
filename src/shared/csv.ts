// Writes CSV (RFC 4180) for "Download this data" links. Cells that a spreadsheet would run as a formula
// are prefixed with an apostrophe (CSV injection).
export type Cell = string | number | null | undefined

function escapeCell(cell: Cell): string {
  if (cell === null || cell === undefined) return ''
  let text = typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : cell
  if (typeof cell === 'string' && /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return [header, ...rows].map((row) => row.map(escapeCell).join(',')).join('\r\n') + '\r\n'
}
