/**
 * Stable pseudonyms for practices, shown to other practices instead of names (practices.pseudonym).
 *
 * Choice: an HMAC-SHA256 of the practice id under a server secret, written in Crockford base32
 * ("Practice 7KQ2MX"). Why not a number by sorted position, or by an unkeyed hash of the id:
 * - stability: a practice's pseudonym depends on its own id only, so adding practices never renames
 *   existing ones (a rank in a sorted list shifts whenever a practice is added before it);
 * - secrecy: practice ids are slugs of public names (swp-kent), so anything computable from the ids
 *   alone (their sorted order, their SHA-256) can be recomputed by any peer to undo the pseudonyms.
 *   The key makes the mapping unguessable; it is configuration, never committed.
 * The column keeps pseudonyms once given, so a lost or rotated secret renames nobody: `assignPseudonyms`
 * keeps existing ones and checks new ones against them.
 *
 * Six base32 characters give 2^30 codes; for a few hundred practices a clash is about 1 in 20,000, and
 * is resolved by lengthening the clashing codes (order-independent, so the same set gives the same result).
 */
import { createHmac } from 'node:crypto';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const PSEUDONYM_PREFIX = 'Practice ';
export const PSEUDONYM_LENGTH = 6;
/** Domain separation: the same secret used elsewhere gives unrelated values. */
const LABEL = 'continuity/practice-pseudonym/v1:';
const MIN_SECRET_BYTES = 16;

export type PseudonymSecret = string | Uint8Array;

/** The full code (52 characters) for an id; pseudonyms are its prefixes. */
export function pseudonymCode(secret: PseudonymSecret, practiceId: string): string {
  checkSecret(secret);
  const digest = createHmac('sha256', secret)
    .update(LABEL + practiceId)
    .digest();
  return base32(digest);
}

/** The pseudonym of one practice with the default length (what a new practice gets unless it clashes). */
export function practicePseudonym(secret: PseudonymSecret, practiceId: string, length = PSEUDONYM_LENGTH): string {
  return PSEUDONYM_PREFIX + pseudonymCode(secret, practiceId).slice(0, length);
}

/**
 * Pseudonyms for `ids`: those in `existing` (id -> pseudonym, from the database) are kept; each new id gets
 * the shortest code of at least six characters that no existing pseudonym and no other id's code of that
 * length shares.
 */
export function assignPseudonyms(
  secret: PseudonymSecret,
  ids: readonly string[],
  existing: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const result = new Map<string, string>();
  const taken = new Set(existing.values());
  const fresh = [...new Set(ids)].filter((id) => {
    const kept = existing.get(id);
    if (kept !== undefined) result.set(id, kept);
    return kept === undefined;
  });
  const codes = new Map(fresh.map((id) => [id, pseudonymCode(secret, id)]));
  for (const [id, code] of codes) {
    let length = PSEUDONYM_LENGTH;
    const clashes = (n: number) =>
      taken.has(PSEUDONYM_PREFIX + code.slice(0, n)) ||
      [...codes].some(([other, c]) => other !== id && c.slice(0, n) === code.slice(0, n));
    while (clashes(length)) {
      if (++length > code.length) throw new Error(`no unique pseudonym for practice ${id}`);
    }
    result.set(id, PSEUDONYM_PREFIX + code.slice(0, length));
  }
  return result;
}

function checkSecret(secret: PseudonymSecret): void {
  const bytes = typeof secret === 'string' ? Buffer.byteLength(secret) : secret.byteLength;
  if (bytes < MIN_SECRET_BYTES) throw new Error(`pseudonym secret must be at least ${MIN_SECRET_BYTES} bytes`);
}

/** RFC 4648 bit order with Crockford's alphabet (no I, L, O, U: nothing to misread). */
function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += CROCKFORD[(buffer << (5 - bits)) & 31];
  return out;
}

const ANONYMOUS_PREFIX = 'anon-';
const ANONYMOUS_ENCODED_PREFIX = 'anon_';

/**
 * The id a practice shows to viewers who see it only under its pseudonym. Opaque and derived from
 * the pseudonym alone (never from the practice id), reversible so the API can accept it back:
 * 'Practice 7KQ2MX' -> 'anon-7KQ2MX'; a pseudonym of another form -> 'anon_' + its base64url.
 * Real practice ids are lower-case slugs, so neither form can be mistaken for one.
 */
export function anonymousPracticeId(pseudonym: string): string {
  const code = pseudonym.startsWith(PSEUDONYM_PREFIX) ? pseudonym.slice(PSEUDONYM_PREFIX.length) : '';
  if (/^[0-9A-Z]{1,52}$/.test(code)) return `${ANONYMOUS_PREFIX}${code}`;
  return `${ANONYMOUS_ENCODED_PREFIX}${Buffer.from(pseudonym, 'utf8').toString('base64url')}`;
}

/** The pseudonym an anonymous id stands for, or undefined when `id` is not one. */
export function pseudonymFromAnonymousId(id: string): string | undefined {
  if (id.length > 300) return undefined;
  if (id.startsWith(ANONYMOUS_PREFIX)) {
    const code = id.slice(ANONYMOUS_PREFIX.length);
    return /^[0-9A-Z]{1,52}$/.test(code) ? PSEUDONYM_PREFIX + code : undefined;
  }
  if (id.startsWith(ANONYMOUS_ENCODED_PREFIX)) {
    const encoded = id.slice(ANONYMOUS_ENCODED_PREFIX.length);
    if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return undefined;
    const pseudonym = Buffer.from(encoded, 'base64url').toString('utf8');
    return pseudonym.length > 0 && anonymousPracticeId(pseudonym) === id ? pseudonym : undefined;
  }
  return undefined;
}
