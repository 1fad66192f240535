/**
 * Computed council ranks for one viewer: RANK() among the councils whose computed figure that
 * viewer sees. (Published figures are not re-ranked: every viewer sees the whole published table,
 * so they keep SQL's ranks among it, LAIT's method; see @continuity/indicators rank.ts.)
 *
 * SQL (@continuity/indicators `rankedValues`) ranks every council's chosen computed value,
 * suppressed ones included. Shown as they are, those ranks would place a value the viewer may not see: with A rank 5
 * at 10% and C rank 7 at 12% both visible, the suppressed council is rank 6 and lies in [10, 12], and
 * rankOutOf would count it. So ranks are taken again, per viewer, among the members of each period's
 * field (`SeriesResult.councilValues`: every council with a number, not only the ones requested) that
 * survive disclosure control (primary, secondary, and hiding), as DfE's LAIT ranks only councils with
 * a published value. A viewer who sees every council's figure gets exactly the SQL ranks.
 *
 * Why here, in JavaScript, and not in SQL: whether a computed council figure is shown is decided by
 * secondary suppression over the whole computed table of the period (`discloseTable`), which exists
 * only in @continuity/access; writing the primary rules again in SQL would give two implementations
 * that could drift, and the secondary ones cannot be written there at all. The heavy part stays
 * set-based: SQL sorts and ranks every council once (window functions), and sends the field with the
 * raw ranks in the same statement as the points (no extra statement, none per council). Here each
 * period costs one disclosure per council (~155) and one sort of the visible ones; the raw rank is
 * the order, so this code needs neither the polarity nor float comparisons.
 */

/**
 * Quartile of a computed figure, as `rankedValues` bands computed rows: ceil(4 x rank / n); null
 * under 4 ranked councils. (Published figures use LAIT's value quantiles, in SQL.)
 */
export function quartileOf(rank: number | null, n: number): number | null {
  if (rank === null || n < 4) return null;
  return Math.floor((4 * rank + n - 1) / n);
}

/** A council's place among the members of a ranking. */
interface Placing {
  rank: number | null;
  quartile: number | null;
}

export interface Ranking<K> {
  /** How many councils are ranked: the number of members. */
  outOf: number;
  places: Map<K, Placing>;
}

/**
 * RANK() again among some of one period's councils, from their raw ranks among all councils. Raw
 * ranks order the values exactly as the values do (a smaller raw rank is a strictly better value,
 * equal raw ranks are tied values), so the new rank is 1 + the number of members with a smaller raw
 * rank: what SQL's RANK() would give over the members alone, ties shared and the next rank skipped.
 * A null raw rank (a neutral indicator) stays null but counts in `outOf`, as in SQL.
 */
export function rankAmong<K>(members: Iterable<{ key: K; rank: number | null }>): Ranking<K> {
  const all = [...members];
  const ranked = all.filter((m): m is { key: K; rank: number } => m.rank !== null).sort((a, b) => a.rank - b.rank);
  const places = new Map<K, Placing>();
  for (const m of all) if (m.rank === null) places.set(m.key, { rank: null, quartile: null });
  let rank = 0;
  ranked.forEach((m, i) => {
    if (i === 0 || m.rank !== ranked[i - 1]!.rank) rank = i + 1;
    places.set(m.key, { rank, quartile: quartileOf(rank, all.length) });
  });
  return { outOf: all.length, places };
}
