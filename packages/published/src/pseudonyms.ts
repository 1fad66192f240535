import { createHash } from 'node:crypto';

/**
 * Stable pseudonyms for practices ("Practice P01", ...), shown to other practices instead of names.
 * Numbered in the order of a hash of each id, not the ids themselves: alphabetical order would let
 * anyone holding the public list of pilots work a name back from its number. Same ids, same pseudonyms.
 */
export function pseudonymsFor(ids: readonly string[]): Map<string, string> {
  const ordered = [...ids].sort((a, b) => hash(a).localeCompare(hash(b)) || a.localeCompare(b));
  const width = Math.max(2, String(ordered.length).length);
  return new Map(ordered.map((id, i) => [id, `Practice P${String(i + 1).padStart(width, '0')}`]));
}

function hash(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}
