import { fileIssue, type Issue } from '../issues';
import { decodeText } from '../text';
import { parseSsda903Csv } from './parse-csv';
import { parseSsda903Xml } from './parse-xml';
import { emptyModel, TABLES, type Ssda903Model, type TableKey } from './tables';

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export interface Ssda903ParseResult {
  kind: 'ssda903';
  model: Ssda903Model;
  /** Problems reading the files (wrong header, broken XML, bad encoding ...). Errors reject the return. */
  issues: Issue[];
}

/** Names that say a file is meant to be a table: a problem reading one is an error, not a skip. */
const TABLE_FILE = /\.(csv|xml)$/i;

/** Files a folder picks up that are never a return's table: hidden and system files (.DS_Store, Thumbs.db). */
export function isSystemFile(name: string): boolean {
  const base = name.split(/[\\/]/).pop() ?? name;
  return base.startsWith('.') || /(^|[\\/])__MACOSX[\\/]/.test(name) || /^(thumbs\.db|desktop\.ini)$/i.test(base);
}

function skipReason(f: UploadedFile): string | undefined {
  return isSystemFile(f.name) ? SYSTEM_FILE : undefined;
}

export const SYSTEM_FILE = 'it is a hidden or system file';

/** FILE-SKIPPED: a warning listing a file that was not read, and why; the return is judged on the others. */
export function skipped(name: string, why: string): Issue {
  return fileIssue(
    name,
    'FILE-SKIPPED',
    `This file was skipped: ${why}. The return was read from the other files.`,
    'warning',
  );
}

/** Does the first non-blank line have a CHILD cell (as every 903 table's header does)? */
function namesAChild(text: string): boolean {
  const line = text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .find((l) => l.split(',').some((c) => c.trim() !== ''));
  return line !== undefined && line.split(',').some((c) => c.trim().replace(/^"|"$/g, '').toUpperCase() === 'CHILD');
}

/** XML is recognised by its content, not its name: files may be called anything. */
function looksLikeXml(text: string): boolean {
  return text.trimStart().startsWith('<');
}

/**
 * Reads a 903 return given either as CSV files (one per table, recognised from the header line) or as one
 * XML file. Never throws on bad input: every problem becomes an issue naming the file.
 */
export function parseSsda903Files(files: readonly UploadedFile[]): Ssda903ParseResult {
  const model = emptyModel();
  const issues: Issue[] = [];
  if (files.length === 0) {
    issues.push(fileIssue('', 'FILE-NONE', 'No files were uploaded.'));
    return { kind: 'ssda903', model, issues };
  }
  const decoded: { name: string; bytes: Uint8Array; text: string; xml: boolean }[] = [];
  for (const f of files) {
    const why = skipReason(f);
    if (why) {
      issues.push(skipped(f.name, why));
      continue;
    }
    const d = decodeText(f.name, f.bytes);
    if ('issue' in d) {
      // A file that is not text and not named as a table (a spreadsheet, a PDF) is set aside, not fatal.
      if (d.issue.rule === 'FILE-ENCODING' && !TABLE_FILE.test(f.name))
        issues.push(skipped(f.name, 'it is not a text file (save each table as CSV)'));
      else issues.push(d.issue);
      continue;
    }
    const xml = looksLikeXml(d.text);
    if (!xml && !namesAChild(d.text)) {
      // A README or notes beside the tables: every 903 table has a CHILD column, so a text file whose
      // first line names none is not a table (a table with a misspelt header still gets FILE-HEADER).
      issues.push(skipped(f.name, 'its first line is not the header of a 903 table (no CHILD column)'));
      continue;
    }
    decoded.push({ name: f.name, bytes: f.bytes, text: d.text, xml });
  }
  const xmls = decoded.filter((d) => d.xml);
  if (xmls.length > 0 && (xmls.length > 1 || decoded.length > 1)) {
    issues.push(
      fileIssue(
        xmls.map((x) => x.name).join(', '),
        'FILE-MIXED',
        'A return is either one XML file or a set of CSV files, one per table. Upload them as separate returns.',
      ),
    );
    return { kind: 'ssda903', model, issues };
  }
  if (xmls.length === 1) {
    const read = parseSsda903Xml(xmls[0]!.name, xmls[0]!.text);
    return { kind: 'ssda903', model: read.model, issues: [...issues, ...read.issues] };
  }
  const seen = new Map<TableKey, string>();
  for (const d of decoded) {
    // Checked as UTF-8 above; the CSV reader decodes the bytes itself, byte order mark and all, as csv-parse would.
    const read = parseSsda903Csv(d.name, d.bytes);
    issues.push(...read.issues);
    if (!read.ok) continue;
    const earlier = seen.get(read.table);
    if (earlier) {
      issues.push(
        fileIssue(
          d.name,
          'FILE-DUPLICATE-TABLE',
          `This file holds the ${TABLES[read.table].name} table, which ${earlier} already supplied. Upload one file per table.`,
        ),
      );
      continue;
    }
    seen.set(read.table, d.name);
    // Assigned, not spread: a national file has more rows than a call may take arguments.
    (model as unknown as Record<string, unknown[]>)[read.table] = read.rows;
    model.sources.push({ table: read.table, file: d.name, format: 'csv', rows: read.rows.length });
  }
  return { kind: 'ssda903', model, issues };
}
