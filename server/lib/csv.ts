/**
 * The one CSV writer of the server (RFC 4180, opened by Excel and WPS): a UTF-8 BOM so Excel reads the text as
 * UTF-8, CRLF line ends, and cells a spreadsheet shows as text — quoted when needed and never run as a formula.
 */

/** A cell starting with = + - @ (or a tab or CR, which some spreadsheets skip before one) is prefixed with '. */
export function csvCell(value: string | number): string {
  let text = String(value)
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** A whole file: rows of cells (an empty row is a blank line). */
export function csvDocument(rows: readonly (readonly (string | number)[])[]): string {
  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`
}
