import { parseDfeDate } from '../dates';
import type { Origin } from '../issues';
import { TABLES, type FieldKind, type RowOf, type TableKey } from './tables';

const INTEGER = /^[+-]?\d+$/;

/**
 * Turns raw text (a CSV cell or an XML element) into a typed row. Shared by both readers so the CSV and XML
 * forms of a return give identical rows. `raw(i)` returns the text of the table's i-th DfE column (in
 * TABLES order), or undefined when absent; readers map that index to a cell position or an element name
 * once, not per row. `fromCells(cells, at, origin)` is the same with `raw(i) = cells[at[i]]`, for the CSV
 * reader's hot loop (no closure per row).
 */
export type RowBuilder<K extends TableKey> = ((
  raw: (field: number) => string | undefined,
  origin: Origin,
) => RowOf<K>) & {
  columns: readonly string[];
  fromCells: (cells: readonly string[], at: readonly (number | undefined)[], origin: Origin) => RowOf<K>;
};

export function rowBuilder<K extends TableKey>(table: K): RowBuilder<K> {
  const spec = TABLES[table].columns as Readonly<Record<string, FieldKind>>;
  const columns = Object.keys(spec);
  const kinds = columns.map((c) => spec[c]!);
  /** Sets one field from its raw text; returns the text when it would not convert (kept under `invalid`). */
  const set = (row: Record<string, unknown>, i: number, raw: string | undefined): string | undefined => {
    const column = columns[i]!;
    const kind = kinds[i]!;
    const text = (raw ?? '').trim();
    if (kind === 'id') {
      row[column] = text;
    } else if (text === '') {
      row[column] = null;
    } else if (kind === 'date') {
      const iso = parseDfeDate(text);
      row[column] = iso;
      if (iso === null) return text;
    } else if (kind === 'integer') {
      const ok = INTEGER.test(text);
      row[column] = ok ? Number(text) : null;
      if (!ok) return text;
    } else {
      row[column] = text;
    }
    return undefined;
  };
  const build = (raw: (field: number) => string | undefined, origin: Origin) => {
    const row: Record<string, unknown> = { origin };
    let invalid: Record<string, string> | undefined;
    for (let i = 0; i < columns.length; i++) {
      const bad = set(row, i, raw(i));
      if (bad !== undefined) (invalid ??= {})[columns[i]!] = bad;
    }
    if (invalid) row.invalid = invalid;
    return row as RowOf<K>;
  };
  const fromCells = (cells: readonly string[], at: readonly (number | undefined)[], origin: Origin) => {
    const row: Record<string, unknown> = { origin };
    let invalid: Record<string, string> | undefined;
    for (let i = 0; i < columns.length; i++) {
      const cell = at[i];
      const bad = set(row, i, cell === undefined ? undefined : cells[cell]);
      if (bad !== undefined) (invalid ??= {})[columns[i]!] = bad;
    }
    if (invalid) row.invalid = invalid;
    return row as RowOf<K>;
  };
  return Object.assign(build, { columns, fromCells });
}
