/**
 * CSV for "download this data": RFC 4180 quoting, CRLF line ends, and a guard against spreadsheet
 * formula injection (a text cell starting with = + - @ or a tab is prefixed with '). Numbers are
 * written as the API gave them (full precision), so a download can be checked against the API.
 */
export type CsvCell = string | number | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(cell: CsvCell): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
  const guarded = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n']/.test(guarded) || guarded !== guarded.trim() ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** "placements_3plus-kent-2017-2024.csv": lower case, safe characters only. */
export function csvFileName(...parts: (string | number | null | undefined)[]): string {
  const slug = parts
    .filter((p): p is string | number => p !== null && p !== undefined && String(p) !== '')
    .map((p) =>
      String(p)
        .toLowerCase()
        .replace(/[^a-z0-9_]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter((p) => p !== '')
    .join('-');
  return `${slug || 'data'}.csv`;
}
