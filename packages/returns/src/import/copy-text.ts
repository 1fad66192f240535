import { OWNER_COLUMNS, type CellValue, type TableRows } from './rows';

/**
 * COPY's text format for child-level rows, built where the rows are read (in a worker thread when the
 * import uses one) and handed to the database writer as UTF-8 bytes: nothing here touches a database.
 */

/** Rows per COPY chunk (PGlite: per statement) and per progress report. */
export const CHUNK_ROWS = 50_000;

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** One value in COPY's text format: \N for null, t/f, and backslash escapes for \, tab, newline, return. */
export function copyField(value: CellValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

/** The COPY text of rows [from, to) of a table, owner columns first. */
function copyText(t: TableRows, owner: readonly CellValue[], from: number, to: number): string {
  const prefix = owner.map(copyField).join('\t') + '\t';
  const lines: string[] = new Array(to - from);
  for (let i = from; i < to; i++) {
    const values = t.values(t.rows[i]);
    let line = prefix;
    for (let c = 0; c < values.length; c++) line += (c === 0 ? '' : '\t') + copyField(values[c]!);
    lines[i - from] = line;
  }
  return lines.join('\n') + '\n';
}

/** A table ready to COPY: its columns (owner columns first) and its rows as UTF-8 COPY text in chunks. */
export interface PreparedTable {
  table: string;
  columns: readonly string[];
  rows: number;
  /** Each holds up to CHUNK_ROWS rows; each has an ArrayBuffer of its own, so it can be transferred. */
  chunks: Uint8Array[];
}

const encoder = new TextEncoder();

export function prepareTable(t: TableRows, owner: readonly [number, string, string | null]): PreparedTable {
  const chunks: Uint8Array[] = [];
  for (let from = 0; from < t.rows.length; from += CHUNK_ROWS) {
    chunks.push(encoder.encode(copyText(t, owner, from, Math.min(t.rows.length, from + CHUNK_ROWS))));
  }
  return { table: t.table, columns: [...OWNER_COLUMNS, ...t.columns], rows: t.rows.length, chunks };
}
