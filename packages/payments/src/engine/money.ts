/**
 * Money, in integer pence with integer (BigInt) arithmetic, so nothing depends on floating point.
 *
 * Allocation of the outcome-linked pot (largest remainder, also called Hamilton's method):
 *   each included indicator gets floor(pot x weight / total weight) pence; the pence left over (fewer
 *   than the number of indicators) go one each to the indicators with the largest remainders
 *   (pot x weight mod total weight), ties to the one listed first in the terms. The allocations add
 *   up to the pot exactly.
 *
 * Earning: achievement is held as millionths (0..1,000,000); earned = floor(allocation x millionths
 *   / 1,000,000), i.e. rounded down to the penny, so a line never pays more than the achievement
 *   reached, and a met line (1,000,000) earns its allocation exactly. The total is the fixed fee plus
 *   the sum of the lines' earned pence, so it adds up by construction.
 */

export const ACHIEVEMENT_SCALE = 1_000_000;

/** Splits `pot` pence by integer `weights` (largest remainder; ties to the earlier index). */
export function allocate(pot: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const total = weights.reduce((a, b) => a + BigInt(b), 0n);
  if (total <= 0n) throw new Error('weights must add up to more than zero');
  const big = BigInt(pot);
  const parts = weights.map((w, index) => {
    const product = big * BigInt(w);
    return { index, share: product / total, remainder: product % total };
  });
  let left = big - parts.reduce((a, p) => a + p.share, 0n);
  const order = [...parts].sort((a, b) =>
    a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1,
  );
  for (const part of order) {
    if (left === 0n) break;
    part.share += 1n;
    left -= 1n;
  }
  return parts.map((p) => Number(p.share));
}

/** Achievement (0..1) as whole millionths, rounded to the nearest (halves up). */
export function toMillionths(achievement: number): number {
  const m = Math.round(achievement * ACHIEVEMENT_SCALE);
  return Math.min(ACHIEVEMENT_SCALE, Math.max(0, m));
}

/** floor(allocation x millionths / 1,000,000), in integers. */
export function earned(allocatedPence: number, millionths: number): number {
  return Number((BigInt(allocatedPence) * BigInt(millionths)) / BigInt(ACHIEVEMENT_SCALE));
}

/** 123456 -> '£1,234.56' (no locale: the same text on every machine). */
export function formatPence(pence: number): string {
  const sign = pence < 0 ? '-' : '';
  const abs = BigInt(Math.abs(pence));
  const pounds = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const rest = (abs % 100n).toString().padStart(2, '0');
  return `${sign}£${pounds}.${rest}`;
}
