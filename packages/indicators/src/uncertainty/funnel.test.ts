/**
 * Funnel limits (Spiegelhalter 2005), worked by hand. Target θ0 = 0.1, so θ0(1 − θ0) = 0.09.
 *
 * Plain limits at n = 100: s = √(0.09/100) = 0.03;
 *   95%:   0.1 ± 1.959964 x 0.03 = 0.041201 .. 0.158799
 *   99.8%: 0.1 ± 3.090232 x 0.03 = 0.007293 .. 0.192707
 *
 * Over-dispersion over five units (y/n, p, s, z = (p − 0.1)/s):
 *   5/100   0.05  0.03      −1.666667
 *   20/100  0.20  0.03       3.333333
 *   10/50   0.20  0.042426   2.357023
 *   2/40    0.05  0.047434  −1.054093
 *   30/200  0.15  0.021213   2.357023
 * Sorted z: −1.666667, −1.054093, 2.357023, 2.357023, 3.333333. Type 7 quantiles: Q10 at h = 0.4,
 * −1.666667 + 0.4 x 0.612574 = −1.421637; Q90 at h = 3.6, 2.357023 + 0.6 x 0.976311 = 2.942809.
 * Winsorised z²: 2.021052, 1.111111, 5.555556, 8.660124 (3.333333 -> 2.942809), 5.555556;
 * φ = 22.903399 / 5 = 4.580680. Iφ = 22.9034 > χ²(0.95, 4) = 9.4877: over-dispersed.
 * w = n / 0.09: 1111.11, 1111.11, 555.56, 444.44, 2222.22; Σw = 5444.44, Σw² = 7913580.2;
 * τ² = (22.903399 − 4) / (5444.44 − 7913580.2/5444.44) = 18.903399 / 3990.93 = 0.0047366.
 */
import { describe, expect, it } from 'vitest';
import { chiSquareQuantile, funnelLimits, overdispersion } from './funnel';

const UNITS = [
  { numerator: 5, denominator: 100 },
  { numerator: 20, denominator: 100 },
  { numerator: 10, denominator: 50 },
  { numerator: 2, denominator: 40 },
  { numerator: 30, denominator: 200 },
];

describe('funnel limits', () => {
  it('95% and 99.8% around the target', () => {
    const l95 = funnelLimits(0.1, 100, 0.95);
    expect(l95.lower).toBeCloseTo(0.041201, 6);
    expect(l95.upper).toBeCloseTo(0.158799, 6);
    const l998 = funnelLimits(0.1, 100, 0.998);
    expect(l998.lower).toBeCloseTo(0.007293, 6);
    expect(l998.upper).toBeCloseTo(0.192707, 6);
  });

  it('narrow as the denominator grows (n = 400: half the width of n = 100)', () => {
    const wide = funnelLimits(0.1, 100, 0.95);
    const narrow = funnelLimits(0.1, 400, 0.95);
    expect(narrow.upper - narrow.lower).toBeCloseTo((wide.upper - wide.lower) / 2, 12);
  });

  it('estimates φ (winsorised) and τ², and flags over-dispersion', () => {
    const od = overdispersion(UNITS, 0.1);
    expect(od.units).toBe(5);
    expect(od.phi).toBeCloseTo(4.58068, 5);
    expect(od.present).toBe(true);
    expect(chiSquareQuantile(0.95, 4)).toBeCloseTo(9.4877, 1);
    expect(od.tau2).toBeCloseTo(0.0047366, 6);
  });

  it('widens the limits by φ (multiplicative) or τ² (additive)', () => {
    const od = overdispersion(UNITS, 0.1);
    const times = funnelLimits(0.1, 100, 0.95, { method: 'multiplicative', phi: od.phi });
    // 0.1 + 1.959964 x √(4.580680 x 0.0009) = 0.225845; the lower limit clamps at 0.
    expect(times.upper).toBeCloseTo(0.225845, 5);
    expect(times.lower).toBe(0);
    const plus = funnelLimits(0.1, 100, 0.95, { method: 'additive', tau2: od.tau2 });
    // 0.1 + 1.959964 x √(0.0009 + 0.0047366) = 0.247149.
    expect(plus.upper).toBeCloseTo(0.247149, 5);
  });

  it('finds none when units vary less than chance', () => {
    const od = overdispersion(
      [
        { numerator: 10, denominator: 100 },
        { numerator: 11, denominator: 100 },
        { numerator: 9, denominator: 100 },
        { numerator: 20, denominator: 200 },
      ],
      0.1,
    );
    expect(od.present).toBe(false);
    // Iφ below I − 1: no between-unit variance.
    expect(od.tau2).toBe(0);
  });
});
