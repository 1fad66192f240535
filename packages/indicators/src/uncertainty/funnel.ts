/**
 * Funnel plot control limits for proportions (Spiegelhalter 2005, "Funnel plots for comparing
 * institutional performance", Statistics in Medicine 24:1185-1202). For a target θ0 and a
 * denominator n the limits are θ0 ± z √(θ0(1 − θ0)/n), z = 1.96 (95%) and 3.09 (99.8%), drawn
 * against n. Units are judged against their own denominator's limits, so a small unit is not
 * flagged for noise.
 *
 * Over-dispersion (§5): when units differ by more than chance around θ0, too many fall outside.
 * z_i = (y_i − θ0)/s_i, s_i = √(θ0(1 − θ0)/n_i); winsorised at the 10th and 90th percentiles
 * (R's type 7 quantiles) so that the outliers being looked for do not inflate the estimate;
 * φ = Σ z_i² / I. Over-dispersion is taken as real when Iφ exceeds the upper 95% point of χ² on
 * I − 1 degrees of freedom (Wilson-Hilferty approximation); then either
 *   multiplicative: θ0 ± z √(φ θ0(1 − θ0)/n), or
 *   additive (random effects): θ0 ± z √(θ0(1 − θ0)/n + τ²), τ² = (Iφ − (I − 1)) / (Σw − Σw²/Σw),
 *   w_i = 1/s_i² (a DerSimonian-Laird estimate), 0 when Iφ <= I − 1.
 */
import { normalQuantile, zFor } from './normal';

export interface FunnelUnit {
  numerator: number;
  denominator: number;
}

export interface Overdispersion {
  /** Units the estimate is over. */
  units: number;
  /** Winsorised mean squared z-score; 1 when units vary as chance alone would make them. */
  phi: number;
  tau2: number;
  /** Iφ beyond the 95% point of χ² on I − 1 df: the limits should be widened. */
  present: boolean;
}

export type Adjustment = 'none' | 'multiplicative' | 'additive';

export interface Limits {
  lower: number;
  upper: number;
}

function quantile7(sorted: readonly number[], p: number): number {
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The upper `level` point of χ² on k degrees of freedom (Wilson-Hilferty; within 1% for k >= 3). */
export function chiSquareQuantile(level: number, k: number): number {
  const z = normalQuantile(level);
  const c = 2 / (9 * k);
  return k * (1 - c + z * Math.sqrt(c)) ** 3;
}

export function overdispersion(units: readonly FunnelUnit[], target: number): Overdispersion {
  const used = units.filter((u) => u.denominator > 0);
  const variance = target * (1 - target);
  const zs = used.map((u) => (u.numerator / u.denominator - target) / Math.sqrt(variance / u.denominator));
  const sorted = [...zs].sort((a, b) => a - b);
  const count = used.length;
  if (count < 2) return { units: count, phi: 1, tau2: 0, present: false };
  const [lo, hi] = [quantile7(sorted, 0.1), quantile7(sorted, 0.9)];
  const phi = zs.reduce((sum, z) => sum + Math.min(hi, Math.max(lo, z)) ** 2, 0) / count;
  const weights = used.map((u) => u.denominator / variance);
  const sw = weights.reduce((a, b) => a + b, 0);
  const sw2 = weights.reduce((a, b) => a + b * b, 0);
  const excess = count * phi - (count - 1);
  const tau2 = excess > 0 ? excess / (sw - sw2 / sw) : 0;
  return { units: count, phi, tau2, present: count * phi > chiSquareQuantile(0.95, count - 1) };
}

/** The limits around `target` at denominator n for a two-sided `level` (0.95, 0.998), clamped to [0, 1]. */
export function funnelLimits(
  target: number,
  n: number,
  level: number,
  adjust: { method: Adjustment; phi?: number; tau2?: number } = { method: 'none' },
): Limits {
  const z = zFor(level);
  const variance = (target * (1 - target)) / n;
  const spread =
    adjust.method === 'multiplicative'
      ? Math.sqrt(Math.max(1, adjust.phi ?? 1) * variance)
      : adjust.method === 'additive'
        ? Math.sqrt(variance + (adjust.tau2 ?? 0))
        : Math.sqrt(variance);
  return { lower: Math.max(0, target - z * spread), upper: Math.min(1, target + z * spread) };
}
