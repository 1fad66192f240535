import { assignPseudonyms, type PseudonymSecret } from '@continuity/access';

/**
 * Pseudonyms for practices, shown to other practices instead of names: an HMAC of each practice id
 * under the server's pseudonym secret ("Practice 7KQ2MX"; @continuity/access `assignPseudonyms`
 * explains the choice). Pseudonyms already in the table are kept, so practices are never renamed
 * when practices are added or the secret changes, with one exception:
 *
 * Legacy pseudonyms "Practice P01".."Practice P999" numbered practices in the order of an *unkeyed*
 * SHA-256 of their ids. The ids are public slugs, so anyone could recompute that order and undo the
 * pseudonyms; they protect nothing and are replaced once by keyed ones. (New codes have at least six
 * characters, so no keyed pseudonym is ever taken for a legacy one.)
 */
const LEGACY = /^Practice P\d{2,3}$/;

export function isLegacyPseudonym(pseudonym: string): boolean {
  return LEGACY.test(pseudonym);
}

/**
 * The pseudonym of each of `ids`: kept from `existing` (id -> pseudonym, every practice in the
 * table) unless legacy, else newly assigned without clashing with any pseudonym kept.
 */
export function practicePseudonyms(
  secret: PseudonymSecret,
  ids: readonly string[],
  existing: ReadonlyMap<string, string> = new Map(),
): Map<string, string> {
  const kept = new Map([...existing].filter(([, pseudonym]) => !isLegacyPseudonym(pseudonym)));
  return assignPseudonyms(secret, ids, kept);
}
