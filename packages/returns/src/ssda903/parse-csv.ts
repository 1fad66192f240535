import { CsvError, parse } from 'csv-parse/sync';
import { fileIssue, type Issue } from '../issues';
import { rowBuilder, type RowBuilder } from './convert';
import { recogniseTable, TABLES, type RowOf, type TableKey } from './tables';

export type CsvTableResult =
  | { ok: true; table: TableKey; rows: RowOf<TableKey>[]; issues: Issue[] }
  | { ok: false; issues: Issue[] };

/**
 * Reads one 903 CSV (DfE column names on the first line; any file name). Records are converted one at a time
 * inside csv-parse's on_record hook, so no intermediate array of raw records is built; the same options work
 * unchanged with csv-parse's streaming API.
 */
export function parseSsda903Csv(file: string, input: string | Uint8Array): CsvTableResult {
  const issues: Issue[] = [];
  let table: TableKey | undefined;
  let index: Map<string, number> | undefined;
  let cellOf: (number | undefined)[] = [];
  let width = 0;
  let build: RowBuilder<TableKey> | undefined;
  let headerError = false;
  let rows: RowOf<TableKey>[];
  try {
    // Bytes go to csv-parse as a Buffer (no copy): given a string it would encode it back to bytes itself.
    const data = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
    rows = parse(data, {
      bom: true,
      relax_column_count: true,
      // Blank lines are kept as records (and dropped below) so that the record count is the spreadsheet row:
      // a spreadsheet shows every line as a row, and a quoted cell spanning lines as one.
      skip_empty_lines: false,
      on_record: (record: string[], context: { records: number }) => {
        if (headerError) return null;
        const row = context.records;
        // Blank lines, and the rows of bare commas Excel leaves at the end of a sheet.
        if (record.every((cell) => cell.trim() === '')) return null;
        if (!build) {
          const found = recogniseTable(record);
          if (!found.ok) {
            headerError = true;
            issues.push(fileIssue(file, 'FILE-HEADER', found.message));
            return null;
          }
          table = found.table;
          width = record.length;
          index = new Map(record.map((c, i) => [c.trim().toUpperCase(), i]));
          build = rowBuilder(found.table);
          cellOf = build.columns.map((c) => index!.get(c));
          if (found.extra.length > 0) {
            issues.push(
              fileIssue(
                file,
                'FILE-EXTRA-COLUMNS',
                `Columns not part of the ${TABLES[found.table].name} table were ignored: ${found.extra.join(', ')}.`,
                'warning',
              ),
            );
          }
          return null;
        }
        if (record.length > width) {
          issues.push({
            file,
            row,
            column: '',
            rule: 'FILE-ROW-LENGTH',
            severity: 'error',
            message:
              `This row has ${record.length} values but the header has ${width} columns, so its values may be in ` +
              `the wrong columns (an unquoted comma?).`,
            value: record.slice(width).join(','),
            child: record[index!.get('CHILD')!]?.trim(),
          });
        }
        return build((field) => {
          const cell = cellOf[field];
          return cell === undefined ? undefined : record[cell];
        }, { file, row });
      },
    }) as RowOf<TableKey>[];
  } catch (error) {
    const lines = error instanceof CsvError ? (error as unknown as { lines?: number }).lines : undefined;
    const where = lines ? ` near line ${lines}` : '';
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [fileIssue(file, 'FILE-CSV', `The file could not be read as CSV${where}: ${why}`)] };
  }
  if (headerError) return { ok: false, issues };
  if (!table) return { ok: false, issues: [fileIssue(file, 'FILE-EMPTY', 'The file has no header row.')] };
  return { ok: true, table, rows, issues };
}
