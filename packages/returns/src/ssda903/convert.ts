import { parseDfeDate } from '../dates';
import type { Origin } from '../issues';
import { TABLES, type FieldKind, type RowOf, type TableKey } from './tables';

const INTEGER = /^[+-]?\d+$/;

/**
 * Turns raw text (a CSV cell or an XML element) into a typed row. Shared by both readers so the CSV and XML
 * forms of a return give identical rows. `raw(i)` returns the text of the table's i-th DfE column (in
 * TABLES order), or undefined when absent; readers map that index to a cell position or an element name
 * once, not per row.
 */
export type RowBuilder<K extends TableKey> = ((raw: (field: number) => string | undefined, origin: Origin) => RowOf<K>) & {
  columns: readonly string[];
};

export function rowBuilder<K extends TableKey>(table: K): RowBuilder<K> {
  const fields = Object.entries(TABLES[table].columns) as [string, FieldKind][];
  const build = (raw: (field: number) => string | undefined, origin: Origin) => {
    const row: Record<string, unknown> = { origin };
    let invalid: Record<string, string> | undefined;
    for (let i = 0; i < fields.length; i++) {
      const [column, kind] = fields[i]!;
      const text = (raw(i) ?? '').trim();
      if (kind === 'id') {
        row[column] = text;
      } else if (text === '') {
        row[column] = null;
      } else if (kind === 'date') {
        const iso = parseDfeDate(text);
        row[column] = iso;
        if (iso === null) (invalid ??= {})[column] = text;
      } else if (kind === 'integer') {
        const ok = INTEGER.test(text);
        row[column] = ok ? Number(text) : null;
        if (!ok) (invalid ??= {})[column] = text;
      } else {
        row[column] = text;
      }
    }
    if (invalid) row.invalid = invalid;
    return row as RowOf<K>;
  };
  return Object.assign(build, { columns: fields.map(([c]) => c) });
}
