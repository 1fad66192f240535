/**
 * Canonical JSON: the one byte sequence a frozen statement is stored, hashed and served as.
 * - object keys sorted by UTF-16 code unit (JavaScript's default sort), recursively;
 * - no whitespace; strings and numbers as JSON.stringify writes them (shortest round-trip numbers);
 * - `undefined` members are dropped; NaN, Infinity and anything not JSON (functions, bigints, dates)
 *   throw, so a frozen document never holds a value that would not read back the same;
 * - -0 is written as 0.
 * Parsing the text and canonicalising again gives the same bytes.
 */
import { createHash } from 'node:crypto';

export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(value: unknown, path: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonicalJson: ${path} is ${value}, not a finite number`);
      return Object.is(value, -0) ? '0' : JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value))
        return `[${value.map((item, i) => write(item === undefined ? null : item, `${path}[${i}]`)).join(',')}]`;
      const proto = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new Error(`canonicalJson: ${path} is not a plain object`);
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(record[k], `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new Error(`canonicalJson: ${path} is a ${typeof value}, not JSON`);
  }
}

/** Hex SHA-256 of the UTF-8 bytes of `text`. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
