import { parseIsoDate } from '../dates';
import { fileIssue, type Issue, type Origin } from '../issues';
import { decodeText } from '../text';
import { children, leaf, readXml } from '../xml';
import { LA_LEVEL_FIELDS, WORKER_FIELDS, type CswwHeader, type CswwKind, type CswwModel } from './model';

export interface CswwParseResult {
  kind: 'csww';
  model: CswwModel;
  issues: Issue[];
}

const ROOT = 'Message';
const ARRAYS = [`${ROOT}.CSWWWorker`, `${ROOT}.Header.Source`];
/** xs:decimal: optional sign, digits, optional fraction (no exponent, no thousands separators). */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const INTEGER = /^[+-]?\d+$/;

/** A converter for one record type; the field list is read once, not per record. */
function converter(fields: Record<string, CswwKind>) {
  const entries = Object.entries(fields);
  return (node: Record<string, unknown>, origin: Origin) => {
    const row: Record<string, unknown> = { origin };
    let invalid: Record<string, string> | undefined;
    for (const [name, kind] of entries) {
      const text = (leaf(node, name) ?? '').trim();
      let value: string | number | null = text === '' ? null : text;
      if (value !== null && kind !== 'code' && kind !== 'string') {
        const ok = kind === 'date' ? parseIsoDate(text) !== null : (kind === 'integer' ? INTEGER : DECIMAL).test(text);
        value = !ok ? null : kind === 'date' ? text : Number(text);
        if (!ok) (invalid ??= {})[name] = text;
      }
      row[name] = value;
    }
    if (invalid) row.invalid = invalid;
    return row;
  };
}

const convertLaLevel = converter(LA_LEVEL_FIELDS);
const convertWorker = converter(WORKER_FIELDS);

/**
 * Reads a children's social work workforce census return (CSWW XML, root `Message`): the header (collection,
 * year, reference date, LEA), LALevelVacancies, and one record per CSWWWorker. A worker's origin row is its
 * 1-based position among CSWWWorker elements.
 */
export function parseCswwXml(file: { name: string; bytes: Uint8Array }): CswwParseResult {
  const model: CswwModel = { file: file.name, header: null, laLevel: null, workers: [] };
  const decoded = decodeText(file.name, file.bytes);
  if ('issue' in decoded) return { kind: 'csww', model, issues: [decoded.issue] };
  const read = readXml(file.name, decoded.text, ARRAYS);
  if ('issue' in read) return { kind: 'csww', model, issues: [read.issue] };
  const root = read.doc[ROOT];
  if (root === undefined) {
    const found = Object.keys(read.doc)[0] ?? 'nothing';
    return {
      kind: 'csww',
      model,
      issues: [
        fileIssue(
          file.name,
          'FILE-XML',
          `This is not a workforce census XML return: the root element is ${found}, expected ${ROOT}.`,
        ),
      ],
    };
  }
  const header = children(root, 'Header')[0];
  if (header) {
    const details = children(header, 'CollectionDetails')[0] ?? {};
    const source = children(header, 'Source')[0] ?? {};
    const text = (node: Record<string, unknown>, name: string) => {
      const v = (leaf(node, name) ?? '').trim();
      return v === '' ? null : v;
    };
    const h: CswwHeader = {
      origin: { file: file.name, row: 0, path: 'Header' },
      Collection: text(details, 'Collection'),
      Year: text(details, 'Year'),
      ReferenceDate: null,
      LEA: text(source, 'LEA'),
    };
    const ref = text(details, 'ReferenceDate');
    if (ref !== null) {
      h.ReferenceDate = parseIsoDate(ref);
      if (h.ReferenceDate === null) h.invalid = { ReferenceDate: ref };
    }
    model.header = h;
  }
  const la = children(root, 'LALevelVacancies')[0];
  if (la) {
    model.laLevel = convertLaLevel(la, {
      file: file.name,
      row: 0,
      path: 'LALevelVacancies',
    }) as unknown as CswwModel['laLevel'];
  }
  children(root, 'CSWWWorker').forEach((w, i) => {
    const origin = { file: file.name, row: i + 1, path: `CSWWWorker[${i + 1}]` };
    model.workers.push(convertWorker(w, origin) as unknown as CswwModel['workers'][number]);
  });
  return { kind: 'csww', model, issues: [] };
}
