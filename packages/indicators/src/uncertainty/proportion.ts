/**
 * Confidence intervals for a proportion x / n, from the numerator and denominator (never from a
 * rounded or suppressed value).
 *
 * Wilson (1927) score interval: the p whose score test against x / n is not rejected,
 *   centre = (x + z²/2) / (n + z²),  half-width = z √(x(n − x)/n + z²/4) / (n + z²);
 * Newcombe (1998) found it near nominal coverage even for small n and p near 0 or 1, where the
 * simple p ± z√(p(1−p)/n) fails (it gives negative limits, and zero width at x = 0).
 *
 * Clopper-Pearson (1934) "exact" interval: the beta quantiles B(α/2; x, n − x + 1) and
 * B(1 − α/2; x + 1, n − x); conservative (coverage at least nominal), used where n is small.
 */
import { betaQuantile } from './beta';
import { zFor } from './normal';

export interface Interval {
  lower: number;
  upper: number;
  method: 'wilson' | 'exact';
}

/** Below this denominator `proportionInterval` gives the exact interval (PHE's Fingertips uses exact limits for small counts too). */
export const SMALL_DENOMINATOR = 30;

function checked(x: number, n: number): void {
  if (!(n > 0) || !(x >= 0) || x > n || !Number.isFinite(x) || !Number.isFinite(n)) {
    throw new RangeError(`a proportion needs 0 <= x <= n, n > 0: ${x} / ${n}`);
  }
}

export function wilsonInterval(x: number, n: number, level = 0.95): Interval {
  checked(x, n);
  const z = zFor(level);
  const z2 = z * z;
  const centre = (x + z2 / 2) / (n + z2);
  const half = (z * Math.sqrt((x * (n - x)) / n + z2 / 4)) / (n + z2);
  return { lower: Math.max(0, centre - half), upper: Math.min(1, centre + half), method: 'wilson' };
}

export function clopperPearsonInterval(x: number, n: number, level = 0.95): Interval {
  checked(x, n);
  if (!Number.isInteger(x) || !Number.isInteger(n)) throw new RangeError(`exact limits need whole counts: ${x} / ${n}`);
  const alpha = 1 - level;
  const lower = x === 0 ? 0 : betaQuantile(alpha / 2, x, n - x + 1);
  const upper = x === n ? 1 : betaQuantile(1 - alpha / 2, x + 1, n - x);
  return { lower, upper, method: 'exact' };
}

/** Exact where the counts are whole and n is small, Wilson otherwise (e.g. full-time-equivalent counts). */
export function proportionInterval(x: number, n: number, level = 0.95): Interval {
  return n < SMALL_DENOMINATOR && Number.isInteger(x) && Number.isInteger(n)
    ? clopperPearsonInterval(x, n, level)
    : wilsonInterval(x, n, level);
}
