import { CsvError, parse, type Options } from 'csv-parse/sync';
import { fileIssue, type Issue } from '../issues';
import { rowBuilder, type RowBuilder } from './convert';
import { recogniseTable, TABLES, type RowOf, type TableKey } from './tables';

export type CsvTableResult =
  | { ok: true; table: TableKey; rows: RowOf<TableKey>[]; issues: Issue[] }
  | { ok: false; issues: Issue[] };

const CSV_OPTIONS: Options = {
  bom: true,
  relax_column_count: true,
  // Blank lines are kept as records (and dropped when converting) so that the record number is the
  // spreadsheet row: a spreadsheet shows every line as a row, and a quoted cell spanning lines as one.
  skip_empty_lines: false,
};

const utf8 = new TextDecoder('utf-8', { fatal: true });
const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Calls `onRecord` with each record of a CSV and its 1-based record number (the spreadsheet row), exactly
 * as csv-parse with CSV_OPTIONS reads it. Throws what csv-parse throws.
 *
 * A file without a quote character cannot hold a quoted cell, so it needs no tokenizer: records are split
 * on the record delimiter and cells on commas (several times faster than csv-parse, which goes byte by byte
 * and, with a per-record hook, builds a context object for every record). Anything with a quote, or
 * bytes that are not UTF-8, goes to csv-parse.
 */
export function eachCsvRecord(input: string | Uint8Array, onRecord: (record: string[], row: number) => void): void {
  let text: string | undefined;
  if (typeof input === 'string') {
    // csv-parse's `bom` option removes one byte order mark. It reads a string as UTF-8 bytes, where a lone
    // surrogate becomes U+FFFD: text with any surrogate is left to it (the upload path passes bytes).
    text = SURROGATE.test(input) ? undefined : input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  } else {
    try {
      // Strips one UTF-8 byte order mark, as `bom` does; a UTF-16 mark is not UTF-8 and goes to csv-parse.
      text = utf8.decode(input);
    } catch {
      text = undefined;
    }
  }
  if (text !== undefined && !text.includes('"')) {
    eachPlainRecord(text, onRecord);
    return;
  }
  // Bytes go to csv-parse as a Buffer (no copy): given a string it would encode it back to bytes itself.
  const data = typeof input === 'string' ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  // Without skip_empty_lines, from or a record filter every record is returned, so the n-th is record n.
  const records = parse(data, CSV_OPTIONS) as string[][];
  for (let i = 0; i < records.length; i++) onRecord(records[i]!, i + 1);
}

/** csv-parse's reading of text with no quote character (see eachCsvRecord). */
function eachPlainRecord(text: string, onRecord: (record: string[], row: number) => void): void {
  const n = text.length;
  if (n === 0) return;
  // csv-parse takes the first line break it meets (\r\n, else \n, else \r) as the record delimiter for the
  // whole file; any other line break character is then part of a cell.
  const lf = text.indexOf('\n');
  const cr = text.indexOf('\r');
  const delimiter = cr !== -1 && (lf === -1 || cr < lf) ? (text.charCodeAt(cr + 1) === 10 ? '\r\n' : '\r') : '\n';
  let row = 0;
  let pos = 0;
  while (pos < n) {
    const end = text.indexOf(delimiter, pos);
    // Every delimited line is a record (a blank one is ['']); text after the last delimiter is one too.
    onRecord((end === -1 ? text.slice(pos) : text.slice(pos, end)).split(','), ++row);
    if (end === -1) break;
    pos = end + delimiter.length;
  }
}

const isBlank = (cell: string) => cell.trim() === '';

/** Reads one 903 CSV (DfE column names on the first line; any file name). */
export function parseSsda903Csv(file: string, input: string | Uint8Array): CsvTableResult {
  const issues: Issue[] = [];
  let table: TableKey | undefined;
  let childCell: number | undefined;
  let cellOf: (number | undefined)[] = [];
  let width = 0;
  let build: RowBuilder<TableKey> | undefined;
  let headerError = false;
  const rows: RowOf<TableKey>[] = [];
  try {
    eachCsvRecord(input, (record, row) => {
      if (headerError) return;
      // Blank lines, and the rows of bare commas Excel leaves at the end of a sheet.
      if (record.every(isBlank)) return;
      if (!build) {
        const found = recogniseTable(record);
        if (!found.ok) {
          headerError = true;
          issues.push(fileIssue(file, 'FILE-HEADER', found.message));
          return;
        }
        table = found.table;
        width = record.length;
        const index = new Map(record.map((c, i) => [c.trim().toUpperCase(), i]));
        childCell = index.get('CHILD');
        build = rowBuilder(found.table);
        cellOf = build.columns.map((c) => index.get(c));
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
        return;
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
          child: record[childCell!]?.trim(),
        });
      }
      rows.push(build.fromCells(record, cellOf, { file, row }));
    });
  } catch (error) {
    // A record that will not convert is reported like a CSV error, as it was when conversion ran inside
    // csv-parse's record hook.
    const lines = error instanceof CsvError ? (error as unknown as { lines?: number }).lines : undefined;
    const where = lines ? ` near line ${lines}` : '';
    const why = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [fileIssue(file, 'FILE-CSV', `The file could not be read as CSV${where}: ${why}`)] };
  }
  if (headerError) return { ok: false, issues };
  if (!table) return { ok: false, issues: [fileIssue(file, 'FILE-EMPTY', 'The file has no header row.')] };
  return { ok: true, table, rows, issues };
}
