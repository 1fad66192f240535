import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fileIssue, type Issue } from './issues';

/**
 * Parses XML into plain objects with every value kept as text (never numbers: CHILD '0012' must stay
 * '0012'). `arrays` lists element paths (dot-separated from the root) that may repeat, so one occurrence
 * still comes back as a list. Malformed XML is reported with its line and column rather than thrown.
 */
export function readXml(file: string, text: string, arrays: readonly string[]): { doc: Record<string, unknown> } | { issue: Issue } {
  const check = XMLValidator.validate(text);
  if (check !== true) {
    const { msg, line, col } = check.err;
    return { issue: fileIssue(file, 'FILE-XML', `The XML is not well formed at line ${line}, column ${col}: ${msg}`) };
  }
  const repeated = new Set(arrays);
  const parser = new XMLParser({
    ignoreAttributes: true,
    ignoreDeclaration: true,
    ignorePiTags: true,
    parseTagValue: false,
    trimValues: true,
    isArray: (_name, jpath) => repeated.has(String(jpath)),
  });
  try {
    return { doc: parser.parse(text) as Record<string, unknown> };
  } catch (error) {
    return { issue: fileIssue(file, 'FILE-XML', `The XML could not be read: ${error instanceof Error ? error.message : String(error)}`) };
  }
}

/** The text of a leaf element: '' for <X/>, undefined when absent; a repeated leaf gives its first value. */
export function leaf(node: unknown, name: string): string | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  let v = (node as Record<string, unknown>)[name];
  if (Array.isArray(v)) v = v[0];
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object') return ''; // an element where text was expected: treat as blank, never crash
  return String(v);
}

export function children(node: unknown, name: string): Record<string, unknown>[] {
  if (node === null || typeof node !== 'object') return [];
  const v = (node as Record<string, unknown>)[name];
  if (v === undefined || v === null) return [];
  const list = Array.isArray(v) ? v : [v];
  return list.map((x) => (x !== null && typeof x === 'object' ? (x as Record<string, unknown>) : {}));
}
