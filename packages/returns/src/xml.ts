import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SaxesParser } from 'saxes';
import { fileIssue, type Issue } from './issues';

export type XmlRead = { doc: Record<string, unknown> } | { issue: Issue };

/**
 * Parses XML into plain objects with every value kept as text (never numbers: CHILD '0012' must stay
 * '0012'). `arrays` lists element paths (dot-separated from the root) that may repeat, so one occurrence
 * still comes back as a list. Malformed XML is reported with its line and column rather than thrown.
 *
 * The objects are those fast-xml-parser gives (readXmlTree below), but a well-formed document is read in one
 * streaming pass of saxes, a conforming parser, instead of fast-xml-parser's validator pass and then its
 * tree (about four times less CPU). Anything saxes rejects, and the few constructs where the two differ,
 * go to readXmlTree, so malformed files get exactly the messages they always did.
 */
export function readXml(file: string, text: string, arrays: readonly string[]): XmlRead {
  const repeated = new Set(arrays);
  const doc = streamTree(text, repeated);
  return doc ? { doc } : readXmlTree(file, text, repeated);
}

/** fast-xml-parser's validator, then its document tree: the reference reading, and the fallback. */
export function readXmlTree(file: string, text: string, repeated: ReadonlySet<string>): XmlRead {
  const check = XMLValidator.validate(text);
  if (check !== true) {
    const { msg, line, col } = check.err;
    return { issue: fileIssue(file, 'FILE-XML', `The XML is not well formed at line ${line}, column ${col}: ${msg}`) };
  }
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
    return {
      issue: fileIssue(
        file,
        'FILE-XML',
        `The XML could not be read: ${error instanceof Error ? error.message : String(error)}`,
      ),
    };
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

/** Raised inside saxes's handlers to stop at the first thing the streaming reader leaves to readXmlTree. */
class Fallback extends Error {}

/** fast-xml-parser's name rule (its validator's `isName`): XML's, less characters outside the BMP. */
const FXP_NAME =
  // biome-ignore lint/suspicious/noMisleadingCharacterClass: copied as fast-xml-parser has it, to agree with it exactly
  /^[:A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD][:A-Za-z_\u00C0-\u00D6\u00D8-\u00F6\u00F8-\u02FF\u0370-\u037D\u037F-\u1FFF\u200C-\u200D\u2070-\u218F\u2C00-\u2FEF\u3001-\uD7FF\uF900-\uFDCF\uFDF0-\uFFFD\-.\d\u00B7\u0300-\u036F\u203F-\u2040]*$/;

/** fast-xml-parser's nesting limit (maxNestedTags): deeper documents are its error to report. */
const MAX_DEPTH = 100;

/** A distinct element path (root.child.grandchild) met in the document: met once, checked once. */
interface PathNode {
  /** Whether fast-xml-parser's isArray says elements here are always lists. */
  repeated: boolean;
  path: string;
  children: Map<string, PathNode>;
}

interface OpenElement {
  name: string;
  at: PathNode;
  /** The child elements, once one has closed. */
  node: Record<string, unknown> | undefined;
  /** Text so far: each run between tags trimmed, then joined (fast-xml-parser's '#text'). */
  text: string;
}

/**
 * The tree fast-xml-parser would give (with readXmlTree's options) for a document saxes finds well formed,
 * or undefined to leave the document to readXmlTree. That is the case for anything saxes rejects, and for
 * what fast-xml-parser reads differently from the XML specification: character references (&#...; it
 * leaves as written), CDATA sections, processing instructions (each splits text in its tree), a DOCTYPE
 * (its own entity handling), XML 1.1 (other line ends), names its validator refuses or renames (outside
 * the BMP; Object.prototype's), and nesting past its limit.
 */
export function streamTree(xml: string, repeated: ReadonlySet<string>): Record<string, unknown> | undefined {
  // Cheap whole-text checks (a hit inside a comment only costs the slower path). An XML declaration can
  // only be at the very start, so any other '<?' is a processing instruction.
  if (xml.includes('&#') || xml.includes('<![CDATA[') || xml.includes('<!DOCTYPE') || xml.indexOf('<?', 1) !== -1)
    return undefined;
  const doc: Record<string, unknown> = {};
  const stack: OpenElement[] = [];
  const top: PathNode = { repeated: false, path: '', children: new Map() };
  // Names are checked, and paths built, once per distinct path rather than per element.
  const child = (parent: PathNode, name: string, attributes: object) => {
    let at = parent.children.get(name);
    if (at === undefined) {
      checkName(name);
      const path = parent === top ? name : `${parent.path}.${name}`;
      at = { repeated: repeated.has(path), path, children: new Map() };
      parent.children.set(name, at);
    }
    for (const a in attributes) checkName(a);
    return at;
  };
  let pending = '';
  // Text between two tags may come in several events (around a comment, which fast-xml-parser drops
  // without splitting the text); it is trimmed as one run when the next tag starts or ends.
  const flush = (into: OpenElement | undefined) => {
    if (pending === '') return;
    const t = pending.trim();
    if (t !== '' && into) into.text += t;
    pending = '';
  };
  const checkName = (name: string) => {
    if (!FXP_NAME.test(name) || name in Object.prototype || name === 'prototype') throw new Fallback();
  };
  // No position tracking: errors are reported by readXmlTree. Five handlers only: in V8, a parser given
  // eight (doctype, cdata, processinginstruction too) ran about six times slower.
  const parser = new SaxesParser({ position: false });
  parser.on('error', () => {
    throw new Fallback();
  });
  parser.on('xmldecl', (decl) => {
    if (decl.version !== '1.0') throw new Fallback();
  });
  parser.on('text', (t) => {
    pending += t;
  });
  parser.on('opentag', (tag) => {
    const parent = stack[stack.length - 1];
    const at = child(parent ? parent.at : top, tag.name, tag.attributes);
    flush(parent);
    if (stack.length >= MAX_DEPTH) throw new Fallback();
    stack.push({ name: tag.name, at, node: undefined, text: '' });
  });
  parser.on('closetag', () => {
    const el = stack.pop()!;
    flush(el);
    // An element with child elements is an object (its own text, if any, under '#text'); else its text.
    let value: unknown = el.text;
    if (el.node) {
      if (el.text !== '') el.node['#text'] = el.text;
      value = el.node;
    }
    const parent = stack[stack.length - 1];
    const into = parent ? (parent.node ??= {}) : doc;
    const earlier = into[el.name];
    if (earlier === undefined) into[el.name] = el.at.repeated ? [value] : value;
    else if (Array.isArray(earlier)) earlier.push(value);
    else into[el.name] = [earlier, value];
  });
  try {
    parser.write(xml).close();
  } catch {
    // Fallback, or anything unforeseen: the reference reading decides.
    return undefined;
  }
  return doc;
}
