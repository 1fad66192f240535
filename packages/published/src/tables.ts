import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import type { Row } from './subject';

/** Parses a CSV with a header row; DfE files start with a UTF-8 byte order mark. */
export function parseCsv(text: string | Buffer): Row[] {
  return parse(text, { columns: true, bom: true, skip_empty_lines: true }) as Row[];
}

/** Reads a table from the data folder by its relative path, e.g. `ees_cla/la_cla_swcount.csv`. */
function readTable(file: string): Row[] {
  return parseCsv(readFileSync(new URL(file, new URL('../data/', import.meta.url))));
}

/** Reads each table once per load, however many indicators use it. */
export function tableCache(read: (file: string) => Row[] = readTable): (file: string) => Row[] {
  const tables = new Map<string, Row[]>();
  return (file) => {
    let rows = tables.get(file);
    if (!rows) {
      rows = read(file);
      tables.set(file, rows);
    }
    return rows;
  };
}
